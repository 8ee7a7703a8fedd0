// Which revision history row is the newest: revision-mismatch compares it with the front matter,
// change-without-history and front-matter-missing read its revision.
import { isIsoDate } from '../../dates';
import type { HistoryRow, RevisionHistory } from '../../document';
import { compareRevisions, parseRevision, type Revision } from '../../revision';

/**
 * The history row for the newest revision: the highest revision when every row's
 * revision parses in one scheme; otherwise the latest date when every row has an
 * ISO date; otherwise the last row. Ties go to the row further down the table.
 */
export function newestRow(history: RevisionHistory): HistoryRow | undefined {
  const rows = history.rows.filter((r) => r.cells.some((c) => c.source !== ''));
  if (!rows.length) return undefined;
  const revisions = rows.map((r) => (r.revision ? parseRevision(r.revision.text) : undefined));
  if (revisions.every((r): r is Revision => r !== undefined && r.scheme === revisions[0]!.scheme)) {
    let best = 0;
    revisions.forEach((r, i) => {
      if (compareRevisions(r, revisions[best]!)! >= 0) best = i;
    });
    return rows[best];
  }
  const dates = rows.map((r) => r.date?.text ?? '');
  if (dates.every(isIsoDate)) {
    let best = 0;
    dates.forEach((d, i) => {
      if (d >= dates[best]) best = i;
    });
    return rows[best];
  }
  return rows[rows.length - 1];
}
