// The editor and CI never disagree: for the examples and the test fixtures,
// the bundled server's diagnostics (pulled per document, and for the whole
// workspace) equal the bundled CLI's JSON findings: same rules, ranges,
// messages and severities.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type JsonMessage, type JsonReport } from '../run-cli';
import { TODAY, TestClient, tempCopy, uriOf } from './client';


const fromCli = (m: JsonMessage) => ({
  rule: m.ruleId,
  severity: m.severity === 2 ? 'error' : 'not-error',
  message: m.message,
  range: { start: { line: m.line - 1, character: m.column - 1 }, end: { line: m.endLine - 1, character: m.endColumn - 1 } },
});

const fromLsp = (d: Diagnostic) => ({
  rule: d.code,
  severity: d.severity === 1 ? 'error' : 'not-error',
  message: d.message,
  range: d.range,
});

describe.each(['examples', 'test/fixtures/planted', 'test/fixtures/cli/broken'])('CLI parity: %s', (fixture) => {
  let dir: string;
  let client: TestClient;
  let cli: { file: string; messages: JsonMessage[] }[];

  beforeAll(async () => {
    dir = tempCopy(fixture);
    const r = runCli([dir, '--format', 'json', '--today', TODAY], { cwd: dir });
    expect(r.status, r.stderr).not.toBe(2);
    cli = (JSON.parse(r.stdout) as JsonReport).map((f) => ({ file: path.resolve(dir, f.filePath), messages: f.messages }));
    client = await TestClient.start([dir]);
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('the CLI reported on some files', () => {
    expect(cli.length).toBeGreaterThan(0);
  });

  it('each Markdown file pulled on its own gets exactly the CLI findings', async () => {
    for (const { file, messages } of cli.filter((f) => /\.md$/.test(f.file))) {
      const items = await client.pull(file);
      expect(items.map(fromLsp), path.relative(dir, file)).toEqual(messages.map(fromCli));
    }
  });

  it('the workspace pull covers every file with exactly the CLI findings', async () => {
    const report = await client.pullWorkspace();
    const byUri = new Map(report.items.map((i) => [i.uri, i.kind === 'full' ? i.items : undefined]));
    for (const { file, messages } of cli) {
      expect(byUri.get(uriOf(file))?.map(fromLsp), path.relative(dir, file)).toEqual(messages.map(fromCli));
    }
    expect(report.items.length).toBe(cli.length);
  });

  it('every diagnostic carries the rule id, its docs page and the qmslint source', async () => {
    const report = await client.pullWorkspace();
    for (const item of report.items) {
      if (item.kind !== 'full') continue;
      for (const d of item.items) {
        expect(d.source).toBe('qmslint');
        expect(typeof d.code).toBe('string');
        expect(d.codeDescription?.href).toMatch(/^file:.*docs\/rules\/.*\.md$/);
      }
    }
  });
});
