// --fix and --fix-dry-run: fix through the core (lint, apply, lint again until
// stable), then write the changed files atomically, or print the change as a
// unified diff and write nothing. What comes back is the lint of the fixed
// texts, so the report and the exit code are about what remains.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { Project, type LintOptions } from '../core/project';
import { fixDocuments, type FixedFile } from '../core/fix-files';
import { readRegularFile } from '../host/read-file';
import { OverlayWorkspace, toPosix } from '../core/workspace';
import type { LintArgs } from './args';
import type { CliIo } from './io';
import { lintOptions, type LintRun } from './lint-files';
import { writeReport } from './output';
import { ChangedMeanwhileError, isWellFormed, whyNotFixable, whyNotWritten, writeFileAtomic } from './write-file';
import { plural } from '../core/words';
import type { Finding } from '../core/types';

/** `only`: apply the fixes of these findings alone (qmslint migrate qmsr); the report still has every finding. */
export async function fixFiles(args: LintArgs, io: CliIo, extra: Partial<LintOptions> = {}, only?: (f: Finding) => boolean): Promise<LintRun> {
  const options = await lintOptions(args, io.cwd, extra);
  const bytesRead = new Map<string, Buffer>();
  const run = await fixDocuments(options, {
    only,
    refuse: async (file, text) => {
      // A text that does not come from the disk (standard input) is not written back.
      if (options.workspace instanceof OverlayWorkspace && options.workspace.texts.has(file)) return undefined;
      // Through the one reader: the file may have been swapped for a device link since it was linted.
      const bytes = await readRegularFile(file).catch(() => undefined);
      if (!bytes) return 'it could not be read';
      bytesRead.set(file, bytes);
      return whyNotFixable(bytes, text);
    },
  });
  for (const [file, reason] of run.refused) io.stderr.write(`qmslint: ${relative(file, io.cwd)}: not fixed, because ${reason}.\n`);
  if (!run.settled) io.stderr.write('qmslint: fixes kept changing the text after 10 passes; the last texts are used. Please report this as a qmslint bug.\n');
  const fixed = [...run.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const count = (files: FixedFile[]) => `${plural(files.reduce((n, f) => n + f.applied.length, 0), 'problem')} in ${plural(files.length, 'file')}`;

  if (args.fixDryRun) {
    writeReport(fixed.map((f) => unifiedDiff(f, io.cwd)).join(''), args.output, io, run.result.files.map((f) => f.path));
    io.stderr.write(`qmslint: would fix ${count(fixed)}\n`);
    return { result: run.result, workspace: options.workspace, root: options.root };
  }

  const written: FixedFile[] = [];
  let incomplete = false;
  for (const f of fixed) {
    const bytes = bytesRead.get(f.path);
    const problem = await writeProblem(f, bytes);
    if (!problem) {
      try {
        // A link the user named stays a link: its target is fixed. The writer compares the
        // target with the bytes read once more just before it replaces them.
        const target = await realpath(f.path).catch(() => f.path);
        writeFileAtomic(target, f.fixed, { expect: bytes, keepIdentity: true });
        written.push(f);
        continue;
      } catch (e) {
        incomplete = true;
        if (e instanceof ChangedMeanwhileError) io.stderr.write(`qmslint: ${relative(f.path, io.cwd)}: not fixed, because ${e.message}.\n`);
        else io.stderr.write(`qmslint: ${relative(f.path, io.cwd)}: could not write the fixes: ${whyNotWritten(e, relative(f.path, io.cwd))}\n`);
        continue;
      }
    }
    incomplete = true;
    io.stderr.write(`qmslint: ${relative(f.path, io.cwd)}: not fixed, because ${problem}.\n`);
  }
  io.stderr.write(`qmslint: fixed ${count(written)}\n`);
  // When a file could not be written, the report says what is on disk.
  const result = incomplete ? await new Project(options).run(options) : run.result;
  return { result, workspace: options.workspace, root: options.root, incomplete };
}

/** Why this fixed text must not be written now, or undefined. */
async function writeProblem(f: FixedFile, bytes: Buffer | undefined): Promise<string | undefined> {
  if (!bytes) return 'it does not come from a file';
  if (!isWellFormed(f.fixed)) return 'a fix produced text that is not valid Unicode (a qmslint bug; please report it)';
  const now = await readRegularFile(f.path).catch(() => undefined);
  if (!now || !now.equals(bytes)) return 'it changed on disk while qmslint was fixing it; run qmslint --fix again';
  return undefined;
}

/** The change to one file as a unified diff that `git apply` takes, paths relative to the working folder. */
export function unifiedDiff(f: FixedFile, cwd: string): string {
  const rel = relative(f.path, cwd);
  return createTwoFilesPatch(`a/${rel}`, `b/${rel}`, f.original, f.fixed, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}

function relative(file: string, cwd: string): string {
  return path.posix.relative(toPosix(cwd), file) || path.posix.basename(file);
}
