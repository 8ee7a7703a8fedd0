// Lookups in the registry of known standards: which entry a citation such as
// "IEC 62304:2006/A1:2015" names, and whether its edition is current.
import type { RegistryEntry } from './types';

export type EditionStatus = 'current' | 'valid' | 'withdrawn' | 'unknown';

/** One edition (with its amendments) as the registry lists it. */
export type RegistryEdition = RegistryEntry['editions'][number];

/** A regional adoption's own editions (registry.yaml `adoptions`). */
export type Adoption = NonNullable<RegistryEntry['adoptions']>[number];

/** The adoption with this prefix ("EN"), when the registry lists that adoption's editions. */
export function adoptionOf(entry: RegistryEntry, prefix: string): Adoption | undefined {
  const p = normPublisher(prefix);
  return entry.adoptions?.find((a) => normPublisher(a.prefix) === p);
}

/** What replaced a standard that has no current edition, when the registry says. */
export function replacedBy(entry: RegistryEntry): string | undefined {
  return entry.replacedBy;
}

/** The status of an adoption's edition as written ("2016/A11:2021"), 'unknown' when not listed. */
export function adoptionEditionStatus(adoption: Adoption, edition: string): EditionStatus {
  const e = normalizeEdition(edition);
  return adoption.editions.find((x) => normalizeEdition(x.edition) === e)?.status ?? 'unknown';
}

/**
 * One spelling per edition: "2006/Amd 1:2015", "2006+AMD1:2015" and
 * "2006 + A1:2015" all become "2006+A1:2015".
 */
export function normalizeEdition(edition: string): string {
  return edition
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/^:/, '')
    .replace(/\(E\)$/, '')
    .replace(/[/&]/g, '+')
    .replace(/\+?AMD\.?(\d+)/g, '+A$1')
    .replace(/\+{2,}/g, '+');
}

/** "13485", " 62366-1 ", "ISO 13485", "Part 820" -> the bare number. */
export function normalizeNumber(number: string): string {
  const s = number.normalize('NFKC').trim();
  const m = /(\d+(?:-\d+)*)\s*$/.exec(s);
  return m ? m[1] : s.replace(/\s+/g, '');
}

function normPublisher(p: string): string {
  return p.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
}
// National and regional adoptions keep the international designation after
// their own prefix: EN ISO 13485, BS EN ISO 14971, ANSI/AAMI/IEC 62304.
const ADOPTION_PREFIX = /^(?:(?:BS|DIN|NF|UNE|SS|NEN|ÖNORM|OENORM|I\.S\.|CSA)?-?EN|ANSI\/AAMI|AAMI|CAN\/CSA-?)[/-]?(?=ISO|IEC)/;

/** The cited publisher is a correct designation for this entry (adoption prefixes allowed). */
export function publisherMatches(entry: RegistryEntry, publisher: string): boolean {
  const cited = normPublisher(publisher).replace(ADOPTION_PREFIX, '');
  return [entry.publisher, ...(entry.publisherAliases ?? []), ...(entry.prefix ? [entry.prefix] : [])]
    .map(normPublisher)
    .includes(cited);
}

/**
 * The entry for a standard number. The publisher only chooses between entries
 * sharing a number; a wrong publisher still finds the entry, so a rule can say
 * "IEC 13485 should be ISO 13485" by comparing with `entry.publisher`.
 */
export function findEntry(entries: readonly RegistryEntry[], publisher: string | undefined, number: string): RegistryEntry | undefined {
  const n = normalizeNumber(number);
  const candidates = entries.filter((e) => e.number === n);
  if (candidates.length <= 1 || !publisher) return candidates[0];
  return candidates.find((e) => publisherMatches(e, publisher)) ?? candidates[0];
}

/**
 * The entry a number without its part names ("82304" for "82304-1"): only when no entry has that
 * number itself and exactly one entry is a part of it. "60601" has several parts in the registry
 * (60601-1, 60601-1-2), so it names none: which part was meant cannot be known.
 */
export function findEntryByBaseNumber(entries: readonly RegistryEntry[], number: string): RegistryEntry | undefined {
  const n = normalizeNumber(number);
  if (entries.some((e) => e.number === n)) return undefined;
  const parts = entries.filter((e) => e.number.startsWith(`${n}-`));
  return parts.length === 1 ? parts[0] : undefined;
}

/**
 * The one entry that is a part of this number ("62366-1" for "62366"), whether or not an entry has
 * the number itself: "ISO 62366:2015" names no edition of IEC 62366 (2007) but one of IEC 62366-1.
 */
export function findPartOf(entries: readonly RegistryEntry[], number: string): RegistryEntry | undefined {
  const n = normalizeNumber(number);
  const parts = entries.filter((e) => e.number.startsWith(`${n}-`));
  return parts.length === 1 ? parts[0] : undefined;
}

/**
 * The year the registry's editions were last checked against the publishers' catalogues
 * (server/standards/registry.yaml, docs/accuracy.md). An edition year from this year on that the
 * registry does not list may be new since: it is reported as not known, never as non-existent.
 */
export const REGISTRY_REVIEWED_YEAR = 2026;

/**
 * The latest year an edition can plausibly carry; a later one is a typo ("ISO 14971:2919",
 * "ISO 13485:2106"). Document rules read no clock (their findings are computed on worker threads
 * and cached by text and configuration, see analysis.ts), so the bound is tied to the registry's
 * review rather than to today: a few years past it, where a year is still reported as an edition
 * qmslint does not know of, never as a typo. It moves each time the registry is reviewed.
 */
export const LATEST_PLAUSIBLE_YEAR = REGISTRY_REVIEWED_YEAR + 5;

/**
 * The earliest year an edition by this publisher can carry; an earlier year is a typo. ISO was
 * founded in 1947 and the IEC in 1906 (https://www.iso.org/about-us.html, https://www.iec.ch/history);
 * a joint ISO/IEC designation is bounded by ISO. The Code of Federal Regulations was first
 * published in 1938 (https://www.archives.gov/federal-register/cfr).
 */
export function earliestEditionYear(publisher: string): number {
  const p = normPublisher(publisher);
  if (p.startsWith('ISO')) return 1947;
  if (p.startsWith('IEC')) return 1906;
  if (p === 'FDA' || p.includes('CFR')) return 1938;
  return 1900;
}

/** The four-digit years written in an edition: "2006+A1:2015" -> [2006, 2015]. */
export function editionYears(edition: string): number[] {
  return [...edition.matchAll(/(?<!\d)\d{4}(?!\d)/g)].map((m) => Number(m[0]));
}

export function editionStatus(entry: RegistryEntry, edition: string): EditionStatus {
  const e = normalizeEdition(edition);
  return entry.editions.find((x) => normalizeEdition(x.edition) === e)?.status ?? 'unknown';
}

/** The pack id for a cited edition, or for the current edition when none is cited. */
export function packForEdition(entry: RegistryEntry, edition?: string): string | undefined {
  if (edition !== undefined) {
    const e = normalizeEdition(edition);
    return entry.editions.find((x) => normalizeEdition(x.edition) === e)?.pack;
  }
  return entry.editions.find((x) => x.status === 'current' && x.pack)?.pack;
}
