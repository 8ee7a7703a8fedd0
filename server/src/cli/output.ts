// Where a report goes: standard output, or the --output file (written
// atomically, so a CI step never reads half a report). The output name may be
// chosen by a hostile repository's layout (a committed link, a FIFO, a linted
// document at that name), so anything but a plain file, or a new name, is refused,
// and so is a folder on the way that is a symbolic link inside the repository
// (`-o reports/x.sarif` with `reports -> ../..` committed).
import { lstatSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';
import type { CliIo } from './io';
import { enclosingRepository, linkInRepository } from '../host/repository';
import { whyNotWritten, writeFileAtomic } from './write-file';

/** `linted`: the files this run read, which a report must never replace. */
export function writeReport(report: string, output: string | undefined, io: CliIo, linted: Iterable<string> = []): void {
  if (!output) {
    io.stdout.write(report);
    return;
  }
  const file = path.resolve(io.cwd, output);
  const refusal = linkOnTheWay(file, io.cwd) ?? whyNotReport(file, output, linted);
  if (refusal) throw new CliError(`cannot write the report to ${output}: ${refusal}`);
  try {
    writeFileAtomic(file, report);
  } catch (e) {
    throw new CliError(`cannot write the report to ${output}: ${whyNotWritten(e, output)}`);
  }
}

/** Why the report must not replace what is at `file` now, or undefined (nothing there, or an old report). */
function whyNotReport(file: string, output: string, linted: Iterable<string>): string | undefined {
  let s: Stats;
  try {
    s = lstatSync(file);
  } catch {
    return undefined; // a new file (a missing folder is said when writing)
  }
  if (s.isSymbolicLink()) return 'it is a symbolic link; name a plain file, or remove the link';
  if (s.isDirectory()) return `it is a folder; name a file, such as ${path.join(output, 'report.txt')}`;
  if (!s.isFile()) return 'it is not a regular file (a device, FIFO or socket); name a plain file';
  for (const f of linted) {
    const t = statOrUndefined(f);
    if (t && t.dev === s.dev && t.ino === s.ino) return 'it is a file being linted; name another file for the report';
  }
  return undefined;
}

/** A folder of the report's path that is a symbolic link inside the repository: the report could land anywhere. */
function linkOnTheWay(file: string, cwd: string): string | undefined {
  const link = linkInRepository(path.dirname(file), enclosingRepository(cwd) ?? cwd);
  if (!link) return undefined;
  const name = path.relative(cwd, link) || link;
  return `${name} is a symbolic link inside the repository, and qmslint writes no report through one; remove the link, or name a report path without it`;
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
