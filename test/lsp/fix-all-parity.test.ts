// Issue 15, point 4: one fixpoint. The editor's Fix All and `qmslint --fix` run
// the same loop (core/fixpoint.ts): apply the fixes that go together, lint again,
// until nothing more applies. On a document whose second pass fixes more than
// the first (front matter with only an id: the first pass adds fields and a
// revision history, the second the fields that then turn out missing), both
// give the same text. Spoken to the bundled server over stdio and the bundled
// CLI as a process.
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { fixPass } from '../../server/src/core/fixes';
import { findings, lintFiles, tempWorkspace } from '../helpers';
import { runCli } from '../run-cli';
import { applyLspEdits, TestClient, TODAY } from './client';

const CONFIG = 'rules:\n  coverage-gap: off\n';
const TWO_PASSES = '---\nid: SOP-009\n---\n# Training\n\nThis procedure implements ISO 13485:2016 §6.2.\n';

describe('Fix All and --fix reach the same fixpoint', () => {
  const dirs: string[] = [];
  let client: TestClient | undefined;
  afterAll(async () => {
    await client?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('gives the text qmslint --fix writes, on a document a second pass fixes more of', async () => {
    // The case needs a second pass: one pass of fixes leaves fixes to apply.
    const onePass = fixPass(TWO_PASSES, findings(await lintFiles({ '.qmslint.yaml': CONFIG, 'doc.md': TWO_PASSES }), 'doc.md')).text;
    expect(onePass).not.toBe(TWO_PASSES);
    const left = findings(await lintFiles({ '.qmslint.yaml': CONFIG, 'doc.md': onePass }), 'doc.md').filter((f) => f.fix);
    expect(left.length).toBeGreaterThan(0);

    const cliDir = tempWorkspace({ '.qmslint.yaml': CONFIG, 'doc.md': TWO_PASSES });
    dirs.push(cliDir);
    const run = runCli(['.', '--fix', '--today', TODAY], { cwd: cliDir });
    expect(run.stderr).toContain('qmslint: fixed');
    const byCli = readFileSync(path.join(cliDir, 'doc.md'), 'utf8');
    expect(byCli).not.toBe(onePass);

    const lspDir = tempWorkspace({ '.qmslint.yaml': CONFIG, 'doc.md': TWO_PASSES });
    dirs.push(lspDir);
    client = await TestClient.start([lspDir]);
    const file = path.join(lspDir, 'doc.md');
    const uri = await client.open(file, TWO_PASSES);
    const fixAll = () =>
      client!.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
    const [action, ...more] = (await fixAll()).filter((a) => a.kind?.startsWith('source.fixAll'));
    expect(more).toEqual([]);
    const byEditor = applyLspEdits(TWO_PASSES, action.edit!.changes![uri]);
    expect(byEditor).toBe(byCli);
    // Every fix of every pass is counted, as --fix counts them.
    const fixedCount = Number(/^qmslint: fixed (\d+) problems?/m.exec(run.stderr)?.[1]);
    expect(action.title).toBe(`Fix ${fixedCount} qmslint problems`);

    // Settled: the fixed text has nothing left to fix.
    await client.change(file, byEditor);
    expect((await fixAll()).filter((a) => a.kind?.startsWith('source.fixAll'))).toEqual([]);
    await client.close(file);
  });
});
