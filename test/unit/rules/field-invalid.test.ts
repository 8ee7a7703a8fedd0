import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { applyEdits } from '../../../server/src/core/fixes';
import { runRule, testRule } from '../../rule-tester';
import { ruleById } from '../../../server/src/core/rules';

const RULE = 'field-invalid';

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function planted(from: string, to: string, files: Record<string, string> = {}) {
  const result = await lintFiles({ ...files, 'sop.md': CLEAN_SOP.replace(from, to) });
  return { result, found: findings(result, 'sop.md', RULE) };
}

describe('field-invalid', () => {
  it('reports nothing on a clean SOP', async () => {
    const result = await lintFiles({ 'sop.md': CLEAN_SOP });
    expect(findings(result, 'sop.md', RULE)).toEqual([]);
  });

  it('reports an id that does not match the id pattern, with a suggestion', async () => {
    const { result, found } = await planted('id: SOP-001', 'id: sop 001');
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    expect(slice(result, found[0])).toBe('sop 001');
    expect(found[0].message).toBe('The id sop 001 does not match the document id pattern (ISO 13485:2016 4.2.4 e)).');
    expect(found[0].detail).toBe('The pattern is ^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\\d+$ (letters, a dash, digits: SOP-004). Did you mean SOP-001?');
  });

  it('honours a configured idPattern', async () => {
    const config = { '.qmslint.yaml': 'idPattern: "^NW-[A-Z]+-\\\\d{3}$"\n' };
    expect((await planted('id: SOP-001', 'id: NW-SOP-001', config)).found).toEqual([]);
    const { found } = await planted('id: SOP-001', 'id: SOP-001', config);
    expect(found[0].message).toBe('The id SOP-001 does not match the document id pattern (ISO 13485:2016 4.2.4 e)).');
    expect(found[0].detail).toBe('The pattern is ^NW-[A-Z]+-\\d{3}$.');
  });

  it('reports an unknown type, status and revision', async () => {
    const { result, found } = await planted('type: SOP\nrevision: C\nstatus: effective', 'type: sop\nrevision: C2\nstatus: released');
    expect(found.map((f) => slice(result, f))).toEqual(['sop', 'C2', 'released']);
    expect(found[0].message).toBe(
      'Unknown document type sop.',
    );
    expect(found[1].message).toBe('Revision C2 fits no revision scheme (ISO 13485:2016 4.2.4 c)).');
    expect(found[2].message).toBe(
      'Unknown status released (ISO 13485:2016 4.2.4 h)).',
    );
  });

  it('accepts a type declared in the configuration', async () => {
    const config = { '.qmslint.yaml': 'types: {SPEC: {approvals: [author, approver]}}\n' };
    expect((await planted('type: SOP', 'type: SPEC', config)).found).toEqual([]);
  });

  it('reports dates that are not ISO 8601 and says what they probably mean', async () => {
    const { result, found } = await planted('effective_date: 2026-03-01', 'effective_date: 01.03.2026');
    expect(ruleIds(result, 'sop.md')).toContain(RULE);
    expect(found).toHaveLength(1);
    expect(slice(result, found[0])).toBe('01.03.2026');
    expect(found[0].message).toBe('The effective_date 01.03.2026 is not an ISO 8601 date.');

    const bad = await planted('next_review: 2028-03-01', 'next_review: 2028-02-30');
    expect(bad.found[0].message).toBe('The next_review 2028-02-30 is not a real calendar date.');

    const approval = await planted('date: 2026-02-12}', 'date: 2026/2/12}');
    expect(slice(approval.result, approval.found[0])).toBe('2026/2/12');
    expect(approval.found[0].message).toBe('The date of approval 2 2026/2/12 is not an ISO 8601 date (ISO 13485:2016 4.2.4 a)).');
  });

  it('reports review_period_months that is not a positive whole number', async () => {
    for (const bad of ['0', '1.5', 'two years', '-12']) {
      const { result, found } = await planted('next_review: 2028-03-01', `review_period_months: ${bad}`);
      expect(found.map((f) => slice(result, f))).toEqual([bad]);
    }
    expect((await planted('next_review: 2028-03-01', 'review_period_months: 24')).found).toEqual([]);
  });

  it('reports approvals that are not a list of mappings, and unknown roles', async () => {
    const scalar = await planted(/approvals:\n(  - .*\n)+/.exec(CLEAN_SOP)![0], 'approvals: Lena Brandt\n');
    expect(slice(scalar.result, scalar.found[0])).toBe('Lena Brandt');
    expect(scalar.found[0].message).toBe('The approvals field must be a list of approvals, one per line (ISO 13485:2016 4.2.4 a)).');

    const item = await planted('  - {role: reviewer, name: Omar Haddad, date: 2026-02-12}', '  - Omar Haddad');
    expect(slice(item.result, item.found[0])).toBe('Omar Haddad');
    expect(item.found[0].message).toContain('Approval 2 must be a mapping with role, name and date');

    const role = await planted('role: reviewer', 'role: QA');
    expect(slice(role.result, role.found[0])).toBe('QA');
    expect(role.found[0].message).toBe(
      'Unknown approval role QA (ISO 13485:2016 4.2.4 a)).',
    );
    expect((await planted('role: reviewer', 'role: QA', { '.qmslint.yaml': 'approvalRoles: [QA]\n' })).found).toEqual([]);
  });

  it('reports clauses and references that are not lists', async () => {
    const { result, found } = await planted('clauses: ["4.2.4"]', 'clauses: 4.2.4\nreferences: SOP-002');
    expect(found.map((f) => slice(result, f))).toEqual(['4.2.4', 'SOP-002']);
    expect(found[0].message).toBe('The clauses field must be a list.');
    expect(found[0].detail).toBe('For example clauses: ["4.2.4", "4.2.5"]');
  });

  it('leaves placeholders and empty values to field-placeholder and field-missing', async () => {
    const text = CLEAN_SOP.replace('id: SOP-001', 'id: SOP-XXX')
      .replace('status: effective', 'status: <enter status>')
      .replace('effective_date: 2026-03-01', 'effective_date: YYYY-MM-DD')
      .replace('revision: C', 'revision: TBD')
      .replace('date: 2026-02-12}', 'date: DD.MM.YYYY}')
      .replace('owner: Quality Manager', 'owner:');
    const result = await lintFiles({ 'sop.md': text });
    expect(findings(result, 'sop.md', RULE)).toEqual([]);
    expect(findings(result, 'sop.md', 'field-placeholder').length).toBeGreaterThanOrEqual(5);
  });

  it('checks aliased fields under their own names', async () => {
    const config = { '.qmslint.yaml': 'fields: {id: document_id, revision: version}\n' };
    const text = CLEAN_SOP.replace('id: SOP-001', 'document_id: SOP_001').replace('revision: C', 'version: C-1');
    const result = await lintFiles({ ...config, 'sop.md': text });
    const found = findings(result, 'sop.md', RULE);
    expect(found.map((f) => slice(result, f))).toEqual(['SOP_001', 'C-1']);
    expect(found[0].message).toContain('The document_id SOP_001 does not match the document id pattern (ISO 13485:2016 4.2.4 e)).');
  });
});

testRule('field-invalid', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'an unknown status (docs example)',
      text: CLEAN_SOP.replace('status: effective', 'status: released'),
      findings: [{ message: 'Unknown status released (ISO 13485:2016 4.2.4 h)).', line: 6, column: 9, endLine: 6, endColumn: 17, severity: 'error' }],
    },
    {
      name: 'a date that is not ISO 8601',
      text: CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 15.01.2021'),
      findings: [{ message: 'The effective_date 15.01.2021 is not an ISO 8601 date.', line: 7, column: 17, endColumn: 27 }],
      // Day 15 cannot be a month: one reading, so a fix.
      output: CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 2021-01-15'),
    },
    {
      name: 'a status in other letters is fixed to the status',
      text: CLEAN_SOP.replace('status: effective', 'status: Effective'),
      findings: [{ message: 'Unknown status Effective (ISO 13485:2016 4.2.4 h)).', detail: 'Use one of draft, in-review, approved, effective, obsolete (Effective probably means effective).', line: 6 }],
      output: CLEAN_SOP,
    },
    {
      name: 'a year-first date with slashes, a quoted one and an approval date are fixed, quotes kept',
      text: CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 2026/03/01')
        .replace('next_review: 2028-03-01', 'next_review: "2028-3-1"')
        .replace('date: 2026-02-12}', 'date: 2026.02.12}'),
      findings: [{ includes: 'The effective_date 2026/03/01' }, { includes: 'The date of approval 2 2026.02.12' }, { includes: 'The next_review 2028-3-1' }],
      output: CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: "2028-03-01"'),
    },
    {
      name: 'an ambiguous day and month: suggestions only, --fix leaves it',
      text: CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 03/04/2026'),
      findings: [{ message: 'The effective_date 03/04/2026 is not an ISO 8601 date.', line: 7 }],
      output: CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 03/04/2026'),
    },
    {
      name: 'an id outside the pattern',
      text: CLEAN_SOP.replace('id: SOP-001', 'id: sop 12'),
      findings: [{ includes: 'The id sop 12 does not match the document id pattern', line: 2, column: 5 }],
    },
  ],
});

describe('field-invalid fixes and suggestions', () => {
  const rule = ruleById(RULE)!;
  const only = async (text: string) => {
    const found = await runRule(rule, { text });
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('fixes a status written in other letters, and only suggests the status another word probably means', async () => {
    const upper = await only(CLEAN_SOP.replace('status: effective', 'status: EFFECTIVE'));
    expect(upper.fix!.title).toBe('Change status to effective');
    expect(upper.suggestions).toBeUndefined();

    const text = CLEAN_SOP.replace('status: effective', 'status: released');
    const released = await only(text);
    expect(released.fix).toBeUndefined();
    expect(released.suggestions!.map((s) => s.title)).toEqual(['Change status to effective']);
    expect(applyEdits(text, released.suggestions![0].edits)).toBe(CLEAN_SOP);

    const unknown = await only(CLEAN_SOP.replace('status: effective', 'status: pending'));
    expect(unknown.fix).toBeUndefined();
    expect(unknown.suggestions).toBeUndefined();
  });

  it('suggests both readings of an ambiguous date, day first then month first, and fixes nothing', async () => {
    const text = CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 03/04/2026');
    const f = await only(text);
    expect(f.fix).toBeUndefined();
    expect(f.suggestions!.map((s) => s.title)).toEqual(['Change effective_date to 2026-04-03 (read day first)', 'Change effective_date to 2026-03-04 (read month first)']);
    expect(applyEdits(text, f.suggestions![1].edits)).toBe(CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 2026-03-04'));
    // 01.03.2026 reads both ways too: the detail names both readings, as the suggestions do, and picks none.
    const dotted = await only(CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 01.03.2026'));
    expect(dotted.fix).toBeUndefined();
    expect(dotted.suggestions!.map((s) => s.edits[0].text)).toEqual(['2026-03-01', '2026-01-03']);
    expect(dotted.detail).toBe('It may be 2026-03-01 (day first) or 2026-01-03 (month first): write the date meant as year-month-day.');
  });

  it('fixes a day and month that read only one way, and offers nothing for a date that is not real', async () => {
    const f = await only(CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 04/13/2026'));
    expect(f.fix!.edits[0].text).toBe('2026-04-13');
    const same = await only(CLEAN_SOP.replace('effective_date: 2026-03-01', 'effective_date: 04/04/2026'));
    expect(same.fix!.edits[0].text).toBe('2026-04-04');
    for (const bad of ['2026-02-30', '2026/02/30', '31/31/2026', 'March 1st']) {
      const n = await only(CLEAN_SOP.replace('effective_date: 2026-03-01', `effective_date: ${bad}`));
      expect([n.fix, n.suggestions], bad).toEqual([undefined, undefined]);
    }
  });
});
