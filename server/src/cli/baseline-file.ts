// The baseline file on disk, for `qmslint --baseline` and `qmslint baseline`
// (docs/baseline.md): which file a run uses, reading it through the one
// bounded reader, and writing it as reports are written (atomically, never
// through a symbolic link, never outside the repository it describes).
import { lstatSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { BaselineError, configuredBaseline, DEFAULT_BASELINE_FILE, loadBaseline, type Baseline } from '../core/baseline';
import { ConfigResolver, parseConfig, readConfigText, type Config } from '../core/config';
import { toPosix } from '../core/workspace';
import { DiskWorkspace } from '../host/disk-workspace';
import { enclosingRepository, isInside, linkInRepository, realOrSelf } from '../host/repository';
import { CliError } from './errors';
import { whyNotWritten, writeFileAtomic } from './write-file';

/** A baseline file: where it is (absolute, POSIX) and how messages name it (as the user wrote it, or relative to the current folder). */
export interface BaselineTarget {
  file: string;
  shown: string;
}

/** The configuration at the root of the run (the one the engine reports the workspace findings with). */
export async function rootConfig(root: string, cwd: string, configOption: string | undefined): Promise<Config> {
  const workspace = new DiskWorkspace();
  if (!configOption) return new ConfigResolver(workspace, root).forDir(root);
  const file = toPosix(path.resolve(cwd, configOption));
  const text = await readConfigText(workspace, file);
  if (text === undefined) throw new CliError(`config file not found: ${configOption}`);
  return parseConfig(text, file);
}

/**
 * The baseline a run names: --baseline (relative to the current folder), else `baseline:` in the
 * root configuration (relative to its folder, and inside it), else none.
 */
export function namedBaseline(option: string | undefined, config: Config, cwd: string): BaselineTarget | undefined {
  if (option !== undefined) return { file: toPosix(path.resolve(cwd, option)), shown: option };
  const file = configuredBaseline(config);
  return file ? { file, shown: shownPath(file, cwd) } : undefined;
}

/** Where `qmslint baseline` writes: -o, else --baseline, else the configuration's, else .qmslint-baseline.json here. */
export function baselineToWrite(output: string | undefined, option: string | undefined, config: Config, cwd: string): BaselineTarget {
  if (output !== undefined) return { file: toPosix(path.resolve(cwd, output)), shown: output };
  return namedBaseline(option, config, cwd) ?? { file: toPosix(path.resolve(cwd, DEFAULT_BASELINE_FILE)), shown: DEFAULT_BASELINE_FILE };
}

function shownPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/**
 * Reads a baseline; a missing, unreadable or malformed one is a CliError naming it (exit 2). One
 * that `baseline:` names must not be a link out of the configuration's folder (a committed link
 * would have qmslint read, and quote errors about, any file of the machine).
 */
export async function readBaseline(target: BaselineTarget, confinedTo?: string): Promise<Baseline> {
  if (confinedTo && !isInside(realOrSelf(target.file), realOrSelf(confinedTo))) {
    throw new CliError(`${target.shown}: the baseline is a symbolic link to outside the repository; make it a plain file inside it`);
  }
  try {
    return await loadBaseline(new DiskWorkspace(), target.file, target.shown);
  } catch (e) {
    if (e instanceof BaselineError) throw new CliError(e.message);
    throw e;
  }
}

/**
 * Writes the baseline's text atomically, refusing what `-o` refuses for a report (a link at the
 * name or on the way inside the repository, a folder, a device) and any place outside `root`,
 * the repository whose files the entries name relative to the baseline's folder.
 */
export function writeBaseline(target: BaselineTarget, text: string, root: string, cwd: string): void {
  checkBaselineTarget(target, root, cwd);
  try {
    writeFileAtomic(target.file, text);
  } catch (e) {
    throw new CliError(`cannot write the baseline to ${target.shown}: ${whyNotWritten(e, target.shown)}`);
  }
}

/** Throws the CliError writeBaseline would, so a run that cannot write its file stops before it lints. */
export function checkBaselineTarget(target: BaselineTarget, root: string, cwd: string): void {
  const refusal = whyNotBaseline(target.file, root, cwd);
  if (refusal) throw new CliError(`cannot write the baseline to ${target.shown}: ${refusal}`);
}

function whyNotBaseline(file: string, root: string, cwd: string): string | undefined {
  if (!isInside(path.resolve(file), path.resolve(root))) return `it is outside the repository (${root}); keep the baseline inside it, e.g. ${path.join(root, DEFAULT_BASELINE_FILE)}`;
  const link = linkInRepository(path.dirname(file), enclosingRepository(cwd) ?? root);
  if (link) return `${path.relative(cwd, link) || link} is a symbolic link inside the repository, and qmslint writes nothing through one; remove the link, or name a path without it`;
  let s: Stats;
  try {
    s = lstatSync(file);
  } catch {
    return undefined; // a new file; a missing folder is said when writing
  }
  if (s.isSymbolicLink()) return 'it is a symbolic link; name a plain file, or remove the link';
  if (s.isDirectory()) return `it is a folder; name a file, such as ${path.join(file, DEFAULT_BASELINE_FILE)}`;
  if (!s.isFile()) return 'it is not a regular file (a device, FIFO or socket); name a plain file';
  return undefined;
}
