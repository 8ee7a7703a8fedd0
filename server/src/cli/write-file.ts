// Every file qmslint writes goes through here: a --fix result, the -o report, a
// --cache entry. The repository being linted may be hostile (a pull request can
// commit symbolic links at any name), so a write never goes through a name it did
// not just create: the new bytes go to a temporary file with a random name made
// with exclusive creation (a link or file already there makes it fail, never
// followed), are flushed to disk (all but a --cache file, which needs no flush:
// its MACs catch what a crash leaves), then renamed over the target. A reader, a crash
// or a kill at any moment sees the whole old file or the whole new one. On any
// failure the temporary file is removed. The file keeps its mode (and its owner,
// where we may set it).
//
// On request (--fix on a user's document) a file whose identity a rename would
// lose is rewritten in place instead: one with several hard links, or with
// extended attributes (which also carry ACLs and SELinux labels; Node has no API
// for them, so they are listed with getfattr or xattr, see extended-attributes
// below). The old bytes are first saved to a backup beside it, so a crash in the
// middle of the rewrite loses no text (see docs/reliability.md, "Writing files").
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
import { hasExtendedAttributes } from './extended-attributes';

/** The file no longer holds the bytes the new text was made from: someone saved an edit meanwhile. */
export class ChangedMeanwhileError extends Error {
  constructor(readonly file: string) {
    super('it changed on disk while qmslint was fixing it; run qmslint --fix again');
  }
}

/**
 * A rewrite in place failed after it had started. `backup` is where the old bytes still are when
 * the file could not be put back as it was; undefined when it was (and the backup removed).
 */
export class InPlaceWriteError extends Error {
  constructor(
    readonly failure: unknown,
    readonly backup: string | undefined,
  ) {
    super((failure as Error)?.message ?? String(failure));
  }
}

export interface AtomicWriteOptions {
  /** The bytes the file must still hold at the moment it is replaced; otherwise nothing is written. */
  expect?: Uint8Array;
  /**
   * Keep what makes the file this file (--fix on a user's document): one with several hard links,
   * or with extended attributes (or whose attributes cannot be listed), is rewritten in place, so
   * every name, attribute, ACL, label, owner and the inode stay. Off for reports and cache entries:
   * there a second name may be anyone's file, and nothing of an old entry is worth keeping.
   */
  keepIdentity?: boolean;
  /**
   * Flush the bytes and the rename to disk before returning (the default). A --cache file need
   * not be: after a crash its MACs fail on whatever the disk kept, and it is ignored and rebuilt.
   */
  durable?: boolean;
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

/**
 * Replaces `file` with `data` (text, bytes, or bytes in parts written one after the other); see the
 * top of this file. Throws ChangedMeanwhileError, InPlaceWriteError, or the system's error.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[], options: AtomicWriteOptions = {}): void {
  const parts = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
  const durable = options.durable ?? true;
  const before = lstatOrUndefined(file);
  if (options.keepIdentity && before?.isFile() && (before.nlink > 1 || hasExtendedAttributes(file) !== false)) {
    return rewriteInPlace(file, parts.length === 1 ? parts[0] : Buffer.concat(parts), options.expect);
  }
  const dir = path.dirname(file);
  // Random and hidden, not named *.md (a discovery running meanwhile never lints it). A new file gets
  // the usual mode (0666 less the umask); a replaced one gets its old mode (and owner) in writeBeside.
  const tmp = writeBeside(file, 'qmslint-tmp', parts, before ? 0o600 : 0o666, before?.isFile() ? before : undefined, durable);
  try {
    // Last moment before the rename: an edit saved meanwhile is kept, not overwritten.
    if (options.expect && !sameBytes(file, options.expect)) throw new ChangedMeanwhileError(file);
    renameSync(tmp, file);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  if (durable) syncDir(dir);
}

/**
 * A new file beside `file` holding `parts` one after the other, flushed to disk (when `durable`), and its name: hidden, random, ending
 * in `.<suffix>`, made with 'wx' (O_CREAT|O_EXCL), which fails on any existing name, a planted
 * link included, instead of following it. On any failure it is removed and the error thrown.
 */
function writeBeside(file: string, suffix: string, parts: readonly Uint8Array[], mode: number, keep?: Stats, durable = true): string {
  const name = path.join(path.dirname(file), `.${path.basename(file).slice(0, 100)}.${randomBytes(8).toString('hex')}.${suffix}`);
  const fd = openSync(name, 'wx', mode);
  try {
    let at = 0;
    for (const part of parts) at = writeAll(fd, part, at);
    if (keep) {
      fchmodSync(fd, keep.mode & 0o7777);
      // Only root may give a file away; anyone else keeps writing their own files.
      try {
        fchownSync(fd, keep.uid, keep.gid);
      } catch {
        // not ours to give
      }
    }
    if (durable) fsyncSync(fd);
    closeSync(fd);
  } catch (e) {
    closeQuietly(fd);
    removeQuietly(name);
    throw e;
  }
  return name;
}

/**
 * A file whose identity a rename would lose (hard links, extended attributes) is rewritten through
 * its own descriptor, opened with O_NOFOLLOW (never through a link put at the name since we looked).
 * That is not atomic, so its old bytes first go to a backup beside it (`.<name>.<random>.qmslint-backup`,
 * flushed): a crash mid-write leaves the old text there. The backup is removed once the new bytes are
 * flushed. If the rewrite fails, the old bytes are written back from memory; InPlaceWriteError says
 * whether that worked, and where the backup is kept when it did not.
 */
function rewriteInPlace(file: string, bytes: Uint8Array, expected: Uint8Array | undefined): void {
  const fd = openSync(file, constants.O_RDWR | constants.O_NOFOLLOW);
  try {
    const old = readAll(fd);
    if (expected && !old.equals(expected)) throw new ChangedMeanwhileError(file);
    const backup = writeBeside(file, 'qmslint-backup', [old], 0o600);
    syncDir(path.dirname(file));
    try {
      writeAll(fd, bytes);
      ftruncateSync(fd, bytes.length);
      fsyncSync(fd);
    } catch (e) {
      const restored = putBack(fd, old);
      if (restored) removeQuietly(backup);
      throw new InPlaceWriteError(e, restored ? undefined : backup);
    }
    removeQuietly(backup);
  } finally {
    closeQuietly(fd);
  }
}

/** Writes `old` back over a failed rewrite; whether the file now holds exactly it (read back to be sure). */
function putBack(fd: number, old: Buffer): boolean {
  for (const step of [() => writeAll(fd, old), () => ftruncateSync(fd, old.length), () => fsyncSync(fd)]) {
    try {
      step();
    } catch {
      // the read below says whether the file is whole again (a failed write past a size limit may leave it so)
    }
  }
  try {
    return readAll(fd).equals(old);
  } catch {
    return false;
  }
}

/** The expected ways a file cannot be written, in the user's terms; anything else as the system says it. */
export function whyNotWritten(e: unknown, file: string): string {
  if (e instanceof ChangedMeanwhileError) return e.message;
  if (e instanceof InPlaceWriteError) {
    const why = whyNotWritten(e.failure, file);
    if (!e.backup) return `${why}; the file was put back as it was`;
    return `${why}; the file may be partly written, and its old text is in ${path.join(path.dirname(file), path.basename(e.backup))}`;
  }
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
    case 'EFBIG':
      // A size limit (ulimit -f) or a file system's largest file; some systems say so when the disk is full.
      return 'the file would be larger than allowed here (a file size limit, or the disk is full)';
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

/** Writes every byte at `position` (writeSync may write fewer than asked); where the bytes end. */
function writeAll(fd: number, bytes: Uint8Array, position = 0): number {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  return position + done;
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already renamed or removed
  }
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
