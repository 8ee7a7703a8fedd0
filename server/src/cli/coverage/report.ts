// What every coverage format prints: the core's matrices with the edges
// translated for people (paths relative to the working folder, 1-based lines
// instead of offsets). No coverage logic lives here: states, requirements and
// group totals come from core/coverage.ts, as the coverage-gap rule's do.
import * as path from 'node:path';
import { groupTotals, uncontrolledCiters, type CoverageGroup, type CoverageMatrix, type CoverageState, type CrosswalkSource } from '../../core/coverage';
import type { WorkspaceIndex } from '../../core/index-workspace';
import { toPosix } from '../../core/workspace';

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
  /** False for a file without an id: it cites the clause, but covers nothing. */
  controlled: boolean;
}

export interface ReportClause {
  id: string;
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

/** A required clause that no approved or effective controlled document covers (drafts, uncontrolled files, nothing): what auditors ask about. */
export const isGap = (c: Pick<ReportClause, 'required' | 'state'>): boolean => c.required && c.state !== 'covered';

export const pct = (n: number, d: number): number => (d ? Math.round((100 * n) / d) : 100);

export function buildReport(matrices: CoverageMatrix[], index: WorkspaceIndex, cwd: string, version: string): CoverageReport {
  return { version, standards: matrices.map((m) => standardReport(m, index, cwd)) };
}

function standardReport(matrix: CoverageMatrix, index: WorkspaceIndex, cwd: string): StandardReport {
  const groups = groupTotals(matrix);
  const groupOf = new Map(groups.flatMap((g) => g.members.map((id) => [id, g.clause.id] as const)));
  return {
    standard: matrix.standard,
    title: matrix.title,
    summary: { ...matrix.summary },
    groups: groups.map(({ clause, members: _, ...totals }) => ({ id: clause.id, title: clause.title, ...totals })),
    clauses: matrix.clauses.map((c) => ({
      id: c.clause.id,
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
          controlled: d.controlled,
        };
      }),
    })),
    uncontrolledDocuments: uncontrolledCiters(matrix.clauses).map((p) => relative(cwd, p)),
  };
}

/** How a document reaches a clause, in words, or undefined for a direct citation: "via subclause", "via crosswalk from ISO 13485:2016 4.2.4". */
export function viaWords(d: Pick<ReportDocument, 'via' | 'from'>): string | undefined {
  if (d.via === 'direct') return undefined;
  if (d.via === 'crosswalk' && d.from) return `via crosswalk from ${crosswalkSource(d.from)}`;
  return `via ${d.via}`;
}

/** "ISO 13485:2016 4.2.4": the clause a crosswalk citation names. */
export const crosswalkSource = (from: CrosswalkSource): string => `${from.title} ${from.clause}`;

/** A state in words, for the summaries: "cited by an uncontrolled document" is never "cited by no document". */
export const STATE_WORDS: Record<CoverageState, string> = {
  covered: 'covered',
  'draft-only': 'drafts only',
  uncontrolled: 'cited only by uncontrolled documents',
  'not-covered': 'cited by no document',
};

function relative(cwd: string, file: string): string {
  return path.posix.relative(toPosix(cwd), file) || file;
}
