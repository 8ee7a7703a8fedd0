// The one fixpoint of fixes, for CLI --fix (core/fix-files.ts, every file of
// the run at once) and the editor's Fix All (one file): lint, apply in each
// file the fixes that go together, lint the fixed texts again, until nothing
// more applies or the pass limit is reached. Only the loop lives here; how to
// lint a set of texts is the caller's, so the doors cannot differ in how
// often they fix, only in what they lint.
import { composeEdits, fixPass } from './fixes';
import type { Finding, TextEdit } from './types';

/** One file as a lint saw it. */
export interface LintedText {
  path: string;
  /** The text linted (BOM included). */
  text: string;
  findings: Finding[];
}

export interface FixedText {
  path: string;
  /** The text as first linted (BOM included). */
  original: string;
  fixed: string;
  /** Findings whose fixes were applied, pass by pass (offsets address the text of their pass). */
  applied: Finding[];
  /** The whole change as non-overlapping edits against `original`: every other character is kept. */
  edits: TextEdit[];
}

export interface FixpointResult {
  /** Every file a fix was applied to, by path (its text may have come back to the original). */
  files: Map<string, FixedText>;
  /** False when fixes still applied after the last pass (rules that undo each other). */
  settled: boolean;
}

export interface FixpointOptions {
  /** Passes of fix-then-lint at most (default 10). */
  maxPasses?: number;
  /** Asked for each file that has fixes, with the text linted: true leaves the file alone. */
  skip?: (path: string, text: string) => boolean | Promise<boolean>;
}

export const MAX_FIX_PASSES = 10;

/**
 * `lint(fixed)`: the files linted with `fixed` (path -> text, the files changed so far) in place of
 * their own texts; called first with no changes. Pure apart from what `lint` does.
 */
export async function fixToFixpoint(lint: (fixed: ReadonlyMap<string, string>) => Promise<LintedText[]>, options: FixpointOptions = {}): Promise<FixpointResult> {
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  const state = new Map<string, FixedText>();
  let files = await lint(new Map());
  for (let pass = 0; ; pass++) {
    const changes: FixedText[] = [];
    for (const file of files) {
      if (!file.findings.some((f) => f.fix)) continue;
      if (await options.skip?.(file.path, file.text)) continue;
      const step = fixPass(file.text, file.findings);
      if (!step.applied.length) continue;
      const prior = state.get(file.path) ?? { path: file.path, original: file.text, fixed: file.text, applied: [], edits: [] };
      changes.push({ ...prior, fixed: step.text, applied: [...prior.applied, ...step.applied], edits: composeEdits(prior.original, prior.edits, step.edits) });
    }
    if (!changes.length) return { files: state, settled: true };
    // The changes of this pass are not taken: a run that has not settled keeps the texts of its last full pass.
    if (pass === maxPasses) return { files: state, settled: false };
    for (const c of changes) state.set(c.path, c);
    files = await lint(new Map([...state].map(([p, f]) => [p, f.fixed] as const)));
  }
}

export interface FixTextResult {
  text: string;
  /** Every finding whose fix was applied, pass by pass (each fix's offsets address the text of its pass). */
  applied: Finding[];
  /** The same change as one list of edits against the original text. */
  edits: TextEdit[];
  /** False when fixes still applied after the last pass. */
  settled: boolean;
}

/**
 * Fixes one text until it is stable (the editor's Fix All): the fixpoint above for one file, with
 * `relint` linting a text of it. A fix applied twice changes nothing the second time, because the
 * second lint no longer reports it.
 */
export async function fixText(text: string, relint: (text: string) => Finding[] | Promise<Finding[]>, maxPasses = MAX_FIX_PASSES): Promise<FixTextResult> {
  const run = await fixToFixpoint(
    async (fixed) => {
      const current = fixed.get('') ?? text;
      return [{ path: '', text: current, findings: await relint(current) }];
    },
    { maxPasses },
  );
  const file = run.files.get('');
  return { text: file?.fixed ?? text, applied: file?.applied ?? [], edits: file?.edits ?? [], settled: run.settled };
}
