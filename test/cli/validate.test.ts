// `qmslint validate`, through the bundled CLI: the shipped conformance suite passes; a copy of the
// bundle beside a copy of the suite (so the real lookup, out/cli.js -> ../conformance, is used)
// fails, naming the rule and the case, when one expected finding, one expected fixed text or one
// rule's only case is wrong or gone; the hashes are those of the files; the user's configuration
// turning a rule off or changing its severity is shown; bad input exits 2 with one line.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../server/src/core/rules';
import { CLI, REPO, runCli } from '../run-cli';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** out/cli.js (and out/server.js unless left out) and conformance/ copied into a new folder. */
function copyKit(options: { server?: boolean } = {}): { dir: string; bundle: string } {
  const dir = tempDir('qmslint-kit-');
  mkdirSync(join(dir, 'out'));
  copyFileSync(CLI, join(dir, 'out/cli.js'));
  if (options.server !== false) copyFileSync(join(REPO, 'out/server.js'), join(dir, 'out/server.js'));
  cpSync(join(REPO, 'conformance'), join(dir, 'conformance'), { recursive: true });
  return { dir, bundle: join(dir, 'out/cli.js') };
}

interface Report {
  verdict: string;
  cli: { path: string; sha256: string | null };
  server: { path: string; sha256: string | null };
  configuration: { path: string; sha256: string; rules: { id: string; setting: string }[] } | null;
  rules: { id: string; inForce: string; defaults: string; yours: string | null; problems: string[]; cases: string[] }[];
  cases: { name: string; defaults: { status: string; problems: string[] }; yours: { status: string; problems: string[] } | null }[];
  signatures: { role: string; name: string }[];
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A folder with no configuration of its own (tmpdir has none above it). */
const plainCwd = () => tempDir('qmslint-validate-cwd-');

describe('qmslint validate on the shipped suite', () => {
  it('passes every rule of the catalog under the built-in defaults (exit 0)', () => {
    const r = runCli(['validate', '--format', 'json'], { cwd: plainCwd() });
    expect(r.stderr).toContain('validation PASS');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.verdict).toBe('pass');
    expect(report.rules.filter((x) => x.defaults !== 'pass')).toEqual([]);
    expect(report.configuration).toBeNull();
    expect(report.signatures.map((s) => [s.role, s.name])).toEqual([
      ['Reviewer', ''],
      ['Approver', ''],
    ]);
  });

  it('writes markdown by default, with the catalog, the cases and an empty signature block', () => {
    const r = runCli(['validate'], { cwd: plainCwd() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# qmslint validation report/);
    expect(r.stdout).toContain('| link-broken | document | no | warning | warning | link-broken | pass | no configuration |');
    expect(r.stdout).toContain('| Reviewer |  |  |  |  |');
    expect(r.stdout).toContain('ISO 13485:2016 4.1.6');
  });
});

describe('qmslint validate from a copy of the bundle beside a copy of the suite', () => {
  it('reports the sha256 of the running bundle and of the server bundle beside it', () => {
    const kit = copyKit();
    const r = runCli(['validate', '--format', 'json'], { bundle: kit.bundle, cwd: plainCwd() });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.cli).toEqual({ path: kit.bundle, sha256: sha256(kit.bundle) });
    expect(report.server).toEqual({ path: join(kit.dir, 'out/server.js'), sha256: sha256(join(kit.dir, 'out/server.js')) });
  });

  it('says the server bundle is not present when it is not', () => {
    const kit = copyKit({ server: false });
    const r = runCli(['validate'], { bundle: kit.bundle, cwd: plainCwd() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`| Server bundle | ${join(kit.dir, 'out/server.js')} (not present) |`);
  });

  it('fails (exit 1) naming the rule and the case when one expected finding is wrong', () => {
    const kit = copyKit();
    const file = join(kit.dir, 'conformance/revision-mismatch/expected.json');
    const expected = JSON.parse(readFileSync(file, 'utf8'));
    expected.findings[0].line += 1;
    writeFileSync(file, JSON.stringify(expected));
    const r = runCli(['validate', '--format', 'json'], { bundle: kit.bundle, cwd: plainCwd() });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`validation FAIL: ${rules.length - 1} of ${rules.length} rules pass`);
    const report = JSON.parse(r.stdout) as Report;
    const rule = report.rules.find((x) => x.id === 'revision-mismatch')!;
    expect(rule.defaults).toBe('fail');
    expect(rule.problems).toEqual(['case revision-mismatch fails under the built-in defaults']);
    const c = report.cases.find((x) => x.name === 'revision-mismatch')!;
    expect(c.defaults.problems[0]).toMatch(/^expected error revision-mismatch at revision-mismatch\.md:6:11 .*the run gave error at 5:11/);
    expect(report.rules.filter((x) => x.defaults !== 'pass').map((x) => x.id)).toEqual(['revision-mismatch']);
  });

  it('fails when the text a fix leaves differs from the expected fixed text', () => {
    const kit = copyKit();
    const file = join(kit.dir, 'conformance/field-invalid/expected-fixed.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: effective', 'status: approved'));
    const r = runCli(['validate'], { bundle: kit.bundle, cwd: plainCwd() });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('- field-invalid: case field-invalid fails under the built-in defaults');
    expect(r.stdout).toMatch(/built-in defaults: the fixed text of field-invalid\.md differs from expected-fixed\.md at line 6: expected "status: approved", the fixes gave "status: effective"/);
  });

  it('fails when a rule of the catalog has no case, naming it as not covered', () => {
    const kit = copyKit();
    rmSync(join(kit.dir, 'conformance/link-broken'), { recursive: true });
    const r = runCli(['validate', '--format', 'json'], { bundle: kit.bundle, cwd: plainCwd() });
    expect(r.status).toBe(1);
    const rule = (JSON.parse(r.stdout) as Report).rules.find((x) => x.id === 'link-broken')!;
    expect(rule).toMatchObject({ defaults: 'not covered', cases: [], problems: ['no conformance case covers this rule'] });
  });

  it('fails when a fixable rule has no case that checks its fix, and when a fix changes a file the case expects unchanged', () => {
    const kit = copyKit();
    const file = join(kit.dir, 'conformance/revision-mismatch/expected.json');
    const expected = JSON.parse(readFileSync(file, 'utf8'));
    delete expected.fixed;
    writeFileSync(file, JSON.stringify(expected));
    const r = runCli(['validate', '--format', 'json'], { bundle: kit.bundle, cwd: plainCwd() });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.rules.find((x) => x.id === 'revision-mismatch')).toMatchObject({
      defaults: 'fail',
      problems: ['no conformance case checks the text its fix leaves', 'case revision-mismatch fails under the built-in defaults'],
    });
    expect(report.cases.find((x) => x.name === 'revision-mismatch')!.defaults.problems).toEqual([
      'the fixes changed revision-mismatch.md, which the case expects unchanged (it names no expected fixed text for it)',
    ]);
  });

  it('stops (exit 2) on an expected.json that is not JSON, naming the file and line', () => {
    const kit = copyKit();
    writeFileSync(join(kit.dir, 'conformance/link-broken/expected.json'), '{\n  "rules": ["link-broken"],\n  oops\n}\n');
    const r = runCli(['validate'], { bundle: kit.bundle, cwd: plainCwd() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^qmslint: ${kit.dir}/conformance/link-broken/expected\\.json:3:3: not valid JSON \\(.+\\); fix the file or reinstall qmslint\n$`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stops (exit 2) when the suite is not beside the bundle', () => {
    const kit = copyKit();
    rmSync(join(kit.dir, 'conformance'), { recursive: true });
    const r = runCli(['validate'], { bundle: kit.bundle, cwd: plainCwd() });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`qmslint: the conformance suite is missing: no folder ${join(kit.dir, 'conformance')} beside this qmslint; reinstall qmslint\n`);
  });

  it('escapes what the suite says in the HTML page, which loads nothing and runs no script', () => {
    const kit = copyKit();
    const file = join(kit.dir, 'conformance/link-broken/expected.json');
    const expected = JSON.parse(readFileSync(file, 'utf8'));
    expected.description = 'A <img src=x onerror=alert(1)> case';
    writeFileSync(file, JSON.stringify(expected));
    const r = runCli(['validate', '--format', 'html'], { bundle: kit.bundle, cwd: plainCwd() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('A &#60;img src=x onerror=alert(1)&#62; case');
    expect(r.stdout).not.toContain('<img');
    expect(r.stdout).not.toContain('<script');
    expect(r.stdout).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; base-uri 'none'; form-action 'none'">/);
  });
});

describe('qmslint validate under the user\'s configuration', () => {
  const CONFIG = 'rules:\n  link-broken: off\n  review-overdue: error\n';

  it('shows a rule the configuration turns off, runs a changed severity, and reports the file and its sha256', () => {
    const cwd = plainCwd();
    writeFileSync(join(cwd, '.qmslint.yaml'), CONFIG);
    const r = runCli(['validate', '--format', 'json'], { cwd });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.configuration).toMatchObject({ path: '.qmslint.yaml', sha256: sha256(join(cwd, '.qmslint.yaml')) });
    expect(report.rules.find((x) => x.id === 'link-broken')).toMatchObject({ inForce: 'off', defaults: 'pass', yours: 'off' });
    expect(report.cases.find((x) => x.name === 'link-broken')!.yours).toEqual({ status: 'off', problems: ['off in your configuration: link-broken'] });
    expect(report.rules.find((x) => x.id === 'review-overdue')).toMatchObject({ inForce: 'error', defaults: 'pass', yours: 'pass' });
    const md = runCli(['validate'], { cwd });
    expect(md.stdout).toContain('| link-broken | document | no | warning | off | link-broken | pass | off in your configuration |');
    expect(md.stdout).toContain('| review-overdue | error | - |');
    expect(md.stdout).toContain('| review-overdue | document | no | warning | error | review-overdue | pass | pass |');
  });

  it('fails under the configuration too when an expectation is wrong (--config FILE)', () => {
    const kit = copyKit();
    const file = join(kit.dir, 'conformance/review-overdue/expected.json');
    const expected = JSON.parse(readFileSync(file, 'utf8'));
    expected.findings[0].message = 'Periodic review overdue since 1999';
    writeFileSync(file, JSON.stringify(expected));
    const cwd = plainCwd();
    writeFileSync(join(cwd, 'qms.yaml'), CONFIG);
    const r = runCli(['validate', '--format', 'json', '--config', 'qms.yaml'], { bundle: kit.bundle, cwd });
    expect(r.status).toBe(1);
    const rule = (JSON.parse(r.stdout) as Report).rules.find((x) => x.id === 'review-overdue')!;
    expect(rule).toMatchObject({ defaults: 'fail', yours: 'fail' });
    expect(rule.problems).toContain('case review-overdue fails under your configuration');
  });

  it('shows a case whose expectation holds for the default options only as not applicable when the configuration sets options, printing them escaped', () => {
    const cwd = plainCwd();
    writeFileSync(join(cwd, '.qmslint.yaml'), 'rules:\n  clause-reference-missing: [warning, {types: ["SOP\\e]0;owned\\a", "WI"]}]\n');
    const r = runCli(['validate', '--format', 'json'], { cwd });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.rules.find((x) => x.id === 'clause-reference-missing')).toMatchObject({ defaults: 'pass', yours: 'not applicable' });
    expect(report.cases.find((x) => x.name === 'clause-reference-missing')!.yours!.status).toBe('not applicable');
    const md = runCli(['validate'], { cwd }).stdout;
    expect(md).not.toMatch(/[\u001b\u0007]/);
    expect(md).toContain('| clause-reference-missing | warning | {"types":\\["SOP\\\\u001b\\]0;owned\\\\u0007","WI"\\]} |');
  });

  it('stops (exit 2) on a configuration naming no rule qmslint has', () => {
    const cwd = plainCwd();
    writeFileSync(join(cwd, '.qmslint.yaml'), 'rules:\n  link-brokn: off\n');
    const r = runCli(['validate'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^qmslint: invalid configuration: .*\.qmslint\.yaml:2:3: rules\.link-brokn: unknown rule; did you mean link-broken\?\n$/);
  });
});

describe('qmslint validate: usage', () => {
  it('refuses an unknown format (exit 2, one line)', () => {
    const r = runCli(['validate', '--format', 'sarif'], { cwd: plainCwd() });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('qmslint: unknown format "sarif"; use one of: markdown, html, json; see qmslint --help\n');
  });

  it('refuses paths: it runs the suite shipped with qmslint', () => {
    const r = runCli(['validate', 'docs'], { cwd: plainCwd() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"validate" runs the conformance suite shipped with qmslint and takes no paths');
  });

  it('writes the report to -o FILE', () => {
    const cwd = plainCwd();
    const r = runCli(['validate', '-o', 'validation.html', '--format', 'html'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(cwd, 'validation.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });
});
