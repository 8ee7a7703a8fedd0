// Issue 14, points 1-3: every file qmslint writes (the -o report, --cache
// entries, --fix) is written so that a hostile repository cannot redirect the
// write: no predictable temporary name that a committed symbolic link could
// stand at, no -o onto a linted file, a folder, a FIFO or a link, and --fix
// never loses an edit made meanwhile, keeps hard links and untouched line endings.
import { spawn, execFileSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChangedMeanwhileError, whyNotFixable, writeFileAtomic } from '../../server/src/cli/write-file';
import { CLEAN_SOP, TODAY } from '../helpers';
import { CLI, cliEnv, runCli } from '../run-cli';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function setUp(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-write-'));
  temps.push(dir);
  writeFileSync(path.join(dir, '.qmslint.yaml'), 'documents: ["**/*.md"]\n');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** CLEAN_SOP with one fixable defect (revision B while the history says C). */
const DEFECTIVE = CLEAN_SOP.replace('revision: C', 'revision: B');

/**
 * Runs the CLI under a process id known before it starts: a shell waits for a
 * line on standard input, then execs node (same pid). `plant` runs meanwhile,
 * as a hostile repository's committed links would already be there.
 */
function runWithKnownPid(args: string[], cwd: string, plant: (pid: number) => void): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('/bin/sh', ['-c', `read go; exec ${quoted}`], { cwd, env: cliEnv(), stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
    plant(child.pid!);
    child.stdin.end('go\n');
  });
}

describe('no write follows a link planted at a temporary name', () => {
  it('-o: a link at .<out>.<pid>.tmp is not written through', async () => {
    const dir = setUp({ 'sop.md': CLEAN_SOP });
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const r = await runWithKnownPid(['sop.md', '-o', 'report.txt', '--today', TODAY], dir, (pid) => {
      symlinkSync(victim, path.join(dir, `.report.txt.${pid}.tmp`));
    });
    expect(r.stderr).not.toMatch(/internal error/i);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).toContain('sop.md');
  });

  it('--cache: a link at <entry>.bin.<pid>.tmp is not written through', async () => {
    const dir = setUp({ 'sop.md': CLEAN_SOP });
    const cache = path.join(dir, 'cache');
    // A first run shows the entry names (they are predictable from the paths); then the cache is emptied.
    expect(runCli(['sop.md', '--cache-location', cache, '--today', TODAY], { cwd: dir }).status).not.toBe(2);
    const entries = readdirSync(cache).filter((n) => n.endsWith('.bin'));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) rmSync(path.join(cache, e));
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    await runWithKnownPid(['sop.md', '--cache-location', cache, '--today', TODAY], dir, (pid) => {
      for (const e of entries) symlinkSync(victim, path.join(cache, `${e}.${pid}.tmp`));
    });
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    for (const e of entries) expect(lstatSync(path.join(cache, e)).isFile()).toBe(true);
  });
});

describe('-o refuses what is not a plain report file', () => {
  const refused = (dir: string, out: string) => {
    const r = runCli(['sop.md', '-o', out, '--today', TODAY], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`cannot write the report to ${out}`);
    expect(r.stderr).not.toMatch(/internal error/i);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.includes('qmslint-tmp'))).toEqual([]);
    return r.stderr;
  };

  it('a file being linted', () => {
    const dir = setUp({ 'sop.md': CLEAN_SOP });
    expect(refused(dir, 'sop.md')).toContain('it is a file being linted');
    expect(readFileSync(path.join(dir, 'sop.md'), 'utf8')).toBe(CLEAN_SOP);
  });

  it('a folder', () => {
    const dir = setUp({ 'sop.md': CLEAN_SOP, 'out/keep.txt': 'x' });
    expect(refused(dir, 'out')).toContain('it is a folder');
    expect(readFileSync(path.join(dir, 'out/keep.txt'), 'utf8')).toBe('x');
  });

  it('a FIFO', () => {
    const dir = setUp({ 'sop.md': CLEAN_SOP });
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    expect(refused(dir, 'pipe')).toContain('not a regular file');
    expect(lstatSync(path.join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it('a symbolic link', () => {
    const dir = setUp({ 'sop.md': CLEAN_SOP, 'elsewhere.txt': 'precious\n' });
    symlinkSync('elsewhere.txt', path.join(dir, 'report.txt'));
    expect(refused(dir, 'report.txt')).toContain('symbolic link');
    expect(lstatSync(path.join(dir, 'report.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'elsewhere.txt'), 'utf8')).toBe('precious\n');
  });

  it('still writes a plain file, and replaces an old report', () => {
    const dir = setUp({ 'sop.md': CLEAN_SOP, 'report.txt': 'old' });
    const r = runCli(['sop.md', '-o', 'report.txt', '--today', TODAY], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).not.toBe('old');
  });
});

describe('--fix keeps what is not its own', () => {
  it('a file with two hard links is fixed in place: both names see the fix', () => {
    const dir = setUp({ 'sop.md': DEFECTIVE });
    linkSync(path.join(dir, 'sop.md'), path.join(dir, 'other-name.txt'));
    const ino = statSync(path.join(dir, 'sop.md')).ino;
    const r = runCli(['sop.md', '--fix', '--today', TODAY], { cwd: dir });
    expect(r.stderr).toContain('fixed 1 problem in 1 file');
    expect(statSync(path.join(dir, 'sop.md')).ino).toBe(ino);
    expect(statSync(path.join(dir, 'sop.md')).nlink).toBe(2);
    expect(readFileSync(path.join(dir, 'other-name.txt'), 'utf8')).toContain('revision: C');
  });

  it('a mixed-EOL file keeps every line ending no fix touched', () => {
    // Mostly CRLF, but the last line ends in LF: the added history section is CRLF, the old LF stays.
    const body = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('## Revision History')).replace('status: effective', 'status: draft').trimEnd();
    const text = body.replace(/\n/g, '\r\n') + '\n';
    const dir = setUp({ 'sop.md': text });
    const r = runCli(['sop.md', '--fix', '--today', TODAY], { cwd: dir });
    expect(r.stderr).toMatch(/fixed \d+ problems? in 1 file/);
    const out = readFileSync(path.join(dir, 'sop.md'), 'latin1');
    const last = Buffer.from(body, 'utf8').toString('latin1').split('\n').at(-1)!;
    expect(out).toContain(`${last}\n`);
    expect(out).not.toContain(`${last}\r\n`);
    expect(out).toContain('## Revision History\r\n');
  });

  it('a file that changes before the write is left as changed, and the change is named as such', () => {
    const dir = setUp({ 'sop.md': 'old\n' });
    const file = path.join(dir, 'sop.md');
    const before = readFileSync(file);
    writeFileSync(file, 'edited meanwhile\n');
    expect(() => writeFileAtomic(file, 'fixed\n', { expect: before })).toThrow(ChangedMeanwhileError);
    expect(readFileSync(file, 'utf8')).toBe('edited meanwhile\n');
    expect(readdirSync(dir).filter((n) => n.includes('qmslint-tmp'))).toEqual([]);
    // Read twice and found different: a concurrent change, not an encoding problem.
    expect(whyNotFixable(Buffer.from('edited meanwhile\n'), 'old\n')).toMatch(/changed on disk/);
    expect(whyNotFixable(Buffer.from([0x61, 0xff, 0x0a]), 'a\ufffd\n')).toBe('it is not valid UTF-8');
  });

  it('the same hard-linked file, changed before the in-place write, is left as changed', () => {
    const dir = setUp({ 'sop.md': 'old\n' });
    const file = path.join(dir, 'sop.md');
    linkSync(file, path.join(dir, 'twin.md'));
    const before = readFileSync(file);
    writeFileSync(file, 'edited meanwhile\n');
    expect(() => writeFileAtomic(file, 'fixed\n', { expect: before, keepIdentity: true })).toThrow(ChangedMeanwhileError);
    expect(readFileSync(path.join(dir, 'twin.md'), 'utf8')).toBe('edited meanwhile\n');
  });

  it('-o over a report that has a second hard link replaces the name only, never the other file', () => {
    const dir = setUp({ 'sop.md': CLEAN_SOP, 'elsewhere.txt': 'precious\n' });
    linkSync(path.join(dir, 'elsewhere.txt'), path.join(dir, 'report.txt'));
    const r = runCli(['sop.md', '-o', 'report.txt', '--today', TODAY], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'elsewhere.txt'), 'utf8')).toBe('precious\n');
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).toContain('sop.md');
  });

  it('the writer makes its temporary file exclusively, with a random name, and leaves none behind', () => {
    const dir = setUp({});
    const file = path.join(dir, 'new.txt');
    writeFileAtomic(file, 'a');
    writeFileAtomic(file, 'b');
    expect(readFileSync(file, 'utf8')).toBe('b');
    expect(readdirSync(dir).sort()).toEqual(['.qmslint.yaml', 'new.txt']);
    expect(existsSync(path.join(dir, 'missing', 'x'))).toBe(false);
    expect(() => writeFileAtomic(path.join(dir, 'missing', 'x'), 'a')).toThrow();
  });
});
