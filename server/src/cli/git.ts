// The base of a change, read through git: which Markdown files differ between
// a ref and the working tree, and their text at the ref. How git is run safely
// in a repository that is not trusted, and how blobs are read, is
// host/git.ts's (the editor reads committed versions through it too).
//
// The comparison is the ref's tree against the working tree (`git diff <ref>`),
// not against a merge base: it needs only the base commit itself, so a shallow
// CI clone works once that one commit is fetched. On a pull request checkout
// (the merge commit) it is exactly the pull request's change.
import * as path from 'node:path';
import type { BaseVersion } from '../core/project';
import { isMarkdownPath } from '../host/discover';
import { fields, git, GitError, GitRepository } from '../host/git';
import type { CliIo } from './io';

export { GitError } from '../host/git';

export type ChangeKind = 'added' | 'modified' | 'renamed' | 'deleted';

export interface GitChange {
  kind: ChangeKind;
  /** Absolute POSIX path in the working tree; for a deleted file, where it was. */
  path: string;
  /** Absolute POSIX path at the base; absent for added files. */
  basePath?: string;
}

export class GitBase {
  private changesCache?: Promise<GitChange[]>;

  private constructor(
    private readonly repository: GitRepository,
    /** The ref as the user wrote it, for messages. */
    readonly ref: string,
    readonly commit: string,
  ) {}

  /** The repository's top folder, spelled like the cwd it was found from (symlinks kept). */
  get root(): string {
    return this.repository.root;
  }

  private git(args: string[]): Promise<Buffer> {
    return this.repository.run(args);
  }

  /** Finds the repository around `cwd` and checks that `ref` names a commit we have. */
  static async open(cwd: string, ref: string): Promise<GitBase> {
    if (!ref || ref.startsWith('-')) throw new GitError(`"${ref}" is not a git ref`);
    const repository = await GitRepository.open(cwd);
    const commit = await repository.commit(ref);
    if (!commit) throw new GitError(`base ref ${ref} not found; in a shallow CI clone fetch it first: ${fetchHint(ref, await repository.remotes())}`, 'no-ref');
    return new GitBase(repository, ref, commit);
  }

  /** Markdown files that differ between the base and the working tree, untracked ones included. */
  changes(): Promise<GitChange[]> {
    this.changesCache ??= this.readChanges();
    return this.changesCache;
  }

  private async readChanges(): Promise<GitChange[]> {
    const abs = (rel: string) => `${this.root === '/' ? '' : this.root}/${rel}`;
    const out: GitChange[] = [];
    const diff = fields(await this.git(['diff', '--name-status', '-M', '-z', '--no-ext-diff', '--no-textconv', this.commit, '--']));
    for (let i = 0; i < diff.length; ) {
      const status = diff[i];
      if (status.startsWith('R') || status.startsWith('C')) {
        const [from, to] = [diff[i + 1], diff[i + 2]];
        i += 3;
        const [wasMd, isMd] = [isMarkdownPath(from), isMarkdownPath(to)];
        if (status.startsWith('R') && wasMd && isMd) out.push({ kind: 'renamed', path: abs(to), basePath: abs(from) });
        else {
          if (status.startsWith('R') && wasMd) out.push({ kind: 'deleted', path: abs(from), basePath: abs(from) });
          if (isMd) out.push({ kind: 'added', path: abs(to) });
        }
        continue;
      }
      const file = diff[i + 1];
      i += 2;
      if (!isMarkdownPath(file)) continue;
      if (status === 'A') out.push({ kind: 'added', path: abs(file) });
      else if (status === 'D') out.push({ kind: 'deleted', path: abs(file), basePath: abs(file) });
      else out.push({ kind: 'modified', path: abs(file), basePath: abs(file) });
    }
    const listed = new Set(out.map((c) => c.path));
    for (const file of fields(await this.git(['ls-files', '--others', '--exclude-standard', '-z']))) {
      if (isMarkdownPath(file) && !listed.has(abs(file))) out.push({ kind: 'added', path: abs(file) });
    }
    return out;
  }

  /** For the engine: each changed Markdown file by its current path, with its base version (null when new). */
  async versions(): Promise<Map<string, BaseVersion | null>> {
    const changes = (await this.changes()).filter((c) => c.kind !== 'deleted');
    const texts = await this.read(changes.flatMap((c) => (c.basePath ? [c.basePath] : [])));
    const map = new Map<string, BaseVersion | null>();
    for (const c of changes) {
      const text = c.basePath ? texts.get(c.basePath) : undefined;
      map.set(c.path, c.basePath && text !== undefined ? { path: c.basePath, text } : null);
    }
    return map;
  }

  /** Every Markdown file in the base commit (absolute paths). */
  async files(): Promise<string[]> {
    const all = fields(await this.git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', this.commit]));
    return all.filter((f) => isMarkdownPath(f)).map((f) => `${this.root === '/' ? '' : this.root}/${f}`);
  }

  /** Texts at the base of the given absolute paths; a path the base does not have is left out. */
  read(files: string[]): Promise<Map<string, string>> {
    return this.repository.read(this.commit, files);
  }
}

/**
 * The fetch that makes `ref` resolve. The destination is spelled out because a
 * single-branch clone (`--depth` implies it) would otherwise only set FETCH_HEAD.
 */
function fetchHint(ref: string, known: string[]): string {
  const slash = ref.indexOf('/');
  const remote = slash > 0 ? ref.slice(0, slash) : '';
  if (remote && (known.includes(remote) || remote === 'origin')) {
    const branch = ref.slice(slash + 1);
    return `git fetch --depth=1 ${shellWord(remote)} ${shellWord(`${branch}:refs/remotes/${remote}/${branch}`)}`;
  }
  if (/^[0-9a-f]{7,64}$/i.test(ref)) return `git fetch --depth=1 origin ${ref}`;
  return `git fetch --depth=1 origin ${shellWord(`${ref}:${ref}`)}`;
}

/**
 * One argument as a POSIX shell reads it back: as it is when it holds only characters the shell
 * leaves alone, else in single quotes. The hint is there to be pasted; a ref with `;` or `$(...)`
 * in it (from a CI variable a pull request sets) must paste as a ref, not as commands.
 */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The engine's base map for `--base <ref>` from `cwd`. */
export async function readBaseVersions(cwd: string, ref: string): Promise<Map<string, BaseVersion | null>> {
  return (await GitBase.open(cwd, ref)).versions();
}

/** A GitError ends the command with its message and exit code 2; anything else is rethrown. */
export function gitFailure(e: unknown, io: CliIo): number {
  if (!(e instanceof GitError)) throw e;
  // host/git.ts says what went wrong; here it is said as what --base needed.
  const message =
    e.reason === 'no-git' ? `--base needs git, and ${e.message}` : e.reason === 'no-repository' ? `--base compares with git history, but ${e.message}` : e.message;
  io.stderr.write(`qmslint: ${message}\n`);
  return 2;
}

/**
 * The files under `dir` that git tracks, as absolute paths; empty when `dir` is not in a work
 * tree or git cannot say. Run with the same settings as every other git call: the repository's
 * configuration runs nothing (ls-files runs no filters).
 */
export async function trackedFiles(dir: string): Promise<Set<string>> {
  const out = await git(dir, ['ls-files', '-z', '--', '.']).catch(() => undefined);
  return new Set(out ? fields(out).map((rel) => path.resolve(dir, rel)) : []);
}
