import type { RawClause } from './clauses';
import type { Standard } from './designation';
import type { Certainty, Citation, CitationCue, CitationForm } from './types';

/** Maps offsets in the string that was read to document offsets. */
export interface OffsetMap {
  at(i: number): number;
  atEnd(i: number): number;
}

export const identityPlus = (base: number): OffsetMap => ({ at: (i) => base + i, atEnd: (i) => base + i });

/** Sink for citations; keeps one citation per clause position (see `CitationSet`). */
export type Emit = (c: Citation) => void;

export function makeCitation(
  raw: RawClause,
  std: Standard | undefined,
  form: CitationForm,
  map: OffsetMap,
  opts: { part?: boolean; certainty?: Certainty; cue?: CitationCue } = {},
): Citation {
  const c: Citation = {
    clause: raw.clause,
    range: { start: map.at(raw.start), end: map.atEnd(raw.end) },
    clauseRange: { start: map.at(raw.start), end: map.atEnd(raw.clauseEnd) },
    form,
    certainty: opts.certainty ?? (std ? 'named' : 'unbound'),
  };
  if (opts.cue && c.certainty !== 'named') c.cue = opts.cue;
  if (raw.item !== undefined) c.item = raw.item;
  if (raw.rangeRole) c.rangeRole = raw.rangeRole;
  if (std) {
    if (std.publisher !== undefined) c.publisher = std.publisher;
    if (std.adopted !== undefined) c.adopted = std.adopted;
    if (std.number !== undefined) c.number = std.number;
    if (std.edition !== undefined) c.edition = std.edition;
    if (std.text !== undefined) c.standardText = std.text;
    if (std.range) c.standardRange = std.range;
    if (std.editionRange) c.editionRange = std.editionRange;
    if (std.publisherRange) c.publisherRange = std.publisherRange;
  }
  const dot = raw.clause.indexOf('.');
  const head = dot < 0 ? raw.clause : raw.clause.slice(0, dot);
  if (std?.publisher === 'FDA') {
    // "21 CFR 820.10" is section 10 of part 820; "21 CFR 820" and "21 CFR Part 820" the part.
    c.number ??= head;
    if (opts.part || dot < 0) c.part = true;
  } else if (!std?.number && dot > 0 && Number(head) >= 100) {
    // "§ 820.198": no standard has clauses numbered in the hundreds but the CFR, whose section
    // numbers start with the part.
    c.number = head;
    if (c.certainty === 'unbound') c.certainty = 'near';
  }
  return c;
}

// What the reading knows about the standard counts most; then how surely; then a specific form
// (a table column, a wikilink) over running text.
const CERTAINTY_WEIGHT = { named: 2, near: 1, unbound: 0 } as const;
function weight(c: Citation): number {
  return (c.standardText !== undefined ? 16 : 0) + (c.number !== undefined ? 8 : 0) + CERTAINTY_WEIGHT[c.certainty] * 2 + (c.form !== 'inline' ? 1 : 0);
}

/**
 * Collects citations keyed by where their clause number starts. Several patterns can read the
 * same number ("ISO 13485:2016 § 7.3" is also a "§ 7.3"); the reading that knows more wins, and
 * between equals the first one found.
 */
export class CitationSet {
  private readonly byStart = new Map<number, Citation>();

  add = (c: Citation): void => {
    const old = this.byStart.get(c.clauseRange.start);
    if (!old || weight(c) > weight(old)) this.byStart.set(c.clauseRange.start, c);
  };

  sorted(): Citation[] {
    return [...this.byStart.values()].sort((a, b) => a.range.start - b.range.start);
  }
}
