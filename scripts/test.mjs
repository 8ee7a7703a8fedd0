// `npm test`: every test, one part after the other.
//   build        out/cli.js, out/server.js, out/extension.js: the tests spawn these bundles
//   typecheck    tsc --noEmit
//   vitest       unit, CLI, language server and reliability tests (test/**/*.test.ts)
//   real editor  the packaged .vsix in code-server (VS Code 1.139) in headless Chromium; the
//                first run installs code-server and Node 24 for it under .e2e/
// A part that fails does not stop the later ones (a red unit test must not hide the
// editor's state), except the build: without it every later part would test stale
// bundles. The last lines say how each part ended and how long it took; the exit code
// is 1 when any part failed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv.length > 2) {
  console.error(`npm test runs every test and takes no arguments (got ${process.argv.slice(2).join(' ')}); for part of the vitest suite: npx vitest run test/cli`);
  process.exit(2);
}
const node = process.execPath;

const parts = [
  { name: 'build', steps: [[node, 'esbuild.mjs']], required: true },
  { name: 'typecheck', steps: [[node, 'node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']] },
  { name: 'vitest', steps: [[node, 'node_modules/vitest/vitest.mjs', 'run']] },
  {
    name: 'real editor',
    steps: [
      ['bash', 'scripts/e2e-install.sh'],
      [node, 'scripts/e2e-run.mjs'],
    ],
  },
];

function run([command, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', (e) => {
      console.error(`npm test: could not start ${command}: ${e.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(signal ? 1 : code));
  });
}

const seconds = (ms) => `${Math.round(ms / 1000)} s`;
const started = Date.now();
const results = [];
for (const part of parts) {
  const t0 = Date.now();
  console.log(`\nnpm test: ${part.name}`);
  let code = 0;
  for (const step of part.steps) {
    code = await run(step);
    if (code !== 0) break;
  }
  results.push({ name: part.name, ok: code === 0, ms: Date.now() - t0 });
  if (code !== 0 && part.required) break;
}
for (const part of parts.slice(results.length)) results.push({ name: part.name, ok: false, ms: 0, notRun: true });

console.log('\nnpm test:');
for (const r of results) console.log(`  ${r.ok ? '✔' : '✖'} ${r.name.padEnd(12)} ${r.notRun ? 'not run (the build failed)' : seconds(r.ms)}`);
const failed = results.filter((r) => !r.ok);
const total = Date.now() - started;
const wall = `${Math.floor(total / 60000)} min ${Math.round((total % 60000) / 1000)} s`;
console.log(failed.length ? `  ${failed.length} of ${results.length} parts failed (${wall})` : `  all ${results.length} parts passed in ${wall}`);
process.exit(failed.length ? 1 : 0);
