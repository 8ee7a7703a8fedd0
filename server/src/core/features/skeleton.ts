// New-document skeletons (issue 16, point 2): what a folder's new document of each
// type starts with, and the completion items that insert one. The text itself is
// server/src/shared/skeleton.ts (one copy, which New Controlled Document uses too);
// this file finds the facts it is filled with: the document types, the next free id
// of each (the same for the completion and for qmslint/newDocument), and how the
// workspace lays out its front-matter lists.
import type { Config } from '../config';
import { fieldText, type ControlledDocument } from '../document';
import { mergeTypes } from '../profile';
import type { DocumentTypeProfile, StandardPack } from '../standards/types';
import { skeletonKind, skeletonSnippet, snippetDefaults, type SkeletonFacts } from '../../shared/skeleton';
import type { CompletionContext, CompletionEntry } from './completion';

/**
 * The standard's document types with the configuration's `types:` laid over them, by the merge the
 * rules see (core/profile.ts); a folder with no types at all is offered the usual four.
 */
export function documentTypes(pack: StandardPack | undefined, config: Config): Record<string, DocumentTypeProfile> {
  const types = mergeTypes(pack?.documentControl?.types ?? {}, config);
  if (!Object.keys(types).length) for (const t of ['SOP', 'WI', 'FRM', 'REC']) types[t] = { approvals: [] };
  return types;
}

/**
 * The next id for a document of `type`: the prefix most ids of that type use
 * (else `TYPE-`), one more than the highest number any document has with that
 * prefix, padded like the widest of those ids (three digits when there are none). An id in
 * use is never returned.
 */
export function nextFreeId(type: string, typeIds: string[], allIds: string[]): string {
  const split = (id: string) => /^(.*\D|)(\d+)$/.exec(id);
  const prefixes = new Map<string, number>();
  for (const id of typeIds) {
    const m = split(id);
    if (m) prefixes.set(m[1], (prefixes.get(m[1]) ?? 0) + 1);
  }
  const prefix = [...prefixes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? `${type.toUpperCase()}-`;
  // BigInt: an id's number may be 2^53 or more (a repository may hold any id), where a Number's n + 1 is n again and the search below would never end.
  let max = 0n;
  let width = 0;
  for (const id of allIds) {
    const m = split(id);
    if (!m || m[1] !== prefix) continue;
    const n = BigInt(m[2]);
    if (n > max) max = n;
    width = Math.max(width, m[2].length);
  }
  width ||= 3;
  const taken = new Set(allIds);
  let n = max + 1n;
  while (taken.has(prefix + String(n).padStart(width, '0'))) n++;
  return prefix + String(n).padStart(width, '0');
}

/**
 * The next free id of `type` among the documents: no other document has it in its front matter
 * or gives it itself (a file name, a metadata table). `own`, the document being written, does
 * not count: when its own name gives an id of the type that is free (sop-008-design.md), that id.
 */
export function nextIdOfType(type: string, documents: readonly ControlledDocument[], own?: ControlledDocument): string {
  const others = documents.filter((d) => d !== own && d.path !== own?.path);
  const ids = (docs: readonly ControlledDocument[]) => docs.map((d) => fieldText(d, 'id')).filter((id): id is string => Boolean(id));
  const taken = [...ids(others), ...others.flatMap((d) => d.declaredIds)];
  const next = nextFreeId(type, ids(others.filter((d) => fieldText(d, 'type') === type)), taken);
  const prefix = /^(.*\D|)\d+$/.exec(next)![1];
  const named = own?.declaredIds.find((id) => id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)) && !taken.includes(id));
  return named ?? next;
}

/**
 * How new documents of `type` write their clause list, decided simply: as most documents of that
 * type write theirs (else as most documents do; flow style when none has one). Block style
 * takes the indentation those lists use (the most common; the smaller on a tie). Undefined means flow
 * style, `clauses: ["4.2.4"]`, the only style where indentation does not matter.
 */
export function listIndentOf(type: string, documents: readonly ControlledDocument[], config: Config): number | undefined {
  const keys = config.fields.clauses ?? ['clauses'];
  const ofType = documents.filter((d) => fieldText(d, 'type') === type);
  const own = layoutOf(ofType, keys);
  return own !== null ? own : (layoutOf(documents, keys) ?? undefined);
}

/** null: no document writes the list; undefined: flow style; a number: block style with that indentation. */
function layoutOf(documents: readonly ControlledDocument[], keys: string[]): number | undefined | null {
  let flow = 0;
  const widths = new Map<number, number>();
  for (const d of documents) {
    const lines = (d.parsed.frontMatter?.source ?? '').split(/\r?\n/);
    const at = lines.findIndex((l) => keys.some((k) => l.startsWith(`${k}:`)));
    if (at < 0) continue;
    const rest = lines[at].slice(lines[at].indexOf(':') + 1).trim();
    const item = /^( *)- /.exec(lines[at + 1] ?? '');
    if (rest && !rest.startsWith('#')) flow++;
    else if (item) widths.set(item[1].length, (widths.get(item[1].length) ?? 0) + 1);
  }
  const block = [...widths.values()].reduce((a, b) => a + b, 0);
  if (!flow && !block) return null;
  if (flow >= block) return undefined;
  return [...widths].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

/** The words a user would type for a type's skeleton, besides the type and its id prefix. */
const WORDS: Record<string, string[]> = {
  SOP: ['sop', 'procedure'],
  WI: ['wi', 'work', 'instruction'],
  FRM: ['form'],
  REC: ['record'],
  POL: ['policy'],
  MAN: ['manual'],
  PLN: ['plan'],
  TPL: ['template'],
};

/** A line of nothing but a word being typed (or nothing yet). */
const WORD_BEING_TYPED = /^[\p{L}\p{N}_-]*$/u;

/**
 * Skeleton items where a new document starts: in a document without front matter, on a line
 * that has only the word being typed and only blank lines above it (a skeleton begins with
 * its front matter, which must come first in the file). One item per document type, labelled
 * "SOP skeleton (SOP-014)", found by the type, its id prefix and the usual words for it.
 */
export function skeletonCompletions(ctx: CompletionContext, offset: number, snippets: boolean): CompletionEntry[] {
  const { text, frontMatter } = ctx.doc.parsed;
  if (frontMatter) return [];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const typed = text.slice(lineStart, offset);
  // The first text of the file is on this line (a search that stops there, not a copy of all above).
  const firstText = text.search(/\S/);
  if (!WORD_BEING_TYPED.test(typed) || (firstText !== -1 && firstText < lineStart)) return [];
  const pack = ctx.standard ?? ctx.catalog.pack(ctx.config.standard);
  const documents = ctx.index.documents;
  const clause = pack?.clauses.find((c) => c.documentedProcedure)?.id ?? pack?.clauses[0]?.id ?? '4.2.4';
  const keys = Object.fromEntries(Object.entries(ctx.config.fields).map(([field, names]) => [field, names[0] ?? field]));
  return Object.keys(documentTypes(pack, ctx.config)).map((type, i) => {
    const id = nextIdOfType(type, documents, ctx.doc);
    const facts: SkeletonFacts = {
      type,
      id,
      today: ctx.today,
      clause,
      standardTitle: pack?.title ?? ctx.config.standard,
      historyHeading: ctx.config.historyHeadings[0] ?? 'Revision History',
      keys,
      listIndent: listIndentOf(type, documents, ctx.config),
    };
    const snippet = skeletonSnippet(facts);
    // The id's prefix as words: QP-014 is found by typing qp.
    const prefixWords = (/^(.*\D|)\d+$/.exec(id)?.[1] ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const words = [...new Set([...(WORDS[type] ?? []), type.toLowerCase(), ...prefixWords, 'skeleton'])];
    return {
      label: `${type} skeleton (${id})`,
      kind: 'skeleton',
      detail: `New ${skeletonKind(type)} with the next free id, ${id}`,
      description: `new ${skeletonKind(type)}`,
      documentation: `Inserts the front matter and sections of a new ${type} document with the id ${id}, the next one free in this folder.`,
      // With snippets the title, owner and clause are tab stops; without, their defaults.
      insertText: snippets ? snippet : snippetDefaults(snippet),
      snippet: snippets,
      filterText: words.join(' '),
      range: { start: lineStart, end: offset },
      sortText: `0${String(i).padStart(4, '0')}`,
    };
  });
}
