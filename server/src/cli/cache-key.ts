// What --cache needs to trust an entry, kept out of the repository's reach:
// the key its entries are authenticated with. (Which entry files git tracks,
// never trusted whatever their MAC says, is git.ts's trackedFiles.)
//
// The key is QMSLINT_CACHE_KEY when set (CI: from a secret, so every job that
// shares the cache shares the key, and a pull request's job does not get it),
// else a random key in the user's cache folder ($XDG_CACHE_HOME/qmslint/key or
// ~/.cache/qmslint/key), made on first use, readable by the user alone.
// A key the user set that is too short to be secret stops the run; a key file
// that cannot be used turns the cache off for the run, and the caller says why.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { CliError } from './errors';

/** The shortest key accepted (hex of 16 bytes); ours are 64 hex digits (32 random bytes). */
const MIN_KEY_LENGTH = 32;

const HOW_TO_MAKE_ONE = 'make one with: openssl rand -hex 32';

/** The key entries are authenticated with, or why there is none (then the cache is not used). */
export type CacheSecret = { secret: string } | { problem: string };

/** Throws CliError when QMSLINT_CACHE_KEY is set but too short to be a secret. */
export function cacheSecret(env: NodeJS.ProcessEnv = process.env): CacheSecret {
  // Empty counts as unset: CI gives an empty value for a secret a job may not read (a fork's pull request).
  const given = env.QMSLINT_CACHE_KEY;
  if (given) {
    if (given.length < MIN_KEY_LENGTH) {
      throw new CliError(`QMSLINT_CACHE_KEY has ${given.length} characters; --cache needs a key of at least ${MIN_KEY_LENGTH} random characters (${HOW_TO_MAKE_ONE})`);
    }
    return { secret: given };
  }
  const file = keyFile(env);
  if (!file) return { problem: `there is no folder for its key (no home folder and no absolute XDG_CACHE_HOME); set QMSLINT_CACHE_KEY (${HOW_TO_MAKE_ONE})` };
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

/** The key in `file`; undefined when there is no such file (then one is made). */
function readKey(file: string): CacheSecret | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    // Nothing there (ENOTDIR: a file where a folder of its path should be): one is made, or why not is said.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { problem: `its key file ${file} cannot be read (${(e as Error).message}); make it readable by you, or delete it so that qmslint makes a new one` };
  }
  const key = text.trim();
  if (key.length < MIN_KEY_LENGTH) {
    // Not one qmslint made (a truncated or foreign file): too short to trust as a secret.
    return { problem: `its key file ${file} holds ${key.length} characters, fewer than the ${MIN_KEY_LENGTH} of a key qmslint makes; delete it so that qmslint makes a new one` };
  }
  return { secret: key };
}

/** A new random key, created exclusively (two runs at once: one creates, the other reads it). */
function createKey(file: string): CacheSecret {
  const cannot = (e: unknown): CacheSecret => ({
    problem: `its key file ${file} cannot be made (${(e as Error).message}); set XDG_CACHE_HOME to a folder you can write, or set QMSLINT_CACHE_KEY (${HOW_TO_MAKE_ONE})`,
  });
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch (e) {
    return cannot(e); // EEXIST here is a file where the folder should be
  }
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return cannot(e);
  }
  return readKey(file) ?? { problem: `its key file ${file} was made but is gone; run again` };
}
