// Compiles the end-to-end suite (test/e2e/suite/*.ts) to .e2e/suite/, one
// CommonJS file per source file. `vscode` is the editor's own module and
// mocha is loaded from the project's node_modules, so neither is bundled.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SUITE_OUT = join(root, '.e2e', 'suite');

export async function buildSuite(outdir = SUITE_OUT) {
  const src = join(root, 'test', 'e2e', 'suite');
  const entries = readdirSync(src)
    .filter((f) => f.endsWith('.ts') && f !== 'helpers.ts')
    .map((f) => join(src, f));
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return outdir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildSuite();
