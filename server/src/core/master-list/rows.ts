// The document master list (issue 18): one row per controlled document of an index, the register
// an auditor asks for first (ISO 13485:2016 4.2.4 c) asks that the current revision status of
// documents be identified, 4.2.4 h) that obsolete ones be identified and kept from unintended use). Both doors start
// here: `qmslint list` and the editor's Export Document Master List (qmslint/masterListExport)
// call buildMasterList and hand the rows to the formatters of this folder.
//
// Every value is the document's own, as written in its front matter, except where the row says
// otherwise: `title` falls back to the first level-1 heading, `nextReview` to the date the
// review-overdue rule computes, `training` to the type's default in the configuration.
import * as path from 'node:path';
import { inForce, type Config, type ConfigResolver } from '../config';
import { addMonths, isIsoDate } from '../dates';
import { fieldText, type ControlledDocument, type FieldValue } from '../document';
import { idPrefix } from '../index-workspace';
import { readerMentions } from '../placeholders';
import type { ProjectIndex } from '../project';
import { trainingRoles } from '../training';
import { toPosix } from '../workspace';

export interface MasterListApproval {
  role: string | null;
  name: string | null;
  date: string | null;
}

/** A document named in `superseded_by`, and whether a controlled document with that id is in the list. */
export interface Successor {
  id: string;
  exists: boolean;
}

/** One controlled document. Scalars are null when absent; lists are empty, never null, except `supersededBy`. */
export interface MasterListRow {
  id: string | null;
  title: string | null;
  type: string | null;
  revision: string | null;
  status: string | null;
  effectiveDate: string | null;
  owner: string | null;
  nextReview: string | null;
  approvals: MasterListApproval[];
  /** POSIX, relative to the folder the list is made for. */
  path: string;
  /** Ids from front matter `references` (as written), then document ids the text mentions (first mention order). */
  references: string[];
  /** Null when the document names no successor. */
  supersededBy: Successor[] | null;
  /** Roles to train on the document (core/training.ts). */
  training: string[];
}

/**
 * The master list of a project's index: every controlled document (one with an id, or matched by
 * the configuration's `documents` globs), sorted by idOrder. `root`: the folder paths are made
 * relative to. Each document is read with its own configuration (its nearest .qmslint.yaml), which
 * gives its type's default training roles and its review period.
 */
export async function buildMasterList({ index }: ProjectIndex, root: string, resolver: ConfigResolver): Promise<MasterListRow[]> {
  const documents = index.documents.filter((d) => d.controlled);
  const configs = await Promise.all(documents.map((d) => resolver.forFile(d.path)));
  const ids = new Set(index.byId.keys());
  const prefixes = new Set([...index.idPrefixes].map((p) => p.toUpperCase()));
  return documents.map((doc, i) => masterListRow(doc, configs[i], { root, ids, prefixes })).sort(idOrder);
}

interface ListContext {
  root: string;
  /** The ids of the controlled documents in the list. */
  ids: ReadonlySet<string>;
  /** Upper-case id prefixes in use (SOP, WI): a body mention with another prefix (COVID-19, UTF-8) is no reference. */
  prefixes: ReadonlySet<string>;
}

export function masterListRow(doc: ControlledDocument, config: Config, list: ListContext): MasterListRow {
  const id = fieldText(doc, 'id') ?? null;
  const status = value(doc.fields.get('status'));
  return {
    id,
    title: value(doc.fields.get('title')) ?? (doc.h1?.text || null),
    type: value(doc.fields.get('type')),
    revision: value(doc.fields.get('revision')),
    status,
    effectiveDate: value(doc.fields.get('effective_date')),
    owner: value(doc.fields.get('owner')),
    nextReview: nextReview(doc, config, status),
    approvals: doc.approvals.map((a) => ({ role: value(a.role), name: value(a.name), date: value(a.date) })),
    path: path.posix.relative(toPosix(list.root), doc.path) || doc.path,
    references: references(doc, id, list),
    supersededBy: successors(doc, list),
    training: trainingRoles(doc, config),
  };
}

/** A field's text as written: a scalar's, or a list of scalars joined by ", " (owner: [QA, RA]); null when empty or a map. */
function value(f: FieldValue | undefined): string | null {
  if (!f) return null;
  if (f.text !== '') return f.text;
  if (!Array.isArray(f.value)) return null;
  const items = f.value.filter((v) => typeof v === 'string' || typeof v === 'number').map((v) => String(v).trim()).filter(Boolean);
  return items.length ? items.join(', ') : null;
}

/**
 * `next_review` as written; for an approved or effective document without one, the date the
 * review-overdue rule holds it to: effective_date plus the document's review_period_months (a
 * whole number above zero), else the configuration's reviewPeriodMonths. Otherwise null.
 */
function nextReview(doc: ControlledDocument, config: Config, status: string | null): string | null {
  const written = value(doc.fields.get('next_review'));
  if (written !== null) return written;
  const effective = fieldText(doc, 'effective_date');
  if (!inForce(status ?? undefined) || !effective || !isIsoDate(effective)) return null;
  const own = fieldText(doc, 'review_period_months');
  const months = own && /^\d+$/.test(own) && Number(own) > 0 ? Number(own) : config.reviewPeriodMonths;
  return months ? addMonths(effective, months) : null;
}

/**
 * What the document refers its reader to: every id in front matter `references` (as written, even
 * one no document has: the list shows what the document says, the doc-reference-unresolved rule
 * says what is wrong), then the ids its text mentions whose prefix some document of the list uses
 * (SOP-012 when there are SOPs; not COVID-19), as doc-reference-unresolved reads them: not in code,
 * HTML or template syntax, and not its own id. Each once, in the order first written.
 */
function references(doc: ControlledDocument, id: string | null, list: ListContext): string[] {
  const mentions = readerMentions(doc.parsed.text, doc.mentions);
  const written = mentions.filter((m) => m.source === 'references').map((m) => m.id);
  const mentioned = mentions
    .filter((m) => m.source === 'body' && m.id !== id && !doc.declaredIds.includes(m.id) && list.prefixes.has(idPrefix(m.id)?.toUpperCase() ?? ''))
    .map((m) => m.id);
  return [...new Set([...written, ...mentioned])];
}

function successors(doc: ControlledDocument, list: ListContext): Successor[] | null {
  if (!doc.fields.has('superseded_by')) return null;
  const named = readerMentions(doc.parsed.text, doc.mentions).filter((m) => m.source === 'superseded_by');
  return named.length ? [...new Set(named.map((m) => m.id))].map((id) => ({ id, exists: list.ids.has(id) })) : null;
}

/**
 * The list's order: documents with an id first, by id with digit runs compared as numbers
 * (SOP-2 before SOP-10; then SOP-002 before SOP-2, code unit by code unit), then the documents
 * without an id; rows with the same id (or none) by path. The same on every machine: no locale.
 */
export function idOrder(a: Pick<MasterListRow, 'id' | 'path'>, b: Pick<MasterListRow, 'id' | 'path'>): number {
  if (a.id !== b.id) {
    if (a.id === null) return 1;
    if (b.id === null) return -1;
    return naturalCompare(a.id, b.id) || codeUnitCompare(a.id, b.id);
  }
  return codeUnitCompare(a.path, b.path);
}

function naturalCompare(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i], y[i]];
    const numbers = /^\d/.test(p) && /^\d/.test(q);
    // Numbers of any length, without parsing: fewer significant digits is smaller.
    const c = numbers ? numericCompare(p, q) : codeUnitCompare(p, q);
    if (c) return c;
  }
  return x.length - y.length;
}

function numericCompare(p: string, q: string): number {
  const [a, b] = [p.replace(/^0+/, ''), q.replace(/^0+/, '')];
  return a.length - b.length || codeUnitCompare(a, b);
}

const codeUnitCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
