import { approvalVerdicts } from '../approvals/verdict';
import { defineRule } from '../rule';
import { basis } from './shared/requirement';

/** Statuses that claim the current revision was approved. */
const LIVE_STATUSES = ['approved', 'effective'];

const rule = defineRule({
  meta: {
    id: 'approval-unverified',
    description: 'Each approval of an approved or effective document must be proven from git: a verified signature or an approving review of the approved content.',
    rationale: ['ISO 13485:2016 4.2.4 a)'],
    severity: 'error',
    scope: 'document',
    fixable: false,
    needs: { evidence: true },
  },
  check(ctx, report) {
    const { doc, config, evidence } = ctx;
    // Only with `approvals: {evidence: required}`, and only where the run read git (the CLI): the
    // editor gives no evidence, and an approval is never reported as unproven for want of a look.
    if (config.approvals?.evidence !== 'required' || evidence === undefined) return;
    const status = doc.fields.get('status')?.text ?? '';
    if (!doc.controlled || !LIVE_STATUSES.includes(status)) return;
    const history = evidence ?? { touched: [], others: [], unknownCommits: [], reviews: [] };
    for (const v of approvalVerdicts(doc, config, history)) {
      if (v.evidence !== 'missing') continue;
      const who = [v.role, v.name].filter(Boolean).join(' ') || 'this approval';
      report({
        message: `No evidence in git of the approval by ${who}${basis(ctx, ctx.profile?.approvalClause)}.`,
        detail: `Why: ${v.why}. An approval counts as proven when a commit signature git verifies, or an approving pull request review, by that person covers a commit whose document has this content (docs/approvals.md). Sign the approval commit (git commit -S), or pass the pull request's reviews with --reviews.`,
        range: v.approval.name?.valueRange ?? v.approval.range,
      });
    }
  },
});

export default rule;
