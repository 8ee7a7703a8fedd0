import { describe, expect, it } from 'vitest';
import { computeCoverage, counts, groupTotals, parentOnlyNote, uncontrolledCiters } from '../../server/src/core/coverage';
import { acmePack, CLEAN_SOP, lintFiles } from '../helpers';

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
    expect(get('4.2')).toMatchObject({ state: 'partial' }); // only its subclause 4.2.4 is cited
    expect(get('4.2').documents[0]).toMatchObject({ via: 'subclause', cites: '4.2.4' });
    expect(get('7.3.2')).toMatchObject({ state: 'draft-only' }); // through the parent 7.3
    expect(get('7.3.2').documents[0]).toMatchObject({ id: 'SOP-002', via: 'parent' });
    expect(get('8.2.2')).toMatchObject({ state: 'not-covered', documents: [] });
    expect(m.summary.clauses).toBe(m.clauses.length);
    expect(m.summary.covered + m.summary.partial + m.summary.draftOnly + m.summary.uncontrolled + m.summary.notCovered).toBe(m.summary.clauses);
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
    expect(m.summary.covered + m.summary.partial + m.summary.draftOnly + m.summary.uncontrolled + m.summary.notCovered).toBe(m.summary.clauses);
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

// Issue 13, point 11: a parent citation covers the parent, not the child clauses that require
// their own procedure; a cited child makes its parent partly covered, not covered.
describe('coverage matrix: parents, subclauses and partial coverage', () => {
  /** An effective (or given status) SOP citing the given ISO 13485:2016 clauses in its body. */
  const sop = (id: string, clauses: string[], status = 'effective') =>
    CLEAN_SOP.replace('SOP-001', id)
      .replace('status: effective', `status: ${status}`)
      .replace('clauses: ["4.2.4"]', `clauses: [${clauses.map((c) => `"${c}"`).join(', ')}]`)
      .replace('ISO 13485:2016 §4.2.4', clauses.map((c) => `ISO 13485:2016 §${c}`).join(' and '));
  const matrix = async (files: Record<string, string>) => {
    const result = await lintFiles(files);
    const m = computeCoverage(result.index, result.catalog, 'iso13485:2016')!;
    return { m, get: (id: string) => m.clauses.find((c) => c.clause.id === id)! };
  };

  it('a citation of 7.5 does not cover 7.5.7, which requires its own procedure, but lists the document and says why', async () => {
    const { get } = await matrix({ 'a.md': sop('SOP-010', ['7.5']) });
    expect(get('7.5')).toMatchObject({ state: 'covered' });
    expect(get('7.5.7')).toMatchObject({ state: 'not-covered', required: true });
    expect(get('7.5.7').documents).toEqual([
      expect.objectContaining({ id: 'SOP-010', via: 'parent', cites: '7.5', requiresOwn: { clause: '7.5.7', kind: 'procedure' } }),
    ]);
    expect(parentOnlyNote(get('7.5.7').documents[0])).toBe('cites 7.5 only: 7.5.7 requires its own procedure');
    expect(counts(get('7.5.7').documents[0])).toBe(false);
    // 7.5.2 asks for no procedure of its own: the citation of 7.5 covers it.
    expect(get('7.5.2')).toMatchObject({ state: 'covered' });
    expect(get('7.5.2').documents[0]).toMatchObject({ via: 'parent', cites: '7.5' });
    expect(get('7.5.2').documents[0].requiresOwn).toBeUndefined();
    // Below a clause that requires its own procedure (7.5.9.1 under 7.5.9, which does not): 7.5.9.2 is covered, 7.5.9.1 is not.
    expect(get('7.5.9.2').state).toBe('covered');
    expect(get('7.5.9.1').state).toBe('not-covered');
  });

  it('a citation of 7.3 covers 7.3.2 (no procedure of its own) and not 7.3.9; top-level 7 covers nothing below it', async () => {
    const { get } = await matrix({ 'a.md': sop('SOP-002', ['7.3']), 'b.md': sop('SOP-003', ['8']) });
    expect(get('7.3.2').state).toBe('covered');
    expect(get('7.3.9').state).toBe('not-covered');
    expect(get('7.3.9').documents).toHaveLength(1);
    expect(get('8')).toMatchObject({ state: 'covered' });
    expect(get('8.2')).toMatchObject({ state: 'not-covered', documents: [] });
  });

  it('a cited 7.5.2 makes 7.5 partly covered, and the summary and groups count it apart', async () => {
    const { m, get } = await matrix({ 'a.md': sop('SOP-010', ['7.5.2']) });
    expect(get('7.5.2').state).toBe('covered');
    expect(get('7.5')).toMatchObject({ state: 'partial', documents: [expect.objectContaining({ id: 'SOP-010', via: 'subclause', cites: '7.5.2' })] });
    // The top-level clause too: a subclause's citation addresses it in part.
    expect(get('7').state).toBe('partial');
    expect(m.summary.partial).toBe(m.clauses.filter((c) => c.state === 'partial').length);
    expect(m.summary.partial).toBe(2);
    expect(m.summary.covered + m.summary.partial + m.summary.draftOnly + m.summary.uncontrolled + m.summary.notCovered).toBe(m.summary.clauses);
    const group = groupTotals(m).find((g) => g.clause.id === '7')!;
    expect(group.partial).toBe(2);
    expect(groupTotals(m).reduce((n, g) => n + g.partial, 0)).toBe(m.summary.partial);
  });

  it('in a user pack: a required clause with only subclauses cited is partial (requiredPartial), and a required clause stops a parent citation for all below it', async () => {
    // No built-in pack has a required clause with subclauses, nor a required clause between a parent and a child.
    const pack = acmePack(`  - {id: "1.1", title: Document control, parent: "1", documentedProcedure: true}
  - {id: "1.1.1", title: Approval, parent: "1.1"}
  - {id: "1.2", title: Production, parent: "1"}
  - {id: "1.2.1", title: Sterilization, parent: "1.2", documentedProcedure: true}
  - {id: "1.2.1.1", title: Loading, parent: "1.2.1"}
  - {id: "1.2.2", title: Cleaning, parent: "1.2"}
`);
    const doc = (id: string, clause: string) => CLEAN_SOP.replace('SOP-001', id).replace('clauses: ["4.2.4"]', `clauses: ["${clause}"]`).replace('ISO 13485:2016 §4.2.4', `§${clause}`);
    const result = await lintFiles({ '.qmslint.yaml': 'standard: acme-qms:2026\npacks: [acme.yaml]\n', 'acme.yaml': pack, 'a.md': doc('SOP-001', '1.1.1'), 'b.md': doc('SOP-002', '1.2') });
    const m = computeCoverage(result.index, result.catalog, 'acme-qms:2026')!;
    const get = (id: string) => m.clauses.find((c) => c.clause.id === id)!;
    expect(get('1.1')).toMatchObject({ state: 'partial', required: true });
    expect(m.summary).toMatchObject({ required: 2, requiredCovered: 0, requiredPartial: 1 });
    expect(groupTotals(m)[0]).toMatchObject({ requiredPartial: 1 });
    expect(get('1.2.2').state).toBe('covered');
    expect(get('1.2.1').state).toBe('not-covered');
    // 1.2.1.1 asks for nothing itself, but lies below 1.2.1, which 1.2 does not meet.
    expect(get('1.2.1.1').state).toBe('not-covered');
    expect(get('1.2.1.1').documents[0]).toMatchObject({ via: 'parent', cites: '1.2', requiresOwn: { clause: '1.2.1', kind: 'procedure' } });
  });

  it('ranks covered over partial over draft-only over uncontrolled over not-covered', async () => {
    const mapping = '# Notes\n\nSee ISO 13485:2016 §7.5.\n';
    // 7.5: cited by an uncontrolled file, by a draft, and (7.5.2) by an effective SOP: partial.
    const a = await matrix({ 'notes.md': mapping, 'd.md': sop('SOP-011', ['7.5'], 'draft'), 'e.md': sop('SOP-012', ['7.5.2']) });
    expect(a.get('7.5').state).toBe('partial');
    // Add an effective document citing 7.5 itself: covered.
    const b = await matrix({ 'notes.md': mapping, 'd.md': sop('SOP-011', ['7.5'], 'draft'), 'e.md': sop('SOP-012', ['7.5.2']), 'f.md': sop('SOP-013', ['7.5']) });
    expect(b.get('7.5').state).toBe('covered');
    // Without the effective ones: draft-only; without the draft: uncontrolled.
    expect((await matrix({ 'notes.md': mapping, 'd.md': sop('SOP-011', ['7.5'], 'draft') })).get('7.5').state).toBe('draft-only');
    expect((await matrix({ 'notes.md': mapping })).get('7.5').state).toBe('uncontrolled');
    // A draft citing a subclause: draft-only, as before (approved, it would make the clause partial).
    expect((await matrix({ 'd.md': sop('SOP-011', ['7.5.2'], 'draft') })).get('7.5').state).toBe('draft-only');
    // An effective document citing 7.5 does not make 7.5.7 draft-only or anything else: the citation does not count.
    const c = await matrix({ 'd.md': sop('SOP-011', ['7.5.7'], 'draft'), 'f.md': sop('SOP-013', ['7.5']) });
    expect(c.get('7.5.7').state).toBe('draft-only');
    expect(c.get('7.5.7').documents.map((d) => [d.id, d.via])).toEqual([
      ['SOP-011', 'direct'],
      ['SOP-013', 'parent'],
    ]);
  });
});
