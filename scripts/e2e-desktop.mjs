// The same end-to-end suite in a desktop VS Code downloaded by
// @vscode/test-electron (where update.code.visualstudio.com is reachable; it
// is not on the CI machines, which use code-server: scripts/e2e-run.mjs).
//
//   npm run test:vscode-desktop                      VS Code stable
//   QMSLINT_VSCODE_VERSION=1.91.0 npm run test:vscode-desktop   the oldest VS Code the extension accepts
//
// The suite's UI checks ask a harness page that only code-server has; here
// they fall back to what the extension API shows.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuite } from './e2e-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suite = await buildSuite();
const scratch = mkdtempSync(join(tmpdir(), 'qmslint-desktop-'));
const workspace = join(scratch, 'ws');
cpSync(join(root, 'test/e2e/fixture'), workspace, { recursive: true });
try {
  await runTests({
    version: process.env.QMSLINT_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(suite, 'index.js'),
    extensionTestsEnv: { QMSLINT_TODAY: '2026-11-26', QMSLINT_E2E_CLI: join(root, 'out/cli.js') },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(scratch, 'user')],
  });
} catch (e) {
  console.error(`qmslint desktop suite failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
