// Lookups in the registry of known standards: which entry a citation such as
// "IEC 62304:2006/A1:2015" names, and whether its edition is current.
import type { RegistryEntry } from './types';

export type EditionStatus = 'current' | 'valid' | 'withdrawn' | 'unknown';

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

const normPublisher = (p: string) => p.normalize('NFKC').toUpperCase().replace(/\s+/g, '');

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
