// Issue 14, point 1: a write that fails part-way (a full disk, a size limit) is
// said plainly, leaves the old file as it was and no temporary or backup file
// behind. Tested for real: the bundled CLI runs under `ulimit -f 1` with SIGXFSZ
// ignored, so any write past 1 KiB fails with EFBIG (ignored signals are
// inherited, and Node ignores SIGXFSZ itself too).
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HANG_GUARD_MS } from '../hang-guard.mjs';
import { CLEAN_SOP, tempWorkspace, TODAY } from '../helpers';
import { CLI, cliEnv } from '../run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const env = { QMSLINT_CACHE_KEY: 'write-failure-test-key-0123456789abcdef' };

/** Words enough to take a document past 1 KiB. */
const PADDING = `\n## Scope\n\n${'This procedure applies to every controlled document of the quality system. '.repeat(20)}\n`;
/** Over 1 KiB, with one fixable defect (revision B while the history says C). */
const LARGE_DEFECTIVE = CLEAN_SOP.replace('revision: C', 'revision: B').replace('## Revision History', `${PADDING}\n## Revision History`);
/** Under 1 KiB, and over it once fixed (--fix adds a revision history and an effective_date placeholder). */
const GROWS = `---
id: SOP-001
title: Control of Documents
type: SOP
revision: A
status: draft
owner: Quality Manager
---

# Control of Documents

## Purpose

This procedure implements ISO 13485:2016 §4.2.4.
${'\nEvery controlled document is reviewed and approved before issue, and kept legible and identifiable.\n'.repeat(7)}`;

function workspace(files: Record<string, string>): string {
  const dir = tempWorkspace({ '.qmslint.yaml': 'documents: ["**/*.md"]\n', ...files }, 'qmslint-efbig-');
  dirs.push(dir);
  return dir;
}

/** The bundled CLI in `cwd` with writes limited to 1 KiB. */
function limited(args: string[], cwd: string) {
  const r = spawnSync('bash', ['-c', 'trap "" XFSZ; ulimit -f 1; exec "$@"', 'bash', process.execPath, CLI, ...args], {
    cwd,
    env: cliEnv(env),
    encoding: 'utf8',
    timeout: HANG_GUARD_MS,
    killSignal: 'SIGKILL',
  });
  if (r.error) throw r.error;
  return r;
}

/** Names of our temporary and backup files anywhere under `dir`. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => /qmslint-(tmp|backup)|\.tmp$/.test(n));
}

const EFBIG = 'the file would be larger than allowed here (a file size limit, or the disk is full)';

describe('writes past a size limit', () => {
  it('the limit is real: a plain write of 2 KiB fails under it', () => {
    const dir = workspace({});
    const r = spawnSync('bash', ['-c', 'trap "" XFSZ; ulimit -f 1; head -c 2048 /dev/zero > big'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(statSync(path.join(dir, 'big')).size).toBe(1024);
  });

  it('-o: exit 2, the file named, the old report kept, nothing left behind', () => {
    const dir = workspace({ 'sop.md': LARGE_DEFECTIVE, 'report.txt': 'old report\n' });
    const r = limited(['sop.md', '-o', 'report.txt', '--format', 'json', '--today', TODAY], dir);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe(`qmslint: cannot write the report to report.txt: ${EFBIG}\n`);
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).toBe('old report\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('--fix (replaced by rename): exit 2, the file named, untouched, nothing left behind', () => {
    const dir = workspace({ 'sop.md': LARGE_DEFECTIVE });
    const r = limited(['sop.md', '--fix', '--today', TODAY], dir);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`qmslint: sop.md: could not write the fixes: ${EFBIG}\n`);
    expect(readFileSync(path.join(dir, 'sop.md'), 'utf8')).toBe(LARGE_DEFECTIVE);
    expect(leftovers(dir)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('--fix in place (a file with attributes) whose backup cannot be written: untouched, nothing left behind', () => {
    const dir = workspace({ 'sop.md': LARGE_DEFECTIVE });
    execFileSync('setfattr', ['-n', 'user.qmslint.test', '-v', 'kept', path.join(dir, 'sop.md')]);
    const r = limited(['sop.md', '--fix', '--today', TODAY], dir);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`qmslint: sop.md: could not write the fixes: ${EFBIG}\n`);
    expect(readFileSync(path.join(dir, 'sop.md'), 'utf8')).toBe(LARGE_DEFECTIVE);
    expect(leftovers(dir)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('--fix in place that fails part-way: the old text is put back from memory, and that is said', () => {
    expect(Buffer.byteLength(GROWS)).toBeLessThan(1024);
    const dir = workspace({ 'sop.md': GROWS });
    const file = path.join(dir, 'sop.md');
    execFileSync('setfattr', ['-n', 'user.qmslint.test', '-v', 'kept', file]);
    const r = limited(['sop.md', '--fix', '--today', TODAY], dir);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`qmslint: sop.md: could not write the fixes: ${EFBIG}; the file was put back as it was\n`);
    expect(readFileSync(file, 'utf8')).toBe(GROWS);
    expect(execFileSync('getfattr', ['--only-values', '-n', 'user.qmslint.test', file], { encoding: 'utf8' })).toBe('kept');
    expect(leftovers(dir)).toEqual([]);
    // Without the limit the same fix is written: the file does grow past 1 KiB.
    execFileSync(process.execPath, [CLI, 'sop.md', '--fix', '--today', TODAY], { cwd: dir, env: cliEnv(env), stdio: 'ignore' });
    expect(statSync(file).size).toBeGreaterThan(1024);
  });

  it('--cache: one note naming the entry, the run goes on with its findings, nothing left behind', () => {
    const dir = workspace({ 'sop.md': LARGE_DEFECTIVE, 'other.md': LARGE_DEFECTIVE.replace('SOP-001', 'SOP-002') });
    const r = limited(['.', '--cache-location', 'cache', '--format', 'json', '--today', TODAY], dir);
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
    const notes = r.stderr.split('\n').filter(Boolean);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^qmslint: --cache: cannot write the cache file \S+\.bin: the file would be larger than allowed here .*; the run goes on without it$/);
    expect(readdirSync(path.join(dir, 'cache'))).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
  });
});
