// Issue 14, point 5: a repository's `idPattern` must not be able to hang a lint.
// Nested bounded repetition passed the old check (an analyser of the pattern) and
// took seconds to minutes per id in RegExp, which backtracks; each doubling of
// the letters before the `!` doubled the time. idPattern now runs on RE2
// (re2js): linear in the text, whatever the pattern.
//
// Nothing here is timed. The bundled CLI lints under the hang guard (minutes),
// and each input is sized so RegExp would run far past it: the id field once and
// every body line once more, each try minutes or more at these lengths.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, TODAY } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Lints one folder with `idPattern` configured and the given documents; the run's status, stderr and findings by file. */
function lintWith(idPattern: string, docs: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-idpattern-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, '.qmslint.yaml'), `idPattern: ${JSON.stringify(idPattern)}\nrules:\n  coverage-gap: off\n`);
  for (const [name, text] of Object.entries(docs)) writeFileSync(path.join(dir, name), text);
  const r = runCli(['.', '--format', 'json', '--today', TODAY], { cwd: dir });
  const report = r.stdout ? (JSON.parse(r.stdout) as JsonReport) : [];
  const messages = (file: string) => report.find((f) => path.basename(f.filePath) === file)?.messages ?? [];
  const rules = (file: string) => messages(file).map((m) => m.ruleId);
  return { status: r.status, stderr: r.stderr, messages, rules };
}

/** CLEAN_SOP with another id, and `lines` lines of body text. */
function sop(id: string, lines: string[] = []): string {
  return CLEAN_SOP.replace('id: SOP-001', `id: "${id}"`).replace('## Revision History', `${lines.join('\n\n')}\n\n## Revision History`);
}

// [pattern, a valid id, a text that makes RegExp try every way to split its letters]
const HOSTILE: [string, string, string][] = [
  ['^(?:[A-Z]|[A-Z]){1,30}-\\d+$', 'SOP-7', `${'A'.repeat(30)}!`],
  ['^(?:[A-Z]{1,20}){1,20}-\\d+$', 'SOP-7', `${'A'.repeat(34)}!`],
  ['^(?:A|AA){1,40}-\\d+$', 'AAA-7', `${'A'.repeat(48)}!`],
];

describe('idPattern runs in linear time', () => {
  it.each(HOSTILE)('%s: the id field and running text lint to the end', (pattern, valid, hostile) => {
    const body = Array.from({ length: 20 }, (_, i) => `Line ${i}: ${hostile}`);
    const r = lintWith(pattern, { 'bad.md': sop(hostile, body), 'good.md': sop(valid) });
    expect(r.status, r.stderr).toBe(1);
    // The pattern still means what it says: the hostile id is refused, the valid one is not.
    expect(r.rules('bad.md')).toContain('field-invalid');
    expect(r.rules('good.md')).not.toContain('field-invalid');
  });

  it('still finds ids in running text with the pattern (a mention of a missing document)', () => {
    // SOP-9 is missing; SOP-8 exists; XSOP-9 and SOP-9x are inside longer words, no mentions.
    const r = lintWith(HOSTILE[0][0], { 'a.md': sop('SOP-7', ['See SOP-9, SOP-8, XSOP-9 and SOP-9x.']), 'b.md': sop('SOP-8') });
    expect(r.status, r.stderr).toBe(1);
    expect(r.messages('a.md').filter((m) => m.ruleId === 'doc-reference-unresolved').map((m) => m.message.split(' ')[0])).toEqual(['SOP-9']);
  });

  it('finds mentions in a long paragraph of short matches without reading to its end for each', () => {
    // `(?:.*Z)?` makes every search look for a Z to the end of the text: over 30 000 mentions of
    // SOP-7 that was the square of the paragraph's length (far past the hang guard in re2js).
    // Searches now read a bounded window, so the lint ends, and the one mention of a missing
    // document, at the very end, is found.
    const pattern = '^[A-Z]+-\\d+(?:.*Z)?$';
    const body = `${'SOP-7 '.repeat(30_000)}and SOP-9.`;
    const r = lintWith(pattern, { 'a.md': sop('SOP-7', [body]) });
    expect(r.status, r.stderr).toBe(1);
    expect(r.messages('a.md').filter((m) => m.ruleId === 'doc-reference-unresolved').map((m) => m.message.split(' ')[0])).toEqual(['SOP-9']);
  });

  it('refuses a pattern RE2 cannot run, naming the option and why', () => {
    const r = lintWith('^(?!X)[A-Z]+-\\d+$', { 'a.md': sop('SOP-7') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('idPattern');
    expect(r.stderr).toContain('lookahead');
  });
});
