// Numbers a document without a front matter `id` gives itself: in a `doc_id:`-style key, its
// metadata table (`| **Document Number** | SOP-006 |`), its first headings (`# SOP-006
// Purchasing`, `## SOP-001`) or its file name (`sop-006-purchasing.md`). Collections that
// never adopted qmslint's front matter still number their documents; a reference to such a
// number names a document that exists.
import * as path from 'node:path';
import { idRegex, mentionRegex } from './id-pattern';
import type { MetadataEntry } from './metadata-lines';
import { isPlaceholder } from './placeholders';

/** Front matter keys other collections use for the document number. */
const ID_KEY = /^doc(?:ument)?[_\s-]?(?:id|number|no|num|code)$/i;
/** Metadata table keys that hold the document's own number (not a related document's). */
const OWN_NUMBER_KEY = /(?:^|\s)(?:id|identifier|number|no\.?|#)$/i;
const OTHER_DOCUMENT_KEY = /supersed|replac|relat|referenc|parent|previous/i;
/** How many of the first headings can carry the document's number. */
const TITLE_HEADINGS = 3;

export interface IdSources {
  path: string;
  frontMatter?: Record<string, unknown>;
  metadata: MetadataEntry[];
  /** Only their text is read (so this module needs nothing of document.ts, which calls it). */
  headings: { text: string }[];
}

/** The document's own numbers besides front matter `id`, each once, in the order above. */
export function declaredIds(doc: IdSources, idPattern: string): string[] {
  const re = idRegex(idPattern);
  const out = new Set<string>();
  const add = (value: unknown) => {
    const text = typeof value === 'string' ? value.trim() : undefined;
    if (text && !isPlaceholder(text) && re.test(text)) out.add(text);
  };
  for (const [key, value] of Object.entries(doc.frontMatter ?? {})) if (ID_KEY.test(key)) add(value);
  for (const n of metadataNumbers(doc.metadata, idPattern)) add(n);
  for (const h of doc.headings.slice(0, TITLE_HEADINGS)) add(leadingId(h.text, idPattern)?.id);
  add(idFromFileName(doc.path, idPattern));
  return [...out];
}

/** The numbers a metadata table or line gives the document itself (`Document Number`, not `Supersedes`). */
export function metadataNumbers(metadata: MetadataEntry[], idPattern: string): string[] {
  const re = idRegex(idPattern);
  return metadata
    .filter((e) => OWN_NUMBER_KEY.test(e.key.trim()) && !OTHER_DOCUMENT_KEY.test(e.key))
    .map((e) => e.value.trim())
    .filter((v) => v && !isPlaceholder(v) && re.test(v));
}

/** `SOP-006 Purchasing`, `SOP-006: Purchasing`, `SOP-006 – Purchasing` -> the id and the rest. */
export function leadingId(text: string, idPattern: string): { id: string; rest: string } | undefined {
  const m = mentionRegex(idPattern).exec(text.trim());
  if (!m || m.index !== 0) return undefined;
  const rest = text
    .trim()
    .slice(m[0].length)
    .replace(/^[\s:|,.\-\u2013\u2014]+/u, '')
    .trim();
  return { id: m[0], rest };
}

/** `sop-006-purchasing.md` -> SOP-006: the shortest leading run of name parts that is an id. */
export function idFromFileName(file: string, idPattern: string): string | undefined {
  const base = path.posix.basename(file).replace(/\.[^.]+$/, '');
  const parts = base.toUpperCase().split(/[-_\s.]+/).filter(Boolean);
  const re = idRegex(idPattern);
  for (let n = 1; n <= parts.length; n++) {
    const candidate = parts.slice(0, n).join('-');
    if (re.test(candidate)) return candidate;
  }
  return undefined;
}
