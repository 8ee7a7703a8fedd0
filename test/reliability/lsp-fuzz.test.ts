// The language server fed what no editor should send: bytes that are not
// JSON-RPC, bad headers, invalid JSON, unknown methods, wrong params,
// positions and ranges outside documents, edits to documents never opened,
// and a storm of edits. It must answer every request (a result or an error,
// never silence), stay alive, and afterwards give for a document exactly
// what the CLI gives for the same text.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_GUARD_MS } from '../hang-guard.mjs';
import { TODAY, TestClient, tempCopy, uriOf } from '../lsp/client';
import { runCli } from '../run-cli';

let dir: string;
let client: TestClient;
let file: string;
let uri: string;
const counts: Record<string, number> = {};
const count = (what: string, n = 1) => (counts[what] = (counts[what] ?? 0) + n);

beforeAll(async () => {
  dir = tempCopy('examples');
  file = path.join(dir, 'sops/sop-004-internal-audit.md');
  client = await TestClient.start([dir]);
  uri = await client.open(file);
});

afterAll(async () => {
  await client?.stop();
  console.log(`LSP fuzz: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
});

/** A request answered (within the hang guard), by a result or an error response; which one is not the point. */
async function answered(method: string, params: unknown): Promise<'result' | 'error'> {
  const reply = client.request(method, params).then(
    () => 'result' as const,
    (e: { code?: number }) => {
      // An error response from the server has a JSON-RPC code; anything else is the connection failing.
      if (typeof e?.code !== 'number') throw e;
      return 'error' as const;
    },
  );
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`hang guard: ${method} got no answer in ${HANG_GUARD_MS / 1000} s`)), HANG_GUARD_MS));
  return Promise.race([reply, timeout]);
}

/** Raw bytes on the server's standard input, between two whole messages of the client. */
function raw(data: string | Buffer): void {
  client.process.stdin!.write(data);
}

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

async function stillServes(): Promise<void> {
  expect(client.alive(), `the server died: ${client.stderr.join('').slice(-2000)}`).toBe(true);
  expect(await answered('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } })).toBe('result');
}

describe('the language server under abuse', () => {
  it('survives bytes that are not JSON-RPC, and resynchronises on the next whole message', async () => {
    const garbage = [
      frame('{"jsonrpc": "2.0", "method": '), // invalid JSON
      frame('[]'),
      frame('42'),
      frame('null'),
      frame('"text"'),
      frame('{"jsonrpc": "1.0", "id": 1}'),
      frame('{"jsonrpc": "2.0"}'),
      frame('{"jsonrpc": "2.0", "id": {"x": 1}, "method": "textDocument/hover"}'),
      frame('{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": "nonsense"}'),
      frame(`{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 7, "text": null}}}`),
      frame('\u0000\u0001\u0002\ud800'),
      'Content-Length: abc\r\n\r\n',
      'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n',
      'X: y\r\nContent-Length: -4\r\n\r\n',
      'no colon here\r\n\r\n',
    ];
    for (const g of garbage) {
      raw(g);
      count('garbage messages');
      await stillServes();
    }
    // Random bytes, each run closed by a header terminator so the reader can find the next message.
    const samples = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 200 }), { seed: 7, numRuns: 50 });
    for (const bytes of samples) {
      raw(Buffer.concat([Buffer.from(bytes).filter((b) => b !== 13 && b !== 10), Buffer.from('\r\n\r\n')]));
      count('random byte runs');
    }
    await stillServes();
  });

  it('answers unknown methods and every request with wrong params, by a result or an error', async () => {
    expect(await answered('qmslint/noSuchRequest', {})).toBe('error');
    expect(await answered('$/noSuchRequest', null)).toBe('error');
    await client.notify('qmslint/noSuchNotification', { x: 1 });
    await client.notify('$/setTrace', { value: 42 });
    const methods = [
      'textDocument/hover',
      'textDocument/completion',
      'textDocument/definition',
      'textDocument/references',
      'textDocument/documentLink',
      'textDocument/codeAction',
      'textDocument/diagnostic',
      'workspace/symbol',
      'qmslint/coverage',
      'qmslint/documentInfo',
      'qmslint/standards',
      'qmslint/newDocument',
      'qmslint/coverageExport',
    ];
    const big = 2 ** 31;
    const position = fc.oneof(
      fc.record({ line: fc.integer({ min: -5, max: 5000 }), character: fc.integer({ min: -5, max: 5000 }) }),
      fc.constantFrom({ line: big, character: big }, { line: 1.5, character: 0 }, { line: '3', character: 1 }, { line: null }, {}, [], null, 'x'),
    );
    const range = fc.oneof(fc.record({ start: position, end: position }), fc.constantFrom(null, {}, 'x'));
    const uris = fc.constantFrom(uri, uriOf(path.join(dir, 'nope.md')), uriOf(path.join(dir, 'sops')), 'untitled:Untitled-1', 'file:///', 'file://host/share/x.md', '', 'not a uri', 'file:///%E0%A4%A.md', `file:///${'a'.repeat(5000)}.md`, 42, null);
    const params = fc.oneof(
      fc.record({ textDocument: fc.record({ uri: uris }), position, range, context: fc.oneof(fc.constant({ diagnostics: 'x' }), fc.constant({ diagnostics: [{ range: null, data: 5 }] }), fc.constant(undefined)), query: fc.oneof(fc.string(), fc.constant(null)) }, { requiredKeys: [] }),
      fc.constantFrom(null, 0, 'x', [], [1, 2], { textDocument: null }, { uri }),
    );
    const cases = fc.sample(fc.tuple(fc.constantFrom(...methods), params), { seed: 11, numRuns: 300 });
    for (const [method, p] of cases) {
      await answered(method, p);
      count('requests with wrong params');
    }
    await stillServes();
  });

  it('takes edits to documents it never opened, ranges outside documents, and versions that go back', async () => {
    const unknown = uriOf(path.join(dir, 'sops/never-opened.md'));
    const notifications: [string, unknown][] = [
      ['textDocument/didChange', { textDocument: { uri: unknown, version: 2 }, contentChanges: [{ text: '# x' }] }],
      ['textDocument/didChange', { textDocument: { uri: unknown, version: 3 }, contentChanges: [{ range: { start: { line: 9, character: 9 }, end: { line: 9, character: 9 } }, text: 'x' }] }],
      ['textDocument/didClose', { textDocument: { uri: unknown } }],
      ['textDocument/didSave', { textDocument: { uri: unknown } }],
      ['textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ range: { start: { line: 100_000, character: 5 }, end: { line: 200_000, character: 0 } }, text: '\nappended past the end\n' }] }],
      ['textDocument/didChange', { textDocument: { uri, version: 0 }, contentChanges: [{ range: { start: { line: 3, character: 500 }, end: { line: 1, character: 0 } }, text: '' }] }],
      ['textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: 'not a list' }],
      ['textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ range: { start: { line: -1, character: -1 }, end: { line: 0, character: 2 } }, text: '\ud800' }] }],
      ['textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '# opened twice\n' } }],
      ['textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-2', languageId: 'markdown', version: 1, text: '---\nid: SOP-999\n---\n' } }],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///nope', type: 9 }, { uri: 5 }, null] }],
      ['workspace/didChangeWatchedFiles', null],
      ['workspace/didChangeConfiguration', { settings: { qmslint: { rules: 'x', standard: 5, documents: [null] } } }],
      ['workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 'file:///no/such/folder', name: 'x' }], removed: [{ uri: 'file:///never/added', name: 'y' }] } }],
    ];
    for (const [method, p] of notifications) {
      await client.notify(method, p);
      count('hostile notifications');
      await stillServes();
    }
  });

  it('comes out of a storm of 500 edits with the diagnostics the CLI gives for the final text', async () => {
    const base = readFileSync(file, 'utf8');
    // Reopen with the text on disk, then edit as fast as the pipe takes it: whole-text and incremental changes.
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: base } });
    const edits = fc.sample(
      fc.oneof(
        fc.record({ line: fc.nat(60), character: fc.nat(40), text: fc.constantFrom('x', ' ', '\n', 'SOP-999 ', 'ISO 13485:2016 §7.3.9 ', '| a |', '---', '') }),
        fc.constant(null),
      ),
      { seed: 13, numRuns: 500 },
    );
    let version = 1;
    let text = base;
    const sends: Promise<void>[] = [];
    for (const e of edits) {
      version++;
      if (e === null || version % 50 === 0) {
        text = base.replace('revision: ', `revision: `) + `\nEdit ${version}.\n`;
        sends.push(client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] }));
      } else {
        const lines = text.split('\n');
        const line = Math.min(e.line, lines.length - 1);
        const character = Math.min(e.character, lines[line].length);
        lines[line] = lines[line].slice(0, character) + e.text + lines[line].slice(character);
        text = lines.join('\n');
        sends.push(
          client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: e.text }] }),
        );
      }
      // Pulls that arrive mid-storm and are soon stale.
      if (version % 25 === 0) void client.pull(file).catch(() => undefined);
    }
    await Promise.all(sends);
    count('storm edits', edits.length);

    const pulled = await client.pull(file);
    const cli = runCli(['--stdin', '--stdin-filename', path.relative(dir, file), '--format', 'json', '--today', TODAY], { cwd: dir, input: text });
    expect(cli.status, cli.stderr).not.toBe(2);
    const messages = (JSON.parse(cli.stdout) as { messages: { ruleId: string; message: string; line: number; column: number; endLine: number; endColumn: number }[] }[])[0].messages;
    const fromCli = messages.map((m) => ({ rule: m.ruleId, message: m.message, range: { start: { line: m.line - 1, character: m.column - 1 }, end: { line: m.endLine - 1, character: m.endColumn - 1 } } }));
    const fromLsp = pulled.map((d: Diagnostic) => ({ rule: d.code, message: d.message, range: d.range }));
    expect(fromLsp).toEqual(fromCli);
    expect(client.stderr.join('\n')).not.toMatch(/uncaught exception|unhandled rejection/);
    await stillServes();
  });
});
