import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'revision-history-order';
const HEAD = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('| A | 2024-01-10'));

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function rows(...lines: string[]) {
  const result = await lintFiles({ 'sop.md': HEAD + lines.map((l) => `| ${l} |`).join('\n') + '\n' });
  const list = findings(result, 'sop.md', RULE);
  return { result, list, texts: list.map((f) => slice(result, f)), messages: list.map((f) => f.message) };
}

describe('revision-history-order', () => {
  it('reports nothing on an ordered history, oldest or newest first', async () => {
    expect(findings(await lintFiles({ 'sop.md': CLEAN_SOP }), 'sop.md', RULE)).toEqual([]);
    const desc = await rows('C | 2026-02-10 | D | z', 'B | 2025-02-01 | D | y', 'A | 2024-01-10 | D | x');
    expect(desc.list).toEqual([]);
    const sameDay = await rows('A | 2024-01-10 | D | x', 'B | 2024-01-10 | D | y');
    expect(sameDay.list).toEqual([]);
  });

  it('reports a revision that goes backwards, at its cell', async () => {
    const { result, list, texts, messages } = await rows('A | 2024-01-10 | D | x', 'C | 2025-02-01 | D | y', 'B | 2026-02-10 | D | z');
    expect(ruleIds(result, 'sop.md')).toContain(RULE);
    expect(list[0].severity).toBe('warning');
    expect(texts).toEqual(['B']);
    expect(messages).toEqual(['Revision B comes after C, out of order (ISO 13485:2016 4.2.4 c)).']);
  });

  it('reports a repeated revision, naming both rows', async () => {
    const { texts, messages } = await rows('A | 2024-01-10 | D | x', 'B | 2025-02-01 | D | y', 'B | 2026-02-10 | D | z');
    expect(texts).toEqual(['B']);
    expect(messages).toEqual(['Revision B appears twice, in rows 2 and 3 (ISO 13485:2016 4.2.4 c)).']);
    // Spelled differently, still the same revision.
    expect((await rows('1 | 2024-01-10 | D | x', '01 | 2025-02-01 | D | y')).messages[0]).toContain('Revision 01 appears twice, in rows 1 and 2 (ISO 13485:2016 4.2.4 c)).');
  });

  it('reports a date that goes backwards relative to the revisions, at the date cell', async () => {
    const asc = await rows('A | 2024-01-10 | D | x', 'B | 2023-02-01 | D | y', 'C | 2026-02-10 | D | z');
    expect(asc.texts).toEqual(['2023-02-01']);
    expect(asc.messages).toEqual(['Revision B is dated before revision A (ISO 13485:2016 4.2.4 c)).']);
    const desc = await rows('C | 2026-02-10 | D | z', 'B | 2026-03-01 | D | y', 'A | 2024-01-10 | D | x');
    expect(desc.texts).toEqual(['2026-03-01']);
    expect(desc.messages[0]).toBe('Revision B is dated after revision C (ISO 13485:2016 4.2.4 c)).');
  });

  it('does not compare across schemes or with unreadable cells', async () => {
    // 2.0 and B do not compare; B and A do, and A is dated after B.
    expect((await rows('2.0 | 2024-01-10 | D | x', 'B | 2025-02-01 | D | y', 'A | 2026-02-10 | D | z')).texts).toEqual(['2026-02-10']);
    expect((await rows('A | 2024-01-10 | D | x', '?? | 2023-01-01 | D | y', 'B | 15.01.2025 | D | z')).list).toEqual([]);
  });

  it('ignores uncontrolled documents', async () => {
    const result = await lintFiles({ 'notes.md': '# Notes\n\n## Revision History\n\n| Revision | Date |\n|---|---|\n| B | 2024-01-01 |\n| A | 2025-01-01 |\n' });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

testRule('revision-history-order', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'a row dated before the one above it',
      text: CLEAN_SOP.replace('| B | 2025-02-01 |', '| B | 2023-02-01 |'),
      findings: [
        {
          message:
            'Revision B is dated before revision A (ISO 13485:2016 4.2.4 c)).',
          line: 28,
          column: 7,
          endColumn: 17,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a revision twice',
      text: CLEAN_SOP.replace('| A | 2024-01-10 |', '| B | 2024-01-10 |'),
      findings: [{ message: 'Revision B appears twice, in rows 1 and 2 (ISO 13485:2016 4.2.4 c)).', line: 28, column: 3, endColumn: 4 }],
    },
  ],
});
