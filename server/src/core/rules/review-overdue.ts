import { addMonths, isIsoDate } from '../dates';
import { defineRule } from '../rule';
import { requires } from './shared/requirement';
import { plural } from '../words';

const LIVE_STATUSES = ['approved', 'effective'];

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const rule = defineRule({
  meta: {
    id: 'review-overdue',
    description: 'An approved or effective document must be reviewed by its next review date.',
    rationale: ['ISO 13485:2016 4.2.4 b)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: { today: true },
  },
  check(ctx, report) {
    const { doc, config, today } = ctx;
    const status = doc.fields.get('status')?.text ?? '';
    if (!doc.controlled || !LIVE_STATUSES.includes(status)) return;
    const next = doc.fields.get('next_review');
    const effective = doc.fields.get('effective_date');
    let due: string | undefined;
    let range = next?.valueRange;
    let source = '';
    if (next) {
      // An unreadable next_review is field-invalid's or field-placeholder's finding, not a guess here.
      if (!isIsoDate(next.text)) return;
      due = next.text;
      source = `\`${next.key}\``;
    } else if (effective && isIsoDate(effective.text)) {
      const own = doc.fields.get('review_period_months');
      const months = own && /^\d+$/.test(own.text) && Number(own.text) > 0 ? Number(own.text) : config.reviewPeriodMonths;
      if (!months) return;
      due = addMonths(effective.text, months);
      range = effective.valueRange;
      source = `${months} months after \`${effective.key}\``;
    }
    if (!due || !range || due >= today) return;
    const days = daysBetween(due, today);
    const why = requires(ctx, ctx.profile?.reviewClause, 'documents to be reviewed, and updated and re-approved as necessary');
    report({
      // The interval is the document's or the configuration's: the clause asks for review, not for a period.
      message: `Periodic review overdue: due ${due} (${source}), ${plural(days, 'day')} ago. The interval is your own, and ${why}; review the document and set a new \`next_review\`.`,
      range,
    });
  },
});

export default rule;
