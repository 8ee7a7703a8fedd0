// qmslint/coverageExport: the coverage report in one of the CLI's `qmslint coverage` formats, made
// from the files as saved on disk (open editors' unsaved changes are left out, as in the CLI).
import { RequestType } from 'vscode-languageserver-protocol';
import type { FolderParams } from './folder';

export interface CoverageExportParams extends FolderParams {
  /** Pack id, alias or citation; the folder's configured standard when absent. */
  standard?: string;
  /** markdown, csv, json or html. */
  format: string;
}

export interface CoverageExportResponse {
  format: string;
  /** The pack id reported on. */
  standard: string;
  text: string;
}

export const CoverageExportRequest = new RequestType<CoverageExportParams, CoverageExportResponse, void>('qmslint/coverageExport');
