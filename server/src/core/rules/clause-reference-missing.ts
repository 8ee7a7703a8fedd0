import { clauseLabel } from '../standards/label';
import { fieldText } from '../document';
import { resolvedCitations } from '../resolve';
import { defineRule } from '../rule';

/** Document types that implement requirements and so must say which. */
const DEFAULT_TYPES = ['SOP', 'POL', 'MAN', 'WI', 'PLN'];

const rule = defineRule({
  meta: {
    id: 'clause-reference-missing',
    description: 'A procedure must cite the clauses of its standard it implements, and declared clauses must exist.',
    rationale: ['ISO 13485:2016 4.2.1 c)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
    options: {
      type: 'object',
      properties: { types: { type: 'array', items: { type: 'string' }, description: 'Document types that must cite clauses (default SOP, POL, MAN, WI, PLN).' } },
      additionalProperties: false,
    },
  },
  check({ doc, catalog, config, standard, options }, report) {
    if (!doc.controlled || !standard) return;
    const resolved = resolvedCitations(doc, catalog, config.standard);
    for (const r of resolved) {
      const c = r.citation;
      if (c.form !== 'front-matter' || !r.pack || r.superseded || catalog.clause(r.pack.id, c.clause)) continue;
      const candidates = catalog.suggest(r.pack.id, c.clause);
      report({
        message: `Declared clause ${c.clause} does not exist in ${r.pack.title}.`,
        detail: `${candidates.length ? `Did you mean ${candidates.join(' or ')}? ` : ''}Fix the entry under clauses in the front matter.`,
        range: c.range,
      });
    }
    const types = (options.types as string[] | undefined) ?? DEFAULT_TYPES;
    const type = fieldText(doc, 'type');
    if (!type || !types.includes(type) || fieldText(doc, 'status') === 'obsolete') return;
    // A standard's clauses include those it incorporates: ISO 13485:2016's under 21 CFR 820 (820.10).
    const families = new Set([standard.family, ...catalog.incorporated(standard.id).map((i) => i.pack.family)]);
    const citesOwn = resolved.some((r) => r.pack && families.has(r.pack.family) && catalog.clause(r.pack.id, r.citation.clause));
    if (!citesOwn) {
      const at = doc.fields.get('clauses')?.keyRange ?? doc.fields.get('id')?.keyRange ?? doc.h1?.range ?? { start: 0, end: 0 };
      report({
        message: `This ${type} cites no clause of ${standard.title}.`,
        detail: `Add the clauses it implements under clauses in the front matter, or cite them in the text (for example ${clauseLabel(standard.title, standard.clauses.find((c) => c.documentedProcedure)?.id ?? standard.clauses[0]?.id ?? '')}).`,
        range: at,
      });
    }
  },
});

export default rule;
