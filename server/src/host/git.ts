// Reading a git repository without trusting it: what both doors need to
// compare documents with a committed version (the CLI's --base, the editor's
// live change control). git runs through execFile, never a shell, so refs and
// paths reach it as plain arguments.
//
// The repository is not trusted (a pull request, a downloaded folder, a folder
// opened in the editor), the user running us is: git must run no program the
// repository's configuration names. Every git call carries settings that
// switch those off (see `untrustedRepository`); texts are read as stored blobs
// (cat-file), which applies no filter and no textconv. Nothing here writes:
// no optional locks, and only commands that read.
import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';
import { decodeText, toPosix } from '../core/workspace';
import { programOnPath } from './program-path';

/**
 * git could not answer. `reason` lets a door say it in its own words: the CLI
 * names --base, the editor logs one line and leaves change control off.
 */
export class GitError extends Error {
  constructor(
    message: string,
    readonly reason: 'no-git' | 'no-repository' | 'no-ref' | 'failed' = 'failed',
  ) {
    super(message);
  }
}

const MAX_BUFFER = 512 * 1024 * 1024;
/** A shallow clone stops at one commit per branch fetched: more roots than this is no CI checkout. */
const MAX_SHALLOW_ROOTS = 16;

/**
 * Options before every git command so that none runs a program: no fsmonitor
 * daemon or hook, no hooks, no pager, no external diff. Filter and diff
 * drivers have names of the repository's choosing, so those are switched off
 * per name by `untrustedRepository`. No signature checks unasked: a repository's
 * `log.showSignature` would make every `git log` run its `gpg.ssh.program`
 * (approvals verify signatures only with host/signature-settings.ts's programs).
 */
export const NO_PROGRAMS = ['--no-pager', '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', '-c', 'log.showSignature=false'];

/** No optional locks: a linter only reads, and must not contend with the user's git. */
const GIT_ENV = (): NodeJS.ProcessEnv => ({ ...process.env, GIT_OPTIONAL_LOCKS: '0' });

/** git from the user's PATH, never from a folder of the repository (see host/program-path.ts). */
function gitProgram(cwd: string): string {
  const program = programOnPath('git', [cwd]);
  if (!program) throw new GitError('git was not found on PATH (folders inside the repository are not searched)', 'no-git');
  return program;
}

/** One git command in `cwd` with `settings` before its arguments; its standard output. */
export function git(cwd: string, args: string[], settings: string[] = NO_PROGRAMS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let program: string;
    try {
      program = gitProgram(cwd);
    } catch (e) {
      return reject(e);
    }
    execFile(program, [...settings, ...args], { cwd, encoding: 'buffer', maxBuffer: MAX_BUFFER, env: GIT_ENV(), windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new GitError('git was not found on PATH', 'no-git'));
      const detail = stderr.toString('utf8').trim().split('\n')[0];
      reject(Object.assign(new GitError(`git ${args[0]} failed${detail ? `: ${detail}` : ''}`), { exitCode: error.code }));
    });
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

export function lines(out: Buffer): string[] {
  return out.toString('utf8').split('\n').filter(Boolean);
}

/** NUL-separated output (`-z`): paths exactly as stored, no quoting. */
export function fields(out: Buffer): string[] {
  const parts = out.toString('utf8').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The work tree around a folder, with the settings every git call in it carries. */
export class GitRepository {
  private constructor(
    /** The repository's top folder, spelled like the cwd it was found from (symlinks kept). */
    readonly root: string,
    /** Options before every git command: no program the repository configures may run. */
    private readonly settings: string[],
  ) {}

  /** Finds the repository around `cwd`; a GitError when git is missing or `cwd` is in no work tree. */
  static async open(cwd: string): Promise<GitRepository> {
    let top: string[];
    try {
      top = lines(await git(cwd, ['rev-parse', '--show-toplevel', '--show-cdup']));
    } catch (e) {
      if (e instanceof GitError && e.reason === 'no-git') throw e;
      throw new GitError(`${toPosix(cwd)} is not inside a git work tree`, 'no-repository');
    }
    // --show-toplevel resolves symlinks (/tmp -> /private/tmp); the checked files
    // keep the cwd's spelling, so the root is the cwd plus --show-cdup.
    const root = toPosix(path.resolve(cwd, top[1] ?? '.'));
    return new GitRepository(root, await untrustedRepository(root));
  }

  run(args: string[]): Promise<Buffer> {
    return git(this.root, args, this.settings);
  }

  /** The commit `ref` names; undefined when it names none here (or is no ref: an option, empty). */
  async commit(ref: string): Promise<string | undefined> {
    if (!ref || ref.startsWith('-')) return undefined;
    try {
      return lines(await this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))[0] || undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The commit a change on HEAD is compared with when its base is `commit`: their merge base, so
   * that what the base gained after the branch point is not shown as undone on the branch. When
   * there is none, `commit` itself, and why: the clone is shallow and lacks it, or the two share
   * no history (or HEAD has no commit yet, which needs no word).
   */
  async comparisonBase(commit: string): Promise<{ commit: string; fallback?: 'shallow' | 'unrelated' }> {
    const found = await this.run(['merge-base', commit, 'HEAD']).then(
      (out) => lines(out)[0],
      () => undefined, // exit 1: no common ancestor in the history we have; or HEAD is unborn
    );
    if (found) return { commit: found };
    if (!(await this.commit('HEAD'))) return { commit };
    const shallow = lines(await this.run(['rev-parse', '--is-shallow-repository']).catch(() => Buffer.alloc(0)))[0] === 'true';
    if (!shallow) return { commit, fallback: 'unrelated' };
    // A shallow commit still names its parents, though git does not follow them. A CI checkout of a
    // pull request (its merge commit, or a branch one commit ahead) with the base fetched at depth 1
    // has the base as such a parent: the base is then HEAD's ancestor, and so the merge base.
    return (await this.parentOfShallowBoundary(commit)) ? { commit } : { commit, fallback: 'shallow' };
  }

  /** Whether `commit` is a parent, as written, of a commit where HEAD's shallow history stops. */
  private async parentOfShallowBoundary(commit: string): Promise<boolean> {
    // Where a shallow history stops, commits look parentless: roots, as rev-list sees them.
    const roots = lines(await this.run(['rev-list', '--max-parents=0', 'HEAD']).catch(() => Buffer.alloc(0))).slice(0, MAX_SHALLOW_ROOTS);
    for (const root of roots) {
      const text = await this.run(['cat-file', 'commit', root]).then(
        (out) => out.toString('utf8'),
        () => '',
      );
      const end = text.indexOf('\n\n');
      // The header alone: a message line could read `parent <sha>` too.
      const header = end < 0 ? text : text.slice(0, end);
      if (header.split('\n').some((line) => line === `parent ${commit}`)) return true;
    }
    return false;
  }

  /**
   * Blobs by object name (`<commit>:<path>`, or a blob id) in one `git cat-file --batch`, as
   * stored; undefined for a name that names no blob (or holds a line break, which --batch cannot take).
   */
  async blobs(names: string[]): Promise<(Buffer | undefined)[]> {
    const sendable = names.map((n) => !/[\r\n]/.test(n));
    const found = await catFile(this.root, names.filter((_, i) => sendable[i]), this.settings);
    let next = 0;
    return names.map((_, i) => (sendable[i] ? found[next++] : undefined));
  }

  /** The repository's remotes (none when git cannot say). */
  async remotes(): Promise<string[]> {
    return lines(await this.run(['remote']).catch(() => Buffer.alloc(0)));
  }

  /** Texts at `commit` of the given absolute paths; a path the commit does not have is left out. */
  async read(commit: string, files: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const names = files.map((f) => ({ file: f, rel: path.posix.relative(this.root, f) })).filter((n) => n.rel && !n.rel.startsWith('../') && !path.posix.isAbsolute(n.rel));
    // One `git cat-file --batch` for all of them (the blobs as stored: no filter, no
    // textconv; without a process per file); a path with a line break cannot go through it.
    const batch = names.filter((n) => !/[\r\n]/.test(n.rel));
    const blobs = await catFile(this.root, batch.map((n) => `${commit}:${n.rel}`), this.settings);
    batch.forEach((n, i) => {
      const bytes = blobs[i];
      if (bytes) out.set(n.file, decodeText(bytes));
    });
    for (const n of names.filter((n) => /[\r\n]/.test(n.rel))) {
      const bytes = await this.run(['cat-file', 'blob', `${commit}:${n.rel}`]).catch(() => undefined);
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
