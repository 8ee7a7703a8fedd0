// Regressions found by the reliability work: inputs on which the engine took
// minutes (backtracking regular expressions on long runs of one character).
// Each must lint in a fraction of the time a CI job or an editor can wait.
import { describe, expect, it } from 'vitest';
import { CLEAN_SOP, findings, lintFiles } from '../helpers';

/** Lints one document and returns the time it took, in ms. */
async function timed(text: string): Promise<{ ms: number; rules: string[] }> {
  const start = performance.now();
  const result = await lintFiles({ 'sop.md': text });
  return { ms: performance.now() - start, rules: findings(result, 'sop.md').map((f) => f.ruleId) };
}

const withoutHistory = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('## Revision History'));

describe('hostile values lint in linear time', () => {
  it('a `standard:` value of a million digits (the catalog lookup backtracked: 3.5 s at 16 000, hours at a million)', async () => {
    const { ms } = await timed(CLEAN_SOP.replace('type: SOP', `type: SOP\nstandard: "${'0'.repeat(1_000_000)}x"`));
    expect(ms).toBeLessThan(15_000);
  });

  it('a document without history whose text holds a long run of white space (revision-history-missing trimmed it with /\\s+$/)', async () => {
    const { ms, rules } = await timed(`${withoutHistory}\n${' '.repeat(300_000)}x\n`);
    expect(rules).toContain('revision-history-missing');
    expect(ms).toBeLessThan(15_000);
  });

  it('an HTML block full of unclosed tags (link-broken read anchors with [^>]*?)', async () => {
    const { ms } = await timed(`${CLEAN_SOP}\n<div>\n${'<a '.repeat(200_000)}\n`);
    expect(ms).toBeLessThan(15_000);
  });
});

describe('nesting deeper than any document (file-too-complex)', () => {
  const cases: [string, string][] = [
    ['10 000 block quotes on one line (the parser overflowed the stack: the lint threw)', `${'> '.repeat(10_000)}x\n`],
    ['10 000 list items on one line (the parser took 380 s)', `${'- '.repeat(10_000)}x\n`],
    ['10 000 ordered items and quotes mixed', `${'1. > '.repeat(5_000)}x\n`],
    ['a block quote one level deeper on each of 2 000 lines', Array.from({ length: 2_000 }, (_, i) => `${'>'.repeat(i + 1)} x`).join('\n')],
    ['1 000 list items each indented under the one before (the parser took minutes)', Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n')],
    ['1 000 ordered items indented under a block quote', Array.from({ length: 1_000 }, (_, i) => `>${' '.repeat(3 * i + 1)}1. x`).join('\n')],
  ];
  for (const [name, body] of cases) {
    it(name, async () => {
      const { ms, rules } = await timed(`${CLEAN_SOP}\n${body}`);
      expect(rules).toEqual(['file-too-complex']);
      expect(ms).toBeLessThan(5_000);
    });
  }

  it('still analyses a document nested 100 levels deep, or 50 indented levels', async () => {
    expect((await timed(`${CLEAN_SOP}\n${'> '.repeat(50)}${'- '.repeat(50)}x\n`)).rules).not.toContain('file-too-complex');
    const indented = Array.from({ length: 50 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n');
    expect((await timed(`${CLEAN_SOP}\n${indented}\n`)).rules).not.toContain('file-too-complex');
  });
});

describe('line endings', () => {
  it('front matter with CR line endings: every range stays inside the text (its offsets started at the next LF, past the end)', async () => {
    const text = '---\rid: SOP-001\rtitle: [unclosed\r---\r# T\r\n\nbody\n';
    const result = await lintFiles({ 'sop.md': text });
    const all = findings(result, 'sop.md');
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) expect(f.range.end, f.ruleId).toBeLessThanOrEqual(text.length);
    const syntax = all.filter((f) => f.ruleId === 'front-matter-syntax');
    expect(syntax.length).toBeGreaterThan(0);
    for (const f of syntax) expect(f.range.start).toBeGreaterThanOrEqual(4); // inside the YAML, after `---\r`
  });
});
