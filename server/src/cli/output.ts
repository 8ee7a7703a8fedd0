// Where a report goes: standard output, or the --output file (written
// atomically, so a CI step never reads half a report).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';
import type { CliIo } from './io';

export function writeReport(report: string, output: string | undefined, io: CliIo): void {
  if (!output) {
    io.stdout.write(report);
    return;
  }
  const file = path.resolve(io.cwd, output);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, report);
    renameSync(tmp, file);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // It was never made (the folder is missing or not a folder).
    }
    throw new CliError(`cannot write the report to ${output}: ${whyNotWritten(e as NodeJS.ErrnoException, output)}`);
  }
}

/** The expected ways a report file cannot be written, in the user's terms; anything else as the system says it. */
function whyNotWritten(e: NodeJS.ErrnoException, output: string): string {
  const folder = path.dirname(output);
  switch (e.code) {
    case 'ENOENT':
      return `the folder ${folder} does not exist; create it first`;
    case 'ENOTDIR':
      return `a part of ${folder} is a file, not a folder`;
    case 'EISDIR':
      return `it is a folder; name a file, such as ${path.join(output, 'report.txt')}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied in the folder ${folder}`;
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    default:
      return e.message;
  }
}
