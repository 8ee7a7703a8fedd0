// Issue 14, point 3: --fix keeps a document's extended attributes (which also
// hold ACLs and SELinux labels). Node has no API for them, so qmslint lists them
// with getfattr (Debian's `attr` package) and rewrites a file that has any in
// place, after saving its old bytes to a backup beside it; a file without any is
// still replaced atomically by rename. The getfattr it runs is never one the
// repository could have put on PATH (node_modules/.bin, relative entries).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, tempWorkspace, TODAY } from '../helpers';
import { runCli } from '../run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** CLEAN_SOP with one fixable defect (revision B while the history says C). */
const DEFECTIVE = CLEAN_SOP.replace('revision: C', 'revision: B');

function workspace(files: Record<string, string>): string {
  const dir = tempWorkspace({ '.qmslint.yaml': 'documents: ["**/*.md"]\n', ...files }, 'qmslint-xattr-');
  dirs.push(dir);
  return dir;
}

/** Runs an `attr` package tool; the test needs them (.ci/run installs the package). */
function attrTool(name: 'getfattr' | 'setfattr', args: string[]): string {
  try {
    return execFileSync(name, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${name} not found: install the Debian package attr (apt-get install -y attr)`);
    throw e;
  }
}

const setAttribute = (file: string, name: string, value: string) => attrTool('setfattr', ['-n', name, '-v', value, '--', file]);
const attribute = (file: string, name: string) => attrTool('getfattr', ['--only-values', '-n', name, '--', file]);
const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.includes('qmslint-backup') || n.includes('qmslint-tmp'));

describe.runIf(process.platform === 'linux')('--fix and extended attributes', () => {
  beforeAll(() => {
    attrTool('getfattr', ['--version']);
  });

  it('a fixed file with a user attribute keeps it, and its inode: it is rewritten in place', () => {
    const dir = workspace({ 'sop.md': DEFECTIVE });
    const file = path.join(dir, 'sop.md');
    setAttribute(file, 'user.qmslint.test', 'kept');
    const ino = statSync(file).ino;
    const r = runCli(['sop.md', '--fix', '--today', TODAY], { cwd: dir });
    expect(r.stderr).toContain('fixed 1 problem in 1 file');
    expect(readFileSync(file, 'utf8')).toBe(CLEAN_SOP);
    expect(attribute(file, 'user.qmslint.test')).toBe('kept');
    expect(statSync(file).ino).toBe(ino);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a fixed file without attributes is still replaced by rename (its inode changes)', () => {
    const dir = workspace({ 'sop.md': DEFECTIVE });
    const file = path.join(dir, 'sop.md');
    expect(attrTool('getfattr', ['--absolute-names', '-m', '-', '--', file])).toBe('');
    const ino = statSync(file).ino;
    const r = runCli(['sop.md', '--fix', '--today', TODAY], { cwd: dir });
    expect(r.stderr).toContain('fixed 1 problem in 1 file');
    expect(readFileSync(file, 'utf8')).toBe(CLEAN_SOP);
    expect(statSync(file).ino).not.toBe(ino);
    expect(leftovers(dir)).toEqual([]);
  });

  it('without getfattr on PATH it cannot tell, and rewrites in place', () => {
    const dir = workspace({ 'sop.md': DEFECTIVE });
    const file = path.join(dir, 'sop.md');
    const ino = statSync(file).ino;
    // The CLI is started by its absolute path; PATH holds only an empty folder.
    const empty = path.join(dir, '..', `${path.basename(dir)}-empty-path`);
    mkdirSync(empty);
    dirs.push(empty);
    const r = runCli(['sop.md', '--fix', '--today', TODAY], { cwd: dir, env: { PATH: empty } });
    expect(r.stderr).toContain('fixed 1 problem in 1 file');
    expect(readFileSync(file, 'utf8')).toBe(CLEAN_SOP);
    expect(statSync(file).ino).toBe(ino);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a getfattr the repository put on PATH (node_modules/.bin, as npx adds it) is never run', () => {
    const dir = workspace({ 'sop.md': DEFECTIVE, 'node_modules/.bin/.keep': '' });
    const bin = path.join(dir, 'node_modules', '.bin');
    const marker = path.join(dir, 'ran');
    writeFileSync(path.join(bin, 'getfattr'), `#!/bin/sh\necho ran > '${marker}'\n`);
    chmodSync(path.join(bin, 'getfattr'), 0o755);
    writeFileSync(path.join(bin, 'xattr'), `#!/bin/sh\necho ran > '${marker}'\n`);
    chmodSync(path.join(bin, 'xattr'), 0o755);
    const r = runCli(['sop.md', '--fix', '--today', TODAY], { cwd: dir, env: { PATH: `${bin}:.:${process.env.PATH}` } });
    expect(r.stderr).toContain('fixed 1 problem in 1 file');
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(path.join(dir, 'sop.md'), 'utf8')).toBe(CLEAN_SOP);
    // The same program in a folder of the user's, outside the repository, is run (so the marker can appear).
    const userBin = path.join(dir, '..', `${path.basename(dir)}-user-bin`);
    mkdirSync(userBin);
    dirs.push(userBin);
    writeFileSync(path.join(userBin, 'getfattr'), `#!/bin/sh\necho ran > '${marker}'\n`);
    chmodSync(path.join(userBin, 'getfattr'), 0o755);
    writeFileSync(path.join(dir, 'sop.md'), DEFECTIVE);
    runCli(['sop.md', '--fix', '--today', TODAY], { cwd: dir, env: { PATH: `${bin}:${userBin}:${process.env.PATH}` } });
    expect(existsSync(marker)).toBe(true);
  });
});
