// The language server on a configuration that names an unknown standard or
// rule (shown as any invalid configuration is: on the config file at its line,
// and on each document it stops), and on a suppression comment that names an
// unknown rule (a warning at the name, as the CLI reports it).
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { CLEAN_SOP } from '../helpers';
import { removeTempCopy, tempCopy, TestClient, uriOf } from './client';

let client: TestClient | undefined;
let dir: string | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  if (dir) removeTempCopy(dir);
  dir = undefined;
});

/** A folder with one clean SOP and this config. */
function folder(config: string): { config: string; sop: string } {
  dir = tempCopy('test/fixtures/cli/clean');
  const files = { config: path.join(dir, '.qmslint.yaml'), sop: path.join(dir, 'sop-001.md') };
  writeFileSync(files.config, config);
  writeFileSync(files.sop, CLEAN_SOP);
  return files;
}

async function configChanged(file: string, text: string): Promise<void> {
  writeFileSync(file, text);
  const refreshed = client!.nextRefresh();
  await client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 2 }] });
  await refreshed;
}

describe('a configuration naming what does not exist, in the editor', () => {
  it('shows an unknown standard or rule on the config line, stops the documents, and recovers when fixed', async () => {
    const { config, sop } = folder('standard: iso13485:2061\nrules:\n  coverage-gap: off\n');
    client = await TestClient.start([dir!]);
    const [onConfig] = await client.pull(config);
    expect(onConfig).toMatchObject({ code: 'config-invalid', severity: 1, range: { start: { line: 0, character: 10 } } });
    expect(onConfig.message).toMatch(/^Invalid configuration: standard: unknown standard "iso13485:2061"; known standards: iso13485:2016, iso9001:2015, 21cfr820/);
    const onSop = await client.pull(sop);
    expect(onSop.map((d) => d.code)).toEqual(['config-invalid']);
    expect(onSop[0].message).toContain('qmslint cannot check this file: invalid configuration:');

    await configChanged(config, 'rules:\n  coverage-gap: off\n  clause-unkown: off\n');
    const [typo] = await client.pull(config);
    expect(typo).toMatchObject({ code: 'config-invalid', range: { start: { line: 2, character: 2 } } });
    expect(typo.message).toBe('Invalid configuration: rules.clause-unkown: unknown rule; did you mean clause-unknown?');

    await configChanged(config, 'rules:\n  coverage-gap: off\n');
    expect(await client.pull(config)).toEqual([]);
    expect(await client.pull(sop)).toEqual([]);
  });

  it("leaves an unknown rule name in the editor's qmslint.rules aside, as any malformed setting", async () => {
    const { sop } = folder('rules:\n  coverage-gap: off\n');
    client = await TestClient.start([dir!], { settings: { rules: { 'no-such-rule': 'off', 'review-overdue': 'error' } } });
    expect(await client.pull(sop)).toEqual([]);
  });
});

describe('a suppression comment naming an unknown rule, in the editor', () => {
  it('is a warning at the name, with the guess, and offers no quick fix to disable it', async () => {
    const { sop } = folder('rules:\n  coverage-gap: off\n');
    client = await TestClient.start([dir!]);
    const text = CLEAN_SOP.replace('## Revision History', 'See [the form](missing.md). <!-- qmslint-disable-line link-broken, clause-unkown -->\n\n## Revision History');
    const uri = await client.open(sop, text);
    const items = await client.pull(sop);
    const line = text.split('\n').findIndex((l) => l.includes('clause-unkown'));
    const character = text.split('\n')[line].indexOf('clause-unkown');
    expect(items).toMatchObject([
      {
        code: 'suppression-unknown-rule',
        severity: 2, // Warning
        source: 'qmslint',
        message: 'Unknown rule "clause-unkown" in qmslint-disable-line; did you mean clause-unknown?',
        range: { start: { line, character }, end: { line, character: character + 'clause-unkown'.length } },
      },
    ]);
    expect((items[0] as Diagnostic).codeDescription?.href).toMatch(/docs\/rules\/suppression-unknown-rule\.md$/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: items[0].range, context: { diagnostics: items, only: ['quickfix'] } });
    expect(actions.map((a) => a.title)).toEqual([]);
  });
});
