// A new row in a document's revision history table, written the way the table
// is: its columns in the table's order, at the newest end (bottom, or top for
// a newest-first table), with the pipes and indentation of the other rows; an
// aligned table is written aligned again. The one row writer, used by Bump
// revision and by the rules that suggest a missing history row.
import { isIsoDate } from './dates';
import type { RevisionHistory } from './document';
import { compareRevisions, parseRevision } from './revision';
import { isAligned, readTableLines, renderAligned, type TableLine } from './table-layout';
import type { TextEdit } from './types';

/** 1 when the table runs oldest first, -1 newest first: the first pair of different revisions decides, then dates; oldest first by default. */
export function historyDirection(history: RevisionHistory): 1 | -1 {
  const rows = filledRows(history);
  const revs = rows.map((r) => (r.revision ? parseRevision(r.revision.text) : undefined));
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [revs[i - 1], revs[i]];
    const cmp = a && b ? compareRevisions(b, a) : undefined;
    if (cmp) return cmp > 0 ? 1 : -1;
  }
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1].date?.text, rows[i].date?.text];
    if (a && b && isIsoDate(a) && isIsoDate(b) && a !== b) return b > a ? 1 : -1;
  }
  return 1;
}

const filledRows = (history: RevisionHistory) => history.rows.filter((r) => r.cells.some((c) => c.source !== ''));

/** The history table's lines as written, and where a new row goes. */
export interface HistoryTableLayout {
  lines: TableLine[];
  /** The line index of an offset inside the table; -1 outside it. */
  lineOf(offset: number): number;
  /** The line the new row goes before (`lines.length`: after the last). */
  newRowAt: number;
  /** A body row (or the header, in a table without one) whose pipes and indentation the new row copies. */
  sample: TableLine;
}

export function historyTableLayout(text: string, history: RevisionHistory): HistoryTableLayout | undefined {
  const position = history.table?.node.position;
  if (!position) return undefined;
  const start = text.lastIndexOf('\n', position.start.offset! - 1) + 1;
  const lines = readTableLines(text, start, lineEndAt(text, position.end.offset! - 1));
  const lineOf = (offset: number) => lines.findIndex((l) => offset >= l.start && offset <= l.end);
  const filled = filledRows(history);
  const first = filled.length ? lineOf(filled[0].range.start) : -1;
  const newestFirst = historyDirection(history) < 0 && first >= 0;
  return { lines, lineOf, newRowAt: newestFirst ? first : lines.length, sample: lines[first >= 0 ? first : 0] };
}

/**
 * The edit that adds a row of cells (already escaped for a cell) at `layout.newRowAt`. An aligned
 * table is written again whole, aligned for the new row, with `amend` changing other cells in the same
 * edit; any other table gets one new line (`amend` is not applied: the caller edits those cells itself).
 */
export function insertHistoryRow(
  layout: HistoryTableLayout,
  cells: string[],
  eol: string,
  amend?: (line: number, column: number, content: string) => string,
): { edit: TextEdit; realigned: boolean } {
  const { lines, newRowAt: at, sample } = layout;
  if (isAligned(lines)) {
    const rows = lines.map((l, i) => ({ indent: l.indent, cells: l.cells.map((c, j) => (amend ? amend(i, j, c.content) : c.content)) }));
    rows.splice(at, 0, { indent: sample.indent, cells });
    return { edit: { start: lines[0].start, end: lines[lines.length - 1].end, text: renderAligned(rows, lines).join(eol) }, realigned: true };
  }
  let line = cells.map((c) => (c === '' ? '  ' : ` ${c} `)).join('|');
  line = sample.leading ? '|' + line : line.replace(/^ /, '');
  line = sample.trailing ? line + '|' : line.replace(/ $/, '');
  if (at < lines.length) return { edit: { start: lines[at].start, end: lines[at].start, text: `${sample.indent}${line}${eol}` }, realigned: false };
  const end = lines[lines.length - 1].end;
  return { edit: { start: end, end, text: `${eol}${sample.indent}${line}` }, realigned: false };
}

function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
}
