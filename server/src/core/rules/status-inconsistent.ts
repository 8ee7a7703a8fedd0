import { isIsoDate } from '../dates';
import { defineRule } from '../rule';
import { requiredRoles } from './shared/required-roles';
import { basis, requiresSentence } from './shared/requirement';

const rule = defineRule({
  meta: {
    id: 'status-inconsistent',
    description: 'The status must agree with the effective date, the approvals and supersession.',
    rationale: ['ISO 13485:2016 4.2.4 a)', 'ISO 13485:2016 4.2.4 h)'],
    severity: 'error',
    scope: 'document',
    fixable: false,
    needs: { today: true },
  },
  check(ctx, report) {
    const { doc, today, profile } = ctx;
    const status = doc.fields.get('status');
    if (!doc.controlled || !status || !status.text) return;
    const range = status.valueRange;

    const effective = doc.fields.get('effective_date');
    if (status.text === 'effective' && effective && isIsoDate(effective.text) && effective.text > today) {
      const why = requiresSentence(ctx, profile?.changeClause, 'the current revision status to be identified');
      report({
        message: `Status is effective before its ${effective.key}${basis(ctx, profile?.changeClause)}.`,
        detail: `${effective.key} ${effective.text} is still in the future, so the status does not say where this revision stands. ${why} Use approved until that date, or correct the date.`,
        range,
      });
    }

    if ((status.text === 'effective' || status.text === 'approved') && !doc.approvals.length && requiredRoles(ctx).length) {
      const why = requiresSentence(ctx, profile?.approvalClause, 'review and approval before issue');
      report({
        message: `Status is ${status.text} but no approval is recorded${basis(ctx, profile?.approvalClause)}.`,
        detail: `${why} Record the approvals (${requiredRoles(ctx).join(', ')}) under approvals, or set the status back to draft.`,
        range,
      });
    }

    const superseded = doc.fields.get('superseded_by');
    const replaced = superseded && (superseded.text !== '' || (Array.isArray(superseded.value) && superseded.value.length > 0));
    if (status.text === 'obsolete' && !replaced) {
      // The status already identifies the document as obsolete; naming its successor is how a reader
      // who lands here is sent on to the document in force. The clause does not ask for the name.
      const why = requiresSentence(ctx, profile?.obsoleteClause, 'obsolete documents to be kept from unintended use');
      report({
        message: `Status is obsolete but superseded_by is not set${basis(ctx, profile?.obsoleteClause)}.`,
        detail: `Name the document that replaces it, for example superseded_by: SOP-010, so readers are sent to the one in force. ${why}`,
        range,
      });
    }
  },
});

export default rule;
