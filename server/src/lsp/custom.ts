// Custom requests for clients (docs/lsp.md describes them):
//   qmslint/coverage      the clause coverage matrix of a standard for a folder
//   qmslint/documentInfo  the model of one document
import type { CancellationToken, Range } from 'vscode-languageserver/node';
import { documentInfo, type DocumentInfo } from '../core/features/document-info';
import { coverageOf } from '../core/features/hover';
import { counts, isGap, type CoverageState, type CoverageSummary, type IncorporatedStandard, type OwnDocument } from '../core/coverage';
import { coverageRowLabel } from '../core/coverage-label';
import { cancelled } from './buffers';
import { pathToUri, toRange, uriToPath } from './positions';
import type { Session } from './session';
import { invalidParams, requireUri } from './validate';

export const COVERAGE_REQUEST = 'qmslint/coverage';
export const DOCUMENT_INFO_REQUEST = 'qmslint/documentInfo';

export interface CoverageParams {
  /** A file or folder URI: picks the workspace folder; the first folder when absent. */
  uri?: string;
  /** Pack id, alias or citation ("iso13485:2016", "ISO 9001:2015", "21 CFR 820"); the folder's configured standard when absent. */
  standard?: string;
}

export interface CoverageResponse {
  folder: string;
  standard: string;
  title: string;
  /**
   * `partial`: clauses of which in-force documents cite only subclauses; `uncontrolled`: clauses
   * cited only by files without an id; `notCovered`: clauses cited by no file.
   */
  summary: CoverageSummary;
  clauses: {
    id: string;
    /** The clause as printed: `id`, or with its standard for a clause the standard incorporates ("ISO 13485:2016 7.3.2"). */
    label: string;
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
    /**
     * `controlled: false`: a file without an id, which cites the clause but covers nothing.
     * `via`: direct | subclause | parent | crosswalk; `from`, for crosswalk only: the other standard's
     * clause the document cites; `cites`, for parent and subclause: the clause the document cites;
     * `requiresOwn`, for parent only: the clause that asks for its own document, so the citation
     * above it does not count; `counts`: whether the citation counts for the state.
     */
    documents: {
      uri: string;
      id?: string;
      title?: string;
      status?: string;
      via: string;
      from?: { standard: string; title: string; clause: string };
      cites?: string;
      requiresOwn?: OwnDocument;
      controlled: boolean;
      counts: boolean;
      range: Range;
    }[];
  }[];
}

export async function coverage(session: Session, params: CoverageParams | undefined, token: CancellationToken): Promise<CoverageResponse> {
  if (params !== undefined && (typeof params !== 'object' || params === null)) throw invalidParams('params must be an object');
  if (params?.uri !== undefined && typeof params.uri !== 'string') throw invalidParams('uri must be a string');
  if (params?.standard !== undefined && typeof params.standard !== 'string') throw invalidParams('standard must be a string');
  const file = params?.uri ? uriToPath(params.uri) : undefined;
  if (params?.uri && !file) throw invalidParams(`not a URI: ${params.uri}`);
  const folder = file ? (session.folders.find((f) => f.root === file || f.contains(file)) ?? session.folderFor(file)) : session.folders[0];
  if (!folder) throw invalidParams('no workspace folder is open');
  const snap = await folder.snapshot();
  if (token.isCancellationRequested) throw cancelled();
  const { index, catalog, config } = snap.result;
  const pack = catalog.pack(params?.standard ?? config.standard);
  if (!pack) throw invalidParams(`unknown standard ${JSON.stringify(params?.standard ?? config.standard)}; known: ${catalog.packs().map((p) => p.id).join(', ')}`);
  const matrix = coverageOf(index, catalog, pack.id, config.standard)!;
  return {
    folder: folder.uri ?? pathToUri(folder.root),
    standard: matrix.standard,
    title: matrix.title,
    summary: { ...matrix.summary },
    clauses: matrix.clauses.map((c) => ({
      id: c.clause.id,
      label: coverageRowLabel(c),
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
      documents: c.documents.map((d) => {
        const doc = index.byPath.get(d.path);
        return {
          uri: pathToUri(d.path),
          ...(d.id ? { id: d.id } : {}),
          ...(d.title ? { title: d.title } : {}),
          ...(d.status ? { status: d.status } : {}),
          via: d.via,
          ...(d.from ? { from: { ...d.from } } : {}),
          ...(d.cites !== undefined ? { cites: d.cites } : {}),
          ...(d.requiresOwn ? { requiresOwn: { ...d.requiresOwn } } : {}),
          controlled: d.controlled,
          counts: counts(d),
          range: doc ? toRange(doc.parsed.lines, d.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        };
      }),
    })),
  };
}

export type DocumentInfoResponse = Omit<DocumentInfo<Range>, 'path' | 'referencedBy'> & { uri: string; referencedBy: string[] };

export async function info(session: Session, params: { textDocument: { uri: string } }, token: CancellationToken): Promise<DocumentInfoResponse | null> {
  const uri = requireUri(params);
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  if (!view) return null;
  const lines = view.doc.parsed.lines;
  const { path: _path, referencedBy, ...model } = documentInfo(view.doc, view.snapshot.result.index, view.snapshot.result.catalog, view.context.config.standard, (r) => toRange(lines, r));
  return { uri, ...model, referencedBy: referencedBy.map(pathToUri) };
}
