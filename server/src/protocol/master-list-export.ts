// qmslint/masterListExport: the document master list in one of the CLI's `qmslint list` formats,
// made from the files as saved on disk (open editors' unsaved changes are left out, as in the CLI).
import { RequestType } from 'vscode-languageserver-protocol';
import type { FolderParams } from './folder';

export interface MasterListExportParams extends FolderParams {
  /** markdown, csv, json or html. */
  format: string;
}

export interface MasterListExportResponse {
  format: string;
  /** How many controlled documents the list has. */
  documents: number;
  text: string;
}

export const MasterListExportRequest = new RequestType<MasterListExportParams, MasterListExportResponse, void>('qmslint/masterListExport');
