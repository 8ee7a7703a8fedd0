// Issue 14, point 10: smaller edges a hostile repository, or a slip on the
// command line, could use. A folder or glob run honours the repository root's
// .gitignore as a run over the root does; `--base ''` is an error, not a run
// without change control; `--jobs` is capped at the cores; the hint after
// "base ref not found" quotes the ref for the shell; and the editor's next
// free id does not loop for ever past 2^53.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRepos, TempRepo } from '../git-repo';
import { TestClient } from '../lsp/client';
import { tempWorkspace } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';

const TODAY = ['--today', '2026-11-26'];
const doc = (id: string) => ['---', `id: ${id}`, 'title: A procedure', 'type: SOP', 'revision: A', 'status: draft', 'clauses: ["4.2.4"]', '---', '', '# A procedure', ''].join('\n');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  removeTempRepos();
});

function workspace(files: Record<string, string>): string {
  const dir = tempWorkspace(files, 'qmslint-cli-edges-');
  dirs.push(dir);
  return dir;
}

const linted = (dir: string, ...args: string[]) => {
  const r = runCli([...args, '--format', 'json', ...TODAY], { cwd: dir });
  expect(r.status, r.stderr).not.toBe(2);
  return (JSON.parse(r.stdout) as JsonReport).map((f) => path.relative(dir, f.filePath)).sort();
};

describe('the repository root .gitignore', () => {
  const dir = workspace({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'docs/drafts/\nsecret.md\n',
    'docs/a.md': doc('SOP-001'),
    'docs/secret.md': doc('SOP-002'),
    'docs/drafts/b.md': doc('SOP-003'),
  });

  it('applies to a run on a folder below the root, as to a run on the root', () => {
    expect(linted(dir, '.')).toEqual(['docs/a.md']);
    expect(linted(dir, 'docs')).toEqual(['docs/a.md']);
    // From inside the folder too: the root is the repository's, not the working folder.
    expect(linted(path.join(dir, 'docs'), '.').map((f) => path.join('docs', f))).toEqual(['docs/a.md']);
  });

  it('applies to a glob', () => {
    expect(linted(dir, 'docs/**/*.md')).toEqual(['docs/a.md']);
  });

  it('still lets a folder the root ignores be linted by naming it', () => {
    expect(linted(dir, 'docs/drafts')).toEqual(['docs/drafts/b.md']);
  });
});

describe('--base', () => {
  const dir = workspace({ 'a.md': doc('SOP-001') });

  it("'' is a usage error, not a run without change control", () => {
    for (const args of [['.', '--base', ''], ['.', '--base='], ['review', '--base', '']]) {
      const r = runCli([...args, ...TODAY], { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^qmslint: --base needs a git ref/);
    }
  });

  it('quotes the ref in the fetch hint, so pasting it runs git fetch and nothing else', () => {
    const repo = TempRepo.create({ 'a.md': doc('SOP-001') });
    const ref = "x;touch pwned;'q'$(touch pwned2)";
    const r = repo.run('--base', ref, ...TODAY);
    expect(r.code).toBe(2);
    const hint = /fetch it first: (git fetch [^\n]*)/.exec(r.stderr)?.[1];
    expect(hint, r.stderr).toBeDefined();
    // The hint through a real shell, with git fetch swapped for printing each argument on a line.
    const args = execFileSync('sh', ['-c', hint!.replace(/^git fetch/, "printf '%s\\n'")], { cwd: repo.dir, encoding: 'utf8' });
    expect(args.split('\n').slice(0, -1)).toEqual(['--depth=1', 'origin', `${ref}:${ref}`]);
    expect(existsSync(path.join(repo.dir, 'pwned'))).toBe(false);
    expect(existsSync(path.join(repo.dir, 'pwned2'))).toBe(false);
  });
});

describe('--jobs', () => {
  const dir = workspace({ 'a.md': doc('SOP-001') });

  it('above the number of cores runs with one thread per core, and says so', () => {
    const cores = availableParallelism();
    const r = runCli(['.', '--jobs', String(cores + 1000), '--format', 'json', ...TODAY], { cwd: dir });
    expect(r.status).not.toBe(2);
    expect(r.stderr).toBe(`qmslint: --jobs ${cores + 1000} is more than the ${cores} cores here; using ${cores}\n`);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
  });

  it('at or below the number of cores says nothing', () => {
    const r = runCli(['.', '--jobs', '1', '--format', 'json', ...TODAY], { cwd: dir });
    expect(r.stderr).toBe('');
  });
});

describe('New Controlled Document: the next free id', () => {
  it('past 2^53 is one more than the highest, found without looping for ever', async () => {
    const dir = workspace({ 'sops/big.md': doc('SOP-9007199254740992'), 'sops/next.md': doc('SOP-9007199254740993') });
    const client = await TestClient.start([dir]);
    // A server that loops answers nothing: give up after a while, and end it rather than wait on it.
    const late = new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 10_000).unref());
    const info = await Promise.race([client.request<{ types: { type: string; nextId: string }[] }>('qmslint/newDocument', { uri: `file://${dir}` }), late]);
    if (info === 'no answer') client.process.kill('SIGKILL');
    else await client.stop();
    expect(info === 'no answer' ? info : info.types.find((t) => t.type === 'SOP')?.nextId).toBe('SOP-9007199254740994');
  }, 20_000);
});
