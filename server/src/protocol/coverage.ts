// qmslint/coverage, the clause coverage matrix of a standard for one workspace folder, and
// qmslint/coverageChanged, the server's word that such a matrix may now read differently.
// Plain wire data: the server (lsp/custom.ts) maps core's coverage model into these shapes, and a
// type-level test (test/unit/protocol.test.ts) holds them equal to core's where they copy it.
import { NotificationType, RequestType, type Range } from 'vscode-languageserver-protocol';
import type { FolderParams } from './folder';

export interface CoverageParams extends FolderParams {
  /** Pack id, alias or citation ("iso13485:2016", "ISO 9001:2015", "21 CFR 820"); the folder's configured standard when absent. */
  standard?: string;
}

/** `partial`: only subclauses cited by in-force documents; `uncontrolled`: cited only by files without an id; `not-covered`: cited by no file. */
export type CoverageState = 'covered' | 'partial' | 'draft-only' | 'uncontrolled' | 'not-covered';

/** How many clauses are in each state, and how many of the required ones are covered. */
export interface CoverageSummary {
  clauses: number;
  covered: number;
  partial: number;
  draftOnly: number;
  uncontrolled: number;
  notCovered: number;
  required: number;
  requiredCovered: number;
  /** Required clauses that are only partly covered: still gaps. */
  requiredPartial: number;
}

/** The standard a clause comes from when the requested one incorporates it (ISO 13485:2016 through 21 CFR 820.10). */
export interface IncorporatedStandard {
  /** Pack id: `iso13485:2016`. */
  standard: string;
  /** The pack's title: `ISO 13485:2016`. */
  title: string;
  /** The incorporating standard's clause: `820.10`. */
  by: string;
}

/** A clause that asks for a document of its own, so a citation of the clause above it does not count. */
export interface OwnDocument {
  clause: string;
  /** "procedure", "documented process" or "documented information". */
  kind: string;
}

/**
 * A file that cites the clause. `controlled: false`: a file without an id, which cites the clause
 * but covers nothing. `from`, for crosswalk only: the other standard's clause the document cites;
 * `cites`, for parent and subclause: the clause the document cites; `requiresOwn`, for parent only:
 * the clause that asks for its own document; `counts`: whether the citation counts for the state.
 */
export interface CoveringDocument {
  uri: string;
  id?: string;
  title?: string;
  status?: string;
  via: 'direct' | 'subclause' | 'parent' | 'crosswalk';
  from?: { standard: string; title: string; clause: string };
  cites?: string;
  requiresOwn?: OwnDocument;
  controlled: boolean;
  counts: boolean;
  /** The first citation of the clause in the document. */
  range: Range;
}

export interface CoverageClause {
  id: string;
  /** The clause as printed in a list of the matrix: `id`, or with its standard for a clause the standard incorporates ("ISO 13485:2016 7.3.2"). */
  label: string;
  /** The clause as cited in text, always with its standard: "ISO 13485:2016 7.3.2", "21 CFR 820.10". */
  citation: string;
  /** Set on a clause of an incorporated standard (ISO 13485:2016 through 21 CFR 820.10). */
  incorporated?: IncorporatedStandard;
  title: string;
  parent?: string;
  state: CoverageState;
  required: boolean;
  /** A required clause no approved or effective controlled document covers (core/coverage.ts isGap): clients show it as a gap and need not work it out. */
  gap: boolean;
  documentedProcedure: boolean;
  documentedProcess: boolean;
  /** ISO 9001:2015's "documented information to be maintained" (it requires no documented procedure). */
  documentedInformation: boolean;
  records: boolean;
  documents: CoveringDocument[];
}

export interface CoverageResponse {
  /** The workspace folder's URI. */
  folder: string;
  standard: string;
  title: string;
  summary: CoverageSummary;
  clauses: CoverageClause[];
}

export const CoverageRequest = new RequestType<CoverageParams, CoverageResponse, void>('qmslint/coverage');

export interface CoverageChangedParams {
  /** The workspace folder's URI (as in CoverageResponse.folder). */
  folder: string;
}

/**
 * Sent by the server, to a client that asked for it (initialization option `coverageChanged`), when
 * what qmslint/coverage answers for a folder may have changed: a citation, id, status or title edited,
 * a file created or deleted, a configuration, standard pack or setting changed, the folder indexed
 * first or removed from the workspace. Edits that change
 * none of that send nothing; a burst of changes sends one.
 */
export const CoverageChangedNotification = new NotificationType<CoverageChangedParams>('qmslint/coverageChanged');
