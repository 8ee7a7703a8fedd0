// A folder's first workspace pull is analysed in worker threads, as the CLI's
// run is: its diagnostics equal the server's own single-thread ones, file for
// file, and the editor's requests afterwards still see every document.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.mjs';
import { TestClient } from './client';

const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = path.join(dir, 'ws');
// More documents than the server analyses on its own thread.
writeCorpus(root, { docs: 48, seed: 5 });

async function workspaceDiagnostics(jobs: number): Promise<{ byUri: Map<string, unknown>; log: string; pulled: unknown }> {
  const client = await TestClient.start([root], { jobs });
  try {
    const report: WorkspaceDiagnosticReport = await client.pullWorkspace();
    const byUri = new Map(report.items.map((i) => [i.uri, i.kind === 'full' ? i.items : undefined]));
    // A document pulled afterwards is checked against the folder's index, as before.
    const first = [...byUri.keys()].sort().find((u) => u.endsWith('.md'))!;
    const pulled = await client.request('textDocument/diagnostic', { textDocument: { uri: first } });
    return { byUri, log: client.stderr.join('\n'), pulled };
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
  });
});
