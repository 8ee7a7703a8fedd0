// Custom requests for clients (docs/lsp.md describes them; their types are in server/src/protocol):
//   qmslint/coverage      the clause coverage matrix of a standard for a folder
//   qmslint/documentInfo  the model of one document
// Core's data is mapped here into the protocol's plain shapes.
import type { CancellationToken, Range } from 'vscode-languageserver/node';
import { documentInfo } from '../core/features/document-info';
import { coverageOf } from '../core/features/hover';
import { counts, isGap } from '../core/coverage';
import { coverageRowLabel } from '../core/coverage-label';
import { clauseLabel } from '../core/standards/label';
import type { CoverageParams, CoverageResponse } from '../protocol/coverage';
import type { DocumentInfoParams, DocumentInfoResponse } from '../protocol/document-info';
import { cancelled } from './buffers';
import { pathToUri, toRange, uriToPath } from './positions';
import type { Session } from './session';
import { invalidParams, requireUri } from './validate';

const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

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
          range: doc ? toRange(doc.parsed.lines, d.range) : NO_RANGE,
        };
      }),
    })),
  };
}

export async function info(session: Session, params: DocumentInfoParams, token: CancellationToken): Promise<DocumentInfoResponse | null> {
  const uri = requireUri(params);
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  if (!view) return null;
  const lines = view.doc.parsed.lines;
  const { path: _path, referencedBy, ...model } = documentInfo(view.doc, view.snapshot.result.index, view.snapshot.result.catalog, view.context.config.standard, (r) => toRange(lines, r));
  return { uri, ...model, referencedBy: referencedBy.map(pathToUri) };
}
