// The shape of a standard pack (server/standards/*.yaml and users' own packs).
// schemas/standard.schema.json describes the same shape for editors and for
// run-time validation; keep the two in step.

/** One clause or subclause: number and short heading only, never normative text. */
export interface Clause {
  /** Clause number as the standard writes it: "7.3.2", "820.10". */
  id: string;
  /** Short heading, e.g. "Design and development planning". */
  title: string;
  /** Number of the enclosing clause; absent for top-level clauses. */
  parent?: string;
  /** The standard requires a documented procedure (ISO 13485, 21 CFR 820). Not for ISO 9001:2015, which has none: see documentedInformation. */
  documentedProcedure?: boolean;
  /** The standard asks for the process itself to be documented (ISO 13485 6.2, 7.1); coverage-gap treats it like a procedure. */
  documentedProcess?: boolean;
  /**
   * ISO 9001:2015 and other harmonized-structure standards: the clause requires documented
   * information to be maintained ("maintain"). Documented information to be retained is `records`.
   * coverage-gap treats "maintain" like a documented procedure.
   */
  documentedInformation?: 'maintain';
  /** The standard requires records (documented information to retain). */
  records?: boolean;
  /** Lettered sub-items this clause has, e.g. ["a","b","c"]. */
  items?: string[];
}

/** A section of an older edition or regulation that no longer applies (e.g. QSR 820.30). */
export interface SupersededSection {
  id: string;
  title: string;
  /** Clause ids in this pack or another standard that took its place, as plain text for the message. */
  replacedBy?: string;
  /**
   * The same as structured citations, for suggestions and fixes: each a clause of this pack, or of
   * `pack` (an incorporated one: ISO 13485:2016 through 21 CFR 820.10).
   */
  successors?: Successor[];
  /**
   * True only where the regulation or its preamble gives exactly one successor for the whole
   * section: then `--fix` may rewrite a citation of it (clause-edition). Absent means no.
   */
  exact?: boolean;
}

/** Where a superseded section's requirement now lives: a clause of this pack or of `pack`. */
export interface Successor {
  /** Catalog id of another pack ("iso13485:2016"); absent for this pack's own clause. */
  pack?: string;
  clause: string;
}

export interface RequiredField {
  /** Canonical field name: id, title, type, revision, status, effective_date, owner, ... */
  field: string;
  /**
   * Clause that requires it, e.g. "4.2.4 c)". Absent: no clause requires the field and the pack
   * asks for it as a house rule (ISO 13485:2016 requires no owner); messages then say "your
   * configuration requires" and cite nothing.
   */
  clause?: string;
  /** Document types this applies to; absent = all. */
  types?: string[];
}

export interface DocumentTypeProfile {
  /** Approval roles required before the document takes effect, in order. */
  approvals: string[];
  /** Templates may keep placeholders. */
  placeholdersAllowed?: boolean;
  /** Records and forms may have no revision history. */
  historyRequired?: boolean;
}

export interface DocumentControlProfile {
  requiredFields: RequiredField[];
  /** Clause that requires approval before issue, e.g. "4.2.4 a)". */
  approvalClause: string;
  /** Clause that requires identification of changes and revision status, e.g. "4.2.4 c)". */
  changeClause: string;
  /** Clause that requires periodic review and re-approval, e.g. "4.2.4 b)". */
  reviewClause: string;
  /** Clause about obsolete documents, e.g. "4.2.4 h)". */
  obsoleteClause?: string;
  /**
   * Clause that requires documents to be available where they are used, e.g. "4.2.4 d)": the
   * reason a reference or link must reach its document. Absent: those messages cite no clause.
   */
  availabilityClause?: string;
  /**
   * Clause that requires documents of external origin to be identified, e.g. "4.2.4 f)": the
   * reason a standard must be cited in an edition that exists, under its own publisher.
   */
  externalClause?: string;
  /**
   * Clause that makes the documented procedures (or documented information) the standard requires
   * part of the QMS documentation, e.g. "4.2.1 c)": coverage-gap cites it.
   */
  procedureClause?: string;
  /**
   * What each clause cited above requires, in this pack's own short words (never the standard's
   * text), keyed by the clause as written here ("7.5.2 c)"). Messages then say "<clause> requires
   * <this>" instead of the rule's built-in wording, which follows ISO 13485:2016 4.2.4. Set it
   * wherever the built-in wording would not be true of the clause cited.
   */
  requirements?: Record<string, string>;
  /** Profiles per document type (SOP, WI, POL, MAN, FRM, REC, PLN, TPL...). */
  types: Record<string, DocumentTypeProfile>;
}

export interface StandardPack {
  /** Catalog id: family + ":" + edition, e.g. "iso13485:2016", "iso9001:2015", "21cfr820". */
  id: string;
  /** Family key shared by all editions, matching the registry: "iso13485". */
  family: string;
  /** Display name as cited: "ISO 13485:2016", "21 CFR 820". */
  title: string;
  publisher: string;
  /** Edition or amendment label: "2016", "2026". */
  edition: string;
  /** Other names the pack answers to ("13485", "QMSR"); matched without case or spaces. */
  aliases?: string[];
  clauses: Clause[];
  superseded?: SupersededSection[];
  documentControl?: DocumentControlProfile;
  /** Clause pairs from this pack to other packs (a user's pack can map itself onto ISO 13485). */
  crosswalks?: { to: string; pairs: [string, string][] }[];
  /**
   * Other packs whose clauses are requirements of this one, and the clause of this pack that
   * makes them so: 21 CFR 820.10 incorporates ISO 13485:2016. Coverage of this pack lists their
   * clauses after its own; a clause number bound to this pack that is theirs is checked in them.
   */
  incorporates?: Incorporation[];
}

export interface Incorporation {
  /** Id of the incorporated pack: "iso13485:2016". */
  pack: string;
  /** This pack's clause that incorporates it: "820.10". */
  by: string;
}

/** One known standard family, for edition and publisher checks even without a clause pack. */
export interface RegistryEntry {
  family: string;
  /** Correct publisher designation as written, e.g. "ISO", "IEC", "ISO/IEC". */
  publisher: string;
  /** Other correct ways to write the publisher, e.g. "21 CFR" for FDA. */
  publisherAliases?: string[];
  /** Text written before the number, e.g. "21 CFR". */
  prefix?: string;
  /** Number: "13485", "62304", "27001", "62366-1", "820" (with `prefix` "21 CFR"). */
  number: string;
  title: string;
  editions: { edition: string; status: 'current' | 'withdrawn' | 'valid'; pack?: string }[];
  /**
   * A regional adoption's own editions: "EN ISO 13485:2016+A11:2021" is the European adoption of
   * ISO 13485:2016 with the European amendment A11:2021.
   */
  adoptions?: { prefix: string; editions: { edition: string; status: 'current' | 'withdrawn' | 'valid'; pack?: string }[] }[];
  /** What replaced a standard with no current edition: "IEC 62366-1" for IEC 62366. */
  replacedBy?: string;
}

/**
 * Where the clauses of a withdrawn edition went in a later one (ISO 13485:2003 -> 2016): clause
 * numbers and the old short headings only.
 */
export interface EditionTransition {
  /** Registry family: "iso13485". */
  family: string;
  /** The withdrawn edition: "2003". */
  from: string;
  /** The edition the clauses map to: "2016". */
  to: string;
  clauses: TransitionRow[];
}

export interface TransitionRow {
  /** Clause number in the old edition. */
  id: string;
  /** Its short heading in the old edition. */
  title: string;
  /** Clause numbers in the new edition that took its place. */
  to: string[];
  /** Set when the subject changed: what to check, in our own words. No automatic fix then. */
  check?: string;
}

export interface Crosswalk {
  from: string; // pack id
  to: string; // pack id
  /** Pairs of clause ids: [fromClause, toClause]. */
  pairs: [string, string][];
}
