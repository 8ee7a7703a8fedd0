// The baseline's format and matcher (core/baseline.ts), on findings the real engine makes from an
// in-memory workspace: identities survive lines moving, a new finding is new, entries are a
// multiset, stale entries are judged only where the run looked, and the file is stable.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BaselineError,
  configuredBaseline,
  entriesOf,
  matchBaseline,
  parseBaseline,
  serializeBaseline,
  staleFindings,
  type Baseline,
} from '../../server/src/core/baseline';
import { ConfigError, parseConfig } from '../../server/src/core/config';
import { FINGERPRINT_VERSION } from '../../server/src/core/fingerprint';
import { jsonSyntaxProblem } from '../../server/src/core/json-syntax';
import type { LintResult } from '../../server/src/core/project';
import { CLEAN_SOP, cleanSop, lintFiles } from '../helpers';

const CONFIG = 'documents: ["**/*.md"]\nrules:\n  coverage-gap: off\n';
const PURPOSE = 'This procedure implements ISO 13485:2016 §4.2.4 for all controlled documents.';
/** CLEAN_SOP citing clauses ISO 13485 does not have (clause-unknown, one finding each). */
const citing = (...clauses: string[]) => CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n\nSee also ${clauses.map((c) => `ISO 13485:2016 §${c}`).join(' and ')}.`);
/** Paragraphs above the citation: every line below moves down. */
const moved = (text: string) => text.replace('## Purpose\n', '## Purpose\n\nA new paragraph.\n\nAnd another one,\nover two lines.\n');

function baselineOf(result: LintResult, file = '/ws/.qmslint-baseline.json'): Baseline {
  const text = serializeBaseline(entriesOf(result.files, '/ws'));
  return parseBaseline(text, file, '.qmslint-baseline.json');
}

const unknown = (result: LintResult) =>
  result.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'clause-unknown').map((x) => x.message.match(/clause (\d+(?:\.\d+)*)/)![1]));

describe('the baseline matcher', () => {
  it('keeps a finding baselined when lines are inserted above it', async () => {
    const before = await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/sop.md': citing('9.9.9') });
    expect(unknown(before)).toEqual(['9.9.9']);
    const baseline = baselineOf(before);
    const after = await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/sop.md': moved(citing('9.9.9')) });
    const held = after.files.flatMap((f) => f.findings).find((f) => f.ruleId === 'clause-unknown')!;
    const was = before.files.flatMap((f) => f.findings).find((f) => f.ruleId === 'clause-unknown')!;
    expect(held.line).toBeGreaterThan(was.line);
    const match = matchBaseline(after.files, baseline, true);
    expect(match.files.flatMap((f) => f.findings)).toEqual([]);
    expect(match.baselined).toBe(1);
    expect(match.stale).toEqual([]);
  });

  it('reports a new finding of the same rule in the same file as new', async () => {
    const baseline = baselineOf(await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/sop.md': citing('9.9.9') }));
    const after = await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/sop.md': citing('9.9.9', '9.9.8') });
    const match = matchBaseline(after.files, baseline, true);
    expect(match.files.flatMap((f) => f.findings).map((f) => [f.ruleId, f.message.includes('9.9.8')])).toEqual([['clause-unknown', true]]);
    expect(match.baselined).toBe(1);
  });

  it('counts entries as a multiset: one entry holds one of two identical findings', async () => {
    const once = baselineOf(await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/sop.md': citing('9.9.9') }));
    const twice = await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/sop.md': citing('9.9.9', '9.9.9') });
    expect(unknown(twice)).toEqual(['9.9.9', '9.9.9']);
    const match = matchBaseline(twice.files, once, true);
    expect(match.files.flatMap((f) => f.findings)).toHaveLength(1);
    expect(match.baselined).toBe(1);
  });

  it('judges stale entries only in the files the run reported on, unless it covered the whole repository', async () => {
    const files = { '.qmslint.yaml': CONFIG, 'docs/a.md': citing('9.9.9'), 'docs/b.md': cleanSop('SOP-002', 'Complaints', '8.2.2').replace('§8.2.2', '§8.2.2 and §7.7.7') };
    const baseline = baselineOf(await lintFiles(files));
    expect(baseline.entries.map((e) => e.path)).toEqual(['docs/a.md', 'docs/b.md']);
    // docs/b.md fixed; a run that reports only docs/a.md says nothing of b's entry and keeps it.
    const fixed = await lintFiles({ ...files, 'docs/b.md': cleanSop('SOP-002', 'Complaints', '8.2.2') });
    const onlyA = fixed.files.filter((f) => f.path === '/ws/docs/a.md');
    const partial = matchBaseline(onlyA, baseline, false);
    expect(partial.stale).toEqual([]);
    expect(partial.kept.map((e) => e.path)).toEqual(['docs/a.md', 'docs/b.md']);
    // The same run over everything finds b's entry stale; so it does for a file that is gone.
    expect(matchBaseline(fixed.files, baseline, true).stale.map((e) => e.path)).toEqual(['docs/b.md']);
    const gone = await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/a.md': citing('9.9.9') });
    const whole = matchBaseline(gone.files, baseline, true);
    expect(whole.stale.map((e) => e.path)).toEqual(['docs/b.md']);
    expect(whole.kept.map((e) => e.path)).toEqual(['docs/a.md']);
  });

  it('reports each stale entry once, as info at its line of the baseline file', async () => {
    const baseline = baselineOf(await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/sop.md': citing('9.9.9', '9.9.8') }));
    const match = matchBaseline((await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/sop.md': citing('9.9.8') })).files, baseline, true);
    expect(match.stale).toHaveLength(1);
    const notice = staleFindings(baseline, match.stale)!;
    expect(notice.path).toBe('/ws/.qmslint-baseline.json');
    expect(notice.findings).toHaveLength(1);
    const [f] = notice.findings;
    expect(f).toMatchObject({ ruleId: 'baseline-stale', severity: 'info', column: 5 });
    const line = baseline.text.split('\n')[f.line - 1];
    expect(line).toContain(match.stale[0].fingerprint);
    expect(f.message).toBe('clause-unknown in docs/sop.md no longer occurs; its baseline entry can be removed');
    expect(staleFindings(baseline, [])).toBeUndefined();
  });

  it('never baselines a finding that says a rule failed', async () => {
    const result = await lintFiles({ '.qmslint.yaml': CONFIG, 'docs/sop.md': citing('9.9.9') });
    const file = result.files.find((f) => f.path.endsWith('sop.md'))!;
    const failed = { ...file, findings: file.findings.map((f) => ({ ...f, failure: 'document' as const })) };
    expect(entriesOf([failed], '/ws')).toEqual([]);
  });
});

describe('the baseline file', () => {
  const files = {
    '.qmslint.yaml': CONFIG,
    'b/two.md': citing('9.9.9', '8.8.8'),
    'a/one.md': citing('7.7.7').replace('SOP-001', 'SOP-002'),
    'a/zero.md': citing('9.9.9', '9.9.9').replace('SOP-001', 'SOP-003'),
  };

  it('is sorted by path, rule and fingerprint, one entry per line with a fixed key order, and the same bytes every time', async () => {
    const result = await lintFiles(files);
    const entries = entriesOf(result.files, '/ws');
    const text = serializeBaseline(entries);
    expect(serializeBaseline([...entries].reverse())).toBe(text);
    expect(serializeBaseline(entriesOf((await lintFiles(files)).files, '/ws'))).toBe(text);
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['{', '  "version": 1,', `  "fingerprints": "${FINGERPRINT_VERSION}",`, '  "findings": [']);
    const entryLines = lines.filter((l) => l.startsWith('    {'));
    expect(entryLines).toHaveLength(entries.length);
    const parsed = entryLines.map((l) => JSON.parse(l.replace(/,$/, '')));
    for (const p of parsed) expect(Object.keys(p)).toEqual(['path', 'rule', 'fingerprint', 'message']);
    const order = (e: { path: string; rule: string; fingerprint: string }) => [e.path, e.rule, e.fingerprint];
    const sorted = [...parsed].sort((x, y) => {
      const [a, b] = [order(x), order(y)];
      for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
      return 0;
    });
    expect(parsed).toEqual(sorted);
    expect(parsed.map((p) => p.path)).toContain('a/zero.md');
    expect(parsed[0].path < parsed[parsed.length - 1].path).toBe(true);
    expect(parseBaseline(text, '/ws/x.json', 'x.json').entries).toEqual(parsed);
  });

  it('conforms to schemas/qmslint-baseline.schema.json', async () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/qmslint-baseline.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: true }).compile(schema);
    const text = serializeBaseline(entriesOf((await lintFiles(files)).files, '/ws'));
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(serializeBaseline([])))).toBe(true);
    expect(validate({ version: 2, fingerprints: FINGERPRINT_VERSION, findings: [] })).toBe(false);
  });

  const problem = (text: string): BaselineError => {
    try {
      parseBaseline(text, '/ws/b.json', 'b.json');
    } catch (e) {
      expect(e).toBeInstanceOf(BaselineError);
      return e as BaselineError;
    }
    throw new Error('parsed');
  };

  it('refuses what it cannot read, naming the file, and the line and column of a JSON syntax error', () => {
    const conflict = problem('{\n  "version": 1,\n<<<<<<< HEAD\n');
    expect(conflict.message).toBe("b.json:3:1: not valid JSON: unexpected '<'; resolve a merge conflict or an edit by hand, or run qmslint baseline to write it again");
    expect(problem('{"version": 1, "fingerprints": "x"').message).toMatch(/^b\.json:1:35: not valid JSON: the text ends too early;/);
    expect(problem('{"version": 1,}').message).toMatch(/^b\.json:1:15: not valid JSON: expected a property name in double quotes, not '}';/);
    expect(problem('{"findings": [1 2]}').message).toMatch(/^b\.json:1:17: not valid JSON: expected a comma, not '2';/);
    expect(problem('{"a": "tab\there"}').message).toMatch(/^b\.json:1:11: not valid JSON: U\+0009 inside a string \(write it escaped\);/);
    expect(problem('{"a": 01}').message).toMatch(/^b\.json:1:8: not valid JSON: expected a comma, not '1';/);
    expect(problem('{} x').message).toMatch(/^b\.json:1:4: not valid JSON: unexpected 'x';/);
    expect(problem('{"version": 1}').message).toMatch(/^b\.json: its fingerprints are not named/);
    expect(problem('{"fingerprints": 1}').message).toMatch(/^b\.json: has no "version"/);
    expect(problem('[]').message).toMatch(/^b\.json: not a qmslint baseline/);
    expect(problem(`{"version": 2, "fingerprints": "${FINGERPRINT_VERSION}", "findings": []}`).message).toBe(
      'b.json: baseline version 2 is not one this qmslint reads (version 1); use the qmslint that wrote it, or run qmslint baseline to write it again',
    );
    expect(problem('{"version": 1, "fingerprints": "qmslint/v0", "findings": []}').message).toMatch(/^b\.json: its fingerprints are "qmslint\/v0", and this qmslint makes qmslint\/v1/);
    expect(problem(`{"version": 1, "fingerprints": "${FINGERPRINT_VERSION}", "findings": [{"path": "a.md", "rule": "r"}]}`).message).toMatch(
      /^b\.json: findings\[0\]\.fingerprint must be a non-empty string/,
    );
    // A byte order mark is no error, and a message is optional (it is for the reader of a diff).
    const ok = parseBaseline(`\uFEFF{"version": 1, "fingerprints": "${FINGERPRINT_VERSION}", "findings": [{"path": "a.md", "rule": "r", "fingerprint": "f:1"}]}`, '/ws/b.json', 'b.json');
    expect(ok.entries).toEqual([{ path: 'a.md', rule: 'r', fingerprint: 'f:1', message: '' }]);
  });

  it('is named by baseline: in a configuration, inside its folder only', () => {
    expect(configuredBaseline(parseConfig('baseline: qa/baseline.json\n', '/ws/.qmslint.yaml'))).toBe('/ws/qa/baseline.json');
    expect(configuredBaseline(parseConfig('standard: iso13485:2016\n', '/ws/.qmslint.yaml'))).toBeUndefined();
    for (const outside of ['../baseline.json', '/etc/baseline.json', '.']) {
      const config = parseConfig(`standard: iso13485:2016\nbaseline: ${outside}\n`, '/ws/.qmslint.yaml');
      expect(() => configuredBaseline(config)).toThrow(ConfigError);
      expect(() => configuredBaseline(config)).toThrow(/^\/ws\/\.qmslint\.yaml:2:11: baseline: .* is outside this folder/);
    }
  });
});

describe('where a JSON text breaks (core/json-syntax.ts)', () => {
  it('agrees with JSON.parse on what is JSON, over texts damaged one character at a time', () => {
    const valid = serializeBaseline([
      { path: 'docs/a b.md', rule: 'clause-unknown', fingerprint: '0123abcd:1', message: 'Says "9.9.9" \\ \u00e9 \t' },
      { path: 'x.md', rule: 'r', fingerprint: 'f:2', message: '' },
    ]).replace('"version": 1', '"version": 1, "n": [-0.5e+3, 0, 12, true, false, null, {}, [], "\\u00e9\\n"]');
    expect(jsonSyntaxProblem(valid)).toBeUndefined();
    const pieces = ['', '"', ',', '}', ']', '{', '[', ':', '-', '0', 'e', '.', '\\', 'x', ' ', '\n', '\u0001', 'tru'];
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let broken = 0;
    for (let k = 0; k < 3000; k++) {
      const at = next(valid.length);
      const text = valid.slice(0, at) + pieces[next(pieces.length)] + valid.slice(at + next(3));
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      const found = jsonSyntaxProblem(text);
      expect(found === undefined, JSON.stringify(text)).toBe(parses);
      if (found) {
        broken++;
        expect(found.offset).toBeGreaterThanOrEqual(0);
        expect(found.offset).toBeLessThanOrEqual(text.length);
      }
    }
    expect(broken).toBeGreaterThan(1000);
  });

  it('says a text is nested too deeply, and does not overflow the stack, when the parser cannot descend that far', () => {
    expect(jsonSyntaxProblem('['.repeat(5) + ']'.repeat(5))).toBeUndefined();
    expect(jsonSyntaxProblem('['.repeat(200000))).toEqual({ offset: 0, problem: 'nested too deeply' });
  });
});
