// Public QMS collections nobody here wrote, linted with zero configuration by the bundled CLI,
// against the labels in test/fixtures/corpus/expectations.yaml (scripts/corpus.mjs has the
// how and docs/accuracy.md the why). A new finding fails until someone labels it: a false
// positive must never slip in unnoticed, and a true positive must never be lost.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collections, compare, CORPUS, type CorpusLabel as Label, lintCollection, precisionTable, readExpectations } from '../../scripts/corpus.mjs';
import { HANG_GUARD_MS } from '../hang-guard.mjs';

const expectations = readExpectations();
const names = collections();
const findings = names.flatMap((name) => lintCollection(name, { timeout: HANG_GUARD_MS }));
const result = compare(findings, expectations);
const show = (list: { at: string; rule: string }[]) => list.map((f) => `${f.at} ${f.rule}`);

describe('the real-world corpus', () => {
  it('has at least three collections, each with its source and its license', () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) {
      const files = readdirSync(join(CORPUS, name));
      expect(files, name).toContain('SOURCE.md');
      // A license file, or (one collection states its license only there) the README that states it.
      const license = files.find((f) => /^(LICENSE|COPYING)/i.test(f)) ?? 'README.md';
      expect(readFileSync(join(CORPUS, name, license), 'utf8'), `${name}/${license}`).toMatch(/MIT License|Apache License|CC0|Creative Commons/i);
      expect(readFileSync(join(CORPUS, name, 'SOURCE.md'), 'utf8'), name).toMatch(/https:\/\/github\.com\/[^/\s]+\/[^/\s]+/);
    }
  });

  it('reports no finding nobody labelled (label new ones: node scripts/corpus.mjs --stubs)', () => {
    expect(show(result.unlabelled)).toEqual([]);
  });

  it('still reports every true positive', () => {
    expect(show(result.lost)).toEqual([]);
  });

  it('has no label for a finding that is gone, and every finding at its labelled severity', () => {
    expect(show(result.stale)).toEqual([]);
    expect(result.changed.map(({ label, finding }) => `${label.at} ${label.rule} ${label.severity} -> ${finding.severity}`)).toEqual([]);
  });

  it('has labels that say true or false, and why', () => {
    for (const e of expectations) {
      expect(['true', 'false'], `${e.at} ${e.rule}`).toContain(e.verdict);
      expect(e.why?.trim(), `${e.at} ${e.rule}`).toBeTruthy();
    }
  });

  it('has no false positive at error level and a precision of 95 % or more at every level', () => {
    expect(show(result.matched.filter((e: Label) => e.severity === 'error' && e.verdict === 'false'))).toEqual([]);
    for (const level of ['error', 'warning', 'info']) {
      const at = result.matched.filter((e: Label) => e.severity === level);
      if (!at.length) continue;
      const precision = at.filter((e: Label) => e.verdict === 'true').length / at.length;
      expect(precision, `${level}: ${precisionTable(at)}`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('is summed up in docs/accuracy.md as it is now', () => {
    const doc = readFileSync(new URL('../../docs/accuracy.md', import.meta.url), 'utf8');
    expect(doc).toContain(precisionTable(result.matched));
  });
});
