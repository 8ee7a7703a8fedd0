// Issue 14, points 1 and 8: a folder on the way to a file qmslint writes may be a
// symbolic link the repository committed (`reports -> ../..` for
// `-o reports/x.txt`, `node_modules/.cache -> /anywhere` for --cache). A link
// inside the repository is never written through: -o is refused (exit 2), the
// cache is not used (one note, the run goes on). Links above the repository are
// the user's and are followed. And a cache entry is read only if it is a
// regular file of bounded size: one linked to /dev/zero or a FIFO cannot hang us.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, tempWorkspace, TODAY } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const env = { QMSLINT_CACHE_KEY: 'folder-links-test-key-0123456789abcdef' };
/** One finding: ISO 13485:2016 has no clause 99. */
const SOP = CLEAN_SOP.replace('## Revision History', 'See ISO 13485:2016 §99.\n\n## Revision History');

/** A folder holding the workspace `ws` (with a .git folder: the repository root) and whatever lies outside it. */
function outerAndWorkspace(files: Record<string, string>): { outer: string; ws: string } {
  const outer = mkdtempSync(path.join(tmpdir(), 'qmslint-folder-links-'));
  dirs.push(outer);
  const ws = path.join(outer, 'ws');
  mkdirSync(path.join(ws, '.git'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    writeFileSync(path.join(ws, name), content);
  }
  return { outer, ws };
}

const clauseUnknown = (stdout: string) => (JSON.parse(stdout) as JsonReport)[0].messages.filter((m) => m.ruleId === 'clause-unknown').length;

describe('-o through a folder that is a link', () => {
  it('a link inside the repository is refused, naming it, and nothing is written through it', () => {
    const { outer, ws } = outerAndWorkspace({ 'sop.md': SOP });
    symlinkSync('..', path.join(ws, 'reports'));
    const r = runCli(['sop.md', '-o', 'reports/x.txt', '--today', TODAY], { cwd: ws });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('cannot write the report to reports/x.txt: reports is a symbolic link inside the repository');
    expect(r.stderr).not.toMatch(/internal error/i);
    expect(existsSync(path.join(outer, 'x.txt'))).toBe(false);
    expect(readdirSync(outer).sort()).toEqual(['ws']);
  });

  it('a link deeper down is found too', () => {
    const { outer, ws } = outerAndWorkspace({ 'sop.md': SOP, 'out/keep.txt': 'x' });
    symlinkSync(outer, path.join(ws, 'out', 'deep'));
    const r = runCli(['sop.md', '-o', 'out/deep/x.txt', '--today', TODAY], { cwd: ws });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path.join('out', 'deep')} is a symbolic link inside the repository`);
    expect(existsSync(path.join(outer, 'x.txt'))).toBe(false);
  });

  it('a link above the repository is the user\'s, and is followed', () => {
    const { outer, ws } = outerAndWorkspace({ 'sop.md': SOP });
    symlinkSync(outer, path.join(tmpdir(), `${path.basename(outer)}-alias`));
    const alias = path.join(tmpdir(), `${path.basename(outer)}-alias`);
    dirs.push(alias);
    const r = runCli(['sop.md', '-o', path.join(alias, 'ws', 'x.txt'), '--today', TODAY], { cwd: ws });
    expect(r.status, r.stderr).toBe(1);
    expect(readFileSync(path.join(ws, 'x.txt'), 'utf8')).toContain('clause');
  });
});

describe('--cache through a folder that is a link', () => {
  it('node_modules/.cache linked out of the repository: no cache, one note, the same findings', () => {
    const { outer, ws } = outerAndWorkspace({ 'sop.md': SOP, 'package.json': '{}' });
    const elsewhere = path.join(outer, 'elsewhere');
    mkdirSync(elsewhere);
    mkdirSync(path.join(ws, 'node_modules'));
    symlinkSync(elsewhere, path.join(ws, 'node_modules', '.cache'));
    for (let i = 0; i < 2; i++) {
      const r = runCli(['sop.md', '--cache', '--format', 'json', '--today', TODAY], { cwd: ws, env });
      expect(r.status, r.stderr).toBe(1);
      expect(clauseUnknown(r.stdout)).toBe(1);
      const notes = r.stderr.split('\n').filter((l) => l.includes('--cache is off'));
      expect(notes).toEqual([
        `qmslint: --cache is off for this run: ${path.join('node_modules', '.cache')} is a symbolic link inside the repository, and qmslint keeps no cache through one; remove the link, or name a folder without it with --cache-location`,
      ]);
    }
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('--cache-location through a committed link is refused the same way', () => {
    const { outer, ws } = outerAndWorkspace({ 'sop.md': SOP });
    symlinkSync(outer, path.join(ws, 'cache'));
    const r = runCli(['sop.md', '--cache-location', 'cache/qmslint', '--today', TODAY], { cwd: ws, env });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('--cache is off for this run: cache is a symbolic link inside the repository');
    expect(readdirSync(outer).sort()).toEqual(['ws']);
  });
});

describe('a cache entry that is not a regular file', () => {
  for (const [name, plant] of [
    ['a link to /dev/zero', (entry: string) => symlinkSync('/dev/zero', entry)],
    ['a FIFO', (entry: string) => execFileSync('mkfifo', [entry])],
  ] as const) {
    it(`${name} is ignored and replaced, without hanging the run`, () => {
      const dir = tempWorkspace({ 'sop.md': SOP }, 'qmslint-entry-');
      dirs.push(dir);
      const cache = path.join(dir, 'cache');
      const run = () => runCli(['sop.md', '--format', 'json', '--cache-location', cache, '--today', TODAY], { cwd: dir, env });
      expect(clauseUnknown(run().stdout)).toBe(1);
      const entries = readdirSync(cache).filter((n) => n.endsWith('.bin'));
      expect(entries).toHaveLength(1);
      const entry = path.join(cache, entries[0]);
      rmSync(entry);
      plant(entry);
      const r = run();
      expect(r.status, r.stderr).toBe(1);
      expect(clauseUnknown(r.stdout)).toBe(1);
      expect(lstatSync(entry).isFile()).toBe(true);
      expect(readFileSync(entry, 'utf8')).toContain('clause-unknown');
    });
  }
});
