// The master list as one self-contained HTML page, to attach to a CI run or send to an auditor:
// the count per status, then a table of every document that can be narrowed by text. Style and
// script are inline and the page asks for nothing over the network; the Content-Security-Policy
// allows only this page's own style and script, by hash, as the coverage report's does.
//
// Every string from a document goes through text(): HTML-escaped (esc, the coverage report's),
// with control characters and bidirectional overrides shown as escapes (visible), so a title can
// neither add markup nor reorder what an auditor reads. The script reads nothing but the page.
import { pageCsp, pageHead, shown as text } from '../html-page';
import type { MasterListApproval, MasterListRow, Successor } from './rows';
import { MISSING_SUCCESSOR, summaryWords } from './words';

const KNOWN_STATUS = new Set(['draft', 'in-review', 'approved', 'effective', 'obsolete']);

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4b5563; --line: #d0d7de; --bg-soft: #f6f8fa; --bad: #8e1616; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
.meta { color: var(--muted); margin: 0 0 4px; }
.controls { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; margin: 16px 0 12px; }
.controls input[type="search"] { font: inherit; padding: 4px 8px; border: 1px solid #6b7280; border-radius: 4px; min-width: 300px; }
.count { color: var(--muted); }
table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
caption { text-align: left; color: var(--muted); padding-bottom: 6px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--bg-soft); border-bottom: 2px solid var(--line); position: sticky; top: 0; }
tbody th { font-weight: 600; white-space: nowrap; }
ul.items { list-style: none; margin: 0; padding: 0; }
ul.items li + li { margin-top: 2px; }
.status { font-size: 0.8rem; padding: 0 6px; border-radius: 4px; border: 1px solid currentColor; white-space: nowrap; }
.status-effective, .status-approved { color: #1b5e20; }
.status-draft, .status-in-review, .status-other { color: #6b3f00; }
.status-obsolete { color: var(--muted); }
.missing { color: var(--bad); font-weight: 600; }
.path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.8rem; word-break: break-all; }
.none { color: var(--muted); }
footer { color: var(--muted); font-size: 0.85rem; padding-top: 24px; padding-bottom: 24px; }
`;

// Reads only the page's own elements.
const SCRIPT = `
(function () {
  'use strict';
  var text = document.getElementById('filter');
  var count = document.getElementById('count');
  var empty = document.getElementById('empty');
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.documents tbody tr'));
  function apply() {
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = !q || row.textContent.toLowerCase().indexOf(q) !== -1;
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = 'Showing ' + shown + ' of ' + rows.length + ' documents';
    empty.hidden = shown !== 0;
  }
  text.addEventListener('input', apply);
  apply();
})();
`;

export const MASTER_LIST_CSP = pageCsp(STYLE, SCRIPT);

export function formatMasterListHtml(rows: MasterListRow[], version: string): string {
  return `${pageHead('Document master list', MASTER_LIST_CSP, STYLE)}
<body>
<header>
<h1>Document master list</h1>
<p class="meta">${text(summaryWords(rows))}. One row per controlled document (a document with an id in its front matter, or one the configuration's documents globs name), sorted by id. Values are the documents' own front matter; a title missing there is the first heading, and a next review missing there is the effective date plus the review period, as the review-overdue rule reckons it.</p>
</header>
<main>
<div class="controls">
<label for="filter">Filter</label> <input type="search" id="filter" placeholder="id, title, status, owner, role" aria-describedby="count">
<output class="count" id="count" aria-live="polite">Showing ${rows.length} of ${rows.length} documents</output>
</div>
<table class="documents">
<caption>Controlled documents, their revision, status, approvals and the roles to train on them.</caption>
<thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Type</th><th scope="col">Revision</th><th scope="col">Status</th><th scope="col">Effective</th><th scope="col">Owner</th><th scope="col">Next review</th><th scope="col">Approvals</th><th scope="col">Training</th><th scope="col">References</th><th scope="col">Superseded by</th><th scope="col">Path</th></tr></thead>
<tbody>
${rows.map(row).join('\n')}
</tbody>
</table>
<p id="empty" hidden>No document matches the filter.</p>
</main>
<footer>Generated by qmslint ${text(version)}.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function row(r: MasterListRow): string {
  const status = r.status === null ? NONE : `<span class="status status-${KNOWN_STATUS.has(r.status) ? r.status : 'other'}">${text(r.status)}</span>`;
  const cells = [
    optional(r.title),
    optional(r.type),
    optional(r.revision),
    status,
    optional(r.effectiveDate),
    optional(r.owner),
    optional(r.nextReview),
    items(r.approvals.map(approval)),
    items(r.training.map(text)),
    items(r.references.map(text)),
    items((r.supersededBy ?? []).map(successor)),
    `<span class="path">${text(r.path)}</span>`,
  ];
  const head = r.id === null ? `<th scope="row">${NONE}</th>` : `<th scope="row">${text(r.id)}</th>`;
  return `<tr data-status="${text(r.status ?? '')}">${head}${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

const NONE = '<span class="none">-</span>';

function optional(value: string | null): string {
  return value === null ? NONE : text(value);
}

function items(html: string[]): string {
  return html.length ? `<ul class="items">${html.map((h) => `<li>${h}</li>`).join('')}</ul>` : NONE;
}

function approval(a: MasterListApproval): string {
  return `${a.role === null ? 'no role' : text(a.role)}: ${a.name === null ? 'no name' : text(a.name)}, ${a.date === null ? 'no date' : text(a.date)}`;
}

function successor(s: Successor): string {
  return s.exists ? text(s.id) : `${text(s.id)} <span class="missing">(${MISSING_SUCCESSOR})</span>`;
}
