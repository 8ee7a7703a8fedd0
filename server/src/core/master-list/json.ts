// The master list as JSON for other tools: an array of one object per document, each built key by
// key so the keys and their order are fixed (id, title, type, revision, status, effectiveDate,
// owner, nextReview, approvals, path, references, supersededBy, training), whatever order the
// row was assembled in. Absent scalars are null; lists are arrays, empty when there is nothing;
// supersededBy is null when the document names no successor.
import type { MasterListRow } from './rows';

export function formatMasterListJson(rows: MasterListRow[]): string {
  const out = rows.map((r) => ({
    id: r.id,
    title: r.title,
    type: r.type,
    revision: r.revision,
    status: r.status,
    effectiveDate: r.effectiveDate,
    owner: r.owner,
    nextReview: r.nextReview,
    approvals: r.approvals.map((a) => ({ role: a.role, name: a.name, date: a.date })),
    path: r.path,
    references: [...r.references],
    supersededBy: r.supersededBy && r.supersededBy.map((s) => ({ id: s.id, exists: s.exists })),
    training: [...r.training],
  }));
  return JSON.stringify(out, null, 2) + '\n';
}
