import type { OffsetRange } from '../text';

export type CitationForm = 'inline' | 'front-matter' | 'table' | 'wikilink' | 'comment';

/**
 * How surely a citation belongs to its standard (see citations/context.ts):
 * - `named`: the standard is written with the number ("ISO 13485:2016 7.3", "clause 7.3 of
 *   ISO 13485:2016", `[[13485:7.3]]`), declared in front matter, or heads the table column;
 * - `near`: the nearest source before it in the same sentence, table cell or table row is
 *   this standard ("ISO 13485 requires ... as section 7.3 says");
 * - `unbound`: nothing near names a source; only the document as a whole can say which
 *   standard, if any, the number belongs to.
 */
export type Certainty = 'named' | 'near' | 'unbound';

/**
 * The word that introduced a number with no standard written with it: `clause` for "clause",
 * "cl.", "§" and a "Clause" table column; `section` for "section", "para.", "chapter", "¶",
 * which documents use for their own numbering and other sources' as often as for clauses.
 */
export type CitationCue = 'clause' | 'section';

/** A clause of a standard cited by a document, with the exact ranges a rule or fix needs. */
export interface Citation {
  /**
   * Standard as written, normalised: publisher ("ISO", "IEC", "ISO/IEC", "EN"; "FDA" for the
   * CFR), number ("13485", "62366-1", "820"), edition ("2016", "2006+A1:2015"). Each is
   * undefined when the text does not say it, except that the CFR part number is taken from
   * the section ("§ 820.198" has number "820" but no publisher).
   */
  publisher?: string;
  number?: string;
  edition?: string;
  /** Adoption prefix of an adopted standard: "EN" for "EN ISO 13485:2016" (publisher "ISO"). */
  adopted?: string;
  /** The designation exactly as written: "ISO 13485:2016", "EN ISO 13485:2016", "21 CFR". */
  standardText?: string;
  /**
   * Where that designation is written. Shared by every clause it applies to: each member of
   * "clauses 4.2.4, 4.2.5 and 7.5.1", each row of a mapping table (the header cell), each
   * front matter entry (the `standard:` value).
   */
  standardRange?: OffsetRange;
  /** The edition part ("2016" of ":2016"). */
  editionRange?: OffsetRange;
  /** The publisher part ("ISO" in "ISO 62304", also in "EN ISO 62304"). */
  publisherRange?: OffsetRange;
  /** Clause number without sub-item: "7.3.2", "820.10", "4.2.4"; "820" for a CFR part. */
  clause: string;
  /** Sub-item: "a" for "4.2.4 a)", "c" for "4.2.1c" and "820.10(c)". */
  item?: string;
  /** "21 CFR Part 820", "21 CFR 820": the clause is a whole CFR part. */
  part?: boolean;
  /** The clause number plus its sub-item: what a did-you-mean fix replaces. */
  range: OffsetRange;
  /** The clause number alone. */
  clauseRange: OffsetRange;
  form: CitationForm;
  certainty: Certainty;
  /** Set when the citation is not `named`: the word that introduced it. */
  cue?: CitationCue;
  /**
   * Set for the two ends of a range such as "§§ 7.5.2–7.5.3": only the ends are emitted (the
   * clauses between them are known only to the standard's catalog, which can expand them).
   */
  rangeRole?: 'from' | 'to';
}

/**
 * A standard named in a document, with or without a clause: "ISO 62304 software life-cycle
 * processes", "per ISO 13485:2003", a reference list entry, the front matter `standard:` value,
 * and the designation of every citation. One per place the designation is written.
 */
export interface StandardMention {
  /** As in `Citation`: "ISO", "IEC", "ISO/IEC", "EN"; "FDA" for the CFR. */
  publisher?: string;
  /** Adoption prefix: "EN" for "EN ISO 13485:2016" (publisher "ISO"). */
  adopted?: string;
  /** "13485", "62366-1"; for the CFR the part written after "21 CFR" ("11", "820" of "820.30"). */
  number?: string;
  edition?: string;
  /** The designation as read, runs of spaces as one space: "ISO 13485:2016", "21 CFR Part 11". */
  standardText: string;
  /** Where the designation is written. */
  range: OffsetRange;
  /** The publisher part ("ISO" in "ISO 62304", also in "EN ISO 62304"). */
  publisherRange?: OffsetRange;
  /** The edition part ("2016" of ":2016"). */
  editionRange?: OffsetRange;
}
