// Bundles each entry point into one CommonJS file under out/. The ESM-only
// unified stack and the standard packs (as text) go inside the bundle, so the
// package needs no node_modules at run time.
import { build } from 'esbuild';

const entries = {
  cli: 'server/src/cli/main.ts',
  server: 'server/src/lsp/server.ts',
  extension: 'client/src/extension.ts',
};

await build({
  entryPoints: entries,
  outdir: 'out',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  loader: { '.yaml': 'text' },
  logLevel: 'warning',
  external: ['vscode'],
  banner: { js: '#!/usr/bin/env node' },
});
