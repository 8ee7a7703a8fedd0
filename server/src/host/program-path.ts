// The programs qmslint runs (git; getfattr or xattr for --fix) are found on
// the user's PATH, but never in a folder a repository could have put a program
// of that name in. npm and npx put <repository>/node_modules/.bin first on
// PATH, so `npx qmslint --base main` in a pull request's checkout would
// otherwise run a `git` the pull request committed.
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { enclosingRepository, isInside, realOrSelf } from './repository';

const found = new Map<string, string | undefined>();

/**
 * The absolute path of `name` on PATH, skipping relative entries (they resolve
 * in the working folder) and folders inside the repository of the working
 * folder or of any folder in `near` (outside git: inside those folders
 * themselves). Undefined when there is none.
 */
export function programOnPath(name: string, near: string[] = []): string | undefined {
  const repositories = [process.cwd(), ...near].map((d) => realOrSelf(enclosingRepository(d) ?? path.resolve(d)));
  const key = [name, ...repositories].join('\0');
  if (!found.has(key)) found.set(key, search(name, repositories));
  return found.get(key);
}

function search(name: string, repositories: string[]): string | undefined {
  // Windows finds git as git.exe (or .cmd): try the extensions it would.
  const names = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').map((ext) => name + ext.toLowerCase()) : [name];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const real = realOrSelf(dir);
    if (repositories.some((r) => isInside(real, r))) continue;
    for (const n of names) {
      const candidate = path.join(real, n);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
