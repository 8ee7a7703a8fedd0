// The one way qmslint reads a file from disk. A repository is not trusted: a
// committed symlink may point at /dev/zero (endless), /dev/stdin (the language
// server's own protocol input, or a terminal that blocks), a FIFO (blocks on
// open) or a file too large to hold as a string. So: open without blocking,
// require a regular file by fstat on the opened descriptor (links are followed,
// so a link to a file in the repository still reads), check its size there,
// and read at most limit + 1 bytes whatever the size said. The limits and the
// error are core's (core/read-limits.ts): every workspace reports them alike.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { MAX_READ_BYTES, UnreadableFile } from '../core/read-limits';

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. Windows has no such flag (nor FIFOs to open).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

// What opening a path that holds no file says: nothing there (ENOENT), a file where the path needs a
// folder (ENOTDIR: `sop.md/.qmslint.yaml`), a folder (EISDIR, where the system will not open one).
const NO_FILE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * The bytes of a regular file of at most `maxBytes` (capped at MAX_READ_BYTES);
 * undefined when there is no file (missing, or a folder). Throws UnreadableFile
 * for anything else: a path that is not a regular file, a file over the limit,
 * or one the system would not open (a link loop, permission denied, a path too
 * long): what cannot be read must not pass for absent, or a configuration
 * would silently fall back to the defaults.
 */
export async function readRegularFile(file: string, maxBytes: number = MAX_READ_BYTES): Promise<Buffer | undefined> {
  const cap = Math.min(maxBytes, MAX_READ_BYTES);
  const handle = await open(file, OPEN_FLAGS).catch((e: NodeJS.ErrnoException) => {
    if (e.code && NO_FILE.has(e.code)) return undefined;
    // ENXIO: a socket (a process's standard input is often one, so /dev/stdin) or a device with nothing behind it.
    if (e.code === 'ENXIO') throw new UnreadableFile(file, 'not-regular', cap);
    throw new UnreadableFile(file, 'unopenable', cap, e.code);
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
