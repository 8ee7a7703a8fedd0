// Every rule and notice has a docs page and every page has one, with the metadata the rule model
// requires; and everything written from that metadata (the pages' headers, the rule table, the
// rule count, the editor settings' enums, the configuration schema's rules) is what
// scripts/rule-docs.mjs writes, so no copy can drift from the code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTICES } from '../../server/src/core/notices';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { Catalog } from '../../server/src/core/standards/catalog';
import { rules } from '../../server/src/core/rules';
import { expectedPage, fieldsTable, generatedFiles, headerBlock, readPack, rulesProperty, standardSetting } from '../../scripts/rule-docs.mjs';

const repo = new URL('../../', import.meta.url);
const docsDir = new URL('docs/rules/', repo);
const everyRule = [...rules, ...NOTICES];
const standards = { packs: Catalog.builtin().packs(), defaultStandard: defaultConfig('').standard };

describe('rule metadata and docs', () => {
  it('has unique kebab-case ids, rules and notices together', () => {
    const ids = everyRule.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(everyRule.map((r) => [r.id, r] as const))('%s has a description, rationale (a rule) and a docs page naming it', (id, rule) => {
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.description).not.toMatch(/not implemented/i);
    if (!rule.notice) expect(rule.rationale.length).toBeGreaterThan(0);
    const page = new URL(`${id}.md`, docsDir);
    expect(existsSync(page), `docs/rules/${id}.md is missing`).toBe(true);
    expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`^# ${id}\\b`));
  });

  it('marks the notices, and only them, as notices', () => {
    expect(NOTICES.map((n) => n.notice)).toEqual(NOTICES.map(() => true));
    expect(rules.filter((r) => r.notice)).toEqual([]);
  });

  it('has no docs page without a rule or notice', () => {
    const ids = new Set(everyRule.map((r) => r.id));
    const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'README.md');
    for (const page of pages) expect(ids.has(page.replace(/\.md$/, '')), `docs/rules/${page} has no rule`).toBe(true);
  });

  it('lists every rule and notice in docs/rules/README.md with its severity, scope and fixability', () => {
    const index = readFileSync(new URL('README.md', docsDir), 'utf8');
    for (const rule of everyRule) {
      const row = index.split('\n').find((l) => l.startsWith(`| [${rule.id}](${rule.id}.md)`));
      expect(row, rule.id).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      expect(cells.slice(-4, -1), rule.id).toEqual([rule.severity, rule.scope, rule.fixable ? 'yes' : 'no']);
    }
  });

  it("a page's header is the rule's meta", () => {
    const page = readFileSync(new URL('revision-mismatch.md', docsDir), 'utf8');
    const rule = rules.find((r) => r.id === 'revision-mismatch')!;
    expect(page.startsWith(headerBlock(rule))).toBe(true);
    expect(headerBlock(rule)).toBe(
      [
        '# revision-mismatch',
        '',
        'The front matter revision must match the newest row of the revision history.',
        '',
        '| | |',
        '|---|---|',
        '| Default severity | error |',
        '| Scope | document |',
        '| Fixable | yes |',
        '| Rationale | ISO 13485:2016 4.2.4 c) |',
        '',
      ].join('\n'),
    );
    // A page whose description was edited by hand is put back.
    expect(expectedPage(rule, page.replace('must match the newest row', 'should match the last row'))).toBe(page);
  });

  // One source: every generated file is what scripts/rule-docs.mjs writes from the code and the
  // packs; a file edited by hand, or a rule whose meta changed without them, fails here.
  it.each(generatedFiles(rules, NOTICES, standards).map((g) => [g.file, g] as const))('%s is what scripts/rule-docs.mjs writes (run it with --write)', (file, g) => {
    const text = readFileSync(new URL(file, repo), 'utf8');
    expect(text, file).toBe(g.expected(text));
  });

  it('the README counts the rules', () => {
    expect(readFileSync(new URL('README.md', repo), 'utf8')).toContain(`\n${rules.length} rules with stable ids`);
  });

  it('the editor setting offers exactly the rule ids', () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', repo), 'utf8'));
    expect(manifest.contributes.configuration.properties['qmslint.rules'].propertyNames.enum).toEqual(rules.map((r) => r.id).sort());
  });

  it('the standard setting is a dropdown of the built-in standards, each described', () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', repo), 'utf8'));
    const setting = manifest.contributes.configuration.properties['qmslint.standard'];
    // Every id the catalog knows, and the empty default meaning "the configuration's".
    expect(setting.enum).toEqual(['', ...Catalog.builtin().packs().map((p) => p.id)]);
    expect(setting.enum).toEqual(expect.arrayContaining(['iso13485:2016', 'iso9001:2015', '21cfr820']));
    expect(setting.enum).toContain(setting.default);
    expect(setting.enumDescriptions).toHaveLength(setting.enum.length);
    expect(setting.enumDescriptions[0]).toBe('The standard in .qmslint.yaml; ISO 13485:2016 without one.');
    expect(setting.enumDescriptions[setting.enum.indexOf('21cfr820')]).toBe('21 CFR 820 (FDA), incorporating ISO 13485:2016 through 820.10.');
    expect(setting.enumDescriptions[setting.enum.indexOf('iso9001:2015')]).toBe('ISO 9001:2015 (ISO).');
    // Each id in the dropdown is one the server resolves.
    for (const id of setting.enum.slice(1)) expect(Catalog.builtin().pack(id)?.id).toBe(id);
    // A pack added to the built-in ones joins the dropdown on the next --write.
    const extra = { ...Catalog.builtin().pack('iso9001:2015')!, id: 'iso14971:2019', title: 'ISO 14971:2019', incorporates: undefined };
    expect(standardSetting([...standards.packs, extra], 'iso13485:2016').enum).toContain('iso14971:2019');
  });

  it("the configuration schema types each rule's options from its meta", () => {
    const schema = JSON.parse(readFileSync(new URL('schemas/qmslint.schema.json', repo), 'utf8'));
    expect(schema.properties.rules).toEqual(rulesProperty(rules));
    expect(Object.keys(schema.properties.rules.properties)).toEqual(rules.map((r) => r.id));
    // Options a rule declares are checked when the configuration is read; a rule without options takes none.
    const config = (rulesYaml: string) => () => parseConfig(`rules:\n${rulesYaml}`, '/ws/.qmslint.yaml');
    expect(config('  change-without-revision: [warning, {whitespace: true}]\n')).not.toThrow();
    expect(config('  change-without-revision: [warning, {whitespace: yes please}]\n')).toThrow(/change-without-revision/);
    expect(config('  clause-reference-missing: [warning, {types: [SOP, WI]}]\n')).not.toThrow();
    expect(config('  clause-reference-missing: [warning, {typos: [SOP]}]\n')).toThrow(/clause-reference-missing/);
    expect(config('  link-broken: [off, {}]\n')).not.toThrow();
    expect(config('  link-broken: [warning, {whitespace: true}]\n')).toThrow(/link-broken/);
  });

  it("field-missing's tables show every required field of the profile, a house rule as one", () => {
    const page = readFileSync(new URL('field-missing.md', docsDir), 'utf8');
    const table = fieldsTable(readPack('iso13485-2016.yaml').documentControl!);
    expect(page).toContain(table);
    expect(table).toContain('| `owner` | all types | house rule (no clause requires it) |');
    expect(table).toContain('| `revision` | SOP, WI, POL, MAN, PLN, FRM, TPL | 4.2.4 c) |');
    expect(page).toContain(fieldsTable(readPack('iso9001-2015.yaml').documentControl!));
  });
});
