// The text layout of a GFM pipe table, line by line: where each cell's text
// sits, whether the rows have outer pipes, and whether the table is aligned
// (every pipe in the same column on every line, as formatters write it).
// Bump revision reads it to add a row in the table's own style, and to
// realign an aligned table that a longer cell would otherwise break.
import { maxOf } from './arrays';

export interface TableSegment {
  /** Offsets of the text between two pipes (padding included). */
  start: number;
  end: number;
  /** The cell's source, trimmed. */
  content: string;
}

export interface TableLine {
  start: number;
  end: number;
  /** What precedes the row on its line: indentation, block quote markers. */
  indent: string;
  leading: boolean;
  trailing: boolean;
  cells: TableSegment[];
  /** Columns (from the line's start) of its pipes: equal on every line of an aligned table. */
  pipes: number[];
}

/** The lines of the table whose text runs from `start` (a line's start) to `end` (its last line's end, before the break). */
export function readTableLines(text: string, start: number, end: number): TableLine[] {
  const out: TableLine[] = [];
  let at = start;
  while (at <= end) {
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const contentEnd = text[lineEnd - 1] === '\r' && lineEnd > at ? lineEnd - 1 : lineEnd;
    out.push(readLine(text, at, contentEnd));
    at = lineEnd + 1;
  }
  return out;
}

function readLine(text: string, start: number, end: number): TableLine {
  const line = text.slice(start, end);
  // The line's container prefix: indentation of a list item, `> ` of a block quote.
  let prefix = 0;
  while (prefix < line.length && (line[prefix] === ' ' || line[prefix] === '\t' || line[prefix] === '>')) prefix++;
  const indent = line.slice(0, prefix);
  const pipes: number[] = [];
  for (let i = indent.length; i < line.length; i++) {
    if (line[i] === '|' && !escaped(line, i)) pipes.push(i);
  }
  const body = line.trimEnd();
  const leading = pipes[0] === indent.length;
  const trailing = pipes.length > 0 && pipes[pipes.length - 1] === body.length - 1 && !(leading && pipes.length === 1);
  // Cell boundaries: the line's edges where there is no outer pipe.
  const bounds = [leading ? pipes[0] : indent.length - 1, ...pipes.slice(leading ? 1 : 0, trailing ? -1 : undefined), trailing ? pipes[pipes.length - 1] : body.length];
  const cells: TableSegment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const s = start + bounds[i] + 1;
    const e = start + bounds[i + 1];
    cells.push({ start: s, end: e, content: text.slice(s, e).trim() });
  }
  return { start, end, indent, leading, trailing, cells, pipes };
}

function escaped(line: string, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && line[i - n - 1] === '\\') n++;
  return n % 2 === 1;
}

/** Text made safe for one table cell: a line break would end the row and a bare pipe would start a new cell. */
export function escapeCell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');
}

/** Every pipe in the same column on every line (two lines at least: header and delimiter). */
export function isAligned(lines: TableLine[]): boolean {
  if (lines.length < 3 || lines[0].pipes.length === 0) return false;
  const first = lines[0].pipes.join(',');
  return lines.every((l) => l.pipes.join(',') === first);
}

/**
 * The table's lines written aligned again, for new cell contents (`rows[1]` is the delimiter row,
 * kept as dashes with its alignment colons). Outer pipes, indentation and the delimiter row's
 * padding follow the table as it was (`lines[0]` and `lines[1]`); a column marked right or centre
 * is padded that way.
 */
export function renderAligned(rows: { indent: string; cells: string[] }[], lines: TableLine[]): string[] {
  const { leading, trailing } = lines[0];
  // `| --- |` or `|-----|`: whether the delimiter row pads its dashes with spaces as the other rows do.
  const delimiterPadded = lines[1].cells.some((c) => c.end - c.start > c.content.length);
  const align = rows[1].cells.map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : 'left'));
  const columns = maxOf(rows.map((r) => r.cells.length), 0);
  const width: number[] = [];
  for (let i = 0; i < columns; i++) {
    width.push(maxOf(rows.map((r, n) => (n === 1 ? 3 : (r.cells[i] ?? '').length)), 3));
  }
  const padLeft = (i: number) => (i === 0 && !leading ? 0 : 1);
  const padRight = (i: number) => (i === columns - 1 && !trailing ? 0 : 1);
  return rows.map((row, n) => {
    const segments = row.cells.map((cell, i) => {
      if (n === 1) {
        const [left, right] = [cell.startsWith(':'), cell.length > 1 && cell.endsWith(':')];
        const [before, after] = delimiterPadded ? [padLeft(i), padRight(i)] : [0, 0];
        const dashes = width[i] + padLeft(i) + padRight(i) - before - after - Number(left) - Number(right);
        return ' '.repeat(before) + (left ? ':' : '') + '-'.repeat(dashes) + (right ? ':' : '') + ' '.repeat(after);
      }
      return ' '.repeat(padLeft(i)) + pad(cell, width[i], align[i]) + ' '.repeat(padRight(i));
    });
    const line = (leading ? '|' : '') + segments.join('|') + (trailing ? '|' : '');
    return row.indent + (trailing ? line : line.trimEnd());
  });
}

function pad(s: string, width: number, align: string | undefined): string {
  const room = Math.max(0, width - s.length);
  if (align === 'right') return ' '.repeat(room) + s;
  if (align === 'center') return ' '.repeat(Math.floor(room / 2)) + s + ' '.repeat(room - Math.floor(room / 2));
  return s + ' '.repeat(room);
}
