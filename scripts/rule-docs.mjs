// The parts of docs/rules/*.md that restate data kept elsewhere, written from that data so the
// two cannot drift apart:
//   - each page's "Rationale" row, from the rule's `rationale` (server/src/core/rules/<id>.ts);
//   - the required-fields tables of field-missing.md, from the document-control profiles of the
//     built-in packs (server/standards/*.yaml), between `<!-- rule-docs: fields <pack file> -->`
//     and `<!-- /rule-docs -->`.
//
//   node scripts/rule-docs.mjs           check: list the pages that differ, exit 1 if any
//   node scripts/rule-docs.mjs --write   rewrite them
//
// test/unit/rule-docs.test.ts runs the same comparison on every test run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO = fileURLToPath(new URL('../', import.meta.url));
export const DOCS = join(REPO, 'docs/rules');
/** The packs whose profiles field-missing.md shows, by file name under server/standards/. */
export const FIELD_TABLE_PACKS = ['iso13485-2016.yaml', 'iso9001-2015.yaml'];

const RATIONALE_ROW = /^\| Rationale \|.*\|$/m;
const FIELDS_BLOCK = /(<!-- rule-docs: fields (\S+) -->\n)[\s\S]*?(<!-- \/rule-docs -->)/g;

/** The Rationale row of a page: the rule's clauses, in its order. */
export function rationaleRow(rationale) {
  return `| Rationale | ${rationale.join(', ')} |`;
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
  let out = page.replace(RATIONALE_ROW, rationaleRow(rule.rationale));
  out = out.replace(FIELDS_BLOCK, (whole, open, file, close) => {
    const pack = packs[file] ?? readPack(file);
    return pack.documentControl ? open + fieldsTable(pack.documentControl) + close : whole;
  });
  return out;
}

/** The rules, bundled from the TypeScript sources (esbuild is the build's own bundler). */
async function loadRules() {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'qmslint-rule-docs-'));
  try {
    const outfile = join(dir, 'rules.cjs');
    await build({
      entryPoints: [join(REPO, 'server/src/core/rules/index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      loader: { '.yaml': 'text' },
      logLevel: 'error',
    });
    return createRequire(import.meta.url)(outfile).rules;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const write = process.argv.includes('--write');
  const rules = await loadRules();
  const packs = Object.fromEntries(FIELD_TABLE_PACKS.map((f) => [f, readPack(f)]));
  const stale = [];
  for (const rule of rules) {
    const file = join(DOCS, `${rule.id}.md`);
    const page = readFileSync(file, 'utf8');
    if (!RATIONALE_ROW.test(page)) {
      stale.push(`${rule.id}.md: no "| Rationale |" row`);
      continue;
    }
    const want = expectedPage(rule, page, packs);
    if (want === page) continue;
    if (write) writeFileSync(file, want);
    stale.push(`${rule.id}.md`);
  }
  if (!stale.length) return;
  console.log(`${write ? 'Rewrote' : 'Out of date'}: ${stale.join(', ')}`);
  if (!write) {
    console.log('Run `node scripts/rule-docs.mjs --write`.');
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
