import { approvalsCarried, compareContent, isNewRevision, revisionMove } from '../changes';
import { fieldText } from '../document';
import { defineRule } from '../rule';
import { basis, requiresSentence } from './shared/requirement';
import { whereChanged } from './shared/where-changed';
import { ignoresWhitespace, WHITESPACE_OPTIONS } from './shared/whitespace-option';

const LIVE_STATUSES = ['approved', 'effective'];

const rule = defineRule({
  meta: {
    id: 'change-approvals-carried',
    description: 'A new revision of an approved or effective document must not carry over the approvals of the previous one.',
    rationale: ['ISO 13485:2016 4.2.4 a)', 'ISO 13485:2016 4.2.4 b)'],
    severity: 'warning',
    scope: 'change',
    fixable: false,
    needs: { base: true },
    options: WHITESPACE_OPTIONS,
  },
  check(ctx, report) {
    const { doc, base, options } = ctx;
    if (!base || !doc.controlled || !base.controlled) return;
    const status = fieldText(doc, 'status') ?? '';
    if (!LIVE_STATUSES.includes(status)) return;
    // Same revision: change-without-revision reports, and its message asks for approval too.
    if (!isNewRevision(revisionMove(base, doc))) return;
    if (!approvalsCarried(base, doc)) return;
    const diff = compareContent(base, doc, { ignoreWhitespace: ignoresWhitespace(options) });
    if (!diff.changed) return;
    const field = doc.fields.get('approvals')!;
    const before = fieldText(base, 'revision');
    const after = fieldText(doc, 'revision');
    const clause = ctx.profile?.reviewClause;
    report({
      message: `Approvals of revision ${before} carried to ${after}, whose content changed${basis(ctx, clause)}.`,
      detail: `Revision ${after} is ${status} with the approvals of revision ${before} (same roles, names and dates), although ${whereChanged(diff, doc)} changed: they approved the old text. ${requiresSentence(ctx, clause, 'changes to be reviewed and approved')} Record the approvals of revision ${after}, or set the status to draft or in-review until it is approved.`,
      range: field.keyRange,
    });
  },
});

export default rule;
