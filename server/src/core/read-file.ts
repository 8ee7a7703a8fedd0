// The one way qmslint reads a file from disk. A repository is not trusted: a
// committed symlink may point at /dev/zero (endless), /dev/stdin (the language
// server's own protocol input, or a terminal that blocks), a FIFO (blocks on
// open) or a file too large to hold as a string. So: open without blocking,
// require a regular file by fstat on the opened descriptor (links are followed,
// so a link to a file in the repository still reads), check its size there,
// and read at most limit + 1 bytes whatever the size said.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * The most any file is read: V8 cannot hold a string much over 512 MiB, and
 * a file near that is no controlled document. A larger maxFileSize is capped here.
 */
export const MAX_READ_BYTES = 256 * 1024 * 1024;

/** The most a configuration file, standard pack or .gitignore is read: far above any real one. */
export const SETTINGS_MAX_BYTES = 4 * 1024 * 1024;

/** A file that exists but is not read: not a regular file, or larger than the limit. */
export class UnreadableFile extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'not-regular' | 'too-large',
    /** The limit the file was read against, in bytes. */
    readonly limit: number,
  ) {
    super(`${file}: ${reason === 'not-regular' ? NOT_REGULAR : `larger than ${megabytes(limit)} MB`}`);
  }

  /** Why, without the file name. */
  get detail(): string {
    return this.reason === 'not-regular' ? NOT_REGULAR : `larger than ${megabytes(this.limit)} MB, the most qmslint reads of such a file`;
  }
}

const NOT_REGULAR = 'not a regular file (a device, pipe or socket, perhaps through a symlink); qmslint reads only regular files';

export function megabytes(bytes: number): number {
  return +(bytes / 1024 / 1024).toFixed(2);
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. Windows has no such flag (nor FIFOs to open).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a regular file of at most `maxBytes` (capped at MAX_READ_BYTES);
 * undefined when there is none to read (missing, a folder, not openable), as
 * for a file that does not exist. Throws UnreadableFile for anything else.
 */
export async function readRegularFile(file: string, maxBytes: number = MAX_READ_BYTES): Promise<Buffer | undefined> {
  const cap = Math.min(maxBytes, MAX_READ_BYTES);
  const handle = await open(file, OPEN_FLAGS).catch((e: NodeJS.ErrnoException) => {
    // ENXIO: a socket (a process's standard input is often one, so /dev/stdin) or a device with nothing behind it.
    if (e.code === 'ENXIO') throw new UnreadableFile(file, 'not-regular', cap);
    return undefined;
  });
  if (!handle) return undefined;
  try {
    const s = await handle.stat();
    if (s.isDirectory()) return undefined;
    if (!s.isFile()) throw new UnreadableFile(file, 'not-regular', cap);
    if (s.size > cap) throw new UnreadableFile(file, 'too-large', cap);
    // The file may grow after fstat: read to its end, but never more than one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= cap) {
      const chunk = Buffer.alloc(Math.min(Math.max(s.size - total, 64 * 1024), cap + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > cap) throw new UnreadableFile(file, 'too-large', cap);
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/**
 * The first `bytes` of a regular file, whatever its size (what is read of a file too large to
 * analyse); undefined when it is not a regular file or cannot be read.
 */
export async function readRegularFileHead(file: string, bytes: number): Promise<Buffer | undefined> {
  const handle = await open(file, OPEN_FLAGS).catch(() => undefined);
  if (!handle) return undefined;
  try {
    if (!(await handle.stat()).isFile()) return undefined;
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
