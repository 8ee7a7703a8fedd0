// A new revision history row for a rule's suggestion, written by the one row
// writer Bump revision uses (core/history-table.ts): columns in the table's
// order, at its newest end, in the table's own style.
import type { RevisionHistory } from '../../document';
import { historyTableLayout, insertHistoryRow } from '../../history-table';
import { escapeCell } from '../../table-layout';
import type { TextEdit } from '../../types';

export interface RowValues {
  revision: string;
  date: string;
  author: string;
  description: string;
}

export function historyRowEdit(text: string, history: RevisionHistory, values: RowValues, eol: string): TextEdit | undefined {
  const layout = history.table && historyTableLayout(text, history);
  if (!layout) return undefined;
  const { revision, date, author, description } = history.columns;
  const cells = history.table!.header.map((_, i) =>
    escapeCell(i === revision ? values.revision : i === date ? values.date : i === author ? values.author : i === description ? values.description : ''),
  );
  return insertHistoryRow(layout, cells, eol).edit;
}
