// The qmslint command: parse arguments, run the command, map failures to exit
// codes. Exit codes: 0 no errors, 1 errors found, 2 could not run.
import { ConfigError } from '../core/config';
import { OptionError } from '../core/config-names';
import { PackError } from '../core/catalog-cache';
import { parseCliArgs, USAGE, UsageError } from './args';
import { runApprovals } from './commands/approvals';
import { runCoverage } from './commands/coverage';
import { runLint } from './commands/lint';
import { runBaseline } from './commands/baseline';
import { runList } from './commands/list';
import { runMigrate } from './commands/migrate';
import { runReview } from './commands/review';
import { runStandards } from './commands/standards';
import { runValidate } from './commands/validate';
import { CliError } from './errors';
import { SelectionError } from '../host/discover';
import { visible } from '../core/visible';
import { processIo, type CliIo } from './io';
import { boundHeapGrowth } from './heap';
import { isAnalysisWorker, runAnalysisWorker } from '../host/worker-pool';
import { version } from '../../../package.json';

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if ('notes' in args) for (const note of args.notes ?? []) io.stderr.write(`qmslint: ${note}\n`);
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
      case 'baseline':
        return await runBaseline(args, io);
      case 'coverage':
        return await runCoverage(args, io);
      case 'list':
        return await runList(args, io);
      case 'review':
        return await runReview(args, io);
      case 'approvals':
        return await runApprovals(args, io);
      case 'migrate':
        return await runMigrate(args, io);
      case 'validate':
        return await runValidate(args, io);
    }
  } catch (e) {
    // One line, as ESLint does: the problem, then where the options are listed (not the whole list).
    if (e instanceof UsageError) {
      io.stderr.write(`qmslint: ${e.message.replace(/[.:]$/, '')}; see qmslint --help\n`);
      return 2;
    }
    // What the host's discovery could not select (a missing path, a pattern matching nothing) is the user's to fix, as a CliError is.
    if (e instanceof CliError || e instanceof SelectionError) {
      io.stderr.write(`qmslint: ${visible(e.message)}\n`);
      return 2;
    }
    if (e instanceof OptionError) {
      io.stderr.write(`qmslint: --${e.option}: ${visible(e.detail)}\n`);
      return 2;
    }
    if (e instanceof ConfigError || e instanceof PackError) {
      // Values quoted from the repository's files, shown (visible.ts); a PackError's own line breaks between its errors stay.
      io.stderr.write(`qmslint: invalid configuration: ${(e instanceof PackError ? e.message.split('\n') : [e.message]).map(visible).join('\n')}\n`);
      return 2;
    }
    io.stderr.write(`qmslint: internal error: ${(e as Error).message}\nPlease report this with the command you ran.\n`);
    return 2;
  }
}

if (isAnalysisWorker()) {
  // This bundle started again as a thread of --jobs: analyse what the main thread sends.
  runAnalysisWorker();
} else if (require.main === module) {
  // A reader that stops early (`qmslint | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // A one-shot command: its heap stays near what it holds (heap.ts).
  boundHeapGrowth();
  main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
