// Language server benchmark: drives the bundled server (out/server.js) over
// stdio as an editor does and measures, at the client:
//  - the time until workspace diagnostics are complete for the whole corpus
//    (workspace/diagnostic right after initialized);
//  - the time from a one-character edit (textDocument/didChange) to fresh
//    diagnostics (textDocument/diagnostic), in a 10 KB document of that
//    workspace and in the 2 MB document.
//
//   node bench/lsp.mjs --workspace bench/.corpus/2000 --large bench/.corpus/large/manual/qm-001-quality-manual.md
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
    this.nextId = 1;
    this.pending = new Map();
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.child.stdout.on('data', (d) => this.onData(d));
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

  async stop() {
    try {
      await Promise.race([this.request('shutdown', null), sleep(2000)]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    setTimeout(() => this.child.kill(), 500).unref();
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

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
function tenKilobyteDocument(dir) {
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

export async function runLspBench({ server = path.join(REPO, 'out', 'server.js'), workspace, large, rounds = 15, pause = 300, log = () => {} }) {
  const out = {};

  // Workspace diagnostics for the whole corpus, from a fresh server.
  const wsTimes = [];
  for (let i = 0; i < 2; i++) {
    const client = new Client(server);
    const t0 = performance.now();
    await client.initialize(workspace);
    const report = await client.request('workspace/diagnostic', { previousResultIds: [] });
    wsTimes.push(performance.now() - t0);
    out.workspaceFiles = report.items.length;
    log(`LSP workspace diagnostics: ${(wsTimes.at(-1) / 1000).toFixed(2)} s for ${report.items.length} files`);
    if (i === 0) {
      // Edits in a 10 KB document of the same workspace (its index is built by now).
      const file = tenKilobyteDocument(workspace);
      const r = await editLatencies(client, file, rounds, pause);
      out.small = { ...r, file: path.relative(workspace, file) };
      log(`LSP edit in ${r.bytes} B document: median ${median(r.times).toFixed(1)} ms`);
    }
    await client.stop();
  }
  out.workspace = median(wsTimes);

  if (large) {
    const client = new Client(server);
    await client.initialize(path.dirname(large));
    const r = await editLatencies(client, large, rounds, Math.max(pause, 600));
    out.large = r;
    log(`LSP edit in ${r.bytes} B document: median ${median(r.times).toFixed(1)} ms`);
    await client.stop();
  }

  const ms = (x) => `${x.toFixed(0)} ms`;
  const rows = [
    '| Measure | Median | Min | Max | Samples |',
    '|---|---:|---:|---:|---:|',
    `| Workspace diagnostics complete (${out.workspaceFiles} files, from initialized) | ${ms(out.workspace)} | ${ms(Math.min(...wsTimes))} | ${ms(Math.max(...wsTimes))} | ${wsTimes.length} |`,
    `| One-character edit to fresh diagnostics, ${(out.small.bytes / 1024).toFixed(1)} KB document in that workspace | ${ms(median(out.small.times))} | ${ms(Math.min(...out.small.times))} | ${ms(Math.max(...out.small.times))} | ${out.small.times.length} |`,
  ];
  if (out.large) {
    rows.push(`| One-character edit to fresh diagnostics, ${(out.large.bytes / 1024 / 1024).toFixed(1)} MB document | ${ms(median(out.large.times))} | ${ms(Math.min(...out.large.times))} | ${ms(Math.max(...out.large.times))} | ${out.large.times.length} |`);
  }
  const markdown = `${rows.join('\n')}\n\nTimes are taken at the client (so they include the JSON-RPC round trip), with ${pause} ms or more between edits.`;
  const targets = [
    { name: 'LSP: edit to diagnostics in a 10 KB document ≤ 30 ms (median)', measured: ms(median(out.small.times)), met: median(out.small.times) <= 30 },
  ];
  if (out.large) targets.push({ name: 'LSP: edit to diagnostics in the 2 MB document ≤ 300 ms (median)', measured: ms(median(out.large.times)), met: median(out.large.times) <= 300 });
  return { ...out, wsTimes, markdown, targets };
}

if (process.argv[1] && import.meta.url && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const arg = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  runLspBench({ workspace: path.resolve(arg('--workspace')), large: arg('--large') && path.resolve(arg('--large')), rounds: Number(arg('--rounds') ?? 15), log: (...m) => process.stderr.write(`[lsp] ${m.join(' ')}\n`) })
    .then((r) => process.stdout.write(r.markdown + '\n'))
    .catch((e) => {
      process.stderr.write(`${e.stack ?? e}\n`);
      process.exitCode = 1;
    });
}
