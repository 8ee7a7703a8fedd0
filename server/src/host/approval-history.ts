// What git says of one document's approvals (core/approvals/facts.ts): the commits that touched
// it (renames followed), the commits carrying an approval trailer, the commits reviews name; for
// each its author, committer, trailers, whether git verifies its signature, and the document's
// text there. Every git call goes through GitRepository (no hooks, pager, textconv or
// repository-chosen program; texts as stored blobs); the verifying ones add the signature
// settings of signature-settings.ts. Nothing here judges: core/approvals/verdict.ts does.
import * as path from 'node:path';
import type { CommitFacts, DocumentHistory, ReviewFacts, SignatureStatus, Trailer } from '../core/approvals/facts';
import { decodeText } from '../core/workspace';
import { fields, GitRepository } from './git';
import { signatureSettings, type SignatureSettings } from './signature-settings';

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const STATUSES = new Set<SignatureStatus>(['G', 'U', 'B', 'X', 'Y', 'R', 'E', 'N']);
const APPROVAL_TRAILER = /^(approved-by|signature-meaning)$/i;
/** Commits per `git log --no-walk` call: an argument list stays far below any system's limit. */
const COMMITS_PER_CALL = 500;

type Details = Omit<CommitFacts, 'text' | 'path'>;

export class ApprovalHistory {
  private trailerCommits?: Promise<Map<string, Trailer[]>>;
  private readonly details = new Map<string, Promise<Details | undefined>>();
  private readonly known = new Map<string, Promise<boolean>>();

  private constructor(
    private readonly repository: GitRepository,
    readonly signatures: SignatureSettings,
  ) {}

  /** The repository around `cwd`; a GitError when there is none. `allowedSigners`: the --allowed-signers file. */
  static async open(cwd: string, allowedSigners?: string): Promise<ApprovalHistory> {
    const repository = await GitRepository.open(cwd);
    return new ApprovalHistory(repository, await signatureSettings(repository, allowedSigners));
  }

  get root(): string {
    return this.repository.root;
  }

  /** The history of the document at `file` (absolute POSIX path), with the reviews of the run. */
  async of(file: string, reviews: ReviewFacts[]): Promise<DocumentHistory> {
    const rel = path.posix.relative(this.root, file);
    const walk = await this.touching(rel);
    const touchedShas = new Set(walk.map((w) => w.sha));
    const trailers = await this.withTrailers();
    const reviewed = [...new Set(reviews.map((r) => r.commitId).filter((c) => SHA.test(c)))];
    const present = await Promise.all(reviewed.map((c) => this.exists(c)));
    const unknownCommits = reviewed.filter((_, i) => !present[i]);
    const otherShas = [...new Set([...trailers.keys(), ...reviewed.filter((_, i) => present[i])])].filter((s) => !touchedShas.has(s));

    // The document's text: by blob id where the walk gave one, else at each of its known paths in turn.
    const paths = [...new Set([rel, ...walk.map((w) => w.path)])];
    const names = [...walk.map((w) => w.blob ?? ''), ...otherShas.flatMap((s) => paths.map((p) => `${s}:${p}`))];
    const blobs = await this.repository.blobs(names);
    const texts = new Map<string, { text: string; path: string }>();
    walk.forEach((w, i) => {
      const b = w.blob ? blobs[i] : undefined;
      if (b) texts.set(w.sha, { text: decodeText(b), path: w.path });
    });
    otherShas.forEach((s, j) => {
      const at = paths.findIndex((_, k) => blobs[walk.length + j * paths.length + k]);
      if (at >= 0) texts.set(s, { text: decodeText(blobs[walk.length + j * paths.length + at]!), path: paths[at] });
    });

    const details = await this.detailsOf([...touchedShas, ...otherShas]);
    const facts = (sha: string): CommitFacts[] => {
      const d = details.get(sha);
      return d ? [{ ...d, ...texts.get(sha) }] : [];
    };
    return {
      touched: walk.flatMap((w) => facts(w.sha)),
      others: otherShas.flatMap(facts),
      unknownCommits,
      reviews,
      ...(this.signatures.signersUnknown ? { signersUnknown: this.signatures.signersUnknown } : {}),
    };
  }

  /** The commits that touched `rel`, newest first, following renames: each with the blob it left (none when it deleted it). */
  private async touching(rel: string): Promise<{ sha: string; path: string; blob?: string }[]> {
    // No HEAD yet (a new repository), or a path git does not know: no history. The path is a
    // path, not a pattern: a document named `a*.md` must not follow `ab.md` too.
    const out = await this.repository
      .run(['--literal-pathspecs', 'log', '--follow', '-M', '--format=%x1e%H', '--raw', '-z', '--no-abbrev', '--no-ext-diff', '--no-textconv', 'HEAD', '--', rel])
      .catch(() => Buffer.alloc(0));
    const walk: { sha: string; path: string; blob?: string }[] = [];
    for (const chunk of out.toString('utf8').split('\x1e')) {
      const tokens = chunk.split('\0');
      const sha = tokens[0];
      // A record that does not start with a commit id is no record (a path holding the separator split it).
      if (!SHA.test(sha)) continue;
      let entry: { path: string; blob?: string } | undefined;
      for (let i = 1; i < tokens.length; i++) {
        const meta = tokens[i].trim();
        if (!meta.startsWith(':')) continue;
        const [, , , blob, status] = meta.slice(1).split(' ');
        const renamed = /^[RC]/.test(status ?? '');
        const name = tokens[renamed ? i + 2 : i + 1];
        if (name === undefined) break;
        entry = { path: name, blob: status === 'D' || !blob || /^0+$/.test(blob) ? undefined : blob };
        i += renamed ? 2 : 1;
      }
      if (entry) walk.push({ sha, ...entry });
    }
    return walk;
  }

  /** Every commit of HEAD's history with an Approved-by or Signature-Meaning trailer, and those trailers; read once. */
  private withTrailers(): Promise<Map<string, Trailer[]>> {
    this.trailerCommits ??= this.repository
      .run(['log', '-z', '--format=%H%n%(trailers:only,unfold)', 'HEAD'])
      .catch(() => Buffer.alloc(0))
      .then((out) => {
        const map = new Map<string, Trailer[]>();
        for (const record of fields(out)) {
          const [sha, trailers] = splitTrailers(record);
          if (sha && trailers.length) map.set(sha, trailers);
        }
        return map;
      });
    return this.trailerCommits;
  }

  private exists(sha: string): Promise<boolean> {
    let known = this.known.get(sha);
    if (!known) {
      known = this.repository.commit(sha).then((c) => c === sha);
      this.known.set(sha, known);
    }
    return known;
  }

  /** Author, committer, signature and trailers of each commit (each read once per run). */
  private async detailsOf(shas: string[]): Promise<Map<string, Details>> {
    const missing = shas.filter((s) => !this.details.has(s));
    for (let i = 0; i < missing.length; i += COMMITS_PER_CALL) {
      const batch = missing.slice(i, i + COMMITS_PER_CALL);
      const read = this.readDetails(batch);
      batch.forEach((s) => this.details.set(s, read.then((m) => m.get(s))));
    }
    const out = new Map<string, Details>();
    for (const s of shas) {
      const d = await this.details.get(s);
      if (d) out.set(s, d);
    }
    return out;
  }

  private async readDetails(shas: string[]): Promise<Map<string, Details>> {
    const map = new Map<string, Details>();
    if (!shas.length) return map;
    // Signatures are verified here, with the programs and files of signature-settings.ts.
    const format = ['%H', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%G?', '%GS', '%GK'].join('%x1f');
    const [signed, messages] = await Promise.all([
      this.repository.run([...this.signatures.settings, 'log', '--no-walk=unsorted', '-z', `--format=${format}`, ...shas]),
      this.repository.run(['log', '--no-walk=unsorted', '-z', '--format=%H%n%(trailers:only,unfold)', ...shas]),
    ]);
    const trailers = new Map(fields(messages).map(splitTrailers));
    for (const record of fields(signed)) {
      const f = record.split('\x1f');
      // Names come from commits: one holding the separator would shift the fields, so such a record is left out.
      if (f.length !== 10 || !SHA.test(f[0]) || !STATUSES.has(f[7] as SignatureStatus)) continue;
      map.set(f[0], {
        sha: f[0],
        author: { name: f[1], email: f[2], date: f[3] },
        committer: { name: f[4], email: f[5], date: f[6] },
        signature: { status: f[7] as SignatureStatus, signer: f[8], key: f[9] },
        trailers: trailers.get(f[0]) ?? [],
      });
    }
    return map;
  }
}

/** "sha\nKey: value\n..." to the sha and its approval trailers. */
function splitTrailers(record: string): [string, Trailer[]] {
  const [sha, ...rest] = record.split('\n');
  const trailers: Trailer[] = [];
  for (const line of rest) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    if (APPROVAL_TRAILER.test(key)) trailers.push({ key, value: line.slice(colon + 1).trim() });
  }
  return [SHA.test(sha) ? sha : '', trailers];
}
