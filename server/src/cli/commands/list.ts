// `qmslint list [paths]`: the document master list (core/master-list) of the files the run
// selects, in the chosen format, to standard output or -o FILE. A list is a report, not a lint:
// findings do not change the exit code (0 when the list is written, 2 when it cannot be made).
// Files that could not be read in full are named on standard error, since their rows are
// missing or incomplete, and the list is still written.
import * as path from 'node:path';
import { ConfigResolver } from '../../core/config';
import { masterListFormatters } from '../../core/master-list';
import { buildMasterList } from '../../core/master-list/rows';
import { visible } from '../../core/visible';
import { toPosix } from '../../core/workspace';
import { DiskWorkspace } from '../../host/disk-workspace';
import { UsageError, type ListArgs } from '../args';
import type { CliIo } from '../io';
import { lintFiles } from '../lint-files';
import { writeReport } from '../output';
import { version } from '../../../../package.json';

/** Why a file was not read in full: then what the list says of it cannot be trusted. */
const UNREAD = new Set(['file-too-large', 'file-binary', 'file-too-complex', 'front-matter-syntax']);

export async function runList(args: ListArgs, io: CliIo): Promise<number> {
  if (!Object.hasOwn(masterListFormatters, args.format)) throw new UsageError(`the ${args.format} format is not available for list`);
  const format = masterListFormatters[args.format];
  // A workspace of its own turns off the --cache's warm run, which answers from each document's
  // stored facts: they hold no owner, approvals or training. The cached analyses are still used.
  const workspace = new DiskWorkspace();
  const { result, root } = await lintFiles(args, io.cwd, { workspace });
  // Each document's own configuration (training per type, review period): the one --config names, else its nearest.
  const resolver = new ConfigResolver(workspace, root, args.config ? result.config : undefined);
  const rows = await buildMasterList(result, toPosix(io.cwd), resolver);

  const unread = result.files.filter((f) => f.findings.some((x) => x.severity === 'error' && UNREAD.has(x.ruleId)));
  if (unread.length) {
    const names = unread.map((f) => visible(path.posix.relative(toPosix(io.cwd), f.path) || f.path));
    const n = unread.length;
    io.stderr.write(
      `qmslint: ${n === 1 ? '1 file was' : `${n} files were`} not read in full, so ${n === 1 ? 'its row is' : 'their rows are'} missing or incomplete: ${names.join(', ')}; run qmslint on ${n === 1 ? 'it' : 'them'} to see why\n`,
    );
  }
  writeReport(format(rows, version), args.output, io, result.files.map((f) => f.path));
  return 0;
}
