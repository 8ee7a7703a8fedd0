import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'approval-stale';

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function check(text: string, files: Record<string, string> = {}) {
  const result = await lintFiles({ ...files, 'sop.md': text });
  return { result, list: findings(result, 'sop.md', RULE) };
}

describe('approval-stale', () => {
  it('reports nothing when approvals are on or after the current revision date', async () => {
    // The author signs on the day revision C is dated: not stale.
    expect((await check(CLEAN_SOP)).list).toEqual([]);
  });

  it('reports an approval dated before the current revision, at its date', async () => {
    // Revision C's row now says it was written after the author signed.
    const text = CLEAN_SOP.replace('| C | 2026-02-10', '| C | 2026-02-11');
    const { result, list } = await check(text);
    expect(ruleIds(result, 'sop.md').filter((id) => id !== 'coverage-gap')).toEqual([RULE]);
    expect(list).toHaveLength(1);
    expect(list[0].severity).toBe('warning');
    expect(slice(result, list[0])).toBe('2026-02-10');
    expect(list[0].line).toBe(11);
    expect(list[0].message).toBe(
      'Approval of 2026-02-10 predates revision C of 2026-02-11 (ISO 13485:2016 4.2.4 b)).',
    );
  });

  it('uses the history row of the front matter revision, in any spelling', async () => {
    const text = CLEAN_SOP.replace('| C | 2026-02-10', '| Rev. C | 2026-02-20');
    expect((await check(text)).list.map((f) => f.message.split(' (')[0])).toEqual([
      'Approval of 2026-02-10 predates revision C of 2026-02-20',
      'Approval of 2026-02-12 predates revision C of 2026-02-20',
      'Approval of 2026-02-14 predates revision C of 2026-02-20',
    ]);
  });

  it('is silent for drafts, for revisions without a dated row, and for unreadable dates', async () => {
    const stale = CLEAN_SOP.replace('date: 2026-02-12}', 'date: 2025-02-05}');
    expect((await check(stale.replace('status: effective', 'status: draft'))).list).toEqual([]);
    expect((await check(stale.replace('revision: C', 'revision: D'))).list).toEqual([]);
    expect((await check(stale.replace('| C | 2026-02-10', '| C | 10.02.2026'))).list).toEqual([]);
    expect((await check(CLEAN_SOP.replace('date: 2026-02-12}', 'date: 05.02.2025}'))).list).toEqual([]);
  });

  it('works with an aliased revision key', async () => {
    const config = { '.qmslint.yaml': 'fields: {id: document_id, revision: version}\n' };
    const text = CLEAN_SOP.replace('id: SOP-001', 'document_id: SOP-001').replace('revision: C', 'version: C').replace('date: 2026-02-14}', 'date: 2026-01-01}');
    expect((await check(text, config)).list.map((f) => f.message.split(' (')[0])).toEqual(['Approval of 2026-01-01 predates revision C of 2026-02-10']);
  });
});

/** Every approval of CLEAN_SOP predates revision C when C is dated `date`: one finding each. */
const staleAll = (approvalDates: [string, string, string], revisionDate: string) => [
  { ...staleMessage('author Dana Whitfield', approvalDates[0], revisionDate), line: 11, column: 48, endColumn: 58, severity: 'warning' as const },
  { ...staleMessage('reviewer Omar Haddad', approvalDates[1], revisionDate), line: 12, column: 47, endColumn: 57 },
  { ...staleMessage('approver Lena Brandt', approvalDates[2], revisionDate), line: 13, column: 47, endColumn: 57 },
];

function staleMessage(who: string, date: string, revisionDate: string): { message: string; detail: string } {
  return {
    message: `Approval of ${date} predates revision C of ${revisionDate} (ISO 13485:2016 4.2.4 b)).`,
    detail: `The approval by ${who} approved an earlier text. ISO 13485:2016 4.2.4 b) requires changed documents to be approved again. Have revision C approved and update the date.`,
  };
}

testRule('approval-stale', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'the newest history row is dated after every approval',
      text: CLEAN_SOP.replace('| C | 2026-02-10 |', '| C | 2026-02-20 |'),
      findings: staleAll(['2026-02-10', '2026-02-12', '2026-02-14'], '2026-02-20'),
    },
    {
      name: 'approvals of an earlier revision carried over',
      text: CLEAN_SOP.replace(/date: 2026-02-1[024]/g, 'date: 2025-01-01'),
      findings: staleAll(['2025-01-01', '2025-01-01', '2025-01-01'], '2026-02-10'),
    },
  ],
});
