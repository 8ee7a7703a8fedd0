// What every coverage format prints: the core's matrices with the edges
// translated for people (paths relative to the working folder, 1-based lines
// instead of offsets). No coverage logic lives here: states, requirements and
// group totals come from core/coverage.ts, as the coverage-gap rule's do, and
// each clause's fields from rows.ts, as the editor's qmslint/coverage answer's do.
import * as path from 'node:path';
import { groupTotals, parentOnlyNote, uncontrolledCiters, type CoverageGroup, type CoverageMatrix, type CoverageState, type CrosswalkSource } from '../coverage';
import type { WorkspaceIndex } from '../index-workspace';
import { toPosix } from '../workspace';
import { coverageRows, type CoverageRow, type CoverageRowDocument } from './rows';

/** A row's document as the reports print it: the path relative to the working folder, the offsets as a 1-based position. */
export interface ReportDocument extends Omit<CoverageRowDocument, 'path' | 'range'> {
  /** POSIX path relative to the working folder, as lint reports name files. */
  path: string;
  /** Where the document first cites the clause, 1-based. */
  line: number;
  column: number;
}

/** A row (rows.ts) with the top-level clause it is totalled under. */
export interface ReportClause extends Omit<CoverageRow, 'documents'> {
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
  const rows = coverageRows(matrix);
  const labelOf = new Map(rows.map((r) => [r.id, r.label] as const));
  return {
    standard: matrix.standard,
    title: matrix.title,
    summary: { ...matrix.summary },
    groups: groups.map(({ clause, members: _, ...totals }) => ({ id: clause.id, label: labelOf.get(clause.id) ?? clause.id, title: clause.title, ...totals })),
    clauses: rows.map(({ documents, ...row }) => ({
      ...row,
      group: groupOf.get(row.id)!,
      documents: documents.map(({ path: file, range, ...d }) => {
        const doc = index.byPath.get(file);
        const pos = doc ? doc.parsed.lines.position(range.start) : { line: 1, column: 1 };
        return { path: relative(cwd, file), ...d, line: pos.line, column: pos.column };
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
