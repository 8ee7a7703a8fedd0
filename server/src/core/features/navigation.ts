// Lookups over the workspace index for editors: what a document id or a link
// points to, who cites a document or a clause, clickable links, and documents
// as symbols. Every range is an offset range in its own document's text (BOM
// excluded), to be turned into positions with that document's LineIndex.
import type { Citation } from '../citations';
import { resolvedCitations, type ResolvedCitation } from '../resolve';
import { fieldText, type ControlledDocument } from '../document';
import type { WorkspaceIndex } from '../index-workspace';
import { resolveLinkTarget } from '../links';
import type { Catalog } from '../standards/catalog';
import type { OffsetRange } from '../text';

export interface Place {
  path: string;
  range: OffsetRange;
}

export interface IdAt {
  id: string;
  range: OffsetRange;
  /** The document's own `id:` value, not a reference to it. */
  declaration: boolean;
}

const inside = (r: OffsetRange, offset: number) => offset >= r.start && offset <= r.end;

/** The document id under the cursor: a mention (body, `references:`, `superseded_by:`) or the document's own id. */
export function idAt(doc: ControlledDocument, offset: number): IdAt | undefined {
  const mention = doc.mentions.find((m) => inside(m.range, offset));
  if (mention) return { id: mention.id, range: mention.range, declaration: false };
  const own = doc.fields.get('id');
  if (own && own.text && inside(own.valueRange, offset)) return { id: own.text, range: own.valueRange, declaration: true };
  return undefined;
}

/** Where a jump to a document lands: its id, else its first heading, else its start. */
export function documentTarget(doc: ControlledDocument): OffsetRange {
  const id = doc.fields.get('id');
  if (id && id.text) return id.valueRange;
  if (doc.h1) return doc.h1.range;
  return { start: 0, end: 0 };
}

/** The citation under the cursor: its clause number or the designation written for it. */
export function citationAt(doc: ControlledDocument, offset: number): Citation | undefined {
  return doc.citations.find((c) => inside(c.range, offset) || inside(c.clauseRange, offset)) ?? doc.citations.find((c) => c.form === 'inline' && c.standardRange && inside(c.standardRange, offset));
}

export function resolvedCitationAt(doc: ControlledDocument, offset: number, catalog: Catalog, defaultStandard: string): ResolvedCitation | undefined {
  const c = citationAt(doc, offset);
  return c && resolvedCitations(doc, catalog, defaultStandard).find((r) => r.citation === c);
}

export function definitionAt(doc: ControlledDocument, offset: number, index: WorkspaceIndex): Place[] {
  const link = doc.links.find((l) => inside(l.range, offset));
  if (link) {
    const target = resolveLinkTarget(doc.path, link.url);
    if (!target) return [];
    const file = target.file ?? doc.path;
    const targetDoc = index.byPath.get(file);
    if (!targetDoc) return index.exists(file) ? [{ path: file, range: { start: 0, end: 0 } }] : [];
    const heading = target.anchor ? targetDoc.headings.find((h) => h.slug === target.anchor?.toLowerCase()) : undefined;
    return [{ path: file, range: heading?.range ?? { start: 0, end: 0 } }];
  }
  const at = idAt(doc, offset);
  if (!at) return [];
  return (index.byId.get(at.id) ?? []).map((d) => ({ path: d.path, range: documentTarget(d) }));
}

/** Every place citing the document id under the cursor, or the clause under the cursor. */
export function referencesAt(doc: ControlledDocument, offset: number, index: WorkspaceIndex, catalog: Catalog, defaultStandard: string, includeDeclaration: boolean): Place[] {
  const at = idAt(doc, offset);
  if (at) return referencesToId(index, at.id, includeDeclaration);
  const cited = resolvedCitationAt(doc, offset, catalog, defaultStandard);
  if (cited?.pack) return referencesToClause(index, catalog, defaultStandard, cited.pack.id, cited.citation.clause);
  return [];
}

export function referencesToId(index: WorkspaceIndex, id: string, includeDeclaration: boolean): Place[] {
  const out: Place[] = [];
  for (const d of index.documents) {
    if (includeDeclaration && fieldText(d, 'id') === id) out.push({ path: d.path, range: d.fields.get('id')!.valueRange });
    for (const m of d.mentions) if (m.id === id) out.push({ path: d.path, range: m.range });
  }
  return out;
}

/** Citations of one clause (any sub-item) of one standard, in every document. */
export function referencesToClause(index: WorkspaceIndex, catalog: Catalog, defaultStandard: string, packId: string, clause: string): Place[] {
  const out: Place[] = [];
  for (const d of index.documents) {
    for (const r of resolvedCitations(d, catalog, defaultStandard)) {
      if (r.pack?.id === packId && r.citation.clause === clause) out.push({ path: d.path, range: r.citation.range });
    }
  }
  return out;
}

export interface DocLinkTarget {
  range: OffsetRange;
  path: string;
  /** Where in the target to land (a heading), when the link names one. */
  target?: OffsetRange;
  tooltip?: string;
}

/** Relative links to files that exist, and document ids that resolve. */
export function documentLinks(doc: ControlledDocument, index: WorkspaceIndex): DocLinkTarget[] {
  const out: DocLinkTarget[] = [];
  for (const link of doc.links) {
    const target = resolveLinkTarget(doc.path, link.url);
    const file = target && (target.file ?? (target.anchor ? doc.path : undefined));
    if (!file || !index.exists(file)) continue;
    const targetDoc = index.byPath.get(file);
    const heading = target.anchor && targetDoc ? targetDoc.headings.find((h) => h.slug === target.anchor?.toLowerCase()) : undefined;
    out.push({ range: link.range, path: file, ...(heading ? { target: heading.range } : {}) });
  }
  for (const m of doc.mentions) {
    const d = index.document(m.id);
    if (!d || d.path === doc.path) continue;
    const title = fieldText(d, 'title') ?? d.h1?.text;
    out.push({ range: m.range, path: d.path, tooltip: title ? `${m.id} ${title}` : m.id });
  }
  return out;
}

export interface DocumentSymbolEntry {
  /** "SOP-001 Control of Documents". */
  name: string;
  id: string;
  title?: string;
  type?: string;
  status?: string;
  path: string;
  range: OffsetRange;
}

/** Controlled documents whose id and title match the query (its characters in order, any case). */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = 500): DocumentSymbolEntry[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const out: DocumentSymbolEntry[] = [];
  for (const d of index.documents) {
    const id = fieldText(d, 'id');
    if (!id) continue;
    const title = fieldText(d, 'title') ?? d.h1?.text;
    const name = title ? `${id} ${title}` : id;
    if (q && !subsequence(q, name.toLowerCase())) continue;
    out.push({ name, id, title, type: fieldText(d, 'type'), status: fieldText(d, 'status'), path: d.path, range: documentTarget(d) });
    if (out.length >= limit) break;
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

function subsequence(q: string, s: string): boolean {
  let i = 0;
  for (const c of s) if (c === q[i]) i++;
  return i === q.length;
}
