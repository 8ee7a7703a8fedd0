import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'approval-order';

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function check(text: string) {
  const result = await lintFiles({ 'sop.md': text });
  return { result, list: findings(result, 'sop.md', RULE) };
}

describe('approval-order', () => {
  it('reports nothing when the document takes effect after its approvals, signed in order', async () => {
    expect((await check(CLEAN_SOP)).list).toEqual([]);
    // Same day is fine.
    expect((await check(CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 2026-02-14'))).list).toEqual([]);
  });

  it('reports an effective date before the last approval, at the effective date', async () => {
    const text = CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 2026-02-13');
    const { result, list } = await check(text);
    expect(ruleIds(result, 'sop.md').filter((id) => id !== 'coverage-gap')).toEqual([RULE]);
    expect(list).toHaveLength(1);
    expect(list[0].severity).toBe('warning');
    expect(slice(result, list[0])).toBe('2026-02-13');
    expect(list[0].line).toBe(7);
    expect(list[0].message).toBe(
      'Effective 2026-02-13, before the approval of 2026-02-14 (ISO 13485:2016 4.2.4 a)).',
    );
  });

  it('reports an approver who signed before the author, at the approver date', async () => {
    const text = CLEAN_SOP.replace('date: 2026-02-14}', 'date: 2026-02-11}');
    const { result, list } = await check(text);
    expect(list.map((f) => slice(result, f))).toEqual(['2026-02-11']);
    expect(list[0].message).toBe(
      'Approver signed before the reviewer; your configuration requires the reviewer first.',
    );
  });

  it('ignores unknown roles and unreadable dates', async () => {
    expect((await check(CLEAN_SOP.replace('role: reviewer, name: Omar Haddad, date: 2026-02-12', 'role: QA, name: Omar Haddad, date: 2026-03-12'))).list).toHaveLength(1);
    expect((await check(CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 01.02.2026'))).list).toEqual([]);
    expect((await check(CLEAN_SOP.replace('date: 2026-02-14}', 'date: <enter date>}'))).list).toEqual([]);
  });
});

testRule('approval-order', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'effective before the approval (docs example)',
      text: CLEAN_SOP.replace('date: 2026-02-14', 'date: 2026-03-05'),
      findings: [
        {
          message:
            'Effective 2026-03-01, before the approval of 2026-03-05 (ISO 13485:2016 4.2.4 a)).',
          line: 7,
          column: 17,
          endColumn: 27,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the reviewer signed before the author',
      text: CLEAN_SOP.replace('date: 2026-02-12', 'date: 2026-02-01'),
      findings: [{ message: 'Reviewer signed before the author; your configuration requires the author first.', includes: 'Reviewer Omar Haddad signed on 2026-02-01, before author Dana Whitfield (2026-02-10)', line: 12, column: 47, endColumn: 57 }],
    },
  ],
});
