import { designation, resolvedCitations } from '../resolve';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'clause-unknown',
    description: 'A cited clause must exist in the cited standard.',
    rationale: ['ISO 13485:2016 4.2.4 a)'],
    severity: 'error',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check({ doc, catalog, config }, report) {
    for (const r of resolvedCitations(doc, catalog, config.standard)) {
      const c = r.citation;
      // Declared `clauses:` entries are clause-reference-missing's; old QSR sections are clause-edition's.
      if (!r.pack || c.form === 'front-matter' || r.superseded || c.part) continue;
      const clause = catalog.clause(r.pack.id, c.clause);
      const name = designation(r);
      // A number read as this standard's from its context (a standard named earlier in the
      // sentence, or only in the document) may be another source's: a warning, never an error.
      const unsure = r.certain ? {} : { severity: 'warning' as const };
      const context = r.certain ? '' : ` It is read as ${name} from its context; if it numbers something else, name that source next to it.`;
      // The message names the clause and the standard; what to check goes in the detail.
      if (!clause) {
        const candidates = likelyMeant(c.clause, catalog.suggest(r.pack.id, c.clause));
        const hint = candidates.length ? `Did you mean ${candidates.map((id) => `${id} (${catalog.clause(r.pack!.id, id)?.title})`).join(' or ')}?` : '';
        report({
          message: `${name} has no clause ${c.clause}.`,
          detail: `${hint || `Check the number against the standard (qmslint standards show ${r.pack.id}).`}${context}`,
          range: c.clauseRange,
          ...unsure,
          // Suggestions, never a fix: another clause number changes what the document claims to implement.
          ...(candidates.length
            ? { suggestions: candidates.map((id) => ({ title: `Change ${c.clause} to ${id}`, edits: [{ start: c.clauseRange.start, end: c.clauseRange.end, text: id }] })) }
            : {}),
        });
      } else if (c.item && clause.items?.length && !clause.items.includes(c.item.toLowerCase())) {
        report({
          message: `${name} ${c.clause} has no item ${c.item}).`,
          detail: `Its items are ${clause.items.map((i) => i + ')').join(', ')}.${context}`,
          range: c.range,
          ...unsure,
        });
      }
    }
  },
});

/**
 * A candidate with exactly the cited digits (4.21 -> 4.2.1: a dot lost or
 * moved) is almost surely what was meant; otherwise offer all candidates.
 */
function likelyMeant(cited: string, candidates: string[]): string[] {
  const digits = (s: string) => s.replace(/\D/g, '');
  const same = candidates.filter((c) => digits(c) === digits(cited));
  return same.length === 1 ? same : candidates;
}

export default rule;
