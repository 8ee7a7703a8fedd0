import { computeCoverage } from '../coverage';
import { fieldText } from '../document';
import type { WorkspaceRule } from '../rule';

const rule: WorkspaceRule = {
  id: 'coverage-gap',
  description: 'Every clause that requires a documented procedure (or process) must be covered by an approved or effective document.',
  rationale: ['ISO 13485:2016 4.2.1 c)', 'ISO 9001:2015 7.5.1'],
  severity: 'warning',
  scope: 'workspace',
  fixable: false,
  check({ index, catalog, config }, report) {
    const controlled = index.documents.filter((d) => fieldText(d, 'id'));
    if (!controlled.length) return; // nothing here is a QMS yet
    // Only the clauses that require a document can be gaps: the others are not worth computing on every keystroke.
    const matrix = computeCoverage(index, catalog, config.standard, config.standard, (c) => Boolean(c.documentedProcedure || c.documentedProcess));
    if (!matrix) return;
    // Gaps are about the whole QMS: they go to the config file, else the quality manual, else the first document.
    const home =
      config.file ?? (controlled.find((d) => fieldText(d, 'type') === 'MAN') ?? controlled[0]).path;
    for (const c of matrix.clauses) {
      if (!c.required || c.state === 'covered') continue;
      const drafts = c.documents.map((d) => d.id ?? d.path).join(', ');
      const what = c.clause.documentedProcedure ? 'a documented procedure' : 'a documented process';
      report(home, {
        message:
          c.state === 'draft-only'
            ? `${matrix.title} ${c.clause.id} (${c.clause.title}) requires ${what}, and only drafts cover it (${drafts}); approve one.`
            : `${matrix.title} ${c.clause.id} (${c.clause.title}) requires ${what}, and no document cites it; write one, or cite the clause in the document that implements it.`,
        range: { start: 0, end: 0 },
      });
    }
  },
};

export default rule;
