// The conformance suite shipped in conformance/ (read as `qmslint validate` reads it) covers every
// rule of the catalog, checks the fix of every fixable rule, and names only rules that exist: a
// new rule cannot ship without a case. test/cli/validate.test.ts runs the suite through the bundle.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSuiteFiles } from '../../server/src/cli/conformance-suite';
import { rules } from '../../server/src/core/rules';
import { readSuite } from '../../server/src/core/validation/suite';

const dir = fileURLToPath(new URL('../../conformance', import.meta.url));

describe('the conformance suite', async () => {
  const suite = readSuite(await readSuiteFiles(dir), 'conformance');
  const covering = (id: string) => suite.cases.filter((c) => c.expected.rules.includes(id));

  it.each(rules.map((r) => r.id))('has a case for %s', (id) => {
    expect(covering(id).map((c) => c.name)).not.toEqual([]);
  });

  it.each(rules.filter((r) => r.fixable).map((r) => r.id))('checks the text the fix of %s leaves', (id) => {
    expect(covering(id).filter((c) => Object.keys(c.fixedTexts).length).map((c) => c.name)).not.toEqual([]);
  });

  it('names only rules of the catalog, in what cases cover and in what they expect', () => {
    const known = new Set(rules.map((r) => r.id));
    const unknown = suite.cases.flatMap((c) => [...c.expected.rules, ...c.expected.findings.map((f) => f.rule)].filter((id) => !known.has(id)).map((id) => `${c.name}: ${id}`));
    expect(unknown).toEqual([]);
  });
});
