import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'approval-incomplete';
const REVIEWER = '{role: reviewer, name: Omar Haddad, date: 2026-02-12}';

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function check(text: string) {
  const result = await lintFiles({ 'sop.md': text });
  return { result, list: findings(result, 'sop.md', RULE) };
}

describe('approval-incomplete', () => {
  it('reports nothing when every approval has role, name and date', async () => {
    expect((await check(CLEAN_SOP)).list).toEqual([]);
  });

  it('reports an approval without a date on the whole entry', async () => {
    const { result, list } = await check(CLEAN_SOP.replace(REVIEWER, '{role: reviewer, name: Omar Haddad}'));
    expect(ruleIds(result, 'sop.md').filter((id) => id !== 'coverage-gap')).toEqual([RULE]);
    expect(list).toHaveLength(1);
    expect(list[0].severity).toBe('warning');
    expect(slice(result, list[0])).toBe('{role: reviewer, name: Omar Haddad}');
    expect(list[0].message).toBe('Approval 2 (reviewer) has no date (ISO 13485:2016 4.2.4 a)).');
  });

  it('lists every missing or empty part, in block style too', async () => {
    const text = CLEAN_SOP.replace(`  - ${REVIEWER}\n`, '  - name: Omar Haddad\n    role: ""\n    date:\n');
    const { result, list } = await check(text);
    expect(list.map((f) => f.message)).toEqual(['Approval 2 (Omar Haddad) has no role and date (ISO 13485:2016 4.2.4 a)).']);
    expect(slice(result, list[0])).toBe('name: Omar Haddad\n    role: ""\n    date:');
    const bare = await check(CLEAN_SOP.replace(REVIEWER, '{signature: yes}'));
    expect(bare.list[0].message).toBe('Approval 2 has no role, name and date (ISO 13485:2016 4.2.4 a)).');
  });

  it('counts placeholders as present (field-placeholder reports them) and leaves non-mappings to field-invalid', async () => {
    expect((await check(CLEAN_SOP.replace('name: Omar Haddad', 'name: <enter name>'))).list).toEqual([]);
    expect((await check(CLEAN_SOP.replace(REVIEWER, 'Omar Haddad'))).list).toEqual([]);
  });

  it('reports regardless of status, because the entry claims an approval happened', async () => {
    const text = CLEAN_SOP.replace('status: effective', 'status: draft').replace(REVIEWER, '{role: reviewer, date: 2026-02-12}');
    expect((await check(text)).list.map((f) => f.message)).toEqual([
      'Approval 2 (reviewer) has no name (ISO 13485:2016 4.2.4 a)).',
    ]);
  });

  it('ignores uncontrolled documents', async () => {
    const result = await lintFiles({ 'notes.md': '---\ntitle: x\napprovals:\n  - {role: author}\n---\n# Notes\n' });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

/** The detail: what to record, and the clause the rule rests on. */
const INCOMPLETE_WHY = 'Record who approved, in which role, and on what date, as evidence of the approval ISO 13485:2016 4.2.4 a) requires.';

testRule('approval-incomplete', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'an approval without a date',
      text: CLEAN_SOP.replace('{role: approver, name: Lena Brandt, date: 2026-02-14}', '{role: approver, name: Lena Brandt}'),
      findings: [{ message: 'Approval 3 (approver) has no date (ISO 13485:2016 4.2.4 a)).', detail: INCOMPLETE_WHY, line: 13, column: 5, endColumn: 40, severity: 'warning' }],
    },
    {
      name: 'an approval without a role',
      text: CLEAN_SOP.replace('{role: reviewer, name: Omar Haddad, date: 2026-02-12}', '{name: Omar Haddad, date: 2026-02-12}'),
      findings: [{ message: 'Approval 2 (Omar Haddad) has no role (ISO 13485:2016 4.2.4 a)).', detail: INCOMPLETE_WHY, line: 12, column: 5, endColumn: 42 }],
    },
  ],
});
