import { describe, expect, it } from 'vitest';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';
import { testRule } from '../../rule-tester';

describe('clause-reference-missing', () => {
  it('reports a procedure that cites no clause of its standard', async () => {
    const doc = CLEAN_SOP.replace('clauses: ["4.2.4"]\n', '').replace('implements ISO 13485:2016 §4.2.4 for', 'covers');
    const [f, ...rest] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-reference-missing');
    expect(rest).toEqual([]);
    expect(doc.slice(f.range.start, f.range.end)).toBe('id');
    expect(f.message).toContain('cites no clause of ISO 13485:2016');
  });

  it('reports a declared clause that does not exist', async () => {
    const doc = CLEAN_SOP.replace('clauses: ["4.2.4"]', 'clauses: ["4.2.4", "4.2.9"]');
    const [f] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-reference-missing');
    expect(doc.slice(f.range.start, f.range.end)).toBe('4.2.9');
    expect(f.message).toContain('Declared clause 4.2.9 does not exist');
  });

  it('accepts a procedure that cites its standard only in the text, and forms and records without citations', async () => {
    const textOnly = CLEAN_SOP.replace('clauses: ["4.2.4"]\n', '');
    const form = CLEAN_SOP.replace('type: SOP', 'type: FRM').replace('clauses: ["4.2.4"]\n', '').replace('implements ISO 13485:2016 §4.2.4 for', 'covers');
    const result = await lintFiles({ 'a.md': textOnly, 'b.md': form.replace('SOP-001', 'FRM-001') });
    expect(findings(result, undefined, 'clause-reference-missing')).toEqual([]);
  });
});

testRule('clause-reference-missing', {
  valid: [{ text: CLEAN_SOP }, { name: 'cited in the text only', text: CLEAN_SOP.replace('clauses: ["4.2.4"]\n', '') }],
  invalid: [
    {
      name: 'a procedure that cites no clause',
      text: CLEAN_SOP.replace('clauses: ["4.2.4"]\n', '').replace('implements ISO 13485:2016 §4.2.4 for', 'covers'),
      findings: [
        {
          message: 'This SOP cites no clause of ISO 13485:2016.',
          line: 2,
          column: 1,
          endColumn: 3,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'declared clauses that do not exist, one finding each (docs example)',
      text: CLEAN_SOP.replace('clauses: ["4.2.4"]', 'clauses: ["4.2.9", "5.6.4"]'),
      findings: [
        { message: 'Declared clause 4.2.9 does not exist in ISO 13485:2016.', line: 9, column: 12, endColumn: 17 },
        { message: 'Declared clause 5.6.4 does not exist in ISO 13485:2016.', line: 9, column: 21, endColumn: 26 },
      ],
    },
  ],
});
