import { fieldText } from '../document';
import { resolvedCitations } from '../coverage';
import type { DocumentRule } from '../rule';
import type { Report } from '../types';

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
    for (const r of resolvedCitations(doc, catalog, config.standard)) {
      const c = r.citation;
      const entry = r.entry;
      if (entry && !r.publisherOk && c.publisherRange) {
        report({
          message: `${c.number} is published by ${entry.publisher}, not ${c.publisher}: write ${entry.publisher} ${entry.number}.`,
          range: c.publisherRange,
          fix: { title: `Change publisher to ${entry.publisher}`, edits: [{ ...c.publisherRange, text: entry.publisher }] },
        });
      }
      if (entry && (r.edition === 'withdrawn' || r.edition === 'unknown') && c.editionRange) {
        const current = entry.editions.find((e) => e.status === 'current');
        const known = entry.editions.map((e) => `${e.edition} (${e.status})`).join(', ');
        const what = r.edition === 'withdrawn' ? `${entry.publisher} ${entry.number}:${c.edition} is withdrawn` : `${entry.publisher} ${entry.number} has no ${c.edition} edition`;
        const out: Report = {
          message: `${what}; cite ${current ? `the current edition, ${entry.publisher} ${entry.number}:${current.edition}` : `a published edition`}. Known editions: ${known}.`,
          range: c.editionRange,
        };
        if (current) out.fix = { title: `Change edition to ${current.edition}`, edits: [{ ...c.editionRange, text: current.edition }] };
        report(out);
      }
      if (r.superseded) {
        const s = r.superseded;
        report({
          message: `21 CFR ${s.id} (${s.title}) was superseded when the QMSR took effect on 2026-02-02${s.replacedBy ? `; cite ${s.replacedBy} instead` : ''}.`,
          range: c.range,
        });
      }
    }
  },
};

export default rule;
