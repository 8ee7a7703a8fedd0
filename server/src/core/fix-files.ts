// Fixing a set of files as --fix does: lint, apply the fixes that go together
// in each file, lint again through the same engine, configuration and
// workspace index with the fixed texts laid over the workspace, until nothing
// more applies. Nothing is written here: callers get the texts and decide.
import { DocumentCache } from './document-cache';
import { lint, type LintOptions, type LintResult } from './engine';
import { composeEdits, fixPass } from './fixes';
import type { Finding, TextEdit } from './types';
import { OverlayWorkspace } from './workspace';

export interface FixedFile {
  path: string;
  /** The text as read (BOM included). */
  original: string;
  fixed: string;
  /** Findings whose fixes were applied, pass by pass (offsets address the text of their pass). */
  applied: Finding[];
  /** The whole change as non-overlapping edits against `original`: every other character is kept. */
  edits: TextEdit[];
}

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
}

export async function fixDocuments(options: LintOptions, fixOptions: FixOptions = {}): Promise<FixRun> {
  const maxPasses = fixOptions.maxPasses ?? 10;
  const overlay = new OverlayWorkspace(options.workspace);
  const run = { ...options, workspace: overlay, cache: options.cache ?? new DocumentCache() };
  const state = new Map<string, FixedFile>();
  const refused = new Map<string, string>();
  const asked = new Set<string>();
  let result = await lint(run);
  let pass = 0;
  for (;;) {
    const changes: FixedFile[] = [];
    for (const file of result.files) {
      if (!file.findings.some((f) => f.fix)) continue;
      if (!asked.has(file.path)) {
        asked.add(file.path);
        const reason = await fixOptions.refuse?.(file.path, file.text);
        if (reason !== undefined) refused.set(file.path, reason);
      }
      if (refused.has(file.path)) continue;
      const step = fixPass(file.text, file.findings);
      if (!step.applied.length) continue;
      const prior = state.get(file.path) ?? { path: file.path, original: file.text, fixed: file.text, applied: [], edits: [] };
      changes.push({
        ...prior,
        fixed: step.text,
        applied: [...prior.applied, ...step.applied],
        edits: composeEdits(prior.original, prior.edits, step.edits),
      });
    }
    if (!changes.length) break;
    if (pass++ === maxPasses) {
      return { files: changed(state), result, settled: false, refused };
    }
    for (const c of changes) {
      state.set(c.path, c);
      overlay.texts.set(c.path, c.fixed);
    }
    result = await lint(run);
  }
  return { files: changed(state), result, settled: true, refused };
}

/** Passes that ended where they started leave nothing to write. */
function changed(state: Map<string, FixedFile>): Map<string, FixedFile> {
  return new Map([...state].filter(([, f]) => f.fixed !== f.original));
}
