// The disk as a run sees it, noting every path it looks at (documents,
// configuration files, packs, link targets, folders listed) with the file's
// stamp taken before it is read, and a digest of each text read: what
// warm-run.ts checks before it trusts the run's outcome again.
import type { FileStat, Workspace } from '../core/workspace';
import { sha256 } from './cache';
import { stampOf } from './file-stamp';

export interface Seen {
  stamp: string | null;
  /** sha256 of the text last read; null when it was not read (absent, unreadable, only stat'ed). */
  digest: string | null;
}

/** The digest a record keeps of a text (the cache's one hash). */
export const digestOf = (text: string) => sha256(text);

export class RecordingWorkspace implements Workspace {
  readonly seen = new Map<string, Seen>();

  constructor(private readonly inner: Workspace) {}

  private note(file: string): Seen {
    let s = this.seen.get(file);
    if (!s) this.seen.set(file, (s = { stamp: stampOf(file), digest: null }));
    return s;
  }

  list(dir: string): Promise<string[]> {
    this.note(dir);
    return this.inner.list(dir);
  }

  async read(file: string, maxBytes?: number): Promise<string | undefined> {
    const s = this.note(file);
    const text = await this.inner.read(file, maxBytes);
    s.digest = text === undefined ? null : digestOf(text);
    return text;
  }

  readHead(file: string, bytes: number): Promise<string | undefined> {
    this.note(file);
    return this.inner.readHead(file, bytes);
  }

  stat(file: string): Promise<FileStat | undefined> {
    this.note(file);
    return this.inner.stat(file);
  }
}
