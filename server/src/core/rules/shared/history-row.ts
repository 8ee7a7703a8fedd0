// A new revision history row as one insertion, written the way the table is: its
// columns in the table's order, its pipes and indentation as the other rows have
// them, and each cell padded to its column's width when the table is aligned. It
// goes at the newest end of the table (bottom, or top for a newest-first table).
import { historyDirection } from '../../bump';
import type { RevisionHistory } from '../../document';
import { escapeCell } from '../../table-layout';
import type { TextEdit } from '../../types';

export interface RowValues {
  revision: string;
  date: string;
  author: string;
  description: string;
}

export function historyRowEdit(text: string, history: RevisionHistory, values: RowValues, eol: string): TextEdit | undefined {
  const table = history.table;
  if (!table?.node.position) return undefined;
  const tableStart = table.node.position.start.offset!;
  const lineStart = text.lastIndexOf('\n', tableStart - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, tableStart))![0];
  const headerLine = lineAt(text, tableStart);
  const delimiter = lineAt(text, headerLine.end + 1);
  const leading = headerLine.text.trimStart().startsWith('|');
  const trailing = headerLine.text.trimEnd().endsWith('|');
  // The delimiter row's segments give each column's width: wide in an aligned table, 3 in |---|.
  const segments = delimiter.text.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  const columns = history.columns;
  const cells = table.header.map((_, i) => {
    const value =
      i === columns.revision ? values.revision : i === columns.date ? values.date : i === columns.author ? values.author : i === columns.description ? values.description : '';
    const cell = ` ${escapeCell(value)} `;
    const width = segments[i]?.length ?? 0;
    return cell.length < width ? cell.padEnd(width) : cell;
  });
  let line = cells.join('|');
  if (leading) line = '|' + line;
  else line = line.replace(/^ /, '');
  if (trailing) line += '|';
  else line = line.trimEnd();

  const rows = history.rows.filter((r) => r.cells.some((c) => c.source !== ''));
  if (historyDirection(history) < 0 && rows.length) {
    const at = text.lastIndexOf('\n', rows[0].range.start - 1) + 1;
    return { start: at, end: at, text: `${indent}${line}${eol}` };
  }
  const end = table.node.position.end.offset!;
  return { start: end, end, text: `${eol}${indent}${line}` };
}

function lineAt(text: string, offset: number): { text: string; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return { text: text.slice(start, end).replace(/\r$/, ''), end };
}
