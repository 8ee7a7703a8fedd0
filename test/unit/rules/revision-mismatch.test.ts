import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import { applyEdits, applyFindingFixes } from '../../../server/src/core/fixes';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'revision-mismatch';
const HEAD = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('| A | 2024-01-10'));

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function check(text: string, files: Record<string, string> = {}) {
  const result = await lintFiles({ ...files, 'sop.md': text });
  return { result, list: findings(result, 'sop.md', RULE) };
}

async function fixOnce(text: string, f: Finding, files: Record<string, string> = {}) {
  const out = applyEdits(text, f.fix!.edits);
  const again = await check(out, files);
  expect(again.list).toEqual([]);
  expect(applyFindingFixes(out, again.list).text).toBe(out);
  return out;
}

describe('revision-mismatch', () => {
  it('reports nothing when the front matter matches the newest row', async () => {
    expect((await check(CLEAN_SOP)).list).toEqual([]);
  });

  it('reports an older front matter revision on its value and sets it to the newest row', async () => {
    const text = CLEAN_SOP.replace('revision: C', 'revision: B');
    const { result, list } = await check(text);
    expect(ruleIds(result, 'sop.md').filter((id) => id !== 'coverage-gap')).toEqual([RULE]);
    expect(list).toHaveLength(1);
    expect(list[0].severity).toBe('error');
    expect(slice(result, list[0])).toBe('B');
    expect(list[0].line).toBe(5);
    expect(list[0].message).toBe(
      'Revision B differs from the newest history row, C (ISO 13485:2016 4.2.4 c)).',
    );
    expect(list[0].fix!.title).toBe('Set revision to C');
    expect(await fixOnce(text, list[0])).toBe(CLEAN_SOP);
  });

  it('keeps quotes when it replaces a quoted revision', async () => {
    for (const q of ['"', "'"]) {
      const text = CLEAN_SOP.replace('revision: C', `revision: ${q}B${q} # kept`);
      const { result, list } = await check(text);
      expect(slice(result, list[0])).toBe(`${q}B${q}`);
      expect(await fixOnce(text, list[0])).toBe(CLEAN_SOP.replace('revision: C', `revision: ${q}C${q} # kept`));
    }
  });

  it('finds the newest row by revision when the table is newest first', async () => {
    const text =
      HEAD.replace('revision: C', 'revision: A') +
      '| C | 2026-02-10 | Dana Whitfield | Periodic review updates |\n| B | 2025-02-01 | Dana Whitfield | Signatures |\n| A | 2024-01-10 | Dana Whitfield | First issue |\n';
    const { list } = await check(text);
    expect(list[0].message).toContain('Revision A differs from the newest history row, C (ISO 13485:2016 4.2.4 c)).');
  });

  it('compares within the scheme: 1.10 is newer than 1.9, AA newer than Z', async () => {
    const dotted = HEAD.replace('revision: C', 'revision: "1.9"') + '| 1.9 | 2025-01-01 | D | x |\n| 1.10 | 2026-02-10 | D | y |\n';
    const { list } = await check(dotted);
    expect(list[0].message).toContain('Revision 1.9 differs from the newest history row, 1.10 (ISO 13485:2016 4.2.4 c)).');
    expect(await fixOnce(dotted, list[0])).toContain('revision: "1.10"');

    const letters = HEAD.replace('revision: C', 'revision: Z') + '| Z | 2025-01-01 | D | x |\n| AA | 2026-02-10 | D | y |\n';
    expect((await check(letters)).list[0].message).toContain('Revision Z differs from the newest history row, AA (ISO 13485:2016 4.2.4 c)).');
    const same = HEAD.replace('revision: C', 'revision: "01"') + '| 1 | 2026-02-10 | D | x |\n';
    expect((await check(same)).list).toEqual([]);
  });

  it('falls back to the latest date, then the last row, when revisions do not compare', async () => {
    const mixed = HEAD.replace('revision: C', 'revision: "1.0"') + '| 2.0 | 2026-02-10 | D | x |\n| C | 2025-01-01 | D | y |\n';
    expect((await check(mixed)).list[0].message).toContain('Revision 1.0 differs from the newest history row, 2.0 (ISO 13485:2016 4.2.4 c)).');
    const undated = HEAD.replace('revision: C', 'revision: "1.0"') + '| 2.0 | soon | D | x |\n| C | later | D | y |\n';
    expect((await check(undated)).list[0].message).toContain('Revision 1.0 differs from the newest history row, C (ISO 13485:2016 4.2.4 c)).');
  });

  it('offers no fix when the front matter is ahead of the history', async () => {
    const text = CLEAN_SOP.replace('revision: C', 'revision: D');
    const { list } = await check(text);
    expect(list[0].message).toBe(
      'Revision D differs from the newest history row, C (ISO 13485:2016 4.2.4 c)).',
    );
    expect(list[0].fix).toBeUndefined();
  });

  it('suggests the history row for the newer front matter revision, with placeholders only where the document says nothing', async () => {
    // Approvals from before the newest row (2026-02-10) are revision C's: nothing in the document dates or signs D.
    const text = CLEAN_SOP.replace('revision: C', 'revision: D');
    const [f] = (await check(text)).list;
    expect(f.suggestions!.map((s) => s.title)).toEqual(['Add a history row for revision D']);
    expect(applyEdits(text, f.suggestions![0].edits)).toBe(
      text.replace('| C | 2026-02-10 | Dana Whitfield | Periodic review updates |\n', '| C | 2026-02-10 | Dana Whitfield | Periodic review updates |\n| D | <enter date> | <enter author> | <enter description of change> |\n'),
    );
    // Sign-offs after the newest row date and sign D: date and author are the document's own.
    const signed = text.replace('date: 2026-02-10}', 'date: 2026-06-01}').replace('date: 2026-02-12}', 'date: 2026-06-02}').replace('date: 2026-02-14}', 'date: 2026-06-03}');
    const [g] = (await check(signed)).list;
    const added = applyEdits(signed, g.suggestions![0].edits);
    expect(added).toContain('| C | 2026-02-10 | Dana Whitfield | Periodic review updates |\n| D | 2026-06-01 | Dana Whitfield | <enter description of change> |\n');
    // Once added (and the description filled in), the finding is gone.
    expect((await check(added.replace('<enter description of change>', 'New section'))).list).toEqual([]);
  });

  it('writes the suggested row the way the table is written: aligned, without outer pipes, newest first', async () => {
    const aligned =
      HEAD.replace('revision: C', 'revision: D').replace('| Revision | Date | Author | Description |\n|---|---|---|---|\n', '| Revision | Date       | Author         | Description   |\n|----------|------------|----------------|---------------|\n') +
      '| C        | 2026-02-10 | Dana Whitfield | Updates       |\n';
    const [a] = (await check(aligned)).list;
    // An aligned table is written aligned again for the wider row (as Bump revision writes it).
    expect(applyEdits(aligned, a.suggestions![0].edits)).toBe(
      HEAD.replace('revision: C', 'revision: D').replace(
        '| Revision | Date | Author | Description |\n|---|---|---|---|\n',
        [
          '| Revision | Date         | Author         | Description                   |',
          '|----------|--------------|----------------|-------------------------------|',
          '| C        | 2026-02-10   | Dana Whitfield | Updates                       |',
          '| D        | <enter date> | <enter author> | <enter description of change> |',
          '',
        ].join('\n'),
      ),
    );
    const bare = HEAD.replace('revision: C', 'revision: D').replace('| Revision | Date | Author | Description |\n|---|---|---|---|\n', 'Revision | Date | Author | Description\n---|---|---|---\n') + 'C | 2026-02-10 | Dana Whitfield | Updates\n';
    const [b] = (await check(bare)).list;
    expect(applyEdits(bare, b.suggestions![0].edits)).toBe(bare + 'D | <enter date> | <enter author> | <enter description of change>\n');
    const newestFirst = HEAD.replace('revision: C', 'revision: D') + '| C | 2026-02-10 | D | y |\n| B | 2025-02-01 | D | x |\n';
    const [c] = (await check(newestFirst)).list;
    expect(applyEdits(newestFirst, c.suggestions![0].edits)).toBe(HEAD.replace('revision: C', 'revision: D') + '| D | <enter date> | <enter author> | <enter description of change> |\n| C | 2026-02-10 | D | y |\n| B | 2025-02-01 | D | x |\n');
  });

  it('uses the aliased key in the message and the fix', async () => {
    const config = { '.qmslint.yaml': 'fields: {id: document_id, revision: version}\n' };
    const text = CLEAN_SOP.replace('id: SOP-001', 'document_id: SOP-001').replace('revision: C', 'version: A');
    const { list } = await check(text, config);
    expect(list[0].detail).toContain('Set version: C.');
    expect(await fixOnce(text, list[0], config)).toContain('\nversion: C\n');
  });

  it('leaves placeholders, unparseable revisions and missing histories to other rules', async () => {
    const result = await lintFiles({
      'a.md': CLEAN_SOP.replace('revision: C', 'revision: <enter revision>'),
      'b.md': CLEAN_SOP.replace('revision: C', 'revision: C2'),
      'c.md': CLEAN_SOP.replace('revision: C', 'revision: B').slice(0, CLEAN_SOP.indexOf('## Revision History')),
      'd.md': CLEAN_SOP.replace('| C | 2026-02-10', '| C? | 2026-02-10'),
    });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

testRule('revision-mismatch', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'the front matter is behind the history: set from the newest row',
      text: CLEAN_SOP.replace('revision: C', 'revision: B'),
      findings: [
        {
          message:
            'Revision B differs from the newest history row, C (ISO 13485:2016 4.2.4 c)).',
          line: 5,
          column: 11,
          endColumn: 12,
          severity: 'error',
        },
      ],
      output: CLEAN_SOP,
    },
    {
      name: 'the front matter is ahead of the history: no fix, a row is needed',
      text: CLEAN_SOP.replace('revision: C', 'revision: D'),
      findings: [{ message: 'Revision D differs from the newest history row, C (ISO 13485:2016 4.2.4 c)).', line: 5, column: 11 }],
    },
  ],
});
