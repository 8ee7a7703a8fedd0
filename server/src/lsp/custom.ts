// Custom requests for clients (docs/lsp.md describes them; their types are in server/src/protocol):
//   qmslint/coverage      the clause coverage matrix of a standard for a folder
//   qmslint/documentInfo  the model of one document
// Core's data is mapped here into the protocol's plain shapes.
import type { CancellationToken, Range } from 'vscode-languageserver/node';
import { documentInfo } from '../core/features/document-info';
import { coverageRows } from '../core/coverage-report/rows';
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
  const { matrix, snapshot } = await folder.coverage(params?.standard);
  if (token.isCancellationRequested) throw cancelled();
  const { index, catalog, config } = snapshot.result;
  if (!matrix) throw invalidParams(`unknown standard ${JSON.stringify(params?.standard ?? config.standard)}; known: ${catalog.packs().map((p) => p.id).join(', ')}`);
  return {
    folder: folder.uri ?? pathToUri(folder.root),
    standard: matrix.standard,
    title: matrix.title,
    summary: { ...matrix.summary },
    clauses: coverageRows(matrix).map(({ documents, ...row }) => ({
      ...row,
      documents: documents.map(({ path, range, ...d }) => {
        const doc = index.byPath.get(path);
        // The wire has always left out an empty title (a document whose only name is an empty "#"
        // heading); the reports print it empty. Dropping the key keeps the others in their order.
        if (d.title === '') delete d.title;
        return { uri: pathToUri(path), ...d, range: doc ? toRange(doc.parsed.lines, range) : NO_RANGE };
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
