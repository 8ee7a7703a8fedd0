// Every rule has a docs page and every page has a rule, with the metadata the
// rule model requires (ARCHITECTURE.md, "The rule model").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../server/src/core/rules';
import { expectedPage, fieldsTable, readPack } from '../../scripts/rule-docs.mjs';

const docsDir = new URL('../../docs/rules/', import.meta.url);

describe('rule metadata and docs', () => {
  it('has unique kebab-case ids', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s has a description, rationale and a docs page naming it', (id, rule) => {
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.description).not.toMatch(/not implemented/i);
    expect(rule.rationale.length).toBeGreaterThan(0);
    const page = new URL(`${id}.md`, docsDir);
    expect(existsSync(page), `docs/rules/${id}.md is missing`).toBe(true);
    expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`^# ${id}\\b`));
  });

  it('has no docs page without a rule', () => {
    const ids = new Set(rules.map((r) => r.id));
    const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'README.md');
    for (const page of pages) expect(ids.has(page.replace(/\.md$/, '')), `docs/rules/${page} has no rule`).toBe(true);
  });

  it('lists every rule in docs/rules/README.md with its severity, scope and fixability', () => {
    const index = readFileSync(new URL('README.md', docsDir), 'utf8');
    for (const rule of rules) {
      const row = index.split('\n').find((l) => l.includes(`(${rule.id}.md)`));
      expect(row, rule.id).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      expect(cells.slice(-4, -1), rule.id).toEqual([rule.severity, rule.scope, rule.fixable ? 'yes' : 'no']);
    }
  });

  // One source: the page's Rationale row and field-missing's tables are written from the code and
  // the packs by scripts/rule-docs.mjs; a page edited by hand, or a rule whose rationale changed
  // without its page, fails here.
  it.each(rules.map((r) => [r.id, r] as const))('%s: the page is what scripts/rule-docs.mjs writes (run it with --write)', (id, rule) => {
    const page = readFileSync(new URL(`${id}.md`, docsDir), 'utf8');
    expect(page).toMatch(/^\| Rationale \| .+ \|$/m);
    expect(page, `docs/rules/${id}.md`).toBe(expectedPage(rule, page));
    expect(page).toContain(`| Rationale | ${rule.rationale.join(', ')} |`);
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
