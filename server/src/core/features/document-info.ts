// The model of one document as plain data, for clients that show it (a document
// panel, a register, a script): what the engine extracted, with ranges mapped
// by the caller (offsets for core users, positions for the language server).
import { designation, resolvedCitations } from '../resolve';
import { fieldText, type ControlledDocument } from '../document';
import type { WorkspaceIndex } from '../index-workspace';
import type { Catalog } from '../standards/catalog';
import type { OffsetRange } from '../text';
import { historyDirection } from '../history-table';

export interface DocumentInfo<R> {
  path: string;
  controlled: boolean;
  id?: string;
  title?: string;
  type?: string;
  revision?: string;
  status?: string;
  effectiveDate?: string;
  owner?: string;
  standard?: string;
  fields: Record<string, { key: string; value: unknown; range: R }>;
  approvals: { role?: string; name?: string; date?: string; range: R }[];
  history?: {
    heading: string;
    range: R;
    order: 'oldest-first' | 'newest-first';
    rows: { revision?: string; date?: string; author?: string; description?: string; range: R }[];
  };
  headings: { depth: number; text: string; slug: string; range: R }[];
  links: { url: string; range: R }[];
  references: { id: string; source: string; resolved: boolean; range: R }[];
  /** Documents in the workspace that mention this one's id. */
  referencedBy: string[];
  citations: { standard: string; clause: string; item?: string; form: string; known: boolean; heading?: string; range: R }[];
}

export function documentInfo<R>(
  doc: ControlledDocument,
  index: WorkspaceIndex,
  catalog: Catalog,
  defaultStandard: string,
  mapRange: (r: OffsetRange) => R,
): DocumentInfo<R> {
  const id = fieldText(doc, 'id');
  const history = doc.history;
  return {
    path: doc.path,
    controlled: doc.controlled,
    id,
    title: fieldText(doc, 'title') ?? doc.h1?.text,
    type: fieldText(doc, 'type'),
    revision: fieldText(doc, 'revision'),
    status: fieldText(doc, 'status'),
    effectiveDate: fieldText(doc, 'effective_date'),
    owner: fieldText(doc, 'owner'),
    standard: fieldText(doc, 'standard') ?? defaultStandard,
    fields: Object.fromEntries([...doc.fields].map(([name, f]) => [name, { key: f.key, value: f.value, range: mapRange({ start: f.keyRange.start, end: f.valueRange.end }) }])),
    approvals: doc.approvals.map((a) => ({ role: a.role?.text, name: a.name?.text, date: a.date?.text, range: mapRange(a.range) })),
    ...(history
      ? {
          history: {
            heading: history.heading.text,
            range: mapRange({ start: history.heading.range.start, end: history.sectionEnd }),
            order: historyDirection(history) > 0 ? ('oldest-first' as const) : ('newest-first' as const),
            rows: history.rows.map((r) => ({
              revision: r.revision?.text,
              date: r.date?.text,
              author: r.author?.text,
              description: r.description?.text,
              range: mapRange(r.range),
            })),
          },
        }
      : {}),
    headings: doc.headings.map((h) => ({ depth: h.depth, text: h.text, slug: h.slug, range: mapRange(h.range) })),
    links: doc.links.map((l) => ({ url: l.url, range: mapRange(l.range) })),
    references: doc.mentions.map((m) => ({ id: m.id, source: m.source, resolved: index.byId.has(m.id), range: mapRange(m.range) })),
    referencedBy: id ? index.documents.filter((d) => d.path !== doc.path && d.mentions.some((m) => m.id === id)).map((d) => d.path) : [],
    citations: resolvedCitations(doc, catalog, defaultStandard).map((r) => {
      const clause = r.pack ? catalog.clause(r.pack.id, r.citation.clause) : undefined;
      return {
        standard: designation(r),
        clause: r.citation.clause,
        ...(r.citation.item ? { item: r.citation.item } : {}),
        form: r.citation.form,
        known: Boolean(clause),
        ...(clause ? { heading: clause.title } : {}),
        range: mapRange(r.citation.range),
      };
    }),
  };
}
