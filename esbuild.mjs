// Bundles each entry point into one CommonJS file under out/. The ESM-only
// unified stack and the standard packs (text and value, scripts/yaml-data.mjs) go inside the bundle, so the
// package needs no node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { yamlDataPlugin } from './scripts/yaml-data.mjs';

const entries = {
  cli: 'server/src/cli/main.ts',
  server: 'server/src/lsp/server.ts',
  extension: 'client/src/extension.ts',
};

/**
 * The config schema's validator as code made here, not compiled by ajv each time the bundle loads
 * (core/config-validator.ts says why). The same ajv, options and schema make the same code, so the
 * same errors; the build stops if that module's options change.
 */
const AJV_OPTIONS = { allErrors: false, strict: false };
const AJV_IN_SOURCE = 'new Ajv({ allErrors: false, strict: false }).compile(schema)';
const configValidator = {
  name: 'config-validator',
  setup(b) {
    b.onLoad({ filter: /[\\/]server[\\/]src[\\/]core[\\/]config-validator\.ts$/ }, (args) => {
      if (!readFileSync(args.path, 'utf8').includes(AJV_IN_SOURCE)) {
        throw new Error(`${args.path}: its ajv options or schema are not the ones esbuild.mjs compiles with; update esbuild.mjs`);
      }
      const schema = JSON.parse(readFileSync('schemas/qmslint.schema.json', 'utf8'));
      const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
      // The code requires ajv's small runtime helpers, bundled from node_modules.
      return { contents: standaloneCode(ajv, ajv.compile(schema)), loader: 'js', resolveDir: process.cwd() };
    });
  },
};

await build({
  entryPoints: entries,
  outdir: 'out',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode'],
  banner: { js: '#!/usr/bin/env node' },
  plugins: [configValidator, yamlDataPlugin],
});
