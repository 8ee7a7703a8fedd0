// The requests the extension sends beyond standard LSP. The shapes are the
// server's own types (imported for their types only), so client and server
// cannot drift apart.
import { RequestType } from 'vscode-languageclient/node';
import type { CoverageParams, CoverageResponse, DocumentInfoResponse } from '../../server/src/lsp/custom';
import type {
  CoverageExportParams,
  CoverageExportResponse,
  FolderParams,
  NewDocumentResponse,
  StandardsResponse,
} from '../../server/src/lsp/editor-requests';

export type { CoverageResponse, DocumentInfoResponse, NewDocumentResponse, StandardsResponse };
export type CoverageClause = CoverageResponse['clauses'][number];
export type CoveringDocument = CoverageClause['documents'][number];
export type CoverageState = CoverageClause['state'];

export const CoverageRequest = new RequestType<CoverageParams, CoverageResponse, void>('qmslint/coverage');
export const DocumentInfoRequest = new RequestType<{ textDocument: { uri: string } }, DocumentInfoResponse | null, void>('qmslint/documentInfo');
export const StandardsRequest = new RequestType<FolderParams, StandardsResponse, void>('qmslint/standards');
export const NewDocumentRequest = new RequestType<FolderParams, NewDocumentResponse, void>('qmslint/newDocument');
export const CoverageExportRequest = new RequestType<CoverageExportParams, CoverageExportResponse, void>('qmslint/coverageExport');

/** Source action kind of the server's "Bump revision" (server/src/lsp/code-actions.ts). */
export const BUMP_REVISION_KIND = 'source.qmslint.bumpRevision';
