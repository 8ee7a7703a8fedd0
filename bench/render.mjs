// Turns what bench/run.mjs measured into the measured section of
// bench/RESULTS.md: the tools' table, the second core, the 2 MB document,
// growth, the language server, and every target of issue 17 with its measured
// value and whether it is met (beside the previous run's value).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { latencyRow, median } from './lsp.mjs';
import { targetsComment } from './results-file.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TODAY = '2026-06-01';

/** What run.mjs measures in each interleaved round, by id: the names the tables show. */
export const TOOLS = {
  cold: 'qmslint (cold)',
  jobs1: 'qmslint --jobs 1 (cold, one core)',
  markdownlint: 'markdownlint-cli2',
  floor: 'parse floor',
  warm: 'qmslint --cache (warm, one document changed)',
  pair: 'qmslint --jobs 1, two runs side by side (until both end)',
  loop: 'arithmetic loop (one thread)',
  loopPair: 'arithmetic loop, two side by side (until both end)',
  lspPull: 'language server: workspace diagnostics complete, from its start',
  lspOpen: 'language server: first diagnostics of a document open from its start',
};
// Issue 17's targets.
const LIMITS = { cold: 0.6, secondCore: 1.6, rss: 0.5, growthRss: 5, warm: 0.05, lspPull: 1, lspOpenMs: 1000, smallEditMs: 30, largeEditMs: 150 };

const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
const div = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const ratio = (a, b) => f2(div(a, b));
// A target is met, not met, or not measured in this run (NaN).
const check = (x, ok) => (Number.isFinite(x) ? ok(x) : undefined);

/** The rows of the summary by id. */
const byId = (rows) => Object.fromEntries(rows.map((r) => [r.id, r]));

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'server', 'bench', 'esbuild.mjs'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  return `${r.stdout.trim()}${dirty ? ' (with uncommitted changes)' : ''}`;
}

/** The line that says the load was too high to trust the figures, or undefined. */
export function loadWarning(loadAtStart) {
  return loadAtStart >= 1
    ? `**Warning: the 1-minute load average was ${loadAtStart.toFixed(2)} at the start (1 or more): other work shared the cores, so these figures and even the ratios are unreliable; measure on a quiet machine.**`
    : undefined;
}

/** A table of tools: wall, CPU, peak RSS, documents per second and ratios to markdownlint-cli2 and the parse floor. */
function toolTable(rows, docs) {
  const r = byId(rows);
  const lines = [
    '| Tool | Wall s | CPU s | Peak RSS MB | Docs/s | Wall vs markdownlint-cli2 | Peak RSS vs markdownlint-cli2 | Wall vs parse floor | Rounds |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const t of rows) {
    const perSecond = docs > 1 ? f0(docs / t.wall) : '-';
    lines.push(`| ${t.name} | ${f2(t.wall)} | ${f2(t.cpu)} | ${f0(t.rss)} | ${perSecond} | ${ratio(t.wall, r.markdownlint?.wall)} | ${ratio(t.rss, r.markdownlint?.rss)} | ${ratio(t.wall, r.floor?.wall)} | ${t.n} |`);
  }
  return lines.join('\n');
}

/** The second core: what it gives qmslint, and what it can give this kind of work on this machine. */
function secondCore(rows) {
  const r = byId(rows);
  if (!r.jobs1 || !r.pair) return [];
  // Throughput of two runs side by side relative to one alone: 2 when the cores do not slow each other.
  const gain = (alone, pair) => div(2 * alone?.wall, pair?.wall);
  const lines = ['### The second core', '', '| Run | Wall s | CPU s | Throughput vs one alone | Rounds |', '|---|---:|---:|---:|---:|'];
  for (const [id, x] of [['jobs1', 1], ['cold', div(r.jobs1.wall, r.cold?.wall)], ['pair', gain(r.jobs1, r.pair)], ['loop', 1], ['loopPair', gain(r.loop, r.loopPair)]]) {
    if (r[id]) lines.push(`| ${r[id].name} | ${f2(r[id].wall)} | ${f2(r[id].cpu)} | ${f2(x)} | ${r[id].n} |`);
  }
  lines.push('');
  lines.push(
    `\`--jobs 1\` takes **${ratio(r.jobs1.wall, r.cold?.wall)} ×** the default run's wall time (target ≥ ${LIMITS.secondCore} ×). ` +
      `The machine's own ceiling for this work: two \`--jobs 1\` runs started side by side end after ${f2(r.pair.wall)} s against ${f2(r.jobs1.wall)} s for one alone, so a second core gives this memory-heavy work **${f2(gain(r.jobs1, r.pair))} ×** the throughput of one here` +
      (r.loopPair ? `, while a loop of arithmetic that touches no memory gets ${f2(gain(r.loop, r.loopPair))} ×.` : '.'),
  );
  lines.push('');
  return lines;
}

/** The language server's measures: the interleaved ones from the rounds, then the edits. */
function languageServer(results) {
  const r = byId(results.rows);
  const lines = ['### Language server', '', '| Measure | Median | Min | Max | Samples |', '|---|---:|---:|---:|---:|'];
  const samples = (id) => results.samples[id]?.map((m) => m.wall * 1000) ?? [];
  if (r.lspPull) lines.push(latencyRow(`Workspace diagnostics complete (${results.lspFiles} files, from the server's start)`, samples('lspPull')));
  if (r.lspOpen) lines.push(latencyRow(`First diagnostics of a document open from the start (${results.lspOpenFile})`, samples('lspOpen')));
  const { small, large } = results.edits ?? {};
  if (small) lines.push(latencyRow(`One-character edit to fresh diagnostics, ${(small.bytes / 1024).toFixed(1)} KB document in that workspace`, small.times));
  if (large) lines.push(latencyRow(`One-character edit to fresh diagnostics, ${(large.bytes / 1024 / 1024).toFixed(1)} MB document`, large.times));
  lines.push('');
  if (r.lspPull) {
    lines.push(
      `The server's memory right after the workspace diagnostics (medians, from /proc/PID/status): ${f0(r.lspPull.resident)} MB resident (VmRSS), ${f0(r.lspPull.rss)} MB peak (VmHWM). ` +
        `Workspace diagnostics and the first diagnostics are measured in the same rounds as the CLI, from spawning a fresh server; edits after the rounds, at the client (so they include the JSON-RPC round trip), with 300 ms or more between edits.`,
    );
    lines.push('');
  }
  return lines;
}

/** Issue 17's targets, in the order of its points: { id, point, name, measured, met } (met undefined: not measured; 'reported': no limit). */
export function targets(results) {
  const r = byId(results.rows);
  const docs = results.args.docs;
  const out = [];
  const add = (id, point, name, measured, met) => out.push({ id, point, name, measured: met === undefined ? 'not measured' : measured, met });

  const cold = div(r.cold?.wall, r.markdownlint?.wall);
  add('cold', 1, `CLI cold ≤ ${LIMITS.cold} × markdownlint-cli2's wall`, `${f2(cold)} × (${f2(r.cold?.wall)} s vs ${f2(r.markdownlint?.wall)} s)`, check(cold, (x) => x <= LIMITS.cold));
  const core = div(r.jobs1?.wall, r.cold?.wall);
  const ceiling = div(2 * r.jobs1?.wall, r.pair?.wall);
  add('secondCore', 1, `The second core: \`--jobs 1\` wall ≥ ${LIMITS.secondCore} × the default's`, `${f2(core)} × (this machine's ceiling for this work: ${f2(ceiling)} ×)`, check(core, (x) => x >= LIMITS.secondCore));

  const rss = div(r.cold?.rss, r.markdownlint?.rss);
  add('rss', 2, `CLI cold peak RSS ≤ ${LIMITS.rss} × markdownlint-cli2's`, `${f2(rss)} × (${f0(r.cold?.rss)} MB vs ${f0(r.markdownlint?.rss)} MB)`, check(rss, (x) => x <= LIMITS.rss));
  const g = results.growth;
  const growth = div(g?.big.rss, g?.small.rss);
  const sublinear = g ? `${g.docs} documents < ${g.docs / docs} × the peak of ${docs}` : `more documents, less than in proportion`;
  add('growthRss', 2, `Peak RSS grows sublinearly: ${sublinear}`, `${f2(growth)} × (${f0(g?.big.rss)} MB vs ${f0(g?.small.rss)} MB)`, check(growth, (x) => x < g.docs / docs));

  const warm = div(r.warm?.wall, r.cold?.wall);
  const identical = results.checks.filter((c) => c.warmEqualsCold).length;
  add('warm', 3, `Warm \`--cache\`, one document changed ≤ ${LIMITS.warm} × cold, identical findings`, `${f2(warm)} × (${f2(r.warm?.wall)} s vs ${f2(r.cold?.wall)} s), findings identical in ${identical} of ${results.checks.length} rounds`, check(warm, (x) => x <= LIMITS.warm && identical === results.checks.length));

  const pull = div(r.lspPull?.wall, r.cold?.wall);
  add('lspPull', 4, `Language server: workspace diagnostics of the ${docs} documents ≤ ${LIMITS.lspPull} × the CLI's cold run`, `${f2(pull)} × (${f2(r.lspPull?.wall)} s vs ${f2(r.cold?.wall)} s)`, check(pull, (x) => x <= LIMITS.lspPull));
  const open = (r.lspOpen?.wall ?? NaN) * 1000;
  add('lspOpen', 4, `Language server: first diagnostics of a document open from the start ≤ ${LIMITS.lspOpenMs} ms`, `${f0(open)} ms`, check(open, (x) => x <= LIMITS.lspOpenMs));
  const small = median(results.edits?.small?.times ?? []);
  add('smallEdit', 4, `Language server: one-character edit, 10 KB document ≤ ${LIMITS.smallEditMs} ms (median)`, `${f0(small)} ms`, check(small, (x) => x <= LIMITS.smallEditMs));
  const large = median(results.edits?.large?.times ?? []);
  add('largeEdit', 4, `Language server: one-character edit, 2 MB document ≤ ${LIMITS.largeEditMs} ms (median)`, `${f0(large)} ms`, check(large, (x) => x <= LIMITS.largeEditMs));
  add('lspMemory', 4, `Language server: its memory after the workspace diagnostics of the ${docs} documents, reported`, `${f0(r.lspPull?.resident)} MB resident, ${f0(r.lspPull?.rss)} MB peak`, Number.isFinite(r.lspPull?.rss) ? 'reported' : undefined);
  return out;
}

function targetsTable(list, previous) {
  const shown = (met) => (met === undefined ? 'not measured' : met === 'reported' ? 'reported' : met ? 'yes' : '**no**');
  const head = previous ? `| Point | Target | Measured | Met | Previous run (${previous.measured} UTC) |` : '| Point | Target | Measured | Met |';
  const lines = [head, previous ? '|---:|---|---|---|---|' : '|---:|---|---|---|'];
  for (const t of list) lines.push(`| ${t.point} | ${t.name} | ${t.measured} | ${shown(t.met)} |${previous ? ` ${previous.targets?.[t.id] ?? '-'} |` : ''}`);
  return lines.join('\n');
}

/** The measured section; `previous` is the replaced section's targets comment (see results-file.mjs). */
export function renderResults(results, previous) {
  const { args: a, rows } = results;
  const r = byId(rows);
  const cpus = os.cpus();
  const measured = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const lines = [];
  lines.push(`Measured ${measured} UTC by \`${['node bench/run.mjs', ...results.argv].join(' ')}\`.`);
  lines.push('');
  const warning = loadWarning(results.load[0]);
  if (warning) lines.push(warning, '');
  lines.push(`- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()}; 1-minute load average ${results.load.map((l) => l.toFixed(1)).join(' at the start, ')} at the end (the benchmark's own runs raise it; compare ratios, not seconds).`);
  lines.push(`- Versions: Node ${process.version}; qmslint ${JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version} at ${gitCommit()}; markdownlint-cli2 ${versionOf('markdownlint-cli2')} (markdownlint ${versionOf('markdownlint')}); micromark ${versionOf('micromark')}, remark-parse ${versionOf('remark-parse')}, remark-gfm ${versionOf('remark-gfm')}, remark-frontmatter ${versionOf('remark-frontmatter')}, yaml ${versionOf('yaml')}.`);
  lines.push(`- Corpus: \`node bench/corpus.mjs --docs ${a.docs} --seed ${a.seed}\` (${a.docs} generated SOPs, work instructions and forms).`);
  lines.push(`- Commands, run in the corpus folder: \`node out/cli.js . --today ${TODAY} --format json -o FILE\` (cold; \`--jobs 1\` for one core, alone and two side by side; \`--cache --cache-location DIR\` warm, after one document changed since the previous cached run); \`node node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs "**/*.md"\` (its defaults); \`node bench/parse-floor.mjs .\` (unified + remark-parse + remark-frontmatter + remark-gfm + yaml, nothing else); the language server (\`out/server.js --stdio\`) driven by bench/lsp.mjs. Wall, CPU (user + system) and peak RSS from \`/usr/bin/time\`; medians of ${a.rounds} interleaved rounds.`);
  lines.push('');
  lines.push(`### ${a.docs} documents`, '');
  lines.push(toolTable(rows.filter((t) => ['cold', 'jobs1', 'markdownlint', 'floor', 'warm'].includes(t.id)), a.docs), '');
  const count = (key) => (results.checks.some((c) => c[key] !== undefined) ? `${results.checks.filter((c) => c[key]).length} of ${results.checks.length} rounds` : 'not measured');
  lines.push(`Findings: warm equal to cold in ${count('warmEqualsCold')}; parallel equal to \`--jobs 1\` in ${count('parallelEqualsSerial')}.`, '');
  lines.push(...secondCore(rows));
  if (results.large) lines.push('### The 2 MB document alone', '', toolTable(results.large, 1), '');
  if (results.growth) {
    const g = results.growth;
    lines.push('### Growth', '');
    lines.push(`qmslint cold on ${g.docs} documents against ${a.docs} in the same rounds (${g.docs / a.docs} times the documents): wall ${f2(g.big.wall)} s against ${f2(g.small.wall)} s (**${ratio(g.big.wall, g.small.wall)} ×**), peak RSS ${f0(g.big.rss)} MB against ${f0(g.small.rss)} MB (**${ratio(g.big.rss, g.small.rss)} ×**).`, '');
  }
  if (r.lspPull || r.lspOpen || results.edits) lines.push(...languageServer(results));
  const list = targets(results);
  lines.push('### Targets (issue 17)', '', targetsTable(list, previous), '');
  if (results.profile) lines.push('### CPU profile (`--jobs 1`, one process)', '', '```text', results.profile.trim(), '```', '');
  lines.push(targetsComment({ measured, targets: Object.fromEntries(list.map((t) => [t.id, t.measured])) }));
  return lines.join('\n');
}
