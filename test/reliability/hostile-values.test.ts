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
