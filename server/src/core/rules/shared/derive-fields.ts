// What a document says about itself outside front matter (its metadata table or lines, its title,
// its file name, its history and clause mapping tables): front-matter-missing writes front matter
// from it, field-missing offers it for a missing field.
import { STATUSES } from '../../config';
import { isIsoDate } from '../../dates';
import { idFromFileName, leadingId } from '../../declared-ids';
import { fieldText } from '../../document';
import { idRegex } from '../../id-pattern';
import { isPlaceholder } from '../../placeholders';
import { resolveCitation } from '../../resolve';
import { parseRevision } from '../../revision';
import type { DocumentContext } from '../../rule';
import { knownTypes } from './document-types';
import { newestRow } from './newest-row';

/** Control data a document already states somewhere other than front matter. */
export interface DerivedFields {
  id?: string;
  title?: string;
  type?: string;
  revision?: string;
  owner?: string;
  effective_date?: string;
  status?: string;
  clauses?: string[];
}

/** Metadata keys that give the document's number (`Document No.`, `Doc ID`). */
export const METADATA_ID_KEY = /^(doc(ument)?\.?\s*(number|no\.?|id|#|code)|number|id|doc\.?\s*no\.?)$/i;

const METADATA_KEYS: [keyof DerivedFields, RegExp][] = [
  ['id', METADATA_ID_KEY],
  ['title', /^(doc(ument)?\s*)?title$/i],
  ['type', /^(doc(ument)?\s*)?type$/i],
  ['revision', /^(rev(ision)?\.?|version|ver\.?|issue)(\s*(no\.?|number|#|level))?$/i],
  ['owner', /^((process|document)\s+)?owner$/i],
  ['effective_date', /^effective\s+date$/i],
  ['status', /^(document\s+)?status$/i],
];

// Document types as collections spell them out: "Document Type: Standard Operating Procedure".
const TYPE_NAMES: Record<string, string> = {
  'standard operating procedure': 'SOP',
  procedure: 'SOP',
  'work instruction': 'WI',
  policy: 'POL',
  'quality manual': 'MAN',
  manual: 'MAN',
  plan: 'PLN',
  form: 'FRM',
  record: 'REC',
  template: 'TPL',
};

/** A known type code for a written type: "SOP", or "Standard Operating Procedure (SOP)" -> SOP. */
function typeCode(value: string, known: string[]): string | undefined {
  const code = /\(([A-Z]{2,5})\)\s*$/.exec(value)?.[1] ?? TYPE_NAMES[value.toLowerCase()] ?? value.toUpperCase();
  return known.includes(code) ? code : undefined;
}

/** What the document says about itself: metadata table, H1, file name, history and mapping tables. */
export function deriveFields(ctx: DocumentContext): DerivedFields {
  const { doc } = ctx;
  const out: DerivedFields = {};
  const idRe = idRegex(ctx.config.idPattern);
  // An id already in front matter (field-missing derives the other fields) comes first.
  const ownId = fieldText(doc, 'id');
  if (ownId && idRe.test(ownId)) out.id = ownId;
  for (const entry of doc.metadata) {
    const value = entry.value.trim();
    if (!value || isPlaceholder(value)) continue;
    for (const [name, re] of METADATA_KEYS) {
      if (out[name] !== undefined || !re.test(entry.key.trim())) continue;
      if (name === 'id' && !idRe.test(value)) continue;
      if (name === 'effective_date' && !isIsoDate(value)) continue;
      if (name === 'revision' && !parseRevision(value)) continue;
      if (name === 'status' && !(STATUSES as readonly string[]).includes(value.toLowerCase())) continue;
      if (name === 'type') {
        const type = typeCode(value, knownTypes(ctx));
        if (type) out.type = type;
        continue;
      }
      (out as Record<string, string>)[name] = name === 'revision' ? parseRevision(value)!.text : name === 'status' ? value.toLowerCase() : value;
    }
  }
  const fromH1 = doc.h1 ? leadingId(doc.h1.text, ctx.config.idPattern) : undefined;
  if (!out.id) out.id = fromH1?.id ?? idFromFileName(doc.path, ctx.config.idPattern);
  if (doc.h1) {
    const title = fromH1 ? fromH1.rest : doc.h1.text.trim();
    if (title) out.title = title;
  }
  if (out.id && !out.type) {
    const prefix = out.id.split('-')[0];
    if (knownTypes(ctx).includes(prefix)) out.type = prefix;
  }
  if (!out.revision && doc.history) {
    const cell = newestRow(doc.history)?.revision;
    const rev = cell ? parseRevision(cell.text) : undefined;
    if (rev) out.revision = rev.text;
  }
  const clauses = tableClauses(ctx);
  if (clauses.length) out.clauses = clauses;
  return out;
}

/** Clauses of the document's own standard listed in a clause mapping table. */
function tableClauses(ctx: DocumentContext): string[] {
  const out: string[] = [];
  for (const c of ctx.doc.citations) {
    if (c.form !== 'table' || c.part) continue;
    if (c.number && ctx.standard) {
      const resolved = resolveCitation(c, ctx.standard, ctx.catalog);
      if (resolved.pack?.id !== ctx.standard.id) continue;
    }
    if (!out.includes(c.clause)) out.push(c.clause);
  }
  return out;
}
