import { isScalar } from 'yaml';
import { isPlaceholder } from '../placeholders';
import { compareRevisions, parseRevision, sameRevision } from '../revision';
import { defineRule } from '../rule';
import { newestRow } from './shared/newest-row';
import { requirement } from './shared/requirement';

const rule = defineRule({
  meta: {
    id: 'revision-mismatch',
    description: 'The front matter revision must match the newest row of the revision history.',
    rationale: ['ISO 13485:2016 4.2.4 c)'],
    severity: 'error',
    scope: 'document',
    fixable: true,
    needs: {},
  },
  check({ doc, profile, cite }, report) {
    if (!doc.controlled || !doc.history) return;
    const field = doc.fields.get('revision');
    if (!field || !field.text || isPlaceholder(field.text)) return;
    const current = parseRevision(field.text);
    const newest = newestRow(doc.history);
    const newestText = newest?.revision?.text;
    if (!current || !newestText) return;
    const latest = parseRevision(newestText);
    if (!latest || sameRevision(field.text, newestText)) return;

    const clause = profile?.changeClause;
    const why = clause ? `${cite(clause)} requires ${requirement({ profile }, clause, 'the current revision status to be identified')}` : 'the current revision status must be identified';
    const order = compareRevisions(current, latest);
    if (order !== undefined && order > 0) {
      // The history is the part that is behind: lowering the revision would be the wrong fix.
      report({
        message: `Front matter says revision ${field.text}, but the newest Revision History row is ${latest.text}: ${why}. Add a history row for revision ${field.text}.`,
        range: field.valueRange,
      });
      return;
    }
    report({
      message: `Front matter says revision ${field.text}, but the newest Revision History row is ${latest.text}: ${why}. Set \`${field.key}: ${latest.text}\`.`,
      range: field.valueRange,
      fix: { title: `Set revision to ${latest.text}`, edits: [replaceScalar(field.node, field.valueRange, latest.text)] },
    });
  },
});

/** Replaces a scalar's value, keeping its quotes when it has them. */
function replaceScalar(node: unknown, range: { start: number; end: number }, text: string) {
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  return quoted ? { start: range.start + 1, end: range.end - 1, text } : { start: range.start, end: range.end, text };
}

export default rule;
