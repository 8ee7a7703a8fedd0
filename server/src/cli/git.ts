// The base of a change, read through git: which Markdown files differ between
// a ref and the working tree, and their text at the ref. git runs through
// execFile, never a shell, so refs and paths reach it as plain arguments.
//
// The comparison is the ref's tree against the working tree (`git diff <ref>`),
// not against a merge base: it needs only the base commit itself, so a shallow
// CI clone works once that one commit is fetched. On a pull request checkout
// (the merge commit) it is exactly the pull request's change.
//
// The repository is not trusted (a pull request, a downloaded folder), the
// user running us is: git must run no program the repository's configuration
// names. Every git call carries settings that switch those off (see
// `untrustedRepository`); base texts are read as stored blobs (cat-file),
// which applies no filter and no textconv.
import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { BaseVersion } from '../core/project';
import { decodeText, toPosix } from '../core/workspace';
import { isMarkdownPath } from '../host/discover';
import { programOnPath } from '../host/program-path';
import type { CliIo } from './io';

/** git could not give us the base: exit code 2 with this message. */
export class GitError extends Error {}

export type ChangeKind = 'added' | 'modified' | 'renamed' | 'deleted';

export interface GitChange {
  kind: ChangeKind;
  /** Absolute POSIX path in the working tree; for a deleted file, where it was. */
  path: string;
  /** Absolute POSIX path at the base; absent for added files. */
  basePath?: string;
}

const MAX_BUFFER = 512 * 1024 * 1024;

/**
 * Options before every git command so that none runs a program: no fsmonitor
 * daemon or hook, no hooks, no pager, no external diff. Filter and diff
 * drivers have names of the repository's choosing, so those are switched off
 * per name by `untrustedRepository`.
 */
const NO_PROGRAMS = ['--no-pager', '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external='];

/** No optional locks: a linter only reads, and must not contend with the user's git. */
const GIT_ENV = (): NodeJS.ProcessEnv => ({ ...process.env, GIT_OPTIONAL_LOCKS: '0' });

/** git from the user's PATH, never from a folder of the repository (see host/program-path.ts). */
function gitProgram(cwd: string): string {
  const program = programOnPath('git', [cwd]);
  if (!program) throw new GitError('--base needs git, and git was not found on PATH (folders inside the repository are not searched)');
  return program;
}

function git(cwd: string, args: string[], settings: string[] = NO_PROGRAMS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      gitProgram(cwd),
      [...settings, ...args],
      { cwd, encoding: 'buffer', maxBuffer: MAX_BUFFER, env: GIT_ENV(), windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new GitError('--base needs git, and git was not found on PATH'));
        const detail = stderr.toString('utf8').trim().split('\n')[0];
        reject(Object.assign(new GitError(`git ${args[0]} failed${detail ? `: ${detail}` : ''}`), { exitCode: error.code }));
      },
    );
  });
}

/** Config scopes that are the user's: their system and global files, and `git -c` in their environment. */
const TRUSTED_SCOPES = new Set(['system', 'global', 'command']);

/**
 * NO_PROGRAMS plus, for every filter or diff driver the repository's own
 * configuration (.git/config, config.worktree, files they include) sets a
 * program for, settings that empty it: `git diff` against the working tree
 * would otherwise run `filter.<name>.clean` on the files it compares. An empty
 * command is no command to git; a driver the repository redefines is dropped
 * whole, even if the user's own configuration defines it too.
 */
async function untrustedRepository(root: string): Promise<string[]> {
  // Exit code 1 is "no such key"; any other failure ends the run rather than go on unguarded.
  const out = await git(root, ['config', '-z', '--show-scope', '--name-only', '--get-regexp', '^(filter|diff)\\.']).catch((e) => {
    if ((e as { exitCode?: unknown }).exitCode === 1) return Buffer.alloc(0);
    throw new GitError(`could not read the repository's git configuration, so git cannot be run safely (needs git 2.26 or later): ${(e as Error).message}`);
  });
  const parts = fields(out);
  const drivers = new Set<string>();
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [scope, name] = [parts[i], parts[i + 1]];
    // filter.<driver>.<key> or diff.<driver>.<key>: the driver name may itself hold dots.
    const driver = name.slice(0, name.lastIndexOf('.'));
    if (driver.includes('.') && !TRUSTED_SCOPES.has(scope)) drivers.add(driver);
  }
  const off: string[] = [];
  for (const d of drivers) {
    const keys = d.startsWith('filter.') ? ['clean=', 'smudge=', 'process=', 'required=false'] : ['textconv=', 'command=', 'cachetextconv=false'];
    for (const k of keys) off.push('-c', `${d}.${k}`);
  }
  return [...NO_PROGRAMS, ...off];
}

function lines(out: Buffer): string[] {
  return out.toString('utf8').split('\n').filter(Boolean);
}

/** NUL-separated output (`-z`): paths exactly as stored, no quoting. */
function fields(out: Buffer): string[] {
  const parts = out.toString('utf8').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export class GitBase {
  private changesCache?: Promise<GitChange[]>;

  private constructor(
    /** The repository's top folder, spelled like the cwd it was found from (symlinks kept). */
    readonly root: string,
    /** The ref as the user wrote it, for messages. */
    readonly ref: string,
    readonly commit: string,
    /** Options before every git command: no program the repository configures may run. */
    private readonly settings: string[],
  ) {}

  private git(args: string[]): Promise<Buffer> {
    return git(this.root, args, this.settings);
  }

  /** Finds the repository around `cwd` and checks that `ref` names a commit we have. */
  static async open(cwd: string, ref: string): Promise<GitBase> {
    if (!ref || ref.startsWith('-')) throw new GitError(`"${ref}" is not a git ref`);
    let top: string[];
    try {
      top = lines(await git(cwd, ['rev-parse', '--show-toplevel', '--show-cdup']));
    } catch (e) {
      if (e instanceof GitError && /not found on PATH/.test(e.message)) throw e;
      throw new GitError(`--base compares with git history, but ${toPosix(cwd)} is not inside a git work tree`);
    }
    // --show-toplevel resolves symlinks (/tmp -> /private/tmp); the linted files
    // keep the cwd's spelling, so the root is the cwd plus --show-cdup.
    const root = toPosix(path.resolve(cwd, top[1] ?? '.'));
    const settings = await untrustedRepository(root);
    let commit: string;
    try {
      commit = lines(await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], settings))[0];
    } catch {
      commit = '';
    }
    if (!commit) throw new GitError(`base ref ${ref} not found; in a shallow CI clone fetch it first: ${fetchHint(ref, await remotes(root))}`);
    return new GitBase(root, ref, commit, settings);
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
  async read(files: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const names = files.map((f) => ({ file: f, rel: path.posix.relative(this.root, f) }));
    // One `git cat-file --batch` for all of them (the blobs as stored: no filter, no
    // textconv; without a process per file); a path with a line break cannot go through it.
    const batch = names.filter((n) => !/[\r\n]/.test(n.rel));
    const blobs = await catFile(this.root, batch.map((n) => `${this.commit}:${n.rel}`), this.settings);
    batch.forEach((n, i) => {
      const bytes = blobs[i];
      if (bytes) out.set(n.file, decodeText(bytes));
    });
    for (const n of names.filter((n) => /[\r\n]/.test(n.rel))) {
      const bytes = await this.git(['cat-file', 'blob', `${this.commit}:${n.rel}`]).catch(() => undefined);
      if (bytes) out.set(n.file, decodeText(bytes));
    }
    return out;
  }
}

/** Reads blobs by `<commit>:<path>`; undefined for a name that is missing or not a file. */
function catFile(cwd: string, names: string[], settings: string[]): Promise<(Buffer | undefined)[]> {
  if (!names.length) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn(gitProgram(cwd), [...settings, 'cat-file', '--batch'], { cwd, env: GIT_ENV(), windowsHide: true });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (e) => reject(new GitError(`git cat-file failed: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(`git cat-file failed: ${stderr.trim().split('\n')[0]}`));
      const all = Buffer.concat(chunks);
      const blobs: (Buffer | undefined)[] = [];
      let at = 0;
      for (let i = 0; i < names.length; i++) {
        const eol = all.indexOf(10, at);
        if (eol < 0) return reject(new GitError('git cat-file ended early'));
        const header = all.subarray(at, eol).toString('utf8');
        at = eol + 1;
        // "<oid> <type> <size>", or "<name> missing" / "<name> ambiguous".
        const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
        if (!m) {
          blobs.push(undefined);
          continue;
        }
        const size = Number(m[2]);
        blobs.push(m[1] === 'blob' ? all.subarray(at, at + size) : undefined);
        at += size + 1;
      }
      resolve(blobs);
    });
    child.stdin.on('error', () => {}); // a failing git reports through 'close'
    child.stdin.end(names.map((n) => n + '\n').join(''));
  });
}

async function remotes(root: string): Promise<string[]> {
  return lines(await git(root, ['remote']).catch(() => Buffer.alloc(0)));
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
  io.stderr.write(`qmslint: ${e.message}\n`);
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
