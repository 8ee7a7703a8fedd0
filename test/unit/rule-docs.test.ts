// Every rule has a docs page and every page has a rule, with the metadata the
// rule model requires (ARCHITECTURE.md, "The rule model").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../server/src/core/rules';

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
});
