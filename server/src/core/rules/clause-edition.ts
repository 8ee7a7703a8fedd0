import { extractStandardMentions, type StandardMention } from '../citations';
import { fieldText, type ControlledDocument } from '../document';
import { resolvedCitations } from '../coverage';
import { samePublisher } from '../resolve';
import type { DocumentRule } from '../rule';
import type { Catalog, EditionStatus } from '../standards/catalog';
import type { RegistryEntry } from '../standards/types';
import type { Report } from '../types';

/** Standards named in a document (cited or not), read once per document. */
const mentionCache = new WeakMap<ControlledDocument, StandardMention[]>();

function standardMentions(doc: ControlledDocument): StandardMention[] {
  let mentions = mentionCache.get(doc);
  if (!mentions) {
    mentions = extractStandardMentions(doc.parsed, doc.citations);
    mentionCache.set(doc, mentions);
  }
  return mentions;
}

/**
 * The state of a written edition. An adoption ("EN ISO 13485:2016+A11:2021", "EN 62304:2006")
 * has editions and amendments of its own: only an international edition it names that is
 * withdrawn counts against it.
 */
function editionState(m: StandardMention, entry: RegistryEntry, catalog: Catalog): EditionStatus {
  const state = catalog.editionStatus(entry, m.edition!);
  if (!m.adopted && m.publisher !== 'EN') return state;
  if (state !== 'unknown') return state === 'withdrawn' ? state : 'valid';
  return catalog.editionStatus(entry, m.edition!.slice(0, 4)) === 'withdrawn' ? 'withdrawn' : 'valid';
}

const rule: DocumentRule = {
  id: 'clause-edition',
  description: 'Cite the current edition of a standard, with its correct publisher, and no superseded regulation sections.',
  rationale: ['ISO 13485:2016 4.2.4 f)', 'ISO 13485:2016 4.2.4 h)'],
  severity: 'warning',
  scope: 'document',
  fixable: true,
  check({ doc, catalog, config }, report) {
    // An obsolete document is kept as it was; its old citations are history.
    if (fieldText(doc, 'status') === 'obsolete') return;

    // Publisher and edition: wherever a standard is named, with or without a clause.
    for (const m of standardMentions(doc)) {
      if (!m.number) continue;
      const entry = catalog.findStandard(m.publisher, m.number);
      // Standards the registry does not know (ISO 14155, 21 CFR Part 11) cannot be checked.
      if (!entry) continue;
      // "EN 62304" is the European designation, not a wrong publisher.
      if (m.publisher && m.publisher !== 'EN' && m.publisherRange && !samePublisher(m.publisher, entry.publisher)) {
        report({
          message: `${m.number} is published by ${entry.publisher}, not ${m.publisher}: write ${entry.publisher} ${entry.number}.`,
          range: m.publisherRange,
          fix: { title: `Change publisher to ${entry.publisher}`, edits: [{ ...m.publisherRange, text: entry.publisher }] },
        });
      }
      if (m.edition === undefined || !m.editionRange) continue;
      const state = editionState(m, entry, catalog);
      if (state !== 'withdrawn' && state !== 'unknown') continue;
      const current = entry.editions.find((e) => e.status === 'current');
      const known = entry.editions.map((e) => `${e.edition} (${e.status})`).join(', ');
      const what = state === 'withdrawn' ? `${entry.publisher} ${entry.number}:${m.edition} is withdrawn` : `${entry.publisher} ${entry.number} has no ${m.edition} edition`;
      const out: Report = {
        message: `${what}; cite ${current ? `the current edition, ${entry.publisher} ${entry.number}:${current.edition}` : `a published edition`}. Known editions: ${known}.`,
        range: m.editionRange,
      };
      if (current) out.fix = { title: `Change edition to ${current.edition}`, edits: [{ ...m.editionRange, text: current.edition }] };
      report(out);
    }

    // Superseded sections: a clause-level matter, so from the citations.
    for (const r of resolvedCitations(doc, catalog, config.standard)) {
      if (!r.superseded) continue;
      const s = r.superseded;
      report({
        message: `21 CFR ${s.id} (${s.title}) was superseded when the QMSR took effect on 2026-02-02${s.replacedBy ? `; cite ${s.replacedBy} instead` : ''}.`,
        range: r.citation.range,
      });
    }
  },
};

export default rule;
