// The master list as Markdown, for a pull-request comment, a job summary or a wiki page: a count
// per status, then one table row per document. Every value from a document goes through md(),
// the coverage report's escape: a title cannot add cells (|), links, images or HTML, nor break
// the row with a line break.
import { md } from '../coverage-report/markdown';
import type { MasterListRow } from './rows';
import { approvalWords, successorWords, summaryWords } from './words';

const HEADER = '| ID | Title | Type | Revision | Status | Effective | Owner | Next review | Approvals | Training | References | Superseded by | Path |';

export function formatMasterListMarkdown(rows: MasterListRow[]): string {
  // A list saved into the repository is not a controlled document: its ids must not be linted as references.
  const out = ['<!-- qmslint-disable-file -->', '# Document master list', '', `${summaryWords(rows)}.`];
  if (rows.length) out.push('', HEADER, `|${'---|'.repeat(13)}`, ...rows.map(row));
  return out.join('\n') + '\n';
}

function row(r: MasterListRow): string {
  const scalars = [r.id, r.title, r.type, r.revision, r.status, r.effectiveDate, r.owner, r.nextReview].map((v) => (v === null || v === '' ? '-' : md(v)));
  const lists = [r.approvals.map(approvalWords), r.training, r.references, (r.supersededBy ?? []).map(successorWords)].map(
    // One item per line of the cell (<br>, which GitHub renders in a table cell).
    (items) => items.map(md).join('<br>') || '-',
  );
  return `| ${[...scalars, ...lists, md(r.path)].join(' | ')} |`;
}
