// Where the repository is, and which of its folders a write must not go
// through. A repository may commit a symbolic link where a folder is expected
// (the cache folder, or `reports` for `-o reports/x.sarif`), and a write
// through it lands anywhere.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import * as path from 'node:path';

/** The nearest folder at or above `dir` that holds `.git`; undefined outside git. */
export function enclosingRepository(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * The first symbolic link on the way to `folder` that lies inside `root`, or undefined. Links above
 * the root are the user's (macOS's /tmp is one) and are followed; one inside it may have been
 * committed. The walk ends at the first name that does not exist: nothing below it is a link yet.
 * A link made after this check is not seen (a window a committed, static repository cannot use).
 */
export function linkInRepository(folder: string, root: string): string | undefined {
  const realRoot = realOrSelf(root);
  const target = path.resolve(folder);
  let at = path.parse(target).root;
  for (const part of target.slice(at.length).split(path.sep)) {
    if (!part) continue;
    const next = path.join(at, part);
    let link: boolean;
    try {
      link = lstatSync(next).isSymbolicLink();
    } catch {
      return undefined;
    }
    if (!link) {
      at = next;
      continue;
    }
    if (isInside(next, realRoot)) return next;
    try {
      at = realpathSync(next);
    } catch {
      return undefined; // a dangling link above the root: the write itself says what is wrong
    }
  }
  return undefined;
}

/** `p` is `dir` or lies below it. */
export function isInside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

export function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
