// The engine reads files only through this interface: the CLI gives it the
// disk, the language server open buffers over the disk, tests give it memory.
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { readRegularFile } from './read-file';

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
}

export interface Workspace {
  /** Absolute paths (POSIX separators) of the entries of a folder; empty when it does not exist. */
  list(dir: string): Promise<string[]>;
  /**
   * The text of a file, or undefined when it does not exist (or is a folder). On
   * disk, only a regular file of at most maxBytes (MAX_READ_BYTES when not given)
   * is read; any other, or one the system will not open (a link loop, permission
   * denied), throws UnreadableFile.
   */
  read(file: string, maxBytes?: number): Promise<string | undefined>;
  stat(file: string): Promise<FileStat | undefined>;
}

export class DiskWorkspace implements Workspace {
  async list(dir: string): Promise<string[]> {
    try {
      return (await readdir(dir)).map((name) => path.posix.join(toPosix(dir), name));
    } catch {
      return [];
    }
  }

  async read(file: string, maxBytes?: number): Promise<string | undefined> {
    const bytes = await readRegularFile(file, maxBytes);
    return bytes && decodeText(bytes);
  }

  async stat(file: string): Promise<FileStat | undefined> {
    try {
      const s = await stat(file);
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size };
    } catch {
      return undefined;
    }
  }
}

/** Files in memory, keyed by absolute POSIX path: for tests and unsaved buffers. */
export class MemoryWorkspace implements Workspace {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [p, text] of Object.entries(files)) this.files.set(path.posix.resolve('/', p), text);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    const out = new Set<string>();
    for (const p of this.files.keys()) {
      if (p.startsWith(prefix)) out.add(prefix + p.slice(prefix.length).split('/')[0]);
    }
    return [...out];
  }

  async read(file: string): Promise<string | undefined> {
    return this.files.get(file);
  }

  async stat(file: string): Promise<FileStat | undefined> {
    const text = this.files.get(file);
    if (text !== undefined) return { isFile: true, isDirectory: false, size: text.length };
    const prefix = file.endsWith('/') ? file : file + '/';
    for (const p of this.files.keys()) if (p.startsWith(prefix)) return { isFile: false, isDirectory: true, size: 0 };
    return undefined;
  }
}

/**
 * Texts laid over another workspace: standard input, unsaved buffers, fixed
 * texts not yet written. Reads see the overlay first; everything else is the base's.
 */
export class OverlayWorkspace implements Workspace {
  readonly texts = new Map<string, string>();

  constructor(
    readonly base: Workspace,
    texts: Iterable<[string, string]> = [],
  ) {
    for (const [p, text] of texts) this.texts.set(p, text);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    const out = new Set(await this.base.list(dir));
    for (const p of this.texts.keys()) {
      if (p.startsWith(prefix)) out.add(prefix + p.slice(prefix.length).split('/')[0]);
    }
    return [...out];
  }

  async read(file: string, maxBytes?: number): Promise<string | undefined> {
    return this.texts.has(file) ? this.texts.get(file) : this.base.read(file, maxBytes);
  }

  async stat(file: string): Promise<FileStat | undefined> {
    const text = this.texts.get(file);
    if (text !== undefined) return { isFile: true, isDirectory: false, size: new TextEncoder().encode(text).length };
    const found = await this.base.stat(file);
    if (found) return found;
    const prefix = file.endsWith('/') ? file : file + '/';
    for (const p of this.texts.keys()) if (p.startsWith(prefix)) return { isFile: false, isDirectory: true, size: 0 };
    return undefined;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * UTF-8 text of a file. Bytes that are not valid UTF-8 become U+FFFD; callers
 * detect binary content separately (see isBinary).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  // ignoreBOM keeps a BOM in the text, so fixes can write it back untouched.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
