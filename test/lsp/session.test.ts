// The server's request handlers in process, where a rule can be made to throw
// and a cancellation can be timed exactly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CancellationToken, CancellationTokenSource, type FullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { ruleById } from '../../server/src/core/rules';
import type { DocumentRule } from '../../server/src/core/rule';
import { pullDocument, pullWorkspace } from '../../server/src/lsp/diagnostics';
import { Session } from '../../server/src/lsp/session';
import { TODAY, removeTempCopy, tempCopy, uriOf } from './client';
import * as path from 'node:path';

describe('server session', () => {
  let dir: string;
  let session: Session;
  const logs: string[] = [];
  const fieldInvalid = ruleById('field-invalid') as DocumentRule;
  const originalCheck = fieldInvalid.check;

  beforeAll(async () => {
    dir = tempCopy('test/fixtures/planted');
    session = new Session({ today: TODAY, log: (m) => logs.push(m), refresh: () => undefined });
    await session.addFolder(dir, uriOf(dir)).ready();
  });
  afterEach(() => {
    fieldInvalid.check = originalCheck;
  });
  afterAll(() => removeTempCopy(dir));

  const pull = async (name: string, token = CancellationToken.None) =>
    ((await pullDocument(session, { textDocument: { uri: uriOf(path.join(dir, name)) } }, token)) as FullDocumentDiagnosticReport).items;

  it('a rule that throws costs one diagnostic per document, logged once; other rules and documents go on', async () => {
    fieldInvalid.check = () => {
      throw new Error('boom');
    };
    for (let round = 0; round < 2; round++) {
      const a = await pull('clause-unknown.md');
      expect(a.filter((d) => d.code === 'field-invalid').map((d) => d.message)).toEqual([expect.stringContaining('Rule field-invalid failed on this file: boom')]);
      expect(a.map((d) => d.code)).toContain('clause-unknown');
      const b = await pull('link-broken.md');
      expect(b.map((d) => d.code).sort()).toEqual(['field-invalid', 'link-broken']);
    }
    expect(logs.filter((l) => l.includes('boom') && l.includes('clause-unknown.md'))).toHaveLength(1);
    expect(logs.filter((l) => l.includes('boom') && l.includes('link-broken.md'))).toHaveLength(1);
    fieldInvalid.check = originalCheck;
    expect((await pull('clause-unknown.md')).map((d) => d.code)).toEqual(['clause-unknown']);
  });

  it('logs what the engine marks as a rule failure, not a finding whose words look like one', async () => {
    // A rule's own finding that reads like the engine's failure message is a finding like any other.
    fieldInvalid.check = (_ctx, report) => report({ message: 'Rule field-invalid failed on this file: lookalike.', range: { start: 0, end: 0 } });
    const items = await pull('clean-a.md');
    expect(items.map((d) => d.message)).toContain('Rule field-invalid failed on this file: lookalike.');
    expect(logs.filter((l) => l.includes('lookalike'))).toEqual([]);
    fieldInvalid.check = () => {
      throw new Error('typed');
    };
    expect((await pull('clean-a.md')).map((d) => d.message)).toEqual([expect.stringContaining('Rule field-invalid failed on this file: typed')]);
    expect(logs.filter((l) => l.includes('typed'))).toEqual([expect.stringContaining('clean-a.md: Rule field-invalid failed on this file: typed')]);
  });

  it('a cancelled pull answers RequestCancelled, before or while it runs', async () => {
    const before = new CancellationTokenSource();
    before.cancel();
    await expect(pull('clean-a.md', before.token)).rejects.toMatchObject({ code: -32800 });
    const during = new CancellationTokenSource();
    const running = pullWorkspace(session, { previousResultIds: [] }, during.token, () => null);
    during.cancel();
    await expect(running).rejects.toMatchObject({ code: -32800 });
    expect(await pull('clean-a.md')).toEqual([]);
  });

  it('a workspace pull with nothing new waits for the next change', async () => {
    const first = await pullWorkspace(session, { previousResultIds: [] }, CancellationToken.None, () => null);
    const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
    let answered = false;
    const waiting = pullWorkspace(session, { previousResultIds }, CancellationToken.None, () => null).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(answered).toBe(false);
    const file = path.join(dir, 'clean-a.md');
    session.workspace.setBuffer(file, '---\nid: SOP-101\n---\n# Changed\n');
    session.bufferChanged(file);
    const report = await waiting;
    expect(report.items.find((i) => i.uri === uriOf(file))?.kind).toBe('full');
    session.workspace.closeBuffer(file);
    session.bufferChanged(file);
  });

  it('sends each folder as a partial result when the client asks for them', async () => {
    const parts: { items: { uri: string }[] }[] = [];
    const report = await pullWorkspace(session, { previousResultIds: [] }, CancellationToken.None, () => null, { report: (p) => parts.push(p) });
    expect(report.items).toEqual([]);
    expect(parts).toHaveLength(1);
    expect(parts[0].items.map((i) => i.uri)).toContain(uriOf(path.join(dir, 'clean-a.md')));
  });

  it('parses an unchanged file once, however often it is pulled', async () => {
    const folder = session.folders[0];
    const snap1 = await folder.snapshot();
    await pull('clean-b.md');
    await pull('clean-b.md');
    folder.touch();
    const snap2 = await folder.snapshot();
    for (const doc of snap1.result.index.documents) expect(snap2.result.index.byPath.get(doc.path)).toBe(doc);
  });
});
