// The benchmark: qmslint against markdownlint-cli2 and the parse floor on the
// same generated documents, interleaved, several rounds, medians, and every
// target of issue 17 with its ratio measured in the same run: cold wall, the
// second core (and what two side-by-side runs say this machine allows), peak
// RSS and its growth, warm --cache, the language server (workspace
// diagnostics beside the CLI's cold run, first diagnostics of a document open
// from the start, its memory, edits). Writes the measured section of
// bench/RESULTS.md (between its bench markers) and moves the one it replaces
// to the "previous" markers (bench/results-file.mjs); bench/render.mjs writes
// the text.
//
//   npm run bench                      # 2 000 documents, 3 rounds, growth to 10 000, LSP, profile
//   node bench/run.mjs --docs 200 --rounds 1 --growth 400 --results /tmp/R.md --corpus-dir /tmp/corpus
//
// Every figure is measured in this run on this machine; ratios compare tools
// measured in the same rounds, so a busy machine slows every tool alike (or
// nearly: the start warns when the load is 1 or more).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';
import { editBench, firstDiagnosticsAtStart, median, tenKilobyteDocument, workspaceDiagnostics } from './lsp.mjs';
import { loadWarning, renderResults, TODAY, TOOLS } from './render.mjs';
import { writeResults } from './results-file.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let CLI = path.join(REPO, 'out', 'cli.js');
let SERVER = path.join(REPO, 'out', 'server.js');
const MARKDOWNLINT = path.join(REPO, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const FLOOR = path.join(REPO, 'bench', 'parse-floor.mjs');
const TIME = '/usr/bin/time';

export function parseArgs(argv) {
  const a = { docs: 2000, rounds: 3, growth: 10000, lsp: true, large: true, seed: 1, results: path.join(REPO, 'bench', 'RESULTS.md'), corpusDir: path.join(REPO, 'bench', '.corpus'), profile: true };
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
    else if (x === '--no-profile') a.profile = false;
    else if (x === '--lsp-rounds') a.lspRounds = Number(argv[++i]);
    else if (x === '--build') a.build = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${x}`);
  }
  return a;
}

const log = (...m) => process.stderr.write(`[bench] ${m.join(' ')}\n`);

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

let timedRuns = 0;

/** Runs a command under /usr/bin/time: resolves with its wall and CPU seconds and peak RSS in MB. */
function timed(label, cmd, args, cwd) {
  const timeFile = path.join(os.tmpdir(), `qmslint-bench-${process.pid}-${++timedRuns}.time`);
  const haveTime = existsSync(TIME);
  const started = performance.now();
  const child = haveTime ? spawn(TIME, ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      let [wall, cpu, rss] = [(performance.now() - started) / 1000, NaN, NaN];
      if (haveTime && existsSync(timeFile)) {
        const [e, u, s, m] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        if (Number.isFinite(e)) [wall, cpu, rss] = [e, u + s, m / 1024];
        rmSync(timeFile, { force: true });
      }
      // 1 is "findings reported" for both linters.
      if (status !== 0 && status !== 1) reject(new Error(`${label} failed (exit ${status}): ${stderr}`));
      else resolve({ wall, cpu, rss });
    });
  });
}

async function measure(label, cmd, args, cwd) {
  const m = await timed(label, cmd, args, cwd);
  log(`${label}: ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU, ${m.rss.toFixed(0)} MB`);
  return m;
}

/** Commands started at the same moment: the wall time until the last ends, their CPU together, the largest peak RSS. */
async function measureSideBySide(label, commands) {
  const ms = await Promise.all(commands.map((c, i) => timed(`${label} (${i + 1})`, ...c)));
  const m = { wall: Math.max(...ms.map((x) => x.wall)), cpu: ms.reduce((t, x) => t + x.cpu, 0), rss: Math.max(...ms.map((x) => x.rss)) };
  log(`${label}: ${m.wall.toFixed(2)} s wall until the last ends, ${m.cpu.toFixed(2)} s CPU together`);
  return m;
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

// A loop of arithmetic that touches no memory: what two threads give when nothing but the cores is shared.
// (In a function, so that it is optimised as any hot function is, not by on-stack replacement.)
const ARITHMETIC = 'function step(x, n) { for (let i = 0; i < n; i++) x = (x * 31 + i) | 0; return x; } let x = 0; for (let k = 0; k < 1000; k++) x = step(x, 1e6); if (x === 42) console.log(x);';

/**
 * What each interleaved round measures, by id (names in render.mjs's TOOLS),
 * without the warm run, which must follow the round's change directly.
 */
function roundTools({ a, corpus, qmslint, hasJobs, lspOpenFile }) {
  const loop = [process.execPath, ['-e', ARITHMETIC], REPO];
  const tools = {
    cold: () => measure('qmslint cold', ...qmslint([], 'cold')),
    markdownlint: () => measure('markdownlint-cli2', process.execPath, [MARKDOWNLINT, '**/*.md'], corpus),
    floor: () => measure('parse floor', process.execPath, [FLOOR, '.'], corpus),
  };
  if (hasJobs) {
    tools.jobs1 = () => measure('qmslint --jobs 1', ...qmslint(['--jobs', '1'], 'jobs1'));
    // Two one-core runs at once: how much a second core can give this memory-heavy work on this machine.
    tools.pair = () => measureSideBySide('qmslint --jobs 1 side by side', [qmslint(['--jobs', '1'], 'pair-1'), qmslint(['--jobs', '1'], 'pair-2')]);
    tools.loop = () => measure('arithmetic loop', ...loop);
    tools.loopPair = () => measureSideBySide('arithmetic loop side by side', [loop, loop]);
  }
  if (a.lsp) {
    tools.lspPull = async () => {
      const p = await workspaceDiagnostics(SERVER, corpus);
      log(`LSP workspace diagnostics: ${(p.ms / 1000).toFixed(2)} s for ${p.files} files; server ${p.resident.toFixed(0)} MB resident, ${p.peak.toFixed(0)} MB peak`);
      return { wall: p.ms / 1000, cpu: NaN, rss: p.peak, resident: p.resident, files: p.files };
    };
    tools.lspOpen = async () => {
      const ms = await firstDiagnosticsAtStart(SERVER, corpus, lspOpenFile);
      log(`LSP first diagnostics of a document open from the start: ${ms.toFixed(0)} ms`);
      return { wall: ms / 1000, cpu: NaN, rss: NaN };
    };
  }
  return tools;
}

/**
 * The interleaved rounds: each changes one document, then runs every tool on
 * that state, in an order that rotates from round to round. Returns every
 * sample by id and the findings checks of each round.
 */
async function runRounds({ a, corpus, qmslint, hasJobs, hasCache, cacheDir, out, lspOpenFile }) {
  const tools = roundTools({ a, corpus, qmslint, hasJobs, lspOpenFile });
  const warm = () => measure('qmslint --cache', ...qmslint(['--cache', '--cache-location', cacheDir], 'warm'));
  const samples = Object.fromEntries([...Object.keys(tools), ...(hasCache ? ['warm'] : [])].map((id) => [id, []]));
  const checks = [];
  const edit = toggler(corpus);
  if (hasCache) await measure('qmslint --cache (priming, not counted)', ...qmslint(['--cache', '--cache-location', cacheDir], 'prime'));
  try {
    for (let round = 0; round < a.rounds; round++) {
      edit.toggle();
      log(`round ${round + 1} of ${a.rounds}`);
      const ids = Object.keys(tools);
      const order = [...ids.slice(round % ids.length), ...ids.slice(0, round % ids.length)];
      // The warm run goes first or last in alternate rounds; it must follow the change directly either way (nothing else writes the cache).
      if (hasCache && round % 2 === 0) samples.warm.push(await warm());
      for (const id of order) samples[id].push(await tools[id]());
      if (hasCache && round % 2 === 1) samples.warm.push(await warm());
      checks.push({
        warmEqualsCold: hasCache ? findings(out('warm')) === findings(out('cold')) : undefined,
        parallelEqualsSerial: hasJobs ? findings(out('jobs1')) === findings(out('cold')) : undefined,
      });
    }
  } finally {
    edit.restore();
  }
  return { samples, checks };
}

/** The 2 MB document alone, each tool in turn. */
async function runLarge({ a, out }) {
  const dir = ensureCorpus(path.join(a.corpusDir, 'large'), 0, a.seed, true);
  const samples = { cold: [], markdownlint: [], floor: [] };
  for (let round = 0; round < Math.max(1, Math.min(2, a.rounds)); round++) {
    samples.cold.push(await measure('qmslint 2 MB', process.execPath, [CLI, '.', '--today', TODAY, '--format', 'json', '-o', out('large')], dir));
    samples.markdownlint.push(await measure('markdownlint-cli2 2 MB', process.execPath, [MARKDOWNLINT, '**/*.md'], dir));
    samples.floor.push(await measure('parse floor 2 MB', process.execPath, [FLOOR, '.'], dir));
  }
  return summarise(samples);
}

/** The CLI's cold run on the usual corpus and on the growth corpus, interleaved: wall and peak RSS of each. */
async function runGrowth({ a, qmslint, out }) {
  const big = ensureCorpus(path.join(a.corpusDir, String(a.growth)), a.growth, a.seed);
  const g = { small: [], big: [] };
  for (let round = 0; round < Math.max(1, Math.min(2, a.rounds)); round++) {
    g.small.push(await measure(`qmslint ${a.docs}`, ...qmslint([], 'growth-small')));
    g.big.push(await measure(`qmslint ${a.growth}`, process.execPath, [CLI, '.', '--today', TODAY, '--format', 'json', '-o', out('growth-big')], big));
  }
  const medians = (ms) => ({ wall: median(ms.map((m) => m.wall)), rss: median(ms.map((m) => m.rss)) });
  return { docs: a.growth, small: medians(g.small), big: medians(g.big) };
}

/** A CPU profile of one `--jobs 1` run, summarised: where the time that remains goes (issue 17, point 5). */
function runProfile({ work, corpus, hasJobs, out }) {
  const jobs = hasJobs ? ['--jobs', '1'] : [];
  spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', work, '--cpu-prof-name', 'cli-jobs1.cpuprofile', CLI, '.', ...jobs, '--today', TODAY, '--format', 'json', '-o', out('profile')], { cwd: corpus, stdio: 'ignore' });
  return spawnSync(process.execPath, [path.join(REPO, 'bench', 'profile.mjs'), path.join(work, 'cli-jobs1.cpuprofile'), '--top', '15'], { encoding: 'utf8' }).stdout;
}

export async function runBench(argv) {
  const a = parseArgs(argv);
  // --build DIR: measure another build (a copy of out/ kept as a baseline).
  if (a.build) [CLI, SERVER] = [path.join(a.build, 'cli.js'), path.join(a.build, 'server.js')];
  if (!existsSync(CLI)) throw new Error('out/cli.js is missing: run npm run build first');
  const load = [os.loadavg()[0]];
  const warning = loadWarning(load[0]);
  if (warning) log(warning.replaceAll('**', ''));
  mkdirSync(a.corpusDir, { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), 'qmslint-bench-'));
  const corpus = ensureCorpus(path.join(a.corpusDir, String(a.docs)), a.docs, a.seed);
  const out = (name) => path.join(work, `${name}.json`);
  const qmslint = (extra, name) => [process.execPath, [CLI, '.', '--today', TODAY, '--format', 'json', '-o', out(name), ...extra], corpus];
  // Older builds (the first measurement) have neither --jobs nor --cache.
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout;
  const hasJobs = help.includes('--jobs');
  const hasCache = help.includes('--cache');
  const lspOpenFile = tenKilobyteDocument(corpus);

  const { samples, checks } = await runRounds({ a, corpus, qmslint, hasJobs, hasCache, cacheDir: path.join(work, 'cache'), out, lspOpenFile });
  const results = { args: a, argv, rows: summarise(samples), samples, checks, load };
  if (a.lsp) Object.assign(results, { lspFiles: samples.lspPull[0]?.files, lspOpenFile: path.relative(corpus, lspOpenFile) });
  if (a.large) results.large = await runLarge({ a, out });
  if (a.growth) results.growth = await runGrowth({ a, qmslint, out });
  if (a.lsp) {
    const large = a.large ? path.join(ensureCorpus(path.join(a.corpusDir, 'large'), 0, a.seed, true), 'manual', 'qm-001-quality-manual.md') : undefined;
    results.edits = await editBench({ server: SERVER, workspace: corpus, large, rounds: a.lspRounds ?? Math.max(5, a.rounds * 5), log });
  }
  if (a.profile) results.profile = runProfile({ work, corpus, hasJobs, out });
  load.push(os.loadavg()[0]);
  if (warning) log(warning.replaceAll('**', ''));
  for (const c of checks) if (c.warmEqualsCold === false || c.parallelEqualsSerial === false) log('WARNING: findings differ between runs (see "Findings" in the results)');

  rmSync(work, { recursive: true, force: true });
  writeResults(a.results, (previous) => renderResults(results, previous));
  log(`wrote ${path.relative(process.cwd(), a.results)}`);
  return results;
}

/** Medians by id, in TOOLS order: wall, CPU, peak RSS and whatever else a measure holds. */
function summarise(samples) {
  const out = [];
  for (const id of Object.keys(TOOLS)) {
    const ms = samples[id];
    if (!ms?.length) continue;
    const row = { id, name: TOOLS[id], n: ms.length };
    for (const key of Object.keys(ms[0])) if (typeof ms[0][key] === 'number') row[key] = median(ms.map((m) => m[key]));
    out.push(row);
  }
  return out;
}

if (process.argv[1] && import.meta.url && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBench(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exitCode = 1;
  });
}
