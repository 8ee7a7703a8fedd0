// The base of a change, read through git: which Markdown files differ between
// a ref and the working tree, and their text at the ref. How git is run safely
// in a repository that is not trusted, and how blobs are read, is
// host/git.ts's (the editor reads committed versions through it too).
//
// The comparison is the tree of the merge base of the ref and HEAD against the
// working tree (`git diff <merge base>`): a branch behind its base then shows
// its own change, not the base's newer changes reversed. On a pull request
// checkout (the merge commit) the merge base is the base commit, and the
// comparison exactly the pull request's change. A shallow CI clone that lacks
// the merge base is compared with the ref itself, and told so (`note`).
//
// A document moved without `git mv` is followed by its front matter id
// (moves.ts): its base version is the one deleted at its old path.
import * as path from 'node:path';
import { pushAll } from '../core/arrays';
import type { BaseVersion } from '../core/project';
import { visible } from '../core/visible';
import { DiskWorkspace } from '../host/disk-workspace';
import { isMarkdownPath } from '../host/discover';
import { fields, git, GitError, GitRepository } from '../host/git';
import type { CliIo } from './io';
import { pairMoves, type AmbiguousMove, type DocumentIds } from './moves';
import type { GitChange } from './git-change';

export { GitError } from '../host/git';

export type { ChangeKind, GitChange } from './git-change';

export interface GitBaseOptions {
  /** Reads front matter ids, to follow documents moved without `git mv`; without it only git's renames are. */
  ids?: DocumentIds;
}

export class GitBase {
  private changesCache?: Promise<GitChange[]>;
  /** Ids several files left or arrived with, so not followed as moves (filled by `changes`). */
  readonly ambiguousMoves: AmbiguousMove[] = [];

  private constructor(
    private readonly repository: GitRepository,
    /** The ref as the user wrote it, for messages. */
    readonly ref: string,
    /** The commit compared with: the merge base of the ref and HEAD, or the ref's commit (see `fallback`). */
    readonly commit: string,
    /** The commit the ref names. */
    readonly refCommit: string,
    /** Why the ref's commit is compared with rather than a merge base, when it is. */
    readonly fallback: 'shallow' | 'unrelated' | undefined,
    private readonly options: GitBaseOptions,
  ) {}

  /** The repository's top folder, spelled like the cwd it was found from (symlinks kept). */
  get root(): string {
    return this.repository.root;
  }

  private git(args: string[]): Promise<Buffer> {
    return this.repository.run(args);
  }

  /** Finds the repository around `cwd` and checks that `ref` names a commit we have. */
  static async open(cwd: string, ref: string, options: GitBaseOptions = {}): Promise<GitBase> {
    if (!ref || ref.startsWith('-')) throw new GitError(`"${ref}" is not a git ref`);
    const repository = await GitRepository.open(cwd);
    const commit = await repository.commit(ref);
    if (!commit) throw new GitError(`base ref ${ref} not found; in a shallow CI clone fetch it first: ${fetchHint(ref, await repository.remotes())}`, 'no-ref');
    const base = await repository.comparisonBase(commit);
    return new GitBase(repository, ref, base.commit, commit, base.fallback, options);
  }

  /** What the user must hear about the comparison (one line, no `qmslint:`), when anything. */
  get note(): string | undefined {
    const ref = visible(this.ref);
    if (this.fallback === 'shallow') {
      return `this shallow clone lacks the merge base of ${ref} and HEAD, so the change is compared with ${ref} itself (what ${ref} gained since the branch point shows as undone); fetch the full history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)`;
    }
    if (this.fallback === 'unrelated') return `${ref} and HEAD share no history, so the change is compared with ${ref} itself`;
    return undefined;
  }

  /** Markdown files that differ between the base and the working tree, untracked ones included. */
  changes(): Promise<GitChange[]> {
    this.changesCache ??= this.readChanges();
    return this.changesCache;
  }

  private async readChanges(): Promise<GitChange[]> {
    const changes = await this.gitChanges();
    const ids = this.options.ids;
    const gone = changes.filter((c) => c.kind === 'deleted' || c.kind === 'renamed').map((c) => c.basePath!);
    const arrived = changes.filter((c) => c.kind === 'added' || c.kind === 'renamed').map((c) => c.path);
    if (!ids || !gone.length || !arrived.length) return changes;
    const [goneTexts, arrivedTexts] = await Promise.all([this.read(gone), textsOnDisk(arrived)]);
    // The ends of git's renames are read whole (a rename between two ids is undone). Of the rest,
    // the smaller side is read whole, and of the other only the files whose text holds one of its
    // ids: a front matter id is written out in the text. A pull request adding a thousand
    // documents and moving one parses one or two documents more, not a thousand.
    const renamed = new Set(changes.filter((c) => c.kind === 'renamed').flatMap((c) => [c.path, c.basePath!]));
    const goneFirst = goneTexts.size <= arrivedTexts.size;
    const first = await idsOf(goneFirst ? goneTexts : arrivedTexts, ids, () => true);
    const known = [...new Set(first.values())];
    const second = await idsOf(goneFirst ? arrivedTexts : goneTexts, ids, (file, text) => renamed.has(file) || known.some((id) => text.includes(id)));
    const paired = pairMoves(changes, goneFirst ? first : second, goneFirst ? second : first);
    pushAll(this.ambiguousMoves, paired.ambiguous);
    return paired.changes;
  }

  /** What git says changed: renames as git's similarity detection pairs them. */
  private async gitChanges(): Promise<GitChange[]> {
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

/** Texts of working tree files, read from disk as the lint reads them (a regular file, within the read limit). */
async function textsOnDisk(files: string[]): Promise<Map<string, string>> {
  const disk = new DiskWorkspace();
  const out = new Map<string, string>();
  for (const file of files) {
    const text = await disk.read(file).catch(() => undefined);
    if (text !== undefined) out.set(file, text);
  }
  return out;
}

/** The front matter ids of the texts `wanted` lets through, by path. */
async function idsOf(texts: Map<string, string>, ids: DocumentIds, wanted: (file: string, text: string) => boolean): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [file, text] of texts) {
    const id = wanted(file, text) ? await ids.of(file, text) : undefined;
    if (id) out.set(file, id);
  }
  return out;
}

/**
 * The engine's base map for `--base <ref>` from `cwd`, moves followed by id; the note about the
 * comparison (a shallow clone without the merge base) goes to standard error.
 */
export async function readBaseVersions(io: CliIo, ref: string, options: GitBaseOptions = {}): Promise<Map<string, BaseVersion | null>> {
  const base = await GitBase.open(io.cwd, ref, options);
  if (base.note) io.stderr.write(`qmslint: ${base.note}\n`);
  return base.versions();
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
