// Real git repositories in temporary folders, for the change-control tests:
// real commits, branches, renames and shallow clones, never a mocked git.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from './run-cli';

/** git without the user's or the system's configuration, so hooks, signing or aliases cannot interfere. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Dana Whitfield',
  GIT_AUTHOR_EMAIL: 'dana@example.com',
  GIT_COMMITTER_NAME: 'Dana Whitfield',
  GIT_COMMITTER_EMAIL: 'dana@example.com',
  NO_COLOR: '1',
};

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every folder this module made, for removeTempRepos. */
const made: string[] = [];

/** Deletes the folders TempRepo created (call from afterAll), and only those. */
export function removeTempRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export class TempRepo {
  private constructor(readonly dir: string) {
    made.push(dir);
  }

  /** `git init` on branch main, with `files` committed as the first commit when given. */
  static create(files?: Record<string, string>): TempRepo {
    const repo = new TempRepo(mkdtempSync(join(tmpdir(), 'qmslint-git-')));
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'user.name', 'Dana Whitfield');
    repo.git('config', 'user.email', 'dana@example.com');
    if (files) {
      repo.write(files);
      repo.commit('First issue');
    }
    return repo;
  }

  /** A shallow clone (`--depth 1`) of `source` at `branch`, in a new temporary folder. */
  static shallowClone(source: TempRepo, branch: string): TempRepo {
    const dir = mkdtempSync(join(tmpdir(), 'qmslint-clone-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', branch, `file://${source.dir}`, dir], { env: GIT_ENV, stdio: 'pipe' });
    return new TempRepo(dir);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(files: Record<string, string>): this {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, name)), { recursive: true });
      writeFileSync(join(this.dir, name), text);
    }
    return this;
  }

  remove(...names: string[]): this {
    for (const name of names) rmSync(join(this.dir, name));
    return this;
  }

  /** Stages everything and commits; returns the commit id. */
  commit(message: string): string {
    this.git('add', '--all', '.');
    this.git('commit', '-q', '--no-verify', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  branch(name: string): this {
    this.git('checkout', '-q', '-b', name);
    return this;
  }

  /** The bundled CLI, spawned with the repository as its working folder. */
  run(...args: string[]): CliRun {
    const r = runCli(args, { cwd: this.dir, env: GIT_ENV });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
}
