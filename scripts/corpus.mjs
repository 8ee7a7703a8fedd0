// The real-world corpus: public QMS document collections nobody here wrote, kept with their
// licenses under test/fixtures/corpus/<owner>--<repo>/. Each is linted as a new user would, with
// zero configuration, and every finding is labelled a true or a false positive in
// test/fixtures/corpus/expectations.yaml. test/corpus/corpus.test.ts fails on a finding nobody
// labelled (a new false positive until someone says otherwise), on a true positive no longer
// reported, and on a label whose finding is gone.
//
//   node scripts/corpus.mjs            what differs from the labels, then precision per rule
//   node scripts/corpus.mjs --stubs    YAML entries for the findings not labelled yet
//
// Run `npm run build` first: the bundled CLI (out/cli.js) is what is measured.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO = fileURLToPath(new URL('../', import.meta.url));
export const CORPUS = join(REPO, 'test/fixtures/corpus');
export const EXPECTATIONS = join(CORPUS, 'expectations.yaml');
const CLI = join(REPO, 'out/cli.js');
const LEVELS = { error: 'error', warning: 'warning', note: 'info' };

/** The collections: every folder of the corpus. */
export function collections() {
  return readdirSync(CORPUS)
    .filter((name) => statSync(join(CORPUS, name)).isDirectory())
    .sort();
}

/**
 * Every finding qmslint reports on one collection, linted where nothing around it can
 * configure it (a copy in a fresh temporary folder, outside any repository).
 * Each as { at: "<collection>/<file>:<line>:<column>", rule, severity, message }; the second
 * finding of a rule at the same place has "#2" after the column, and so on.
 */
export function lintCollection(name, { timeout } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'qmslint-corpus-'));
  try {
    cpSync(join(CORPUS, name), join(dir, name), { recursive: true });
    const env = { ...process.env, NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    const run = spawnSync(process.execPath, [CLI, '--format', 'sarif', name], { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 << 20, timeout });
    if (run.status !== 0 && run.status !== 1) {
      throw new Error(`qmslint could not lint ${name} (exit ${run.status ?? run.signal}): ${run.stderr.trim()}`);
    }
    const sarif = JSON.parse(run.stdout);
    const seen = new Map();
    return sarif.runs[0].results.map((r) => {
      const loc = r.locations[0].physicalLocation;
      let at = `${loc.artifactLocation.uri}:${loc.region.startLine}:${loc.region.startColumn}`;
      // Two findings of one rule at one place (two missing fields on the opening ---) are told
      // apart by their order, which the engine keeps stable.
      const n = seen.get(`${at} ${r.ruleId}`) ?? 0;
      seen.set(`${at} ${r.ruleId}`, n + 1);
      if (n) at += `#${n + 1}`;
      return { at, rule: r.ruleId, severity: LEVELS[r.level], message: r.message.text };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The labels: [{ at, rule, severity, verdict: 'true' | 'false', why?, message? }]. */
export function readExpectations(file = EXPECTATIONS) {
  const data = parse(readFileSync(file, 'utf8')) ?? [];
  return data.map((e) => ({ ...e, verdict: String(e.verdict) }));
}

const key = (f) => `${f.at} ${f.rule}`;

/**
 * What the findings say against the labels: `unlabelled` findings, `lost` true positives,
 * `stale` labels of false positives no longer reported, `changed` findings whose severity
 * is not the labelled one, and `matched` labels with their findings.
 */
export function compare(findings, expectations) {
  const labels = new Map(expectations.map((e) => [key(e), e]));
  const seen = new Set();
  const out = { unlabelled: [], lost: [], stale: [], changed: [], matched: [] };
  for (const f of findings) {
    const label = labels.get(key(f));
    if (!label) {
      out.unlabelled.push(f);
      continue;
    }
    seen.add(key(f));
    if (label.severity !== f.severity) out.changed.push({ label, finding: f });
    out.matched.push(label);
  }
  for (const e of expectations) {
    if (seen.has(key(e))) continue;
    (e.verdict === 'true' ? out.lost : out.stale).push(e);
  }
  return out;
}

/** Precision per rule and level of the labelled findings, as a Markdown table. */
export function precisionTable(labels) {
  const rows = new Map();
  for (const e of labels) {
    const k = `${e.rule}\u0000${e.severity}`;
    const row = rows.get(k) ?? { rule: e.rule, severity: e.severity, tp: 0, fp: 0 };
    row[e.verdict === 'true' ? 'tp' : 'fp']++;
    rows.set(k, row);
  }
  const pct = (tp, n) => (n ? `${((100 * tp) / n).toFixed(1)} %` : '-');
  const lines = ['| rule | level | findings | true | false | precision |', '|---|---|---:|---:|---:|---:|'];
  const sorted = [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.severity.localeCompare(b.severity));
  for (const r of sorted) lines.push(`| ${r.rule} | ${r.severity} | ${r.tp + r.fp} | ${r.tp} | ${r.fp} | ${pct(r.tp, r.tp + r.fp)} |`);
  for (const level of ['error', 'warning', 'info']) {
    const of = sorted.filter((r) => r.severity === level);
    if (!of.length) continue;
    const tp = of.reduce((n, r) => n + r.tp, 0);
    const fp = of.reduce((n, r) => n + r.fp, 0);
    lines.push(`| **all** | ${level} | ${tp + fp} | ${tp} | ${fp} | ${pct(tp, tp + fp)} |`);
  }
  return lines.join('\n');
}

function stub(f) {
  return [
    `- at: ${JSON.stringify(f.at)}`,
    `  rule: ${f.rule}`,
    `  severity: ${f.severity}`,
    `  verdict: ?`,
    `  message: ${JSON.stringify(f.message)}`,
    `  why: ""`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const findings = collections().flatMap((name) => lintCollection(name));
  const expectations = readExpectations();
  const result = compare(findings, expectations);
  if (process.argv.includes('--stubs')) {
    console.log(result.unlabelled.map(stub).join('\n'));
  } else {
    for (const f of result.unlabelled) console.log(`unlabelled: ${f.at} ${f.rule} (${f.severity}) ${f.message}`);
    for (const e of result.lost) console.log(`lost true positive: ${e.at} ${e.rule}`);
    for (const e of result.stale) console.log(`no longer reported (remove the label): ${e.at} ${e.rule}`);
    for (const { label, finding } of result.changed) console.log(`severity changed: ${label.at} ${label.rule} ${label.severity} -> ${finding.severity}`);
    console.log(`\n${findings.length} findings in ${collections().length} collections\n`);
    console.log(precisionTable(result.matched));
  }
}
