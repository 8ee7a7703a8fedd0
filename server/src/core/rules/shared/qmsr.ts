// The QMSR transition, shared by clause-edition (superseded QSR sections, their successors and
// the fix) and qsr-term (the QSR's record names and its inspection exemption): when a document
// is under the QMSR, and how a successor is written.
import type { Citation } from '../../citations';
import { fieldText, type ControlledDocument } from '../../document';
import type { Catalog } from '../../standards/catalog';
import { clauseLabel } from '../../standards/label';
import type { StandardPack, SupersededSection } from '../../standards/types';
import type { OffsetRange } from '../../text';

/** The date the QMSR took effect (89 FR 7496): from then on the old QSR sections are superseded. */
export const QMSR_EFFECTIVE = '2026-02-02';

/** A date written as YYYY-MM-DD (or starting so), for comparing with QMSR_EFFECTIVE. */
export function isoDate(s: string | undefined): string | undefined {
  const m = s === undefined ? null : /^\s*(\d{4}-\d{2}-\d{2})/.exec(s);
  return m ? m[1] : undefined;
}

/**
 * Whether the document was written under the QSR and is kept as such: obsolete, or effective
 * before the QMSR took effect. A document with no readable effective date counts as current.
 */
export function underQsr(doc: ControlledDocument): boolean {
  if (fieldText(doc, 'status') === 'obsolete') return true;
  const effective = isoDate(fieldText(doc, 'effective_date'));
  return effective !== undefined && effective < QMSR_EFFECTIVE;
}

/** The run's date is before the QMSR took effect: the QSR was then the requirement. */
export function beforeQmsr(today: string | undefined): boolean {
  const d = isoDate(today);
  return d !== undefined && d < QMSR_EFFECTIVE;
}

/** One successor as a reader and the citation reader both take it: "ISO 13485:2016 7.3", "21 CFR 820.45". */
export interface Candidate {
  text: string;
  pack: StandardPack;
  clause: string;
  /** The section that makes another pack's clause a requirement: "21 CFR 820.10" for ISO 13485:2016. */
  via?: string;
}

/**
 * The successors of a superseded section that the catalog has (a user's pack may name a clause
 * it lacks: such a successor is left out rather than written into a document).
 */
export function candidatesOf(section: SupersededSection, own: StandardPack, catalog: Catalog): Candidate[] {
  const out: Candidate[] = [];
  for (const s of section.successors ?? []) {
    const pack = s.pack === undefined ? own : catalog.pack(s.pack);
    if (!pack || !catalog.clause(pack.id, s.clause)) continue;
    const by = pack === own ? undefined : own.incorporates?.find((i) => i.pack === pack.id)?.by;
    out.push({ text: clauseLabel(pack.title, s.clause), pack, clause: s.clause, ...(by ? { via: clauseLabel(own.title, by) } : {}) });
  }
  return out;
}

/**
 * The candidates as one phrase, clauses of one standard after its name:
 * "21 CFR 820.35 or ISO 13485:2016 8.2.2", "ISO 13485:2016 7.5.1, 6.3 or 6.4".
 */
export function candidatePhrase(candidates: readonly Candidate[]): string {
  const groups: string[] = [];
  let i = 0;
  while (i < candidates.length) {
    const pack = candidates[i].pack;
    const clauses: string[] = [];
    for (; i < candidates.length && candidates[i].pack === pack; i++) clauses.push(candidates[i].clause);
    groups.push(clauseLabel(pack.title, clauses[0]) + clauses.slice(1).map((c) => `, ${c}`).join(''));
  }
  const all = groups.join(', ');
  const last = all.lastIndexOf(', ');
  return last < 0 ? all : `${all.slice(0, last)} or ${all.slice(last + 2)}`;
}

/**
 * What takes the place of the written designation: the successor, and for a clause of an
 * incorporated standard the section that incorporates it first, so that the text still cites the
 * regulation ("21 CFR 820.10 (ISO 13485:2016 7.3)"; "21 CFR 820.10, ISO 13485:2016 7.3" where the
 * designation is already in parentheses). Both read as citations of clauses that exist.
 */
export function replacement(c: Candidate, parenthesised: boolean): string {
  if (!c.via) return c.text;
  return parenthesised ? `${c.via}, ${c.text}` : `${c.via} (${c.text})`;
}

/** "21 CFR", "21 C.F.R.", "21CFR", then "Part" and "§" as written before the section number. */
const BETWEEN = /^[ \t\u00a0]*(?:Part[ \t\u00a0]*)?(?:§{1,2}[ \t\u00a0]*)?$/i;

/**
 * Where the whole designation of a superseded citation is written, "21 CFR 820.30" or
 * "21 CFR § 820.30(c)", so that a successor can take its place; undefined when it is not written
 * in one piece in running text or a table cell (a column header, front matter, a comment), or
 * when the designation also carries other clauses ("21 CFR 820.30 and 820.50": replacing it
 * would change what the other numbers mean).
 */
export function writtenDesignation(text: string, c: Citation, all: readonly Citation[]): OffsetRange | undefined {
  if (c.form !== 'inline' && c.form !== 'table') return undefined;
  const s = c.standardRange;
  if (!s || s.end > c.clauseRange.start || !BETWEEN.test(text.slice(s.end, c.clauseRange.start))) return undefined;
  if (all.some((o) => o !== c && o.standardRange?.start === s.start && o.standardRange.end === s.end)) return undefined;
  return { start: s.start, end: c.range.end };
}

/** The range lies inside one of `ranges` (a link, a heading). */
export function inside(r: OffsetRange, ranges: readonly { range: OffsetRange }[]): boolean {
  return ranges.some((x) => x.range.start <= r.start && r.end <= x.range.end);
}

/** The message of a superseded section's finding; isSupersededFinding recognises it. */
export function supersededMessage(section: string, candidates: readonly Candidate[], exact: boolean): string {
  const head = `21 CFR ${section} is superseded by the QMSR`;
  if (!candidates.length) return `${head}.`;
  const full = `${head}: ${exact ? 'cite' : 'see'} ${candidatePhrase(candidates)}.`;
  // One sentence under 100 characters (the Problems panel row): a long list goes to the detail.
  return full.length < 100 ? full : `${head}: ${candidates.length} candidates, see the detail.`;
}

/**
 * A finding of clause-edition about a superseded QSR section (qmslint migrate qmsr applies the
 * fixes of these and of no other finding).
 */
export function isSupersededFinding(f: { ruleId: string; message: string }): boolean {
  return f.ruleId === 'clause-edition' && /^21 CFR 820\.\d+ is superseded by the QMSR[:.]/.test(f.message);
}

/** The old regulation by name: "QSR", "Quality System Regulation", "QS regulation". */
const QSR_NAMED = /\bQSR\b|\bQuality\s+System\s+Regulation\b|\bQS\s+regulation\b/i;
/**
 * Where a block of text ends, read on the raw text: a blank line, or a line that starts a list
 * item, a table row, a heading or a quote.
 */
const BLOCK_END = /\n[ \t]*\n|\n(?=[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|[|#>]))/;
const BLOCK_ENDS = new RegExp(BLOCK_END.source, 'g');

/**
 * The paragraph, list item or table row around `r` names the QSR ("the FDA QSR (21 CFR
 * 820.30)"): replacing the section alone would make it say the QSR is ISO 13485, so the text is a
 * person's to rewrite. Read on the raw text, at most 600 characters either side.
 */
export function blockNamesQsr(text: string, r: OffsetRange): boolean {
  const from = Math.max(0, r.start - 600);
  let start = from;
  for (const m of text.slice(from, r.start).matchAll(BLOCK_ENDS)) start = from + m.index + m[0].length;
  const after = text.slice(r.end, r.end + 600);
  const end = BLOCK_END.exec(after);
  return QSR_NAMED.test(text.slice(start, r.end + (end ? end.index : after.length)));
}
