// qmslint/documentInfo: the model the engine extracted from one document, as plain wire data
// (core/features/document-info.ts builds it; test/unit/protocol.test.ts holds the shapes equal).
import { RequestType, type Range } from 'vscode-languageserver-protocol';

export interface DocumentInfoParams {
  textDocument: { uri: string };
}

export interface DocumentInfoResponse {
  uri: string;
  controlled: boolean;
  id?: string;
  title?: string;
  type?: string;
  revision?: string;
  status?: string;
  effectiveDate?: string;
  owner?: string;
  standard?: string;
  fields: Record<string, { key: string; value: unknown; range: Range }>;
  approvals: { role?: string; name?: string; date?: string; range: Range }[];
  history?: {
    heading: string;
    range: Range;
    order: 'oldest-first' | 'newest-first';
    rows: { revision?: string; date?: string; author?: string; description?: string; range: Range }[];
  };
  headings: { depth: number; text: string; slug: string; range: Range }[];
  links: { url: string; range: Range }[];
  references: { id: string; source: string; resolved: boolean; range: Range }[];
  /** URIs of the documents in the workspace that mention this one's id. */
  referencedBy: string[];
  citations: { standard: string; clause: string; item?: string; form: string; known: boolean; heading?: string; range: Range }[];
}

/** Null when the file is not a linted Markdown document. */
export const DocumentInfoRequest = new RequestType<DocumentInfoParams, DocumentInfoResponse | null, void>('qmslint/documentInfo');
