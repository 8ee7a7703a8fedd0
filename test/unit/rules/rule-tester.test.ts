// The RuleTester must be able to fail: a wrong message, a missing or extra finding, a wrong
// position or severity, a wrong or missing fixed text, a finding on a valid case, each throw.
import { describe, expect, it } from 'vitest';
import { ruleById } from '../../../server/src/core/rules';
import { CLEAN_SOP } from '../../helpers';
import { checkInvalid, checkValid, coverageProblems, type InvalidCase } from '../../rule-tester';

/** revision-mismatch on a front matter one revision behind its history: one finding, fixed to CLEAN_SOP. */
const BEHIND: InvalidCase = {
  text: CLEAN_SOP.replace('revision: C', 'revision: B'),
  findings: [
    {
      message:
        'Revision B differs from the newest history row, C (ISO 13485:2016 4.2.4 c)).',
      line: 5,
      column: 11,
      endLine: 5,
      endColumn: 12,
      severity: 'error',
    },
  ],
  output: CLEAN_SOP,
};
const [EXPECTED] = BEHIND.findings;

/** approval-missing on an SOP that has only its author's approval: two findings (reviewer, approver). */
const AUTHOR_ONLY = CLEAN_SOP.replace('  - {role: reviewer, name: Omar Haddad, date: 2026-02-12}\n', '').replace('  - {role: approver, name: Lena Brandt, date: 2026-02-14}\n', '');

describe('the RuleTester', () => {
  it('passes a case that lists exactly what the rule reports and fixes', async () => {
    await expect(checkInvalid('revision-mismatch', BEHIND)).resolves.toBeUndefined();
    await expect(checkValid('revision-mismatch', { text: CLEAN_SOP })).resolves.toBeUndefined();
  });

  it('fails a wrong message, whole or part', async () => {
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, findings: [{ ...EXPECTED, message: 'Front matter says revision B.' }] })).rejects.toThrow(/finding 1: message/);
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, findings: [{ ...EXPECTED, message: undefined, includes: 'revision D' }] })).rejects.toThrow(/does not include "revision D"/);
  });

  it('fails a wrong position, severity or file', async () => {
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, findings: [{ ...EXPECTED, line: 6 }] })).rejects.toThrow(/line 5, expected 6/);
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, findings: [{ ...EXPECTED, endColumn: 13 }] })).rejects.toThrow(/endColumn 12, expected 13/);
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, findings: [{ ...EXPECTED, severity: 'warning' }] })).rejects.toThrow(/severity error, expected warning/);
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, findings: [{ ...EXPECTED, path: 'other.md' }] })).rejects.toThrow(/path \/ws\/doc\.md, expected \/ws\/other\.md/);
  });

  it('fails when a finding is missing', async () => {
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, findings: [EXPECTED, { includes: 'revision' }] })).rejects.toThrow(/expected 2 finding\(s\), got 1[\s\S]*finding 2 missing/);
  });

  it('fails when the rule reports more than is listed: no silent extras', async () => {
    const one: InvalidCase = { text: AUTHOR_ONLY, findings: [{ includes: 'No approval by approver' }] };
    await expect(checkInvalid('approval-missing', one)).rejects.toThrow(/expected 1 finding\(s\), got 2/);
    await expect(checkInvalid('approval-missing', { ...one, findings: [...one.findings, { includes: 'No approval by reviewer' }] })).resolves.toBeUndefined();
  });

  it('fails a valid case with any finding', async () => {
    await expect(checkValid('revision-mismatch', { text: BEHIND.text })).rejects.toThrow(/expected no finding, got 1/);
  });

  it('fails a wrong fixed text, and a fix with no output given', async () => {
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, output: BEHIND.text })).rejects.toThrow(/output differs/);
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, output: undefined })).rejects.toThrow(/must give `output`/);
  });

  it('fails an output that differs from the text when nothing is fixable', async () => {
    const ahead: InvalidCase = { text: CLEAN_SOP.replace('revision: C', 'revision: D'), findings: [{ includes: 'Add a history row for revision D.' }] };
    await expect(checkInvalid('revision-mismatch', ahead)).resolves.toBeUndefined();
    await expect(checkInvalid('revision-mismatch', { ...ahead, output: CLEAN_SOP })).rejects.toThrow(/no finding has a fix/);
  });

  it('fails a rule that returns a fix without being marked fixable', async () => {
    const unmarked = { ...ruleById('revision-mismatch')!, fixable: false };
    await expect(checkInvalid(unmarked, BEHIND)).rejects.toThrow(/not marked fixable but returned a fix/);
  });

  it('fails a message not written for the Problems panel: a backtick, two sentences, too long; a backtick in the detail', async () => {
    const rule = ruleById('revision-mismatch')!;
    if (rule.scope !== 'document') throw new Error('revision-mismatch is a document rule');
    // The same rule, its message (or detail) rewritten: the case lists the rewritten message, so only its form can fail.
    const rewritten = (message: string, detail?: string) => ({
      rule: { ...rule, check: (ctx: Parameters<typeof rule.check>[0], report: Parameters<typeof rule.check>[1]) => rule.check(ctx, (r) => report({ ...r, message, ...(detail ? { detail } : {}) })) },
      c: { ...BEHIND, findings: [{ ...EXPECTED, message }] },
    });
    const cases: [string, string | undefined, RegExp][] = [
      ['Front matter says `revision: B`.', undefined, /message has a backtick/],
      ['Revision B is behind. Set revision: C.', undefined, /more than one sentence/],
      [`Revision B differs from the newest history row, C, ${'and so on, '.repeat(8)}(ISO 13485:2016 4.2.4 c)).`, undefined, /first sentence has \d+ characters/],
      ['Revision B differs from the newest history row, C (ISO 13485:2016 4.2.4 c)).', 'Set `revision: C`.', /detail has a backtick/],
    ];
    for (const [message, detail, problem] of cases) {
      const { rule: changed, c } = rewritten(message, detail);
      await expect(checkInvalid(changed, c), message).rejects.toThrow(problem);
    }
    // And the detail a case lists is compared whole.
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, findings: [{ ...EXPECTED, detail: 'Set revision: D.' }] })).rejects.toThrow(/finding 1: detail /);
  });

  it('fails a fix that cannot be applied', async () => {
    const rule = ruleById('revision-mismatch')!;
    if (rule.scope !== 'document') throw new Error('revision-mismatch is a document rule');
    // The same rule, its fix moved past the end of the text: --fix would drop it silently.
    const broken = { ...rule, check: (ctx: Parameters<typeof rule.check>[0], report: Parameters<typeof rule.check>[1]) => rule.check(ctx, (r) => report({ ...r, fix: r.fix && { ...r.fix, edits: [{ start: 1e6, end: 1e6, text: 'C' }] } })) };
    await expect(checkInvalid(broken, BEHIND)).rejects.toThrow(/its fix cannot be applied: edit \[1000000, 1000000\) falls outside the text/);
  });

  it('runs the rule alone: another rule’s defect in the text is not reported', async () => {
    // The text also lacks the approver (approval-missing), which revision-mismatch must not see.
    const text = BEHIND.text.replace('  - {role: approver, name: Lena Brandt, date: 2026-02-14}\n', '');
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, text, output: CLEAN_SOP.replace('  - {role: approver, name: Lena Brandt, date: 2026-02-14}\n', '') })).resolves.toBeUndefined();
  });

  it('asks a change rule case for its base', async () => {
    await expect(checkValid('status-regression', { text: CLEAN_SOP })).rejects.toThrow(/change rule: give the case a base/);
  });

  it('refuses an invalid case that expects nothing, and names an unknown rule', async () => {
    await expect(checkInvalid('revision-mismatch', { ...BEHIND, findings: [] })).rejects.toThrow(/at least one finding/);
    await expect(checkValid('no-such-rule', { text: CLEAN_SOP })).rejects.toThrow(/no rule no-such-rule is registered/);
  });

  it('counts the cases: one valid, two invalid, and an output for a fixable rule', () => {
    const fixable = ruleById('revision-mismatch')!;
    expect(coverageProblems(fixable, { valid: [{ text: CLEAN_SOP }], invalid: [BEHIND, BEHIND] })).toEqual([]);
    expect(coverageProblems(fixable, { valid: [], invalid: [{ ...BEHIND, output: undefined }] })).toEqual([
      'give at least one valid case',
      'give at least two invalid cases',
      'the rule is fixable: give at least one invalid case with `output`',
    ]);
  });
});
