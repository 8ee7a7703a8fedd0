// Master list formats by name; each is a pure function of the rows (no disk, process or
// terminal), so `qmslint list` and the editor's export write the same text.
import { formatMasterListCsv } from './csv';
import { formatMasterListHtml } from './html';
import { formatMasterListJson } from './json';
import { formatMasterListMarkdown } from './markdown';
import type { MasterListRow } from './rows';

export type MasterListFormatter = (rows: MasterListRow[], version: string) => string;

export const masterListFormatters: Record<string, MasterListFormatter> = {
  markdown: formatMasterListMarkdown,
  csv: formatMasterListCsv,
  json: formatMasterListJson,
  html: formatMasterListHtml,
};
