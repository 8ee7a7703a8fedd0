// The baseline in the editor (docs/baseline.md): when the folder's configuration
// names one (`baseline:`), the findings it holds are shown as hints saying so,
// and new ones at their own severity, so the Problems panel shows what the CI
// gate fails on. The file is read through the folder's workspace (open buffers
// over the disk, the bounded reads of the configuration), never through a link
// out of the configuration's folder; a changed file arrives as a watched-file
// event, which invalidates that read, and is parsed again when its text differs.
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { BASELINE_MAX_BYTES, BaselineError, configuredBaseline, parseBaseline, type Baseline } from '../core/baseline';
import { ConfigResolver } from '../core/config';
import { UnreadableFile } from '../core/read-limits';
import { visible } from '../core/visible';
import type { Workspace } from '../core/workspace';
import { isInside, realOrSelf } from '../host/repository';

/** Somewhere to say, once, why a named baseline is not used (the server's log). */
export type LogOnce = (key: string, message: string) => void;

/** The last baseline parsed per file, kept while its text is the same: a keystroke parses nothing again. */
const parsed = new Map<string, Baseline>();

/**
 * The baseline the configuration at `root` names, or undefined: none named, or one that cannot be
 * used (said once in the log; the findings then show at their own severity, as without it).
 */
export async function folderBaseline(workspace: Workspace, root: string, log: LogOnce): Promise<Baseline | undefined> {
  let file: string | undefined;
  let confinedTo: string;
  try {
    const config = await new ConfigResolver(workspace, root).forDir(root);
    file = configuredBaseline(config);
    confinedTo = config.root;
  } catch {
    return undefined; // a configuration that cannot be used is reported on the configuration itself
  }
  if (!file) return undefined;
  const shown = path.posix.basename(file);
  const skip = (why: string): undefined => (log(`baseline:${file}:${why}`, `qmslint: the baseline ${visible(file)} is not used: ${visible(why)}`), undefined);
  if (!isInside(realOrSelf(file), realOrSelf(confinedTo))) return skip('it is a symbolic link to outside the repository');
  let text: string | undefined;
  try {
    text = await workspace.read(file, BASELINE_MAX_BYTES);
  } catch (e) {
    if (e instanceof UnreadableFile) return skip(`it is ${e.detail}`);
    throw e;
  }
  if (text === undefined) return skip('it does not exist; record it with qmslint baseline');
  const last = parsed.get(file);
  if (last?.text === text) return last;
  try {
    const baseline = parseBaseline(text, file, shown);
    parsed.set(file, baseline);
    return baseline;
  } catch (e) {
    if (e instanceof BaselineError) return skip(e.message);
    throw e;
  }
}

/** A finding the baseline holds: a hint, saying it is baselined, so it neither looks nor counts like a new problem. */
export function asBaselined(d: Diagnostic, baseline: Baseline): Diagnostic {
  return { ...d, severity: DiagnosticSeverity.Hint, message: `${d.message} (baselined in ${path.posix.basename(baseline.file)})` };
}
