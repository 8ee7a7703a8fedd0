// Requests the VS Code extension makes for what only an editor shows, beside
// the ones in custom.ts (their types are in server/src/protocol):
//   qmslint/standards       the standards a folder can be checked against
//   qmslint/newDocument     document types, each with its next free id, usual folder and list layout
//   qmslint/coverageExport  the coverage report in one of the CLI's formats
//   qmslint/masterListExport the document master list in one of `qmslint list`'s formats
// The answers come from the folder's index and configuration; the report text
// comes from the pure formatters in core/coverage-report that the CLI uses too,
// so an exported file is the one `qmslint coverage --format X` writes.
import * as path from 'node:path';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import { coverageFormatters } from '../core/coverage-report';
import { buildReport } from '../core/coverage-report/report';
import { fieldText } from '../core/document';
import { documentTypes, listIndentOf, nextIdOfType } from '../core/features/skeleton';
import { Catalog } from '../core/standards/catalog';
import { cancelled } from './buffers';
import type { Folder } from './folders';
import { pathToUri, uriToPath } from './positions';
import type { Session } from './session';
import { invalidParams } from './validate';
import { CoverageExportRequest, type CoverageExportParams, type CoverageExportResponse } from '../protocol/coverage-export';
import { MasterListExportRequest, type MasterListExportParams, type MasterListExportResponse } from '../protocol/master-list-export';
import { masterListFormatters } from '../core/master-list';
import { buildMasterList } from '../core/master-list/rows';
import { ConfigResolver } from '../core/config';
import { DiskWorkspace } from '../host/disk-workspace';
import type { FolderParams } from '../protocol/folder';
import { NewDocumentRequest, type NewDocumentResponse } from '../protocol/new-document';
import { StandardsRequest, type StandardsResponse } from '../protocol/standards';

/** Registers the requests on the connection; `session` is read when a request arrives (it exists after initialize). */
export function registerEditorRequests(connection: Connection, session: () => Session): void {
  connection.onRequest(StandardsRequest, (params, token) => standards(session(), params, token));
  connection.onRequest(NewDocumentRequest, (params, token) => newDocument(session(), params, token));
  connection.onRequest(CoverageExportRequest, (params, token) => coverageExport(session(), params, token));
  connection.onRequest(MasterListExportRequest, (params, token) => masterListExport(session(), params, token));
}

function pickFolder(session: Session, params: FolderParams | undefined): Folder {
  if (params !== undefined && (typeof params !== 'object' || params === null)) throw invalidParams('params must be an object');
  if (params?.uri !== undefined && typeof params.uri !== 'string') throw invalidParams('uri must be a string');
  const file = params?.uri ? uriToPath(params.uri) : undefined;
  if (params?.uri && !file) throw invalidParams(`not a URI: ${params.uri}`);
  const folder = file ? (session.folders.find((f) => f.root === file || f.contains(file)) ?? session.folderFor(file)) : session.folders[0];
  if (!folder) throw invalidParams('no workspace folder is open');
  return folder;
}

export async function standards(session: Session, params: FolderParams | undefined, token: CancellationToken): Promise<StandardsResponse> {
  const folder = pickFolder(session, params);
  const snap = await folder.snapshot();
  if (token.isCancellationRequested) throw cancelled();
  const { catalog } = snap.result;
  // The configuration file's own standard, before the editor's qmslint.standard is laid over it.
  const own = (await snap.resolver.forDir(folder.root)).standard;
  const builtin = new Set(Catalog.builtin().packs());
  return {
    folder: folder.uri ?? pathToUri(folder.root),
    configured: catalog.pack(own)?.id ?? own,
    standards: catalog.packs().map((p) => ({ id: p.id, title: p.title, clauses: p.clauses.length, builtin: builtin.has(p) })),
  };
}

export async function newDocument(session: Session, params: FolderParams | undefined, token: CancellationToken): Promise<NewDocumentResponse> {
  const folder = pickFolder(session, params);
  const { matrix, snapshot } = await folder.coverage();
  if (token.isCancellationRequested) throw cancelled();
  const { catalog, config, index } = snapshot.result;
  const pack = catalog.pack(config.standard);
  const profiles = documentTypes(pack, config);
  const clause = matrix?.clauses.find((c) => c.required && c.state === 'not-covered')?.clause.id ?? pack?.clauses[0]?.id ?? '4.2.4';
  return {
    folder: folder.uri ?? pathToUri(folder.root),
    today: session.today(),
    standard: pack?.id ?? config.standard,
    standardTitle: pack?.title ?? config.standard,
    clause,
    idPattern: config.idPattern,
    keys: Object.fromEntries(Object.entries(config.fields).map(([field, keys]) => [field, keys[0] ?? field])),
    historyHeading: config.historyHeadings[0] ?? 'Revision History',
    types: Object.entries(profiles).map(([type, profile]) => {
      const ofType = index.documents.filter((d) => fieldText(d, 'type') === type);
      const listIndent = listIndentOf(type, index.documents, config);
      return {
        type,
        approvals: profile.approvals,
        historyRequired: profile.historyRequired !== false,
        count: ofType.length,
        nextId: nextIdOfType(type, index.documents),
        directory: pathToUri(usualDirectory(ofType.map((d) => d.path), folder.root)),
        ...(listIndent !== undefined ? { listIndent } : {}),
      };
    }),
  };
}

function usualDirectory(paths: string[], root: string): string {
  const counts = new Map<string, number>();
  for (const p of paths) counts.set(path.posix.dirname(p), (counts.get(path.posix.dirname(p)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? root;
}

export async function coverageExport(session: Session, params: CoverageExportParams, token: CancellationToken): Promise<CoverageExportResponse> {
  const folder = pickFolder(session, params);
  if (typeof params?.format !== 'string') throw invalidParams('format must be a string');
  const format = coverageFormatters[params.format];
  if (!format) throw invalidParams(`unknown format ${JSON.stringify(params.format)}; known: ${Object.keys(coverageFormatters).join(', ')}`);
  if (params.standard !== undefined && typeof params.standard !== 'string') throw invalidParams('standard must be a string');
  // From the files as saved: the client says so, and how many unsaved editors were left out.
  const { matrix, result } = await folder.savedCoverage(params.standard);
  if (token.isCancellationRequested) throw cancelled();
  const { index, config } = result;
  if (!matrix) throw invalidParams(`unknown standard ${JSON.stringify(params.standard ?? config.standard)}`);
  return { format: params.format, standard: matrix.standard, text: format(buildReport([matrix], index, folder.root, version)) };
}

/**
 * The document master list `qmslint list --format X` writes, over the folder's files as saved (the
 * saved project Export Coverage Matrix reads; its matrix is not used here), paths relative to the folder.
 */
export async function masterListExport(session: Session, params: MasterListExportParams, token: CancellationToken): Promise<MasterListExportResponse> {
  const folder = pickFolder(session, params);
  if (typeof params?.format !== 'string') throw invalidParams('format must be a string');
  if (!Object.hasOwn(masterListFormatters, params.format)) {
    throw invalidParams(`unknown format ${JSON.stringify(params.format)}; known: ${Object.keys(masterListFormatters).join(', ')}`);
  }
  const { result } = await folder.savedCoverage();
  if (token.isCancellationRequested) throw cancelled();
  // Each document with its own configuration as saved on disk, as the CLI reads it.
  const rows = await buildMasterList(result, folder.root, new ConfigResolver(new DiskWorkspace(), folder.root));
  if (token.isCancellationRequested) throw cancelled();
  return { format: params.format, documents: rows.length, text: masterListFormatters[params.format](rows, version) };
}
