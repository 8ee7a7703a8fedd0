import { designation, resolvedCitations } from '../resolve';
import { defineRule } from '../rule';
import type { Catalog } from '../standards/catalog';
import type { Clause, StandardPack } from '../standards/types';

// "ISO 13485:2016, 4.2.3 Control of documents": the number and the heading written with it name
// different clauses, most often because the number is another edition's (4.2.3 was Control of
// documents in ISO 13485:2003). The heading is the author's intent as often as the number, so the
// right number is offered as a suggestion, never a fix.

const rule = defineRule({
  meta: {
    id: 'clause-heading-mismatch',
    description: "A clause cited with a heading must have that heading, not another clause's.",
    rationale: ['ISO 13485:2016 4.2.1', 'ISO 13485:2016 4.2.4'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check({ doc, catalog, config }, report) {
    const text = doc.parsed.text;
    const resolved = resolvedCitations(doc, catalog, config.standard);
    resolved.forEach((r, i) => {
      const c = r.citation;
      if (!r.pack || c.form === 'front-matter' || r.superseded || c.part || c.rangeRole) return;
      const cited = catalog.clause(r.pack.id, c.clause);
      if (!cited) return;
      // "4.2.4, 4.2.5 Control of documents": a heading after a list is the list's, not the last number's.
      if (inList(text, c.clauseRange.start, resolved[i - 1]?.citation.range)) return;
      const words = headingWords(text, c.range.end);
      if (!words.length) return;
      const titles = titlesOf(r.pack);
      const own = tokens(cited.title);
      if (startsWith(words, own)) return;
      const match = longestTitle(words, titles);
      if (!match || match.clause.id === cited.id) return;
      // "7.3.1 Design and development": the heading of 7.3, and the start of 7.3.1's own.
      if (startsWith(own, match.words)) return;
      // "7.5.1 Production and service provision": the section the clause is in.
      if (isAncestor(catalog, r.pack.id, match.clause.id, cited.id)) return;
      // "4.2.5 Control of documents and records": a procedure's name, not one clause's heading.
      const next = words[match.words.length];
      if (next && (next.joined || /^(and|or)$/.test(next.word))) return;
      const written = text.slice(words[0].start, words[match.words.length - 1].end);
      const id = match.clause.id;
      report({
        message: `'${written}' is the heading of ${id}, not of ${designation(r, c.clause)}.`,
        detail: `${designation(r, c.clause)} is ${cited.title} (numbering of another edition?). Cite ${id}, or correct the heading.`,
        range: c.clauseRange,
        suggestions: [{ title: `Change ${c.clause} to ${id}`, edits: [{ start: c.clauseRange.start, end: c.clauseRange.end, text: id }] }],
      });
    });
  },
});

interface Word {
  word: string;
  start: number;
  end: number;
  /** Joined to the word before by "&" or "/": "Documents & records". */
  joined?: boolean;
}

const HEADING_CHARS = 300;

/** What may stand between a number and its heading: spaces, dashes, a colon, an opening bracket or quote, emphasis. */
const SEPARATORS = /^[ \t\u00a0\-\u2013\u2014:(["'\u201c\u2018*_]*/;

/**
 * The words written right after a clause number, on its line: the rest of its line, or in a
 * table row whose cell holds nothing more than the number, the next cell (`| 4.2.3 | Control of
 * documents |`). Empty when something else (a comma, another number, prose) comes first.
 */
function headingWords(text: string, from: number): Word[] {
  // A heading is short: read at most this much of the line, so a line of many numbers stays linear.
  let lineEnd = text.indexOf('\n', from);
  if (lineEnd < 0 || lineEnd > from + HEADING_CHARS) lineEnd = Math.min(text.length, from + HEADING_CHARS);
  let rest = text.slice(from, lineEnd);
  let at = from;
  const cell = /^[ \t]*(?<!\\)\|[ \t]*/.exec(rest);
  if (cell) {
    at += cell[0].length;
    rest = rest.slice(cell[0].length);
    const close = rest.search(/(?<!\\)\|/);
    if (close >= 0) rest = rest.slice(0, close);
  } else if (/^[^|]*(?<!\\)\|/.test(rest) && /^\s*\|/.test(text.slice(text.lastIndexOf('\n', from - 1) + 1, from))) {
    // Inside a table cell: the heading must be in the same cell.
    rest = rest.slice(0, rest.search(/(?<!\\)\|/));
  }
  const sep = SEPARATORS.exec(rest)![0];
  // A heading starts with a word: not "4.2.3, 4.2.4" nor "4.2.3 to 4.2.5".
  if (!/^\p{L}/u.test(rest.slice(sep.length))) return [];
  at += sep.length;
  rest = rest.slice(sep.length);
  const out: Word[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  let m: RegExpExecArray | null;
  let prev = 0;
  while ((m = re.exec(rest))) {
    const between = rest.slice(prev, m.index);
    out.push({ word: m[0].toLowerCase(), start: at + m.index, end: at + m.index + m[0].length, ...(out.length && /[&/]/.test(between) ? { joined: true } : {}) });
    prev = m.index + m[0].length;
    if (out.length > 40) break;
  }
  return out;
}

function tokens(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function startsWith(words: readonly (Word | string)[], title: readonly string[]): boolean {
  if (!title.length || words.length < title.length) return false;
  return title.every((t, i) => {
    const w = words[i];
    return (typeof w === 'string' ? w : w.word) === t;
  });
}

interface Title {
  clause: Clause;
  words: string[];
}

const titleCache = new WeakMap<StandardPack, Title[]>();

/** Titles distinctive enough to be recognised as a heading: two words or more, or a long word ("General" is not). */
function titlesOf(pack: StandardPack): Title[] {
  let out = titleCache.get(pack);
  if (!out) {
    out = pack.clauses
      .map((clause) => ({ clause, words: tokens(clause.title) }))
      .filter((t) => t.words.length >= 2 || t.clause.title.trim().length >= 12);
    titleCache.set(pack, out);
  }
  return out;
}

/** The longest title the words start with; undefined when none, or when two clauses share it. */
function longestTitle(words: Word[], titles: Title[]): Title | undefined {
  let best: Title | undefined;
  let tie = false;
  for (const t of titles) {
    if (!startsWith(words, t.words)) continue;
    if (!best || t.words.length > best.words.length) {
      best = t;
      tie = false;
    } else if (t.words.length === best.words.length) tie = true;
  }
  return tie ? undefined : best;
}

function isAncestor(catalog: Catalog, packId: string, ancestor: string, of: string): boolean {
  let parent = catalog.clause(packId, of)?.parent;
  for (let steps = 0; parent && steps < 20; steps++) {
    if (parent === ancestor) return true;
    parent = catalog.clause(packId, parent)?.parent;
  }
  return false;
}

/** The number is a later member of a list ("4.2.4, 4.2.5", "4.2.4 and §4.2.5"): `before` is the citation before it. */
function inList(text: string, start: number, before: { start: number; end: number } | undefined): boolean {
  if (!before || before.end > start || start - before.end > 12) return false;
  return /^\s*(?:[,;&/]|and|or|to)\s*(?:§{1,2}\s*)?$/i.test(text.slice(before.end, start));
}

export default rule;
