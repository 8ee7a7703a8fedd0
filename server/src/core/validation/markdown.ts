// The validation report as Markdown: to read, commit or paste into a validation record. Every
// value from outside (paths, messages, the user's rule names) goes through md(), the coverage
// report's escape, so none can add markup.
import { pushAll } from '../arrays';
import { md } from '../coverage-report/markdown';
import type { CaseRow, ValidationReport } from './report';
import { bundleWords, configurationWords, PURPOSE, SIGNATURE_NOTE, TITLE, verdictWords, yoursWords } from './words';

export function formatValidationMarkdown(r: ValidationReport): string {
  const out: string[] = [`# ${TITLE}`, '', md(PURPOSE), '', `**${md(verdictWords(r))}**`, '', '## What was run', '', '| Item | Value |', '|---|---|'];
  const item = (name: string, value: string) => out.push(`| ${name} | ${md(value)} |`);
  item('Tool', `qmslint ${r.version}`);
  item('Run at', r.generated);
  item('CLI bundle', bundleWords(r.cli));
  item('Server bundle', bundleWords(r.server));
  item('Node.js', r.runtime.node);
  item('Operating system', `${r.runtime.platform} ${r.runtime.release} ${r.runtime.arch}`);
  item('Configuration', configurationWords(r));
  item('Conformance suite', `${r.suite.path}, ${r.suite.cases} cases in ${r.suite.files} files, sha256 ${r.suite.sha256}`);
  if (r.configuration?.rules.length) {
    out.push('', '### Rule settings of the configuration', '', '| Rule | Setting | Options |', '|---|---|---|');
    for (const x of r.configuration.rules) out.push(`| ${md(x.id)} | ${md(x.setting)} | ${Object.keys(x.options).length ? md(JSON.stringify(x.options)) : '-'} |`);
  }
  out.push('', '## Rule catalog', '', '| Rule | Scope | Fixable | Default severity | In force | Cases | Built-in defaults | Your configuration |', '|---|---|---|---|---|---|---|---|');
  for (const x of r.rules) {
    out.push(`| ${x.id} | ${x.scope} | ${x.fixable ? 'yes' : 'no'} | ${x.defaultSeverity} | ${x.inForce} | ${x.cases.length ? x.cases.map(md).join(', ') : '-'} | ${x.defaults} | ${yoursWords(x)} |`);
  }
  const problems = r.rules.filter((x) => x.problems.length);
  if (problems.length) {
    out.push('', '### Rules that do not pass', '');
    for (const x of problems) for (const p of x.problems) out.push(`- ${x.id}: ${md(p)}`);
  }
  out.push('', '## Cases', '', '| Case | Rules | Built-in defaults | Your configuration |', '|---|---|---|---|');
  for (const c of r.cases) out.push(`| ${md(c.name)} | ${c.rules.map(md).join(', ')} | ${c.defaults.status} | ${c.yours ? c.yours.status : 'no configuration'} |`);
  for (const c of r.cases) pushAll(out, caseDetail(c));
  out.push('', '## Signatures', '', md(SIGNATURE_NOTE), '', '| Role | Name | Signature | Date | Meaning |', '|---|---|---|---|---|');
  for (const s of r.signatures) out.push(`| ${s.role} |  |  |  |  |`);
  return out.join('\n') + '\n';
}

function caseDetail(c: CaseRow): string[] {
  const out = ['', `### ${md(c.name)}`, '', md(c.description)];
  if (c.limits) out.push('', `Not exercised: ${md(c.limits)}`);
  const lines = (label: string, problems: string[]) => problems.map((p) => `- ${label}: ${md(p)}`);
  const notes = [...lines('built-in defaults', c.defaults.problems), ...lines('your configuration', c.yours?.problems ?? [])];
  if (notes.length) pushAll(out, ['', ...notes]);
  return out;
}
