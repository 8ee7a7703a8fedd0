// What says a file is unchanged without reading it, as git's index does: its
// size, modification and change times (nanoseconds), inode and mode. A file
// changed within the same clock tick as the cache was written could keep all of
// them; git's "racy" rule: a stamp whose mtime is not older than the cache
// file's own is not trusted (the file is read again).
import { statSync } from 'node:fs';

/** The file's stamp, mtime first; null when there is nothing at the path (or it cannot be stat'ed). */
export function stampOf(file: string): string | null {
  try {
    const s = statSync(file, { bigint: true, throwIfNoEntry: false });
    return s ? `${s.mtimeNs}:${s.ctimeNs}:${s.size}:${s.ino}:${s.mode}` : null;
  } catch {
    return null;
  }
}

/** A stamp that cannot vouch for its file: taken in the tick (or after) the cache file was written. */
export function racy(stamp: string | null, cacheMtimeNs: bigint): boolean {
  return stamp !== null && BigInt(stamp.slice(0, stamp.indexOf(':'))) >= cacheMtimeNs;
}
