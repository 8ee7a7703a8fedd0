// One conformance case run through the engine as `qmslint --fix` runs a repository: a Project over
// the case's files (in memory, so no configuration, .gitignore or node_modules rule around the
// installed package can change what the case sees), its base versions as --base would give them,
// its approval evidence as the CLI reads it from git, then the fixes to their fixpoint.
import * as path from 'node:path';
import type { BaseVersion } from '../check';
import type { ConfigOverrides } from '../config';
import { fixDocuments } from '../fix-files';
import { Project, type LintOptions } from '../project';
import { MemoryWorkspace } from '../workspace';
import type { ConformanceCase, ExpectedFinding } from './suite';

/** A finding as the case's expectation speaks of it (the whole message, where the expectation holds a part). */
export type CaseFinding = ExpectedFinding;

export interface CaseOutcome {
  findings: CaseFinding[];
  /** Each input file's text after the fixes (the text as read when none applied). */
  fixed: Record<string, string>;
}

/** Each case has a folder of its own in memory: findings' paths are relative to it. */
const ROOT = '/qmslint-conformance';

const MARKDOWN = /\.(md|markdown)$/i;

/** Runs `c` with `overrides` laid over its own configuration (the user's rules, or nothing for the defaults). */
export async function runCase(c: ConformanceCase, overrides?: ConfigOverrides): Promise<CaseOutcome> {
  const root = `${ROOT}/${c.name}/input`;
  const abs = (rel: string) => path.posix.join(root, rel);
  const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(c.input).map(([rel, text]) => [abs(rel), text])));
  const docs = Object.keys(c.input).filter((rel) => MARKDOWN.test(rel)).sort();
  const options: LintOptions = {
    workspace,
    files: docs.map(abs),
    root,
    today: c.expected.today,
    ...(overrides ? { overrides } : {}),
    ...(c.base ? { base: baseVersions(c.base, docs, c.input, abs) } : {}),
    ...(c.evidence ? { evidence: new Map(Object.entries(c.evidence).map(([rel, h]) => [abs(rel), h])) } : {}),
  };
  // The findings of the texts as given, then the fixes to their fixpoint, each by its own project as the CLI does.
  const result = await new Project(options).run(options);
  const fixRun = await fixDocuments(options);
  const findings: CaseFinding[] = result.files.flatMap((f) =>
    f.findings.map((x) => ({ rule: x.ruleId, file: path.posix.relative(root, f.path), line: x.line, column: x.column, severity: x.severity, message: x.message })),
  );
  const fixed: Record<string, string> = {};
  for (const [file, text] of Object.entries(c.input)) fixed[file] = fixRun.files.get(abs(file))?.fixed ?? text;
  return { findings, fixed };
}

/** As --base gives them: a changed document's base text, null for one new at the base, nothing for one unchanged. */
function baseVersions(base: Record<string, string>, docs: string[], input: Record<string, string>, abs: (rel: string) => string): Map<string, BaseVersion | null> {
  const out = new Map<string, BaseVersion | null>();
  for (const doc of docs) {
    const text = base[doc];
    if (text === undefined) out.set(abs(doc), null);
    else if (text !== input[doc]) out.set(abs(doc), { path: abs(doc), text });
  }
  return out;
}
