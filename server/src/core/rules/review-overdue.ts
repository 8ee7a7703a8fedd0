import { addMonths, isIsoDate } from '../dates';
import type { ControlledDocument, FieldValue } from '../document';
import { defineRule } from '../rule';
import { detectEol } from '../text';
import type { Fix } from '../types';
import { replaceScalar } from '../replace-scalar';
import { basis, requiresSentence } from './shared/requirement';
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
    let months: number | undefined;
    if (next) {
      // An unreadable next_review is field-invalid's or field-placeholder's finding, not a guess here.
      if (!isIsoDate(next.text)) return;
      due = next.text;
      source = next.key;
    } else if (effective && isIsoDate(effective.text)) {
      months = reviewPeriod(doc, config.reviewPeriodMonths);
      if (!months) return;
      due = addMonths(effective.text, months);
      range = effective.valueRange;
      source = `${months} months after ${effective.key}`;
    }
    if (!due || !range || due >= today) return;
    const days = daysBetween(due, today);
    const period = months ?? reviewPeriod(doc, config.reviewPeriodMonths);
    const record = recordReview(doc, next, effective, period, config.fields.next_review?.[0] ?? 'next_review', today);
    const clause = ctx.profile?.reviewClause;
    const why = requiresSentence(ctx, clause, 'documents to be reviewed, and updated and re-approved as necessary');
    report({
      // The interval is the document's or the configuration's: the clause asks for review, not for a period.
      message: `Periodic review overdue since ${due}, ${plural(days, 'day')} ago${basis(ctx, clause)}.`,
      detail: `Due ${due} (${source}). The interval is your own. ${why} Review the document and set a new ${config.fields.next_review?.[0] ?? 'next_review'}.`,
      range,
      ...(record ? { suggestions: [record] } : {}),
    });
  },
});

/** The document's review_period_months when it is a whole number above zero, else the configuration's. */
function reviewPeriod(doc: ControlledDocument, configured: number | undefined): number | undefined {
  const own = doc.fields.get('review_period_months');
  return own && /^\d+$/.test(own.text) && Number(own.text) > 0 ? Number(own.text) : configured;
}

/**
 * "Record the review": next_review set to the first date of the document's review cycle
 * (effective_date plus whole periods) after today. A suggestion only: it states that the
 * review was done, which only the reviewer can.
 */
function recordReview(doc: ControlledDocument, next: FieldValue | undefined, effective: FieldValue | undefined, months: number | undefined, key: string, today: string): Fix | undefined {
  if (!effective || !isIsoDate(effective.text) || !months) return undefined;
  let cycles = 1;
  while (addMonths(effective.text, cycles * months) <= today) cycles++;
  const due = addMonths(effective.text, cycles * months);
  const title = `Record the review: set ${next?.key ?? key} to ${due}`;
  if (next) return { title, edits: [replaceScalar(doc.parsed.text, next.valueRange, due)] };
  // No next_review yet: a line of its own under effective_date, indented as that key is.
  const text = doc.parsed.text;
  const lineStart = text.lastIndexOf('\n', effective.keyRange.start - 1) + 1;
  const nl = text.indexOf('\n', effective.valueRange.end);
  if (nl < 0) return undefined;
  const indent = text.slice(lineStart, effective.keyRange.start);
  if (indent.trim()) return undefined; // a flow mapping: no line of its own to add
  return { title, edits: [{ start: nl + 1, end: nl + 1, text: `${indent}${key}: ${due}${detectEol(text)}` }] };
}

export default rule;
