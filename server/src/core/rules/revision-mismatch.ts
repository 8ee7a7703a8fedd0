import { isScalar } from 'yaml';
import { isIsoDate } from '../dates';
import type { HistoryRow, RevisionHistory } from '../document';
import { isPlaceholder } from '../placeholders';
import { compareRevisions, parseRevision, sameRevision, type Revision } from '../revision';
import type { DocumentRule } from '../rule';
import { requirement } from './approval-missing';

/**
 * The history row for the newest revision: the highest revision when every row's
 * revision parses in one scheme; otherwise the latest date when every row has an
 * ISO date; otherwise the last row. Ties go to the row further down the table.
 */
export function newestRow(history: RevisionHistory): HistoryRow | undefined {
  const rows = history.rows.filter((r) => r.cells.some((c) => c.source !== ''));
  if (!rows.length) return undefined;
  const revisions = rows.map((r) => (r.revision ? parseRevision(r.revision.text) : undefined));
  if (revisions.every((r): r is Revision => r !== undefined && r.scheme === revisions[0]!.scheme)) {
    let best = 0;
    revisions.forEach((r, i) => {
      if (compareRevisions(r, revisions[best]!)! >= 0) best = i;
    });
    return rows[best];
  }
  const dates = rows.map((r) => r.date?.text ?? '');
  if (dates.every(isIsoDate)) {
    let best = 0;
    dates.forEach((d, i) => {
      if (d >= dates[best]) best = i;
    });
    return rows[best];
  }
  return rows[rows.length - 1];
}

const rule: DocumentRule = {
  id: 'revision-mismatch',
  description: 'The front matter revision must match the newest row of the revision history.',
  rationale: ['ISO 13485:2016 4.2.4 c)'],
  severity: 'error',
  scope: 'document',
  fixable: true,
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
};

/** Replaces a scalar's value, keeping its quotes when it has them. */
function replaceScalar(node: unknown, range: { start: number; end: number }, text: string) {
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  return quoted ? { start: range.start + 1, end: range.end - 1, text } : { start: range.start, end: range.end, text };
}

export default rule;
