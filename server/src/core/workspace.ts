// The engine reads files only through this interface: the CLI gives it the
// disk (host/disk-workspace.ts), the language server open buffers over the
// disk, tests give it memory. Core itself never opens a file.
import * as path from 'node:path';

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
  /**
   * The first `bytes` of a file as text, whatever its size: what is seen of a
   * file too large to read (its front matter). Undefined when it is not a
   * regular file or cannot be read.
   */
  readHead(file: string, bytes: number): Promise<string | undefined>;
  stat(file: string): Promise<FileStat | undefined>;
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

  async readHead(file: string, bytes: number): Promise<string | undefined> {
    const text = this.files.get(file);
    return text === undefined ? undefined : textHead(text, bytes);
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

  async readHead(file: string, bytes: number): Promise<string | undefined> {
    const text = this.texts.get(file);
    return text === undefined ? this.base.readHead(file, bytes) : textHead(text, bytes);
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

/**
 * The first `bytes` of a text in UTF-8, as a head read of the same file on disk
 * gives them (a character cut in two at the end becomes U+FFFD there too).
 */
export function textHead(text: string, bytes: number): string {
  // Every character is at least one byte: the first `bytes` characters hold the first `bytes` bytes.
  return decodeText(new TextEncoder().encode(text.slice(0, bytes)).subarray(0, bytes));
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
