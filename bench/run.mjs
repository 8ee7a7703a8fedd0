// The benchmark: qmslint against markdownlint-cli2 and the parse floor on the
// same generated documents, interleaved, several rounds, medians. Writes the
// measured section of bench/RESULTS.md (between its bench markers).
//
//   npm run bench                      # 2 000 documents, 3 rounds, growth to 10 000, LSP
//   node bench/run.mjs --docs 200 --rounds 1 --no-growth --no-lsp --results /tmp/R.md
//
// Every figure is measured in this run on this machine; ratios compare tools
// measured in the same rounds, so a busy machine slows every tool alike.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';
import { runLspBench } from './lsp.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let CLI = path.join(REPO, 'out', 'cli.js');
let SERVER = path.join(REPO, 'out', 'server.js');
const MARKDOWNLINT = path.join(REPO, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const FLOOR = path.join(REPO, 'bench', 'parse-floor.mjs');
const TODAY = '2026-06-01';
const TIME = '/usr/bin/time';

export function parseArgs(argv) {
  const a = { docs: 2000, rounds: 3, growth: 10000, lsp: true, large: true, seed: 1, results: path.join(REPO, 'bench', 'RESULTS.md'), corpusDir: path.join(REPO, 'bench', '.corpus'), profile: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--docs') a.docs = Number(argv[++i]);
    else if (x === '--rounds') a.rounds = Number(argv[++i]);
    else if (x === '--growth') a.growth = Number(argv[++i]);
    else if (x === '--no-growth') a.growth = 0;
    else if (x === '--no-lsp') a.lsp = false;
    else if (x === '--no-large') a.large = false;
    else if (x === '--seed') a.seed = Number(argv[++i]);
    else if (x === '--results') a.results = path.resolve(argv[++i]);
    else if (x === '--corpus-dir') a.corpusDir = path.resolve(argv[++i]);
    else if (x === '--profile') a.profile = true;
    else if (x === '--lsp-rounds') a.lspRounds = Number(argv[++i]);
    else if (x === '--build') a.build = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${x}`);
  }
  return a;
}

const log = (...m) => process.stderr.write(`[bench] ${m.join(' ')}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** A corpus is regenerated when the generator or its arguments changed. */
function ensureCorpus(dir, docs, seed, large = false) {
  const stamp = JSON.stringify({ docs, seed, large, generator: readFileSync(path.join(REPO, 'bench', 'corpus.mjs'), 'utf8').length });
  const stampFile = path.join(dir, '.bench-stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return dir;
  log(`generating ${docs} documents in ${path.relative(REPO, dir)}`);
  writeCorpus(dir, { docs, seed, large });
  writeFileSync(stampFile, stamp);
  return dir;
}

/** Runs a command under /usr/bin/time: wall and CPU seconds, peak RSS in MB. */
function measure(label, cmd, args, cwd) {
  const timeFile = path.join(os.tmpdir(), `qmslint-bench-${process.pid}.time`);
  const haveTime = existsSync(TIME);
  const started = performance.now();
  const r = haveTime
    ? spawnSync(TIME, ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const wallJs = (performance.now() - started) / 1000;
  let wall = wallJs;
  let cpu = NaN;
  let rss = NaN;
  if (haveTime && existsSync(timeFile)) {
    const line = readFileSync(timeFile, 'utf8').trim().split('\n').pop();
    const [e, u, s, m] = line.split(' ').map(Number);
    if (Number.isFinite(e)) [wall, cpu, rss] = [e, u + s, m / 1024];
    rmSync(timeFile, { force: true });
  }
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`${label} failed (exit ${r.status}): ${String(r.stderr).slice(0, 2000)}`);
  }
  log(`${label}: ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU, ${rss.toFixed(0)} MB`);
  return { wall, cpu, rss };
}

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

/** Findings of a --format json report, as a canonical string. */
function findings(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return JSON.stringify(report.map((f) => [f.filePath, f.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message, m.severity])]));
}

/** Toggles one document between its text and its text plus a sentence: one changed file per warm run. */
function toggler(corpus) {
  const files = readdirMarkdown(corpus);
  const file = files[Math.floor(files.length / 2)];
  const original = readFileSync(file, 'utf8');
  let edited = false;
  return {
    file,
    toggle() {
      edited = !edited;
      writeFileSync(file, edited ? original.replace('## 6. Records\n\n', '## 6. Records\n\nAn added sentence for the warm run.\n\n') : original);
    },
    restore() {
      writeFileSync(file, original);
    },
  };
}

function readdirMarkdown(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  return out;
}
export async function runBench(argv) {
  const a = parseArgs(argv);
  // --build DIR: measure another build (a copy of out/ kept as a baseline).
  if (a.build) [CLI, SERVER] = [path.join(a.build, 'cli.js'), path.join(a.build, 'server.js')];
  if (!existsSync(CLI)) throw new Error('out/cli.js is missing: run npm run build first');
  mkdirSync(a.corpusDir, { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), 'qmslint-bench-'));
  const load = [os.loadavg()[0]];
  const corpus = ensureCorpus(path.join(a.corpusDir, String(a.docs)), a.docs, a.seed);
  const cacheDir = path.join(work, 'cache');
  const out = (name) => path.join(work, `${name}.json`);
  const qmslint = (extra, name) => [process.execPath, [CLI, '.', '--today', TODAY, '--format', 'json', '-o', out(name), ...extra], corpus];
  // Older builds (the first measurement) have neither --jobs nor --cache.
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout;
  const hasJobs = help.includes('--jobs');
  const hasCache = help.includes('--cache');
  const tools = {
    'qmslint (cold)': () => measure('qmslint cold', ...qmslint([], 'cold')),
    ...(hasJobs ? { 'qmslint --jobs 1 (cold, one core)': () => measure('qmslint --jobs 1', ...qmslint(['--jobs', '1'], 'jobs1')) } : {}),
    'markdownlint-cli2': () => measure('markdownlint-cli2', process.execPath, [MARKDOWNLINT, '**/*.md'], corpus),
    'parse floor': () => measure('parse floor', process.execPath, [FLOOR, '.'], corpus),
  };
  const warmName = 'qmslint --cache (warm, one document changed)';
  const rows = new Map([...Object.keys(tools), ...(hasCache ? [warmName] : [])].map((k) => [k, []]));
  const checks = [];

  // Prime the cache, then in each round change one document and run everything on that state.
  const edit = toggler(corpus);
  if (hasCache) measure('qmslint --cache (priming, not counted)', ...qmslint(['--cache', '--cache-location', cacheDir], 'prime'));
  try {
    for (let round = 0; round < a.rounds; round++) {
      edit.toggle();
      log(`round ${round + 1} of ${a.rounds}`);
      const names = Object.keys(tools);
      const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
      // The warm run goes first or last in alternate rounds; it must follow the change directly either way (nothing else writes the cache).
      if (hasCache && round % 2 === 0) rows.get(warmName).push(measure('qmslint --cache', ...qmslint(['--cache', '--cache-location', cacheDir], 'warm')));
      for (const name of order) rows.get(name).push(tools[name]());
      if (hasCache && round % 2 === 1) rows.get(warmName).push(measure('qmslint --cache', ...qmslint(['--cache', '--cache-location', cacheDir], 'warm')));
      checks.push({
        warmEqualsCold: hasCache ? findings(out('warm')) === findings(out('cold')) : undefined,
        parallelEqualsSerial: hasJobs ? findings(out('jobs1')) === findings(out('cold')) : undefined,
      });
    }
  } finally {
    edit.restore();
  }
  load.push(os.loadavg()[0]);

  const results = { args: a, argv, rows: summarise(rows, a.docs), checks, load };

  if (a.large) {
    const largeDir = ensureCorpus(path.join(a.corpusDir, 'large'), 0, a.seed, true);
    const largeRows = new Map([
      ['qmslint (cold)', []],
      ['markdownlint-cli2', []],
      ['parse floor', []],
    ]);
    for (let round = 0; round < Math.max(1, Math.min(2, a.rounds)); round++) {
      largeRows.get('qmslint (cold)').push(measure('qmslint 2 MB', process.execPath, [CLI, '.', '--today', TODAY, '--format', 'json', '-o', out('large')], largeDir));
      largeRows.get('markdownlint-cli2').push(measure('markdownlint-cli2 2 MB', process.execPath, [MARKDOWNLINT, '**/*.md'], largeDir));
      largeRows.get('parse floor').push(measure('parse floor 2 MB', process.execPath, [FLOOR, '.'], largeDir));
    }
    results.large = summarise(largeRows, 1);
  }

  if (a.growth) {
    const big = ensureCorpus(path.join(a.corpusDir, String(a.growth)), a.growth, a.seed);
    const g = { small: [], big: [] };
    // Interleaved: small, big, small, big.
    for (let round = 0; round < Math.max(1, Math.min(2, a.rounds)); round++) {
      g.small.push(measure(`qmslint ${a.docs}`, ...qmslint([], 'growth-small')));
      g.big.push(measure(`qmslint ${a.growth}`, process.execPath, [CLI, '.', '--today', TODAY, '--format', 'json', '-o', out('growth-big')], big));
    }
    results.growth = { docs: a.growth, small: median(g.small.map((m) => m.wall)), big: median(g.big.map((m) => m.wall)), bigRss: median(g.big.map((m) => m.rss)) };
  }

  if (a.lsp) {
    const largeDir = a.large ? ensureCorpus(path.join(a.corpusDir, 'large'), 0, a.seed, true) : undefined;
    results.lsp = await runLspBench({ server: SERVER, workspace: corpus, large: largeDir && path.join(largeDir, 'manual', 'qm-001-quality-manual.md'), rounds: a.lspRounds ?? Math.max(5, a.rounds * 5), log });
  }

  if (a.profile) {
    const prof = path.join(REPO, 'bench', '.work');
    mkdirSync(prof, { recursive: true });
    const jobs = hasJobs ? ['--jobs', '1'] : [];
    spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', prof, '--cpu-prof-name', 'cli-jobs1.cpuprofile', CLI, '.', ...jobs, '--today', TODAY, '--format', 'json', '-o', out('profile')], { cwd: corpus, stdio: 'ignore' });
    const r = spawnSync(process.execPath, [path.join(REPO, 'bench', 'profile.mjs'), path.join(prof, 'cli-jobs1.cpuprofile'), '--top', '15'], { encoding: 'utf8' });
    results.profile = r.stdout;
  }

  rmSync(work, { recursive: true, force: true });
  writeResults(a.results, results);
  log(`wrote ${path.relative(process.cwd(), a.results)}`);
  return results;
}

function summarise(rows, docs) {
  const out = [];
  for (const [name, ms] of rows) {
    if (!ms.length) continue;
    out.push({ name, n: ms.length, wall: median(ms.map((m) => m.wall)), cpu: median(ms.map((m) => m.cpu)), rss: median(ms.map((m) => m.rss)), docsPerSecond: docs / median(ms.map((m) => m.wall)) });
  }
  return out;
}

const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : 'n/a');

function table(rows, docs) {
  const ml = rows.find((r) => r.name === 'markdownlint-cli2');
  const floor = rows.find((r) => r.name === 'parse floor');
  const lines = [
    '| Tool | Wall s | CPU s | Peak RSS MB | Docs/s | Wall vs markdownlint-cli2 | Wall vs parse floor | Rounds |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${f2(r.wall)} | ${f2(r.cpu)} | ${f0(r.rss)} | ${docs > 1 ? f0(r.docsPerSecond) : '-'} | ${ratio(r.wall, ml?.wall)} | ${ratio(r.wall, floor?.wall)} | ${r.n} |`);
  }
  return lines.join('\n');
}

export function renderResults(results) {
  const { args: a, rows } = results;
  const get = (name) => rows.find((r) => r.name === name);
  const cold = get('qmslint (cold)');
  const warm = get('qmslint --cache (warm, one document changed)');
  const ml = get('markdownlint-cli2');
  const cpus = os.cpus();
  const lines = [];
  lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`${['node bench/run.mjs', ...results.argv].join(' ')}\`.`);
  lines.push('');
  lines.push(`- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()}; 1-minute load average ${results.load.map((l) => l.toFixed(1)).join(' at the start, ')} at the end (other work shares this machine: compare ratios, not seconds).`);
  lines.push(`- Versions: Node ${process.version}; qmslint ${JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version} at ${gitCommit()}; markdownlint-cli2 ${versionOf('markdownlint-cli2')} (markdownlint ${versionOf('markdownlint')}); micromark ${versionOf('micromark')}, remark-parse ${versionOf('remark-parse')}, remark-gfm ${versionOf('remark-gfm')}, remark-frontmatter ${versionOf('remark-frontmatter')}, yaml ${versionOf('yaml')}.`);
  lines.push(`- Corpus: \`node bench/corpus.mjs --docs ${a.docs} --seed ${a.seed}\` (${a.docs} generated SOPs, work instructions and forms).`);
  lines.push(`- Commands, run in the corpus folder: \`node out/cli.js . --today ${TODAY} --format json -o FILE\` (cold; \`--jobs 1\` for one core; \`--cache --cache-location DIR\` warm, after one document changed since the previous cached run); \`node node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs "**/*.md"\` (its defaults); \`node bench/parse-floor.mjs .\` (unified + remark-parse + remark-frontmatter + remark-gfm + yaml, nothing else). Wall, CPU (user + system) and peak RSS from \`/usr/bin/time\`; medians of ${a.rounds} interleaved rounds.`);
  lines.push('');
  lines.push(`### ${a.docs} documents`);
  lines.push('');
  lines.push(table(rows, a.docs));
  lines.push('');
  const allWarmEqual = results.checks.every((c) => c.warmEqualsCold);
  const allParallelEqual = results.checks.every((c) => c.parallelEqualsSerial);
  const count = (key) => (results.checks.some((c) => c[key] !== undefined) ? `${results.checks.filter((c) => c[key]).length} of ${results.checks.length} rounds` : 'not measured');
  lines.push(`Findings: warm equal to cold in ${count('warmEqualsCold')}; parallel equal to \`--jobs 1\` in ${count('parallelEqualsSerial')}.`);
  lines.push('');
  if (results.large) {
    lines.push('### The 2 MB document alone');
    lines.push('');
    lines.push(table(results.large, 1));
    lines.push('');
  }
  if (results.growth) {
    lines.push('### Growth');
    lines.push('');
    lines.push(`qmslint cold on ${results.growth.docs} documents: ${f2(results.growth.big)} s wall (peak RSS ${f0(results.growth.bigRss)} MB); on ${a.docs} in the same rounds: ${f2(results.growth.small)} s; ratio **${ratio(results.growth.big, results.growth.small)}** for ${results.growth.docs / a.docs} times the documents.`);
    lines.push('');
  }
  if (results.lsp) {
    lines.push('### Language server');
    lines.push('');
    lines.push(results.lsp.markdown);
    lines.push('');
  }
  lines.push('### Targets');
  lines.push('');
  lines.push('| Target | Measured | Met |');
  lines.push('|---|---|---|');
  const yes = (ok) => (ok === undefined ? 'not measured' : ok ? 'yes' : '**no**');
  const coldRatio = cold && ml ? cold.wall / ml.wall : undefined;
  lines.push(`| CLI cold ≤ 0.6 × markdownlint-cli2 wall | ${ratio(cold?.wall, ml?.wall)} × | ${yes(coldRatio === undefined ? undefined : coldRatio <= 0.6)} |`);
  lines.push(`| CLI cold peak RSS ≤ markdownlint-cli2's | ${f0(cold?.rss)} MB vs ${f0(ml?.rss)} MB | ${yes(cold && ml ? cold.rss <= ml.rss : undefined)} |`);
  lines.push(`| Warm (\`--cache\`, one document changed) ≤ 0.05 × cold, identical findings | ${warm ? `${ratio(warm.wall, cold?.wall)} ×, identical: ${allWarmEqual ? 'yes' : 'no'}` : 'not measured (no --cache yet)'} | ${yes(warm && cold ? warm.wall / cold.wall <= 0.05 && allWarmEqual : undefined)} |`);
  if (results.lsp) {
    for (const t of results.lsp.targets) lines.push(`| ${t.name} | ${t.measured} | ${yes(t.met)} |`);
    lines.push(`| LSP: workspace diagnostics for the ${a.docs} documents ≤ CLI cold | ${f2(results.lsp.workspace / 1000)} s vs ${f2(cold?.wall)} s | ${yes(cold ? results.lsp.workspace / 1000 <= cold.wall : undefined)} |`);
  }
  if (results.growth) lines.push(`| ${results.growth.docs} documents ≤ 5.5 × the time of ${a.docs} | ${ratio(results.growth.big, results.growth.small)} × | ${yes(results.growth.big / results.growth.small <= 5.5)} |`);
  if (results.checks.some((c) => c.parallelEqualsSerial !== undefined)) lines.push(`| Parallel and serial findings identical | ${allParallelEqual ? 'identical' : 'different'} | ${yes(allParallelEqual)} |`);
  if (results.profile) {
    lines.push('');
    lines.push('### CPU profile (`--jobs 1`, one process)');
    lines.push('');
    lines.push('```text');
    lines.push(results.profile.trim());
    lines.push('```');
  }
  return lines.join('\n');
}

const START = '<!-- bench:start (written by bench/run.mjs; edit outside the markers) -->';
const END = '<!-- bench:end -->';

function writeResults(file, results) {
  const body = `${START}\n${renderResults(results)}\n${END}`;
  if (!existsSync(file)) {
    writeFileSync(file, `# Benchmark results\n\n${body}\n`);
    return;
  }
  const old = readFileSync(file, 'utf8');
  const s = old.indexOf(START);
  const e = old.indexOf(END);
  if (s < 0 || e < 0) appendFileSync(file, `\n${body}\n`);
  else writeFileSync(file, old.slice(0, s) + body + old.slice(e + END.length));
}

if (process.argv[1] && import.meta.url && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBench(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exitCode = 1;
  });
}
