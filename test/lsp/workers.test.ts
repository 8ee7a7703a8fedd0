// A folder's first workspace pull is analysed in worker threads, as the CLI's
// run is: its diagnostics equal the server's own single-thread ones, file for
// file, and the editor's requests afterwards still see every document.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.mjs';
import { TestClient } from './client';

const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = path.join(dir, 'ws');
// More documents than the server analyses on its own thread.
writeCorpus(root, { docs: 48, seed: 5 });

/** Where `needle` first occurs in `text`, as an LSP position (inside the match). */
function positionOf(text: string, needle: RegExp): { line: number; character: number } | undefined {
  const m = needle.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index + 1);
  const line = before.split('\n').length - 1;
  return { line, character: m.index + 1 - (before.lastIndexOf('\n') + 1) };
}

/**
 * What the editor's features answer on a few documents after the workspace pull: with threads, the
 * documents came back light (no tree), so each of these must parse what it needs, never fail.
 */
async function editorAnswers(client: TestClient, uris: string[], workspace: Map<string, unknown>): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const [i, uri] of uris.entries()) {
    const file = fileURLToPath(uri);
    const text = readFileSync(file, 'utf8');
    // Half of them asked about without being opened (as a client may): the server reads them from disk.
    const opened = i % 2 === 0;
    if (opened) await client.open(file, text);
    // An unopened one is not pulled either: its diagnostics are the workspace pull's.
    const diagnostics = opened ? await client.pull(file) : (workspace.get(uri) as Diagnostic[]);
    const textDocument = { uri };
    const at = [/ISO 13485/, /\b(SOP|WI|FRM)-\d+/, /^status:/m, /\|/].map((re) => positionOf(text, re)).filter((p) => p !== undefined);
    for (const position of at) {
      answers.push(await client.request('textDocument/hover', { textDocument, position }));
      answers.push(await client.request('textDocument/definition', { textDocument, position }));
      answers.push(await client.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }));
      answers.push(await client.request('textDocument/completion', { textDocument, position }));
    }
    answers.push(await client.request('textDocument/documentLink', { textDocument }));
    for (const d of diagnostics) answers.push(await client.request('textDocument/codeAction', { textDocument, range: d.range, context: { diagnostics: [d] } }));
    answers.push(await client.request('qmslint/documentInfo', { textDocument }));
    if (opened) await client.close(file);
  }
  answers.push(await client.request('qmslint/coverage', { uri: uris[0] }));
  answers.push(await client.request('workspace/symbol', { query: 'SOP' }));
  return answers;
}

async function workspaceDiagnostics(jobs: number): Promise<{ byUri: Map<string, unknown>; log: string; pulled: unknown; answers: unknown[] }> {
  const client = await TestClient.start([root], { jobs });
  try {
    const report: WorkspaceDiagnosticReport = await client.pullWorkspace();
    const byUri = new Map(report.items.map((i) => [i.uri, i.kind === 'full' ? i.items : undefined]));
    // A document pulled afterwards is checked against the folder's index, as before.
    const documents = [...byUri.keys()].sort().filter((u) => u.endsWith('.md'));
    const pulled = await client.request('textDocument/diagnostic', { textDocument: { uri: documents[0] } });
    // Every sixth document: SOPs, work instructions and forms, with findings and without.
    const answers = await editorAnswers(client, documents.filter((_, i) => i % 6 === 0), byUri);
    return { byUri, log: client.stderr.join('\n'), pulled, answers };
  } finally {
    await client.stop();
  }
}

describe('workspace diagnostics in worker threads', () => {
  it('equal the single-thread ones for every file', async () => {
    const one = await workspaceDiagnostics(1);
    const two = await workspaceDiagnostics(2);
    expect(one.log).not.toMatch(/analysed in worker threads/);
    expect(two.log).toMatch(/analysed in worker threads/);
    expect(one.byUri.size).toBeGreaterThan(48);
    expect([...one.byUri.values()].some((items) => (items as unknown[]).length > 0)).toBe(true);
    expect(two.byUri).toEqual(one.byUri);
    expect(two.pulled).toEqual(one.pulled);
    // The editor's features answer alike on documents the threads analysed, and nothing failed on the way.
    expect(one.answers.filter((a) => a !== null && !(Array.isArray(a) && a.length === 0)).length).toBeGreaterThan(40);
    expect(two.answers).toEqual(one.answers);
    expect(two.log).not.toMatch(/not kept in a light document|Error/);
  });
});
