// Nothing in a workspace runs code: configuration and standard packs are data,
// parsed with YAML's core schema (no tag constructs an object or a function)
// and validated by their JSON schemas; a standard pack path that leaves the
// workspace is refused with a clear message.
import { describe, expect, it } from 'vitest';
import { PackError } from '../../server/src/core/catalog-cache';
import { CLEAN_SOP, lintFiles } from '../helpers';

const PACK = (extra = '') => `id: acme-qms:2026
title: ACME QMS${extra}
publisher: ACME
family: acme-qms
edition: "2026"
clauses:
  - {id: "1", title: General}
`;

async function lintError(files: Record<string, string>): Promise<unknown> {
  return lintFiles({ 'sop.md': CLEAN_SOP, ...files }).then(
    () => undefined,
    (e) => e,
  );
}

describe('standard pack paths', () => {
  for (const rel of ['../outside.yaml', '/etc/passwd', 'standards/../../outside.yaml', '..']) {
    it(`refuses ${rel}, saying it is outside the workspace`, async () => {
      const e = await lintError({ '.qmslint.yaml': `packs: [${JSON.stringify(rel)}]\n` });
      expect(e).toBeInstanceOf(PackError);
      expect((e as Error).message).toMatch(/packs: .* is outside the workspace; keep standard packs inside the repository\./);
    });
  }

  it('takes a pack inside the workspace whose name merely starts with two dots', async () => {
    const e = await lintError({ '.qmslint.yaml': 'packs: [..acme.yaml]\nstandards: [acme-qms:2026]\n', '..acme.yaml': PACK() });
    expect(e).toBeUndefined();
  });
});

describe('YAML tags construct nothing', () => {
  it('a pack with a JavaScript or Python tag is refused, naming the tag', async () => {
    for (const tag of ['!!js/function "function () { globalThis.polluted = 1 }"', '!!python/object/apply:os.system ["true"]']) {
      const e = await lintError({ '.qmslint.yaml': 'packs: [acme.yaml]\n', 'acme.yaml': PACK().replace('title: ACME QMS', `title: ${tag}`) });
      expect(e).toBeInstanceOf(PackError);
      expect((e as Error).message).toMatch(/acme\.yaml:2:\d+: .*tag/i);
    }
    expect((globalThis as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('a config or front matter value with such a tag stays a string, and no key reaches Object.prototype', async () => {
    const result = await lintFiles({
      '.qmslint.yaml': 'standard: !!js/function "function () { globalThis.polluted = 1 }"\n',
      'sop.md': CLEAN_SOP.replace('type: SOP', 'type: SOP\n__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 1}}\nnote: !!js/undefined x'),
    }).catch((e) => e);
    // Either a clean configuration error or a lint; never a function called, never a prototype changed.
    expect(result instanceof Error ? (result as Error).constructor.name : 'lint').toMatch(/ConfigError|lint/);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect((globalThis as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('a config with __proto__ is refused by its schema', async () => {
    const e = await lintError({ '.qmslint.yaml': '__proto__: {polluted: 1}\n' });
    expect((e as Error)?.constructor.name).toBe('ConfigError');
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
