// The approval evidence's inputs, read for `qmslint approvals` and for a lint whose configuration
// requires evidence (the approval-unverified rule): the pull request reviews files (--reviews), the
// allowed signers (--allowed-signers), and each document's history from git (host/approval-history.ts).
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentHistory, ReviewFacts } from '../core/approvals/facts';
import { pushAll } from '../core/arrays';
import { parseReviews, ReviewsError } from '../core/approvals/reviews';
import { ConfigResolver } from '../core/config';
import type { ControlledDocument } from '../core/document';
import { Project, type LintOptions } from '../core/project';
import { UnreadableFile } from '../core/read-limits';
import { decodeText, toPosix } from '../core/workspace';
import { ApprovalHistory } from '../host/approval-history';
import { GitError } from '../host/git';
import { readRegularFile } from '../host/read-file';
import type { EvidenceArgs, LintArgs } from './args';
import { CliError } from './errors';
import { lintOptions } from './lint-files';

/** Reviews files are small; a larger one is not a reviews export. */
const MAX_REVIEWS_BYTES = 16 * 1024 * 1024;
/** Documents whose history is read at once: each is a few git processes. */
const AT_ONCE = 4;

/** Every review of the --reviews files, checked; a CliError naming the file (and line and entry) when one is bad. */
export async function readReviews(files: string[], cwd: string): Promise<ReviewFacts[]> {
  const all: ReviewFacts[] = [];
  for (const name of files) {
    let bytes: Buffer | undefined;
    try {
      bytes = await readRegularFile(path.resolve(cwd, name), MAX_REVIEWS_BYTES);
    } catch (e) {
      if (e instanceof UnreadableFile) throw new CliError(`--reviews ${name}: ${e.detail}`);
      throw e;
    }
    if (!bytes) throw new CliError(`--reviews ${name}: no such file; export the reviews first, e.g. gh api repos/OWNER/REPO/pulls/N/reviews > ${name}`);
    try {
      pushAll(all, parseReviews(decodeText(bytes), name));
    } catch (e) {
      if (e instanceof ReviewsError) throw new CliError(e.message);
      throw e;
    }
  }
  return all;
}

/** The git history reader for the run; a CliError when there is no repository or the signers file is missing. */
export async function openHistory(args: EvidenceArgs, cwd: string): Promise<ApprovalHistory> {
  let signers: string | undefined;
  if (args.allowedSigners !== undefined) {
    signers = path.resolve(cwd, args.allowedSigners);
    let regular = false;
    try {
      regular = statSync(signers).isFile();
    } catch {
      // said below
    }
    if (!regular) throw new CliError(`--allowed-signers ${args.allowedSigners}: no such file (an ssh allowed signers file: one "principal key" line per signer)`);
  }
  try {
    return await ApprovalHistory.open(cwd, signers);
  } catch (e) {
    if (e instanceof GitError) throw new CliError(`approval evidence is read from git, and ${e.message}; run qmslint in the repository's work tree`);
    throw e;
  }
}

/** The history of each document, by path (a few at a time). */
export async function historiesOf(history: ApprovalHistory, docs: ControlledDocument[], reviews: ReviewFacts[]): Promise<Map<string, DocumentHistory>> {
  const out = new Map<string, DocumentHistory>();
  for (let i = 0; i < docs.length; i += AT_ONCE) {
    const part = docs.slice(i, i + AT_ONCE);
    const read = await Promise.all(part.map((d) => history.of(d.path, reviews)));
    part.forEach((d, j) => out.set(d.path, read[j]));
  }
  return out;
}

/**
 * For `qmslint lint`: the evidence the approval-unverified rule reads, for the documents whose
 * configuration requires it (approvals: {evidence: required}); undefined when none does, and for
 * standard input, which has no history. Git is not opened at all unless a configuration asks.
 */
export async function lintEvidence(args: LintArgs, cwd: string, scope: Partial<LintOptions>): Promise<Map<string, DocumentHistory> | undefined> {
  if (args.stdin) return undefined;
  const options = await lintOptions({ ...args, cache: false }, cwd, scope);
  const configs = new ConfigResolver(options.workspace, options.root, options.config);
  // Most runs require no evidence: asked per folder (configuration files only), before any document is read.
  const folders = [...new Set((options.only ?? options.files).map((f) => path.posix.dirname(f)))];
  const asks = await Promise.all(folders.map(async (d) => (await configs.forDir(d)).approvals?.evidence === 'required'));
  if (!asks.includes(true)) return undefined;
  // The documents that claim approvals (the rule's), among the reported files, in a folder that requires evidence.
  const { index } = await new Project(options).snapshot();
  const reported = options.only && new Set(options.only);
  const docs: ControlledDocument[] = [];
  for (const d of index.documents) {
    if (!d.controlled || !d.approvals.length || (reported && !reported.has(d.path))) continue;
    if (!['approved', 'effective'].includes(d.fields.get('status')?.text ?? '')) continue;
    if ((await configs.forFile(d.path)).approvals?.evidence === 'required') docs.push(d);
  }
  if (!docs.length) return undefined;
  const reviews = await readReviews(args.reviews, cwd);
  return historiesOf(await openHistory(args, cwd), docs, reviews);
}

/** A path for the report: relative to the working folder. */
export function shown(file: string, cwd: string): string {
  return toPosix(path.relative(cwd, file)) || '.';
}
