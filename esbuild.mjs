// Bundles each entry point into one CommonJS file under out/. The ESM-only
// unified stack and the standard packs (as text) go inside the bundle, so the
// package needs no node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const entries = {
  cli: 'server/src/cli/main.ts',
  server: 'server/src/lsp/server.ts',
  extension: 'client/src/extension.ts',
};

/**
 * The config schema's validator as code made here, not compiled by ajv when the bundle loads:
 * compiling it was a third of every run's start (`qmslint --version`: 0.35 s CPU, 0.24 s with
 * this). The same ajv, options and schema make the same code ajv would compile at run time, so
 * the same errors. config.ts (run from sources by the tests) still compiles it itself; the build
 * fails if the lines replaced here change.
 */
const configValidator = {
  name: 'config-validator',
  setup(b) {
    const compiled = 'const ajv = new Ajv({ allErrors: false, strict: false });\nconst validate = ajv.compile<ConfigFile>(schema);';
    b.onLoad({ filter: /[\\/]server[\\/]src[\\/]core[\\/]config\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(compiled) || !source.includes("import Ajv from 'ajv';\n")) {
        throw new Error(`${args.path}: the schema compilation esbuild.mjs replaces has changed; update esbuild.mjs`);
      }
      const made = "import validateConfigFile from 'qmslint:config-validator';\nconst validate = validateConfigFile as ((data: unknown) => data is ConfigFile) & { errors?: import('ajv').ErrorObject[] | null };";
      return { contents: source.replace("import Ajv from 'ajv';\n", '').replace(compiled, made), loader: 'ts' };
    });
    b.onResolve({ filter: /^qmslint:config-validator$/ }, () => ({ path: 'config-validator', namespace: 'qmslint' }));
    b.onLoad({ filter: /.*/, namespace: 'qmslint' }, () => {
      const schema = JSON.parse(readFileSync('schemas/qmslint.schema.json', 'utf8'));
      const ajv = new Ajv({ allErrors: false, strict: false, code: { source: true } });
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
  loader: { '.yaml': 'text' },
  logLevel: 'warning',
  external: ['vscode'],
  banner: { js: '#!/usr/bin/env node' },
  plugins: [configValidator],
});
