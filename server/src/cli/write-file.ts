// Every file qmslint writes goes through here: a --fix result, the -o report, a
// --cache entry. The repository being linted may be hostile (a pull request can
// commit symbolic links at any name), so a write never goes through a name it did
// not just create: the new bytes go to a temporary file with a random name made
// with exclusive creation (a link or file already there makes it fail, never
// followed), are flushed to disk, then renamed over the target. A reader, a crash
// or a kill at any moment sees the whole old file or the whole new one. On any
// failure the temporary file is removed. The file keeps its mode (and its owner,
// where we may set it). On request (--fix) a file with several hard links is
// rewritten in place so that it keeps them. Extended attributes: Node has no API for them, so they are
// kept only where the file is rewritten in place (hard links); a renamed-over
// file loses them (see docs/reliability.md).
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../core/workspace';

/** The file no longer holds the bytes the new text was made from: someone saved an edit meanwhile. */
export class ChangedMeanwhileError extends Error {
  constructor(readonly file: string) {
    super('it changed on disk while qmslint was fixing it; run qmslint --fix again');
  }
}

export interface AtomicWriteOptions {
  /** The bytes the file must still hold at the moment it is replaced; otherwise nothing is written. */
  expect?: Uint8Array;
  /**
   * A file with several hard links is rewritten in place so that every name keeps it (--fix on a
   * user's document). Off for reports and cache entries: there a second name may be anyone's file.
   */
  keepHardLinks?: boolean;
}

/**
 * Why these bytes, read from the disk, cannot be fixed as the text the lint
 * saw, or undefined when they can. Bytes that no longer decode to that text
 * were changed meanwhile (said as such, never as an encoding problem); bytes
 * whose text does not encode back to them (invalid UTF-8, UTF-16) would change
 * bytes no fix asked to change.
 */
export function whyNotFixable(bytes: Uint8Array, text: string): string | undefined {
  if (decodeText(bytes) !== text) return 'it changed on disk while qmslint was reading it; run qmslint --fix again';
  return notRoundTrip(bytes, text);
}

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

/** Replaces `file` with `data`; see the top of this file. Throws ChangedMeanwhileError, or the system's error. */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const before = lstatOrUndefined(file);
  if (options.keepHardLinks && before?.isFile() && before.nlink > 1) return rewriteInPlace(file, bytes, options.expect);
  const dir = path.dirname(file);
  // Random and hidden, not named *.md (a discovery running meanwhile never lints it); 'wx' is
  // O_CREAT|O_EXCL, which fails on any existing name, a planted link included, instead of following it.
  const tmp = path.join(dir, `.${path.basename(file).slice(0, 100)}.${randomBytes(8).toString('hex')}.qmslint-tmp`);
  // A new file gets the usual mode (0666 less the umask); a replaced one gets its old mode below.
  const fd = openSync(tmp, 'wx', before ? 0o600 : 0o666);
  let open = true;
  try {
    writeAll(fd, bytes);
    if (before?.isFile()) {
      fchmodSync(fd, before.mode & 0o7777);
      // Only root may give a file away; anyone else keeps writing their own files.
      try {
        fchownSync(fd, before.uid, before.gid);
      } catch {
        // not ours to give
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    // Last moment before the rename: an edit saved meanwhile is kept, not overwritten.
    if (options.expect && !sameBytes(file, options.expect)) throw new ChangedMeanwhileError(file);
    renameSync(tmp, file);
  } catch (e) {
    if (open) closeQuietly(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or never made
    }
    throw e;
  }
  syncDir(dir);
}

/**
 * A file with more than one name: renaming a new file over one name would cut it
 * from the others, so it is rewritten through its own descriptor (not atomically:
 * a crash mid-write leaves it partly written; fsync narrows the window). O_NOFOLLOW:
 * never through a link put at the name since we looked.
 */
function rewriteInPlace(file: string, bytes: Uint8Array, expected: Uint8Array | undefined): void {
  const fd = openSync(file, constants.O_RDWR | constants.O_NOFOLLOW);
  try {
    if (expected && !readAll(fd).equals(expected)) throw new ChangedMeanwhileError(file);
    writeAll(fd, bytes);
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
  } finally {
    closeQuietly(fd);
  }
}

/** The expected ways a file cannot be written, in the user's terms; anything else as the system says it. */
export function whyNotWritten(e: unknown, file: string): string {
  if (e instanceof ChangedMeanwhileError) return e.message;
  const err = e as NodeJS.ErrnoException;
  const folder = path.dirname(file);
  switch (err.code) {
    case 'ENOENT':
      return `the folder ${folder} does not exist; create it first`;
    case 'ENOTDIR':
      return `a part of ${folder} is a file, not a folder`;
    case 'EISDIR':
      return `it is a folder; name a file, such as ${path.join(file, 'report.txt')}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied in the folder ${folder}`;
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'ELOOP':
      return 'it is a symbolic link, which qmslint does not write through';
    default:
      return err.message ?? String(e);
  }
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** Whether the file (not followed if a link) holds exactly these bytes now. */
function sameBytes(file: string, expected: Uint8Array): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return false;
  }
  try {
    return readAll(fd).equals(expected);
  } finally {
    closeQuietly(fd);
  }
}

function readAll(fd: number): Buffer {
  const out = Buffer.alloc(fstatSync(fd).size);
  let done = 0;
  while (done < out.length) {
    const n = readSync(fd, out, done, out.length - done, done);
    if (n === 0) return out.subarray(0, done);
    done += n;
  }
  // Grown since fstat: one byte more is enough to say it differs.
  return readSync(fd, Buffer.alloc(1), 0, 1, done) ? Buffer.concat([out, Buffer.alloc(1)]) : out;
}

/** Writes every byte from the start of the file (writeSync may write fewer than asked). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, done);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing more to do with it
  }
}

/** Makes the rename itself durable; folders cannot be opened for this on every platform. */
function syncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // not supported here
  }
  closeQuietly(fd);
}
