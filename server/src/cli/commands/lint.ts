// `qmslint [paths]`: lint, print findings in the chosen format, set the exit code.
import { computeCoverage } from '../../core/coverage';
import { rules } from '../../core/rules';
import { UsageError, type LintArgs } from '../args';
import { formatCoverageSummary } from '../formatters/coverage-summary';
import { formatters } from '../formatters';
import type { CliIo } from '../io';
import { lintEvidence } from '../evidence';
import { fixFiles } from '../fix';
import { gitFailure, readBaseVersions } from '../git';
import { lintFiles } from '../lint-files';
import { DocumentIds } from '../moves';
import { writeReport } from '../output';
import { progressLine } from '../progress';
import { applyBaseline, lintBaseline } from '../baseline-filter';
import { lintScope } from '../scope';
import { stdinOptions } from '../stdin';
import { version } from '../../../../package.json';
import { plural } from '../../core/words';

export async function runLint(args: LintArgs, io: CliIo): Promise<number> {
  const format = formatters[args.format];
  if (!format) throw new UsageError(`the ${args.format} format is not available yet`);
  // --base: change control against a git ref (the change rules run only with it).
  let extra = {};
  try {
    if (args.base) extra = { base: await readBaseVersions(io, args.base, { ids: await DocumentIds.create(io.cwd, args.config) }) };
  } catch (e) {
    return gitFailure(e, io);
  }
  const progress = progressLine(io);
  const scope = args.stdin ? await stdinOptions(args, io) : await lintScope(args.patterns, io.cwd, args.config);
  // Read before the run: a bad baseline stops it (exit 2) before --fix writes anything.
  const baseline = await lintBaseline(args.baseline, io, scope.root ?? io.cwd, args.config);
  // approvals: {evidence: required}: the git facts the approval-unverified rule reads.
  const evidence = await lintEvidence(args, io.cwd, scope);
  const options = { ...extra, ...scope, ...(evidence ? { evidence } : {}), onProgress: progress.update };
  const run = args.fix || args.fixDryRun ? await fixFiles(args, io, options) : await lintFiles(args, io.cwd, options);
  progress.end();
  const { result } = run;
  // The baseline counts out what it holds before any formatter, count or exit code sees the findings.
  const reported = baseline ? applyBaseline(result.files, baseline, !scope.only && !args.shard, io) : result.files;
  const files = args.quiet
    ? reported.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') }))
    : reported;
  let report = format(files, { cwd: io.cwd, color: io.color && !args.output, version, rules });
  // The coverage summary is about the whole repository: not for some of its files (named ones, standard
  // input), and not under --quiet, which reports errors alone.
  if (args.format === 'stylish' && !scope.only && !args.quiet) {
    const matrix = result.index.documents.some((d) => d.controlled) ? computeCoverage(result.index, result.catalog, result.config.standard) : undefined;
    if (matrix) report += '\n' + formatCoverageSummary(matrix, { color: io.color && !args.output }, io.cwd);
  }
  // --fix-dry-run's output is the diff alone (fixFiles wrote it); its exit code is the fixed text's.
  // The report never replaces a linted file, nor the baseline it was made with.
  if (!args.fixDryRun) writeReport(report, args.output, io, [...result.files.map((f) => f.path), ...(baseline ? [baseline.baseline.file] : [])]);
  const all = reported.flatMap((f) => f.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (run.incomplete) return 2;
  if (errors) return 1;
  // As in ESLint, warnings count for --max-warnings under --quiet too, though they are not shown.
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    const hidden = args.quiet ? ' (not shown with --quiet)' : '';
    io.stderr.write(`qmslint: ${plural(warnings, 'warning')}${hidden}, more than --max-warnings ${args.maxWarnings} allows.\n`);
    return 1;
  }
  return 0;
}
