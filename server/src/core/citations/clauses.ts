// Clause numbers, sub-items and lists of them ("4.1, 4.2.1 and 6.2", "7.5.2–7.5.3", "4.2.4 a)"),
// and whole entries ("ISO 13485:2016 4.2.4", "13485:7.3.2", "§ 7.3") as found in front matter,
// comments and wikilinks. Offsets are relative to the string being read.
import {
  CFR_DESIGNATION,
  ISO_DESIGNATION,
  isoHit,
  matchDesignationExact,
  SP,
  type DesignationHit,
} from './designation';

export interface RawClause {
  clause: string;
  item?: string;
  /** Start of the clause number. */
  start: number;
  clauseEnd: number;
  /** End of the clause number plus its sub-item. */
  end: number;
  rangeRole?: 'from' | 'to';
}

/**
 * Words that introduce a clause number. Alphabetic ones must end at a word boundary.
 * "Section", "Chapter" etc. are accepted as the documents in the wild use them for clauses.
 */
export const KEYWORD =
  '(?:(?:sub-?)?clauses?|sections?|sects?\\.|secs?\\.?|para(?:graph)?s?\\.?|chapters?|chap\\.|ch\\.|cl\\.)(?![\\p{L}])|§{1,2}|¶{1,2}';
/** "No.", "#" after the keyword: "Clause No. 7.3". */
export const NUMBER_WORD = '(?:(?:no\\.|nos\\.|number|#)\\s{0,2})?';

// Components: no leading zeros (so dates like 15.01.2021 never match), at most six levels,
// not followed by more digits, a unit or "CFR" (the "21" of "... and 21 CFR 820"). The first
// component has up to three digits, four in the CFR (part 1271), so a year is never a clause.
const clausePattern = (firstDigits: number) =>
  new RegExp(
    `(?:0|[1-9]\\d{0,${firstDigits - 1}})(?:\\.(?:0|[1-9]\\d{0,2})){0,5}(?!\\d)(?!\\.\\d)(?!\\p{L}{2})` +
      '(?!\\s?(?:C\\.?F\\.?R|%|°|‰|mm|cm|km|kg|mg|ml|µm|μm|days?|months?|years?|hours?|hrs?|pages?)(?![\\p{L}]))',
    'iuy',
  );
const CLAUSE3 = clausePattern(3);
const CFR_SECTION = clausePattern(4);
// Sub-item: "(a)", " a)", " (a)", "c" glued to the number, ".a". Lower case only, so a capital
// starting the next sentence ("§ 7.3. A new ...") is not taken for an item.
const ITEM = new RegExp(`\\(([a-z])\\)|${SP}\\(?([a-z])\\)|\\.?([a-z])(?![\\p{L}\\p{N}])`, 'uy');
// Between list members. Group 1 or 3 set means a range ("7.5.2–7.5.3", "7.1 to 7.3").
const SEPARATOR = new RegExp(
  '(?:\\s{0,3}[,;&]\\s{0,3}(?:(?:and|or)\\s{1,3})?|\\s{0,3}([–—‒−-]|\\.\\.)\\s{0,3}|\\s{1,3}(?:and|or|(to|through|thru|until))\\s{1,3})(?:§{1,2}\\s{0,2})?',
  'iuy',
);
const KEYWORD_AT = new RegExp(`(?:${KEYWORD})\\s{0,3}${NUMBER_WORD}`, 'iuy');
const ISO_ENTRY_HEAD = new RegExp(`${ISO_DESIGNATION}(?:\\s{0,3}[,:]\\s{0,3}|\\s{1,3})`, 'iuyd');
const CFR_ENTRY_HEAD = new RegExp(
  `${CFR_DESIGNATION}(?:\\s{0,3}(Parts?|Pts?\\.|§{1,2}|Secs?\\.|Sections?)(?![\\p{L}]))?\\s{0,3}`,
  'iuyd',
);

/** Upper bound on members of one list: a runaway list is more likely a table of numbers. */
const MAX_LIST = 64;

/** A list of clause numbers (CFR sections) starting exactly at `pos`; empty when none starts there. */
export function parseClauseList(s: string, pos: number, cfr = false): { items: RawClause[]; end: number } {
  const CLAUSE = cfr ? CFR_SECTION : CLAUSE3;
  const items: RawClause[] = [];
  let p = pos;
  let end = pos;
  let range = false;
  for (let n = 0; n < MAX_LIST; n++) {
    CLAUSE.lastIndex = p;
    const m = CLAUSE.exec(s);
    if (!m) break;
    const clauseEnd = p + m[0].length;
    const raw: RawClause = { clause: m[0], start: p, clauseEnd, end: clauseEnd };
    ITEM.lastIndex = clauseEnd;
    const im = ITEM.exec(s);
    if (im) {
      raw.item = im[1] ?? im[2] ?? im[3];
      raw.end = clauseEnd + im[0].length;
    }
    const prev = items[items.length - 1];
    end = raw.end;
    if (range && !raw.clause.includes('.') && prev.clause.includes('.')) {
      // "7.5.2–3": an abbreviated end. Its clause is not written out, so there is no range to
      // point a fix at; the start stands alone.
    } else {
      if (range) {
        prev.rangeRole ??= 'from';
        raw.rangeRole = 'to';
      }
      items.push(raw);
    }
    SEPARATOR.lastIndex = raw.end;
    const sm = SEPARATOR.exec(s);
    if (!sm) break;
    CLAUSE.lastIndex = SEPARATOR.lastIndex;
    if (!CLAUSE.test(s)) break;
    range = sm[1] !== undefined || sm[2] !== undefined;
    p = SEPARATOR.lastIndex;
  }
  return { items, end };
}

/** Length of a clause-introducing keyword at `pos` ("clause ", "§ ", "para. "), 0 if none. */
export function keywordAt(s: string, pos: number): number {
  KEYWORD_AT.lastIndex = pos;
  const m = KEYWORD_AT.exec(s);
  return m ? m[0].length : 0;
}

/** Drop clause numbers without a dot where the context does not make a bare integer a clause. */
export function keepDotted(items: RawClause[]): RawClause[] {
  const kept = items.filter((c) => c.clause.includes('.'));
  if (kept.length !== items.length) {
    // A range whose other end was dropped is no longer a range.
    for (let i = 0; i < kept.length; i++) {
      const c = kept[i];
      if (c.rangeRole === 'from' && kept[i + 1]?.rangeRole !== 'to') c.rangeRole = undefined;
      if (c.rangeRole === 'to' && kept[i - 1]?.rangeRole !== 'from') c.rangeRole = undefined;
    }
  }
  return kept;
}

export interface Entry {
  designation?: DesignationHit;
  /** True when the designation is "21 CFR ..." (clauses are CFR sections or parts). */
  cfr?: boolean;
  /** "21 CFR Part 820". */
  part?: boolean;
  items: RawClause[];
}

/**
 * One entry that must consist of nothing but a citation: "7.3.2", "4.2.4 a)", "§ 7.3",
 * "ISO 13485:2016 4.2.4", "13485:7.3.2", "21 CFR 820.10(c)", or a designation alone
 * ("ISO 13485:2016", items empty). Undefined when the entry is something else.
 */
export function parseEntry(s: string): Entry | undefined {
  const start = s.length - s.trimStart().length;
  const end = s.trimEnd().length;
  if (start >= end) return undefined;
  const listTo = (p: number, cfr = false): RawClause[] | undefined => {
    const { items, end: e } = parseClauseList(s, p + keywordAt(s, p), cfr);
    return items.length && e === end ? items : undefined;
  };

  // "ISO 9001:2015" and "13485:2016" are designations, not clause 2015 and 2016.
  const whole = matchDesignationExact(s);
  if (whole && (whole.parts.publisher || whole.parts.edition)) {
    return { designation: whole, cfr: whole.parts.publisher === 'FDA', items: [] };
  }
  ISO_ENTRY_HEAD.lastIndex = start;
  let m = ISO_ENTRY_HEAD.exec(s);
  if (m) {
    const items = listTo(ISO_ENTRY_HEAD.lastIndex);
    const e = (m.indices![4] ?? m.indices![3])[1];
    if (items) return { designation: isoHit(m, 1, start, e), items };
  }
  CFR_ENTRY_HEAD.lastIndex = start;
  m = CFR_ENTRY_HEAD.exec(s);
  if (m) {
    const items = listTo(CFR_ENTRY_HEAD.lastIndex, true);
    if (items) {
      const [ds, de] = m.indices![1];
      return {
        designation: { start: ds, end: de, parts: { publisher: 'FDA' } },
        cfr: true,
        part: /^p/i.test(m[2] ?? ''),
        items,
      };
    }
  }
  const colon = s.lastIndexOf(':', end - 1);
  if (colon > start) {
    const designation = matchDesignationExact(s.slice(start, colon));
    if (designation) {
      let p = colon + 1;
      while (p < end && /\s/.test(s[p])) p++;
      const items = listTo(p, designation.parts.publisher === 'FDA');
      if (items) return { designation: shiftHit(designation, start), cfr: designation.parts.publisher === 'FDA', items };
    }
  }
  const items = listTo(start);
  if (items) return { items };
  if (whole) return { designation: whole, items: [] };
  return undefined;
}

export function shiftHit(h: DesignationHit, by: number): DesignationHit {
  return {
    start: h.start + by,
    end: h.end + by,
    parts: h.parts,
    publisherSpan: h.publisherSpan && [h.publisherSpan[0] + by, h.publisherSpan[1] + by],
    editionSpan: h.editionSpan && [h.editionSpan[0] + by, h.editionSpan[1] + by],
  };
}

/**
 * Entries separated by commas or semicolons, as in `<!-- [13485:4.1.1,4.2.1c] -->` or a front
 * matter string "7.3.2, 7.3.3", with offsets relative to `s`. Unreadable entries are skipped.
 * The caller decides how a designation carries over to the entries after it.
 */
export function parseEntryList(s: string): Entry[] {
  const out: Entry[] = [];
  let p = 0;
  while (p <= s.length) {
    let q = p;
    while (q < s.length && s[q] !== ',' && s[q] !== ';') q++;
    const entry = parseEntry(s.slice(p, q));
    if (entry) {
      for (const c of entry.items) {
        c.start += p;
        c.clauseEnd += p;
        c.end += p;
      }
      if (entry.designation) entry.designation = shiftHit(entry.designation, p);
      out.push(entry);
    }
    p = q + 1;
  }
  return out;
}
