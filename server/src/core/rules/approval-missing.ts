import { isPlaceholder } from '../placeholders';
import type { DocumentContext, DocumentRule } from '../rule';

const DEFAULT_ROLES = ['author', 'reviewer', 'approver'];

/** Statuses that claim the document was approved. Drafts and documents in review are not yet. */
export const APPROVED_STATUSES = ['approved', 'effective', 'obsolete'];

/** Roles that must sign this document's type, in signing order; SOP roles when the type is unknown. */
export function requiredRoles(ctx: DocumentContext): string[] {
  return ctx.typeProfile?.approvals ?? DEFAULT_ROLES;
}

/**
 * What `clause` requires, in the words of the pack's profile when it has them (`requirements`),
 * else `what`: the rules' built-in wording follows ISO 13485:2016 4.2.4 and is not true of every
 * standard's clause (ISO 9001:2015 7.5.3.2 d) is retention and disposition, not obsolete documents).
 */
export function requirement(ctx: Pick<DocumentContext, 'profile'>, clause: string, what: string): string {
  return ctx.profile?.requirements?.[clause] ?? what;
}

/** What the built-in wording says of the availability clause (ISO 13485:2016 4.2.4 d)). */
export const AVAILABILITY = 'the relevant versions of documents to be available where they are used';

/** "ISO 13485:2016 4.2.4 a) requires ...", or a plain statement when there is no profile to cite. */
export function requires(ctx: DocumentContext, clause: string | undefined, what: string): string {
  return clause ? `${ctx.cite(clause)} requires ${requirement(ctx, clause, what)}` : `document control requires ${what}`;
}

const rule: DocumentRule = {
  id: 'approval-missing',
  description: "An approved or effective document's approvals must include every role its type requires.",
  rationale: ['ISO 13485:2016 4.2.4 a)'],
  severity: 'error',
  scope: 'document',
  fixable: false,
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
      const why = requires(ctx, ctx.profile?.approvalClause, 'review and approval before issue');
      report({
        message: `No approval by \`${role}\`: ${why}. Add \`- {role: ${role}, name: ..., date: ...}\` under ${approvals.key}.`,
        range: approvals.keyRange,
      });
    }
  },
};

export default rule;
