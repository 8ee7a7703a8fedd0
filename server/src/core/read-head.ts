// The start of a file too large to read whole: enough to see its front matter,
// so a controlled document padded past the size limit still fails the run
// (controlled-text.ts). Read through the workspace like every other read: on
// disk a bounded read of a regular file (host/read-file.ts), in memory or an
// editor's buffer a slice of the text.
import type { Workspace } from './workspace';

/** What is read of a file too large to analyse: front matter is far shorter. */
export const HEAD_BYTES = 64 * 1024;

/** The first `bytes` of a file as text; undefined when it is not a regular file, or cannot be read. */
export function readHead(workspace: Workspace, file: string, bytes = HEAD_BYTES): Promise<string | undefined> {
  return workspace.readHead(file, bytes);
}
