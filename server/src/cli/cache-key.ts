// What --cache needs to trust an entry, kept out of the repository's reach:
// the key its entries are authenticated with. (Which entry files git tracks,
// never trusted whatever their MAC says, is git.ts's trackedFiles.)
//
// The key is QMSLINT_CACHE_KEY when set (CI: from a secret, so every job that
// shares the cache shares the key, and a pull request's job does not get it),
// else a random key in the user's cache folder ($XDG_CACHE_HOME/qmslint/key or
// ~/.cache/qmslint/key), made on first use, readable by the user alone.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** A key file shorter than this (hex of 16 bytes) was not made by us: no key, no cache. */
const MIN_KEY_FILE_LENGTH = 32;

/** The key entries are authenticated with; undefined when there is none (then the cache is not used). */
export function cacheSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.QMSLINT_CACHE_KEY) return env.QMSLINT_CACHE_KEY;
  const file = keyFile(env);
  if (!file) return undefined;
  return readKey(file) ?? createKey(file);
}

/** $XDG_CACHE_HOME/qmslint/key (an absolute XDG_CACHE_HOME only, as the spec says), else ~/.cache/qmslint/key. */
export function keyFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'qmslint', 'key');
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home ? path.join(home, '.cache', 'qmslint', 'key') : undefined;
}

function readKey(file: string): string | undefined {
  try {
    const key = readFileSync(file, 'utf8').trim();
    return key.length >= MIN_KEY_FILE_LENGTH ? key : undefined;
  } catch {
    return undefined;
  }
}

/** A new random key, created exclusively (two runs at once: one creates, the other reads it). */
function createKey(file: string): string | undefined {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  return readKey(file);
}
