// Coverage as one self-contained HTML page: summary figures, a stacked bar
// chart per clause group (inline SVG), and a table of clauses that can be
// narrowed to gaps or by text. Styles and script are inline and the page asks
// for nothing over the network, so it can be attached to a CI run or mailed.
//
// Every string from documents or users' packs goes through esc(); the script
// reads no data but the page's own text. The Content-Security-Policy allows
// only this page's own style and script, by hash, and nothing else to load.
import { esc, pageCsp, pageHead } from '../html-page';
import { isGap, type CoverageState } from '../coverage';
import { pct, viaWords, type CoverageReport, type ReportClause, type ReportDocument, type ReportGroup, type StandardReport } from './report';

const STATE_WORD: Record<CoverageState, string> = { covered: 'covered', partial: 'partly covered', 'draft-only': 'draft only', uncontrolled: 'uncontrolled only', 'not-covered': 'not covered' };
const STATES: CoverageState[] = ['covered', 'partial', 'draft-only', 'uncontrolled', 'not-covered'];
const KNOWN_STATUS = new Set(['draft', 'in-review', 'approved', 'effective', 'obsolete']);

const STYLE = `
:root { color-scheme: light; --covered: #2e7d32; --partial: #00838f; --draft: #b26a00; --uncontrolled: #6a3d9a; --none: #c62828; --ink: #1b1f24; --muted: #4b5563; --line: #d0d7de; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 24px 0 8px; }
.meta { color: var(--muted); margin: 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 0; }
.figure { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; background: var(--bg-soft); margin: 0; }
.figure dt { font-weight: 600; }
.figure dd { margin: 0; }
.figure .value { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.2; }
.figure .detail { color: var(--muted); font-size: 0.9rem; }
figure.chart { margin: 0; }
svg.chart-svg { width: 100%; height: auto; max-width: 1000px; display: block; }
svg .label { fill: var(--ink); font-size: 13px; }
svg .counts { fill: var(--muted); font-size: 12px; }
svg .seg-covered, .key-covered { fill: var(--covered); background: var(--covered); }
svg .seg-partial, .key-partial { fill: var(--partial); background: var(--partial); }
svg .seg-draft-only, .key-draft-only { fill: var(--draft); background: var(--draft); }
svg .seg-uncontrolled, .key-uncontrolled { fill: var(--uncontrolled); background: var(--uncontrolled); }
svg .seg-not-covered, .key-not-covered { fill: var(--none); background: var(--none); }
.legend { display: flex; flex-wrap: wrap; gap: 16px; margin: 8px 0 0; padding: 0; list-style: none; color: var(--muted); font-size: 0.9rem; }
.legend .key { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.controls { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; margin: 8px 0 12px; }
.controls input[type="search"] { font: inherit; padding: 4px 8px; border: 1px solid #6b7280; border-radius: 4px; min-width: 300px; }
.controls input[type="checkbox"] { width: 16px; height: 16px; vertical-align: -2px; margin-right: 6px; }
.count { color: var(--muted); }
table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
caption { text-align: left; color: var(--muted); padding-bottom: 6px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--bg-soft); border-bottom: 2px solid var(--line); position: sticky; top: 0; }
tbody th { font-weight: 600; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.gap { box-shadow: inset 4px 0 0 var(--none); }
.state-cell { white-space: nowrap; }
.state { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
.state-covered { background: #e3f1e4; color: #1b5e20; }
.state-partial { background: #dcf1f3; color: #005a62; }
.state-draft-only { background: #fff1d6; color: #6b3f00; }
.state-uncontrolled { background: #efe6f7; color: #4a2370; }
.state-not-covered { background: #fde4e4; color: #8e1616; }
.docs { list-style: none; margin: 0; padding: 0; }
.docs li + li { margin-top: 4px; }
.doc-id { font-weight: 600; }
.status { font-size: 0.8rem; padding: 0 6px; border-radius: 4px; border: 1px solid currentColor; white-space: nowrap; }
.status-effective, .status-approved { color: #1b5e20; }
.status-draft, .status-in-review, .status-other { color: #6b3f00; }
.status-uncontrolled { color: #4a2370; }
.path { display: block; color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.8rem; word-break: break-all; }
.none { color: var(--muted); }
.uncontrolled-documents { margin: 12px 0 0; }
.uncontrolled-documents summary { cursor: pointer; color: var(--muted); }
.uncontrolled-documents ul { margin: 8px 0 0 16px; }
footer { color: var(--muted); font-size: 0.85rem; padding-top: 24px; padding-bottom: 24px; }
`;

// Reads only the page's own elements; the same for every report.
const SCRIPT = `
(function () {
  'use strict';
  document.querySelectorAll('section.standard').forEach(function (section) {
    var gaps = section.querySelector('input.gaps-only');
    var text = section.querySelector('input.text-filter');
    var count = section.querySelector('.count');
    var empty = section.querySelector('.empty');
    var rows = Array.prototype.slice.call(section.querySelectorAll('table.clauses tbody tr'));
    function apply() {
      var q = text.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!gaps.checked || row.getAttribute('data-gap') === 'yes') && (!q || row.textContent.toLowerCase().indexOf(q) !== -1);
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = 'Showing ' + shown + ' of ' + rows.length + ' clauses';
      empty.hidden = shown !== 0;
    }
    gaps.addEventListener('change', apply);
    text.addEventListener('input', apply);
    apply();
  });
})();
`;

export const CONTENT_SECURITY_POLICY = pageCsp(STYLE, SCRIPT);

export function formatCoverageHtml(report: CoverageReport): string {
  const titles = report.standards.map((s) => s.title).join(', ');
  return `${pageHead(`Clause coverage: ${esc(titles)}`, CONTENT_SECURITY_POLICY, STYLE)}
<body>
<header>
<h1>Clause coverage report</h1>
<p class="meta">${esc(titles)}. A clause is covered when an approved or effective document cites or declares it (or the clause above it, unless the clause requires its own procedure); it is partly covered when such documents cite only its subclauses. Files without an id in front matter are not controlled documents, so what they cite stays uncovered. Gaps are clauses that require a documented procedure or process and are not covered.</p>
</header>
<main>
${report.standards.map(standardSection).join('\n')}
</main>
<footer>Generated by qmslint ${esc(report.version)}.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function standardSection(s: StandardReport, n: number): string {
  const m = s.summary;
  const id = `std-${n}`;
  const gaps = s.clauses.filter(isGap).length;
  return `<section class="standard" aria-labelledby="${id}-title" data-standard="${esc(s.standard)}">
<h2 id="${id}-title">${esc(s.title)}</h2>
<dl class="figures">
<div class="figure" data-figure="clauses-covered"><dt>Clauses covered</dt><dd><span class="value">${pct(m.covered, m.clauses)}%</span><span class="detail">${m.covered} of ${m.clauses} clauses by approved or effective documents</span></dd></div>
<div class="figure" data-figure="required-covered"><dt>Required procedures covered</dt><dd><span class="value">${m.requiredCovered}/${m.required}</span><span class="detail">${pct(m.requiredCovered, m.required)}% of the clauses that require a documented procedure or process</span></dd></div>
<div class="figure" data-figure="partial"><dt>Partly covered</dt><dd><span class="value">${m.partial}</span><span class="detail">clauses of which approved or effective documents cite only subclauses${m.requiredPartial ? `, ${m.requiredPartial} of them required` : ''}</span></dd></div>
<div class="figure" data-figure="draft-only"><dt>Draft only</dt><dd><span class="value">${m.draftOnly}</span><span class="detail">clauses cited only by documents not yet approved</span></dd></div>
<div class="figure" data-figure="uncontrolled"><dt>Uncontrolled only</dt><dd><span class="value">${m.uncontrolled}</span><span class="detail">clauses cited only by uncontrolled documents (${uncontrolledFiles(s.uncontrolledDocuments.length)})</span></dd></div>
<div class="figure" data-figure="gaps"><dt>Gaps</dt><dd><span class="value">${gaps}</span><span class="detail">required and not covered; ${m.notCovered} clauses in all cited by no document</span></dd></div>
</dl>
${uncontrolledList(s.uncontrolledDocuments, id)}
<h3 id="${id}-chart-title">Coverage per clause group</h3>
${chart(s.groups, id)}
<h3 id="${id}-table-title">Clauses</h3>
<div class="controls">
<label><input type="checkbox" class="gaps-only" id="${id}-gaps">Show gaps only</label>
<label for="${id}-filter">Filter</label> <input type="search" class="text-filter" id="${id}-filter" placeholder="clause, heading, document, status" aria-describedby="${id}-count">
<output class="count" id="${id}-count" aria-live="polite">Showing ${s.clauses.length} of ${s.clauses.length} clauses</output>
</div>
<table class="clauses" aria-labelledby="${id}-table-title">
<caption>Every clause of ${esc(s.title)} with the documents that cite or declare it. Gaps are marked at the left edge.</caption>
<thead><tr><th scope="col">Clause</th><th scope="col">Heading</th><th scope="col">Procedure</th><th scope="col">State</th><th scope="col">Documents</th></tr></thead>
<tbody>
${s.clauses.map(clauseRow).join('\n')}
</tbody>
</table>
<p class="empty" hidden>No clause matches the filter.</p>
</section>`;
}

// Room for a 44-character label, the bar, and its counts in words (five states).
const CHART = { width: 1000, row: 30, top: 8, labelWidth: 310, barWidth: 270, bar: 18 };

function chart(groups: ReportGroup[], id: string): string {
  const height = CHART.top * 2 + groups.length * CHART.row;
  const bars = groups.map((g, i) => {
    const y = CHART.top + i * CHART.row;
    let x = CHART.labelWidth;
    const segs = STATES.map((state) => {
      const count = { covered: g.covered, partial: g.partial, 'draft-only': g.draftOnly, uncontrolled: g.uncontrolled, 'not-covered': g.notCovered }[state];
      const w = g.clauses ? (CHART.barWidth * count) / g.clauses : 0;
      const rect = `<rect class="seg seg-${state}" data-state="${state}" x="${x.toFixed(1)}" y="${y + (CHART.row - CHART.bar) / 2}" width="${w.toFixed(1)}" height="${CHART.bar}"><title>${count} ${STATE_WORD[state]}</title></rect>`;
      x += w;
      return rect;
    });
    const label = `${g.label} ${g.title}`;
    const chars = [...label]; // whole code points, so a cut never splits one
    const short = chars.length > 44 ? chars.slice(0, 43).join('') + '\u2026' : label;
    return `<g class="bar-group" data-group="${esc(g.id)}"><title>${esc(label)}</title>
<text class="label" x="0" y="${y + CHART.row / 2 + 4}">${esc(short)}</text>
${segs.join('')}
<text class="counts" x="${CHART.labelWidth + CHART.barWidth + 10}" y="${y + CHART.row / 2 + 4}">${g.covered}/${g.clauses} covered, ${g.partial} partly, ${g.draftOnly} draft, ${g.uncontrolled} uncontrolled, ${g.notCovered} not covered</text>
</g>`;
  });
  return `<figure class="chart">
<svg class="chart-svg" role="img" aria-labelledby="${id}-chart-title" viewBox="0 0 ${CHART.width} ${height}" xmlns="http://www.w3.org/2000/svg">
${bars.join('\n')}
</svg>
<figcaption><ul class="legend"><li><span class="key key-covered"></span>covered by an approved or effective document</li><li><span class="key key-partial"></span>partly covered (only subclauses cited)</li><li><span class="key key-draft-only"></span>drafts only</li><li><span class="key key-uncontrolled"></span>uncontrolled documents only</li><li><span class="key key-not-covered"></span>not covered</li></ul></figcaption>
</figure>`;
}

function clauseRow(c: ReportClause): string {
  const gap = isGap(c);
  const procedure = c.documentedProcedure ? 'required' : c.documentedProcess ? 'required (process)' : c.documentedInformation ? 'required (documented information)' : '<span class="none">-</span>';
  const docs = c.documents.length ? `<ul class="docs">${c.documents.map(documentItem).join('')}</ul>` : '<span class="none">none</span>';
  return `<tr data-state="${c.state}" data-gap="${gap ? 'yes' : 'no'}"${gap ? ' class="gap"' : ''}><th scope="row">${esc(c.label)}</th><td>${esc(c.title)}</td><td>${procedure}</td><td class="state-cell"><span class="state state-${c.state}">${STATE_WORD[c.state]}</span>${gap ? ' <span class="gap-word">(gap)</span>' : ''}</td><td>${docs}</td></tr>`;
}

function documentItem(d: ReportDocument): string {
  const status = d.controlled ? (d.status ?? 'no status') : 'uncontrolled';
  const statusClass = !d.controlled ? 'uncontrolled' : d.status && KNOWN_STATUS.has(d.status) ? d.status : 'other';
  const words = viaWords(d);
  const via = words === undefined ? '' : ` <span class="via">(${esc(words)})</span>`;
  return `<li>${d.id !== undefined ? `<span class="doc-id">${esc(d.id)}</span> ` : ''}${d.title !== undefined ? `<span class="doc-title">${esc(d.title)}</span> ` : ''}<span class="status status-${statusClass}">${esc(status)}</span>${via}<span class="path">${esc(d.path)}:${d.line}</span></li>`;
}

function uncontrolledFiles(n: number): string {
  return n === 0 ? 'files without an id' : n === 1 ? '1 file without an id' : `${n} files without an id`;
}

/** The files without an id that cite clauses: they count for nothing until put under document control. */
function uncontrolledList(paths: string[], id: string): string {
  if (!paths.length) return '';
  const verbs = paths.length === 1 ? 'cites clauses of this standard and covers' : 'cite clauses of this standard and cover';
  return `<details class="uncontrolled-documents" id="${id}-uncontrolled"><summary>${uncontrolledFiles(paths.length)} ${verbs} none of them until put under document control</summary>
<ul class="docs">${paths.map((p) => `<li><span class="path">${esc(p)}</span></li>`).join('')}</ul>
</details>`;
}

