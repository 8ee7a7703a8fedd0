import { isIsoDate } from '../dates';
import { fieldText, type ControlledDocument } from '../document';
import { parseMarkdown } from '../parse';
import { isPlaceholder } from '../placeholders';
import { parseRevision } from '../revision';
import { defineRule } from '../rule';
import { basis, requiresSentence } from './shared/requirement';
import { detectEol } from '../text';
import { inForce } from '../config';

/** A table cell's text: pipes escaped, line breaks flattened. */
function cell(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The first revision of its scheme (A, 1, 01, 0.1, 1.0): only that row can honestly say "Initial release". */
function isFirstRevision(text: string): boolean {
  const rev = parseRevision(text);
  if (!rev) return false;
  if (rev.scheme === 'dotted') return rev.parts.every((p, i) => p === 0 || (p === 1 && rev.parts.slice(0, i).every((q) => q === 0) && rev.parts.slice(i + 1).every((q) => q === 0)));
  return rev.parts[0] <= 1;
}

/** The row to add, and the cells (by column name) the document does not give, which are placeholders in it. */
function firstRow(doc: ControlledDocument): { cells: string[]; unknown: string[] } {
  const revText = doc.fields.get('revision')?.text ?? '';
  const rev = parseRevision(revText);
  const revision = rev ? rev.text : 'A';
  const approvalDates = doc.approvals.map((a) => a.date?.text ?? '').filter(isIsoDate).sort();
  const effective = doc.fields.get('effective_date')?.text ?? '';
  // The row dates the text of this revision: the first sign-off, before it took effect.
  const date = approvalDates[0] ?? (isIsoDate(effective) ? effective : '<enter date>');
  const author = doc.approvals.find((a) => a.role?.text.toLowerCase() === 'author')?.name?.text || '<enter author>';
  const description = isFirstRevision(revision) ? 'Initial release' : '<enter description of change>';
  const cells = [revision, date, author, description];
  const unknown = ['date', 'author', 'description of change'].filter((_, i) => isPlaceholder(cells[i + 1]));
  return { cells, unknown };
}

const rule = defineRule({
  meta: {
    id: 'revision-history-missing',
    description: 'A controlled document must have a revision history section with a table.',
    rationale: ['ISO 13485:2016 4.2.4 c)'],
    severity: 'warning',
    scope: 'document',
    fixable: true,
    needs: {},
  },
  check(ctx, report) {
    const { doc, config, profile, typeProfile } = ctx;
    if (!doc.controlled || doc.history || typeProfile?.historyRequired === false) return;
    if (!fieldText(doc, 'type')) {
      // No type: the id's prefix may say it (SOP-005); if not, only a stated revision says the
      // document is revised at all. An audit report or a supplier record is a record, not a
      // revised document, and needs no history.
      const implied = profile?.types[fieldText(doc, 'id')?.split('-')[0] ?? ''];
      if (implied ? implied.historyRequired === false : !doc.fields.has('revision')) return;
    }
    const text = doc.parsed.text;
    const eol = detectEol(text);
    const heading = config.historyHeadings[0] ?? 'Revision History';
    // trimEnd, not /\s+$/: that regex is quadratic on a long run of white space inside the text.
    const body = text.trimEnd();
    const row = firstRow(doc);
    const section = [
      `## ${heading}`,
      '',
      '| Revision | Date | Author | Description |',
      '|---|---|---|---|',
      `| ${row.cells.map(cell).join(' | ')} |`,
    ].join(eol);
    const clause = profile?.changeClause;
    const why = requiresSentence(ctx, clause, 'changes and the current revision status to be identified');
    const range = doc.h1?.range ?? { start: 0, end: doc.parsed.lines.lineEnd(1) };
    // The line break that ends the last line is kept as it is (a mixed-EOL file keeps its LF);
    // only the white space after it is replaced.
    const kept = body ? (/^[ \t]*(?:\r\n|\r|\n)/.exec(text.slice(body.length))?.[0] ?? '') : '';
    const added = (body ? (kept ? eol : eol + eol) : '') + section + eol;
    const fits = startsOwnBlock(doc, body, kept + added);
    // An approved or effective document gets no placeholder: a history row reading
    // `<enter description of change>` would be an unfilled record in the text in force. Its
    // history is added only when the document gives every cell (a first revision, its sign-offs).
    const status = fieldText(doc, 'status');
    const prompts = inForce(status) && row.unknown.length > 0;
    const fill = prompts ? `; the document does not give the ${listed(row.unknown)} of revision ${row.cells[0]}, to fill in (no placeholder is inserted into a document that is ${status})` : '';
    const add = { title: `Add a ${heading} section`, edits: [{ start: body.length + kept.length, end: text.length, text: added }] };
    report({
      message: `No revision history${basis(ctx, clause)}.`,
      detail: `${why} Add a ${heading} section (a level 2 heading) with a Revision | Date | Author | Description table${fits ? '' : ' (after closing the code block or HTML comment the document ends in)'}${fill}.`,
      range,
      // Appended inside a code block left open at the end, the section would be code, and each --fix would add it again.
      fix: fits && !prompts ? add : undefined,
      // In force and missing cells: the same section, offered to a person who fills in its placeholders.
      ...(fits && prompts ? { suggestions: [add] } : {}),
    });
  },
});

/** "date", "date and author", "date, author and description of change". */
function listed(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items[0];
}

/**
 * Whether `added`, put after `body` (the text without trailing white space), is
 * a heading of its own: not swallowed by a fenced code block or an HTML block
 * the document leaves open at its end. Only the last top-level block can be
 * open, so only it is parsed again with the addition.
 */
function startsOwnBlock(doc: ControlledDocument, body: string, added: string): boolean {
  const last = doc.parsed.tree.children.at(-1);
  const from = last?.position?.start.offset ?? 0;
  const tail = parseMarkdown(body.slice(Math.min(from, body.length)) + added).tree.children;
  const [heading, table] = tail.slice(-2);
  return heading?.type === 'heading' && heading.depth === 2 && table?.type === 'table';
}

export default rule;
