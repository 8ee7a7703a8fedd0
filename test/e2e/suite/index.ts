// The suite's entry in the @vscode/test-electron convention: VS Code (here
// code-server, or a desktop VS Code under @vscode/test-electron) loads this
// file in the extension host and awaits run(). Mocha runs every *.e2e.js file
// beside it, in name order; the outcome is also written as JSON when the
// harness asks (QMSLINT_E2E_RESULT), since the host's console is not ours.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // A hang guard per test, not a speed check: a test waits for the workbench at most
  // HANG_GUARD_MS (helpers.ts) at a time, a few times over.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 5 * 60_000, reporter: 'spec' });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const started = Date.now();
  const results: { title: string; state: string; duration?: number; error?: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.QMSLINT_E2E_RESULT;
      if (out) {
        const passes = results.filter((r) => r.state === 'passed').length;
        const skipped = results.filter((r) => r.state === 'pending').length;
        fs.writeFileSync(out, JSON.stringify({ passes, failures, skipped, duration: Date.now() - started, tests: results }, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} end-to-end test${failures === 1 ? '' : 's'} failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', duration: t.duration }));
    runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
  });
}
