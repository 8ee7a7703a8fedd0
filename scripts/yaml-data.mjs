// The shipped standards files (server/standards/*.yaml) as modules: their text (the default
// export, which the schema test and error messages read) and their value, parsed here at build
// time (`data`). Parsing 73 KB of YAML took a tenth of a second in every process and every
// analysis thread, an eighth of a warm --cache run; JSON.parse of the same value takes well under
// a millisecond. Parsed with the options core/standards/load.ts uses at run time, so the value is
// the one loadData would give (test/unit/builtin-schema.test.ts compares them); a file with a
// syntax error or a warning stops the build. esbuild.mjs, scripts/rule-docs.mjs and
// vitest.config.mts all load .yaml imports through here, so tests run what ships.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';

/** The module's code for one .yaml file's text. */
export function yamlModuleCode(text, file) {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
  const value = doc.toJS({ maxAliasCount: 100 });
  // A JSON string parsed at load is faster for V8 than the same value as an object literal.
  return `export default ${JSON.stringify(text)};\nexport const data = JSON.parse(${JSON.stringify(JSON.stringify(value))});\n`;
}

/** The esbuild plugin: every .yaml import goes through yamlModuleCode. */
export const yamlDataPlugin = {
  name: 'yaml-data',
  setup(b) {
    b.onLoad({ filter: /\.yaml$/ }, async (args) => ({ contents: yamlModuleCode(await readFile(args.path, 'utf8'), args.path), loader: 'js' }));
  },
};
