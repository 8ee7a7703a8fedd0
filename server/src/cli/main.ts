// The qmslint command. A thin adapter: it finds files, calls the core engine
// and prints. Exit codes: 0 no errors, 1 errors found, 2 could not run.
import * as path from 'node:path';
import { ConfigError, parseConfig } from '../core/config';
import { lint, PackError } from '../core/engine';
import { todayIso } from '../core/dates';
import { DiskWorkspace, toPosix } from '../core/workspace';
import { parseCliArgs, USAGE, UsageError, type LintArgs } from './args';
import { discoverFiles } from './discover';
import { computeCoverage } from '../core/coverage';
import { formatCoverageSummary } from './formatters/coverage-summary';
import { formatJson } from './formatters/json';
import { formatStylish } from './formatters/stylish';
import { runStandards } from './standards';
import { version } from '../../../package.json';

export async function main(argv: string[], io: { cwd: string; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; color: boolean }): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout.write(USAGE + '\n');
        return 0;
      case 'version':
        io.stdout.write(version + '\n');
        return 0;
      case 'standards':
        io.stdout.write(runStandards(args));
        return 0;
      case 'lint':
        return await runLint(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`qmslint: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof ConfigError || e instanceof PackError) {
      io.stderr.write(`qmslint: invalid configuration: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`qmslint: internal error: ${(e as Error).message}\nPlease report this with the command you ran.\n`);
    return 2;
  }
}

async function runLint(args: LintArgs, io: { cwd: string; stdout: NodeJS.WritableStream; color: boolean }): Promise<number> {
  const workspace = new DiskWorkspace();
  const files = await discoverFiles(args.patterns, io.cwd);
  const root = commonDir(files.length ? files : [toPosix(path.resolve(io.cwd, args.patterns[0]))], io.cwd);
  let config;
  if (args.config) {
    const file = toPosix(path.resolve(io.cwd, args.config));
    const text = await workspace.read(file);
    if (text === undefined) throw new UsageError(`config file not found: ${args.config}`);
    config = parseConfig(text, file);
  }
  const result = await lint({
    workspace,
    files,
    root,
    config,
    standard: args.standard,
    today: args.today ?? todayIso(),
    maxFileSize: args.maxFileSize,
  });
  if (args.format === 'json') io.stdout.write(formatJson(result.files));
  else {
    io.stdout.write(formatStylish(result.files, io.cwd, { color: io.color }));
    const matrix = result.index.documents.some((d) => d.controlled) ? computeCoverage(result.index, result.catalog, result.config.standard) : undefined;
    if (matrix) io.stdout.write('\n' + formatCoverageSummary(matrix, { color: io.color }));
  }
  return result.files.some((f) => f.findings.some((x) => x.severity === 'error')) ? 1 : 0;
}

/** The deepest folder containing every file: the root of the lint. */
function commonDir(files: string[], cwd: string): string {
  const dirs = files.map((f) => path.posix.dirname(f).split('/'));
  const first = dirs[0] ?? toPosix(cwd).split('/');
  let n = first.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && d[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/') || '/';
}

if (require.main === module) {
  // A reader that stops early (`qmslint | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, color }).then((code) => {
    process.exitCode = code;
  });
}
