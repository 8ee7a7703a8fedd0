import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds, TODAY } from '../../helpers';
import { applyEdits } from '../../../server/src/core/fixes';
import { testRule } from '../../rule-tester';

const RULE = 'review-overdue';

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function check(text: string, files: Record<string, string> = {}, today = TODAY) {
  const result = await lintFiles({ ...files, 'sop.md': text }, { today });
  return { result, list: findings(result, 'sop.md', RULE) };
}

describe('review-overdue', () => {
  it('reports nothing before the next review date, or on it', async () => {
    expect(TODAY).toBe('2026-11-26');
    expect((await check(CLEAN_SOP)).list).toEqual([]);
    expect((await check(CLEAN_SOP.replace('next_review: 2028-03-01', `next_review: ${TODAY}`))).list).toEqual([]);
  });

  it('reports a past next_review at its value, with the days overdue and the clause', async () => {
    const text = CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2026-11-01');
    const { result, list } = await check(text);
    expect(ruleIds(result, 'sop.md').filter((id) => id !== 'coverage-gap')).toEqual([RULE]);
    expect(list).toHaveLength(1);
    expect(list[0].severity).toBe('warning');
    expect(slice(result, list[0])).toBe('2026-11-01');
    expect(list[0].line).toBe(14);
    expect(list[0].message).toBe(
      'Periodic review overdue since 2026-11-01, 25 days ago (ISO 13485:2016 4.2.4 b)).',
    );
    expect((await check(CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2026-11-25'))).list[0].message).toContain('1 day ago');
  });

  it('computes the due date from effective_date and review_period_months, or the configured period', async () => {
    const noNext = CLEAN_SOP.replace('next_review: 2028-03-01\n', '');
    expect((await check(noNext)).list).toEqual([]);

    const own = await check(noNext.replace('owner:', 'review_period_months: 6\nowner:'));
    expect(slice(own.result, own.list[0])).toBe('2026-03-01');
    expect(own.list[0].message).toBe('Periodic review overdue since 2026-09-01, 86 days ago (ISO 13485:2016 4.2.4 b)).');
    expect(own.list[0].detail).toContain('Due 2026-09-01 (6 months after effective_date).');

    const config = { '.qmslint.yaml': 'reviewPeriodMonths: 12\n' };
    expect((await check(noNext, config)).list).toEqual([]);
    expect((await check(noNext, config, '2027-03-02')).list[0].detail).toContain('Due 2027-03-01 (12 months after effective_date).');
  });

  it('checks only approved and effective documents', async () => {
    const overdue = CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2026-01-01');
    expect((await check(overdue.replace('status: effective', 'status: approved'))).list).toHaveLength(1);
    for (const status of ['draft', 'in-review', 'obsolete']) {
      expect((await check(overdue.replace('status: effective', `status: ${status}`))).list).toEqual([]);
    }
  });

  it('leaves unreadable or placeholder next_review values to other rules', async () => {
    expect((await check(CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 01.01.2026'))).list).toEqual([]);
    expect((await check(CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: YYYY-MM-DD'))).list).toEqual([]);
  });
});

/** The message and detail for a review due on `due`, `days` days before today. */
const overdueMessage = (due: string, days: number) => ({
  message: `Periodic review overdue since ${due}, ${days} days ago (ISO 13485:2016 4.2.4 b)).`,
  detail: `Due ${due} (next_review). The interval is your own. ISO 13485:2016 4.2.4 b) requires documents to be reviewed, and updated and re-approved as necessary. Review the document and set a new next_review.`,
});

testRule('review-overdue', {
  valid: [{ text: CLEAN_SOP }, { name: 'due next week', text: CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2026-12-01') }],
  invalid: [
    {
      name: 'two years overdue (docs example)',
      text: CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2024-01-17'),
      findings: [{ ...overdueMessage('2024-01-17', 1044), line: 14, column: 14, endColumn: 24, severity: 'warning' }],
    },
    {
      name: 'today decides',
      text: CLEAN_SOP,
      today: '2028-04-01',
      findings: [{ ...overdueMessage('2028-03-01', 31), line: 14, column: 14 }],
    },
  ],
});

describe('review-overdue suggestion', () => {
  it('suggests recording the review: next_review at the next date of the effective_date cycle after today, never a fix', async () => {
    // Effective 2026-03-01, 6 months: due 2026-09-01, passed on TODAY (2026-11-26); the next in the cycle is 2027-03-01.
    const text = CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2026-09-01').replace('owner:', 'review_period_months: 6\nowner:');
    const [f] = (await check(text)).list;
    expect(f.fix).toBeUndefined();
    expect(f.suggestions!.map((s) => s.title)).toEqual(['Record the review: set next_review to 2027-03-01']);
    const reviewed = applyEdits(text, f.suggestions![0].edits);
    expect(reviewed).toBe(text.replace('next_review: 2026-09-01', 'next_review: 2027-03-01'));
    expect((await check(reviewed)).list).toEqual([]);
  });

  it('adds next_review under effective_date when the document has none, from the configured period too', async () => {
    const noNext = CLEAN_SOP.replace('next_review: 2028-03-01\n', '');
    const config = { '.qmslint.yaml': 'reviewPeriodMonths: 12\n' };
    const [f] = (await check(noNext, config, '2027-03-02')).list;
    expect(f.suggestions!.map((s) => s.title)).toEqual(['Record the review: set next_review to 2028-03-01']);
    const reviewed = applyEdits(noNext, f.suggestions![0].edits);
    expect(reviewed).toBe(noNext.replace('effective_date: 2026-03-01\n', 'effective_date: 2026-03-01\nnext_review: 2028-03-01\n'));
    expect((await check(reviewed, config, '2027-03-02')).list).toEqual([]);
  });

  it('suggests nothing without a period or a readable effective_date', async () => {
    const overdue = CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2026-01-01');
    expect((await check(overdue)).list[0].suggestions).toBeUndefined();
    const withPeriod = overdue.replace('owner:', 'review_period_months: 24\nowner:');
    expect((await check(withPeriod.replace('effective_date: 2026-03-01\n', ''))).list[0].suggestions).toBeUndefined();
  });
});
