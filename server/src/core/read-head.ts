// The start of a file too large to read whole: enough to see its front matter,
// so a controlled document padded past the size limit still fails the run
// (controlled-text.ts). Read through read-file.ts: a regular file only, never past `bytes`.
import { readRegularFileHead } from './read-file';
import { decodeText } from './workspace';

/** What is read of a file too large to analyse: front matter is far shorter. */
export const HEAD_BYTES = 64 * 1024;

/** The first `bytes` of a regular file as text; undefined when it is not one, or cannot be read. */
export async function readHead(file: string, bytes = HEAD_BYTES): Promise<string | undefined> {
  const head = await readRegularFileHead(file, bytes);
  return head === undefined ? undefined : decodeText(head);
}
