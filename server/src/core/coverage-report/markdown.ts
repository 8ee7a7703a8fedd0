// Coverage as Markdown, for pull-request comments and job summaries: the
// summary, a table of clause groups, then one table of clauses per group.
// Every value that comes from a document or a user's pack is escaped so it
// reads as text: a title cannot add links, images, HTML or table cells.
import { visible } from '../visible';
import { isGap } from '../coverage';
import { pct, viaWords, type CoverageReport, type ReportClause, type ReportDocument, type StandardReport } from './report';

/** Plain words with an ASCII marker, so the state reads the same in any font and to screen readers. */
export const STATE_LABEL = {
  covered: '[x] covered',
  partial: '[/] partly covered (only subclauses cited)',
  'draft-only': '[~] draft only',
  uncontrolled: '[?] uncontrolled documents only',
  'not-covered': '[ ] not covered',
} as const;

/** What a gap is short of, after its heading in the summary. */
const GAP_NOTE = { covered: '', partial: ' (partly covered: only subclauses cited)', 'draft-only': ' (draft only)', uncontrolled: ' (uncontrolled only)', 'not-covered': '' } as const;

export function formatCoverageMarkdown(report: CoverageReport): string {
  // A report saved into the repository is not a controlled document: its
  // tables of clause numbers and counts must not be linted as citations.
  return '<!-- qmslint-disable-file -->\n' + report.standards.map(standardSection).join('\n');
}

function standardSection(s: StandardReport): string {
  const m = s.summary;
  const gaps = s.clauses.filter(isGap);
  const out = [
    `# Clause coverage: ${md(s.title)}`,
    '',
    `- **${m.covered} of ${m.clauses} clauses covered** (${pct(m.covered, m.clauses)}%) by approved or effective documents; ${m.partial} partly covered (only subclauses cited); ${m.draftOnly} by drafts only; ${m.uncontrolled} cited only by uncontrolled documents; ${m.notCovered} cited by no document.`,
    `- **${m.requiredCovered} of ${m.required} required procedures covered** (${pct(m.requiredCovered, m.required)}%): clauses that require a documented procedure or process${m.requiredPartial ? `; ${m.requiredPartial} more only partly` : ''}.`,
  ];
  if (gaps.length) out.push(`- **Gaps:** ${gaps.map((c) => `${md(c.label)} ${md(c.title)}${GAP_NOTE[c.state] || md(parentNote(c))}`).join('; ')}.`);
  if (s.uncontrolledDocuments.length) {
    const n = s.uncontrolledDocuments.length;
    out.push(
      `- **Uncontrolled documents:** ${n === 1 ? '1 file without an id cites' : `${n} files without an id cite`} clauses of this standard and cover${n === 1 ? 's' : ''} none of them until put under document control: ${s.uncontrolledDocuments.map(md).join(', ')}.`,
    );
  }
  out.push(
    '',
    '## Clause groups',
    '',
    '| Group | Heading | Clauses | Covered | Partly covered | Draft only | Uncontrolled only | Not covered | Required | Required covered |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...s.groups.map(
      (g) => `| ${md(g.label)} | ${md(g.title)} | ${g.clauses} | ${g.covered} | ${g.partial} | ${g.draftOnly} | ${g.uncontrolled} | ${g.notCovered} | ${g.required} | ${g.requiredCovered} |`,
    ),
  );
  for (const g of s.groups) {
    out.push(
      '',
      `## ${md(g.label)} ${md(g.title)}`,
      '',
      '| Clause | Heading | Procedure | State | Documents |',
      '|---|---|---|---|---|',
      ...s.clauses.filter((c) => c.group === g.id).map(clauseRow),
    );
  }
  return out.join('\n') + '\n';
}

/** " (only 7.5 cited)": a clause that requires its own procedure, reached only through a citation of the clause above. */
function parentNote(c: ReportClause): string {
  const above = [...new Set(c.documents.filter((d) => d.requiresOwn).map((d) => d.cites))];
  return above.length ? ` (only ${above.join(', ')} cited)` : '';
}

function clauseRow(c: ReportClause): string {
  const state = isGap(c) ? `**${STATE_LABEL[c.state]}**` : STATE_LABEL[c.state];
  return `| ${md(c.label)} | ${md(c.title)} | ${requirement(c)} | ${state} | ${c.documents.map(documentCell).join('<br>') || '-'} |`;
}

export function requirement(c: Pick<ReportClause, 'documentedProcedure' | 'documentedProcess' | 'documentedInformation'>): string {
  return c.documentedProcedure ? 'required' : c.documentedProcess ? 'required (process)' : c.documentedInformation ? 'required (documented information)' : '-';
}

function documentCell(d: ReportDocument): string {
  const name = [d.id, d.title].filter((x) => x !== undefined).map(md).join(' ');
  const notes = [d.controlled ? (d.status ?? 'no status') : 'uncontrolled', viaWords(d)].filter(Boolean).join(', ');
  return `${name || md(d.path)} (${md(notes)}), ${md(d.path)}:${d.line}`;
}

/**
 * Text for a table cell or heading: one line (line breaks as spaces, other
 * control characters shown as \u001b: see visible.ts), with every mark that could start
 * inline Markdown (emphasis, code, links, images, HTML, entities, cells,
 * strikethrough, math) backslash-escaped, so it shows what the document says
 * character for character. Values never start a line, so block markers
 * (# - + 1.) need no escape.
 */
export function md(text: string): string {
  return visible(text.replace(/[\r\n]+/g, ' ')).replace(/[\\`*_[\]<>!|~&$]/g, (ch) => `\\${ch}`);
}
