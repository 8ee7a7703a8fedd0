import { isIsoDate } from '../dates';
import { howToWriteDate } from './shared/date-readings';
import { rangeOf } from '../mdast';
import { isPlaceholder } from '../placeholders';
import { parseRevision } from '../revision';
import { defineRule } from '../rule';
import { changeRecord } from './shared/change-record';
import { fitting } from './shared/requirement';

const TABLE_HEADER = '| Revision | Date | Author | Description |';

const rule = defineRule({
  meta: {
    id: 'revision-history-malformed',
    description: 'The revision history must be a table with revision and date columns and readable rows.',
    rationale: ['ISO 13485:2016 4.2.4 c)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check(ctx, report) {
    const { doc } = ctx;
    const { on, note } = changeRecord(ctx);
    const history = doc.history;
    if (!doc.controlled || !history) return;
    const name = history.heading.text;
    if (!history.table) {
      report({
        message: fitting(`The ${name} section has no table${on}.`, `The history section has no table${on}.`),
        detail: `List the changes as ${TABLE_HEADER} rows, so revisions and dates can be checked.${note}`,
        range: history.heading.range,
      });
      return;
    }
    const headerRow = history.table.node.children[0];
    const missing = (['revision', 'date'] as const).filter((c) => history.columns[c] === undefined);
    if (missing.length) {
      report({
        message: fitting(`The ${name} table has no ${missing.join(' or ')} column${on}.`, `The history table has no ${missing.join(' or ')} column${on}.`),
        detail: `Name the columns like ${TABLE_HEADER}.${note}`,
        range: headerRow ? rangeOf(headerRow) : history.heading.range,
      });
    }
    history.rows.forEach((row, i) => {
      if (row.cells.every((c) => c.source === '')) return;
      const n = i + 1;
      if (history.columns.revision !== undefined) {
        const rev = row.revision;
        if (!rev || rev.source === '') {
          report({
            message: `Row ${n} of the history has no revision${on}.`,
            detail: `Fill in the revision this change produced.${note}`,
            range: rev && rev.range.end > rev.range.start ? rev.range : row.range,
          });
        } else if (!isPlaceholder(rev.source) && !parseRevision(rev.text)) {
          report({
            message: fitting(`Row ${n}: revision '${rev.text}' fits no revision scheme${on}.`, `Row ${n}: the revision fits no revision scheme${on}.`),
            detail: `Use letters (A, B), an integer (1, 2) or dotted numbers (1.0, 1.1).${note}`,
            range: rev.range,
          });
        }
      }
      if (history.columns.date !== undefined) {
        const date = row.date;
        if (!date || date.source === '') {
          report({
            message: `Row ${n} of the history has no date${on}.`,
            detail: `Record when the revision was made, as YYYY-MM-DD.${note}`,
            range: date && date.range.end > date.range.start ? date.range : row.range,
          });
        } else if (!isPlaceholder(date.source) && !isIsoDate(date.text)) {
          report({
            message: fitting(`Row ${n}: date ${date.text} is not an ISO 8601 date${on}.`, `Row ${n}: the date is not an ISO 8601 date${on}.`),
            detail: `${howToWriteDate(date.text)}${note}`,
            range: date.range,
          });
        }
      }
    });
  },
});

export default rule;
