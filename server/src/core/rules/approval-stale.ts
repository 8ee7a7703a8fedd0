import { isIsoDate } from '../dates';
import { sameRevision } from '../revision';
import { defineRule } from '../rule';
import { basis, requiresSentence } from './shared/requirement';

/** Statuses in which the approvals must be those of the current text. */
const LIVE_STATUSES = ['approved', 'effective'];

const rule = defineRule({
  meta: {
    id: 'approval-stale',
    description: "The approvals of an approved or effective document must not predate its current revision's history row.",
    rationale: ['ISO 13485:2016 4.2.4 b)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check(ctx, report) {
    const { doc } = ctx;
    const status = doc.fields.get('status')?.text ?? '';
    const revision = doc.fields.get('revision')?.text;
    if (!doc.controlled || !LIVE_STATUSES.includes(status) || !revision || !doc.history) return;
    // The row that introduced the current revision (the last one, if it is listed twice).
    const row = [...doc.history.rows].reverse().find((r) => r.revision && sameRevision(r.revision.text, revision));
    const changed = row?.date?.text;
    if (!changed || !isIsoDate(changed)) return;
    for (const approval of doc.approvals) {
      const date = approval.date;
      if (!date || !isIsoDate(date.text) || date.text >= changed) continue;
      const who = [approval.role?.text, approval.name?.text].filter(Boolean).join(' ') || 'this approval';
      const clause = ctx.profile?.reviewClause;
      report({
        message: `Approval of ${date.text} predates revision ${revision} of ${changed}${basis(ctx, clause)}.`,
        detail: `The approval by ${who} approved an earlier text. ${requiresSentence(ctx, clause, 'changed documents to be approved again')} Have revision ${revision} approved and update the date.`,
        range: date.valueRange,
      });
    }
  },
});

export default rule;
