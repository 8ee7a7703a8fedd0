// `qmslint approvals [paths] [--reviews FILE]... [--allowed-signers FILE]`: for each approval of
// each controlled document's current revision, the evidence in git that it happened (a verified
// signature or an approving review of the approved content, core/approvals/verdict.ts), or why
// there is none. A report, like coverage: missing evidence does not change the exit code (0 when
// the report is made, 2 when it cannot be); the gate is `qmslint` with approvals.evidence required.
import { approvalVerdicts, type ApprovalVerdict } from '../../core/approvals/verdict';
import { ConfigResolver, type Config } from '../../core/config';
import { md } from '../../core/coverage-report/markdown';
import { fieldText, type ControlledDocument } from '../../core/document';
import { plural } from '../../core/words';
import type { ApprovalsArgs } from '../args';
import { historiesOf, openHistory, readReviews, shown } from '../evidence';
import type { CliIo } from '../io';
import { lintFiles } from '../lint-files';
import { writeReport } from '../output';

/** One approval in the JSON report. */
interface ApprovalRow {
  documentId: string | null;
  path: string;
  revision: string | null;
  status: string | null;
  role: string | null;
  name: string | null;
  date: string | null;
  evidence: ApprovalVerdict['evidence'];
  commit: string | null;
  signer: string | null;
  author: string | null;
  committer: string | null;
  signatureVerified: boolean;
  meaning: string | null;
  evidenceDate: string | null;
  review: { file: string; entry: number } | null;
  contentHash: string;
  why?: string;
}

export async function runApprovals(args: ApprovalsArgs, io: CliIo): Promise<number> {
  // Bad input first, before any work: the reviews files, the signers file, the repository.
  const reviews = await readReviews(args.reviews, io.cwd);
  const history = await openHistory(args, io.cwd);
  const run = await lintFiles(args, io.cwd);
  const configs = new ConfigResolver(run.workspace, run.root, args.config ? run.result.config : undefined);
  const docs = run.result.files.flatMap((f) => (f.document?.controlled && f.document.approvals.length ? [f.document] : []));
  const histories = await historiesOf(history, docs, reviews);

  const rows: ApprovalRow[] = [];
  for (const doc of docs) {
    const config: Config = await configs.forFile(doc.path);
    for (const v of approvalVerdicts(doc, config, histories.get(doc.path)!)) rows.push(row(doc, v, io.cwd));
  }
  rows.sort((a, b) => compare(a.documentId ?? a.path, b.documentId ?? b.path) || compare(a.path, b.path));

  const signers = history.signatures.allowedSigners;
  const from = signers && { option: '--allowed-signers', user: 'your git configuration', repository: "the repository's git configuration" }[signers.from];
  const report = args.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : markdown(rows, signers ? `${shown(signers.file, io.cwd)} (from ${from})` : undefined, history.signatures.signersUnknown, args.reviews);
  writeReport(report, args.output, io, run.result.files.map((f) => f.path));
  return 0;
}

function row(doc: ControlledDocument, v: ApprovalVerdict, cwd: string): ApprovalRow {
  return {
    documentId: fieldText(doc, 'id') ?? null,
    path: shown(doc.path, cwd),
    revision: fieldText(doc, 'revision') ?? null,
    status: fieldText(doc, 'status') ?? null,
    role: v.role ?? null,
    name: v.name ?? null,
    date: v.date ?? null,
    evidence: v.evidence,
    commit: v.commit ?? null,
    signer: v.signer ?? null,
    author: v.author ?? null,
    committer: v.committer ?? null,
    signatureVerified: v.signatureVerified,
    meaning: v.meaning ?? null,
    evidenceDate: v.evidenceDate ?? null,
    review: v.review ? { file: v.review.file, entry: v.review.index + 1 } : null,
    contentHash: v.contentHash,
    ...(v.why !== undefined ? { why: v.why } : {}),
  };
}

function markdown(rows: ApprovalRow[], signers: string | undefined, signersUnknown: string | undefined, reviewFiles: string[]): string {
  const proven = rows.filter((r) => r.evidence !== 'missing');
  const docs = new Set(rows.map((r) => r.path)).size;
  const out = ['## Approvals proven from git', ''];
  out.push(
    rows.length
      ? `${plural(rows.length, 'approval')} of ${plural(docs, 'controlled document')}: ${proven.length} with evidence (${plural(proven.filter((r) => r.evidence === 'signature').length, 'verified signature')}, ${plural(proven.filter((r) => r.evidence === 'review').length, 'approving review')}), ${rows.length - proven.length} missing.`
      : 'No controlled document lists approvals.',
    '',
  );
  out.push(`Signatures checked with ${signers ? `the allowed signers file ${md(signers)}` : 'no ssh allowed signers file'}; reviews read from ${reviewFiles.length ? reviewFiles.map(md).join(', ') : 'no file (--reviews)'}.`);
  if (signersUnknown) out.push('', `Note: ${md(signersUnknown)}.`);
  out.push('');
  if (rows.length) {
    out.push('| Document | Revision | Role | Name | Date | Evidence | Commit | Signer | Meaning | Why missing |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const cells = [
        r.documentId ?? r.path,
        r.revision ?? '',
        r.role ?? '',
        r.name ?? '',
        r.date ?? '',
        r.evidence === 'signature' ? 'verified signature' : r.evidence === 'review' ? `approving review${r.review ? ` (${r.review.file}, entry ${r.review.entry})` : ''}` : '**missing**',
        r.commit ? r.commit.slice(0, 12) : '',
        r.signer ?? '',
        r.meaning ?? '',
        r.why ?? '',
      ];
      out.push(`| ${cells.map((c, i) => (i === 5 && c === '**missing**' ? c : md(c))).join(' | ')} |`);
    }
    out.push('');
  }
  out.push('Content hashes: the document without its approvals, paperwork fields and revision history (docs/approvals.md).', '');
  return out.join('\n');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
