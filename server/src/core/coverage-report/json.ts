// Coverage as JSON for other tools. Every object is built key by key here, so
// the key order is fixed whatever order the matrix was assembled in, and
// absent values are null rather than missing: a consumer sees one shape.
import type { CoverageReport } from './report';

export function formatCoverageJson(report: CoverageReport): string {
  const out = {
    tool: 'qmslint',
    version: report.version,
    standards: report.standards.map((s) => ({
      standard: s.standard,
      title: s.title,
      summary: {
        clauses: s.summary.clauses,
        covered: s.summary.covered,
        partial: s.summary.partial,
        draftOnly: s.summary.draftOnly,
        uncontrolled: s.summary.uncontrolled,
        notCovered: s.summary.notCovered,
        required: s.summary.required,
        requiredCovered: s.summary.requiredCovered,
        requiredPartial: s.summary.requiredPartial,
      },
      groups: s.groups.map((g) => ({
        id: g.id,
        label: g.label,
        title: g.title,
        clauses: g.clauses,
        covered: g.covered,
        partial: g.partial,
        draftOnly: g.draftOnly,
        uncontrolled: g.uncontrolled,
        notCovered: g.notCovered,
        required: g.required,
        requiredCovered: g.requiredCovered,
        requiredPartial: g.requiredPartial,
      })),
      clauses: s.clauses.map((c) => ({
        clause: {
          id: c.id,
          label: c.label,
          title: c.title,
          parent: c.parent ?? null,
          documentedProcedure: c.documentedProcedure,
          documentedProcess: c.documentedProcess,
          documentedInformation: c.documentedInformation,
          records: c.records,
          incorporated: c.incorporated ? { standard: c.incorporated.standard, title: c.incorporated.title, by: c.incorporated.by } : null,
        },
        group: c.group,
        state: c.state,
        required: c.required,
        documents: c.documents.map((d) => ({
          path: d.path,
          id: d.id ?? null,
          title: d.title ?? null,
          status: d.status ?? null,
          line: d.line,
          column: d.column,
          via: d.via,
          from: d.from ? { standard: d.from.standard, title: d.from.title, clause: d.from.clause } : null,
          cites: d.cites ?? null,
          requiresOwn: d.requiresOwn ? { clause: d.requiresOwn.clause, kind: d.requiresOwn.kind } : null,
          controlled: d.controlled,
          counts: d.counts,
        })),
      })),
      uncontrolledDocuments: [...s.uncontrolledDocuments],
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
