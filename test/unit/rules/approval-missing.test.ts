import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'approval-missing';
const APPROVER = '  - {role: approver, name: Lena Brandt, date: 2026-02-14}\n';

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function check(text: string, files: Record<string, string> = {}) {
  const result = await lintFiles({ ...files, 'sop.md': text });
  return { result, list: findings(result, 'sop.md', RULE) };
}

describe('approval-missing', () => {
  it('reports nothing when every required role has approved', async () => {
    expect((await check(CLEAN_SOP)).list).toEqual([]);
  });

  it('reports a missing approver on the approvals key, naming the clause', async () => {
    const { result, list } = await check(CLEAN_SOP.replace(APPROVER, ''));
    expect(ruleIds(result, 'sop.md').filter((id) => id !== 'coverage-gap')).toEqual([RULE]);
    expect(list).toHaveLength(1);
    expect(list[0].severity).toBe('error');
    expect(slice(result, list[0])).toBe('approvals');
    expect(list[0].line).toBe(10);
    expect(list[0].message).toBe(
      'No approval by approver (ISO 13485:2016 4.2.4 a)).',
    );
  });

  it('reports each missing role, matching roles without regard to case', async () => {
    const text = CLEAN_SOP.replace(APPROVER, '').replace('role: author', 'role: Author').replace('role: reviewer', 'role: QA');
    const { list } = await check(text);
    expect(list.map((f) => f.message.split(':')[0])).toEqual(['No approval by reviewer (ISO 13485', 'No approval by approver (ISO 13485']);
  });

  it('requires approvals only once the status says the document is approved', async () => {
    for (const status of ['draft', 'in-review']) {
      expect((await check(CLEAN_SOP.replace(APPROVER, '').replace('status: effective', `status: ${status}`))).list).toEqual([]);
    }
    for (const status of ['approved', 'obsolete']) {
      expect((await check(CLEAN_SOP.replace(APPROVER, '').replace('status: effective', `status: ${status}`))).list).toHaveLength(1);
    }
  });

  it("follows the type's roles: forms need author and approver, records none", async () => {
    const form = CLEAN_SOP.replace('type: SOP', 'type: FRM').replace('  - {role: reviewer, name: Omar Haddad, date: 2026-02-12}\n', '');
    expect((await check(form)).list).toEqual([]);
    expect((await check(form.replace(APPROVER, ''))).list.map((f) => f.message.split(':')[0])).toEqual(['No approval by approver (ISO 13485']);
    const rec = CLEAN_SOP.replace('type: SOP', 'type: REC').replace(APPROVER, '');
    expect((await check(rec)).list).toEqual([]);
  });

  it('uses roles configured for a type', async () => {
    const config = { '.qmslint.yaml': 'types: {SOP: {approvals: [author, qa-approver]}}\napprovalRoles: [qa-approver]\n' };
    const { list } = await check(CLEAN_SOP, config);
    expect(list.map((f) => f.message.split(':')[0])).toEqual(['No approval by qa-approver (ISO 13485']);
  });

  it('falls back to author, reviewer and approver for an unknown type', async () => {
    const { list } = await check(CLEAN_SOP.replace('type: SOP', 'type: XYZ').replace(APPROVER, ''));
    expect(list.map((f) => f.message.split(':')[0])).toEqual(['No approval by approver (ISO 13485']);
  });

  it('leaves a document with no approvals at all to status-inconsistent', async () => {
    const none = CLEAN_SOP.replace(/approvals:\n(  - .*\n)+/, '');
    const empty = CLEAN_SOP.replace(/approvals:\n(  - .*\n)+/, 'approvals: []\n');
    for (const text of [none, empty]) {
      const { result, list } = await check(text);
      expect(list).toEqual([]);
      expect(findings(result, 'sop.md', 'status-inconsistent')).toHaveLength(1);
    }
  });

  it('ignores uncontrolled documents', async () => {
    const result = await lintFiles({ 'notes.md': '---\ntitle: x\nstatus: effective\napprovals:\n  - {role: author}\n---\n# Notes\n' });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

testRule('approval-missing', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'no approver (docs example)',
      text: CLEAN_SOP.replace('  - {role: approver, name: Lena Brandt, date: 2026-02-14}\n', ''),
      findings: [
        {
          message: 'No approval by approver (ISO 13485:2016 4.2.4 a)).',
          line: 10,
          column: 1,
          endColumn: 10,
          severity: 'error',
        },
      ],
    },
    {
      name: 'only the author: one finding per missing role',
      text: CLEAN_SOP.replace('  - {role: reviewer, name: Omar Haddad, date: 2026-02-12}\n', '').replace('  - {role: approver, name: Lena Brandt, date: 2026-02-14}\n', ''),
      findings: [
        { includes: 'No approval by approver (ISO 13485', line: 10 },
        { includes: 'No approval by reviewer (ISO 13485', line: 10 },
      ],
    },
  ],
});
