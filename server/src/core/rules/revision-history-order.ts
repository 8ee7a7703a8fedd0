import { isIsoDate } from '../dates';
import { compareRevisions, parseRevision, type Revision } from '../revision';
import { defineRule } from '../rule';
import { changeRecord } from './shared/change-record';

const rule = defineRule({
  meta: {
    id: 'revision-history-order',
    description: 'Revision history rows must run consistently oldest-first or newest-first, in revision and date, without repeating a revision.',
    rationale: ['ISO 13485:2016 4.2.4 c)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check(ctx, report) {
    const { doc } = ctx;
    const { on, note } = changeRecord(ctx);
    const history = doc.history;
    if (!doc.controlled || !history?.table) return;
    const rows = history.rows
      .filter((r) => r.cells.some((c) => c.source !== ''))
      .map((row) => ({
        row,
        rev: row.revision ? parseRevision(row.revision.text) : undefined,
        date: row.date && isIsoDate(row.date.text) ? row.date.text : undefined,
      }));
    const comparable = (a?: Revision, b?: Revision) => (a && b ? compareRevisions(a, b) : undefined);

    // The table's direction is set by its first pair of different revisions (or, failing that, dates).
    let direction = 0;
    for (let i = 1; i < rows.length && !direction; i++) direction = Math.sign(comparable(rows[i].rev, rows[i - 1].rev) ?? 0);
    for (let i = 1; i < rows.length && !direction; i++) {
      const [a, b] = [rows[i - 1].date, rows[i].date];
      if (a && b && a !== b) direction = b > a ? 1 : -1;
    }
    if (!direction) direction = 1;
    const order = direction > 0 ? 'oldest first' : 'newest first';

    const seen = new Map<string, number>();
    rows.forEach((cur, i) => {
      const n = history.rows.indexOf(cur.row) + 1;
      if (cur.rev && cur.row.revision) {
        const key = `${cur.rev.scheme}:${cur.rev.parts.join('.')}`;
        const first = seen.get(key);
        if (first !== undefined) {
          report({
            message: `Revision ${cur.rev.text} appears twice, in rows ${first} and ${n}${on}.`,
            detail: `Each change needs its own revision; renumber this row or merge the two.${note}`,
            range: cur.row.revision.range,
          });
          return;
        }
        seen.set(key, n);
      }
      if (i === 0) return;
      const prev = rows[i - 1];
      const cmp = comparable(cur.rev, prev.rev);
      if (cmp !== undefined && Math.sign(cmp) === -direction && cur.row.revision) {
        report({
          message: `Revision ${cur.rev!.text} comes after ${prev.rev!.text}, out of order${on}.`,
          detail: `The table runs ${order}: put the rows in revision order.${note}`,
          range: cur.row.revision.range,
        });
        return;
      }
      // Dates follow the revisions: a newer revision is not dated before an older one.
      if (cmp && cur.date && prev.date && cur.row.date && Math.sign(cur.date.localeCompare(prev.date)) === -Math.sign(cmp)) {
        const relation = cmp > 0 ? 'before' : 'after';
        report({
          message: `Revision ${cur.rev!.text} is dated ${relation} revision ${prev.rev!.text}${on}.`,
          detail: `Revision ${cur.rev!.text} is dated ${cur.date}, revision ${prev.rev!.text} ${prev.date}: dates must follow the revision order; check both dates.${note}`,
          range: cur.row.date.range,
        });
      }
    });
  },
});

export default rule;
