// qmslint/standards: the standards a folder can be checked against.
import { RequestType } from 'vscode-languageserver-protocol';
import type { FolderParams } from './folder';

export interface StandardsResponse {
  folder: string;
  /** The pack id the folder's configuration checks against. */
  configured: string;
  standards: { id: string; title: string; clauses: number; builtin: boolean }[];
}

export const StandardsRequest = new RequestType<FolderParams, StandardsResponse, void>('qmslint/standards');
