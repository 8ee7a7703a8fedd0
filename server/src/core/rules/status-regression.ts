import { isNewRevision, isStatus, revisionMove, transitionAllowed } from '../changes';
import { fieldText } from '../document';
import { nextRevision, parseRevision } from '../revision';
import { defineRule } from '../rule';
import { basis, fitting, requiresSentence } from './shared/requirement';

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
    // The message names the move and its clause; why the move is not allowed, and the way out, go in the detail.
    const moved = (on: string) => fitting(`Status went from ${from} to ${to} under the same revision ${revision}${on}.`, `Status went back to ${to} under revision ${revision}${on}.`);
    let message: string;
    let detail: string;
    if (from === 'obsolete') {
      message = moved(basis(ctx, ctx.profile?.obsoleteClause));
      detail = `${requiresSentence(ctx, ctx.profile?.obsoleteClause, 'obsolete documents to be kept out of use')} To bring the document back, issue it as ${next} (bump the revision, add a history row, have it approved).`;
    } else if (to === 'draft' || to === 'in-review') {
      message = moved(basis(ctx, ctx.profile?.changeClause));
      detail = `Revision ${revision} was released. ${requiresSentence(ctx, ctx.profile?.changeClause, 'changes to a released document to be identified')} Rework it as ${next} (bump the revision and add a history row), which may start as ${to}.`;
    } else {
      message = moved(basis(ctx, ctx.profile?.changeClause));
      detail = `A document moves from approved to effective to obsolete, never back. ${requiresSentence(ctx, ctx.profile?.changeClause, 'the current revision status to be identified')} Restore ${from}, or issue ${next}.`;
    }
    report({ message, detail, range: field.valueRange });
  },
});

export default rule;
