// One table of CLI cases, each run twice: in-process through main() and as
// the spawned bundled binary. Both must give the same exit code, standard
// output and standard error; then the case checks what it is about.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { repo, runInProcess, runSpawned, TODAY, type Run } from './harness';

const fixtures = 'test/fixtures/cli';
const planted = 'test/fixtures/planted';
const outDir = mkdtempSync(path.join(tmpdir(), 'qmslint-cases-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

interface Case {
  name: string;
  args: string[];
  /** Working folder relative to the repository. */
  cwd?: string;
  stdin?: string;
  code: number;
  /** --output FILE: read (and removed) after each run, checked as `report`. */
  output?: string;
  check?(run: Run & { report?: string }): void;
}

const githubLine = /^::(error|warning|notice) file=[^,:]+,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=[a-z-]+::.+$/;
const sarif = (s: string) => JSON.parse(s) as { version: string; runs: { results: { ruleId: string; level: string }[] }[] };
const jsonFiles = (s: string) => JSON.parse(s) as { filePath: string; messages: { ruleId: string; severity: number }[] }[];
const plantedText = (name: string) => readFileSync(path.join(repo, planted, name), 'utf8');

const cases: Case[] = [
  {
    name: 'stylish on a clean document',
    args: [`${fixtures}/clean`, '--today', TODAY],
    code: 0,
    check: (r) => expect(r.stdout).toContain('✔ 1 file checked, no problems'),
  },
  {
    name: 'json on a clean document',
    args: [`${fixtures}/clean`, '--format', 'json', '--today', TODAY],
    code: 0,
    check: (r) => expect(jsonFiles(r.stdout)).toMatchObject([{ filePath: `${repo}${fixtures}/clean/sop-001.md`, messages: [] }]),
  },
  {
    name: 'sarif on a clean document has no results',
    args: [`${fixtures}/clean`, '--format', 'sarif', '--today', TODAY],
    code: 0,
    check: (r) => expect(sarif(r.stdout).runs[0].results).toEqual([]),
  },
  {
    name: 'sarif on broken input: notices are results like any other',
    args: [`${fixtures}/broken`, '--format', 'sarif', '--today', TODAY],
    code: 1,
    check: (r) => {
      const results = sarif(r.stdout).runs[0].results;
      expect(results).toContainEqual(expect.objectContaining({ ruleId: 'file-binary', level: 'note' }));
      expect(results).toContainEqual(expect.objectContaining({ ruleId: 'front-matter-syntax', level: 'error' }));
    },
  },
  {
    name: 'stylish on the planted defects',
    args: [planted, '--today', TODAY],
    code: 1,
    check: (r) => {
      expect(r.stdout).toMatch(/revision-mismatch/);
      expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings/);
    },
  },
  {
    name: 'json on the planted defects',
    args: [planted, '--format', 'json', '--today', TODAY],
    code: 1,
    check: (r) => expect(jsonFiles(r.stdout).find((f) => f.filePath.endsWith('/revision-mismatch.md'))?.messages.map((m) => m.ruleId)).toEqual(['revision-mismatch']),
  },
  {
    name: 'sarif on the planted defects',
    args: [planted, '--format', 'sarif', '--today', TODAY],
    code: 1,
    check: (r) => {
      const log = sarif(r.stdout);
      expect(log.version).toBe('2.1.0');
      expect(log.runs[0].results.map((x) => x.ruleId)).toContain('revision-mismatch');
    },
  },
  {
    name: 'github annotations on the planted defects',
    args: [planted, '--format', 'github', '--today', TODAY],
    code: 1,
    check: (r) => {
      const lines = r.stdout.trimEnd().split('\n');
      for (const line of lines) expect(line).toMatch(githubLine);
      expect(lines).toContain(
        '::error file=test/fixtures/planted/revision-mismatch.md,line=5,endLine=5,col=11,endColumn=12,title=revision-mismatch::' +
          'Revision B differs from the newest history row, C (ISO 13485:2016 4.2.4 c)). Front matter says revision B, but the newest Revision History row is C. ISO 13485:2016 4.2.4 c) requires the current revision status to be identified. Set revision: C.',
      );
      expect(lines.some((l) => l.startsWith('::warning file=test/fixtures/planted/.qmslint.yaml,'))).toBe(true);
    },
  },
  {
    name: 'junit on the planted defects',
    args: [planted, '--format', 'junit', '--today', TODAY],
    code: 1,
    check: (r) => {
      expect(XMLValidator.validate(r.stdout)).toBe(true);
      expect(r.stdout).toContain('<testsuite name="test/fixtures/planted/clean-a.md" tests="1" failures="0" errors="0" skipped="0">');
      expect(r.stdout).toContain('<testcase classname="revision-mismatch" name="5:11 revision-mismatch"');
      expect(r.stdout).toContain('type="error"');
    },
  },
  {
    name: 'junit on a clean document: one passing test case',
    args: [`${fixtures}/clean`, '--format', 'junit', '--today', TODAY],
    code: 0,
    check: (r) => {
      expect(XMLValidator.validate(r.stdout)).toBe(true);
      expect(r.stdout).toContain('<testsuites name="qmslint" tests="1" failures="0" errors="0">');
      expect(r.stdout).not.toContain('<failure');
    },
  },
  {
    name: 'sarif on the examples',
    args: ['examples', '--format', 'sarif', '--today', TODAY],
    code: 1,
  },
  {
    name: '--quiet leaves the warnings out',
    args: [planted, '--quiet', '--format', 'json', '--today', TODAY],
    code: 1,
    check: (r) => {
      const messages = jsonFiles(r.stdout).flatMap((f) => f.messages);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.every((m) => m.severity === 2)).toBe(true);
    },
  },
  {
    name: '--quiet on warnings only: no problems shown, exit 0',
    args: [`${fixtures}/clean`, '-q', '--today', '2029-01-01'],
    code: 0,
    check: (r) => expect(r.stdout).toContain('no problems'),
  },
  {
    name: 'warnings alone exit 0',
    args: [`${fixtures}/clean`, '--format', 'github', '--today', '2029-01-01'],
    code: 0,
    check: (r) => expect(r.stdout).toMatch(/^::warning file=test\/fixtures\/cli\/clean\/sop-001\.md,line=14,.*title=review-overdue::Periodic review overdue/),
  },
  {
    name: '--max-warnings 0 fails on one warning',
    args: [`${fixtures}/clean`, '--max-warnings', '0', '--format', 'json', '--today', '2029-01-01'],
    code: 1,
    check: (r) => expect(r.stderr).toBe('qmslint: 1 warning, more than --max-warnings 0 allows.\n'),
  },
  {
    name: '--max-warnings 1000 lets them pass',
    args: [`${fixtures}/clean`, '--max-warnings', '1000', '--format', 'json', '--today', '2029-01-01'],
    code: 0,
    check: (r) => expect(r.stderr).toBe(''),
  },
  {
    name: '--max-warnings does not excuse errors',
    args: [planted, '--max-warnings', '1000', '--format', 'json', '--today', TODAY],
    code: 1,
  },
  {
    name: '--output writes the report to the file, nothing to stdout',
    args: [planted, '--format', 'sarif', '--output', path.join(outDir, 'report.sarif'), '--today', TODAY],
    output: path.join(outDir, 'report.sarif'),
    code: 1,
    check: (r) => {
      expect(r.stdout).toBe('');
      expect(sarif(r.report!).runs[0].results.length).toBeGreaterThan(0);
    },
  },
  {
    name: '--output with junit',
    args: [`${fixtures}/clean`, '-f', 'junit', '-o', path.join(outDir, 'report.xml'), '--today', TODAY],
    output: path.join(outDir, 'report.xml'),
    code: 0,
    check: (r) => {
      expect(r.stdout).toBe('');
      expect(XMLValidator.validate(r.report!)).toBe(true);
    },
  },
  {
    name: '--stdin with --stdin-filename lints the text as that file, with its config and neighbours from disk',
    args: ['--stdin', '--stdin-filename', 'revision-mismatch.md', '--format', 'json', '--today', TODAY],
    cwd: planted,
    stdin: plantedText('revision-mismatch.md'),
    code: 1,
    check: (r) => {
      const files = jsonFiles(r.stdout);
      expect(files.map((f) => f.filePath)).toEqual([`${repo}${planted}/revision-mismatch.md`]);
      expect(files[0].messages.map((m) => m.ruleId)).toEqual(['revision-mismatch']);
    },
  },
  {
    name: '--stdin reads the text, not the file on disk',
    args: ['--stdin', '--stdin-filename', 'revision-mismatch.md', '--format', 'github', '--today', TODAY],
    cwd: planted,
    stdin: plantedText('revision-mismatch.md').replace('revision: B', 'revision: C'),
    code: 0,
    check: (r) => expect(r.stdout).toBe(''),
  },
  {
    name: '--stdin without a name is <stdin>.md in the working folder, and other documents are still indexed',
    args: ['--stdin', '--format', 'github', '--today', TODAY],
    cwd: `${fixtures}/clean`,
    stdin: readFileSync(path.join(repo, fixtures, 'clean/sop-001.md'), 'utf8'),
    code: 1,
    check: (r) => {
      expect(r.stdout).toMatch(/^::error file=<stdin>\.md,line=\d+,.*title=id-duplicate::SOP-001 is also the id of sop-001\.md/);
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    },
  },
  {
    name: '--stdin with stylish: the document alone, no workspace coverage summary',
    args: ['--stdin', '--stdin-filename', 'docs/new.md', '--today', TODAY],
    cwd: `${fixtures}/clean`,
    stdin: readFileSync(path.join(repo, fixtures, 'clean/sop-001.md'), 'utf8').replace('SOP-001', 'SOP-002'),
    code: 0,
    check: (r) => {
      expect(r.stdout).toBe('✔ 1 file checked, no problems\n');
      expect(r.stderr).toBe('');
    },
  },
  { name: 'an unknown format is a usage error', args: ['--format', 'xml'], code: 2, check: (r) => expect(r.stderr).toMatch(/unknown format "xml"; use one of: stylish, json, sarif, github, junit/) },
  { name: 'an unknown option is a usage error', args: ['--frobnicate'], code: 2, check: (r) => expect(r.stderr).toBe('qmslint: unknown option --frobnicate; see qmslint --help\n') },
  { name: '--max-warnings needs a count', args: ['--max-warnings', 'many'], code: 2, check: (r) => expect(r.stderr).toContain('--max-warnings must be a whole number') },
  { name: '--stdin-filename needs --stdin', args: ['--stdin-filename', 'a.md'], code: 2, check: (r) => expect(r.stderr).toContain('--stdin-filename goes with --stdin') },
  { name: '--stdin takes no paths', args: ['--stdin', 'examples'], code: 2, check: (r) => expect(r.stderr).toContain('give no paths with it') },
  { name: 'a path that does not exist', args: ['no/such/folder', '--format', 'sarif'], code: 2, check: (r) => expect(r.stdout).toBe('') },
];

describe('CLI cases, in-process and spawned', () => {
  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const options = { cwd: c.cwd ? path.join(repo, c.cwd) : repo, stdin: c.stdin };
    const take = (run: Run) => {
      if (!c.output) return run;
      const report = readFileSync(c.output, 'utf8');
      rmSync(c.output);
      return { ...run, report };
    };
    const inProcess = take(await runInProcess(c.args, options));
    const spawned = take(await runSpawned(c.args, options));
    expect(spawned).toEqual(inProcess);
    expect(inProcess.code).toBe(c.code);
    c.check?.(inProcess);
  });
});
