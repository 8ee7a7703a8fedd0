import { isIsoDate } from '../dates';
import type { ControlledDocument, HistoryRow } from '../document';
import { isPlaceholder } from '../placeholders';
import { compareRevisions, parseRevision, sameRevision } from '../revision';
import { defineRule } from '../rule';
import { detectEol } from '../text';
import { historyRowEdit } from './shared/history-row';
import { newestRow } from './shared/newest-row';
import { replaceScalar } from '../replace-scalar';
import { basis, requiresSentence } from './shared/requirement';

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
  check(ctx, report) {
    const { doc, profile } = ctx;
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
    const on = basis(ctx, clause);
    const why = requiresSentence(ctx, clause, 'the current revision status to be identified');
    const message = `Revision ${field.text} differs from the newest history row, ${latest.text}${on}.`;
    const order = compareRevisions(current, latest);
    if (order !== undefined && order > 0) {
      // The history is the part that is behind: lowering the revision would be the wrong fix.
      // The row is a suggestion only: its description (and maybe its date and author) is the
      // author's to write, and --fix must not turn this error green with placeholders.
      const row = historyRowEdit(doc.parsed.text, doc.history, rowFor(doc, field.text, newest), detectEol(doc.parsed.text));
      report({
        message,
        detail: `Front matter says revision ${field.text}, but the newest Revision History row is ${latest.text}. ${why} Add a history row for revision ${field.text}.`,
        range: field.valueRange,
        ...(row ? { suggestions: [{ title: `Add a history row for revision ${field.text}`, edits: [row] }] } : {}),
      });
      return;
    }
    report({
      message,
      detail: `Front matter says revision ${field.text}, but the newest Revision History row is ${latest.text}. ${why} Set ${field.key}: ${latest.text}.`,
      range: field.valueRange,
      fix: { title: `Set revision to ${latest.text}`, edits: [replaceScalar(doc.parsed.text, field.valueRange, latest.text)] },
    });
  },
});

/**
 * The history row for the front matter's revision: dated by its first sign-off and written by
 * its author only when every sign-off is later than the newest row (on or before that day they
 * may be the earlier revision's round); a placeholder in each cell the document does not give.
 */
function rowFor(doc: ControlledDocument, revision: string, newest: HistoryRow | undefined) {
  const after = newest?.date?.text;
  const dates = doc.approvals.map((a) => a.date?.text ?? '').sort();
  const ownRound = !!after && isIsoDate(after) && dates.length > 0 && dates.every((d) => isIsoDate(d) && d > after);
  const author = ownRound ? doc.approvals.find((a) => a.role?.text.toLowerCase() === 'author')?.name?.text : undefined;
  return { revision, date: ownRound ? dates[0] : '<enter date>', author: author || '<enter author>', description: '<enter description of change>' };
}

export default rule;
