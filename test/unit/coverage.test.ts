import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../server/src/core/coverage';
import { CLEAN_SOP, lintFiles } from '../helpers';

describe('coverage matrix', () => {
  it('lists the documents covering each clause with their status and state', async () => {
    const design = CLEAN_SOP.replace('SOP-001', 'SOP-002')
      .replace('Control of Documents', 'Design Control')
      .replace('status: effective', 'status: draft')
      .replace('clauses: ["4.2.4"]', 'clauses: ["7.3"]')
      .replace('ISO 13485:2016 §4.2.4', 'ISO 13485:2016 §7.3');
    const result = await lintFiles({ 'a.md': CLEAN_SOP, 'b.md': design });
    const m = computeCoverage(result.index, result.catalog, 'iso13485:2016')!;
    const get = (id: string) => m.clauses.find((c) => c.clause.id === id)!;
    expect(get('4.2.4')).toMatchObject({ state: 'covered', required: true });
    expect(get('4.2.4').documents).toEqual([expect.objectContaining({ id: 'SOP-001', status: 'effective', via: 'direct', path: '/ws/a.md' })]);
    expect(get('4.2')).toMatchObject({ state: 'covered' }); // through its subclause
    expect(get('4.2').documents[0].via).toBe('subclause');
    expect(get('7.3.2')).toMatchObject({ state: 'draft-only' }); // through the parent 7.3
    expect(get('7.3.2').documents[0]).toMatchObject({ id: 'SOP-002', via: 'parent' });
    expect(get('8.2.2')).toMatchObject({ state: 'not-covered', documents: [] });
    expect(m.summary.clauses).toBe(m.clauses.length);
    expect(m.summary.covered + m.summary.draftOnly + m.summary.notCovered).toBe(m.summary.clauses);
  });

  it('ignores obsolete documents', async () => {
    const obsolete = CLEAN_SOP.replace('status: effective', 'status: obsolete');
    const result = await lintFiles({ 'a.md': obsolete });
    const m = computeCoverage(result.index, result.catalog, 'iso13485:2016')!;
    expect(m.clauses.find((c) => c.clause.id === '4.2.4')!.state).toBe('not-covered');
  });

  it('with a filter, holds exactly the chosen clauses of the whole matrix', async () => {
    const design = CLEAN_SOP.replace('SOP-001', 'SOP-002').replace('status: effective', 'status: draft').replace('clauses: ["4.2.4"]', 'clauses: ["7.3"]');
    const result = await lintFiles({ 'a.md': CLEAN_SOP, 'b.md': design });
    const whole = computeCoverage(result.index, result.catalog, 'iso13485:2016')!;
    const required = computeCoverage(result.index, result.catalog, 'iso13485:2016', 'iso13485:2016', (c) => Boolean(c.documentedProcedure || c.documentedProcess))!;
    expect(required.clauses.length).toBeGreaterThan(0);
    expect(required.clauses.length).toBeLessThan(whole.clauses.length);
    expect(required.clauses).toEqual(whole.clauses.filter((c) => c.required));
  });
});
