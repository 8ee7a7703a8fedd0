// qmslint/newDocument: what a new controlled document in a folder needs.
import { RequestType } from 'vscode-languageserver-protocol';
import type { FolderParams } from './folder';

export interface NewDocumentType {
  type: string;
  approvals: string[];
  historyRequired: boolean;
  /** How many documents of this type the folder has. */
  count: number;
  nextId: string;
  /** Where documents of this type live: the folder most of them are in, else the workspace folder (a URI). */
  directory: string;
  /** Block-style front-matter lists with this indentation, as the folder's documents write them; flow style (`[...]`) when absent. */
  listIndent?: number;
}

export interface NewDocumentResponse {
  folder: string;
  /** Today for the server (the date review checks use), for dates the new document carries. */
  today: string;
  standard: string;
  /** The standard as cited in text, e.g. "ISO 13485:2016". */
  standardTitle: string;
  /** A clause for a new document to cite first: the first one the standard requires a procedure for that no document covers yet, else its first clause. */
  clause: string;
  idPattern: string;
  /** The front-matter key each canonical field is written with in this folder (`fields:` in the config). */
  keys: Record<string, string>;
  historyHeading: string;
  types: NewDocumentType[];
}

export const NewDocumentRequest = new RequestType<FolderParams, NewDocumentResponse, void>('qmslint/newDocument');
