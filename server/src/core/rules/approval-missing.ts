import { isPlaceholder } from '../placeholders';
import { defineRule } from '../rule';
import { requiredRoles } from './shared/required-roles';
import { basis, requiresSentence } from './shared/requirement';

/** Statuses that claim the document was approved. Drafts and documents in review are not yet. */
export const APPROVED_STATUSES = ['approved', 'effective', 'obsolete'];

const rule = defineRule({
  meta: {
    id: 'approval-missing',
    description: "An approved or effective document's approvals must include every role its type requires.",
    rationale: ['ISO 13485:2016 4.2.4 a)'],
    severity: 'error',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check(ctx, report) {
    const { doc } = ctx;
    const status = doc.fields.get('status')?.text ?? '';
    const approvals = doc.fields.get('approvals');
    // No approvals at all is status-inconsistent's finding ("effective, but nothing approved it").
    if (!doc.controlled || !APPROVED_STATUSES.includes(status) || !approvals || !doc.approvals.length) return;
    // A role still to be filled in (`role: "{{ role }}"`, `<enter role>`) may be any of them: field-placeholder reports it first.
    if (doc.approvals.some((a) => a.role && isPlaceholder(doc.parsed.text.slice(a.role.valueRange.start, a.role.valueRange.end)))) return;
    const present = new Set(doc.approvals.map((a) => a.role?.text.toLowerCase()).filter(Boolean));
    for (const role of requiredRoles(ctx)) {
      if (present.has(role.toLowerCase())) continue;
      const clause = ctx.profile?.approvalClause;
      report({
        message: `No approval by ${role}${basis(ctx, clause)}.`,
        detail: `${requiresSentence(ctx, clause, 'review and approval before issue')} Add "- {role: ${role}, name: ..., date: ...}" under ${approvals.key}.`,
        range: approvals.keyRange,
      });
    }
  },
});

export default rule;
