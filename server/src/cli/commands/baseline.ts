// `qmslint baseline [paths] [-o FILE] [--prune]`: record the findings of the
// repository as it is, by their stable fingerprints, so that `qmslint
// --baseline FILE` fails only on new ones (docs/baseline.md). With --prune,
// rewrite the file keeping only the entries that still occur, adding none.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { baselinePath, entriesOf, matchBaseline, serializeBaseline, type BaselineEntry } from '../../core/baseline';
import { visible } from '../../core/visible';
import { plural } from '../../core/words';
import type { BaselineArgs, LintArgs } from '../args';
import { baselineToWrite, checkBaselineTarget, readBaseline, rootConfig, writeBaseline } from '../baseline-file';
import { lintEvidence } from '../evidence';
import type { CliIo } from '../io';
import { lintFiles } from '../lint-files';
import { progressLine } from '../progress';
import { lintScope } from '../scope';

export async function runBaseline(args: BaselineArgs, io: CliIo): Promise<number> {
  const scope = await lintScope(args.patterns, io.cwd, args.config);
  const root = scope.root ?? io.cwd;
  const target = baselineToWrite(args.output, args.baseline, await rootConfig(root, io.cwd, args.config), io.cwd);
  checkBaselineTarget(target, root, io.cwd);
  // Paths given: only their files are judged, and the other entries of the file stay as they are.
  const whole = !scope.only;
  // --prune works on the file as it is (missing or malformed: exit 2, before the lint); so does a
  // partial recording, which keeps the other files' entries (a new file when there is none yet).
  const before = args.prune || (!whole && existsSync(target.file)) ? await readBaseline(target) : undefined;
  // The same inputs as the lint the baseline is for: approvals proven from git when the configuration requires it.
  const evidence = await lintEvidence({ ...args, command: 'lint', quiet: false, stdin: false, fix: false, fixDryRun: false } satisfies LintArgs, io.cwd, scope);
  const progress = progressLine(io);
  const { result } = await lintFiles(args, io.cwd, { ...scope, ...(evidence ? { evidence } : {}), onProgress: progress.update });
  progress.end();

  const dir = path.posix.dirname(target.file);
  if (args.prune) {
    const match = matchBaseline(result.files, before!, whole);
    writeBaseline(target, serializeBaseline(match.kept), root, io.cwd);
    const n = match.stale.length;
    io.stderr.write(`qmslint: removed ${n === 1 ? '1 entry' : `${n} entries`} no longer occurring from ${visible(target.shown)}; ${keptLine(match.kept)} kept\n`);
    return 0;
  }
  const seen = new Set(result.files.map((f) => baselinePath(dir, f.path)));
  const entries = [...(before ? before.entries.filter((e) => !seen.has(e.path)) : []), ...entriesOf(result.files, dir)];
  writeBaseline(target, serializeBaseline(entries), root, io.cwd);
  io.stderr.write(`qmslint: recorded ${keptLine(entries)} to ${visible(target.shown)}\n`);
  return 0;
}

function keptLine(entries: BaselineEntry[]): string {
  const files = new Set(entries.map((e) => e.path)).size;
  return `${entries.length === 1 ? '1 finding' : `${entries.length} findings`} in ${plural(files, 'file')}`;
}
