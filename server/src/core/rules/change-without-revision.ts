import { compareContent, revisionMove } from '../changes';
import { fieldText } from '../document';
import { nextRevision, parseRevision } from '../revision';
import { defineRule } from '../rule';
import { basis, capitalise, requiresSentence } from './shared/requirement';
import { whereChanged } from './shared/where-changed';
import { ignoresWhitespace, WHITESPACE_OPTIONS } from './shared/whitespace-option';

const rule = defineRule({
  meta: {
    id: 'change-without-revision',
    description: 'A document whose content changed since the base must have a new, higher revision.',
    rationale: ['ISO 13485:2016 4.2.4 b)', 'ISO 13485:2016 4.2.4 c)'],
    severity: 'error',
    scope: 'change',
    fixable: false,
    needs: { base: true },
    options: WHITESPACE_OPTIONS,
  },
  check(ctx, report) {
    const { doc, base, profile, cite, options } = ctx;
    if (!base || !doc.controlled || !base.controlled) return;
    const field = doc.fields.get('revision');
    const before = fieldText(base, 'revision');
    const after = fieldText(doc, 'revision');
    const range = field?.valueRange ?? doc.parsed.frontMatter?.range ?? { start: 0, end: 0 };
    const move = revisionMove(base, doc);
    const on = basis(ctx, profile?.changeClause);
    const why = requiresSentence(ctx, profile?.changeClause, 'changes and the current revision status to be identified');
    if (move === 'lowered') {
      report({
        message: `Revision went back from ${before} to ${after}${on}.`,
        detail: `A lower revision would be mistaken for an older text. ${why} Use a revision above ${before}.`,
        range,
      });
      return;
    }
    if (move !== 'same') return;
    const diff = compareContent(base, doc, { ignoreWhitespace: ignoresWhitespace(options) });
    if (!diff.changed) return;
    const parsed = parseRevision(after!);
    const next = parsed ? nextRevision(parsed) : undefined;
    const bump = next ? `bump the revision (${after} -> ${next})` : 'bump the revision';
    const status = fieldText(doc, 'status');
    const approve =
      status === 'approved' || status === 'effective'
        ? `, and have ${next ? `revision ${next}` : 'it'} reviewed and approved${profile?.reviewClause ? ` (${cite(profile.reviewClause)})` : ''}`
        : '';
    report({
      message: `Content changed since the base, but the revision is still ${after}${on}.`,
      detail: `${capitalise(whereChanged(diff, doc))} changed. ${why} ${capitalise(bump)} and add a history row${approve}.`,
      range,
    });
  },
});

export default rule;
