// Issue 19, point 1, as a user sees it: a repository records its findings with
// `qmslint baseline` (the CLI bundle, run here as a user runs it), names the
// file in .qmslint.yaml, and the editor then shows the baselined finding as a
// hint saying so, not as an error; without the baseline it is an error again.
// The suite puts the fixture's configuration back and removes the baseline, so
// the suites after it see the fixture as it was.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, open, qmslintDiagnostics, ruleOf, waitFor, workspaceRoot } from './helpers';

const DOC = 'sops/sop-004-internal-audit.md';
const BASELINE = '.qmslint-baseline.json';

const mismatch = (uri: vscode.Uri) => qmslintDiagnostics(uri).find((d) => ruleOf(d) === 'revision-mismatch');
// The workspace finding of the fixture (from the workspace pull), on the configuration file.
const gap = (config: vscode.Uri) => qmslintDiagnostics(config).find((d) => ruleOf(d) === 'coverage-gap');

suite('Baseline in the editor', () => {
  let config: string;
  let configText: string;

  suiteSetup(async () => {
    await activateExtension();
    config = path.join(workspaceRoot().fsPath, '.qmslint.yaml');
    configText = readFileSync(config, 'utf8');
  });

  suiteTeardown(() => {
    writeFileSync(config, configText);
    rmSync(path.join(workspaceRoot().fsPath, BASELINE), { force: true });
  });

  test('a finding the baseline holds is a hint saying so; without the baseline it is an error again', async () => {
    const cli = process.env.QMSLINT_E2E_CLI;
    assert.ok(cli, 'the runner names the CLI bundle (QMSLINT_E2E_CLI)');
    const root = workspaceRoot().fsPath;
    const uri = (await open(DOC)).document.uri;
    const before = await waitFor('revision-mismatch on the fixture', () => mismatch(uri));
    assert.equal(before.severity, vscode.DiagnosticSeverity.Error);

    // Recorded as a user records it, on the same day the server checks with.
    execFileSync(process.execPath, [cli, 'baseline', '--today', process.env.QMSLINT_TODAY ?? '2026-11-26', '-o', BASELINE], { cwd: root, stdio: 'pipe' });
    assert.match(readFileSync(path.join(root, BASELINE), 'utf8'), /"rule":"revision-mismatch"/);
    writeFileSync(config, `${configText.trimEnd()}\nbaseline: ${BASELINE}\n`);

    const hint = await waitFor('revision-mismatch shown as a baselined hint', () => {
      const d = mismatch(uri);
      return d?.severity === vscode.DiagnosticSeverity.Hint ? d : undefined;
    });
    assert.ok(hint.message.endsWith(`(baselined in ${BASELINE})`), hint.message);
    assert.deepEqual(hint.range, before.range, 'the same finding, at the same place');
    const configUri = vscode.Uri.file(config);
    await waitFor('the coverage gap shown as a baselined hint too', () => gap(configUri)?.severity === vscode.DiagnosticSeverity.Hint);

    writeFileSync(config, configText);
    await waitFor('revision-mismatch an error again once the configuration names no baseline', () => mismatch(uri)?.severity === vscode.DiagnosticSeverity.Error);
    await waitFor('the coverage gap a warning again', () => gap(configUri)?.severity === vscode.DiagnosticSeverity.Warning);
  });
});
