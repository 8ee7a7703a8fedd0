import { isIsoDate } from '../dates';
import type { Approval } from '../document';
import { defineRule } from '../rule';
import { requiredRoles } from './shared/required-roles';
import { basis, capitalise, requiresSentence } from './shared/requirement';

function describe(a: Approval): string {
  return [a.role?.text, a.name?.text].filter(Boolean).join(' ') || 'an approver';
}

const rule = defineRule({
  meta: {
    id: 'approval-order',
    description: "A document must not take effect before it is approved, and sign-offs must follow its type's role order.",
    rationale: ['ISO 13485:2016 4.2.4 a)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check(ctx, report) {
    const { doc } = ctx;
    if (!doc.controlled) return;
    const dated = doc.approvals.filter((a) => a.date && isIsoDate(a.date.text));

    const effective = doc.fields.get('effective_date');
    if (effective && isIsoDate(effective.text)) {
      const after = dated.filter((a) => a.date!.text > effective.text).sort((a, b) => b.date!.text.localeCompare(a.date!.text));
      if (after.length) {
        const last = after[0];
        const clause = ctx.profile?.approvalClause;
        report({
          message: `Effective ${effective.text}, before the approval of ${last.date!.text}${basis(ctx, clause)}.`,
          detail: `The approval by ${describe(last)} is dated ${last.date!.text}. ${requiresSentence(ctx, clause, 'approval before issue')} Set ${effective.key} on or after ${last.date!.text}.`,
          range: effective.valueRange,
        });
      }
    }

    // Sign-offs in the profile's order: the author before the reviewer, the reviewer before the approver.
    const order = requiredRoles(ctx).map((r) => r.toLowerCase());
    const rank = (a: Approval) => order.indexOf(a.role?.text.toLowerCase() ?? '');
    for (const later of dated) {
      if (rank(later) < 0) continue;
      const earlier = dated
        .filter((a) => rank(a) >= 0 && rank(a) < rank(later) && a.date!.text > later.date!.text)
        .sort((a, b) => rank(a) - rank(b))[0];
      if (!earlier) continue;
      report({
        // No clause sets an order of sign-offs: it is the order of the profile's roles, a house rule.
        message: `${capitalise(later.role!.text)} signed before the ${earlier.role!.text}; your configuration requires the ${earlier.role!.text} first.`,
        detail: `${capitalise(describe(later))} signed on ${later.date!.text}, before ${describe(earlier)} (${earlier.date!.text}). Your configuration requires sign-offs in the order ${order.join(', ')}; check the dates.`,
        range: later.date!.valueRange,
      });
    }
  },
});

export default rule;
