import { describe, expect, it } from 'vitest';
import { computeCoverage, groupTotals, uncontrolledCiters } from '../../server/src/core/coverage';
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
    expect(get('4.2.4').documents).toEqual([expect.objectContaining({ id: 'SOP-001', status: 'effective', via: 'direct', path: '/ws/a.md', controlled: true })]);
    expect(get('4.2')).toMatchObject({ state: 'covered' }); // through its subclause
    expect(get('4.2').documents[0].via).toBe('subclause');
    expect(get('7.3.2')).toMatchObject({ state: 'draft-only' }); // through the parent 7.3
    expect(get('7.3.2').documents[0]).toMatchObject({ id: 'SOP-002', via: 'parent' });
    expect(get('8.2.2')).toMatchObject({ state: 'not-covered', documents: [] });
    expect(m.summary.clauses).toBe(m.clauses.length);
    expect(m.summary.covered + m.summary.draftOnly + m.summary.uncontrolled + m.summary.notCovered).toBe(m.summary.clauses);
  });

  it('counts a range as citing every clause between its ends', async () => {
    const ranges = CLEAN_SOP.replace('ISO 13485:2016 §4.2.4 for all controlled documents.', 'ISO 13485:2016 §4.2.4, §§ 7.3.2–7.3.4 and clauses 8.2.1 through 8.2.3; also §§ 7.5.8–8.1.');
    const result = await lintFiles({ 'a.md': ranges });
    const m = computeCoverage(result.index, result.catalog, 'iso13485:2016')!;
    const direct = m.clauses.filter((c) => c.documents.some((d) => d.via === 'direct')).map((c) => c.clause.id);
    // The ends and every sibling between them; "7.5.8–8.1" spans two clauses, so only its ends.
    expect(direct).toEqual(['4.2.4', '7.3.2', '7.3.3', '7.3.4', '7.5.8', '8.1', '8.2.1', '8.2.2', '8.2.3']);
  });

  it('ignores obsolete documents', async () => {
    const obsolete = CLEAN_SOP.replace('status: effective', 'status: obsolete');
    const result = await lintFiles({ 'a.md': obsolete });
    const m = computeCoverage(result.index, result.catalog, 'iso13485:2016')!;
    expect(m.clauses.find((c) => c.clause.id === '4.2.4')!.state).toBe('not-covered');
  });

  it('lists files without an id as uncontrolled citers, which never cover a clause', async () => {
    // A mapping table in a file with no front matter, and one whose front matter names no document.
    const mapping = '# Complaint Handling\n\n| ISO 13485:2016 Section | Document Section |\n|---|---|\n| 8.2.2 | (All) |\n| 4.2.4 | Records |\n';
    const noId = '---\ntitle: Notes\nstatus: effective\n---\n# Notes\n\nSee ISO 13485:2016 §7.3.2.\n';
    const obsolete = '---\ntitle: Old notes\nstatus: obsolete\n---\n# Old notes\n\nSee ISO 13485:2016 §8.5.2.\n';
    const draft = CLEAN_SOP.replace('SOP-001', 'SOP-002').replace('status: effective', 'status: draft').replace('clauses: ["4.2.4"]', 'clauses: ["7.3.2"]').replace('§4.2.4', '§7.3.2');
    const result = await lintFiles({ 'a.md': CLEAN_SOP, 'b.md': draft, 'mapping.md': mapping, 'notes.md': noId, 'old.md': obsolete });
    const m = computeCoverage(result.index, result.catalog, 'iso13485:2016')!;
    const get = (id: string) => m.clauses.find((c) => c.clause.id === id)!;
    expect(get('8.2.2')).toMatchObject({ state: 'uncontrolled', required: true });
    expect(get('8.2.2').documents).toEqual([expect.objectContaining({ path: '/ws/mapping.md', title: 'Complaint Handling', via: 'direct', controlled: false })]);
    expect(get('8.2.2').documents[0].id).toBeUndefined();
    // 8.2 is reached through its subclause, still without control.
    expect(get('8.2')).toMatchObject({ state: 'uncontrolled' });
    // An approved document beside an uncontrolled one: covered, both listed.
    expect(get('4.2.4').state).toBe('covered');
    expect(get('4.2.4').documents.map((d) => [d.path, d.controlled])).toEqual([
      ['/ws/a.md', true],
      ['/ws/mapping.md', false],
    ]);
    // A status in front matter without an id does not make a file controlled: drafts (SOP-002) win over it.
    expect(get('7.3.2').state).toBe('draft-only');
    expect(get('7.3.2').documents.find((d) => d.path === '/ws/notes.md')).toMatchObject({ controlled: false, status: 'effective' });
    // Obsolete files count for nothing, with an id or without.
    expect(get('8.5.2')).toMatchObject({ state: 'not-covered', documents: [] });
    expect(m.summary.uncontrolled).toBe(m.clauses.filter((c) => c.state === 'uncontrolled').length);
    expect(m.summary.uncontrolled).toBeGreaterThanOrEqual(2);
    expect(m.summary.covered + m.summary.draftOnly + m.summary.uncontrolled + m.summary.notCovered).toBe(m.summary.clauses);
    expect(uncontrolledCiters(m.clauses)).toEqual(['/ws/mapping.md', '/ws/notes.md']);
    const groups = groupTotals(m);
    expect(groups.find((g) => g.clause.id === '8')!.uncontrolled).toBeGreaterThanOrEqual(2);
    expect(groups.reduce((n, g) => n + g.uncontrolled, 0)).toBe(m.summary.uncontrolled);
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
