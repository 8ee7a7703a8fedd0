import { isNewRevision, historyRows, revisionMove, rowKey } from '../changes';
import { isIsoDate } from '../dates';
import { fieldText } from '../document';
import { defineRule } from '../rule';
import { newestRow } from './shared/newest-row';
import { requirement } from './shared/requirement';

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
  check({ doc, base, profile, cite }, report) {
    // Without a history section at all, revision-history-missing reports.
    if (!base || !doc.controlled || !base.controlled || !doc.history) return;
    if (!isNewRevision(revisionMove(base, doc))) return;
    const field = doc.fields.get('revision')!;
    const before = fieldText(base, 'revision');
    const after = field.text;
    const why = profile?.changeClause ? `${cite(profile.changeClause)} requires ${requirement({ profile }, profile.changeClause, 'changes to be identified')}` : 'changes must be identified';

    const rows = historyRows(doc, after);
    if (!rows.length) {
      report({
        message: `Revision changed from ${before} to ${after}, but the Revision History has no row for ${after}: ${why}. Add a row for ${after} with its date, author and what changed.`,
        range: field.valueRange,
      });
      return;
    }
    // The row describing this change is the newest row for the revision (the last listed).
    const row = rows[rows.length - 1];
    const earlier = new Set(historyRows(base, after).map(rowKey));
    if (earlier.has(rowKey(row))) {
      report({
        message: `Revision changed from ${before} to ${after}, but the history row for ${after} was already there, unchanged, before this change: ${why}. Describe this change in the row for ${after} (date, author, what changed).`,
        range: row.range,
      });
      return;
    }
    const previous = base.history ? newestRow(base.history) : undefined;
    const prevDate = previous?.date?.text;
    const date = row.date;
    if (date && prevDate && isIsoDate(date.text) && isIsoDate(prevDate) && date.text < prevDate) {
      report({
        message: `The history row for revision ${after} is dated ${date.text}, before the previous newest row${previous?.revision?.text ? ` (${previous.revision.text})` : ''} dated ${prevDate}: a new revision cannot predate the one it replaces, and ${why}. Date it when the change was made.`,
        range: date.range,
      });
    }
  },
});

export default rule;
