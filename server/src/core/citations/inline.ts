// Citations in running text: "ISO 13485:2016, para. 8.5.2", "21 CFR 820.10(c)", "§§ 7.5.2–7.5.3",
// "clauses 7.3 and 7.4 of ISO 9001:2015", "[[13485:7.3.2]]".
//
// A bare number is never a citation by itself: it needs a standard designation or a keyword
// (clause, section, §, para., chapter...) right before it. Without a standard, a number without
// a dot ("Section 4") is taken for the document's own numbering and skipped. A keyword's number
// with no standard written with it belongs to the source nearest to it (context.ts): a standard
// makes it a citation of that standard, anything else ("Annex I", "MEDDEV 2.12/1", "the user
// guide") drops it.
import { type Emit, makeCitation, type OffsetMap } from './build';
import { KEYWORD, keepDotted, NUMBER_WORD, parseClauseList, parseEntry } from './clauses';
import { BlockSources, type Source, sourcesIn } from './context';
import { CFR_DESIGNATION, type DesignationHit, ISO_DESIGNATION, isoHit, type Standard, toStandard } from './designation';
import type { BlockText, CellContext } from './prose';
import type { CitationCue } from './types';

const STANDARD_HEAD = new RegExp(
  `(?<![\\p{L}\\p{N}_\\/.-])${ISO_DESIGNATION}(?:\\s{0,3}[,:(–—-]\\s{0,3}|\\s{1,3})(?:(${KEYWORD})\\s{0,3}${NUMBER_WORD})?`,
  'giud',
);
const CFR_HEAD = new RegExp(
  `(?<![\\p{L}\\p{N}_.])${CFR_DESIGNATION}(?:\\s{0,3}(Parts?|Pts?\\.|§{1,2}|Secs?\\.|Sections?)(?![\\p{L}]))?\\s{0,3}`,
  'giud',
);
const KEYWORD_HEAD = new RegExp(`(?<![\\p{L}\\p{N}_])(${KEYWORD})\\s{0,3}${NUMBER_WORD}`, 'giud');
// "clause 7.3 of ISO 13485:2016": groups 1-4 an ISO-style designation, 5 "21 CFR".
const OF_STANDARD = new RegExp(
  `\\s{1,3}(?:of|in)\\s{1,3}(?:the\\s{1,3})?(?:${ISO_DESIGNATION}|${CFR_DESIGNATION})`,
  'iuyd',
);
// "Section 5.2 of this procedure", "section 4.1 of SOP-004", "section 3.2 below": the
// document's own (or another document's) numbering, not a clause of a standard.
const OWN_NUMBERING = new RegExp(
  '\\s{1,3}(?:(?:of|in)\\s{1,3}(?:this|that|the\\s{1,3}(?:quality\\s{1,3}manual|manual|procedure|document|plan|sop|' +
    'work\\s{1,3}instruction|instruction|form|template|report|protocol|policy|appendix|annex)(?![\\p{L}])|' +
    '\\p{Lu}{2,6}-\\d)|(?:below|above)(?![\\p{L}]))',
  'uy',
);
// "820.10(c)" with nothing before it: a section of a CFR part (the part is in the hundreds) with a
// paragraph letter is a CFR citation by its shape alone.
const BARE_CFR_SECTION = /(?<![\p{L}\p{N}_.§/-])(?=[1-9]\d{2,3}\.[1-9]\d{0,3}\([a-z]\))/gu;
const WIKILINK = /\[\[([^[\]\n|]{1,80})(?:\|[^[\]\n]{0,200})?\]\]/g;

function isoStandard(m: RegExpExecArray, first: number, bt: BlockText): Standard {
  const end = (m.indices![first + 3] ?? m.indices![first + 2])[1];
  const hit: DesignationHit = isoHit(m, first, m.indices![first + 1][0], end);
  if (m[first]) hit.start = m.indices![first][0];
  return toStandard(hit, bt.text, (i) => bt.at(i), (i) => bt.atEnd(i));
}

function cfrStandard(bt: BlockText, [start, end]: [number, number]): Standard {
  return { publisher: 'FDA', text: bt.text.slice(start, end), range: { start: bt.at(start), end: bt.atEnd(end) } };
}

export function scanProse(bt: BlockText, heading: boolean, emit: Emit, cell?: CellContext): void {
  const s = bt.text;
  if (!/\d/.test(s)) return;
  const map: OffsetMap = { at: (i) => bt.at(i), atEnd: (i) => bt.atEnd(i) };

  const ownNumbering = (keyword: string | undefined, end: number): boolean => {
    if (keyword && /^[§¶]/.test(keyword)) return false;
    OWN_NUMBERING.lastIndex = end;
    return OWN_NUMBERING.test(s);
  };

  for (const m of s.matchAll(STANDARD_HEAD)) {
    const { items, end } = parseClauseList(s, m.index + m[0].length);
    // "... ISO 13485:2016, section 5.2 of this procedure" is not clause 5.2.
    if (!items.length || ownNumbering(m[5], end)) continue;
    const std = isoStandard(m, 1, bt);
    // "ISO 9001:2015 clause 4" names a clause; "ISO 13485:2016 2" does not.
    for (const c of m[5] ? items : keepDotted(items)) emit(makeCitation(c, std, 'inline', map));
  }

  for (const m of s.matchAll(CFR_HEAD)) {
    const { items } = parseClauseList(s, m.index + m[0].length, true);
    if (!items.length) continue;
    const std = cfrStandard(bt, m.indices![1]);
    const part = /^p/i.test(m[2] ?? '');
    for (const c of items) emit(makeCitation(c, std, 'inline', map, { part }));
  }

  const firstNonSpace = s.length - s.trimStart().length;
  let sources: BlockSources | undefined;
  for (const m of s.matchAll(KEYWORD_HEAD)) {
    const { items, end } = parseClauseList(s, m.index + m[0].length);
    if (!items.length) continue;
    // "## Section 4.2 Scope" numbers the document itself ("## Clause 7.3 ..." in a checklist
    // does not).
    if (heading && m.index === firstNonSpace && /^(?:sec|ch)/i.test(m[1])) continue;
    if (ownNumbering(m[1], end)) continue;
    OF_STANDARD.lastIndex = end;
    const of = OF_STANDARD.exec(s);
    if (of?.[2] !== undefined || of?.[5] !== undefined) {
      const std = of[2] !== undefined ? isoStandard(of, 1, bt) : cfrStandard(bt, of.indices![5]);
      for (const c of items) emit(makeCitation(c, std, 'inline', map));
      continue;
    }
    sources ??= new BlockSources(bt);
    const source = sources.after(end) ?? sources.before(m.index, cell !== undefined) ?? cellSource(cell);
    // "Section 10.4.2 of Annex I", "MEDDEV 2.12/1, section 4.6": another source's numbering.
    if (source && !source.std) continue;
    const cue: CitationCue = /^(?:§|(?:sub-?)?cl)/i.test(m[1]) ? 'clause' : 'section';
    // "21 CFR 820.35 and Sec. 8.2.4": a CFR section starts with its part, so 8.2.4 is not one.
    const std = source?.std && (source.std.publisher !== 'FDA' || items.every((c) => cfrSection(c.clause, source.std!.number))) ? source.std : undefined;
    for (const c of std ? items : keepDotted(items)) emit(makeCitation(c, std, 'inline', map, { certainty: std ? 'near' : 'unbound', cue }));
  }

  if (s.includes('(')) {
    for (const m of s.matchAll(BARE_CFR_SECTION)) {
      for (const c of parseClauseList(s, m.index, true).items) emit(makeCitation(c, undefined, 'inline', map));
    }
  }

  if (s.includes('[[')) {
    for (const m of s.matchAll(WIKILINK)) scanWikilink(bt, m.index + 2, m[1], emit);
  }
}

/** "820.35" can be a section of 21 CFR (Part 820, when the designation names it); "8.2.4" cannot. */
function cfrSection(clause: string, part: string | undefined): boolean {
  const head = clause.split('.')[0];
  return clause.includes('.') && Number(head) >= 100 && (part === undefined || head === part);
}

/**
 * The source a table cell's row or column names: the row's first cell ("| IEC 62304:2006 |
 * Para. 5.7.5 |"), else the column header. Either may name another source ("| EU MDR | ...").
 */
function cellSource(cell: CellContext | undefined): Source | undefined {
  for (const other of [cell?.rowHead, cell?.columnHead]) {
    if (!other) continue;
    const found = sourcesIn(other);
    if (found.length) return found[0];
  }
  return undefined;
}

/** `[[13485:7.3.2]]`, `[[ISO 9001:2015 8.5.1]]`: a wikilink counts only when it names a standard. */
function scanWikilink(bt: BlockText, base: number, inner: string, emit: Emit): void {
  const entry = parseEntry(inner);
  if (!entry?.designation || !entry.items.length) return;
  const map: OffsetMap = { at: (i) => bt.at(base + i), atEnd: (i) => bt.atEnd(base + i) };
  const std = toStandard(entry.designation, inner, map.at, map.atEnd);
  if (entry.cfr) std.publisher = 'FDA';
  for (const c of entry.items) emit(makeCitation(c, std, 'wikilink', map, { part: entry.part }));
}
