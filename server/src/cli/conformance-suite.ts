// Reading the conformance suite shipped with qmslint (conformance/ beside out/, in the repository
// and in an installed package alike) from disk, for core/validation: every regular file under it,
// read through the one bounded reader. A link or anything but a file or folder in it means the
// installation was altered, so the run stops rather than validate something else.
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { readRegularFile } from '../host/read-file';
import { decodeText, toPosix } from '../core/workspace';
import { CliError } from './errors';

/** The suite folder of the bundle running now: out/cli.js -> conformance/. */
export function suiteFolder(bundle: string): string {
  return path.resolve(path.dirname(bundle), '..', 'conformance');
}

/** Every file of the suite, relative POSIX path -> text. */
export async function readSuiteFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (e) {
      if (folder === dir && (e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`the conformance suite is missing: no folder ${dir} beside this qmslint; reinstall qmslint`);
      throw new CliError(`cannot read the conformance suite at ${folder}: ${(e as Error).message}`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (entry.isFile()) {
        const bytes = await readRegularFile(file).catch((e: Error) => {
          throw new CliError(`cannot read ${file} of the conformance suite: ${e.message}`);
        });
        if (bytes) files.set(toPosix(path.relative(dir, file)), decodeText(bytes));
      } else throw new CliError(`${file} in the conformance suite is not a plain file or folder (a link?); reinstall qmslint`);
    }
  };
  await walk(dir);
  return files;
}
