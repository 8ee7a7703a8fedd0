// The CI formats, beyond the case table: SARIF against the official 2.1.0
// schema, rule descriptors, fingerprints that survive edits above a finding,
// the runner's escaping for GitHub annotations, JUnit that stays well-formed
// whatever a message holds, and the progress line on a terminal only.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { formatGithub } from '../../server/src/cli/formatters/github';
import { formatJunit } from '../../server/src/cli/formatters/junit';
import { NOTICES, RULE_DOCS_URL } from '../../server/src/cli/formatters/sarif';
import { progressLine } from '../../server/src/cli/progress';
import type { FileResult } from '../../server/src/core/project';
import { rules } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/types';
import { CLEAN_SOP } from '../helpers';
import { memoryIo, repo, runInProcess, TODAY } from './harness';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-ci-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
  partialFingerprints: Record<string, string>;
  fixes?: { artifactChanges: { replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[] }[] }[];
}
interface SarifLog {
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string }; properties: { tags: string[]; rationale: string[] } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

async function sarifOf(args: string[], cwd = repo): Promise<SarifLog> {
  const r = await runInProcess([...args, '--format', 'sarif', '--today', TODAY], { cwd });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as SarifLog;
}

const schema = JSON.parse(readFileSync(path.join(repo, 'test/fixtures/sarif/sarif-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

describe('SARIF', () => {
  it.each([['examples'], ['test/fixtures/planted'], ['test/fixtures/cli/broken']])('validates against the SARIF 2.1.0 schema for %s', async (dir) => {
    const log = await sarifOf([dir]);
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
  });

  it('is checked by a schema that does reject a broken log', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', informationUri: 'not a uri' } } }] })).toBe(false);
  });

  it('validates with file names that need percent-encoding', async () => {
    const dir = tempDir({ 'my docs/sop #1.md': CLEAN_SOP.replace('revision: C', 'revision: B'), 'a:b.md': '# x\n' });
    const log = await sarifOf(['.'], dir);
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
    const uris = log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('my%20docs/sop%20%231.md');
  });

  it('describes every rule and notice, with its docs page, level and rationale', async () => {
    const driver = (await sarifOf(['test/fixtures/cli/clean'])).runs[0].tool.driver;
    expect(driver.name).toBe('qmslint');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.rules.map((r) => r.id)).toEqual([...rules.map((r) => r.id), ...NOTICES.map((n) => n.id)]);
    const level = { error: 'error', warning: 'warning', info: 'note' };
    for (const rule of rules) {
      const d = driver.rules.find((x) => x.id === rule.id)!;
      expect(d.helpUri).toBe(`${RULE_DOCS_URL}${rule.id}.md`);
      expect(readFileSync(path.join(repo, 'docs/rules', `${rule.id}.md`), 'utf8')).toMatch(new RegExp(`^# ${rule.id}\\b`));
      expect(d.shortDescription.text).toBe(rule.description);
      expect(d.defaultConfiguration.level).toBe(level[rule.severity]);
      expect(d.properties.rationale).toEqual(rule.rationale);
    }
    // The notices are described from their meta too, each with its own page.
    for (const n of NOTICES) {
      const d = driver.rules.find((x) => x.id === n.id)!;
      expect(d.helpUri).toBe(`${RULE_DOCS_URL}${n.id}.md`);
      expect(readFileSync(path.join(repo, 'docs/rules', `${n.id}.md`), 'utf8')).toMatch(new RegExp(`^# ${n.id}\\b`));
      expect(d.shortDescription.text).toBe(n.description);
      expect(d.properties.tags).toContain('notice');
    }
  });

  it('points every result at its rule, relative to %SRCROOT%', async () => {
    const run = (await sarifOf(['test/fixtures/cli/broken'])).runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${repo}`);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations[0].physicalLocation.artifactLocation).toMatchObject({ uriBaseId: '%SRCROOT%', uri: expect.stringMatching(/^test\/fixtures\/cli\/broken\/[^/]+\.md$/) });
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(r.locations[0].physicalLocation.region.startColumn).toBeGreaterThanOrEqual(1);
    }
  });

  it('carries fixes as replacements in the file text', async () => {
    const run = (await sarifOf(['test/fixtures/planted/revision-mismatch.md'])).runs[0];
    const result = run.results.find((r) => r.ruleId === 'revision-mismatch')!;
    const [replacement] = result.fixes![0].artifactChanges[0].replacements;
    const text = readFileSync(path.join(repo, 'test/fixtures/planted/revision-mismatch.md'), 'utf8');
    const { charOffset, charLength } = replacement.deletedRegion;
    expect(text.slice(charOffset - 'revision: '.length, charOffset + charLength)).toBe('revision: B');
    expect(replacement.insertedContent.text).toBe('C');
  });

  it('leaves suggestions out: only a fix becomes a SARIF fix, since consumers may apply fixes unasked', async () => {
    const dir = tempDir({ 'sop.md': CLEAN_SOP.replace('revision: C', 'revision: B').replace('§4.2.4 for', '§4.21 for') });
    const log = await sarifOf(['.'], dir);
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
    const run = log.runs[0];
    const unknown = run.results.find((r) => r.ruleId === 'clause-unknown')!;
    expect(unknown.message.text).toContain('Did you mean 4.2.1');
    expect(unknown).not.toHaveProperty('fixes');
    const inserted = run.results.flatMap((r) => r.fixes ?? []).flatMap((f) => f.artifactChanges.flatMap((c) => c.replacements.map((x) => x.insertedContent.text)));
    expect(inserted).toEqual(['C']); // revision-mismatch's fix, and no suggestion
    expect(JSON.stringify(run.results)).not.toContain('suggestion');
    expect(run.results.find((r) => r.ruleId === 'revision-mismatch')!.fixes).toHaveLength(1);
    // Not marked fixable: it has suggestions only.
    expect(run.tool.driver.rules.find((d) => d.id === 'clause-unknown')!.properties.tags).not.toContain('fixable');
  });

  it('keeps fingerprints when lines are inserted above the findings', async () => {
    const dir = tempDir();
    cpSync(path.join(repo, 'examples'), dir, { recursive: true });
    const doc = 'sops/sop-003-corrective-and-preventive-action.md';
    const before = (await sarifOf(['.'], dir)).runs[0].results;

    const text = readFileSync(path.join(dir, doc), 'utf8');
    const bodyStart = text.indexOf('\n---\n', 4) + '\n---\n'.length;
    writeFileSync(path.join(dir, doc), text.slice(0, bodyStart) + '\n\n\n' + text.slice(bodyStart));
    const after = (await sarifOf(['.'], dir)).runs[0].results;

    const inDoc = (results: SarifResult[]) => results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === doc);
    const key = (r: SarifResult) => `${r.ruleId} ${r.partialFingerprints['qmslint/v1']}`;
    expect(inDoc(before).length).toBeGreaterThan(2);
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    // The body's findings did move, so the fingerprints do not hang on line numbers.
    const lines = (results: SarifResult[]) => inDoc(results).map((r) => r.locations[0].physicalLocation.region.startLine);
    const bodyLine = text.slice(0, bodyStart).split('\n').length;
    expect(lines(after)).toEqual(lines(before).map((l) => (l >= bodyLine ? l + 3 : l)));
    expect(lines(after)).not.toEqual(lines(before));
  });

  it('gives distinct findings distinct fingerprints', async () => {
    for (const dir of ['examples', 'test/fixtures/planted', 'test/fixtures/cli/broken']) {
      const results = (await sarifOf([dir])).runs[0].results;
      const keys = results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.partialFingerprints['qmslint/v1']}`);
      expect(new Set(keys).size, dir).toBe(keys.length);
    }
  });
});

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'revision-mismatch', severity: 'error', message: 'm', path: '/ws/a.md', range: { start: 0, end: 1 }, line: 1, column: 1, endLine: 1, endColumn: 2, ...over };
}

describe('GitHub annotations', () => {
  it('escape data and property values the way the runner reads them', () => {
    const results: FileResult[] = [
      {
        path: '/ws/docs/a:b,c%.md',
        text: '',
        findings: [finding({ severity: 'warning', message: '100% done\r\nnext: a, b', line: 12, column: 3, endLine: 12, endColumn: 9 })],
      },
    ];
    expect(formatGithub(results, '/ws')).toBe('::warning file=docs/a%3Ab%2Cc%25.md,line=12,endLine=12,col=3,endColumn=9,title=revision-mismatch::100%25 done%0D%0Anext: a, b\n');
  });

  it('map severities to commands and leave columns out of multi-line annotations', () => {
    const results: FileResult[] = [
      {
        path: '/ws/a.md',
        text: '',
        findings: [finding({ severity: 'error' }), finding({ severity: 'info', line: 2, endLine: 4, column: 5, endColumn: 1 })],
      },
    ];
    expect(formatGithub(results, '/ws').split('\n')).toEqual([
      '::error file=a.md,line=1,endLine=1,col=1,endColumn=2,title=revision-mismatch::m',
      '::notice file=a.md,line=2,endLine=4,title=revision-mismatch::m',
      '',
    ]);
  });
});

describe('JUnit', () => {
  const hostile = `<script>&"'`;
  const results: FileResult[] = [
    {
      path: `/ws/${hostile}.md`,
      text: '',
      findings: [
        finding({ message: `${hostile} \u0000\u0008\u000B\uFFFE\uD800 tab\tend\r\nnext`, line: 3, column: 7 }),
        finding({ severity: 'warning', ruleId: 'clause-edition' }),
        finding({ severity: 'info', ruleId: 'field-placeholder', message: hostile }),
      ],
    },
    { path: '/ws/clean.md', text: '', findings: [] },
  ];
  const xml = formatJunit(results, '/ws');

  it('stays well-formed with hostile text and characters XML forbids', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\uFFFE]|\uD800/);
  });

  it('round-trips the text through a parser', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true }).parse(xml);
    const suites = doc.testsuites.testsuite;
    expect(doc.testsuites).toMatchObject({ name: 'qmslint', tests: '4', failures: '2', errors: '0' });
    expect(suites[0]).toMatchObject({ name: `${hostile}.md`, tests: '3', failures: '2', errors: '0' });
    const [first, second, third] = suites[0].testcase;
    expect(first).toMatchObject({ classname: 'revision-mismatch', name: '3:7 revision-mismatch' });
    expect(first.failure.type).toBe('error');
    expect(first.failure.message.startsWith(`${hostile}  tab`)).toBe(true);
    expect(second.failure.type).toBe('warning');
    expect(third.failure).toBeUndefined();
    expect(suites[1]).toMatchObject({ name: 'clean.md', tests: '1', failures: '0' });
    expect(suites[1].testcase).toMatchObject({ classname: 'qmslint', name: 'no problems' });
  });
});

describe('progress line', () => {
  const many = (n: number) => tempDir(Object.fromEntries(Array.from({ length: n }, (_, i) => [`d${String(i).padStart(3, '0')}.md`, `# Note ${i}\n`])));
  const bigDir = many(60);

  it('shows and then clears a progress line on a terminal for a long run', async () => {
    const r = await runInProcess(['--format', 'json', '--today', TODAY], { cwd: bigDir, interactive: true });
    expect(r.stderr).toMatch(/^\rqmslint: reading \d+\/60 files\u001b\[K/);
    expect(r.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(JSON.parse(r.stdout)).toHaveLength(60);
  });

  it('prints nothing when stderr is not a terminal', async () => {
    const r = await runInProcess(['--format', 'json', '--today', TODAY], { cwd: bigDir, interactive: false });
    expect(r.stderr).toBe('');
  });

  it('prints nothing for a short run', async () => {
    const r = await runInProcess(['--format', 'json', '--today', TODAY], { cwd: many(50), interactive: true });
    expect(r.stderr).toBe('');
  });

  it('redraws at most ten times a second', () => {
    const io = memoryIo({ interactive: true });
    let clock = 0;
    const progress = progressLine(io, () => clock);
    for (let i = 1; i <= 1000; i++) {
      progress.update(i, 1000, 'read');
      clock += 1; // a millisecond per file: 1 s in all
    }
    for (let i = 1; i <= 1000; i++) progress.update(i, 1000, 'check');
    progress.end();
    const draws = io.err().split('\r').filter((s) => s.startsWith('qmslint:'));
    expect(draws.length).toBe(11); // at 0, 100, ..., 1000 ms
    expect(draws[0]).toBe('qmslint: reading 1/1000 files\u001b[K');
    expect(io.err().endsWith('\r\u001b[K')).toBe(true);
  });
});
