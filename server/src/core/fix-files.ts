// Fixing a set of files as --fix does: the fixpoint of fixpoint.ts, each pass
// asking one project with the fixed texts in place of the files' own (so only
// they are read and parsed again). Nothing is written here: callers get the
// texts and decide.
import { fixToFixpoint, type FixedText } from './fixpoint';
import { Project, type LintOptions, type LintResult } from './project';
import type { Finding } from './types';

/** One changed file: its text as read (BOM included), as fixed, and the change as edits against the first. */
export type FixedFile = FixedText;

export interface FixRun {
  /** The files whose text changed, by path. */
  files: Map<string, FixedFile>;
  /** The lint of the fixed texts: what remains. */
  result: LintResult;
  /** False when fixes still applied after the last pass (rules that undo each other). */
  settled: boolean;
  /** Files with fixes that were left alone, and why. */
  refused: Map<string, string>;
}

export interface FixOptions {
  /** Passes of fix-then-lint at most (default 10). */
  maxPasses?: number;
  /**
   * Asked once per file that has fixes, with its text as read: a reason not to
   * change it (writing it back would alter bytes no fix touched), or undefined.
   */
  refuse?: (path: string, text: string) => Promise<string | undefined> | string | undefined;
  /**
   * Only the fixes of the findings this accepts are applied (qmslint migrate qmsr: the QMSR's
   * exact fixes and no other rule's); the lint that is returned still has every finding.
   */
  only?: (finding: Finding) => boolean;
}

export async function fixDocuments(options: LintOptions, fixOptions: FixOptions = {}): Promise<FixRun> {
  const project = new Project(options);
  const refused = new Map<string, string>();
  const asked = new Set<string>();
  let result: LintResult | undefined;
  const fixpoint = await fixToFixpoint(
    async (fixed) => {
      result = await project.run({ ...options, texts: fixed });
      const only = fixOptions.only;
      return only ? result.files.map((f) => ({ ...f, findings: f.findings.filter(only) })) : result.files;
    },
    {
      maxPasses: fixOptions.maxPasses,
      skip: async (file, text) => {
        if (!asked.has(file)) {
          asked.add(file);
          const reason = await fixOptions.refuse?.(file, text);
          if (reason !== undefined) refused.set(file, reason);
        }
        return refused.has(file);
      },
    },
  );
  return { files: changed(fixpoint.files), result: result!, settled: fixpoint.settled, refused };
}

/** Passes that ended where they started leave nothing to write. */
function changed(state: Map<string, FixedFile>): Map<string, FixedFile> {
  return new Map([...state].filter(([, f]) => f.fixed !== f.original));
}
