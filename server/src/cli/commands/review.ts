// PLACEHOLDER: being written in this session.
import { UsageError, type ReviewArgs } from '../args';
import type { CliIo } from '../io';

export async function runReview(args: ReviewArgs, _io: CliIo): Promise<number> {
  throw new UsageError(`the ${args.command} command is not available yet`);
}
