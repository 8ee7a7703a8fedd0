// What the host reads from git about one document, for the approval evidence (verdict.ts):
// plain data, so the core never runs git and a test can make it by hand.

/** git's verdict on a commit's signature (`%G?`): G good, U good but key of unknown validity, B bad, X/Y expired signature/key, R revoked key, E cannot be checked, N none. */
export type SignatureStatus = 'G' | 'U' | 'B' | 'X' | 'Y' | 'R' | 'E' | 'N';

export interface Person {
  name: string;
  email: string;
  /** ISO 8601 date and time, with the offset git recorded. */
  date: string;
}

export interface Trailer {
  /** As written (`Approved-by`, `Signature-Meaning`). */
  key: string;
  value: string;
}

/** One commit that may hold evidence: it touched the document, carries an approval trailer, or a review names it. */
export interface CommitFacts {
  sha: string;
  author: Person;
  committer: Person;
  signature: {
    status: SignatureStatus;
    /** `%GS`: an ssh signature's principal from the allowed signers file, a gpg key's user id. */
    signer: string;
    /** `%GK`: the key (ssh fingerprint, gpg key id). */
    key: string;
  };
  /** Approved-by and Signature-Meaning trailers of the message (other trailers are left out). */
  trailers: Trailer[];
  /** The document's text at this commit (undefined: the commit does not have it). */
  text?: string;
  /** The document's path at this commit, relative to the repository. */
  path?: string;
}

/** An approving pull request review, from the forge's export (`--reviews`). */
export interface ReviewFacts {
  login: string;
  state: string;
  commitId: string;
  submittedAt: string;
  /** Where it was read: the file and the entry's position in its array (0-based), for the report. */
  source: { file: string; index: number };
}

/** Everything git says about one document's approvals. */
export interface DocumentHistory {
  /** The commits that touched the document, newest first (renames followed). */
  touched: CommitFacts[];
  /** Commits that did not touch it but carry an approval trailer or are named by a review. */
  others: CommitFacts[];
  /** Reviews whose commit this repository does not have. */
  unknownCommits: string[];
  reviews: ReviewFacts[];
  /** Why ssh signatures cannot be verified in this run (no allowed signers file), when that is so. */
  signersUnknown?: string;
}
