import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'revision-history-malformed';
const HEAD = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('## Revision History'));

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function withHistory(section: string) {
  const result = await lintFiles({ 'sop.md': HEAD + section });
  const list = findings(result, 'sop.md', RULE);
  return { result, list, texts: list.map((f) => slice(result, f)) };
}

describe('revision-history-malformed', () => {
  it('reports nothing on a well-formed history', async () => {
    expect(findings(await lintFiles({ 'sop.md': CLEAN_SOP }), 'sop.md', RULE)).toEqual([]);
  });

  it('reports a history section without a table on its heading', async () => {
    const { result, list, texts } = await withHistory('## Revision History\n\n- A, 2024-01-10: first issue\n');
    expect(ruleIds(result, 'sop.md')).toContain(RULE);
    expect(texts).toEqual(['## Revision History']);
    expect(list[0].severity).toBe('warning');
    expect(list[0].message).toBe(
      'The Revision History section has no table (ISO 13485:2016 4.2.4 c)).',
    );
  });

  it('reports a table without a revision or date column on its header row', async () => {
    const { list, texts } = await withHistory('## Revision History\n\n| Rev | Description |\n|---|---|\n| A | First issue |\n');
    expect(texts).toEqual(['| Rev | Description |']);
    expect(list[0].message).toBe('The Revision History table has no date column (ISO 13485:2016 4.2.4 c)).');
    const both = await withHistory('## Change History\n\n| What | Who |\n|---|---|\n| First issue | Dana |\n');
    expect(both.list[0].message).toContain('has no revision or date column');
  });

  it('reports a revision cell in no scheme and a date that is not ISO 8601, at the cell', async () => {
    const { list, texts } = await withHistory(
      '## Revision History\n\n| Revision | Date | Author | Description |\n|---|---|---|---|\n' +
        '| A | 2024-01-10 | Dana | First issue |\n| B, 3 Jan | 15.01.2025 | Dana | Fixes |\n| C | Jan 2026 | Dana | More |\n',
    );
    expect(texts).toEqual(['B, 3 Jan', '15.01.2025', 'Jan 2026']);
    expect(list.map((f) => f.message)).toEqual([
      "Row 2: revision 'B, 3 Jan' fits no revision scheme (ISO 13485:2016 4.2.4 c)).",
      'Row 2: date 15.01.2025 is not an ISO 8601 date (ISO 13485:2016 4.2.4 c)).',
      'Row 3: date Jan 2026 is not an ISO 8601 date (ISO 13485:2016 4.2.4 c)).',
    ]);
  });

  it('reports empty revision and date cells, but not placeholders or blank rows', async () => {
    const { texts, list } = await withHistory(
      '## Revision History\n\n| Revision | Date | Author | Description |\n|---|---|---|---|\n' +
        '| A |  | Dana | First issue |\n| <enter rev> | YYYY-MM-DD | Dana | Draft |\n| | | | |\n',
    );
    expect(list.map((f) => f.message)).toEqual(['Row 1 of the history has no date (ISO 13485:2016 4.2.4 c)).']);
    expect(texts[0]).toBe('| A |  | Dana | First issue |');
  });

  it('accepts other column names and numbered headings', async () => {
    const { list } = await withHistory('## 8. Document History\n\n| Version | Release Date | Changes |\n|---|---|---|\n| 1.0 | 2024-01-10 | First |\n| Rev 1.1 | 2025-01-10 | Second |\n');
    expect(list).toEqual([]);
  });

  it('ignores uncontrolled documents', async () => {
    const result = await lintFiles({ 'notes.md': '# Notes\n\n## Revision History\n\nNone yet.\n' });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

testRule('revision-history-malformed', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'no date column, and a revision no scheme fits (docs example)',
      text:
        CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('## Revision History')) +
        '## Revision History\n\n| Rev | Description |\n|---|---|\n| A | Initial release. |\n| B, 3 Jan | Added retention periods. |\n',
      findings: [
        { message: 'The Revision History table has no date column (ISO 13485:2016 4.2.4 c)).', line: 25, column: 1, endColumn: 22, severity: 'warning' },
        {
          message:
            "Row 2: revision 'B, 3 Jan' fits no revision scheme (ISO 13485:2016 4.2.4 c)).",
          line: 28,
          column: 3,
          endColumn: 11,
        },
      ],
    },
    {
      name: 'a date that is not ISO 8601',
      text: CLEAN_SOP.replace('| B | 2025-02-01 |', '| B | 1 Feb 2025 |'),
      findings: [{ message: 'Row 2: date 1 Feb 2025 is not an ISO 8601 date (ISO 13485:2016 4.2.4 c)).', line: 28, column: 7, endColumn: 17 }],
    },
  ],
});
