// The one yamlScalar (server/src/shared/yaml-scalar.ts), which fixes and the
// editor's New Document both write front-matter values with. It imports
// nothing, so it is checked against what the fixes wrote before it existed,
// the `yaml` package's stringify, and against the `yaml` parser reading it back.
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { yamlScalar } from '../../server/src/shared/yaml-scalar';
import { yamlScalar as coreYamlScalar } from '../../server/src/core/rules/shared/yaml-scalar';
import { yamlScalar as clientYamlScalar } from '../../client/src/templates';

/** What front-matter fixes wrote before: the yaml package's output for the value. */
const byYamlPackage = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd();

/** Characters that matter to YAML, beside ordinary ones, so random strings hit every branch. */
const YAML_CHARS = [...' \t:#-?[]{},&*!|>\'"%@`.~0123456789eExXoO+_nNtTfFaluse\\', '\u0000', '\u0007', '\u001b', '\u0085', '\u00a0', '\u2028', '\ud800', 'é', '§', '😀', 'A', 'b'];
const yamlish = fc.array(fc.constantFrom(...YAML_CHARS), { maxLength: 12 }).map((cs) => cs.join(''));
const oneLine = fc.oneof(yamlish, fc.string({ unit: 'binary' }), fc.string()).map((s) => s.replace(/[\n\r]/g, ''));

describe('yamlScalar', () => {
  it('is the one definition core and the client use', () => {
    expect(coreYamlScalar).toBe(yamlScalar);
    expect(clientYamlScalar).toBe(yamlScalar);
  });

  /** The value YAML reads after `key: `; undefined when the line does not parse (`key: :`). */
  const readBack = (written: string): unknown => {
    try {
      return parse(`key: ${written}\n`).key;
    } catch {
      return undefined;
    }
  };

  it('writes a one-line value as the yaml package did wherever that read back right, so no fix changes', () => {
    for (const v of ['Control of Documents', 'No', '2016', '"quoted"', "it's", 'Design: Control', '--- x', '...', '', '0x1F', 'a\u0007b', '§7.3 Design', 'x\ud800']) {
      expect(yamlScalar(v), JSON.stringify(v)).toBe(byYamlPackage(v));
    }
    fc.assert(
      fc.property(oneLine, (v) => (readBack(byYamlPackage(v)) === v ? yamlScalar(v) === byYamlPackage(v) : readBack(yamlScalar(v)) === v)),
      { numRuns: 5000 },
    );
    // Where it did not: trimEnd() on the package's output dropped trailing Unicode spaces (a no-break
    // space), or emptied the value; the yaml parser drops them from a plain scalar too, so they are quoted.
    expect(byYamlPackage('x\u00a0')).toBe('x');
    expect(yamlScalar('x\u00a0')).toBe('"x\u00a0"');
    expect(readBack(yamlScalar('x\u00a0'))).toBe('x\u00a0');
    expect(readBack(yamlScalar('\u00a0'))).toBe('\u00a0');
  });

  it('reads back as the same string after a key, line breaks included', () => {
    for (const v of ['a\nb', 'two\n\nlines', ' lead\n', 'x\r\ny', '--- x', 'No', '"q"']) expect(readBack(yamlScalar(v)), JSON.stringify(v)).toBe(v);
    fc.assert(fc.property(fc.oneof(yamlish, fc.string()), (v) => readBack(yamlScalar(v)) === v), { numRuns: 3000 });
  });
});
