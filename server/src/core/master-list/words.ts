// How the list's composite cells read in words, for the text formats (Markdown, CSV): one
// approval, a successor, a count of documents per status. JSON keeps them as data; the HTML page
// marks them up itself but says the same words.
import type { MasterListApproval, MasterListRow, Successor } from './rows';

/** "approver: Lena Brandt, 2026-02-14"; a missing part is said, not left blank. */
export function approvalWords(a: MasterListApproval): string {
  return `${a.role ?? 'no role'}: ${a.name ?? 'no name'}, ${a.date ?? 'no date'}`;
}

/** What the list says of a successor no controlled document of the list has. */
export const MISSING_SUCCESSOR = 'not in the workspace';

/** "SOP-010", or "SOP-099 (not in the workspace)". */
export function successorWords(s: Successor): string {
  return s.exists ? s.id : `${s.id} (${MISSING_SUCCESSOR})`;
}

/** "7 controlled documents: 5 effective, 1 draft, 1 no status", statuses in order of first appearance in the list. */
export function summaryWords(rows: MasterListRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.status ?? 'no status', (counts.get(r.status ?? 'no status') ?? 0) + 1);
  const total = `${rows.length} controlled document${rows.length === 1 ? '' : 's'}`;
  return counts.size ? `${total}: ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')}` : total;
}
