// The display rows both the coverage reports and the editor's qmslint/coverage answer are built
// from (core/coverage-report/rows.ts).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { computeCoverage } from '../../server/src/core/coverage';
import { coverageRows, type CoverageRow, type CoverageRowDocument } from '../../server/src/core/coverage-report/rows';
import type * as wire from '../../server/src/protocol/coverage';
import { CLEAN_SOP, lintFiles } from '../helpers';

describe('coverage rows', () => {
  // Cites ISO 13485:2016 7.5 only: its subclause 7.5.1 asks for a procedure of its own.
  const sop = CLEAN_SOP.replace('§4.2.4 for all controlled documents.', '§4.2.4 and §7.5 for all controlled documents.');
  // No front matter and an empty first heading: uncontrolled, and named by an empty title.
  const notes = '#\n\nSee ISO 13485:2016 §7.5.1.\n';

  it('gives an incorporated clause reached only through its parent its standard, the gap and the non-counting citation', async () => {
    const result = await lintFiles({ 'a.md': sop, 'notes.md': notes });
    const rows = coverageRows(computeCoverage(result.index, result.catalog, '21cfr820')!);
    const row = rows.find((r) => r.id === '7.5.1')!;
    // Listed by strength of tie: the direct citation first, the parent that does not count last.
    const [uncontrolled, parentOnly] = row.documents;
    expect({ ...row, documents: [] }).toEqual({
      id: '7.5.1',
      label: 'ISO 13485:2016 7.5.1',
      citation: 'ISO 13485:2016 7.5.1',
      incorporated: { standard: 'iso13485:2016', title: 'ISO 13485:2016', by: '820.10' },
      title: 'Control of production and service provision',
      parent: '7.5',
      // Only an uncontrolled file cites it itself; the SOP's citation of 7.5 does not count.
      state: 'uncontrolled',
      required: true,
      gap: true,
      documentedProcedure: true,
      documentedProcess: false,
      documentedInformation: false,
      records: true,
      documents: [],
    });
    expect(row.documents).toHaveLength(2);
    expect(parentOnly).toEqual({
      path: '/ws/a.md',
      id: 'SOP-001',
      title: 'Control of Documents',
      status: 'effective',
      via: 'parent',
      cites: '7.5',
      requiresOwn: { clause: '7.5.1', kind: 'procedure' },
      controlled: true,
      counts: false,
      range: parentOnly.range,
    });
    expect(sop.slice(parentOnly.range.start, parentOnly.range.end)).toBe('7.5');
    // The empty title stays a title here: the reports print it (the wire leaves it out).
    expect(uncontrolled).toEqual({ path: '/ws/notes.md', title: '', via: 'direct', controlled: false, counts: true, range: uncontrolled.range });
    expect(notes.slice(uncontrolled.range.start, uncontrolled.range.end)).toBe('7.5.1');

    // The standard's own clause: bare label, citation with the standard, nothing incorporated.
    const own = rows.find((r) => r.id === '820.10')!;
    expect([own.label, own.citation, 'incorporated' in own]).toEqual(['820.10', '21 CFR 820.10', false]);
  });

  it('sets keys in the order qmslint/coverage sends them, so the server passes rows on as they are', async () => {
    const result = await lintFiles({ 'a.md': sop, 'notes.md': notes });
    const row = coverageRows(computeCoverage(result.index, result.catalog, '21cfr820')!).find((r) => r.id === '7.5.1')!;
    expect(Object.keys(row)).toEqual(['id', 'label', 'citation', 'incorporated', 'title', 'parent', 'state', 'required', 'gap', 'documentedProcedure', 'documentedProcess', 'documentedInformation', 'records', 'documents']);
    expect(Object.keys(row.documents[1])).toEqual(['path', 'id', 'title', 'status', 'via', 'cites', 'requiresOwn', 'controlled', 'counts', 'range']);
  });

  it('has every field of the wire, and no other, but the edges each caller maps (checked by typecheck)', () => {
    expectTypeOf<keyof Omit<CoverageRow, 'documents'>>().toEqualTypeOf<keyof Omit<wire.CoverageClause, 'documents'>>();
    expectTypeOf<Omit<CoverageRow, 'documents'>>().toExtend<Omit<wire.CoverageClause, 'documents'>>();
    expectTypeOf<keyof Omit<CoverageRowDocument, 'path' | 'range'>>().toEqualTypeOf<keyof Omit<wire.CoveringDocument, 'uri' | 'range'>>();
    expectTypeOf<Omit<CoverageRowDocument, 'path' | 'range'>>().toExtend<Omit<wire.CoveringDocument, 'uri' | 'range'>>();
  });
});
