// --stdin: lint standard input as if it were the file at --stdin-filename
// (default `<stdin>.md` in the working folder). The text is laid over the
// disk, so the config lookup and every other document come from disk: the
// Markdown files of the repository it belongs to (see scope.ts) build the
// index, so references to them resolve and duplicate ids are found, and only
// the standard-input file is reported, with the workspace findings it would
// get in a whole run.
import * as path from 'node:path';
import type { LintOptions } from '../core/project';
import { OverlayWorkspace, toPosix } from '../core/workspace';
import { DiskWorkspace } from '../host/disk-workspace';
import type { LintArgs } from './args';
import { discoverFiles } from '../host/discover';
import type { CliIo } from './io';
import { repositoryRoot } from './scope';

export const STDIN_DEFAULT_NAME = '<stdin>.md';

export async function stdinOptions(args: LintArgs, io: CliIo): Promise<Partial<LintOptions>> {
  const file = toPosix(path.resolve(io.cwd, args.stdinFilename ?? STDIN_DEFAULT_NAME));
  const text = await io.readStdin();
  const root = await repositoryRoot(file, io.cwd, args.config);
  const files = [...new Set([...(await discoverFiles([root], root)), file])].sort();
  return { workspace: new OverlayWorkspace(new DiskWorkspace(), [[file, text]]), files, root, only: [file], workspaceRules: true };
}
