import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'status-inconsistent';
const NO_APPROVALS = CLEAN_SOP.replace(/approvals:\n(  - .*\n)+/, '');

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function check(text: string, files: Record<string, string> = {}) {
  const result = await lintFiles({ ...files, 'sop.md': text });
  return { result, list: findings(result, 'sop.md', RULE) };
}

describe('status-inconsistent', () => {
  it('reports nothing on a consistent effective SOP', async () => {
    expect((await check(CLEAN_SOP)).list).toEqual([]);
  });

  it('reports an effective document whose effective date is in the future, at the status', async () => {
    const text = CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 2027-01-15');
    const { result, list } = await check(text);
    expect(ruleIds(result, 'sop.md').filter((id) => id !== 'coverage-gap')).toEqual([RULE]);
    expect(list).toHaveLength(1);
    expect(list[0].severity).toBe('error');
    expect(slice(result, list[0])).toBe('effective');
    expect(list[0].line).toBe(6);
    expect(list[0].message).toBe(
      'Status is effective before its effective_date (ISO 13485:2016 4.2.4 c)).',
    );
    // Approved with a future date is how it should look.
    expect((await check(text.replace('status: effective', 'status: approved'))).list).toEqual([]);
  });

  it('reports an effective or approved document with no approvals at all', async () => {
    for (const text of [NO_APPROVALS, CLEAN_SOP.replace(/approvals:\n(  - .*\n)+/, 'approvals: []\n')]) {
      const { result, list } = await check(text);
      expect(slice(result, list[0])).toBe('effective');
      expect(list[0].message).toBe(
        'Status is effective but no approval is recorded (ISO 13485:2016 4.2.4 a)).',
      );
    }
    expect((await check(NO_APPROVALS.replace('status: effective', 'status: approved'))).list).toHaveLength(1);
    expect((await check(NO_APPROVALS.replace('status: effective', 'status: draft'))).list).toEqual([]);
    // Records need no approval.
    expect((await check(NO_APPROVALS.replace('type: SOP', 'type: REC'))).list).toEqual([]);
  });

  it('reports an obsolete document that does not name its successor', async () => {
    const text = CLEAN_SOP.replace('status: effective', 'status: obsolete');
    const { result, list } = await check(text);
    expect(slice(result, list[0])).toBe('obsolete');
    expect(list[0].message).toBe(
      'Status is obsolete but superseded_by is not set (ISO 13485:2016 4.2.4 h)).',
    );
    const replaced = text.replace('owner:', 'superseded_by: SOP-002\nowner:');
    expect((await check(replaced, { 'sop-002.md': CLEAN_SOP.replace('id: SOP-001', 'id: SOP-002') })).list).toEqual([]);
  });

  it('is silent when a draft has a past effective date, and for uncontrolled files', async () => {
    expect((await check(CLEAN_SOP.replace('status: effective', 'status: draft'))).list).toEqual([]);
    const result = await lintFiles({ 'notes.md': '---\ntitle: x\nstatus: obsolete\n---\n# Notes\n' });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

testRule('status-inconsistent', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'effective before its effective date',
      text: CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 2027-01-15').replace('next_review: 2028-03-01', 'next_review: 2029-01-15'),
      findings: [
        {
          message:
            'Status is effective before its effective_date (ISO 13485:2016 4.2.4 c)).',
          line: 6,
          column: 9,
          endColumn: 18,
          severity: 'error',
        },
      ],
    },
    {
      name: 'effective with no approval (docs example)',
      text: CLEAN_SOP.replace(/approvals:\n( {2}- .*\n)+/, 'approvals: []\n'),
      findings: [{ message: 'Status is effective but no approval is recorded (ISO 13485:2016 4.2.4 a)).', line: 6, column: 9 }],
    },
    {
      name: 'obsolete without superseded_by',
      text: CLEAN_SOP.replace('status: effective', 'status: obsolete'),
      findings: [{ message: 'Status is obsolete but superseded_by is not set (ISO 13485:2016 4.2.4 h)).', line: 6, column: 9, endColumn: 17 }],
    },
  ],
});
