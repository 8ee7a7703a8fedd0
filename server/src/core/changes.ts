// Change control: what a change to a controlled document is, compared with its
// previous version (the git base of a pull request in the CLI; the last
// committed version in an editor later). Rules of scope 'change' and the CLI's
// review summary both read it from here, so they cannot disagree.
import type { Nodes } from 'mdast';
import { STATUSES } from './config';
import { fieldText, type Approval, type ControlledDocument, type HistoryRow } from './document';
import { compareRevisions, parseRevision, sameRevision } from './revision';

// ---- what counts as content -------------------------------------------------

/**
 * Front matter fields that change control itself updates: a change to them
 * alone is the paperwork of a change (new revision, its approvals, its
 * lifecycle and dates), not a change to what the document says.
 */
export const PAPERWORK_FIELDS = ['revision', 'status', 'approvals', 'effective_date', 'next_review', 'superseded_by'] as const;

export interface ContentOptions {
  /** Default true: white space alone (reflowed lines, trailing spaces, blank lines) is not a change. */
  ignoreWhitespace?: boolean;
}

export interface ContentDiff {
  changed: boolean;
  /** Front matter keys (as written in the newer version) whose values differ, paperwork excluded. */
  fields: string[];
  /** The body, outside the revision history section, differs. */
  body: boolean;
  /** Offset (in the newer text, without BOM) of the first body difference. */
  bodyOffset?: number;
}

/** Whether the content changed between two versions of a document; see compareContent. */
export function contentChanged(base: ControlledDocument, head: ControlledDocument, options: ContentOptions = {}): boolean {
  return compareContent(base, head, options).changed;
}

/**
 * Compares what a document says: its front matter as data, without the
 * paperwork fields, and its body without the revision history section. By
 * default the body is compared as a reader sees it (the Markdown tree, white
 * space collapsed), so reflowing, trailing spaces, blank lines and table
 * padding are not changes; with `ignoreWhitespace: false` any edit to the body
 * text counts (line endings excepted).
 */
export function compareContent(base: ControlledDocument, head: ControlledDocument, options: ContentOptions = {}): ContentDiff {
  const fields = changedFields(base, head);
  const ignoreWhitespace = options.ignoreWhitespace ?? true;
  const a = ignoreWhitespace ? bodyTokens(base) : rawBodyTokens(base);
  const b = ignoreWhitespace ? bodyTokens(head) : rawBodyTokens(head);
  let i = 0;
  while (i < a.length && i < b.length && a[i].key === b[i].key) i++;
  const body = i < a.length || i < b.length;
  const bodyOffset = body ? (b[i]?.start ?? b[b.length - 1]?.end ?? head.parsed.text.length) : undefined;
  return { changed: fields.length > 0 || body, fields, body, ...(body ? { bodyOffset } : {}) };
}

function changedFields(base: ControlledDocument, head: ControlledDocument): string[] {
  const before = contentData(base);
  const after = contentData(head);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => stableJson(before[k]) !== stableJson(after[k]));
}

/** Front matter as data without the paperwork fields (under any alias the document uses). */
function contentData(doc: ControlledDocument): Record<string, unknown> {
  const fm = doc.parsed.frontMatter;
  if (!fm) return {};
  // Broken YAML has no data; its source is then the best description of it.
  if (!fm.data) return { '(front matter)': fm.source.replace(/\r\n?/g, '\n') };
  const paperwork = new Set<string>(PAPERWORK_FIELDS);
  for (const name of PAPERWORK_FIELDS) {
    const key = doc.fields.get(name)?.key;
    if (key) paperwork.add(key);
  }
  return Object.fromEntries(Object.entries(fm.data).filter(([k]) => !paperwork.has(k)));
}

function stableJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

interface Token {
  key: string;
  start: number;
  end: number;
}

/** The revision history section: its rows are the record of changes, not content. */
function historySpan(doc: ControlledDocument): { start: number; end: number } | undefined {
  const h = doc.history;
  return h ? { start: h.heading.range.start, end: h.sectionEnd } : undefined;
}

/** The body as a reader sees it: the Markdown tree as a token list, text with white space collapsed. */
function bodyTokens(doc: ControlledDocument): Token[] {
  const out: Token[] = [];
  const skip = historySpan(doc);
  const text = (value: string, start: number, end: number) => {
    const last = out[out.length - 1];
    if (last && last.key.startsWith('t:')) {
      last.key += value;
      last.end = end;
    } else out.push({ key: 't:' + value, start, end });
  };
  const visit = (node: Nodes) => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    switch (node.type) {
      case 'yaml':
        return;
      case 'text':
        return text(node.value, start, end);
      // A hard break is two trailing spaces: white space to a reader comparing texts.
      case 'break':
        return text(' ', start, end);
    }
    const attrs: unknown[] = [node.type];
    if (node.type === 'heading') attrs.push(node.depth);
    if (node.type === 'list') attrs.push(node.ordered, node.ordered ? (node.start ?? 1) : null);
    if (node.type === 'listItem') attrs.push(node.checked ?? null);
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') attrs.push(node.url, node.title ?? null);
    if (node.type === 'image' || node.type === 'imageReference') attrs.push(node.alt ?? null);
    if (node.type === 'code') attrs.push(node.lang ?? null, node.meta ?? null);
    if ('identifier' in node) attrs.push(node.identifier);
    if ('value' in node && typeof node.value === 'string') attrs.push(collapse(node.value));
    out.push({ key: 'o:' + JSON.stringify(attrs), start, end });
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
    out.push({ key: 'c:' + node.type, start: end, end });
  };
  for (const child of doc.parsed.tree.children) {
    const start = child.position?.start.offset ?? 0;
    if (skip && start >= skip.start && start < skip.end) continue;
    visit(child);
  }
  for (const t of out) if (t.key.startsWith('t:')) t.key = 't:' + collapse(t.key.slice(2));
  return out.filter((t) => t.key !== 't:' && t.key !== 't: ');
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/** The body text as written, one token per line (line endings normalised), history section excluded. */
function rawBodyTokens(doc: ControlledDocument): Token[] {
  const { text, frontMatter } = doc.parsed;
  const skip = historySpan(doc);
  const from = frontMatter ? frontMatter.range.end : 0;
  const out: Token[] = [];
  const re = /[^\r\n]*(\r\n|\r|\n|$)/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < text.length; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!(skip && start >= skip.start && start < skip.end)) out.push({ key: m[0].replace(/\r\n?|\n/, '\n'), start, end });
    if (m[0].length === 0) break;
  }
  return out;
}

// ---- revisions ---------------------------------------------------------------

/** How the revision moved: 'different' when the two are not in one comparable scheme. */
export type RevisionMove = 'same' | 'raised' | 'lowered' | 'different' | 'unknown';

export function revisionMove(base: ControlledDocument, head: ControlledDocument): RevisionMove {
  const a = fieldText(base, 'revision');
  const b = fieldText(head, 'revision');
  if (!a || !b) return 'unknown';
  if (sameRevision(a, b)) return 'same';
  const ra = parseRevision(a);
  const rb = parseRevision(b);
  const order = ra && rb ? compareRevisions(ra, rb) : undefined;
  if (order === undefined) return 'different';
  return order < 0 ? 'raised' : 'lowered';
}

/** A new revision was started: raised, or moved to another scheme (C -> 1.0). */
export function isNewRevision(move: RevisionMove): boolean {
  return move === 'raised' || move === 'different';
}

/** The history rows recording a revision, in table order. */
export function historyRows(doc: ControlledDocument, revision: string): HistoryRow[] {
  return (doc.history?.rows ?? []).filter((r) => r.revision && r.revision.text && sameRevision(r.revision.text, revision));
}

export function rowKey(row: HistoryRow): string {
  return row.cells.map((c) => collapse(c.text).trim()).join('|');
}

// ---- approvals ---------------------------------------------------------------

/** Role, name and date: two approvals with the same key are the same sign-off. */
export function approvalKey(a: Approval): string {
  return [a.role?.text ?? '', a.name?.text ?? '', a.date?.text ?? ''].map((s) => s.trim()).join('\u0000');
}

/** Same roles, names and dates, in any order; false when there are none. */
export function approvalsCarried(base: ControlledDocument, head: ControlledDocument): boolean {
  if (!head.approvals.length || head.approvals.length !== base.approvals.length) return false;
  const a = base.approvals.map(approvalKey).sort();
  const b = head.approvals.map(approvalKey).sort();
  return a.every((k, i) => k === b[i]);
}

// ---- lifecycle ---------------------------------------------------------------

export type Status = (typeof STATUSES)[number];

/**
 * Status moves allowed within one revision. Going back (to draft or review)
 * or out of obsolete means reworking a released text: that needs a new
 * revision, with which any status may follow (a new revision starts as a
 * draft, or a withdrawn document is reinstated as a new revision).
 */
export const SAME_REVISION_TRANSITIONS: Record<Status, readonly Status[]> = {
  draft: ['in-review', 'approved', 'effective', 'obsolete'],
  'in-review': ['draft', 'approved', 'effective', 'obsolete'],
  approved: ['effective', 'obsolete'],
  effective: ['obsolete'],
  obsolete: [],
};

export function isStatus(s: string | undefined): s is Status {
  return s !== undefined && (STATUSES as readonly string[]).includes(s);
}

/** Whether a status move is allowed; `newRevision` when the revision was raised with it. */
export function transitionAllowed(from: Status, to: Status, newRevision: boolean): boolean {
  return from === to || newRevision || SAME_REVISION_TRANSITIONS[from].includes(to);
}
