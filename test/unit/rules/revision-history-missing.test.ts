import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import { applyEdits, applyFindingFixes } from '../../../server/src/core/fixes';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'revision-history-missing';
const WITHOUT_HISTORY = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('## Revision History'));
/** As a draft: a row with a placeholder is added to drafts only (see placeholder-fixes.test.ts). */
const DRAFT = WITHOUT_HISTORY.replace('status: effective', 'status: draft');

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function fixed(text: string, files: Record<string, string> = {}) {
  const result = await lintFiles({ ...files, 'sop.md': text });
  const [f] = findings(result, 'sop.md', RULE);
  const out = applyEdits(text, f.fix!.edits);
  const again = await lintFiles({ ...files, 'sop.md': out });
  return { result, finding: f, out, again };
}

describe('revision-history-missing', () => {
  it('reports nothing when the history is there', async () => {
    expect(findings(await lintFiles({ 'sop.md': CLEAN_SOP }), 'sop.md', RULE)).toEqual([]);
  });

  it('reports a controlled document without history on its H1', async () => {
    const result = await lintFiles({ 'sop.md': WITHOUT_HISTORY });
    expect(ruleIds(result, 'sop.md').filter((id) => id !== 'coverage-gap')).toEqual([RULE]);
    const [f] = findings(result, 'sop.md', RULE);
    expect(f.severity).toBe('warning');
    expect(slice(result, f)).toBe('# Control of Documents');
    expect(f.message).toBe(
      'No revision history (ISO 13485:2016 4.2.4 c)).',
    );
    // Revision C of an effective document: what changed is not known, and no prompt is written into it.
    expect(f.fix).toBeUndefined();
    // ...by --fix. A person may take the section as a suggestion and fill in its one placeholder.
    expect(f.suggestions!.map((s) => s.title)).toEqual(['Add a Revision History section']);
    expect(applyEdits(WITHOUT_HISTORY, f.suggestions![0].edits)).toBe(
      WITHOUT_HISTORY + '## Revision History\n\n| Revision | Date | Author | Description |\n|---|---|---|---|\n| C | 2026-02-10 | Dana Whitfield | <enter description of change> |\n',
    );
    const draft = findings(await lintFiles({ 'sop.md': DRAFT }), 'sop.md', RULE)[0];
    expect(draft.message).toBe(
      'No revision history (ISO 13485:2016 4.2.4 c)).',
    );
  });

  it('adds the history of an effective document when the document gives every cell', async () => {
    const text = WITHOUT_HISTORY.replace('revision: C', 'revision: A');
    const { out, again } = await fixed(text);
    expect(out.endsWith('| A | 2026-02-10 | Dana Whitfield | Initial release |\n')).toBe(true);
    expect(findings(again, 'sop.md', RULE)).toEqual([]);
  });

  it('appends a section with a first row from the front matter, with exactly one blank line before and one EOL after', async () => {
    for (const ending of ['\n', '', '\n\n\n']) {
      const text = DRAFT.trimEnd() + ending;
      const { out, again } = await fixed(text);
      expect(out).toBe(
        DRAFT.trimEnd() +
          '\n\n## Revision History\n\n| Revision | Date | Author | Description |\n|---|---|---|---|\n' +
          '| C | 2026-02-10 | Dana Whitfield | <enter description of change> |\n',
      );
      expect(findings(again, 'sop.md', RULE)).toEqual([]);
      // The new row agrees with the front matter and the approvals.
      expect(findings(again, 'sop.md', 'revision-mismatch')).toEqual([]);
      expect(findings(again, 'sop.md', 'approval-stale')).toEqual([]);
      expect(applyFindingFixes(out, findings(again, 'sop.md', RULE)).text).toBe(out);
    }
  });

  it('says "Initial release" for a first revision and uses placeholders for what is unknown', async () => {
    const text = WITHOUT_HISTORY.replace('revision: C', 'revision: A').replace(/approvals:\n(  - .*\n)+/, '').replace('status: effective', 'status: draft');
    const { out } = await fixed(text);
    expect(out.endsWith('| A | 2026-03-01 | <enter author> | Initial release |\n')).toBe(true);
    const none = text.replace('revision: A\n', '').replace('effective_date: 2026-03-01\n', '');
    expect((await fixed(none)).out.endsWith('| A | <enter date> | <enter author> | Initial release |\n')).toBe(true);
  });

  it('keeps CRLF and uses the first configured history heading', async () => {
    const config = { '.qmslint.yaml': 'historyHeadings: ["Change Log"]\n' };
    const text = DRAFT.replace(/\n/g, '\r\n');
    const { out, again } = await fixed(text, config);
    expect(out.endsWith('\r\n\r\n## Change Log\r\n\r\n| Revision | Date | Author | Description |\r\n|---|---|---|---|\r\n| C | 2026-02-10 | Dana Whitfield | <enter description of change> |\r\n')).toBe(true);
    expect(findings(again, 'sop.md', RULE)).toEqual([]);
  });

  it('uses the aliased revision key', async () => {
    const config = { '.qmslint.yaml': 'fields: {id: document_id, revision: version}\n' };
    const text = DRAFT.replace('id: SOP-001', 'document_id: SOP-001').replace('revision: C', 'version: "2.0"');
    const { out } = await fixed(text, config);
    expect(out).toContain('| 2.0 | 2026-02-10 | Dana Whitfield |');
  });

  it('is silent for types without history, uncontrolled files, and a heading without a table', async () => {
    const rec = WITHOUT_HISTORY.replace('type: SOP', 'type: REC');
    const result = await lintFiles({
      'rec.md': rec,
      'notes.md': '# Notes\n',
      'sop.md': WITHOUT_HISTORY + '## Revision History\n\n- A: first issue\n',
    });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

describe('revision-history-missing without a type', () => {
  const record = (id: string, extra = '') => `---\nid: ${id}\ntitle: Audit of design control\nstatus: approved\nowner: QA\n${extra}---\n\n# Audit\n\nFindings.\n`;

  it('takes the type from the id prefix, and asks nothing of a record nobody revises', async () => {
    const result = await lintFiles({ 'sop.md': record('SOP-005'), 'audit.md': record('AUD-RPT-001'), 'revised.md': record('AUD-RPT-002', 'revision: B\n') });
    expect(findings(result, 'sop.md', 'revision-history-missing')).toHaveLength(1);
    expect(findings(result, 'audit.md', 'revision-history-missing')).toEqual([]);
    expect(findings(result, 'revised.md', 'revision-history-missing')).toHaveLength(1);
  });
});

/** The text up to its `## Revision History` heading. */
const beforeHistory = (text: string) => text.slice(0, text.indexOf('## Revision History'));

testRule('revision-history-missing', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'an effective document: no placeholder is inserted, so no fix',
      text: beforeHistory(CLEAN_SOP),
      findings: [{ message: 'No revision history (ISO 13485:2016 4.2.4 c)).', includes: 'ISO 13485:2016 4.2.4 c) requires changes and the current revision status to be identified.', line: 17, column: 1, endLine: 17, endColumn: 23, severity: 'warning' }],
    },
    {
      name: 'a draft gets the section with a row for its revision',
      text: beforeHistory(CLEAN_SOP.replace('status: effective', 'status: draft')),
      findings: [
        {
          message:
            'No revision history (ISO 13485:2016 4.2.4 c)).',
          line: 17,
        },
      ],
      output:
        beforeHistory(CLEAN_SOP.replace('status: effective', 'status: draft')) +
        '## Revision History\n\n| Revision | Date | Author | Description |\n|---|---|---|---|\n| C | 2026-02-10 | Dana Whitfield | <enter description of change> |\n',
    },
  ],
});
