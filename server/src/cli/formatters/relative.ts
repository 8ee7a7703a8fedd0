// File names as CI systems want them: relative to the working folder (the
// checkout), with forward slashes on every platform.
import * as path from 'node:path';

export function relativePath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  return rel || path.basename(file);
}

/** Outside the working folder: a CI system cannot map the file to the checkout. */
export function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel);
}
