// `qmslint coverage [paths]`: lint, then report which clauses of the chosen
// standard(s) the documents cover, in the chosen format. The matrix is the one
// the coverage-gap rule reads (core/coverage.ts), so the report and the lint
// findings cannot disagree. Findings do not change the exit code here: the
// report is the product; `qmslint` itself is the gate.
import type { CoverageMatrix } from '../../core/coverage';
import { coverageIn } from '../../core/project';
import { UsageError, type CoverageArgs } from '../args';
import { coverageFormatters } from '../../core/coverage-report';
import { buildReport } from '../../core/coverage-report/report';
import type { CliIo } from '../io';
import { lintFiles } from '../lint-files';
import { writeReport } from '../output';
import { version } from '../../../../package.json';

export async function runCoverage(args: CoverageArgs, io: CliIo): Promise<number> {
  const format = coverageFormatters[args.format];
  if (!format) throw new UsageError(`the ${args.format} format is not available for coverage`);
  const { result } = await lintFiles(args, io.cwd);
  const { config, catalog } = result;

  // The standard in force (--standard, else the config's) first, then the
  // config's further standards; each once, however it is spelled. The engine
  // has refused any of them that no pack defines.
  const wanted = [config.standard, ...config.standards];
  const matrices: CoverageMatrix[] = [];
  for (const id of wanted) {
    if (matrices.some((m) => m.standard === catalog.pack(id)!.id)) continue;
    // Citations that name no standard are read against the one in force, as the rules read them.
    matrices.push(coverageIn(result, id)!);
  }

  writeReport(format(buildReport(matrices, result.index, io.cwd, version)), args.output, io, result.files.map((f) => f.path));
  return 0;
}
