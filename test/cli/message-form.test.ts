// Every message is written for the Problems panel (issue 16, point 4), through the bundled CLI's
// JSON: on the planted defects (one per rule), the example QMS, the CLI fixtures and the real-world
// corpus (each collection linted alone, as the corpus test does), every message is one plain
// sentence under 100 characters and every detail is plain text (test/message-form.ts). The
// RuleTester holds each rule's own cases to the same form.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../server/src/core/rules';
import { firstSentence, MAX_SENTENCE, messageFormProblems } from '../message-form';
import { runCli } from '../run-cli';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(repo, 'test/fixtures/corpus');

interface Found {
  where: string;
  ruleId: string;
  message: string;
  detail?: string;
}

type Report = { filePath: string; messages: { ruleId: string; message: string; detail?: string; line: number }[] }[];

function lint(target: string, cwd: string): Found[] {
  const r = runCli([target, '--format', 'json', '--today', '2026-11-26'], { cwd });
  expect([0, 1], r.stderr).toContain(r.status);
  const report = JSON.parse(r.stdout) as Report;
  return report.flatMap((f) => f.messages.map((m) => ({ where: `${f.filePath.slice(cwd.length)}:${m.line}`, ruleId: m.ruleId, message: m.message, ...(m.detail ? { detail: m.detail } : {}) })));
}

/** A corpus collection linted alone, in a folder of its own (no configuration above it), as test/corpus does. */
function lintCollection(name: string): Found[] {
  const dir = mkdtempSync(join(tmpdir(), 'qmslint-messages-'));
  try {
    cpSync(join(CORPUS, name), join(dir, name), { recursive: true });
    return lint(name, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const collections = readdirSync(CORPUS).filter((n) => statSync(join(CORPUS, n)).isDirectory());
const found = [
  ...lint('test/fixtures/planted', repo),
  ...lint('examples', repo),
  // Not test/fixtures/cli/bad-config: an invalid configuration stops the run before any rule.
  ...lint('test/fixtures/cli/broken', repo),
  ...lint('test/fixtures/cli/clean', repo),
  // approval-unverified: evidence required, and git (this repository) has none for the fixture's approvals.
  ...lint('test/fixtures/approvals', repo),
  ...collections.flatMap(lintCollection),
];

describe('messages are written for the Problems panel, through the bundled CLI', () => {
  it('lints something from every document rule, with details', () => {
    const reported = new Set(found.map((m) => m.ruleId));
    for (const rule of rules) if (rule.scope !== 'change') expect(reported, rule.id).toContain(rule.id);
    expect(found.filter((m) => m.detail).length).toBeGreaterThan(found.length / 2);
  });

  it('every message is one plain sentence under 100 characters, every detail plain text', () => {
    const bad = found.flatMap((m) => messageFormProblems(m).map((p) => `${m.where} ${m.ruleId}: ${p}`));
    expect(bad).toEqual([]);
  });

  it('the check catches what it is for (it can fail)', () => {
    expect(messageFormProblems({ message: 'Missing `owner`.' })).toHaveLength(1);
    expect(messageFormProblems({ message: 'Missing owner.', detail: 'Add `owner:`.' })).toHaveLength(1);
    expect(messageFormProblems({ message: 'Missing owner. Add it.' })).toHaveLength(1);
    expect(messageFormProblems({ message: `${'x'.repeat(MAX_SENTENCE)}.` })).toHaveLength(1);
    // Clause numbers and item letters end no sentence.
    expect(firstSentence('Missing revision (ISO 13485:2016 4.2.4 c)).')).toBe('Missing revision (ISO 13485:2016 4.2.4 c)).');
    expect(messageFormProblems({ message: 'Missing revision (ISO 13485:2016 4.2.4 c)).', detail: 'Add revision: to the front matter.' })).toEqual([]);
  });
});

describe('the CLI keeps the whole text where there is no hover', () => {
  it('stylish prints the message, then its detail', () => {
    const r = runCli(['test/fixtures/planted', '--today', '2026-11-26'], { cwd: repo });
    const one = found.find((m) => m.where.startsWith('test/fixtures/planted') && m.detail)!;
    expect(r.stdout).toContain(`${one.message} ${one.detail}`);
  });

  it('SARIF gives the message and its detail as the result text', () => {
    const r = runCli(['test/fixtures/planted', '--format', 'sarif', '--today', '2026-11-26'], { cwd: repo });
    const texts = (JSON.parse(r.stdout) as { runs: { results: { message: { text: string } }[] }[] }).runs[0].results.map((x) => x.message.text);
    const withDetail = found.filter((m) => m.where.startsWith('test/fixtures/planted') && m.detail);
    expect(withDetail.length).toBeGreaterThan(0);
    for (const m of withDetail) expect(texts).toContain(`${m.message} ${m.detail}`);
  });
});
