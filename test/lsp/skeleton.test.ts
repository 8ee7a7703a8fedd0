// New-document skeletons from the bundled language server (issue 16, point 2; point 9's
// indentation): in a new, empty Markdown file of the example QMS, completion offers one
// skeleton per document type with the next free id of that type (the one
// qmslint/newDocument gives New Controlled Document), found by typing sop, wi or form;
// the inserted document lints clean. A folder whose documents write block lists
// with 4 spaces gets its new documents written that way.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentSnippet } from '../../client/src/templates';
import type { NewDocumentResponse } from '../../server/src/protocol/new-document';
import { snippetDefaults } from '../../server/src/shared/skeleton';
import { TestClient, applyLspEdits, removeTempCopy, tempCopy, uriOf } from './client';

/** Every front-matter id in a folder's Markdown files, read without qmslint. */
function idsIn(dir: string): Set<string> {
  const ids = new Set<string>();
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    if (!f.endsWith('.md')) continue;
    const m = /^---\n[\s\S]*?^id: *(\S+)/m.exec(readFileSync(path.join(dir, f), 'utf8'));
    if (m) ids.add(m[1]);
  }
  return ids;
}

const skeletons = (items: CompletionItem[]) => items.filter((i) => i.kind === CompletionItemKind.Snippet && / skeleton \(/.test(i.label));
const edit = (item: CompletionItem) => item.textEdit as TextEdit;

/** Would VS Code show the item for this typed word: some word of its filterText starts with it. */
const found = (item: CompletionItem, typed: string) => (item.filterText ?? item.label).toLowerCase().split(/\s+/).some((w) => w.startsWith(typed));

describe('skeleton completion in the example QMS', () => {
  let dir: string;
  let client: TestClient;
  let snippetClient: TestClient;

  beforeAll(async () => {
    dir = tempCopy('examples');
    client = await TestClient.start([dir]);
    snippetClient = await TestClient.start([dir], { snippetSupport: true });
  });
  afterAll(async () => {
    await client?.stop();
    await snippetClient?.stop();
    removeTempCopy(dir);
  });

  async function complete(c: TestClient, file: string, text: string, line: number, character: number): Promise<CompletionItem[]> {
    writeFileSync(file, text);
    const uri = await c.open(file, text);
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    await c.close(file);
    return items;
  }

  it('offers each type with the next free id: the one New Controlled Document gets, used by no document', async () => {
    const items = skeletons(await complete(client, path.join(dir, 'sops', 'new.md'), '', 0, 0));
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['SOP skeleton (SOP-008)', 'WI skeleton (WI-002)', 'FRM skeleton (FRM-002)']));
    const info = await client.request<NewDocumentResponse>('qmslint/newDocument', { uri: uriOf(dir) });
    const taken = idsIn(dir);
    expect(taken.has('SOP-007')).toBe(true);
    for (const t of info.types) {
      expect(labels, t.type).toContain(`${t.type} skeleton (${t.nextId})`);
      expect(taken.has(t.nextId), t.nextId).toBe(false);
    }
  });

  it('is found by sop, wi and form, and replaces the word typed', async () => {
    const file = path.join(dir, 'sops', 'typed.md');
    for (const [typed, type] of [
      ['sop', 'SOP'],
      ['wi', 'WI'],
      ['form', 'FRM'],
      ['procedure', 'SOP'],
    ]) {
      const items = skeletons(await complete(client, file, typed, 0, typed.length));
      const item = items.find((i) => i.label.startsWith(`${type} skeleton`))!;
      expect(item, typed).toBeDefined();
      expect(found(item, typed), `${typed} finds ${item.filterText}`).toBe(true);
      expect(edit(item).range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: typed.length } });
    }
    // Not a word of another type's.
    const items = skeletons(await complete(client, file, 'form', 0, 4));
    expect(found(items.find((i) => i.label.startsWith('SOP skeleton'))!, 'form')).toBe(false);
  });

  it('inserts a document that lints clean', async () => {
    const file = path.join(dir, 'sops', 'sop-008-new.md');
    const item = skeletons(await complete(client, file, 'sop', 0, 3)).find((i) => i.label.startsWith('SOP skeleton'))!;
    expect(item.insertTextFormat ?? InsertTextFormat.PlainText).toBe(InsertTextFormat.PlainText);
    const text = applyLspEdits('sop', [edit(item)]);
    expect(text).toMatch(/^---\nid: SOP-008\ntitle: Title\ntype: SOP\nrevision: A\nstatus: draft\neffective_date: 2026-11-26\n/);
    writeFileSync(file, text);
    await client.open(file, text);
    expect((await client.pull(file)).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    await client.close(file);
  });

  it('comes as a snippet to a client that takes snippets: title, owner and clause are tab stops', async () => {
    const item = skeletons(await complete(snippetClient, path.join(dir, 'sops', 'snippet.md'), 'wi', 0, 2)).find((i) => i.label.startsWith('WI skeleton'))!;
    expect(item.insertTextFormat).toBe(InsertTextFormat.Snippet);
    expect(edit(item).newText).toMatch(/^---\nid: WI-002\ntitle: \$\{1:Title\}\ntype: WI\n[\s\S]*\nowner: \$\{2:Quality Manager\}\nclauses: \["\$\{3:[\d.]+\}"\]\n/);
  });

  it('is offered in an untitled Markdown buffer, with the ids of the workspace folder', async () => {
    const uri = 'untitled:Untitled-1';
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'form' } });
    const items = skeletons(await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 4 } }));
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    const item = items.find((i) => i.label === 'FRM skeleton (FRM-002)')!;
    expect(item).toBeDefined();
    expect(found(item, 'form')).toBe(true);
    expect(applyLspEdits('form', [edit(item)])).toMatch(/^---\nid: FRM-002\ntitle: Title\ntype: FRM\n/);
  });

  it('is not offered in a document with front matter, nor below text', async () => {
    const sop = readFileSync(path.join(dir, 'sops', 'sop-001-control-of-documents.md'), 'utf8');
    expect(skeletons(await complete(client, path.join(dir, 'sops', 'fm.md'), `${sop}\nsop`, sop.split('\n').length, 3))).toEqual([]);
    expect(skeletons(await complete(client, path.join(dir, 'sops', 'notes.md'), '# Notes\n\nsop', 2, 3))).toEqual([]);
  });
});

describe('skeletons follow the workspace indentation', () => {
  let dir: string;
  let client: TestClient;

  beforeAll(async () => {
    dir = tempCopy('examples');
    // Every document of the copy writes its clause list as a block, indented by 4 spaces.
    for (const f of readdirSync(dir, { recursive: true }) as string[]) {
      if (!f.endsWith('.md')) continue;
      const file = path.join(dir, f);
      const text = readFileSync(file, 'utf8');
      const block = text.replace(/^clauses: \[([^\]\n]*)\]$/m, (_, list: string) => `clauses:\n${list.split(/,\s*/).map((c) => `    - ${c}`).join('\n')}`);
      if (block !== text) writeFileSync(file, block);
    }
    client = await TestClient.start([dir]);
  });
  afterAll(async () => {
    await client?.stop();
    removeTempCopy(dir);
  });

  it('writes the clause list as a block with 4 spaces, for the completion and for New Controlled Document, and lints clean', async () => {
    const info = await client.request<NewDocumentResponse>('qmslint/newDocument', { uri: uriOf(dir) });
    const sopType = info.types.find((t) => t.type === 'SOP')!;
    expect(sopType.listIndent).toBe(4);
    expect(snippetDefaults(documentSnippet(info, sopType, 'Design Control'))).toMatch(/\nclauses:\n {4}- "[\d.]+"\n/);
    const file = path.join(dir, 'sops', 'sop-008-new.md');
    writeFileSync(file, 'sop');
    const uri = await client.open(file, 'sop');
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 3 } });
    const item = skeletons(items).find((i) => i.label === 'SOP skeleton (SOP-008)')!;
    const text = applyLspEdits('sop', [edit(item)]);
    expect(text).toMatch(/\nclauses:\n {4}- "[\d.]+"\n/);
    writeFileSync(file, text);
    await client.change(file, text);
    expect((await client.pull(file)).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    await client.close(file);
  });
});
