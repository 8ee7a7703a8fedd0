// PLACEHOLDER: being written in this session.
import { UsageError, type CoverageArgs } from '../args';
import type { CliIo } from '../io';

export async function runCoverage(args: CoverageArgs, _io: CliIo): Promise<number> {
  throw new UsageError(`the ${args.command} command is not available yet`);
}
