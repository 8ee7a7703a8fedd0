// The editor's first lint of a large folder against the CLI's cold run, interleaved in the same
// rounds (issue 16, point 10): for each build, the CLI on the corpus, then a fresh language server:
// the time from `initialized` to complete workspace diagnostics, the server's memory then (resident
// and peak, from /proc on Linux), the time to the diagnostics of a document opened right after, and
// a hover in it; then another fresh server with a document open from the start, as an editor
// restored with its tabs: the time to that document's first diagnostics (issue 17, point 4), and to
// its complete ones (the same when the first are, later when the first came from its text alone).
//
//   node bench/first-lint.mjs --workspace bench/.corpus/2000 [--rounds 3] [BUILD_DIR ...]
//
// BUILD_DIR holds cli.js and server.js (default: out/); several compare builds in the same rounds.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client, serverMemory } from './lsp.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv.splice(argv.indexOf(name), 2)[1] : fallback);
const workspace = path.resolve(option('--workspace', path.join(REPO, 'bench/.corpus/2000')));
const rounds = Number(option('--rounds', '3'));
const builds = argv.length ? argv.map((b) => path.resolve(b)) : [path.join(REPO, 'out')];
const sop = path.join(workspace, 'sops', readdirSync(path.join(workspace, 'sops')).filter((f) => f.endsWith('.md')).sort()[0]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function editor(build) {
  const client = new Client(path.join(build, 'server.js'));
  const t0 = performance.now();
  await client.initialize(workspace);
  await client.request('workspace/diagnostic', { previousResultIds: [] });
  const t1 = performance.now();
  const memory = serverMemory(client.child.pid);
  const uri = pathToFileURL(sop).href;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(sop, 'utf8') } });
  await client.request('textDocument/diagnostic', { textDocument: { uri } });
  const t2 = performance.now();
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 5 } });
  const t3 = performance.now();
  await client.stop();
  return { workspace: t1 - t0, open: t2 - t1, hover: t3 - t2, rss: memory.resident, peak: memory.peak };
}

/**
 * A server with the document open from its start: the time from `initialized` to its first
 * diagnostics (perhaps from its text alone, while the folder's first lint runs), and to its complete
 * ones (pulled again once the workspace pull, which waits for that lint, is answered).
 */
async function openAtStart(build) {
  const client = new Client(path.join(build, 'server.js'));
  const t0 = performance.now();
  await client.initialize(workspace);
  const uri = pathToFileURL(sop).href;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(sop, 'utf8') } });
  await client.request('textDocument/diagnostic', { textDocument: { uri } });
  const t1 = performance.now();
  await client.request('workspace/diagnostic', { previousResultIds: [] });
  await client.request('textDocument/diagnostic', { textDocument: { uri } });
  const t2 = performance.now();
  await client.stop();
  return { first: t1 - t0, complete: t2 - t0 };
}

const results = new Map(builds.map((b) => [b, { cli: [], workspace: [], open: [], hover: [], rss: [], peak: [], atStart: [], complete: [] }]));
const loadAtStart = os.loadavg()[0];
for (let round = 0; round < rounds; round++) {
  for (const build of builds) {
    const r = results.get(build);
    const t = performance.now();
    spawnSync(process.execPath, [path.join(build, 'cli.js'), '.', '--today', '2026-06-01', '--format', 'json', '-o', path.join(os.tmpdir(), 'qmslint-first-lint.json')], { cwd: workspace });
    r.cli.push(performance.now() - t);
    const e = await editor(build);
    for (const k of ['workspace', 'open', 'hover', 'rss', 'peak']) r[k].push(e[k]);
    const atStart = await openAtStart(build);
    r.atStart.push(atStart.first);
    r.complete.push(atStart.complete);
    process.stderr.write(
      `[first-lint] ${build} round ${round + 1}: CLI ${(r.cli.at(-1) / 1000).toFixed(2)} s, editor ${(e.workspace / 1000).toFixed(2)} s, open ${e.open.toFixed(0)} ms, open at start ${atStart.first.toFixed(0)} ms (complete ${(atStart.complete / 1000).toFixed(2)} s)\n`,
    );
  }
}
const s = (ms) => (ms / 1000).toFixed(2);
console.log(`Load average ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end; medians of ${rounds} interleaved rounds.\n`);
console.log('| Build | CLI cold s | Editor: workspace diagnostics s | Editor ÷ CLI | Server RSS then / peak MB | Then a document opened: diagnostics ms | Hover ms | A document open from the start: first diagnostics ms | Its complete diagnostics s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [build, r] of results) {
  const mb = (xs) => (Number.isNaN(median(xs)) ? '-' : median(xs).toFixed(0));
  console.log(
    `| ${path.relative(REPO, build) || build} | ${s(median(r.cli))} | ${s(median(r.workspace))} | ${(median(r.workspace) / median(r.cli)).toFixed(2)} | ${mb(r.rss)} / ${mb(r.peak)} | ${median(r.open).toFixed(0)} | ${median(r.hover).toFixed(0)} | ${median(r.atStart).toFixed(0)} | ${s(median(r.complete))} |`,
  );
}
