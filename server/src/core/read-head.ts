// The start of a file too large to read whole: enough to see its front matter,
// so a controlled document padded past the size limit still fails the run
// (controlled-text.ts). Only a regular file is read, never past `bytes`.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { decodeText } from './workspace';

/** What is read of a file too large to analyse: front matter is far shorter. */
export const HEAD_BYTES = 64 * 1024;

/** The first `bytes` of a regular file as text; undefined when it is not one, or cannot be read. */
export async function readHead(file: string, bytes = HEAD_BYTES): Promise<string | undefined> {
  // O_NONBLOCK: a FIFO put in the file's place since must not block the run.
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(() => undefined);
  if (!handle) return undefined;
  try {
    if (!(await handle.stat()).isFile()) return undefined;
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return decodeText(buffer.subarray(0, bytesRead));
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
