// The validation report as one self-contained HTML page, to print, sign or attach to a validation
// record. Its style is inline and it has no script; the Content-Security-Policy allows only this
// page's own style, by hash, and nothing to load, as the coverage report and the master list do.
// Every value from outside goes through text(): escaped (esc) with control characters and
// bidirectional overrides shown (visible), so a message or a path can neither add markup nor
// reorder what a reviewer reads.
import { createHash } from 'node:crypto';
import { esc } from '../coverage-report/html';
import { visible } from '../visible';
import type { CaseRow, ValidationReport } from './report';
import { bundleWords, configurationWords, PURPOSE, SIGNATURE_NOTE, TITLE, verdictWords, yoursWords } from './words';

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4b5563; --line: #d0d7de; --bg-soft: #f6f8fa; --pass: #1b5e20; --fail: #8e1616; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 8px; }
h2 { font-size: 1.3rem; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 20px 0 4px; }
.verdict { font-size: 1.2rem; font-weight: 700; }
.pass { color: var(--pass); }
.fail, .not-covered { color: var(--fail); font-weight: 600; }
table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--bg-soft); border-bottom: 2px solid var(--line); }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; word-break: break-all; }
.muted { color: var(--muted); }
table.signatures td { height: 3em; }
footer { color: var(--muted); font-size: 0.85rem; padding-top: 24px; padding-bottom: 24px; }
`;

const hash = (source: string) => `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
export const VALIDATION_CSP = `default-src 'none'; style-src ${hash(STYLE)}; base-uri 'none'; form-action 'none'`;

export function formatValidationHtml(r: ValidationReport): string {
  const items: [string, string][] = [
    ['Tool', `qmslint ${r.version}`],
    ['Run at', r.generated],
    ['CLI bundle', bundleWords(r.cli)],
    ['Server bundle', bundleWords(r.server)],
    ['Node.js', r.runtime.node],
    ['Operating system', `${r.runtime.platform} ${r.runtime.release} ${r.runtime.arch}`],
    ['Configuration', configurationWords(r)],
    ['Conformance suite', `${r.suite.path}, ${r.suite.cases} cases in ${r.suite.files} files, sha256 ${r.suite.sha256}`],
  ];
  const settings = r.configuration?.rules.length
    ? `<h3>Rule settings of the configuration</h3>
<table><thead><tr><th scope="col">Rule</th><th scope="col">Setting</th><th scope="col">Options</th></tr></thead><tbody>
${r.configuration.rules.map((x) => `<tr><td>${text(x.id)}</td><td>${text(x.setting)}</td><td class="mono">${Object.keys(x.options).length ? text(JSON.stringify(x.options)) : '-'}</td></tr>`).join('\n')}
</tbody></table>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${VALIDATION_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${TITLE}</h1>
<p>${text(PURPOSE)}</p>
<p class="verdict ${r.verdict}">${text(verdictWords(r))}</p>
</header>
<main>
<h2>What was run</h2>
<table><tbody>
${items.map(([k, v]) => `<tr><th scope="row">${k}</th><td class="mono">${text(v)}</td></tr>`).join('\n')}
</tbody></table>
${settings}
<h2>Rule catalog</h2>
<table><thead><tr><th scope="col">Rule</th><th scope="col">Scope</th><th scope="col">Fixable</th><th scope="col">Default severity</th><th scope="col">In force</th><th scope="col">Cases</th><th scope="col">Built-in defaults</th><th scope="col">Your configuration</th></tr></thead><tbody>
${r.rules
  .map(
    (x) =>
      `<tr><th scope="row">${text(x.id)}</th><td>${x.scope}</td><td>${x.fixable ? 'yes' : 'no'}</td><td>${x.defaultSeverity}</td><td>${text(x.inForce)}</td><td>${x.cases.map(text).join(', ') || '-'}</td><td>${status(x.defaults)}</td><td>${status(yoursWords(x))}</td></tr>` +
      (x.problems.length ? `\n<tr><td></td><td colspan="7"><ul>${x.problems.map((p) => `<li>${text(p)}</li>`).join('')}</ul></td></tr>` : ''),
  )
  .join('\n')}
</tbody></table>
<h2>Cases</h2>
${r.cases.map(caseHtml).join('\n')}
<h2>Signatures</h2>
<p>${text(SIGNATURE_NOTE)}</p>
<table class="signatures"><thead><tr><th scope="col">Role</th><th scope="col">Name</th><th scope="col">Signature</th><th scope="col">Date</th><th scope="col">Meaning</th></tr></thead><tbody>
${r.signatures.map((s) => `<tr><th scope="row">${text(s.role)}</th><td></td><td></td><td></td><td></td></tr>`).join('\n')}
</tbody></table>
</main>
<footer>Generated by qmslint ${text(r.version)}.</footer>
</body>
</html>
`;
}

function caseHtml(c: CaseRow): string {
  const problems = [...c.defaults.problems.map((p) => `built-in defaults: ${p}`), ...(c.yours?.problems ?? []).map((p) => `your configuration: ${p}`)];
  return `<section class="case">
<h3>${text(c.name)}</h3>
<p>${text(c.description)} <span class="muted">Rules: ${c.rules.map(text).join(', ')}.</span></p>
${c.limits ? `<p class="muted">Not exercised: ${text(c.limits)}</p>` : ''}
<p>Built-in defaults: ${status(c.defaults.status)}; your configuration: ${status(c.yours ? c.yours.status : 'no configuration')}</p>
${problems.length ? `<ul>${problems.map((p) => `<li>${text(p)}</li>`).join('')}</ul>` : ''}
</section>`;
}

function status(word: string): string {
  const cls = word === 'pass' ? 'pass' : word === 'fail' ? 'fail' : word === 'not covered' ? 'not-covered' : 'muted';
  return `<span class="${cls}">${text(word)}</span>`;
}

function text(value: string): string {
  return esc(visible(value));
}
