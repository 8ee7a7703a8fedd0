// The parts of the docs and manifests that restate the rules' metadata (or data kept elsewhere),
// written from that data so the two cannot drift apart:
//   - each docs/rules page's header block (title, description, severity, scope, fixable,
//     rationale), from the rule's meta (server/src/core/rules/<id>.ts, server/src/core/notices.ts);
//   - the rule table of docs/rules/README.md, between `<!-- rule-docs: table -->` and
//     `<!-- /rule-docs -->`, and the rule count in README.md;
//   - the editor setting's rule enum in package.json (contributes.configuration, qmslint.rules);
//   - the editor setting's standard dropdown in package.json (qmslint.standard: enum and
//     enumDescriptions), from the built-in standard packs (server/standards/*.yaml, through the
//     catalog that loads them);
//   - the configuration schema's `rules` property (schemas/qmslint.schema.json): each rule id with
//     its description and its options' JSON schema;
//   - the required-fields tables of field-missing.md, from the document-control profiles of the
//     built-in packs (server/standards/*.yaml), between `<!-- rule-docs: fields <pack file> -->`
//     and `<!-- /rule-docs -->`.
// The SARIF rule descriptors are made from the same meta at run time (cli/formatters/sarif.ts).
//
//   node scripts/rule-docs.mjs           check: list the files that differ, exit 1 if any
//   node scripts/rule-docs.mjs --write   rewrite them
//
// test/unit/rule-docs.test.ts runs the same comparison on every test run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { yamlDataPlugin } from './yaml-data.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
export const DOCS = join(REPO, 'docs/rules');
/** The packs whose profiles field-missing.md shows, by file name under server/standards/. */
export const FIELD_TABLE_PACKS = ['iso13485-2016.yaml', 'iso9001-2015.yaml'];

// A page opens with its header block: the title, the description, and the table that ends with the Rationale row.
const HEADER = /^# [^\n]*\n\n[\s\S]*?^\| Rationale \|[^\n]*\|\n/m;
const FIELDS_BLOCK = /(<!-- rule-docs: fields (\S+) -->\n)[\s\S]*?(<!-- \/rule-docs -->)/g;
const TABLE_BLOCK = /(<!-- rule-docs: table -->\n)[\s\S]*?(<!-- \/rule-docs -->)/;
const RULE_COUNT = /^\d+ rules with stable ids/m;

/** Text for a Markdown paragraph or table cell: what Markdown would take for markup is escaped. */
function markdownText(text) {
  return text.replace(/[\\<>|]/g, (c) => `\\${c}`);
}

/** The Rationale row of a page: the rule's clauses, in its order. */
export function rationaleRow(rule) {
  return `| Rationale | ${rule.notice ? 'none: the engine reports it about a file it did not check, or a comment it cannot use' : rule.rationale.join(', ')} |`;
}

/** A page's header block, from the rule's meta. */
export function headerBlock(rule) {
  return [
    `# ${rule.id}`,
    '',
    markdownText(rule.description),
    '',
    '| | |',
    '|---|---|',
    `| Default severity | ${rule.severity} |`,
    `| Scope | ${rule.scope} |`,
    `| Fixable | ${rule.fixable ? 'yes' : 'no'} |`,
    ...(rule.notice ? ['| Configurable | no: reported by the engine itself, it has no severity setting and no comment suppresses it |'] : []),
    rationaleRow(rule),
    '',
  ].join('\n');
}

/** The rule table of docs/rules/README.md: the rules in the order they run, then the notices. */
export function ruleTable(rules, notices) {
  const row = (r) =>
    `| [${r.id}](${r.id}.md)${r.notice ? ' (notice)' : ''} | ${markdownText(r.description)} | ${r.severity} | ${r.scope} | ${r.fixable ? 'yes' : 'no'} |`;
  return ['| Rule | Description | Default severity | Scope | Fixable |', '|---|---|---|---|---|', ...rules.map(row), ...notices.map(row)].join('\n') + '\n';
}

/** docs/rules/README.md with its rule table written from the meta. */
export function expectedIndex(text, rules, notices) {
  return text.replace(TABLE_BLOCK, (_whole, open, close) => open + ruleTable(rules, notices) + close);
}

/** README.md with its rule count written from the rules. */
export function expectedReadme(text, rules) {
  return text.replace(RULE_COUNT, `${rules.length} rules with stable ids`);
}

/**
 * The qmslint.standard setting's dropdown: empty (the configuration's standard), then each built-in
 * pack by id, described by its title, publisher and the packs it incorporates. A user's own pack is
 * not listed (it exists only in a workspace); the server still takes its id.
 */
export function standardSetting(packs, defaultStandard) {
  const title = (id) => packs.find((p) => p.id === id)?.title ?? id;
  const describe = (p) => {
    const incorporated = (p.incorporates ?? []).map((i) => `${title(i.pack)} through ${i.by}`);
    return `${p.title} (${p.publisher})${incorporated.length ? `, incorporating ${incorporated.join(' and ')}` : ''}.`;
  };
  return {
    enum: ['', ...packs.map((p) => p.id)],
    enumDescriptions: [`The standard in .qmslint.yaml; ${title(defaultStandard)} without one.`, ...packs.map(describe)],
  };
}

/** package.json with the editor settings' rule ids (qmslint.rules) and standards (qmslint.standard) from the code. */
export function expectedManifest(text, rules, standards) {
  const manifest = JSON.parse(text);
  const settings = manifest.contributes.configuration.properties;
  settings['qmslint.rules'].propertyNames.enum = rules.map((r) => r.id).sort();
  Object.assign(settings['qmslint.standard'], standardSetting(standards.packs, standards.defaultStandard));
  return JSON.stringify(manifest, null, 2) + '\n';
}

/**
 * The configuration schema's `rules` property: every rule id with its description, a severity,
 * or [severity, options] with the rule's options schema (a rule that reads no options takes an
 * empty mapping or none: definitions.ruleWithoutOptions, written by hand in the schema). Any other id still passes the schema, so that config-names.ts can
 * name it with a "did you mean".
 */
export function rulesProperty(rules) {
  const severity = { $ref: '#/definitions/severity' };
  const setting = (options) => ({
    anyOf: [severity, { type: 'array', minItems: 1, maxItems: 2, items: [severity, options] }],
  });
  return {
    description:
      'Rule severities by rule id (docs/rules/README.md lists them; any other id is an error): off | info | warning | error, or [severity, options].',
    type: 'object',
    propertyNames: { pattern: '^[a-z][a-z0-9-]*$' },
    properties: Object.fromEntries(
      rules.map((r) => [r.id, { description: r.description, ...(r.options ? setting(r.options) : { allOf: [{ $ref: '#/definitions/ruleWithoutOptions' }] }) }]),
    ),
    additionalProperties: setting({ type: 'object' }),
  };
}

/** schemas/qmslint.schema.json with its `rules` property written from the rules; the rest as it is. */
export function expectedSchema(text, rules) {
  const key = text.indexOf('\n    "rules": {');
  if (key < 0) throw new Error('schemas/qmslint.schema.json: no "rules" property at the top level');
  const open = text.indexOf('{', key);
  const close = matchingBrace(text, open);
  return text.slice(0, open) + compactJson(rulesProperty(rules), '    ') + text.slice(close + 1);
}

/** The index of the brace that closes the one at `open`, skipping strings. */
function matchingBrace(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced braces');
}

const WIDTH = 120;

/** JSON as the schema file writes it: a value on one line when it fits, else one member a line. */
export function compactJson(value, indent) {
  const flat = oneLine(value);
  if (indent.length + flat.length <= WIDTH || value === null || typeof value !== 'object') return flat;
  const inner = indent + '  ';
  const members = Array.isArray(value)
    ? value.map((v) => inner + compactJson(v, inner))
    : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`);
  const [start, end] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${start}\n${members.join(',\n')}\n${indent}${end}`;
}

function oneLine(value) {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

/** The required-fields table of one profile; a field without a clause is a house rule. */
export function fieldsTable(profile) {
  const rows = profile.requiredFields.map(
    (f) => `| \`${f.field}\` | ${f.types ? f.types.join(', ') : 'all types'} | ${f.clause ?? 'house rule (no clause requires it)'} |`,
  );
  return ['| Field | Required for | Clause |', '|---|---|---|', ...rows].join('\n') + '\n';
}

/** A built-in pack, parsed. */
export function readPack(file) {
  return parse(readFileSync(join(REPO, 'server/standards', file), 'utf8'));
}

/** What the page of `rule` should be: `page` with its generated parts rewritten. */
export function expectedPage(rule, page, packs = {}) {
  let out = page.replace(HEADER, () => headerBlock(rule));
  out = out.replace(FIELDS_BLOCK, (whole, open, file, close) => {
    const pack = packs[file] ?? readPack(file);
    return pack.documentControl ? open + fieldsTable(pack.documentControl) + close : whole;
  });
  return out;
}

/**
 * The rules and the notices, and the built-in standard packs with the standard used without a
 * configuration, bundled from the TypeScript sources (esbuild is the build's own bundler).
 */
export async function loadRules() {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'qmslint-rule-docs-'));
  try {
    const outfile = join(dir, 'rules.cjs');
    await build({
      stdin: {
        contents: [
          "export { rules } from './rules/index';",
          "export { NOTICES } from './notices';",
          "export { Catalog } from './standards/catalog';",
          "export { defaultConfig } from './config';",
        ].join('\n'),
        resolveDir: join(REPO, 'server/src/core'),
        loader: 'ts',
      },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      plugins: [yamlDataPlugin],
      logLevel: 'error',
    });
    const { rules, NOTICES, Catalog, defaultConfig } = createRequire(import.meta.url)(outfile);
    return { rules, notices: NOTICES, standards: { packs: Catalog.builtin().packs(), defaultStandard: defaultConfig('').standard } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every generated file: its path under the repository and what its text should be, given its text now. */
export function generatedFiles(rules, notices, standards) {
  const packs = Object.fromEntries(FIELD_TABLE_PACKS.map((f) => [f, readPack(f)]));
  return [
    ...[...rules, ...notices].map((rule) => ({ file: `docs/rules/${rule.id}.md`, expected: (page) => expectedPage(rule, page, packs) })),
    { file: 'docs/rules/README.md', expected: (text) => expectedIndex(text, rules, notices) },
    { file: 'README.md', expected: (text) => expectedReadme(text, rules) },
    { file: 'package.json', expected: (text) => expectedManifest(text, rules, standards) },
    { file: 'schemas/qmslint.schema.json', expected: (text) => expectedSchema(text, rules) },
  ];
}

async function main() {
  const write = process.argv.includes('--write');
  const { rules, notices, standards } = await loadRules();
  const stale = [];
  for (const { file, expected } of generatedFiles(rules, notices, standards)) {
    const path = join(REPO, file);
    const text = readFileSync(path, 'utf8');
    const want = expected(text);
    if (want === text) continue;
    if (write) writeFileSync(path, want);
    stale.push(file);
  }
  if (!stale.length) return;
  console.log(`${write ? 'Rewrote' : 'Out of date'}: ${stale.join(', ')}`);
  if (!write) {
    console.log('Run `node scripts/rule-docs.mjs --write`.');
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
