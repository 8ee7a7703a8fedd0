// Resolving a citation: which standard it names, whether that edition and
// publisher are right, and which clause tree its number is checked against.
import type { Citation } from './citations';
import { fieldText, type ControlledDocument } from './document';
import type { Catalog } from './standards/catalog';
import { clauseLabel } from './standards/label';
import type { RegistryEntry, StandardPack, SupersededSection } from './standards/types';

export type EditionState = 'current' | 'valid' | 'withdrawn' | 'unknown' | 'unstated';

export interface ResolvedCitation {
  citation: Citation;
  /** The named standard, when the registry knows it. */
  entry?: RegistryEntry;
  /** The pack whose clause tree the number is checked against; none when it cannot be checked. */
  pack?: StandardPack;
  edition: EditionState;
  /** False when the designation names the wrong publisher (ISO 62304). */
  publisherOk: boolean;
  /** A section that no longer applies (an old QSR section). */
  superseded?: SupersededSection;
  /**
   * The citation names its standard itself (`certainty: 'named'`): a finding about it can be
   * an error. Any other reading is an inference, worth a warning at most.
   */
  certain: boolean;
}

export function resolveCitation(citation: Citation, docStandard: StandardPack | undefined, catalog: Catalog): ResolvedCitation {
  if (!citation.number) {
    // "§7.3.2", "para. 8.5.2": the document's own standard, or a standard it incorporates.
    const pack = incorporatedFor(docStandard, citation.clause, catalog);
    return withSuperseded({ citation, pack, edition: 'unstated', publisherOk: true, certain: citation.certainty === 'named' }, catalog);
  }
  const certain = citation.certainty === 'named';
  const entry = catalog.findStandard(citation.publisher, citation.number);
  if (!entry) return { citation, edition: citation.edition ? 'unknown' : 'unstated', publisherOk: true, certain };
  const publisherOk = !citation.publisher || samePublisher(citation.publisher, entry.publisher);
  const edition: EditionState = citation.edition ? catalog.editionStatus(entry, citation.edition) : 'unstated';
  let pack: StandardPack | undefined;
  if (edition === 'unstated') {
    // No edition given: the document's standard when it is this family, else the current edition.
    pack = docStandard?.family === entry.family ? docStandard : packOf(entry, catalog, (e) => e.status === 'current');
  } else if (edition === 'current' || edition === 'valid') {
    pack = packOf(entry, catalog, (e) => sameEdition(e.edition, citation.edition!));
  }
  // `clauses: ["7.3.2"]` under `standard: 21cfr820` names the QMSR, and 7.3.2 is ISO 13485:2016's.
  pack = incorporatedFor(pack, citation.clause, catalog);
  return withSuperseded({ citation, entry, pack, edition, publisherOk, certain }, catalog);
}

/** Resolved citations of a document, computed once per document, catalog and default standard. */
const resolvedCache = new WeakMap<ControlledDocument, { catalog: Catalog; standard: string; resolved: ResolvedCitation[] }>();

/**
 * The document's citations resolved against the standards they name. A citation no source
 * binds (`unbound`: "§ 7.3" with no standard near it) is the document's standard's only when
 * it is introduced as a clause ("clause", "§", a "Clause" column), is not the number of one of
 * the document's own headings, and the document names that standard somewhere (its
 * `standard:` field or the text). Otherwise it is left unchecked: "see section 1.2" in a
 * document that never names ISO 13485 says nothing about ISO 13485.
 */
export function resolvedCitations(doc: ControlledDocument, catalog: Catalog, defaultStandard: string): ResolvedCitation[] {
  const cached = resolvedCache.get(doc);
  if (cached && cached.catalog === catalog && cached.standard === defaultStandard) return cached.resolved;
  const docStandard = catalog.pack(fieldText(doc, 'standard') ?? defaultStandard);
  let ownNumbers: Set<string> | undefined;
  let named: StandardPack | null | undefined;
  const resolved = doc.citations.map((c) => {
    const r = resolveCitation(c, docStandard, catalog);
    if (c.certainty === 'named' || !r.pack) return r;
    // "see section 5.2" where the document has a heading "5.2 ...": a cross-reference.
    ownNumbers ??= headingNumbers(doc);
    if (c.form === 'inline' && ownNumbers.has(c.clause)) return unchecked(r);
    if (c.certainty === 'near') return r;
    if (c.cue !== 'clause') return unchecked(r);
    named ??= namedPack(doc, docStandard, catalog) ?? null;
    // "clause 7.3.2" in a document under 21 CFR 820 is an ISO 13485:2016 clause (through 820.10).
    return named ? withSuperseded({ ...r, pack: incorporatedFor(named, c.clause, catalog) }, catalog) : unchecked(r);
  });
  resolvedCache.set(doc, { catalog, standard: defaultStandard, resolved });
  return resolved;
}

function unchecked(r: ResolvedCitation): ResolvedCitation {
  return { citation: r.citation, entry: r.entry, edition: r.edition, publisherOk: r.publisherOk, certain: false };
}

/** The numbers the document's headings start with: "5.2" of "## 5.2 Responsibilities". */
function headingNumbers(doc: ControlledDocument): Set<string> {
  const out = new Set<string>();
  for (const h of doc.headings) {
    const m = /^\s*(?:(?:section|chapter|clause|§)\s*)?(\d{1,3}(?:\.\d{1,3}){0,5})\.?(?:\s|$)/i.exec(h.text);
    if (m) out.add(m[1]);
  }
  return out;
}

/**
 * The pack a document's unbound clause numbers belong to: its `standard:` field's; else the
 * default standard when the text names it in an edition that can be the pack's ("ISO 13485",
 * "ISO 13485:2016", not only "ISO 13485:2003", whose numbering differs); else the one standard
 * with a pack the text names, when it names exactly one ("According to Clause 9.3" in an
 * ISO 9001 handbook). Undefined when the document names none, or several.
 */
function namedPack(doc: ControlledDocument, docStandard: StandardPack | undefined, catalog: Catalog): StandardPack | undefined {
  if (fieldText(doc, 'standard') !== undefined) return docStandard;
  // Every standard edition the text names, by "family:edition"; the pack when there is one.
  const named = new Map<string, StandardPack | undefined>();
  for (const m of doc.standardMentions) {
    const entry = m.number !== undefined ? catalog.findStandard(m.publisher, m.number) : undefined;
    if (!entry) continue;
    if (m.edition === undefined && docStandard?.family === entry.family) {
      // "ISO 13485" is the document's own standard in the edition the document uses.
      named.set(docStandard.id, docStandard);
      continue;
    }
    const year = m.edition?.slice(0, 4);
    const edition = entry.editions.find((e) => (year === undefined ? e.status === 'current' : e.edition.slice(0, 4) === year));
    const pack = edition?.pack ? catalog.pack(edition.pack) : undefined;
    named.set(pack?.id ?? `${entry.family}:${year}`, pack);
  }
  if (docStandard && named.has(docStandard.id)) return docStandard;
  return named.size === 1 ? [...named.values()][0] : undefined;
}
/**
 * The pack a clause number bound to `pack` is checked in: `pack`, or for a pack that incorporates
 * others (21 CFR 820.10: ISO 13485:2016) the one whose numbering it has (Catalog.clausePack).
 */
function incorporatedFor(pack: StandardPack | undefined, clause: string, catalog: Catalog): StandardPack | undefined {
  return pack?.incorporates?.length ? (catalog.clausePack(pack.id, clause) ?? pack) : pack;
}

function withSuperseded(r: ResolvedCitation, catalog: Catalog): ResolvedCitation {
  if (r.pack && !catalog.clause(r.pack.id, r.citation.clause)) {
    const superseded = catalog.superseded(r.pack.id, r.citation.clause);
    if (superseded) r.superseded = superseded;
  }
  return r;
}

function packOf(entry: RegistryEntry, catalog: Catalog, pick: (e: RegistryEntry['editions'][number]) => boolean): StandardPack | undefined {
  const edition = entry.editions.find((e) => pick(e) && e.pack);
  return edition?.pack ? catalog.pack(edition.pack) : undefined;
}

function sameEdition(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').replace(/\//g, '+').toUpperCase();
  return norm(a) === norm(b);
}

/** The publisher as written names the same publisher as `correct` (adoption prefixes such as "EN" aside). */
export function samePublisher(written: string, correct: string): boolean {
  const norm = (s: string) =>
    s
      .toUpperCase()
      .replace(/^(EN|BS EN|DIN EN|ANSI\/AAMI\/?|CAN\/CSA-?)\s*/, '')
      .replace(/[\s/]+/g, '/');
  return norm(written) === norm(correct) || (correct === 'FDA' && /CFR/i.test(written));
}

/**
 * How the standard is written in messages: "ISO 13485:2016", "IEC 62304", "21 CFR 820"; with
 * `clause`, the clause of it: "ISO 13485:2016 7.3.2", and "21 CFR 820.10" (a CFR section already
 * starts with its part), never "21 CFR 820 820.10".
 */
export function designation(r: ResolvedCitation, clause?: string): string {
  const name = r.pack ? r.pack.title : r.entry ? `${r.entry.prefix ?? r.entry.publisher} ${r.entry.number}` : (r.citation.standardText ?? 'the standard');
  return clause === undefined ? name : clauseLabel(name, clause);
}
