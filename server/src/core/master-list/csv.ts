// The master list as CSV (RFC 4180) for spreadsheets: a header row, then one row per document.
// Lines end in CRLF; a field holding a comma, a quote or a line break is quoted, its quotes
// doubled. Lists share one cell, their items separated by "; " (approvals as "role: name, date").
//
// The repository is not trusted, and a spreadsheet runs a cell that starts with = + - @ as a
// formula (a title "=HYPERLINK(...)" would become a link that leaks data): such a cell, and one
// starting with a tab or carriage return, is prefixed with a single quote, as OWASP's CSV
// Injection page recommends, so it stays text. coverage-report/csv.ts does the same (csvField).
import { csvField } from '../coverage-report/csv';
import type { MasterListRow } from './rows';
import { approvalWords, successorWords } from './words';

export const MASTER_LIST_CSV_HEADER = [
  'ID',
  'Title',
  'Type',
  'Revision',
  'Status',
  'Effective date',
  'Owner',
  'Next review',
  'Approvals',
  'Training',
  'References',
  'Superseded by',
  'Path',
];

export function formatMasterListCsv(rows: MasterListRow[]): string {
  const lines = [MASTER_LIST_CSV_HEADER];
  for (const r of rows) {
    lines.push([
      r.id ?? '',
      r.title ?? '',
      r.type ?? '',
      r.revision ?? '',
      r.status ?? '',
      r.effectiveDate ?? '',
      r.owner ?? '',
      r.nextReview ?? '',
      r.approvals.map(approvalWords).join('; '),
      r.training.join('; '),
      r.references.join('; '),
      (r.supersededBy ?? []).map(successorWords).join('; '),
      r.path,
    ]);
  }
  return lines.map((l) => l.map(csvField).join(',') + '\r\n').join('');
}
