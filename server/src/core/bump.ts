// "Bump revision": open the next revision of a controlled document. One set of
// text edits that the editor's source action (and any other door) applies:
//   - `revision:` goes to the next revision in its own scheme (C -> D, 3 -> 4, 1.4 -> 1.5);
//   - a revision history row for it, dated today, with a description to fill in,
//     at the end of the table that is the newest end (top or bottom, as the table runs);
//   - `status:` goes back to draft;
//   - a new approval round: `approvals: []`. The previous round is not lost: it is
//     appended to the previous revision's history row ("approved by author Dana
//     Whitfield 2026-02-10, ..."), where an auditor reads a revision's story.
// `effective_date` and `next_review` stay: they are set when the new revision is issued.
import { isScalar } from 'yaml';
import { isIsoDate } from './dates';
import type { Approval, ControlledDocument, RevisionHistory } from './document';
import { compareRevisions, nextRevision, parseRevision, sameRevision } from './revision';
import { detectEol } from './text';
import type { Fix, TextEdit } from './types';

export const CHANGE_PLACEHOLDER = '<enter description of change>';

export interface BumpOptions {
  /** ISO date of the new history row. */
  today: string;
  /** Dotted revisions: 1.4 -> 2.0 instead of 1.5. */
  major?: boolean;
  /** Key to write when the document has no status yet (the config's name for `status`). */
  statusKey?: string;
  /** Heading for a revision history section when the document has none. */
  historyHeading?: string;
}

export type BumpResult = { ok: true; fix: Fix; from: string; to: string } | { ok: false; reason: string };

export function bumpRevision(doc: ControlledDocument, options: BumpOptions): BumpResult {
  const fm = doc.parsed.frontMatter;
  if (!fm || !fm.data) return { ok: false, reason: 'the document has no readable front matter' };
  const field = doc.fields.get('revision');
  const written = field?.text ?? '';
  const current = parseRevision(written);
  if (!field || !current) {
    return { ok: false, reason: written ? `revision \`${written}\` fits no revision scheme` : 'the document has no revision' };
  }
  const next = nextRevision(current, options.major);
  // Keep a prefix such as "Rev. " as written.
  const nextWritten = written.endsWith(current.text) ? written.slice(0, written.length - current.text.length) + next : next;
  const text = doc.parsed.text;
  const eol = detectEol(text);
  const edits: TextEdit[] = [replaceScalar(field.node, field.valueRange, nextWritten)];

  const status = doc.fields.get('status');
  if (!status) {
    const closing = text.lastIndexOf('\n', fm.range.end - 1) + 1;
    edits.push({ start: closing, end: closing, text: `${options.statusKey ?? 'status'}: draft${eol}` });
  } else if (status.text !== 'draft') {
    edits.push(status.valueRange.end > status.valueRange.start ? replaceScalar(status.node, status.valueRange, 'draft') : { start: status.keyRange.end, end: status.valueRange.end, text: ': draft' });
  }

  const approvals = doc.fields.get('approvals');
  const previousRound = approvalSummary(doc.approvals);
  if (approvals && doc.approvals.length) {
    // A block sequence's range runs past its last line break; that break stays.
    const end = approvals.valueRange.start + text.slice(approvals.valueRange.start, approvals.valueRange.end).trimEnd().length;
    edits.push({ start: approvals.keyRange.end, end, text: ': []' });
  }

  const history = doc.history;
  const previousRow = history?.rows.filter((r) => r.revision && sameRevision(r.revision.text, written)).pop();
  let keptInNewRow = false;
  if (previousRound) {
    const cell = previousRow && (previousRow.description ?? previousRow.cells[previousRow.cells.length - 1]);
    if (cell) {
      const sep = cell.source === '' ? 'Approved by ' : cell.source.endsWith('.') ? ' Approved by ' : '; approved by ';
      edits.push({ start: cell.range.end, end: cell.range.end, text: sep + previousRound });
    } else keptInNewRow = true;
  }
  const description = keptInNewRow ? `${CHANGE_PLACEHOLDER} (revision ${written} was approved by ${previousRound})` : CHANGE_PLACEHOLDER;
  edits.push(historyEdit(doc, history, { revision: next, date: options.today, description }, eol, options.historyHeading ?? 'Revision History'));

  const shift = doc.parsed.bomLength;
  return {
    ok: true,
    from: written,
    to: nextWritten,
    fix: { title: `Bump revision ${written} -> ${nextWritten}`, edits: mergeInsertions(edits).map((e) => ({ ...e, start: e.start + shift, end: e.end + shift })) },
  };
}

/** 1 when the table runs oldest first, -1 newest first: the first pair of different revisions decides, then dates; oldest first by default. */
export function historyDirection(history: RevisionHistory): 1 | -1 {
  const rows = history.rows.filter((r) => r.cells.some((c) => c.source !== ''));
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

interface NewRow {
  revision: string;
  date: string;
  description: string;
}

function historyEdit(doc: ControlledDocument, history: RevisionHistory | undefined, row: NewRow, eol: string, heading: string): TextEdit {
  const text = doc.parsed.text;
  const fresh = [`| Revision | Date | Author | Description |`, `|---|---|---|---|`, `| ${row.revision} | ${row.date} |  | ${escapeCell(row.description)} |`].join(eol);
  if (!history) {
    const end = text.length;
    const lead = end === 0 || /\n$/.test(text) ? '' : eol;
    return { start: end, end, text: `${lead}${eol}## ${heading}${eol}${eol}${fresh}${eol}` };
  }
  const table = history.table;
  if (!table) return { start: history.heading.range.end, end: history.heading.range.end, text: `${eol}${eol}${fresh}` };

  const rows = history.rows.filter((r) => r.cells.some((c) => c.source !== ''));
  const sampleStart = (rows[0] ?? { range: { start: table.node.position!.start.offset! } }).range.start;
  const lineStart = text.lastIndexOf('\n', sampleStart - 1) + 1;
  const indent = text.slice(lineStart, sampleStart).replace(/\S.*$/, '');
  const sampleEnd = lineEndAt(text, sampleStart);
  const sample = text.slice(sampleStart, sampleEnd);
  const cells = table.header.map((_, i) => cellFor(i, history, row));
  let line = cells.map((c) => (c === '' ? '  ' : ` ${escapeCell(c)} `)).join('|');
  if (/^\s*\|/.test(sample)) line = '|' + line;
  else line = line.replace(/^ /, '');
  if (/\|\s*$/.test(sample)) line += '|';
  else line = line.replace(/ $/, '');

  if (historyDirection(history) < 0 && rows.length) {
    const at = text.lastIndexOf('\n', rows[0].range.start - 1) + 1;
    return { start: at, end: at, text: `${indent}${line}${eol}` };
  }
  const end = table.node.position!.end.offset!;
  return { start: end, end, text: `${eol}${indent}${line}` };
}

function cellFor(i: number, history: RevisionHistory, row: NewRow): string {
  const { revision, date, description } = history.columns;
  if (i === revision) return row.revision;
  if (i === date) return row.date;
  if (i === description) return row.description;
  // No description column: the last free column takes it.
  if (description === undefined && i === history.table!.header.length - 1 && i !== revision && i !== date) return row.description;
  return '';
}

function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** "author Dana Whitfield 2026-02-10, reviewer Omar Haddad 2026-02-12"; '' when nobody signed. */
function approvalSummary(approvals: Approval[]): string {
  return approvals
    .map((a) => [a.role?.text, a.name?.text, a.date?.text].filter((s) => s && s.trim()).join(' '))
    .filter(Boolean)
    .map(escapeCell)
    .join(', ');
}

function escapeCell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');
}

/** Replaces a scalar's value, keeping its quotes. */
function replaceScalar(node: unknown, range: { start: number; end: number }, value: string): TextEdit {
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  return quoted ? { start: range.start + 1, end: range.end - 1, text: value } : { start: range.start, end: range.end, text: value };
}

/** Two insertions at one offset become one edit, in order, so every client applies them alike. */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === o.start && e.end === e.start);
    if (same) same.text += e.text;
    else out.push({ ...e });
  }
  return out;
}

