// Writing a user's file back (--fix). A reader, a crash or a kill at any moment
// sees the whole old file or the whole new one, never a mix: the new text goes
// to a temporary file beside the target, is flushed to disk, then renamed over
// it. The file keeps its mode (and its owner, where we may set it).
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Why these bytes cannot be fixed as UTF-8 text, or undefined when they can.
 * The workspace decodes files as UTF-8; writing back a decoded text whose
 * bytes differ from the file (invalid UTF-8 turned into U+FFFD, UTF-16)
 * would change bytes no fix asked to change.
 */
export function notRoundTrip(bytes: Uint8Array, text: string): string | undefined {
  if (Buffer.from(text, 'utf8').equals(bytes)) return undefined;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'it is UTF-16, and fixes are written as UTF-8 only';
  return 'it is not valid UTF-8';
}

/** Text that UTF-8 can carry as it is: no lone surrogate halves, which would be written as U+FFFD. */
export function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** Replaces `file` with `data` atomically. A symbolic link stays a link: its target is replaced. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const target = await realpath(file).catch(() => path.resolve(file));
  const before = await stat(target).catch(() => undefined);
  const dir = path.dirname(target);
  // Hidden and not named *.md, so a discovery running meanwhile never lints it.
  const tmp = path.join(dir, `.${path.basename(target).slice(0, 100)}.${process.pid}.${randomBytes(4).toString('hex')}.qmslint-tmp`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    if (before) {
      await handle.chmod(before.mode & 0o7777);
      // Only root may give a file away; anyone else keeps writing their own files.
      await handle.chown(before.uid, before.gid).catch(() => undefined);
    }
    await handle.sync();
    await handle.close();
    await rename(tmp, target);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

/** Makes the rename itself durable; folders cannot be opened for this on every platform. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}
