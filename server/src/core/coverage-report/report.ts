// What every coverage format prints: the core's matrices with the edges
// translated for people (paths relative to the working folder, 1-based lines
// instead of offsets). No coverage logic lives here: states, requirements and
// group totals come from core/coverage.ts, as the coverage-gap rule's do.
import * as path from 'node:path';
import { counts, groupTotals, parentOnlyNote, uncontrolledCiters, type CoverageGroup, type CoverageMatrix, type CoverageState, type CrosswalkSource, type IncorporatedStandard, type OwnDocument } from '../coverage';
import { coverageRowLabel } from '../coverage-label';
import type { WorkspaceIndex } from '../index-workspace';
import { toPosix } from '../workspace';

export interface ReportDocument {
  /** POSIX path relative to the working folder, as lint reports name files. */
  path: string;
  id?: string;
  title?: string;
  status?: string;
  /** Where the document first cites the clause, 1-based. */
  line: number;
  column: number;
  via: 'direct' | 'subclause' | 'parent' | 'crosswalk';
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
}

export interface ReportClause {
  id: string;
  /** The clause as printed: `id`, or with its standard for an incorporated clause ("ISO 13485:2016 7.3.2"). */
  label: string;
  /** A clause of a standard this one incorporates (ISO 13485:2016 through 21 CFR 820.10). */
  incorporated?: IncorporatedStandard;
  title: string;
  parent?: string;
  documentedProcedure: boolean;
  documentedProcess: boolean;
  /** ISO 9001:2015's "documented information to be maintained" (it requires no documented procedure). */
  documentedInformation: boolean;
  records: boolean;
  state: CoverageState;
  required: boolean;
  /** The top-level clause this one belongs to. */
  group: string;
  documents: ReportDocument[];
}

export interface ReportGroup extends Omit<CoverageGroup, 'clause' | 'members'> {
  id: string;
  /** As ReportClause's `label`. */
  label: string;
  title: string;
}

export interface StandardReport {
  standard: string;
  title: string;
  summary: CoverageMatrix['summary'];
  groups: ReportGroup[];
  clauses: ReportClause[];
  /** Files without an id that cite clauses of this standard (paths as in `documents`), once each. */
  uncontrolledDocuments: string[];
}

export interface CoverageReport {
  version: string;
  standards: StandardReport[];
}

export const pct = (n: number, d: number): number => (d ? Math.round((100 * n) / d) : 100);

export function buildReport(matrices: CoverageMatrix[], index: WorkspaceIndex, cwd: string, version: string): CoverageReport {
  return { version, standards: matrices.map((m) => standardReport(m, index, cwd)) };
}

function standardReport(matrix: CoverageMatrix, index: WorkspaceIndex, cwd: string): StandardReport {
  const groups = groupTotals(matrix);
  const groupOf = new Map(groups.flatMap((g) => g.members.map((id) => [id, g.clause.id] as const)));
  const labelOf = new Map(matrix.clauses.map((c) => [c.clause.id, coverageRowLabel(c)] as const));
  return {
    standard: matrix.standard,
    title: matrix.title,
    summary: { ...matrix.summary },
    groups: groups.map(({ clause, members: _, ...totals }) => ({ id: clause.id, label: labelOf.get(clause.id) ?? clause.id, title: clause.title, ...totals })),
    clauses: matrix.clauses.map((c) => ({
      id: c.clause.id,
      label: coverageRowLabel(c),
      ...(c.incorporated ? { incorporated: { ...c.incorporated } } : {}),
      title: c.clause.title,
      ...(c.clause.parent !== undefined ? { parent: c.clause.parent } : {}),
      documentedProcedure: c.clause.documentedProcedure === true,
      documentedProcess: c.clause.documentedProcess === true,
      documentedInformation: c.clause.documentedInformation === 'maintain',
      records: c.clause.records === true,
      state: c.state,
      required: c.required,
      group: groupOf.get(c.clause.id)!,
      documents: c.documents.map((d) => {
        const doc = index.byPath.get(d.path);
        const pos = doc ? doc.parsed.lines.position(d.range.start) : { line: 1, column: 1 };
        return {
          path: relative(cwd, d.path),
          ...(d.id !== undefined ? { id: d.id } : {}),
          ...(d.title !== undefined ? { title: d.title } : {}),
          ...(d.status !== undefined ? { status: d.status } : {}),
          line: pos.line,
          column: pos.column,
          via: d.via,
          ...(d.from ? { from: { ...d.from } } : {}),
          ...(d.cites !== undefined ? { cites: d.cites } : {}),
          ...(d.requiresOwn ? { requiresOwn: { ...d.requiresOwn } } : {}),
          controlled: d.controlled,
          counts: counts(d),
        };
      }),
    })),
    uncontrolledDocuments: uncontrolledCiters(matrix.clauses).map((p) => relative(cwd, p)),
  };
}

/**
 * How a document reaches a clause, in words, or undefined for a direct citation: "via subclause
 * 7.5.2", "via parent 7.3", "cites 7.5 only: 7.5.7 requires its own procedure", "via crosswalk
 * from ISO 13485:2016 4.2.4".
 */
export function viaWords(d: Pick<ReportDocument, 'via' | 'from' | 'cites' | 'requiresOwn'>): string | undefined {
  if (d.via === 'direct') return undefined;
  if (d.via === 'crosswalk' && d.from) return `via crosswalk from ${crosswalkSource(d.from)}`;
  const note = parentOnlyNote(d);
  if (note) return note;
  return d.cites ? `via ${d.via} ${d.cites}` : `via ${d.via}`;
}

/** "ISO 13485:2016 4.2.4": the clause a crosswalk citation names. */
export const crosswalkSource = (from: CrosswalkSource): string => `${from.title} ${from.clause}`;

/** A state in words, for the summaries: "cited by an uncontrolled document" is never "cited by no document". */
export const STATE_WORDS: Record<CoverageState, string> = {
  covered: 'covered',
  partial: 'partly covered (only subclauses cited)',
  'draft-only': 'drafts only',
  uncontrolled: 'cited only by uncontrolled documents',
  'not-covered': 'cited by no document',
};

function relative(cwd: string, file: string): string {
  return path.posix.relative(toPosix(cwd), file) || file;
}
