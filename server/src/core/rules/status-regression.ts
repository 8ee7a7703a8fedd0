import { isNewRevision, isStatus, revisionMove, transitionAllowed } from '../changes';
import { fieldText } from '../document';
import { nextRevision, parseRevision } from '../revision';
import { defineRule } from '../rule';
import { requires } from './shared/requirement';

const rule = defineRule({
  meta: {
    id: 'status-regression',
    description: 'Within one revision the status must move only as the document lifecycle allows: never from effective back to draft, nor out of obsolete.',
    rationale: ['ISO 13485:2016 4.2.4 c)', 'ISO 13485:2016 4.2.4 h)'],
    severity: 'error',
    scope: 'change',
    fixable: false,
    needs: { base: true },
  },
  check(ctx, report) {
    const { doc, base } = ctx;
    if (!base || !doc.controlled || !base.controlled) return;
    const from = fieldText(base, 'status');
    const field = doc.fields.get('status');
    const to = field?.text;
    if (!field || !isStatus(from) || !isStatus(to)) return;
    const move = revisionMove(base, doc);
    if (move === 'unknown' || transitionAllowed(from, to, isNewRevision(move))) return;
    const revision = fieldText(doc, 'revision')!;
    const parsed = parseRevision(revision);
    const next = parsed ? `revision ${nextRevision(parsed)}` : 'a new revision';
    let message: string;
    if (from === 'obsolete') {
      const why = requires(ctx, ctx.profile?.obsoleteClause, 'obsolete documents to be kept out of use');
      message = `Status went from \`obsolete\` to \`${to}\` under the same revision ${revision}: ${why}. To bring the document back, issue it as ${next} (bump the revision, add a history row, have it approved).`;
    } else if (to === 'draft' || to === 'in-review') {
      const why = requires(ctx, ctx.profile?.changeClause, 'changes to a released document to be identified');
      message = `Status went from \`${from}\` back to \`${to}\` under the same revision ${revision}: revision ${revision} was released, and ${why}. Rework it as ${next} (bump the revision and add a history row), which may start as \`${to}\`.`;
    } else {
      const why = requires(ctx, ctx.profile?.changeClause, 'the current revision status to be identified');
      message = `Status went from \`${from}\` back to \`${to}\` under the same revision ${revision}: a document moves from \`approved\` to \`effective\` to \`obsolete\`, never back, and ${why}. Restore \`${from}\`, or issue ${next}.`;
    }
    report({ message, range: field.valueRange });
  },
});

export default rule;
