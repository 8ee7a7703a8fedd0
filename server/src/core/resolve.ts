// Resolving a citation: which standard it names, whether that edition and
// publisher are right, and which clause tree its number is checked against.
import type { Citation } from './citations';
import type { Catalog } from './standards/catalog';
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
}

export function resolveCitation(citation: Citation, docStandard: StandardPack | undefined, catalog: Catalog): ResolvedCitation {
  if (!citation.number) {
    // "§7.3.2", "para. 8.5.2": the document's own standard.
    return withSuperseded({ citation, pack: docStandard, edition: 'unstated', publisherOk: true }, catalog);
  }
  const entry = catalog.findStandard(citation.publisher, citation.number);
  if (!entry) return { citation, edition: citation.edition ? 'unknown' : 'unstated', publisherOk: true };
  const publisherOk = !citation.publisher || samePublisher(citation.publisher, entry.publisher);
  const edition: EditionState = citation.edition ? catalog.editionStatus(entry, citation.edition) : 'unstated';
  let pack: StandardPack | undefined;
  if (edition === 'unstated') {
    // No edition given: the document's standard when it is this family, else the current edition.
    pack = docStandard?.family === entry.family ? docStandard : packOf(entry, catalog, (e) => e.status === 'current');
  } else if (edition === 'current' || edition === 'valid') {
    pack = packOf(entry, catalog, (e) => sameEdition(e.edition, citation.edition!));
  }
  return withSuperseded({ citation, entry, pack, edition, publisherOk }, catalog);
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

/** How the standard is written in messages: "ISO 13485:2016", "IEC 62304". */
export function designation(r: ResolvedCitation): string {
  if (r.pack) return r.pack.title;
  if (r.entry) return `${r.entry.publisher} ${r.entry.number}`;
  return r.citation.standardText ?? 'the standard';
}
