// Where a report goes: standard output, or the --output file (written
// atomically, so a CI step never reads half a report).
import { renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from './io';

export function writeReport(report: string, output: string | undefined, io: CliIo): void {
  if (!output) {
    io.stdout.write(report);
    return;
  }
  const file = path.resolve(io.cwd, output);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, report);
  renameSync(tmp, file);
}
