import { isNewRevision, historyRows, revisionMove, rowKey } from '../changes';
import { isIsoDate } from '../dates';
import { fieldText } from '../document';
import { defineRule } from '../rule';
import { newestRow } from './shared/newest-row';
import { basis, requiresSentence } from './shared/requirement';

const rule = defineRule({
  meta: {
    id: 'change-without-history',
    description: 'A new revision must add a revision history row for it, dated no earlier than the previous newest row.',
    rationale: ['ISO 13485:2016 4.2.4 c)'],
    severity: 'error',
    scope: 'change',
    fixable: false,
    needs: { base: true },
  },
  check(ctx, report) {
    const { doc, base, profile } = ctx;
    // Without a history section at all, revision-history-missing reports.
    if (!base || !doc.controlled || !base.controlled || !doc.history) return;
    if (!isNewRevision(revisionMove(base, doc))) return;
    const field = doc.fields.get('revision')!;
    const before = fieldText(base, 'revision');
    const after = field.text;
    const clause = profile?.changeClause;
    const on = basis(ctx, clause);
    const why = requiresSentence(ctx, clause, 'changes to be identified');

    const rows = historyRows(doc, after);
    if (!rows.length) {
      report({
        message: `Revision changed from ${before} to ${after}, but the history has no row for ${after}${on}.`,
        detail: `${why} Add a row for ${after} to the Revision History with its date, author and what changed.`,
        range: field.valueRange,
      });
      return;
    }
    // The row describing this change is the newest row for the revision (the last listed).
    const row = rows[rows.length - 1];
    const earlier = new Set(historyRows(base, after).map(rowKey));
    if (earlier.has(rowKey(row))) {
      report({
        message: `The history row for ${after} was already there before this change${on}.`,
        detail: `Revision changed from ${before} to ${after}, but the row for ${after} is unchanged since the base, so it does not describe this change. ${why} Describe this change in the row for ${after} (date, author, what changed).`,
        range: row.range,
      });
      return;
    }
    const previous = base.history ? newestRow(base.history) : undefined;
    const prevDate = previous?.date?.text;
    const date = row.date;
    if (date && prevDate && isIsoDate(date.text) && isIsoDate(prevDate) && date.text < prevDate) {
      report({
        message: `The history row for ${after} is dated before the previous newest row${on}.`,
        detail: `Revision ${after} is dated ${date.text}, the previous newest row${previous?.revision?.text ? ` (${previous.revision.text})` : ''} ${prevDate}: a new revision cannot predate the one it replaces. ${why} Date it when the change was made.`,
        range: date.range,
      });
    }
  },
});

export default rule;
