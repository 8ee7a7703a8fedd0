// Change control in the editor: the committed version of each document the
// editor checks, so that the change rules (change-without-revision and the
// others) show as the user types, as `qmslint --base` shows them in CI.
//
// The base is the commit the folder's `base:` setting names (HEAD by default), or
// rather its merge base with HEAD, as for the CLI's --base: on a branch behind
// `base: origin/main`, what main gained since the branch point is not this
// branch's change, and must not show as one undone.
// Texts are read lazily, the first time a document is checked, and kept by
// (commit, path): an edit never runs git. The commit is looked up again only
// when told (`recheck`: a file saved, git's HEAD or refs changed), and when it
// moved the texts are read again. git runs as the CLI runs it (host/git.ts: the
// user's git, no program the repository configures, nothing written). Outside
// git, or when git is missing or fails, there is no base and the change rules
// stay silent; the log says why, once.
import type { BaseVersion } from '../core/project';
import { GitError, GitRepository } from '../host/git';

/** The repository and the commit documents are compared with. */
interface Base {
  repository: GitRepository;
  ref: string;
  commit: string;
}

export class BaseVersions {
  /** The base as last looked up (undefined inside: no base); undefined until first needed. */
  private base?: Promise<Base | undefined>;
  /** Texts being read from the current commit, by path (undefined when git failed for that file). */
  private readonly reading = new Map<string, Promise<BaseVersion | null | undefined>>();
  /** What the project sees: each file read so far, its version at the commit (null: not there). */
  private versions = new Map<string, BaseVersion | null>();
  /** Serialises rechecks: one lookup at a time. */
  private checking: Promise<unknown> = Promise.resolve();
  private lastLogged?: string;

  constructor(
    /** The folder: git looks for the repository around it. */
    private readonly root: string,
    /** The ref documents are compared with (the folder's `base:` setting, else HEAD). */
    private readonly ref: () => Promise<string>,
    private readonly log: (message: string) => void,
  ) {}

  /** The map for the project (a new one after every change, so the project sees a change as one). */
  current(): Map<string, BaseVersion | null> {
    return this.versions;
  }

  /**
   * Reads `file`'s base version if it was not read from the current commit yet.
   * True when the map changed (the project must be given the new one).
   */
  async want(file: string): Promise<boolean> {
    if (this.versions.has(file)) return false;
    const lookup = (this.base ??= this.lookUp());
    const base = await lookup;
    if (!base) return false;
    let pending = this.reading.get(file);
    if (!pending) {
      pending = this.read(base, file);
      this.reading.set(file, pending);
    }
    const version = await pending;
    // Read from a commit that is no longer the base, or already taken by another request.
    if (version === undefined || this.base !== lookup || this.versions.has(file)) return false;
    this.versions = new Map(this.versions).set(file, version);
    return true;
  }

  /**
   * Looks the base up again (after a save, or when git's HEAD or refs changed). True when it moved
   * (another commit, another ref, a repository come or gone): the texts read are dropped, to be read
   * again from the new commit as documents are checked.
   */
  recheck(): Promise<boolean> {
    const run = this.checking.then(async () => {
      if (!this.base) return false; // never needed: nothing to compare
      const before = await this.base;
      const lookup = this.lookUp();
      const after = await lookup;
      if (before?.commit === after?.commit && before?.repository.root === after?.repository.root) return false;
      this.base = lookup;
      this.reading.clear();
      this.versions = new Map();
      // Moved, even from no base to one: a document checked meanwhile was checked without its base
      // (the edit can come before the watcher's news of a first commit), so every one is checked again.
      return true;
    });
    this.checking = run.catch(() => undefined);
    return run;
  }

  private async lookUp(): Promise<Base | undefined> {
    try {
      const ref = await this.ref();
      const repository = await GitRepository.open(this.root);
      const named = await repository.commit(ref);
      if (!named) return this.off(`the base ref ${ref} names no commit here (a repository without commits, or a ref not fetched)`);
      // HEAD's merge base with HEAD is HEAD: the default costs no more git than before.
      const base = ref === 'HEAD' ? { commit: named } : await repository.comparisonBase(named);
      const why =
        base.fallback === 'shallow' ? 'this shallow clone lacks their merge base' : base.fallback === 'unrelated' ? 'they share no history' : undefined;
      // Said once, like the reasons for no base: the change rules run, against the ref itself.
      const note = why && `qmslint: ${this.root}: the change rules compare with ${ref} itself, not with its merge base with HEAD: ${why}`;
      if (note && note !== this.lastLogged) this.log(note);
      this.lastLogged = note;
      return { repository, ref, commit: base.commit };
    } catch (e) {
      return this.off(e instanceof GitError ? e.message : String((e as Error)?.message ?? e));
    }
  }

  private async read(base: Base, file: string): Promise<BaseVersion | null | undefined> {
    try {
      const text = (await base.repository.read(base.commit, [file])).get(file);
      return text === undefined ? null : { path: file, text };
    } catch (e) {
      this.off(`could not read ${file} at ${base.ref}: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** No base: the change rules stay silent. One log line per reason, never a message box. */
  private off(reason: string): undefined {
    if (reason !== this.lastLogged) this.log(`qmslint: ${this.root}: change rules off in the editor: ${reason}`);
    this.lastLogged = reason;
    return undefined;
  }
}
