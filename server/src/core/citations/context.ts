// What a clause number with no standard written next to it belongs to. Documents number many
// things: MDR annex sections ("Annex I, Section 10.4.2"), MEDDEV sections, articles, other
// standards ("IEC 62304:2006 | Para. 5.7.5"), their own chapters ("see section 1.2", "paragraph
// 4.3 of the norm"). A number is taken for a clause of a standard only when the source nearest
// to it is that standard; when the nearest source is anything else the number is that source's.
//
// Every pattern is built from bounded repetitions only, so matching stays linear.
import { findAllDesignations, type Standard, toStandard } from './designation';
import type { BlockText } from './prose';

/** A source a number can belong to: a standard designation, or something else (`std` unset). */
export interface Source {
  start: number;
  end: number;
  std?: Standard;
}

// Regulations, directives, guidance and laws that number their own sections. Acronyms must
// stand alone: "MDR" but not "MDRs-x".
const ACRONYMS =
  'MDR|MDD|IVDR|IVDD|AIMDD?|GDPR|DSGVO|MPDG|MPG|MPV|MPBetreibV|HGB|BGB|MDSAP|MEDDEV|MDCG|IMDRF|GHTF|NB-?MED|Team-NB|' +
  'ICH|GAMP|PIC\\/S|ASTM|NIST|HIPAA|UKCA|TGA|PMDA|ANVISA|NMPA|USP|EU\\s{1,3}AI\\s{1,3}Act';
// Words that name a document or a part of one, after "the", "our", ...: "the norm", "the user
// guide", "the PMCF plan", "our risk management file". Not after "this": "This procedure
// implements clause 7.3" is about the document, and "section 5.2 of this procedure" is read
// by the scanner itself.
const DOCUMENT_WORDS = new Set(
  ('norm guide guidance manual plan report procedure document sop template form policy policies protocol specification ' +
    'file record checklist list instruction agreement contract appendix appendices annex annexes table figure chapter ' +
    'regulation directive act law ordinance handbook textbook article paper')
    .split(' '),
);
const DETERMINER = /(?<![\p{L}])(?:the|our|your|its|their|each|der|die|das)\s{1,3}/giu;
const WORD = /([\p{L}\p{N}-]{1,20})\s{0,3}/uy;
/** Up to this many words after a determiner may end in a document word: "the risk management file". */
const PHRASE_WORDS = 4;

// Other sources, one pattern each (small patterns a ReDoS checker can prove linear).
const OTHER: RegExp[] = [
  // Regulations, directives, guidance and laws that number their own sections.
  /(?<![\p{L}\p{N}_])(?:MDR|MDD|IVDR|IVDD|AIMDD?|GDPR|DSGVO|MPDG|MPG|MPV|MPBetreibV|HGB|BGB|MDSAP|MEDDEV|MDCG|IMDRF|GHTF|NB-?MED|Team-NB|ICH|GAMP|PIC\/S|ASTM|NIST|HIPAA|UKCA|TGA|PMDA|ANVISA|NMPA|USP)(?![\p{L}_])/gu,
  // Annexes and appendices of anything: "Annex IX", "Annex I", "Appendix B", "Anhang II".
  /(?<![\p{L}])(?:Annex(?:es)?|Anhang|Appendix|Appendices|Anlage)\s{0,3}(?:[IVXL]{1,6}|\d{1,3}|[A-Z])(?![\p{L}\p{N}])/gu,
  // Articles of regulations: "Art. 84", "Article 10", "Artikel 3".
  /(?<![\p{L}])(?:Articles?|Arts?\.|Artikel)\s{0,3}\d{1,3}/giu,
  // "Regulation (EU) 2017/745", "EU Regulation 2017/745", "Directive 93/42/EEC".
  /(?<![\p{L}])(?:Regulation|Directive|Verordnung|Richtlinie)\s{0,3}(?:\((?:EU|EC|EEC|EG|EWG)\)\s{0,3})?(?:No\.?\s{0,3})?\d{2,4}\/\d{1,4}/giu,
  // "93/42/EEC".
  /(?<![\p{N}/])\d{2,4}\/\d{1,4}\/(?:EEC|EC|EU|EWG|EG)(?![\p{L}])/gu,
  // Other titles of the CFR: "45 CFR 164.312" (21 CFR is a designation of its own).
  /(?<![\p{N}])(?!21\s?C)\d{1,2}\s?C\.?F\.?R\.?(?![\p{L}])/gu,
  // FDA guidance documents.
  /(?<![\p{L}])(?:FDA\s{1,3})?[Gg]uidance(?![\p{L}])/gu,
  // Another document by its number: "SOP-004", "WI-12" (never "ISO-13485").
  /(?<![\p{L}\p{N}_-])(?!(?:ISO|IEC|EN|CFR)-)\p{Lu}{2,6}-\d{1,5}(?![\p{N}])/gu,
];
const QSR = /(?<![\p{L}\p{N}_])(?:QMSR|QSR)(?![\p{L}\p{N}_])/giu;

/** "the PMCF plan" starting at a determiner that ends at `from`: where the phrase ends, or -1. */
function documentPhraseEnd(s: string, from: number): number {
  let p = from;
  for (let n = 0; n < PHRASE_WORDS; n++) {
    WORD.lastIndex = p;
    const m = WORD.exec(s);
    if (!m) return -1;
    const word = m[1].toLowerCase();
    if (DOCUMENT_WORDS.has(word) || DOCUMENT_WORDS.has(word.replace(/s$/, ''))) return p + m[1].length;
    p = WORD.lastIndex;
  }
  return -1;
}

const read = new WeakMap<BlockText, Source[]>();

/** Every source named in a block of text, in order (read once per block: a row's first cell serves every cell of the row). */
export function sourcesIn(bt: BlockText): Source[] {
  let sources = read.get(bt);
  if (!sources) {
    sources = readSources(bt);
    read.set(bt, sources);
  }
  return sources;
}

function readSources(bt: BlockText): Source[] {
  const s = bt.text;
  const designations: Source[] = [];
  const at = (i: number) => bt.at(i);
  const atEnd = (i: number) => bt.atEnd(i);
  if (/\d/.test(s)) {
    for (const hit of findAllDesignations(s)) designations.push({ start: hit.start, end: hit.end, std: toStandard(hit, s, at, atEnd) });
  }
  for (const m of s.matchAll(QSR)) {
    designations.push({ start: m.index, end: m.index + m[0].length, std: { publisher: 'FDA', number: '820', text: m[0], range: { start: at(m.index), end: atEnd(m.index + m[0].length) } } });
  }
  designations.sort(byStart);
  const out = [...designations];
  const other = (start: number, end: number) => {
    // A designation inside a phrase ("the ISO 13485 standard") stays a designation.
    if (!overlapsAny(designations, start, end)) out.push({ start, end });
  };
  for (const re of OTHER) for (const m of s.matchAll(re)) other(m.index, m.index + m[0].length);
  for (const m of s.matchAll(DETERMINER)) {
    const end = documentPhraseEnd(s, m.index + m[0].length);
    if (end > 0) other(m.index, end);
  }
  return out.sort(byStart);
}

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

/** The index of the last item of `sorted` (by start) that starts before `pos`; -1 when none does. */
function lastStartingBefore(sorted: readonly { start: number }[], pos: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A designation is at most this long, so only the last few before a range can overlap it. */
const LONGEST_DESIGNATION = 80;

function overlapsAny(sorted: readonly Source[], start: number, end: number): boolean {
  for (let i = lastStartingBefore(sorted, end); i >= 0 && sorted[i].start > start - LONGEST_DESIGNATION; i--) {
    if (sorted[i].end > start) return true;
  }
  return false;
}

// What may come between a number and a source named after it: "Section 13.1 (MDD)", "section
// 10.4.1 of Annex I", "paragraph 4.3 of the norm", "section 1.1 (b) MDR", "4.6 of MEDDEV 2.12/1".
// Not a comma: "clause 4.21, that records ..." goes on about the clause.
const JOIN_AFTER = /\s{0,3}(?:\(\s{0,2}|(?:of|in|from|under)\s{1,3}|)/iuy;

// Abbreviations whose dot does not end a sentence.
const ABBREVIATIONS = new Set(
  'para paras sec secs sect sects art arts no nos ch chap cl e.g i.e etc vs cf fig figs ref refs approx incl resp vol pp p ed rev st dr mr ms mrs nr abs bzw ggf z.b u.a'.split(' '),
);
const SENTENCE_END = /[.!?](?=["'”’)\]*_]{0,3}\s{1,10}["'“‘(\[*_]{0,3}[\p{Lu}\p{N}])/gu;

/**
 * The sources and sentences of one block of text, each read once (on first use) and looked up
 * by position, so a block with thousands of numbers is read in linear time.
 */
export class BlockSources {
  private sources?: Source[];
  private sentenceStarts?: { start: number }[];

  constructor(private readonly bt: BlockText) {}

  private get all(): Source[] {
    return (this.sources ??= sourcesIn(this.bt));
  }

  /**
   * The source nearest before `pos` that ends before it, within `pos`'s sentence (or, with
   * `wholeBlock`, anywhere before it in the block: a table cell is read as one unit).
   */
  before(pos: number, wholeBlock: boolean): Source | undefined {
    const from = wholeBlock ? 0 : this.sentenceStart(pos);
    const list = this.all;
    for (let i = lastStartingBefore(list, pos); i >= 0 && list[i].start >= from; i--) {
      if (list[i].end <= pos) return list[i];
    }
    return undefined;
  }

  /** The source named right after `pos` ("of Annex I", "(MDD)"), or undefined. */
  after(pos: number): Source | undefined {
    JOIN_AFTER.lastIndex = pos;
    const m = JOIN_AFTER.exec(this.bt.text);
    const at = pos + (m ? m[0].length : 0);
    const list = this.all;
    const i = lastStartingBefore(list, at + 1);
    return i >= 0 && list[i].start === at ? list[i] : undefined;
  }

  /** Where the sentence around `pos` starts: after the last sentence end before it. */
  private sentenceStart(pos: number): number {
    const starts = (this.sentenceStarts ??= sentenceStarts(this.bt.text));
    const i = lastStartingBefore(starts, pos + 1);
    return i >= 0 ? starts[i].start : 0;
  }
}

/** Where each sentence of `s` starts, in order, the first at 0. */
function sentenceStarts(s: string): { start: number }[] {
  const out = [{ start: 0 }];
  for (const m of s.matchAll(SENTENCE_END)) {
    const word = /[\p{L}.]{1,8}$/u.exec(s.slice(Math.max(0, m.index - 8), m.index))?.[0].toLowerCase() ?? '';
    // "Art. 84", "e.g. ISO", "J. Smith": not the end of a sentence.
    if (ABBREVIATIONS.has(word.replace(/^\./, '')) || /^\p{L}$/u.test(word)) continue;
    out.push({ start: m.index + 1 });
  }
  return out;
}
