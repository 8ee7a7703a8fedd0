// What users of ESLint and markdownlint-cli2 expect when they get something
// wrong, through the bundled CLI as users and CI spawn it: a pattern that
// selects nothing, files named one by one in a larger repository, impossible
// dates, mistyped options, a report that cannot be written, colour variables,
// the summary's wording and --quiet.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { colorWanted } from '../../server/src/cli/io';
import { main } from '../../server/src/cli/main';
import { CLEAN_SOP } from '../helpers';
import { runCli, type CliOptions } from '../run-cli';
import { cli, memoryIo, runSpawned, TODAY, type Run } from './harness';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) {
    chmodTree(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A workspace on disk that another user may read (the permission test runs the CLI as one). */
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-usage-'));
  made.push(dir);
  chmodSync(dir, 0o755);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function chmodTree(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) chmodTree(path.join(dir, entry.name));
}

/** The CLI spawned with exactly these colour variables (none unless given), as another user if asked. */
function spawnCli(args: string[], options: CliOptions = {}): Run {
  const unset = { NO_COLOR: undefined, FORCE_COLOR: undefined, NODE_DISABLE_COLORS: undefined, TERM: undefined };
  const r = runCli(args, { ...options, env: { ...unset, ...options.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface FileReport {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line: number }[];
}
const json = (r: Run) => JSON.parse(r.stdout) as FileReport[];
const ruleIds = (files: FileReport[]) => files.flatMap((f) => f.messages.map((m) => m.ruleId));
const lint = (cwd: string, ...args: string[]) => runSpawned([...args, '--today', TODAY], { cwd });

/** A clean SOP with another id and, optionally, a paragraph before its revision history. */
const sop = (id: string, paragraph = '') => CLEAN_SOP.replace('SOP-001', id).replace('## Revision History', `${paragraph}\n\n## Revision History`);

/**
 * A small QMS whose documents point at each other across folders: SOP-001
 * names SOP-002 (in records/) and links to a form, and an old copy in
 * archive/ repeats its id. Coverage gaps go to the config file.
 */
function qms(): string {
  return workspace({
    '.qmslint.yaml': 'standard: iso13485:2016\n',
    'sops/sop-001.md': sop('SOP-001', 'Records are kept as SOP-002 requires, on [the form](../forms/frm-001.md).'),
    'records/sop-002.md': sop('SOP-002'),
    'forms/frm-001.md': sop('SOP-003'),
    'archive/sop-001-old.md': sop('SOP-001'),
  });
}

describe('a path or glob that selects no Markdown file', () => {
  // The root of a git work tree whose .gitignore hides build/.
  const dir = workspace({ '.git/HEAD': 'ref: refs/heads/main\n', 'docs/a.md': CLEAN_SOP, 'notes/readme.txt': 'not Markdown\n', 'build/b.md': CLEAN_SOP, '.gitignore': 'build/\n' });

  it('is exit 2 naming the glob, with nothing on stdout', async () => {
    const r = await lint(dir, 'missing/*.md');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'qmslint: no Markdown files match "missing/*.md"; check the pattern (qmslint lints .md and .markdown files)\n' });
  });

  it('is exit 2 for a folder that exists but holds no Markdown, saying so', async () => {
    const r = await lint(dir, 'notes');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'qmslint: no Markdown files under the folder notes (qmslint lints .md and .markdown files); name a folder or file that has some\n' });
  });

  it('says when .gitignore is what hides the files, and how to lint one anyway', async () => {
    const drafts = workspace({ 'drafts/.gitignore': '*.draft.md\n', 'drafts/c.draft.md': CLEAN_SOP });
    const r = await lint(drafts, 'drafts');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qmslint: the one Markdown file under the folder drafts is excluded by .gitignore; name a file to lint it anyway\n');
    expect((await lint(drafts, 'drafts/c.draft.md', '--format', 'json')).code).not.toBe(2);
  });

  it('lints a folder the user names even when a .gitignore above it ignores the folder, as it lints a named file', async () => {
    const r = await lint(dir, 'build', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(json(r).map((f) => path.relative(dir, f.filePath))).toEqual(['build/b.md']);
    // From the root, the root's .gitignore applies.
    expect(json(await lint(dir, '--format', 'json')).map((f) => path.relative(dir, f.filePath))).toEqual(['docs/a.md']);
  });

  it('is exit 2 when one of several patterns matches nothing, naming that one', async () => {
    const r = await lint(dir, 'docs', 'nope/**/*.md', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('qmslint: no Markdown files match "nope/**/*.md"; check the pattern (qmslint lints .md and .markdown files)\n');
    expect((await lint(dir, 'docs', '--format', 'json')).code).toBe(0);
  });

  it('is exit 2 for the current folder without Markdown, and --stdin still lints there', async () => {
    const empty = workspace({ 'notes.txt': 'nothing to lint\n', '.qmslint.yaml': 'rules:\n  coverage-gap: off\n' });
    const r = await lint(empty);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'qmslint: no Markdown files under the current folder (qmslint lints .md and .markdown files); name a folder or file that has some\n' });
    const stdin = await runSpawned(['--stdin', '--today', TODAY], { cwd: empty, stdin: CLEAN_SOP });
    expect(stdin).toEqual({ code: 0, stdout: '✔ 1 file checked, no problems\n', stderr: '' });
  });

  it('is exit 2 for qmslint coverage too', async () => {
    const r = await lint(dir, 'coverage', 'missing/*.md');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"missing/*.md"');
  });
});

describe('files named in a larger repository', () => {
  const dir = qms();
  const whole = lint(dir, '.', '--format', 'json');

  it('are checked against the whole repository: references resolve, duplicate ids are found, as in a whole run', async () => {
    const all = json(await whole);
    const r = await lint(dir, 'sops/sop-001.md', '--format', 'json');
    const one = json(r);
    expect(one.map((f) => f.filePath)).toEqual([path.join(dir, 'sops/sop-001.md')]);
    expect(ruleIds(one)).toContain('id-duplicate');
    expect(ruleIds(one)).not.toContain('doc-reference-unresolved');
    expect(ruleIds(one)).not.toContain('link-broken');
    expect(one[0].messages).toEqual(all.find((f) => f.filePath === one[0].filePath)!.messages);
    expect(r.stderr).toBe('');
  });

  it('leave out the coverage gaps and the coverage summary, which are about the whole repository', async () => {
    expect(ruleIds(json(await whole))).toContain('coverage-gap');
    const one = await lint(dir, 'sops/sop-001.md');
    expect(one.stdout).not.toContain('coverage-gap');
    expect(one.stdout).not.toContain('Clause coverage');
    expect(one.stdout).toContain('sops/sop-001.md');
    expect((await lint(dir)).stdout).toContain('Clause coverage, ISO 13485:2016');
  });

  it('report the config file findings when the config file is named too', async () => {
    const all = json(await whole);
    const r = json(await lint(dir, '.qmslint.yaml', 'sops/sop-001.md', '--format', 'json'));
    expect(r.map((f) => path.relative(dir, f.filePath)).sort()).toEqual(['.qmslint.yaml', 'sops/sop-001.md']);
    for (const f of r) expect(f.messages).toEqual(all.find((a) => a.filePath === f.filePath)!.messages);
  });

  it('from a subfolder of the repository, the default path reports that folder against the whole repository', async () => {
    const all = json(await whole);
    const r = json(await lint(path.join(dir, 'sops'), '--format', 'json'));
    expect(r.map((f) => f.filePath)).toEqual([path.join(dir, 'sops/sop-001.md')]);
    expect(r[0].messages).toEqual(all.find((f) => f.filePath === r[0].filePath)!.messages);
  });

  it('from two repositories at once: each is read whole, and nothing around them', async () => {
    const quiet = 'rules:\n  coverage-gap: off\n';
    const ws = workspace({
      'one/.qmslint.yaml': quiet,
      'one/sops/sop-001.md': sop('SOP-001', 'Records are kept as SOP-002 requires.'),
      'one/sop-002.md': sop('SOP-002'),
      'two/.qmslint.yaml': quiet,
      'two/sop-009.md': sop('SOP-009'),
      // Not part of either: its invalid config would stop a run that read it.
      'other/.qmslint.yaml': 'rules: [\n',
      'other/sop-010.md': sop('SOP-010'),
    });
    const r = await lint(ws, 'one/sops/sop-001.md', 'two/sop-009.md', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(json(r).map((f) => [path.relative(ws, f.filePath), f.messages])).toEqual([
      ['one/sops/sop-001.md', []],
      ['two/sop-009.md', []],
    ]);
  });

  it('without a config, from a subfolder of a git work tree: the work tree is the repository', async () => {
    const ws = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'sops/sop-001.md': sop('SOP-001', 'Records are kept as SOP-002 requires.'),
      'records/sop-002.md': sop('SOP-002'),
    });
    const r = await lint(path.join(ws, 'sops'), 'sop-001.md', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(json(r).map((f) => [path.relative(ws, f.filePath), f.messages])).toEqual([['sops/sop-001.md', []]]);
  });

  it("with --config, that file's folder is the repository of the files inside it", async () => {
    const ws = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'qms/shared.yaml': 'rules:\n  coverage-gap: off\n',
      'qms/sops/sop-001.md': sop('SOP-001', 'Records are kept as SOP-002 requires.'),
      'qms/records/sop-002.md': sop('SOP-002'),
      // Outside the config's folder: another SOP-001 that a whole-tree read would call a duplicate.
      'old/sop-001.md': sop('SOP-001'),
    });
    const r = await lint(path.join(ws, 'qms/sops'), 'sop-001.md', '--config', '../shared.yaml', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(json(r).map((f) => [path.relative(ws, f.filePath), f.messages])).toEqual([['qms/sops/sop-001.md', []]]);
  });

  it('in a repository inside a folder that an outer .gitignore ignores: that repository is still read whole', async () => {
    const ws = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n',
      'build/qms/.qmslint.yaml': 'rules:\n  coverage-gap: off\n',
      'build/qms/sops/sop-001.md': sop('SOP-001', 'Records are kept as SOP-002 requires.'),
      'build/qms/records/sop-002.md': sop('SOP-002'),
    });
    const r = await lint(ws, 'build/qms/sops/sop-001.md', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(json(r).map((f) => [path.relative(ws, f.filePath), f.messages])).toEqual([['build/qms/sops/sop-001.md', []]]);
  });

  it('through a glob: only the files it selects are reported', async () => {
    const r = json(await lint(dir, '{sops,records}/*.md', '--format', 'json'));
    expect(r.map((f) => path.relative(dir, f.filePath))).toEqual(['records/sop-002.md', 'sops/sop-001.md']);
    expect(ruleIds(r)).not.toContain('doc-reference-unresolved');
  });

  it('give the same findings with threads, the cache (cold and warm) and shards', async () => {
    const args = ['sops/sop-001.md', 'records/sop-002.md', '--format', 'json'];
    const plain = await lint(dir, ...args);
    expect(json(plain)).toHaveLength(2);
    const cache = path.join(workspace(), 'cache');
    for (const extra of [['--jobs', '2'], ['--jobs', '1'], ['--cache', '--cache-location', cache], ['--cache', '--cache-location', cache, '--jobs', '2']]) {
      expect(await lint(dir, ...args, ...extra), extra.join(' ')).toEqual(plain);
    }
    const shards = await Promise.all([1, 2].map((i) => lint(dir, ...args, '--shard', `${i}/2`)));
    const union = shards.flatMap((s) => json(s)).sort((a, b) => (a.filePath < b.filePath ? -1 : 1));
    expect(union).toEqual(json(plain));
  });

  it('are linted even when .gitignore or the config ignore them, while a run over the repository skips them', async () => {
    const ws = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.qmslint.yaml': 'ignore: ["scratch.md"]\nrules:\n  coverage-gap: off\n',
      '.gitignore': 'drafts/\n',
      'sop-001.md': CLEAN_SOP,
      'drafts/sop-009.md': sop('SOP-009').replace('revision: C', 'revision: B'),
      'scratch.md': sop('SOP-010').replace('revision: C', 'revision: B'),
    });
    expect(json(await lint(ws, '--format', 'json')).map((f) => path.relative(ws, f.filePath))).toEqual(['sop-001.md']);
    const named = json(await lint(ws, 'drafts/sop-009.md', 'scratch.md', '--format', 'json'));
    expect(named.map((f) => [path.relative(ws, f.filePath), f.messages.map((m) => m.ruleId)])).toEqual([
      ['drafts/sop-009.md', ['revision-mismatch']],
      ['scratch.md', ['revision-mismatch']],
    ]);
    // A glob from the root: the root's .gitignore applies to what it walks.
    const glob = await lint(ws, '**/*.md', '--format', 'json');
    expect(json(glob).map((f) => path.relative(ws, f.filePath))).toEqual(['sop-001.md']);
  });
});

describe('--today', () => {
  it.each(['2026-13-01', '2026-02-31', '2025-02-29', '2026-04-31', '2026-00-10', '2026-01-00'])('%s is not a date: exit 2, one line', async (date) => {
    const r = await runSpawned(['test/fixtures/cli/clean', '--today', date]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^qmslint: --today ${date} is not a date: [^\\n]+; see qmslint --help\\n$`));
  });

  it('names what is wrong with the day', async () => {
    expect((await runSpawned(['--today', '2026-02-31'])).stderr).toBe('qmslint: --today 2026-02-31 is not a date: February 2026 has 28 days; see qmslint --help\n');
    expect((await runSpawned(['--today', '2026-13-01'])).stderr).toBe('qmslint: --today 2026-13-01 is not a date: there is no month 13; see qmslint --help\n');
  });

  it('takes 29 February of a leap year', async () => {
    const r = await runSpawned(['test/fixtures/cli/clean', '--today', '2024-02-29', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).not.toBe(2);
    expect(json(r)).toHaveLength(1);
  });
});

describe('usage errors', () => {
  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['-x', 'examples'], 'unknown option -x'],
    [['--max-warning', '3'], 'unknown option --max-warning (did you mean --max-warnings?)'],
    [['--cahce'], 'unknown option --cahce (did you mean --cache?)'],
    [['--output-file', 'r.txt'], 'unknown option --output-file (did you mean --output?)'],
    [['--format'], '--format needs a value, e.g. --format json'],
    [['examples', '-f'], '-f needs a value, e.g. --format json'],
    [['--format', '--quiet'], '--format needs a value, e.g. --format json'],
    [['--cache=yes'], '--cache takes no value; write --cache alone, not --cache=yes'],
    [['--quiet=false'], '--quiet takes no value; write --quiet alone, not --quiet=false'],
  ])('%j: one line in our own words, then where the options are listed', async (args, problem) => {
    const r = await runSpawned(args);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `qmslint: ${problem}; see qmslint --help\n` });
  });

  it('never prints the whole help text or parseArgs wording', async () => {
    for (const args of [['--bogus'], ['--format'], ['--cache=1'], ['--today', 'tomorrow'], ['--format', 'xml']]) {
      const r = await runSpawned(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/Usage:|positional argument|ERR_PARSE_ARGS|argument is ambiguous/);
    }
  });

  it('--help still prints the whole help, whatever else is on the line', async () => {
    const r = await runSpawned(['--bogus', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: qmslint/);
  });
});

describe('-o FILE that cannot be written', () => {
  const dir = workspace({ 'sop.md': CLEAN_SOP, '.qmslint.yaml': 'rules:\n  coverage-gap: off\n', 'notes.txt': 'a file\n', 'reports/keep.txt': 'a folder\n' });
  const leftovers = () => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.includes('.tmp'));

  it.each([
    ['x/y.txt', 'the folder x does not exist; create it first'],
    ['x/z/y.txt', 'the folder x/z does not exist; create it first'],
    ['reports', 'it is a folder; name a file, such as reports/report.txt'],
    ['notes.txt/r.txt', 'a part of notes.txt is a file, not a folder'],
  ])('-o %s: exit 2 saying why, never an internal error', async (output, why) => {
    const r = await lint(dir, 'sop.md', '-o', output);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `qmslint: cannot write the report to ${output}: ${why}\n` });
    expect(leftovers()).toEqual([]);
  });

  it('-o into a folder the user may not write: permission denied', async () => {
    mkdirSync(path.join(dir, 'locked'), { recursive: true });
    chmodSync(path.join(dir, 'locked'), 0o555);
    // Root may write anywhere: the CLI runs as another user then, from a copy of the bundle
    // that user can read (the clone may sit in a folder only root can enter).
    let other: Pick<CliOptions, 'uid' | 'gid' | 'bundle'> = {};
    if (process.getuid?.() === 0) {
      const bundle = path.join(workspace(), 'cli.js');
      cpSync(cli, bundle);
      chmodSync(bundle, 0o644);
      other = { uid: 65534, gid: 65534, bundle };
    }
    const r = spawnCli(['sop.md', '-o', 'locked/r.txt', '--today', TODAY], { cwd: dir, ...other });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'qmslint: cannot write the report to locked/r.txt: permission denied in the folder locked\n' });
    expect(readdirSync(path.join(dir, 'locked'))).toEqual([]);
  });

  it('-o into a folder that exists writes the report', async () => {
    const r = await lint(dir, 'sop.md', '-o', 'reports/r.txt');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(dir, 'reports/r.txt'), 'utf8')).toMatch(/^✔ 1 file checked, no problems\n/);
  });

  it('a real bug still reaches the internal-error handler', async () => {
    const io = memoryIo({ cwd: dir });
    const broken = (): never => {
      throw new Error('stdout broke');
    };
    io.stdout = { write: broken } as unknown as NodeJS.WritableStream;
    expect(await main(['sop.md', '--today', TODAY], io)).toBe(2);
    expect(io.err()).toBe('qmslint: internal error: stdout broke\nPlease report this with the command you ran.\n');
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  const run = (env: Record<string, string>, ...extra: string[]) => spawnCli(['test/fixtures/cli/clean', '--today', TODAY, ...extra], { env });

  it.each([
    [{}, false],
    [{ FORCE_COLOR: '1' }, true],
    [{ FORCE_COLOR: '' }, true],
    [{ FORCE_COLOR: '2' }, true],
    [{ FORCE_COLOR: '3' }, true],
    [{ FORCE_COLOR: 'true' }, true],
    [{ FORCE_COLOR: '0' }, false],
    [{ FORCE_COLOR: 'false' }, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    [{ NO_COLOR: '1' }, false],
  ])('%j on a pipe: colour %s', async (env, colored) => {
    const r = run(env);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.includes(ESC)).toBe(colored);
    expect(r.stdout.replace(/\u001b\[\d+m/g, '')).toMatch(/^✔ 1 file checked, no problems\n/);
  });

  it('a report written with -o has no colour, even with FORCE_COLOR', async () => {
    const dir = workspace();
    const r = run({ FORCE_COLOR: '1' }, '-o', path.join(dir, 'r.txt'));
    expect(r.code).toBe(0);
    const report = readFileSync(path.join(dir, 'r.txt'), 'utf8');
    expect(report).toMatch(/^✔ 1 file checked, no problems\n/);
    expect(report).not.toContain(ESC);
  });

  it('on a terminal: colour unless NO_COLOR (non-empty), TERM=dumb or FORCE_COLOR=0', () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorWanted({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorWanted({ FORCE_COLOR: '1', TERM: 'dumb' }, false)).toBe(true);
  });
});

describe('the summary line', () => {
  const dir = workspace({
    '.qmslint.yaml': 'rules:\n  coverage-gap: off\n',
    'a.md': CLEAN_SOP.replace('revision: C', 'revision: B'),
    'b.md': sop('SOP-002'),
  });

  it('counts the files with problems, out of those checked', async () => {
    const r = await lint(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('\n✖ 1 problem (1 error, 0 warnings) in 1 of 2 files\n');
  });

  it('says "1 file" for one file', async () => {
    expect((await lint(dir, 'a.md')).stdout).toContain('\n✖ 1 problem (1 error, 0 warnings) in 1 file\n');
    expect((await lint(dir, 'b.md')).stdout).toBe('✔ 1 file checked, no problems\n');
  });
});

describe('--quiet', () => {
  it('prints errors only: no warnings and no coverage summary', async () => {
    const dir = qms();
    const loud = await lint(dir);
    expect(loud.stdout).toContain('warning');
    expect(loud.stdout).toContain('Clause coverage');
    const quiet = await lint(dir, '--quiet');
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toContain('id-duplicate');
    expect(quiet.stdout).not.toContain('warning  ');
    expect(quiet.stdout).not.toContain('Clause coverage');
    expect(quiet.stdout).toMatch(/✖ 2 problems \(2 errors, 0 warnings\) in 2 of \d+ files\n$/);
  });

  it('still counts the warnings it hides for --max-warnings, as ESLint does, and says so', async () => {
    const r = await runSpawned(['test/fixtures/cli/clean', '--quiet', '--max-warnings', '0', '--today', '2029-01-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('✔ 1 file checked, no problems\n'); // and no coverage summary
    expect(r.stderr).toBe('qmslint: 1 warning (not shown with --quiet), more than --max-warnings 0 allows.\n');
  });
});
