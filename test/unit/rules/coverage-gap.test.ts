import { describe, expect, it } from 'vitest';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';

describe('coverage-gap', () => {
  it('reports each required clause no approved or effective document covers, on the config file', async () => {
    const result = await lintFiles({ '.qmslint.yaml': 'standard: iso13485:2016\n', 'sop.md': CLEAN_SOP });
    const gaps = findings(result, '.qmslint.yaml', 'coverage-gap');
    const required = result.catalog.listClauses('iso13485:2016').filter((c) => c.documentedProcedure);
    const processes = result.catalog.pack('iso13485:2016')!.clauses.filter((c) => c.documentedProcess);
    // SOP-001 covers 4.2.4; every other required clause is a gap.
    expect(gaps).toHaveLength(required.length + processes.length - 1);
    expect(gaps.find((g) => g.message.includes(' 6.2 '))?.message).toContain('requires a documented process');
    expect(gaps.some((g) => g.message.includes(' 4.2.4 '))).toBe(false);
    expect(gaps.some((g) => g.message.includes('ISO 13485:2016 8.2.2 (Complaint handling)'))).toBe(true);
  });

  it('says when only drafts cover a clause', async () => {
    const draft = CLEAN_SOP.replace('status: effective', 'status: draft');
    const gaps = findings(await lintFiles({ '.qmslint.yaml': 'standard: iso13485:2016\n', 'sop.md': draft }), '.qmslint.yaml', 'coverage-gap');
    expect(gaps.find((g) => g.message.includes(' 4.2.4 '))?.message).toContain('only drafts cover it (SOP-001)');
  });

  it('reports on the quality manual when there is no config file, and nothing when nothing is controlled', async () => {
    const manual = CLEAN_SOP.replace('type: SOP', 'type: MAN').replace('SOP-001', 'QM-001');
    const result = await lintFiles({ 'qm.md': manual, 'sop.md': CLEAN_SOP });
    expect(findings(result, 'qm.md', 'coverage-gap').length).toBeGreaterThan(10);
    expect(findings(result, 'sop.md', 'coverage-gap')).toEqual([]);
    expect(findings(await lintFiles({ 'notes.md': '# Notes\n' }), undefined, 'coverage-gap')).toEqual([]);
  });
});
