// Language server benchmark: drives the bundled server (out/server.js) over
// stdio as an editor does and measures, at the client (issue 17, point 4):
//  - the time from starting a fresh server until workspace diagnostics are
//    complete for the whole corpus, and the server's memory then;
//  - the time from starting a fresh server with a document open from the start
//    (an editor restored with its tabs) to that document's first diagnostics;
//  - the time from a one-character edit (textDocument/didChange) to fresh
//    diagnostics (textDocument/diagnostic), in a 10 KB document of that
//    workspace and in the 2 MB document.
// bench/run.mjs runs the first two in its interleaved rounds (beside the CLI's
// cold run, which they are compared with) and the edits after them.
//
//   node bench/lsp.mjs --workspace bench/.corpus/2000 --large bench/.corpus/large/manual/qm-001-quality-manual.md [--server out/server.js]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The smallest JSON-RPC client over stdio that LSP needs. */
export class Client {
  constructor(server, env = {}) {
    // QMSLINT_BENCH_SERVER_NODE_ARGS: node options for the server, e.g. --cpu-prof to see where its time goes.
    const nodeArgs = (process.env.QMSLINT_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    // A profiled server needs time after `exit` to write its profile.
    this.graceMs = nodeArgs.length ? 10000 : 500;
    this.nextId = 1;
    this.pending = new Map();
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.child.stdout.on('data', (d) => this.onData(d));
    // Writing to a server that has exited must not crash the benchmark.
    this.child.stdin.on('error', () => {});
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const head = this.buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.slice(0, head).toString())?.[1]);
      if (this.buffer.length < head + 4 + length) return;
      const message = JSON.parse(this.buffer.slice(head + 4, head + 4 + length).toString('utf8'));
      this.buffer = this.buffer.slice(head + 4 + length);
      this.onMessage(message);
    }
  }

  onMessage(m) {
    if (m.id !== undefined && m.method) {
      // A request from the server (registerCapability, refresh, progress): accept it.
      this.send({ jsonrpc: '2.0', id: m.id, result: null });
      return;
    }
    if (m.id !== undefined && this.pending.has(m.id)) {
      const { resolve, reject } = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) reject(new Error(`${m.error.code}: ${m.error.message}`));
      else resolve(m.result);
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async initialize(folder) {
    const uri = pathToFileURL(folder).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
      capabilities: {
        textDocument: { diagnostic: { dynamicRegistration: false }, synchronization: { didSave: true } },
        workspace: { diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
      },
      initializationOptions: { today: '2026-06-01' },
    });
    this.notify('initialized', {});
  }

  /** Ends the server; resolves once its process has exited, so it cannot slow what is measured next. */
  async stop() {
    const child = this.child;
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
    try {
      await Promise.race([this.request('shutdown', null), sleep(2000)]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    // A server that does not exit at once (still busy, or stuck) is killed.
    const kill = setTimeout(() => child.kill('SIGKILL'), this.graceMs);
    await exited;
    clearTimeout(kill);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** Resident and peak memory of a process in MB, from /proc (Linux only: NaN elsewhere). */
export function serverMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { resident: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { resident: NaN, peak: NaN };
  }
}

/**
 * A fresh server on `workspace`: the time from its start (the clock starts
 * before the process is spawned, as the CLI's cold run includes Node's start)
 * until workspace diagnostics are complete, and its memory right then.
 */
export async function workspaceDiagnostics(server, workspace) {
  const t0 = performance.now();
  const client = new Client(server);
  try {
    await client.initialize(workspace);
    const report = await client.request('workspace/diagnostic', { previousResultIds: [] });
    const ms = performance.now() - t0;
    return { ms, files: report.items.length, ...serverMemory(client.child.pid) };
  } finally {
    await client.stop();
  }
}

/**
 * A fresh server on `workspace` with `file` opened right after initialization:
 * the time from the server's start to that document's first diagnostics.
 * Whatever the server answers first counts (a preliminary answer too): that
 * is what the user sees.
 */
export async function firstDiagnosticsAtStart(server, workspace, file) {
  const t0 = performance.now();
  const client = new Client(server);
  try {
    await client.initialize(workspace);
    const uri = pathToFileURL(file).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(file, 'utf8') } });
    await client.request('textDocument/diagnostic', { textDocument: { uri } });
    return performance.now() - t0;
  } finally {
    await client.stop();
  }
}

/** Position (0-based line and UTF-16 character) of an offset. */
function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * One-character edits in `file` (opened in `client`), each followed by a pull
 * of its diagnostics; returns the milliseconds from edit to diagnostics.
 */
async function editLatencies(client, file, rounds, pause) {
  const uri = pathToFileURL(file).href;
  let text = readFileSync(file, 'utf8');
  let version = 1;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  await client.request('textDocument/diagnostic', { textDocument: { uri } });
  // A place in running text, halfway down the document.
  const at = text.indexOf('. ', Math.floor(text.length / 2)) + 1;
  const times = [];
  let diagnostics = 0;
  for (let i = 0; i < rounds; i++) {
    await sleep(pause);
    const insert = i % 2 === 0;
    const start = positionAt(text, at);
    const change = insert
      ? { range: { start, end: start }, text: 'x' }
      : { range: { start, end: positionAt(text, at + 1) }, text: '' };
    text = insert ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const t0 = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    times.push(performance.now() - t0);
    diagnostics = report.items?.length ?? diagnostics;
  }
  return { times, diagnostics, bytes: Buffer.byteLength(text) };
}

/** The corpus document closest to 10 KB. */
export function tenKilobyteDocument(dir) {
  let best;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.md')) {
        const size = statSync(p).size;
        if (!best || Math.abs(size - 10240) < Math.abs(best.size - 10240)) best = { file: p, size };
      }
    }
  };
  walk(dir);
  return best.file;
}

/**
 * Edit-to-diagnostics latencies: in a 10 KB document of `workspace` (after the
 * workspace diagnostics, so its index is built, as in an editor that has been
 * open a while) and, if given, in the `large` document alone in its folder.
 */
export async function editBench({ server, workspace, large, rounds = 15, pause = 300, log = () => {} }) {
  const out = {};
  const client = new Client(server);
  try {
    await client.initialize(workspace);
    await client.request('workspace/diagnostic', { previousResultIds: [] });
    const file = tenKilobyteDocument(workspace);
    out.small = { ...(await editLatencies(client, file, rounds, pause)), file: path.relative(workspace, file) };
    log(`LSP edit in ${out.small.bytes} B document: median ${median(out.small.times).toFixed(1)} ms`);
  } finally {
    await client.stop();
  }
  if (large) {
    const client = new Client(server);
    try {
      await client.initialize(path.dirname(large));
      // A longer pause: the edits must not queue behind the previous one's work.
      out.large = await editLatencies(client, large, rounds, Math.max(pause, 600));
      log(`LSP edit in ${out.large.bytes} B document: median ${median(out.large.times).toFixed(1)} ms`);
    } finally {
      await client.stop();
    }
  }
  return out;
}

/** One row of a latency table: median, min, max and count of `times` (ms). */
export function latencyRow(label, times) {
  const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');
  return `| ${label} | ${ms(median(times))} | ${ms(Math.min(...times))} | ${ms(Math.max(...times))} | ${times.length} |`;
}

/** Every language-server measure, alone (bench/run.mjs interleaves the first two with the CLI instead). */
export async function runLspBench({ server = path.join(REPO, 'out', 'server.js'), workspace, large, rounds = 15, pause = 300, starts = 2, log = () => {} }) {
  const pulls = [];
  const atStart = [];
  const open = tenKilobyteDocument(workspace);
  for (let i = 0; i < starts; i++) {
    pulls.push(await workspaceDiagnostics(server, workspace));
    log(`LSP workspace diagnostics: ${(pulls.at(-1).ms / 1000).toFixed(2)} s for ${pulls.at(-1).files} files`);
    atStart.push(await firstDiagnosticsAtStart(server, workspace, open));
    log(`LSP first diagnostics of a document open from the start: ${atStart.at(-1).toFixed(0)} ms`);
  }
  const edits = await editBench({ server, workspace, large, rounds, pause, log });
  const rows = [
    '| Measure | Median | Min | Max | Samples |',
    '|---|---:|---:|---:|---:|',
    latencyRow(`Workspace diagnostics complete (${pulls[0].files} files, from the server's start)`, pulls.map((p) => p.ms)),
    latencyRow(`First diagnostics of a document open from the start (${path.relative(workspace, open)})`, atStart),
    latencyRow(`One-character edit to fresh diagnostics, ${(edits.small.bytes / 1024).toFixed(1)} KB document in that workspace`, edits.small.times),
  ];
  if (edits.large) rows.push(latencyRow(`One-character edit to fresh diagnostics, ${(edits.large.bytes / 1024 / 1024).toFixed(1)} MB document`, edits.large.times));
  const memory = `Server memory after the workspace diagnostics (median): ${median(pulls.map((p) => p.resident)).toFixed(0)} MB resident (VmRSS), ${median(pulls.map((p) => p.peak)).toFixed(0)} MB peak (VmHWM).`;
  const markdown = `${rows.join('\n')}\n\n${memory}\n\nTimes are taken at the client (so they include the JSON-RPC round trip), with ${pause} ms or more between edits.`;
  return { pulls, atStart, edits, markdown };
}

if (process.argv[1] && import.meta.url && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const arg = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  runLspBench({
    server: path.resolve(arg('--server') ?? path.join(REPO, 'out', 'server.js')),
    workspace: path.resolve(arg('--workspace')),
    large: arg('--large') && path.resolve(arg('--large')),
    rounds: Number(arg('--rounds') ?? 15),
    log: (...m) => process.stderr.write(`[lsp] ${m.join(' ')}\n`),
  })
    .then((r) => process.stdout.write(r.markdown + '\n'))
    .catch((e) => {
      process.stderr.write(`${e.stack ?? e}\n`);
      process.exitCode = 1;
    });
}
