// Completion for controlled documents, read from the text before the cursor so
// it works while the front matter is half-typed and does not parse:
//   front matter: keys, `status:` and `type:` values, approval roles, `standard:`
//     ids, clause ids with their headings in `clauses:`, document ids in
//     `references:` and `superseded_by:`;
//   body: clause numbers after a standard's name, `§`, `clause`, `para.`,
//     `section` (the clauses of that standard, heading as detail), and document
//     ids once their prefix is typed (title, revision and status as detail).
// A clause's heading, a standard's and a document's title also go beside the label in the list
// (`description`), so the row says what an id is before it is selected; an obsolete document is
// marked `deprecated` (struck through) so it is not picked by mistake.
// New-document skeletons are completion entries too, made in skeleton.ts.
import { clauseLabel } from '../standards/label';
import { CANONICAL_FIELDS, STATUSES, type Config } from '../config';
import { CFR_DESIGNATION, ISO_DESIGNATION, SP } from '../citations/designation';
import { fieldText } from '../document';
import { idPrefix, type WorkspaceIndex } from '../index-workspace';
import { knownTypes } from '../rules/shared/document-types';
import type { DocumentContext } from '../rule';
import { citeClause } from '../standards/cite';
import type { Catalog } from '../standards/catalog';
import type { StandardPack } from '../standards/types';
import type { OffsetRange } from '../text';

export type CompletionKind = 'field' | 'value' | 'clause' | 'document' | 'standard' | 'role' | 'skeleton';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Shown beside the label in the list row: a clause's heading, a standard's or a document's title. */
  description?: string;
  /** The entry names something no longer in force (an obsolete document). */
  deprecated?: boolean;
  documentation?: string;
  /** Text that replaces `range`; the label when absent. */
  insertText?: string;
  /** insertText is snippet syntax (tab stops), for a client that supports snippets. */
  snippet?: boolean;
  /** What the typed text is matched against; the label when absent. */
  filterText?: string;
  /** The text the entry replaces: what has been typed of it. */
  range: OffsetRange;
  /** Keeps a catalog's or a list's own order. */
  sortText?: string;
}

/** What completion needs of a document: the engine's document context (config, catalog, its standard and profile, the index). */
export type CompletionContext = Pick<DocumentContext, 'doc' | 'config' | 'catalog' | 'standard' | 'profile' | 'typeProfile' | 'index' | 'today'>;

const MAX_LINE_BEFORE_CURSOR = 4000;

/** Offsets address the document text without BOM (doc.parsed.text). */
export function completionsAt(ctx: CompletionContext, offset: number): CompletionEntry[] {
  const { text, frontMatter: fm } = ctx.doc.parsed;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  // The patterns below read the line up to the cursor from its end; on a line of megabytes some
  // take seconds (quadratic backtracking), at every keystroke. Nothing completes that far in.
  if (offset - lineStart > MAX_LINE_BEFORE_CURSOR) return [];
  const before = text.slice(lineStart, offset);
  if (fm && offset >= fm.contentStart && offset <= fm.contentStart + fm.source.length && lineStart >= fm.contentStart) {
    return frontMatterCompletions(ctx, offset, lineStart, before);
  }
  if (fm && offset <= fm.range.end) return [];
  return bodyCompletions(ctx, offset, before);
}

// ---- front matter -------------------------------------------------------

function frontMatterCompletions(ctx: CompletionContext, offset: number, lineStart: number, before: string): CompletionEntry[] {
  const { text } = ctx.doc.parsed;
  const canonicalOf = canonicalNames(ctx.config);
  if (/#/.test(before.replace(/(["'])(?:(?!\1).)*\1/g, ''))) return []; // in a comment
  const top = /^([^\s#:-][^:]*):[ \t]*(.*)$/.exec(before);
  if (!/^\s/.test(before) && !top) {
    const partial = /[\w-]*$/.exec(before)![0];
    return keyCompletions(ctx, { start: offset - partial.length, end: offset });
  }
  let key: string | undefined;
  let value: string;
  if (top) {
    key = canonicalOf.get(top[1].trim());
    value = top[2];
  } else {
    // An indented line: the value of the nearest key above it at column 0.
    const fmStart = ctx.doc.parsed.frontMatter!.contentStart;
    let pos = lineStart;
    while (pos > fmStart) {
      const prevStart = text.lastIndexOf('\n', pos - 2) + 1;
      const m = /^([^\s#:-][^:\n]*):/.exec(text.slice(Math.max(prevStart, fmStart), pos));
      if (m) {
        key = canonicalOf.get(m[1].trim());
        break;
      }
      pos = Math.max(prevStart, fmStart);
      if (prevStart <= fmStart) break;
    }
    value = before;
  }
  if (!key) return [];
  const role = /\brole:[ \t]*["']?([\w-]*)$/.exec(value);
  if (key === 'approvals') return role ? roleCompletions(ctx, { start: offset - role[1].length, end: offset }) : [];
  const listItem = /(?:^|[[,]|^\s*-)[ \t]*(["']?)([^\s"',[\]{}]*)$/.exec(value);
  const partial = listItem ? listItem[2] : /\S*$/.exec(value)![0];
  const quoted = listItem ? listItem[1] !== '' : false;
  const range = { start: offset - partial.length, end: offset };
  switch (key) {
    case 'status':
      return STATUSES.map((s, i) => ({ label: s, kind: 'value', range, sortText: pad(i) }));
    case 'type':
      return typeCompletions(ctx, range);
    case 'standard':
      return ctx.catalog.packs().map((p, i) => ({ label: p.id, kind: 'standard', detail: p.title, description: p.title, range, sortText: pad(i) }));
    case 'clauses':
      return ownClauseCompletions(ctx, partial, range, quoted ? undefined : (id) => `"${id}"`);
    case 'references':
    case 'superseded_by':
      return documentCompletions(ctx, range, '');
    default:
      return [];
  }
}

function canonicalNames(config: Config): Map<string, string> {
  const out = new Map<string, string>();
  for (const [canonical, keys] of Object.entries(config.fields)) for (const k of keys) out.set(k, canonical);
  return out;
}

function keyCompletions(ctx: CompletionContext, range: OffsetRange): CompletionEntry[] {
  const { doc, config, profile } = ctx;
  const type = fieldText(doc, 'type');
  // While a key is half-typed the YAML does not parse: the keys written are read from the text.
  const written = new Set([...(doc.parsed.frontMatter?.source ?? '').matchAll(/^([^\s#:-][^:\n\r\u2028\u2029]*):/gm)].map((m) => m[1].trim()));
  const present = (f: string) => doc.fields.has(f) || (config.fields[f] ?? [f]).some((k) => written.has(k));
  return CANONICAL_FIELDS.filter((f) => !present(f)).map((f, i) => {
    const key = config.fields[f]?.[0] ?? f;
    const required = profile?.requiredFields.find((r) => r.field === f && (!r.types || (type !== undefined && r.types.includes(type))));
    return {
      label: key,
      kind: 'field',
      detail: required ? (required.clause ? `required by ${ctx.standard ? citeClause(ctx.standard, required.clause, ctx.catalog) : `the standard ${required.clause}`}` : 'required by your configuration (house rule)') : FIELD_HELP[f],
      insertText: f === 'approvals' ? `${key}:` : `${key}: `,
      range,
      // Required fields first, then the usual order.
      sortText: `${required ? 0 : 1}${pad(i)}`,
    };
  });
}

const FIELD_HELP: Record<string, string> = {
  standard: 'the standard this document is checked against, when not the configured one',
  clauses: 'clauses this document declares it implements',
  approvals: 'who approved, in which role, and when',
  next_review: 'date of the next periodic review',
  review_period_months: 'months between periodic reviews',
  references: 'ids of documents this one refers to',
  superseded_by: 'id of the document that replaces this one',
  training: 'roles to train on this document',
};

function typeCompletions(ctx: CompletionContext, range: OffsetRange): CompletionEntry[] {
  const types = knownTypes(ctx as DocumentContext);
  return types.map((t, i) => {
    const approvals = ctx.profile?.types[t]?.approvals;
    return { label: t, kind: 'value', detail: approvals ? (approvals.length ? `approvals: ${approvals.join(', ')}` : 'no approvals required') : undefined, range, sortText: pad(i) };
  });
}

function roleCompletions(ctx: CompletionContext, range: OffsetRange): CompletionEntry[] {
  const required = ctx.typeProfile?.approvals ?? [];
  const all = [...required, ...ctx.config.approvalRoles, ...Object.values(ctx.profile?.types ?? {}).flatMap((t) => t.approvals)];
  const roles = [...new Set(all.length ? all : ['author', 'reviewer', 'approver'])];
  const type = fieldText(ctx.doc, 'type');
  return roles.map((r, i) => ({ label: r, kind: 'role', detail: required.includes(r) ? `required for ${type}` : undefined, range, sortText: pad(i) }));
}

// ---- clauses and documents ----------------------------------------------

/**
 * The clauses of the document's standard, then those of the standards it incorporates (under
 * 21 CFR 820, ISO 13485:2016's: "clause 7.3.2" is checked there).
 */
function ownClauseCompletions(ctx: CompletionContext, partial: string, range: OffsetRange, wrap?: (id: string) => string): CompletionEntry[] {
  if (!ctx.standard) return [];
  const incorporated = ctx.catalog.incorporated(ctx.standard.id).map((i) => i.pack);
  if (!incorporated.length) return clauseCompletions(ctx.standard, partial, range, wrap);
  return [ctx.standard, ...incorporated].flatMap((p) => clauseCompletions(p, partial, range, wrap)).map((e, i) => ({ ...e, sortText: pad(i) }));
}

function clauseCompletions(pack: StandardPack, partial: string, range: OffsetRange, wrap?: (id: string) => string): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  pack.clauses.forEach((c, i) => {
    if (partial && !c.id.startsWith(partial)) return;
    const flags = [c.documentedProcedure && 'documented procedure required', c.documentedProcess && 'documented process required', c.documentedInformation === 'maintain' && 'documented information to be maintained', c.records && 'records required'].filter(Boolean);
    out.push({
      label: c.id,
      kind: 'clause',
      detail: c.title,
      description: c.title,
      documentation: `${clauseLabel(pack.title, c.id)} ${c.title}${flags.length ? `: ${flags.join(', ')}` : ''}`,
      ...(wrap ? { insertText: wrap(c.id) } : {}),
      range,
      sortText: pad(i),
    });
  });
  return out;
}

function documentCompletions(ctx: CompletionContext, range: OffsetRange, prefix: string): CompletionEntry[] {
  const own = fieldText(ctx.doc, 'id');
  const out: CompletionEntry[] = [];
  for (const [id, docs] of ctx.index.byId) {
    if (id === own || (prefix && !id.toUpperCase().startsWith(prefix.toUpperCase()))) continue;
    const d = docs[0];
    const title = fieldText(d, 'title') ?? d.h1?.text;
    const facts = [fieldText(d, 'revision') && `rev ${fieldText(d, 'revision')}`, fieldText(d, 'status')].filter(Boolean).join(', ');
    const obsolete = fieldText(d, 'status')?.trim().toLowerCase() === 'obsolete';
    out.push({
      label: id,
      kind: 'document',
      detail: [title, facts && `(${facts})`].filter(Boolean).join(' '),
      ...(title ? { description: title } : {}),
      ...(obsolete ? { deprecated: true } : {}),
      range,
      // Documents in force first: an obsolete one is rarely the one meant.
      sortText: `${obsolete ? 1 : 0}${id}`,
    });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label));
}

// ---- body ----------------------------------------------------------------

const KEYWORD = `(?:§§?|clauses?|para(?:graph)?s?\\.?|sec(?:tion)?s?\\.?|chapter)`;
/** A standard's name, then a separator, then the clause number typed so far. */
const AFTER_STANDARD = new RegExp(`(?:${ISO_DESIGNATION}|${CFR_DESIGNATION}(?:${SP}{0,2}Part)?)(?:,?${SP}*${KEYWORD})?(?:,${SP}*|${SP}+|(?<=§))([\\d.]*)$`, 'iu');
const AFTER_KEYWORD = new RegExp(`(?<![\\p{L}\\p{N}])${KEYWORD}${SP}*([\\d.]*)$`, 'iu');
const ID_START = /(?<![\w.-])([A-Z][A-Z0-9]*(?:-[A-Z0-9]*)*)$/;

function bodyCompletions(ctx: CompletionContext, offset: number, before: string): CompletionEntry[] {
  const named = AFTER_STANDARD.exec(before);
  if (named) {
    const partial = named[named.length - 1] ?? '';
    const cfr = named[5] !== undefined;
    const pack = cfr ? ctx.catalog.pack('21 CFR 820') : ctx.catalog.pack(`${named[2]} ${named[3]}${named[4] ? `:${named[4]}` : ''}`);
    if (!pack) return [];
    return clauseCompletions(pack, partial, { start: offset - partial.length, end: offset });
  }
  const keyword = AFTER_KEYWORD.exec(before);
  if (keyword && ctx.standard) {
    const partial = keyword[1];
    return ownClauseCompletions(ctx, partial, { start: offset - partial.length, end: offset });
  }
  const id = ID_START.exec(before);
  if (id && (id[1].length >= 2 || id[1].includes('-')) && isIdPrefix(ctx.index, id[1])) {
    return documentCompletions(ctx, { start: offset - id[1].length, end: offset }, id[1]);
  }
  return [];
}

/** "SOP", "SOP-0", "WI-": what is typed starts an id the workspace uses. */
function isIdPrefix(index: WorkspaceIndex, typed: string): boolean {
  const prefix = idPrefix(typed.includes('-') ? typed : `${typed}-`);
  if (!prefix) return false;
  for (const known of index.idPrefixes) if (known.toUpperCase().startsWith(prefix.toUpperCase()) && (typed.includes('-') ? known === prefix : true)) return true;
  return false;
}

function pad(i: number): string {
  return String(i).padStart(4, '0');
}

