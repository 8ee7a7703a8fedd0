// Issue 16, points 3 and 5, as the language server answers them: every diagnostic's code links
// to its rule page (a file: URI beside the server's bundle, which the .vsix ships and VS Code
// opens in its Markdown preview), and a front-matter YAML error covers the real fault.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { DocumentInfoResponse } from '../../server/src/protocol/document-info';
import { REPO, removeTempCopy, tempCopy, TestClient, uriOf } from './client';

describe('rule pages and YAML error ranges over LSP', () => {
  let client: TestClient;
  let root: string;
  const audit = () => path.join(root, 'sops/sop-004-internal-audit.md');

  beforeAll(async () => {
    root = tempCopy('test/e2e/fixture');
    client = await TestClient.start([root]);
  });
  afterAll(async () => {
    await client.stop();
    removeTempCopy(root);
  });

  it("links every diagnostic's code to its rule page beside the bundle: a file: URI of docs/rules/<rule>.md", async () => {
    const report = await client.pullWorkspace();
    const codes = new Set<string>();
    for (const item of report.items) {
      if (item.kind !== 'full') continue;
      for (const d of item.items) {
        const href = d.codeDescription?.href;
        expect(href, `${item.uri} ${d.code}`).toBe(uriOf(path.join(REPO, 'docs/rules', `${d.code}.md`)));
        const page = fileURLToPath(href!);
        expect(existsSync(page), page).toBe(true);
        // The page is the rule's own, not the index.
        expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`^# ${d.code}\\b`, 'm'));
        codes.add(String(d.code));
      }
    }
    // The fixture has findings of several rules, so this checked more than one page.
    expect(codes.size).toBeGreaterThan(1);
  });

  it('puts an unclosed [ where it is: the bracket through the end of its line, not the start of the next line', async () => {
    const text = readFileSync(audit(), 'utf8');
    expect(text).toContain('clauses: ["8.2.4"]\n');
    const broken = text.replace('clauses: ["8.2.4"]\n', 'clauses: ["8.2.4"\n');
    await client.open(audit(), broken);
    const syntax = (await client.pull(audit())).filter((d: Diagnostic) => d.code === 'front-matter-syntax');
    expect(syntax.map((d) => d.range)).toEqual([{ start: { line: 8, character: 9 }, end: { line: 8, character: 17 } }]);
    expect(syntax[0].codeDescription?.href).toBe(uriOf(path.join(REPO, 'docs/rules/front-matter-syntax.md')));
    await client.close(audit());
  });

  it('answers qmslint/documentInfo for a document whose front matter is broken: not controlled, no id (the status bar keeps the last id it saw)', async () => {
    const file = path.join(root, 'broken.md');
    const broken = readFileSync(audit(), 'utf8').replace('clauses: ["8.2.4"]\n', 'clauses: ["8.2.4"\n');
    writeFileSync(file, broken);
    await client.open(file, broken);
    const info = await client.request<DocumentInfoResponse | null>('qmslint/documentInfo', { textDocument: { uri: uriOf(file) } });
    expect(info).toMatchObject({ uri: uriOf(file), controlled: false });
    expect(info?.id).toBeUndefined();
    expect((await client.pull(file)).map((d) => d.code)).toContain('front-matter-syntax');
    await client.close(file);
  });
});
