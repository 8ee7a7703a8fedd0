// --format gitlab, the GitLab Code Quality report, from the bundled CLI: every issue valid against
// the schema GitLab checks issues with (test/fixtures/gitlab/README.md), the properties GitLab's
// documentation lists, severities on GitLab's scale, paths as GitLab joins them to the commit, and
// the same fingerprints SARIF gives the same findings in the same run.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { formatGitlab } from '../../server/src/cli/formatters/gitlab';
import type { FileResult } from '../../server/src/core/project';
import { rules } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/types';
import { CLEAN_SOP } from '../helpers';
import { REPO, runCli } from '../run-cli';

const TODAY = '2026-11-26';
const SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}
interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-gitlab-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function report(args: string[], cwd = REPO): { status: number | null; issues: Issue[]; raw: string } {
  const r = runCli([...args, '--format', 'gitlab', '--today', TODAY], { cwd });
  expect(r.stderr).toBe('');
  return { status: r.status, issues: JSON.parse(r.stdout) as Issue[], raw: r.stdout };
}

const schema = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/gitlab/codeclimate.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true });
const validateIssue = ajv.compile(schema);

const DIRS = ['examples', 'test/fixtures/planted', 'test/fixtures/cli/broken'];

describe('--format gitlab', () => {
  it.each(DIRS)('writes issues GitLab keeps, with the properties its documentation lists, for %s', (dir) => {
    const { issues, raw } = report([dir]);
    // GitLab's parser rejects a byte order mark; the report is a bare JSON array.
    expect(raw.startsWith('[')).toBe(true);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(validateIssue(issue), ajv.errorsText(validateIssue.errors)).toBe(true);
      expect(SEVERITIES).toContain(issue.severity);
      expect(typeof issue.check_name).toBe('string');
      expect(issue.description).not.toMatch(/[\r\n]/);
      // Relative to the working folder (the checkout), forward slashes: GitLab joins it to the commit.
      expect(issue.location.path.startsWith(`${dir}/`) && !issue.location.path.includes('\\'), issue.location.path).toBe(true);
      expect(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1).toBe(true);
      expect(issue.location.lines.end).toBeGreaterThanOrEqual(issue.location.lines.begin);
    }
    // GitLab keeps one issue per fingerprint: two findings must never share one.
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('is checked by a schema that does reject an issue GitLab would drop', () => {
    expect(validateIssue({ description: 'x', fingerprint: 'f', severity: 'major' })).toBe(false);
    expect(validateIssue({ description: 'x', fingerprint: 'f', severity: 'major', location: { path: 'a.md', lines: { begin: '3' } } })).toBe(false);
  });

  it.each(DIRS)('gives each finding the fingerprint, rule, line and severity SARIF gives it, for %s', (dir) => {
    const { issues } = report([dir]);
    const sarif = runCli([dir, '--format', 'sarif', '--today', TODAY]);
    const results = (JSON.parse(sarif.stdout) as { runs: { results: SarifResult[] }[] }).runs[0].results;
    const level = { error: 'major', warning: 'minor', note: 'info' } as Record<string, string>;
    expect(issues.map((i) => [i.fingerprint, i.check_name, i.location.path, i.location.lines.begin, i.severity])).toEqual(
      results.map((r) => [
        r.partialFingerprints['qmslint/v1'],
        r.ruleId,
        decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri),
        r.locations[0].physicalLocation.region.startLine,
        level[r.level],
      ]),
    );
  });

  it('keeps a fingerprint when lines are inserted above the finding', () => {
    const bad = CLEAN_SOP.replace('revision: C', 'revision: B');
    const before = report(['.'], tempDir({ 'docs/sop.md': bad })).issues;
    // Comment lines at the top of the front matter move the revision field down.
    const after = report(['.'], tempDir({ 'docs/sop.md': bad.replace('---\n', '---\n# moved\n# down\n') })).issues;
    const mismatch = (issues: Issue[]) => issues.find((i) => i.check_name === 'revision-mismatch')!;
    expect(mismatch(before).location.path).toBe('docs/sop.md');
    expect(mismatch(after).location.lines.begin).not.toBe(mismatch(before).location.lines.begin);
    expect(mismatch(after).fingerprint).toBe(mismatch(before).fingerprint);
  });

  it('exits 1 on errors and 0 with an empty array on a clean folder, also into a file', () => {
    expect(report(['test/fixtures/cli/broken']).status).toBe(1);
    const clean = report(['test/fixtures/cli/clean']);
    expect(clean).toMatchObject({ status: 0, raw: '[]\n' });
    const dir = tempDir({ '.qmslint.yaml': 'rules:\n  coverage-gap: off\n', 'sop.md': CLEAN_SOP });
    const r = runCli(['sop.md', '--format', 'gitlab', '--today', TODAY, '--output', 'gl-code-quality-report.json'], { cwd: dir });
    expect(r).toMatchObject({ status: 0, stdout: '' });
    expect(JSON.parse(readFileSync(path.join(dir, 'gl-code-quality-report.json'), 'utf8'))).toEqual([]);
  });
});

describe('formatGitlab', () => {
  const finding = (over: Partial<Finding>): Finding => ({
    ruleId: 'revision-mismatch',
    severity: 'error',
    message: 'm',
    path: '/ws/a.md',
    range: { start: 0, end: 1 },
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    ...over,
  });
  const ctx = { cwd: '/ws', color: false, version: '0.0.0', rules };

  it('maps error, warning and info to major, minor and info', () => {
    const results: FileResult[] = [{ path: '/ws/a.md', text: 'abc', findings: (['error', 'warning', 'info'] as const).map((severity, i) => finding({ severity, range: { start: i, end: i + 1 } })) }];
    expect((JSON.parse(formatGitlab(results, ctx)) as Issue[]).map((i) => i.severity)).toEqual(['major', 'minor', 'info']);
  });

  it('puts a message and its detail on one line', () => {
    const results: FileResult[] = [{ path: '/ws/docs/a.md', text: 'x', findings: [finding({ message: 'first\r\nsecond\nthird\rfourth', detail: 'why' })] }];
    const [issue] = JSON.parse(formatGitlab(results, ctx)) as Issue[];
    expect(issue.description).toBe('first second third fourth why');
    expect(issue.location).toEqual({ path: 'docs/a.md', lines: { begin: 1, end: 1 } });
  });
});
