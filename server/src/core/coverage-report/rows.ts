// A coverage matrix as plain display rows: the one place that turns core's clause coverage into
// the fields people and clients see (labels, citation, gap, what the clause asks for, how each
// document reaches it). The reports (report.ts) and the editor's qmslint/coverage answer
// (lsp/custom.ts) both start from these rows and add only their own edges: relative paths and
// 1-based lines for the one, URIs and LSP ranges for the other.
//
// Keys are set in the order qmslint/coverage sends them (protocol/coverage.ts), so the server can
// pass a row on as it is; optional fields are absent, never undefined.
import { counts, isGap, type CoverageMatrix, type CoverageState, type CoveringDocument, type CrosswalkSource, type IncorporatedStandard, type OwnDocument } from '../coverage';
import { coverageRowLabel } from '../coverage-label';
import { clauseLabel } from '../standards/label';
import type { OffsetRange } from '../text';

export interface CoverageRowDocument {
  /** The file, as the matrix names it (absolute): each caller turns it into its own form. */
  path: string;
  id?: string;
  title?: string;
  status?: string;
  via: CoveringDocument['via'];
  /** For `via: 'crosswalk'`: the other standard's clause the document cites. */
  from?: CrosswalkSource;
  /** For `via: 'parent'` and `'subclause'`: the clause the document cites. */
  cites?: string;
  /** For `via: 'parent'`: the clause that asks for a document of its own, so the citation above it does not count. */
  requiresOwn?: OwnDocument;
  /** False for a file without an id: it cites the clause, but covers nothing. */
  controlled: boolean;
  /** Whether the citation counts for the state at all (a crosswalk, or a parent the clause needs more than, does not). */
  counts: boolean;
  /** The document's first citation of the clause, as offsets into its text. */
  range: OffsetRange;
}

export interface CoverageRow {
  id: string;
  /** The clause as printed in a list: `id`, or with its standard for an incorporated clause ("ISO 13485:2016 7.3.2"). */
  label: string;
  /** The clause as cited in text, always with its standard: "ISO 13485:2016 7.3.2", "21 CFR 820.10". */
  citation: string;
  /** A clause of a standard this one incorporates (ISO 13485:2016 through 21 CFR 820.10). */
  incorporated?: IncorporatedStandard;
  title: string;
  parent?: string;
  state: CoverageState;
  required: boolean;
  /** core/coverage.ts isGap: a required clause no approved or effective controlled document covers. */
  gap: boolean;
  documentedProcedure: boolean;
  documentedProcess: boolean;
  /** ISO 9001:2015's "documented information to be maintained" (it requires no documented procedure). */
  documentedInformation: boolean;
  records: boolean;
  documents: CoverageRowDocument[];
}

/** One row per clause of the matrix, in its order. Nested objects are copies: a caller may change a row, never the matrix. */
export function coverageRows(matrix: CoverageMatrix): CoverageRow[] {
  return matrix.clauses.map((c) => ({
    id: c.clause.id,
    label: coverageRowLabel(c),
    citation: clauseLabel(c.incorporated?.title ?? matrix.title, c.clause.id),
    ...(c.incorporated ? { incorporated: { ...c.incorporated } } : {}),
    title: c.clause.title,
    ...(c.clause.parent !== undefined ? { parent: c.clause.parent } : {}),
    state: c.state,
    required: c.required,
    gap: isGap(c),
    documentedProcedure: c.clause.documentedProcedure === true,
    documentedProcess: c.clause.documentedProcess === true,
    documentedInformation: c.clause.documentedInformation === 'maintain',
    records: c.clause.records === true,
    documents: c.documents.map((d) => ({
      path: d.path,
      ...(d.id !== undefined ? { id: d.id } : {}),
      ...(d.title !== undefined ? { title: d.title } : {}),
      ...(d.status !== undefined ? { status: d.status } : {}),
      via: d.via,
      ...(d.from ? { from: { ...d.from } } : {}),
      ...(d.cites !== undefined ? { cites: d.cites } : {}),
      ...(d.requiresOwn ? { requiresOwn: { ...d.requiresOwn } } : {}),
      controlled: d.controlled,
      counts: counts(d),
      range: { ...d.range },
    })),
  }));
}
