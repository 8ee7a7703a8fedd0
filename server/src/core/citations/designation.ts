// Standard designations ("ISO 13485:2016", "EN ISO 13485:2016", "IEC 62304:2006+A1:2015",
// "21 CFR", "iso13485:2016", "21cfr820") and their parts, with the spans a fix would edit.
//
// Every pattern here is built from bounded repetitions only, so matching stays linear.
import type { OffsetRange } from '../text';

export interface StandardParts {
  /** "ISO", "IEC", "ISO/IEC", "EN", "FDA" (for the CFR)... upper-cased. */
  publisher?: string;
  /** National/European adoption prefix as written, upper-cased: "EN", "BS EN", "DIN EN". */
  adopted?: string;
  number?: string;
  edition?: string;
}

/** A designation found in a text: its parts and spans relative to that text. */
export interface DesignationHit {
  start: number;
  end: number;
  parts: StandardParts;
  publisherSpan?: [number, number];
  editionSpan?: [number, number];
}

/** A designation that applies to a citation, located in the document (absolute offsets). */
export interface Standard extends StandardParts {
  text?: string;
  range?: OffsetRange;
  publisherRange?: OffsetRange;
  editionRange?: OffsetRange;
}

export const SP = '[ \\u00a0]';
const ADOPT = `(?:(?:DIN|BS|NF|UNE|SN|SS|CSA|ÖNORM)${SP})?EN`;
const PUB = 'ISO\\/IEC|ISO\\/TR|ISO\\/TS|IEC\\/TR|IEC\\/TS|ANSI\\/AAMI|AAMI|ISO|IEC|EN';
export const NUM = '\\d{3,5}(?:-\\d{1,2}){0,2}';
// Any four digits after the colon are read as the year, not only 19xx and 20xx: "ISO 14971:2919" is
// a designation with a mistyped edition (clause-edition reports it), not a bare "ISO 14971".
const YEAR = '\\d{4}';
export const EDITION = `${YEAR}(?:[+\\/](?:Amd|AMD|A|Cor|COR)${SP}?\\d{1,2}(?::${YEAR})?){0,3}`;

/**
 * ISO-style designation as written in prose. Groups: 1 adoption prefix, 2 publisher,
 * 3 number, 4 edition. Use with the `i`, `u` and `d` flags.
 */
// Between publisher and number a paragraph may wrap: "This meets IEC\n62304:2006, para. 5.7".
const WRAP = `(?:${SP}|\\r?\\n[ \\t]{0,8})`;
export const ISO_DESIGNATION = `(?:(${ADOPT})${SP}?(?=ISO|IEC))?(${PUB})${WRAP}?(${NUM})(?::(${EDITION}))?(?!\\d)`;

/** "21 CFR", "21 C.F.R." — group 1 is the designation text. */
export const CFR_DESIGNATION = `(21${SP}?C\\.?F\\.?R\\.?)`;

const ISO_EXACT = new RegExp(
  `^(?:(${ADOPT})[ \\u00a0_-]?(?=ISO|IEC))?(${PUB})[ \\u00a0_-]?(${NUM})(?:[:_ \\u00a0-](${EDITION}))?$`,
  'iud',
);
const CFR_EXACT = new RegExp(`^${CFR_DESIGNATION}(?:[ \\u00a0_-]?(?:Part|Pt\\.?)?[ \\u00a0_-]?(\\d{1,4}))?$`, 'iud');
const QSR_EXACT = /^(?:QMSR|QSR)$/i;
const BARE_EXACT = new RegExp(`^(${NUM})(?::(${EDITION}))?$`, 'd');

const ISO_SEARCH = new RegExp(`(?<![\\p{L}\\p{N}_\\/.-])${ISO_DESIGNATION}`, 'iud');
const CFR_SEARCH = new RegExp(`(?<![\\p{L}\\p{N}_.])${CFR_DESIGNATION}(?:${SP}{0,2}(?:Parts?${SP}{0,2})?(\\d{1,4})(?![\\d.]))?`, 'iud');
const QSR_SEARCH = /(?<![\p{L}\p{N}_])(?:QMSR|QSR)(?![\p{L}\p{N}_])/iu;

// Every designation in a text, for mentions: the same ISO-style pattern, and "21 CFR" with the
// part it names ("Part 11" is part of the designation; the "820" of "820.30" is only read).
const ISO_ALL = new RegExp(ISO_SEARCH.source, 'giud');
const CFR_ALL = new RegExp(
  `(?<![\\p{L}\\p{N}_.])${CFR_DESIGNATION}(?:(\\s{0,3}(?:Parts?|Pts?\\.)${SP}{0,2}(\\d{1,4})(?![\\d.]))|\\s{0,3}(?:§{1,2}\\s{0,2})?(\\d{1,4})(?!\\d))?`,
  'giud',
);

function span(m: RegExpExecArray, group: number): [number, number] | undefined {
  return m.indices?.[group] ?? undefined;
}

/** Parts of an ISO-style match (groups 1-4 starting at `first`), spans relative to the match's input. */
export function isoHit(m: RegExpExecArray, first: number, start: number, end: number): DesignationHit {
  const adopted = m[first];
  return {
    start,
    end,
    parts: {
      publisher: m[first + 1].toUpperCase(),
      adopted: adopted ? adopted.toUpperCase().replace(/\u00a0/g, ' ') : undefined,
      number: m[first + 2],
      edition: m[first + 3] || undefined,
    },
    publisherSpan: span(m, first + 1),
    editionSpan: m[first + 3] ? span(m, first + 3) : undefined,
  };
}

function cfrHit(m: RegExpExecArray, start: number, end: number, numberGroup: number): DesignationHit {
  return { start, end, parts: { publisher: 'FDA', number: m[numberGroup] || undefined } };
}

/** The designation that makes up all of `s` (surrounding whitespace allowed), or undefined. */
export function matchDesignationExact(s: string): DesignationHit | undefined {
  const lead = s.length - s.trimStart().length;
  const t = s.trim();
  if (!t || t.length > 60) return undefined;
  const shift = (h: DesignationHit): DesignationHit => ({
    start: h.start + lead,
    end: h.end + lead,
    parts: h.parts,
    publisherSpan: h.publisherSpan && [h.publisherSpan[0] + lead, h.publisherSpan[1] + lead],
    editionSpan: h.editionSpan && [h.editionSpan[0] + lead, h.editionSpan[1] + lead],
  });
  let m = ISO_EXACT.exec(t);
  if (m) return shift(isoHit(m, 1, 0, t.length));
  m = CFR_EXACT.exec(t);
  if (m) return shift(cfrHit(m, 0, t.length, 2));
  if (QSR_EXACT.test(t)) return shift({ start: 0, end: t.length, parts: { publisher: 'FDA', number: '820' } });
  m = BARE_EXACT.exec(t);
  if (m) {
    return shift({
      start: 0,
      end: t.length,
      parts: { number: m[1], edition: m[2] || undefined },
      editionSpan: m[2] ? span(m, 2) : undefined,
    });
  }
  return undefined;
}

/** The first designation written anywhere in `s` (for table headers such as "ISO 13485:2016 Section"). */
export function findDesignation(s: string): DesignationHit | undefined {
  let m = ISO_SEARCH.exec(s);
  if (m) return isoHit(m, 1, m.index, m.index + m[0].length);
  m = CFR_SEARCH.exec(s);
  if (m) return cfrHit(m, m.index, m.index + m[0].length, 2);
  m = QSR_SEARCH.exec(s);
  if (m) return { start: m.index, end: m.index + m[0].length, parts: { publisher: 'FDA', number: '820' } };
  return undefined;
}

/** Every ISO-style and "21 CFR" designation written in `s`, in order. */
export function findAllDesignations(s: string): DesignationHit[] {
  const out: DesignationHit[] = [];
  for (const m of s.matchAll(ISO_ALL)) out.push(isoHit(m, 1, m.index, m.index + m[0].length));
  if (/\d\s{0,3}C\.?F/i.test(s)) {
    for (const m of s.matchAll(CFR_ALL)) {
      const [start, designationEnd] = m.indices![1];
      // "... under 21 CFR." ends a sentence; "21 C.F.R." keeps its last dot.
      const ownDot = /^[^.]*\.$/.test(m[1]) ? 1 : 0;
      const end = m[2] !== undefined ? m.indices![2][1] : designationEnd - ownDot;
      out.push({ start, end, parts: { publisher: 'FDA', number: m[3] ?? m[4] } });
    }
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

/**
 * Parts of a standard designation such as "ISO 13485:2016", "EN ISO 13485:2016", "iso13485:2016",
 * "iso-13485-2016", "21cfr820", "21 CFR Part 820", "QMSR" or a bare "13485"; undefined when `s`
 * is not one. Used for front matter `standard:` values and configuration.
 */
export function parseStandardDesignation(s: string): StandardParts | undefined {
  const hit = matchDesignationExact(s);
  if (!hit) return undefined;
  const out: StandardParts = {};
  for (const key of ['publisher', 'adopted', 'number', 'edition'] as const) {
    if (hit.parts[key] !== undefined) out[key] = hit.parts[key];
  }
  return out;
}

/**
 * Place a hit found in `source` in the document: `at` and `atEnd` map offsets in `source` to
 * document offsets (of a character, and just after one). The text is the designation as read,
 * with any run of spaces (a no-break space, `&nbsp;`) written as one space.
 */
export function toStandard(hit: DesignationHit, source: string, at: (i: number) => number, atEnd: (i: number) => number): Standard {
  const std: Standard = {
    ...hit.parts,
    text: source.slice(hit.start, hit.end).replace(/\s+/g, ' '),
    range: { start: at(hit.start), end: atEnd(hit.end) },
  };
  if (hit.publisherSpan) std.publisherRange = { start: at(hit.publisherSpan[0]), end: atEnd(hit.publisherSpan[1]) };
  if (hit.editionSpan) std.editionRange = { start: at(hit.editionSpan[0]), end: atEnd(hit.editionSpan[1]) };
  return std;
}
