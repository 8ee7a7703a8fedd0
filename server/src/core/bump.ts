// "Bump revision": open the next revision of a controlled document. One set of
// text edits that the editor's source action (and any other door) applies:
//   - `revision:` goes to the next revision in its own scheme (C -> D, 3 -> 4, 1.4 -> 1.5);
//   - `status:` goes back to draft;
//   - `effective_date:` is cleared: the new revision is not in force yet. The key stays, in its
//     place, and its value becomes the prompt `<enter effective date>` (what field-missing's own
//     fix writes into a draft): a removed key or an empty value would make field-missing report
//     an error on the fresh draft, a prompt is a warning (field-placeholder) until it is issued;
//   - a new approval round: `approvals: []`. The previous round is not lost: it is
//     appended to the previous revision's history row ("approved by author Dana
//     Whitfield 2026-02-10, ..."), where an auditor reads a revision's story;
//   - a new revision history row, dated today, with the configured author (or a
//     prompt) and a description to fill in, as a table row of its own at the newest
//     end (top or bottom, as the table runs). An aligned table is written aligned again.
// `next_review` stays: it is set when the new revision is issued.
import { pushAll } from './arrays';
import type { Approval, ControlledDocument, RevisionHistory } from './document';
import { nextRevision, parseRevision, sameRevision } from './revision';
import { replaceScalar } from './replace-scalar';
import { historyTableLayout, insertHistoryRow } from './history-table';
import { escapeCell } from './table-layout';
import { detectEol } from './text';
import type { Fix, TextEdit } from './types';

export const CHANGE_PLACEHOLDER = '<enter description of change>';
export const AUTHOR_PLACEHOLDER = '<enter author>';
export const EFFECTIVE_DATE_PLACEHOLDER = '<enter effective date>';

export interface BumpOptions {
  /** ISO date of the new history row. */
  today: string;
  /** Dotted revisions: 1.4 -> 2.0 instead of 1.5. */
  major?: boolean;
  /** Key to write when the document has no status yet (the config's name for `status`). */
  statusKey?: string;
  /** Heading for a revision history section when the document has none. */
  historyHeading?: string;
  /** Who writes the new revision (the editor's qmslint.author); a prompt when absent. */
  author?: string;
}

export type BumpResult =
  | {
      ok: true;
      fix: Fix;
      from: string;
      to: string;
      /** What the edits do, in words, one change a line, for a confirmation before applying. */
      changes: string[];
    }
  | { ok: false; reason: string };

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
  const edits: TextEdit[] = [replaceScalar(text, field.valueRange, nextWritten)];

  const changes = [`revision ${written} -> ${nextWritten}`];

  const status = doc.fields.get('status');
  const statusKey = status?.key ?? options.statusKey ?? 'status';
  if (!status) {
    const closing = text.lastIndexOf('\n', fm.range.end - 1) + 1;
    edits.push({ start: closing, end: closing, text: `${statusKey}: draft${eol}` });
    changes.push(`${statusKey} draft added`);
  } else if (status.text !== 'draft') {
    edits.push(status.valueRange.end > status.valueRange.start ? replaceScalar(text, status.valueRange, 'draft') : { start: status.keyRange.end, end: status.valueRange.end, text: ': draft' });
    changes.push(`${statusKey} ${status.text || '(empty)'} -> draft`);
  }

  const effective = doc.fields.get('effective_date');
  if (effective && effective.valueRange.end > effective.valueRange.start && effective.text !== EFFECTIVE_DATE_PLACEHOLDER) {
    edits.push(replaceScalar(text, effective.valueRange, EFFECTIVE_DATE_PLACEHOLDER));
    changes.push(`${effective.key} ${effective.text} cleared (filled in when revision ${nextWritten} is issued)`);
  }

  const approvals = doc.fields.get('approvals');
  const previousRound = approvalSummary(doc.approvals);
  if (approvals && doc.approvals.length) {
    // A block sequence's range runs past its last line break; that break stays.
    const end = approvals.valueRange.start + text.slice(approvals.valueRange.start, approvals.valueRange.end).trimEnd().length;
    edits.push({ start: approvals.keyRange.end, end, text: ': []' });
  }

  const author = options.author?.trim() ? escapeCell(options.author.trim()) : AUTHOR_PLACEHOLDER;
  const history = historyEdit(doc, { revision: next, date: options.today, author, previous: written, approvedBy: previousRound }, eol, options.historyHeading ?? 'Revision History');
  pushAll(edits, history.edits);
  if (approvals && doc.approvals.length) {
    const kept = history.keptIn ? `kept in ${history.keptIn}` : 'not kept: the history table has no description column';
    changes.push(`${approvals.key} cleared${previousRound ? ` (${kept})` : ''}`);
  }
  changes.push(`new history row ${next}, dated ${options.today}, author ${author === AUTHOR_PLACEHOLDER ? 'to fill in' : author}${history.realigned ? ' (table realigned)' : ''}`);

  const shift = doc.parsed.bomLength;
  return {
    ok: true,
    from: written,
    to: nextWritten,
    changes,
    fix: { title: `Bump revision ${written} -> ${nextWritten}`, edits: mergeInsertions(edits).map((e) => ({ ...e, start: e.start + shift, end: e.end + shift })) },
  };
}

interface NewRow {
  revision: string;
  date: string;
  author: string;
  /** The revision being closed, and who approved it ('' when nobody did). */
  previous: string;
  approvedBy: string;
}

interface HistoryEdit {
  edits: TextEdit[];
  /** Where the previous approval round went, in words; undefined when the table has no column for it. */
  keptIn?: string;
  realigned: boolean;
}

function historyEdit(doc: ControlledDocument, row: NewRow, eol: string, heading: string): HistoryEdit {
  const text = doc.parsed.text;
  const history = doc.history;
  const inNewRow = `the new history row ${row.revision}`;
  // With no row of the previous revision to hold it, its approvals go into the new row's description.
  const describe = (approvalsHere: boolean) =>
    approvalsHere && row.approvedBy ? `${CHANGE_PLACEHOLDER} (revision ${row.previous} was approved by ${row.approvedBy})` : CHANGE_PLACEHOLDER;
  const fresh = (description: string) =>
    [`| Revision | Date | Author | Description |`, `|---|---|---|---|`, `| ${row.revision} | ${row.date} | ${row.author} | ${escapeCell(description)} |`].join(eol);
  if (!history) {
    const end = text.length;
    const lead = end === 0 || /\n$/.test(text) ? '' : eol;
    return { edits: [{ start: end, end, text: `${lead}${eol}## ${heading}${eol}${eol}${fresh(describe(true))}${eol}` }], keptIn: inNewRow, realigned: false };
  }
  const table = history.table;
  if (!table) {
    const at = history.heading.range.end;
    return { edits: [{ start: at, end: at, text: `${eol}${eol}${fresh(describe(true))}` }], keptIn: inNewRow, realigned: false };
  }

  const layout = historyTableLayout(text, history)!;
  const { lines, lineOf } = layout;

  // The previous revision's row, and its cell for the record: Description, else the last column
  // that is not Revision, Date or Author.
  const { revision: revCol, date: dateCol, author: authorCol, description: descCol } = history.columns;
  const header = table.header.length;
  const free = [...Array(header).keys()].filter((i) => i !== revCol && i !== dateCol && i !== authorCol);
  const recordCol = descCol ?? free[free.length - 1];
  const previousRow = history.rows.filter((r) => r.revision && sameRevision(r.revision.text, row.previous)).pop();
  const previousLine = previousRow && row.approvedBy ? lineOf(previousRow.range.start) : -1;
  const target = previousLine >= 0 && recordCol !== undefined ? lines[previousLine].cells[recordCol] : undefined;

  const cells = [...Array(header).keys()].map((i) => {
    if (i === revCol) return row.revision;
    if (i === dateCol) return row.date;
    if (i === authorCol) return row.author;
    if (i === recordCol) return escapeCell(describe(!target));
    return '';
  });
  const keptIn = target ? `the history row of ${row.previous}` : recordCol !== undefined ? inNewRow : undefined;
  const record = (cell: string) => (cell === '' ? 'Approved by ' : cell.endsWith('.') ? `${cell} Approved by ` : `${cell}; approved by `) + row.approvedBy;
  const amend = (line: number, column: number, content: string) => (target && line === previousLine && column === recordCol ? record(content) : content);
  const inserted = insertHistoryRow(layout, cells, eol, amend);
  if (inserted.realigned) return { edits: [inserted.edit], keptIn, realigned: true };

  const edits: TextEdit[] = [];
  if (target) {
    // Exact: the record goes after the cell's text, or fills an empty cell.
    edits.push(target.content === '' ? { start: target.start, end: target.end, text: ` ${record('')} ` } : appendAt(text, target, record(target.content).slice(target.content.length)));
  }
  edits.push(inserted.edit);
  return { edits, keptIn, realigned: false };
}

/** An insertion just after a cell's text (before its padding and pipe). */
function appendAt(text: string, cell: { start: number; end: number; content: string }, added: string): TextEdit {
  const at = cell.start + text.slice(cell.start, cell.end).indexOf(cell.content) + cell.content.length;
  return { start: at, end: at, text: added };
}

/** "author Dana Whitfield 2026-02-10, reviewer Omar Haddad 2026-02-12"; '' when nobody signed. */
function approvalSummary(approvals: Approval[]): string {
  return approvals
    .map((a) => [a.role?.text, a.name?.text, a.date?.text].filter((s) => s && s.trim()).join(' '))
    .filter(Boolean)
    .map(escapeCell)
    .join(', ');
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

