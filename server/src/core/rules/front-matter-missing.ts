import { stringify } from 'yaml';
import { inForce, STATUSES } from '../config';
import { isIsoDate } from '../dates';
import { fieldText, type ControlledDocument } from '../document';
import { idFromFileName, leadingId } from '../declared-ids';
import { idRegex } from '../id-pattern';
import { isPlaceholder } from '../placeholders';
import { resolveCitation } from '../resolve';
import { parseRevision } from '../revision';
import type { DocumentContext, DocumentRule } from '../rule';
import { detectEol } from '../text';
import { requires } from './approval-missing';
import { whyIdentifiable } from './field-missing';
import { newestRow } from './revision-mismatch';

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

const DEFAULT_TYPES = ['SOP', 'WI', 'POL', 'MAN', 'PLN', 'FRM', 'REC', 'TPL'];
// Id prefixes common in QMS numbering that are not type names themselves (QM-001 is a manual).
const EXTRA_PREFIXES = ['QM', 'QP', 'QSP', 'FORM', 'F', 'WIN', 'PROC', 'SPEC'];

const METADATA_KEYS: [keyof DerivedFields, RegExp][] = [
  ['id', /^(doc(ument)?\.?\s*(number|no\.?|id|#|code)|number|id|doc\.?\s*no\.?)$/i],
  ['title', /^(doc(ument)?\s*)?title$/i],
  ['type', /^(doc(ument)?\s*)?type$/i],
  ['revision', /^(rev(ision)?\.?|version|ver\.?|issue)(\s*(no\.?|number|#|level))?$/i],
  ['owner', /^((process|document)\s+)?owner$/i],
  ['effective_date', /^effective\s+date$/i],
  ['status', /^(document\s+)?status$/i],
];

export function knownTypes(ctx: DocumentContext): string[] {
  const fromConfig = Object.entries(ctx.config.types)
    .filter(([, t]) => t !== null)
    .map(([name]) => name);
  return [...new Set([...(ctx.profile ? Object.keys(ctx.profile.types) : DEFAULT_TYPES), ...fromConfig])];
}

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

/** Why a document without front matter should have some; undefined when it need not. */
function looksControlled(ctx: DocumentContext): string | undefined {
  const { doc } = ctx;
  if (doc.controlled) return 'it is a controlled document (matched by `documents` in the configuration)';
  const idRe = idRegex(ctx.config.idPattern);
  const idEntry = doc.metadata.find((e) => METADATA_KEYS[0][1].test(e.key.trim()) && idRe.test(e.value.trim()));
  if (idEntry) return `its metadata table gives it the number ${idEntry.value.trim()}`;
  // Names and headings only count when they start with a document-type prefix: "SOP-006 ...".
  const prefixes = new Set([...knownTypes(ctx), ...EXTRA_PREFIXES]);
  const typed = (id: string | undefined) => (id && prefixes.has(id.split('-')[0]) ? id : undefined);
  const h1Id = typed(doc.h1 ? leadingId(doc.h1.text, ctx.config.idPattern)?.id : undefined);
  if (h1Id) return `its title starts with the document number ${h1Id}`;
  const fileId = typed(idFromFileName(doc.path, ctx.config.idPattern));
  if (fileId) return `its file name carries the document number ${fileId}`;
  return undefined;
}

/** A YAML scalar as it should be written after `key: `. */
export function yamlScalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

export function placeholderFor(key: string): string {
  return `<enter ${key.replace(/_/g, ' ')}>`;
}

/**
 * The front matter to insert, and the required fields it leaves out. A document whose metadata
 * says it is approved or effective gets no placeholder (a prompt is not a value, and --fix must not
 * make it look complete): those fields are left out, for field-missing to ask for. Any other
 * document's status is not known, so it is written as a draft with placeholders to fill in.
 */
function frontMatterBlock(ctx: DocumentContext, derived: DerivedFields, eol: string): { block: string; left: string[] } {
  const { config, profile } = ctx;
  const key = (field: string) => config.fields[field]?.[0] ?? field;
  const type = derived.type;
  const required = new Set(
    profile
      ? profile.requiredFields.filter((r) => !r.types || (type !== undefined && r.types.includes(type))).map((r) => r.field)
      : ['id', 'title', 'type', 'revision', 'status', 'effective_date', 'owner'],
  );
  const lines = ['---'];
  const left: string[] = [];
  const { clauses, ...scalars } = derived;
  const values: Record<string, string | undefined> = { status: 'draft', ...scalars };
  const noPlaceholders = inForce(values.status);
  for (const field of ['id', 'title', 'type', 'revision', 'status', 'effective_date', 'owner']) {
    const value = values[field];
    if (value !== undefined && !isPlaceholder(value)) lines.push(`${key(field)}: ${yamlScalar(value)}`);
    else if (!required.has(field)) continue;
    else if (noPlaceholders) left.push(key(field));
    else lines.push(`${key(field)}: ${placeholderFor(key(field))}`);
  }
  if (clauses) lines.push(`${key('clauses')}: [${clauses.map((c) => JSON.stringify(c)).join(', ')}]`);
  lines.push('---');
  return { block: lines.join(eol) + eol, left };
}

const rule: DocumentRule = {
  id: 'front-matter-missing',
  description: 'A controlled document must open with YAML front matter that identifies it.',
  rationale: ['ISO 13485:2016 4.2.4 c)', 'ISO 13485:2016 4.2.4 e)'],
  severity: 'error',
  scope: 'document',
  fixable: true,
  check(ctx, report) {
    const { doc } = ctx;
    if (doc.parsed.frontMatter) return;
    const reason = looksControlled(ctx);
    if (!reason) return;
    const derived = deriveFields(ctx);
    const text = doc.parsed.text;
    const eol = detectEol(text);
    const { block, left } = frontMatterBlock(ctx, derived, eol);
    const separator = text === '' || /^\r?\n/.test(text) ? '' : eol;
    // Front matter is where the document's identity and revision status are read: the clauses behind `id` and revision.
    const why = `${whyIdentifiable(ctx)}, and ${requires(ctx, ctx.profile?.changeClause, 'the current revision status to be identified')}`;
    const toFill = left.length ? ` The document says it is ${derived.status} but not its ${left.map((k) => `\`${k}\``).join(', ')}: fill ${left.length > 1 ? 'them' : 'it'} in, no placeholder is inserted.` : '';
    report({
      message: `No front matter, but ${reason}: ${why}. Add a \`---\` block at the top with id, title, type, revision, status and owner.${toFill}`,
      range: { start: 0, end: firstLineEnd(doc) },
      fix: { title: derived.id ? `Add front matter for ${derived.id}` : 'Add front matter', edits: [{ start: 0, end: 0, text: block + separator }] },
    });
  },
};

function firstLineEnd(doc: ControlledDocument): number {
  return doc.parsed.lines.lineEnd(1);
}

export default rule;
