// Every registered rule is tested alone: test/unit/rules/<id>.test.ts runs it through the
// RuleTester (test/rule-tester.ts). The list comes from the registry, so a new rule without
// such a test fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../../server/src/core/rules';

const HERE = import.meta.dirname;

/** The rule ids a test file passes to testRule, in order. */
function testedIds(source: string): string[] {
  return [...source.matchAll(/\btestRule\(\s*'([a-z0-9-]+)'/g)].map((m) => m[1]);
}

describe('every registered rule has a RuleTester test', () => {
  it('the registry is not empty (the check below would pass vacuously)', () => {
    expect(rules.length).toBeGreaterThan(20);
  });

  for (const rule of rules) {
    it(`${rule.id}: test/unit/rules/${rule.id}.test.ts calls testRule('${rule.id}', ...)`, () => {
      const file = join(HERE, `${rule.id}.test.ts`);
      expect(existsSync(file), `${file} is missing`).toBe(true);
      const source = readFileSync(file, 'utf8');
      expect(source).toMatch(/from '\.\.\/\.\.\/rule-tester'/);
      // Exactly this rule: a block copied from another rule's file would test that rule twice and this one never.
      expect(testedIds(source)).toEqual([rule.id]);
      // A fixable rule's cases show the text its fixes leave (the tester also checks this when it runs).
      if (rule.fixable) expect(source).toMatch(/\boutput:/);
    });
  }
});
