// Where the Markdown parser's time grows with the square of the input: the
// delimiters of emphasis, strikethrough and links (`*`, `_`, `~`, `[`, `]`)
// inside one paragraph, which it pairs by looking back over the others. 20 000
// `*a` in one paragraph take 15 s, 40 000 a minute; a paragraph of a few
// megabytes, hours. No document a person writes comes near (the bench corpus
// peaks at 54 in one paragraph), so a file past the budget is reported instead
// of parsed, with the line where the paragraph starts.
//
// Table rows are each their own context (cells are parsed apart), and so is a
// list item's first line; fenced code is not parsed inline at all. Everything
// else between blank lines counts as one paragraph: an over-estimate for block
// quotes and HTML, which is safe.

/** The budget: the sum over paragraphs of (delimiters in the paragraph)². One paragraph of 10 000 is 1e8. */
export const MAX_DELIMITER_COST = 1e8;

export interface DelimiterCost {
  /** The sum so far, stopped once past the budget. */
  cost: number;
  /** Delimiters in the paragraph that went past the budget. */
  delimiters: number;
  /** Offset of that paragraph's first line. */
  offset: number;
}

/** The parse cost of `text`'s inline delimiters; `undefined` while it stays within `limit`. */
export function delimiterCostOver(text: string, limit = MAX_DELIMITER_COST): DelimiterCost | undefined {
  // The sum of squares is at most the square of the sum: few marks in the whole
  // text (742 in the bench's 2 MB manual) need no paragraph model, and an
  // editor runs this on every keystroke.
  if (marksAtMost(text, Math.sqrt(limit))) return undefined;
  const n = text.length;
  let cost = 0;
  // The paragraph being counted: its delimiters, its first line's offset and cells, its line count.
  let count = 0;
  let start = 0;
  let lines = 0;
  let headerCells = 0;
  // In a table, each row is counted alone.
  let table = false;
  let fence: { char: number; size: number } | undefined;
  const add = (delimiters: number, offset: number): DelimiterCost | undefined => {
    cost += delimiters * delimiters;
    return cost > limit ? { cost, delimiters, offset } : undefined;
  };
  const close = (): DelimiterCost | undefined => {
    const over = add(count, start);
    count = 0;
    lines = 0;
    table = false;
    return over;
  };

  let p = frontMatterEnd(text);
  while (p < n) {
    let end = p;
    while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let q = p;
    while (q < end && isBlank(text.charCodeAt(q))) q++;
    const marker = fenceAt(text, q, end);
    let over: DelimiterCost | undefined;
    if (fence) {
      if (marker && marker.char === fence.char && marker.size >= fence.size && marker.rest === end) fence = undefined;
    } else if (q === end) {
      over = close();
    } else if (marker && q - p <= 3) {
      over = close();
      fence = marker;
    } else if (table && isTableRow(text, q, end)) {
      over = add(delimitersIn(text, p, end), p);
    } else if (lines === 1 && cellsIn(text, q, end) === headerCells && isDelimiterRow(text, q, end)) {
      // The paragraph so far was a table's header row: it stays counted alone, and so will each row.
      over = close();
      table = true;
    } else {
      // Block quote marks open no context of their own; a list marker, or the end of a table, starts a new paragraph.
      while (q < end && (text.charCodeAt(q) === 62 /* > */ || isBlank(text.charCodeAt(q)))) q++;
      if (table || (lines > 0 && listMarkerAt(text, q, end))) over = close();
      if (lines === 0) {
        start = p;
        headerCells = cellsIn(text, q, end);
      }
      count += delimitersIn(text, p, end);
      lines++;
    }
    if (over) return over;
    p = end < n && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return close();
}

const MARK = /[*_~[\]]/g;

/** Whether `text` holds at most `max` marks (a regular expression scans faster than a loop in JavaScript). */
function marksAtMost(text: string, max: number): boolean {
  MARK.lastIndex = 0;
  let n = 0;
  while (MARK.exec(text)) if (++n > max) return false;
  return true;
}

function delimitersIn(text: string, from: number, to: number): number {
  let d = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93) d++; // * _ ~ [ ]
  }
  return d;
}

/** A fence opener or closer at `q`: three or more backticks or tildes; `rest` is where white space after it ends. */
function fenceAt(text: string, q: number, end: number): { char: number; size: number; rest: number } | undefined {
  const char = text.charCodeAt(q);
  if (char !== 96 && char !== 126) return undefined;
  let r = q;
  while (r < end && text.charCodeAt(r) === char) r++;
  if (r - q < 3) return undefined;
  let rest = r;
  while (rest < end && isBlank(text.charCodeAt(rest))) rest++;
  return { char, size: r - q, rest };
}

/** `-`, `+`, `*` or 1 to 9 digits and `.` or `)`, then white space or the line's end. */
function listMarkerAt(text: string, q: number, end: number): boolean {
  const c = text.charCodeAt(q);
  let r = q;
  if (c === 45 || c === 43 || c === 42) r++;
  else {
    while (r < end && r - q < 9 && text.charCodeAt(r) >= 48 && text.charCodeAt(r) <= 57) r++;
    if (r === q || (text.charCodeAt(r) !== 46 && text.charCodeAt(r) !== 41)) return false;
    r++;
  }
  return r === end || isBlank(text.charCodeAt(r));
}

/** A table's delimiter row: only `|`, `-`, `:` and white space, with a `|` and a `-`. */
function isDelimiterRow(text: string, q: number, end: number): boolean {
  let dash = false;
  let pipe = false;
  for (let i = q; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 45) dash = true;
    else if (c === 124) pipe = true;
    else if (c !== 58 && !isBlank(c)) return false;
  }
  return dash && pipe;
}

/** Cells of a table row: its unescaped `|`, less a leading and a trailing one, plus one; 0 without a `|`. */
function cellsIn(text: string, q: number, end: number): number {
  let pipes = 0;
  for (let i = q; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) i++;
    else if (c === 124) pipes++;
  }
  if (!pipes) return 0;
  let last = end;
  while (last > q && isBlank(text.charCodeAt(last - 1))) last--;
  return pipes + 1 - (text.charCodeAt(q) === 124 ? 1 : 0) - (text.charCodeAt(last - 1) === 124 && last - 1 > q ? 1 : 0);
}

/** A line that continues a table: anything that does not start another block (quote, list, heading, HTML, break, fence). */
function isTableRow(text: string, q: number, end: number): boolean {
  const c = text.charCodeAt(q);
  if (c === 124) return true;
  if (c === 62 || c === 35 || c === 60 || c === 45 || c === 42 || c === 43 || c === 95 || c === 126 || c === 96) return false; // > # < - * + _ ~ `
  return !listMarkerAt(text, q, end);
}

/** Where the body starts: after a front matter block that opens on the first line and closes, else 0. */
function frontMatterEnd(text: string): number {
  const open = /^---[ \t]*(?:\r\n|\r|\n)/.exec(text);
  if (!open) return 0;
  const closing = /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/g;
  closing.lastIndex = open[0].length - 1;
  const m = closing.exec(text);
  return m ? m.index + m[0].length : 0;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
