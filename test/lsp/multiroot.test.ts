// Several workspace folders, each with its own nearest config and index; and
// a request the client cancels.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import type { Hover, SymbolInformation } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, tempCopy, uriOf } from './client';

describe('multi-root workspace', () => {
  let examples: string;
  let planted: string;
  let client: TestClient;

  beforeAll(async () => {
    examples = tempCopy('examples');
    planted = tempCopy('test/fixtures/planted');
    client = await TestClient.start([examples, planted]);
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('reports every file of every folder, each against its own config', async () => {
    const report = await client.pullWorkspace();
    const uris = report.items.map((i) => i.uri);
    expect(uris).toContain(uriOf(path.join(examples, 'sops/sop-001-control-of-documents.md')));
    expect(uris).toContain(uriOf(path.join(planted, 'clean-a.md')));
    // Both configs carry their folder's coverage gaps.
    expect(uris).toContain(uriOf(path.join(examples, '.qmslint.yaml')));
    expect(uris).toContain(uriOf(path.join(planted, '.qmslint.yaml')));
    // examples/README.md is ignored by the examples config only.
    expect(uris).not.toContain(uriOf(path.join(examples, 'README.md')));
  });

  it('resolves document ids within their own folder', async () => {
    // SOP-103 exists in the planted folder; nothing in examples has it.
    const file = path.join(planted, 'doc-reference-obsolete.md');
    const items = await client.pull(file);
    expect(items.map((d) => d.code)).toEqual(['doc-reference-obsolete']);
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'SOP-001' });
    expect(symbols.map((s) => s.location.uri)).toEqual([uriOf(path.join(examples, 'sops/sop-001-control-of-documents.md'))]);
  });

  it('answers coverage for the folder a URI names', async () => {
    const m = await client.request<{ folder: string; clauses: { id: string; documents: { uri: string }[] }[] }>('qmslint/coverage', { uri: uriOf(planted) });
    expect(m.folder).toBe(uriOf(planted));
    const docs = m.clauses.flatMap((c) => c.documents.map((d) => d.uri));
    expect(docs.every((u) => u.startsWith(uriOf(planted)))).toBe(true);
  });

  it('a request the client cancels ends with RequestCancelled or its answer, and the server goes on', async () => {
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] }, source.token);
    source.cancel();
    const outcome = await pending.then(
      () => 'answered',
      (e: { code?: number }) => e.code,
    );
    expect(['answered', -32800]).toContain(outcome);
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(path.join(planted, 'clean-a.md')) }, position: { line: 1, character: 5 } });
    expect((h?.contents as { value: string }).value).toContain('SOP-101');
  });
});

describe('a client without pull diagnostics', () => {
  let dir: string;
  let client: TestClient;
  beforeAll(async () => {
    dir = tempCopy('examples');
    client = await TestClient.start([dir], { pullDiagnostics: false });
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('gets diagnostics pushed for open documents, and again when a document they cite changes', async () => {
    const sop1 = path.join(dir, 'sops/sop-001-control-of-documents.md');
    const sop2 = path.join(dir, 'sops/sop-002-control-of-records.md');
    const first = client.nextPublish(sop1);
    await client.open(sop1);
    expect(await first).toEqual([]);
    const text = readFileSync(sop2, 'utf8');
    await client.open(sop2, text);
    const again = client.nextPublish(sop1);
    await client.change(sop2, text.replace('id: SOP-002', 'id: SOP-012'));
    expect([...new Set((await again).map((d) => d.code))]).toEqual(['doc-reference-unresolved']);
    const cleared = client.nextPublish(sop1);
    await client.close(sop1);
    expect(await cleared).toEqual([]);
  });
});
