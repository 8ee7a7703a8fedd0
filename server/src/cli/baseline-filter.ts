// `qmslint --baseline FILE` (or `baseline:` in the root .qmslint.yaml): the
// run's findings less those the baseline holds, before any formatter sees
// them, so every format, the exit code and --max-warnings count new findings
// only. Entries that no longer occur come back as `baseline-stale` notices.
import { matchBaseline, staleFindings, type Baseline } from '../core/baseline';
import type { FileResult } from '../core/project';
import { visible } from '../core/visible';
import { plural } from '../core/words';
import { namedBaseline, readBaseline, rootConfig } from './baseline-file';
import type { CliIo } from './io';

export interface RunBaseline {
  baseline: Baseline;
  shown: string;
}

/**
 * The baseline this lint uses, read before the run (a bad one stops it with exit 2 before --fix
 * writes anything), or undefined when none is named.
 */
export async function lintBaseline(option: string | undefined, io: CliIo, root: string, configOption: string | undefined): Promise<RunBaseline | undefined> {
  const config = await rootConfig(root, io.cwd, configOption);
  const target = namedBaseline(option, config, io.cwd);
  if (!target) return undefined;
  // One the configuration names stays inside its folder; one given on the command line is the user's choice.
  const baseline = await readBaseline(target, option === undefined ? config.root : undefined);
  return { baseline, shown: target.shown };
}

/**
 * The files as the formatters get them: each with its new findings only, then the baseline file
 * with its stale entries (when the run judged any). `whole`: the run covered every file of the
 * repository, so an entry naming a file it did not see is stale too. Says on standard error how
 * many findings the baseline held, as ESLint and Psalm do, so the report is not taken for all.
 */
export function applyBaseline(files: FileResult[], run: RunBaseline, whole: boolean, io: CliIo): FileResult[] {
  const match = matchBaseline(files, run.baseline, whole);
  const stale = staleFindings(run.baseline, match.stale);
  if (match.baselined || match.stale.length) {
    const n = match.stale.length;
    const gone = n ? `; ${n === 1 ? '1 entry no longer occurs' : `${n} entries no longer occur`} (qmslint baseline --prune removes ${n === 1 ? 'it' : 'them'})` : '';
    io.stderr.write(`qmslint: ${plural(match.baselined, 'finding')} in the baseline ${visible(run.shown)} not reported${gone}\n`);
  }
  return stale ? [...match.files, stale] : match.files;
}
