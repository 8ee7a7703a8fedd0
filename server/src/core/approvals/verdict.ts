// The rule of evidence (docs/approvals.md): an approval in front matter has evidence when a
// signature git verifies, by that person, or an approving pull request review by that person,
// covers a commit whose document has the approved content (content-hash.ts) of the text now.
// A trailer is what the approver says, never proof: anyone can type one.
import type { Config } from '../config';
import { buildDocument, type Approval, type ControlledDocument } from '../document';
import { approvedContentHash } from './content-hash';
import type { CommitFacts, DocumentHistory, Person, ReviewFacts, SignatureStatus } from './facts';
import { identityOf, reviewerIs, signerIs, trailerNames, type Identity } from './people';

export type EvidenceKind = 'signature' | 'review' | 'missing';

export interface ApprovalVerdict {
  approval: Approval;
  role?: string;
  name?: string;
  date?: string;
  evidence: EvidenceKind;
  /** The commit the signature or review covers. */
  commit?: string;
  /** Who git says signed (`%GS`), or the reviewer's login. */
  signer?: string;
  /** The evidence commit's author and committer, `Name <email>` as git recorded them (who wrote it, who recorded it). */
  author?: string;
  committer?: string;
  /** Whether git verified the signature of `commit` (false for a review, and when missing). */
  signatureVerified: boolean;
  /** What the approver said the approval means: the commit's Signature-Meaning trailer, or the review's state. */
  meaning?: string;
  /** When: the commit's committer date, or the review's submitted_at. */
  evidenceDate?: string;
  /** The approved content's hash of the text now. */
  contentHash: string;
  /** For a review: where it was read. */
  review?: { file: string; index: number };
  /** Why there is no evidence. */
  why?: string;
}

const STATUS_WORDS: Record<SignatureStatus, string> = {
  G: 'good',
  U: 'made with a key git cannot tie to a signer (not in the allowed signers file, or a gpg key of unknown validity)',
  B: 'bad (the commit does not match it)',
  X: 'expired',
  Y: 'made with a key that has expired',
  R: 'made with a revoked key',
  E: 'not checkable here (the key or the verifying program is missing)',
  N: 'absent',
};

/** The verdict on each approval of `doc` (its text now) given what git says of its history. */
export function approvalVerdicts(doc: ControlledDocument, config: Config, history: DocumentHistory): ApprovalVerdict[] {
  const current = approvedContentHash(doc);
  const hashOf = contentHasher(doc, config);
  return doc.approvals.map((approval) => verdict(approval, current, history, hashOf, config));
}

/** The approved-content hash of a commit's text, each distinct text hashed once. */
function contentHasher(doc: ControlledDocument, config: Config): (c: CommitFacts) => string | undefined {
  const byText = new Map<string, string>();
  return (c) => {
    if (c.text === undefined) return undefined;
    let hash = byText.get(c.text);
    if (hash === undefined) {
      hash = approvedContentHash(buildDocument(doc.path, c.text, config, doc.controlled));
      byText.set(c.text, hash);
    }
    return hash;
  };
}

interface Candidate {
  kind: 'signature' | 'review';
  commit: CommitFacts;
  hash: string | undefined;
  review?: ReviewFacts;
}

function verdict(approval: Approval, current: string, history: DocumentHistory, hashOf: (c: CommitFacts) => string | undefined, config: Config): ApprovalVerdict {
  const name = approval.name?.text || undefined;
  const base = { approval, role: approval.role?.text || undefined, name, date: approval.date?.text || undefined, contentHash: current };
  const missing = (why: string): ApprovalVerdict => ({ ...base, evidence: 'missing', signatureVerified: false, why });
  if (!name) return missing('the approval names no one');
  const who = identityOf(name, config);
  if (!who) return missing(`"${name}" is not under approvals.people in the configuration, so no signer or reviewer is theirs; add their email and GitHub login there`);

  const commits = [...history.touched, ...history.others];
  const byCommit = new Map(commits.map((c) => [c.sha, c]));
  const candidates: Candidate[] = [];
  for (const c of commits) if (c.signature.status === 'G' && signerIs(c.signature.signer, who)) candidates.push({ kind: 'signature', commit: c, hash: hashOf(c) });
  for (const r of history.reviews) {
    const c = byCommit.get(r.commitId);
    if (c && r.state === 'APPROVED' && reviewerIs(r.login, who)) candidates.push({ kind: 'review', commit: c, hash: hashOf(c), review: r });
  }
  // Signatures first (the newest), then reviews: both are evidence, a signature is the stronger.
  const found = candidates.find((c) => c.hash === current);
  if (found) {
    const c = found.commit;
    return {
      ...base,
      evidence: found.kind,
      commit: c.sha,
      signer: found.kind === 'signature' ? c.signature.signer : found.review!.login,
      author: person(c.author),
      committer: person(c.committer),
      signatureVerified: c.signature.status === 'G',
      meaning: found.kind === 'signature' ? meaningOf(c) : 'approved (pull request review)',
      evidenceDate: found.kind === 'signature' ? c.committer.date : found.review!.submittedAt,
      ...(found.review ? { review: found.review.source } : {}),
    };
  }
  const why = [whyMissing(candidates, who, history, current, hashOf)];
  // Why signatures could not be checked, when some commit here is signed: otherwise it changes nothing.
  if (history.signersUnknown && commits.some((c) => c.signature.status !== 'N')) why.push(history.signersUnknown);
  const verdict = missing(why.join('; '));
  // What the approver stated without proof is still reported: the meaning they gave.
  const stated = commits.find((c) => c.trailers.some((t) => /^approved-by$/i.test(t.key) && trailerNames(t.value, name, who)));
  if (stated) verdict.meaning = meaningOf(stated);
  return verdict;
}

function whyMissing(candidates: Candidate[], who: Identity, history: DocumentHistory, current: string, hashOf: (c: CommitFacts) => string | undefined): string {
  // Stale: the person approved a text that was changed afterwards.
  const earlier = candidates.find((c) => c.hash !== undefined);
  if (earlier) {
    const what = earlier.kind === 'signature' ? `the signature on ${earlier.commit.sha}` : `the review of ${earlier.commit.sha}`;
    return `approved content changed in ${changedAfter(earlier.hash!, history, current, hashOf)}, after ${what}`;
  }
  const onWithout = candidates.find((c) => c.hash === undefined);
  if (onWithout) return `the ${onWithout.kind} on ${onWithout.commit.sha} covers a commit without this document`;
  // Signed by the person (author or committer email), but git does not verify it.
  const unverified = history.touched.concat(history.others).find(
    (c) => c.signature.status !== 'G' && c.signature.status !== 'N' && [c.author.email, c.committer.email].some((e) => who.emails.includes(e.toLowerCase())),
  );
  if (unverified) return `the signature on ${unverified.sha} is ${STATUS_WORDS[unverified.signature.status]}`;
  const trailer = history.touched.concat(history.others).find((c) => c.trailers.some((t) => /^approved-by$/i.test(t.key) && trailerNames(t.value, who.name, who)));
  if (trailer) return `only an Approved-by trailer in ${trailer.sha}, which anyone can type: it needs a signature git verifies, or an approving review`;
  const lost = history.reviews.find((r) => r.state === 'APPROVED' && reviewerIs(r.login, who) && history.unknownCommits.includes(r.commitId));
  if (lost) return `the review by ${lost.login} (${lost.source.file}, entry ${lost.source.index + 1}) is of commit ${lost.commitId}, which this repository does not have; fetch the pull request's commits`;
  const ids = [...who.emails, ...(who.github ? [`GitHub ${who.github}`] : [])].join(', ');
  return `no verified signature or approving review by ${ids || who.name} on a commit with this content`;
}

/** The commit that first changed the content `hash` (newest first, so the one before its newest appearance). */
function changedAfter(hash: string, history: DocumentHistory, current: string, hashOf: (c: CommitFacts) => string | undefined): string {
  const touched = history.touched;
  const at = touched.findIndex((c) => hashOf(c) === hash);
  if (at > 0) return touched[at - 1].sha;
  if (at === 0 && hash !== current) return 'the working tree (not committed yet)';
  return 'a commit outside this branch';
}

const person = (p: Person): string => `${p.name} <${p.email}>`;

function meaningOf(c: CommitFacts): string | undefined {
  const meanings = c.trailers.filter((t) => /^signature-meaning$/i.test(t.key)).map((t) => t.value);
  return meanings.length ? meanings.join('; ') : undefined;
}
