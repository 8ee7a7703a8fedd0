// `npm start`: qmslint on the example QMS in examples/, as a first run should look.
// Two example documents carry planted errors, so qmslint itself exits 1 there, which is
// what fails a CI job. npm prints a red "npm error" block for any non-zero exit, and a
// first run must not look like a crash: an exit of 1 (findings) ends the demo with 0 and a
// word on what was shown; 2 (qmslint could not run) stays a failure.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { status, signal, error } = spawnSync(process.execPath, [join(root, 'out/cli.js'), 'examples'], { cwd: root, stdio: 'inherit' });
if (error || signal || (status !== 0 && status !== 1)) {
  console.error(`\nnpm start: qmslint could not lint examples/ (${error?.message ?? signal ?? `exit code ${status}`}).`);
  process.exit(status || 2);
}
console.log(`
That was qmslint on the example QMS in examples/. Its errors are planted on purpose (the answer
key is examples/README.md), so qmslint itself exited ${status}: in CI, that fails the job.
Next: npx qmslint <your folder>, or qmslint coverage --format html -o coverage.html`);
