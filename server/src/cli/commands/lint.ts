// `qmslint [paths]`: lint, print findings in the chosen format, set the exit code.
import { computeCoverage } from '../../core/coverage';
import { rules } from '../../core/rules';
import { UsageError, type LintArgs } from '../args';
import { formatCoverageSummary } from '../formatters/coverage-summary';
import { formatters } from '../formatters';
import type { CliIo } from '../io';
import { fixFiles } from '../fix';
import { gitFailure, readBaseVersions } from '../git';
import { lintFiles } from '../lint-files';
import { writeReport } from '../output';
import { progressLine } from '../progress';
import { stdinOptions } from '../stdin';
import { version } from '../../../../package.json';

export async function runLint(args: LintArgs, io: CliIo): Promise<number> {
  const format = formatters[args.format];
  if (!format) throw new UsageError(`the ${args.format} format is not available yet`);
  // --base: change control against a git ref (the change rules run only with it).
  let extra = {};
  try {
    if (args.base) extra = { base: await readBaseVersions(io.cwd, args.base) };
  } catch (e) {
    return gitFailure(e, io);
  }
  const progress = progressLine(io);
  const options = { ...extra, ...(args.stdin ? await stdinOptions(args, io) : {}), onProgress: progress.update };
  const run = args.fix || args.fixDryRun ? await fixFiles(args, io, options) : await lintFiles(args, io.cwd, options);
  progress.end();
  const { result } = run;
  const files = args.quiet
    ? result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') }))
    : result.files;
  let report = format(files, { cwd: io.cwd, color: io.color && !args.output, version, rules });
  // The coverage summary is about a whole workspace, not one standard-input document.
  if (args.format === 'stylish' && !args.stdin) {
    const matrix = result.index.documents.some((d) => d.controlled) ? computeCoverage(result.index, result.catalog, result.config.standard) : undefined;
    if (matrix) report += '\n' + formatCoverageSummary(matrix, { color: io.color && !args.output });
  }
  // --fix-dry-run's output is the diff alone (fixFiles wrote it); its exit code is the fixed text's.
  if (!args.fixDryRun) writeReport(report, args.output, io);
  const all = result.files.flatMap((f) => f.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (run.incomplete) return 2;
  if (errors) return 1;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr.write(`qmslint: ${warnings} warnings, more than --max-warnings ${args.maxWarnings} allows.\n`);
    return 1;
  }
  return 0;
}
