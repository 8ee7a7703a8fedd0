// approval-unverified alone, on histories written by hand (the facts git would give: commits, their
// texts, signatures and trailers, and reviews). The real git side, with ssh-signed commits, is
// test/cli/approvals.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitFacts, DocumentHistory } from '../../../server/src/core/approvals/facts';
import { REPO } from '../../run-cli';
import { testRule } from '../../rule-tester';

const FIXTURE = join(REPO, 'test/fixtures/approvals');
const CONFIG = readFileSync(join(FIXTURE, '.qmslint.yaml'), 'utf8');
const TEXT = readFileSync(join(FIXTURE, 'sop-001.md'), 'utf8');
const CHANGED = TEXT.replace('reviewed, approved and issued', 'reviewed and issued');

const person = (name: string, email: string) => ({ name, email, date: '2026-02-14T10:00:00+00:00' });

function commit(sha: string, text: string, signer: string | undefined, trailers: CommitFacts['trailers'] = []): CommitFacts {
  return {
    sha: sha.padEnd(40, '0'),
    author: person('Jane Doe', 'jane@example.com'),
    committer: person('Jane Doe', 'jane@example.com'),
    signature: signer ? { status: 'G', signer, key: 'SHA256:x' } : { status: 'N', signer: '', key: '' },
    trailers,
    text,
    path: 'doc.md',
  };
}

function history(touched: CommitFacts[], reviews: DocumentHistory['reviews'] = []): DocumentHistory {
  return { touched, others: [], unknownCommits: [], reviews };
}

const janeSigned = commit('a1', TEXT, 'jane@example.com');
const danaReview = { login: 'dana-w', state: 'APPROVED', commitId: janeSigned.sha, submittedAt: '2026-02-14T10:00:00Z', source: { file: 'reviews.json', index: 0 } };

testRule('approval-unverified', {
  valid: [
    { name: 'a verified signature and an approving review cover this content', text: TEXT, config: CONFIG, evidence: history([janeSigned], [danaReview]) },
    { name: 'evidence not required by the configuration', text: TEXT, config: CONFIG.replace('evidence: required', 'evidence: optional'), evidence: history([]) },
    { name: 'a run without git facts (the editor) says nothing', text: TEXT, config: CONFIG },
    { name: 'a draft claims no approval yet', text: TEXT.replace('status: effective', 'status: draft'), config: CONFIG, evidence: history([]) },
  ],
  invalid: [
    {
      name: 'no evidence for the author; the approver signed',
      text: TEXT,
      config: CONFIG,
      evidence: history([janeSigned]),
      findings: [{ message: 'No evidence in git of the approval by author Dana Whitfield (ISO 13485:2016 4.2.4 a)).', line: 11, column: 26, endColumn: 40, includes: 'no verified signature or approving review by dana@example.com, GitHub dana-w' }],
    },
    {
      name: 'a trailer alone, and a signature on content changed since',
      text: CHANGED,
      config: CONFIG,
      evidence: history([commit('b2', CHANGED, undefined, [{ key: 'Approved-by', value: 'Dana Whitfield <dana@example.com>' }]), janeSigned], [danaReview]),
      findings: [
        { message: 'No evidence in git of the approval by author Dana Whitfield (ISO 13485:2016 4.2.4 a)).', line: 11, includes: `approved content changed in ${'b2'.padEnd(40, '0')}, after the review of ${janeSigned.sha}` },
        { message: 'No evidence in git of the approval by approver Jane Doe (ISO 13485:2016 4.2.4 a)).', line: 12, includes: `approved content changed in ${'b2'.padEnd(40, '0')}, after the signature on ${janeSigned.sha}` },
      ],
    },
    {
      // A gpg key of unknown validity names its user id, but git does not vouch for it (status U).
      name: 'a good signature by a key git does not trust',
      text: TEXT,
      config: CONFIG,
      evidence: history([{ ...janeSigned, signature: { status: 'U', signer: 'Jane Doe <jane@example.com>', key: 'ABCDEF' } }], [danaReview]),
      findings: [{ message: 'No evidence in git of the approval by approver Jane Doe (ISO 13485:2016 4.2.4 a)).', line: 12, includes: `the signature on ${janeSigned.sha} is made with a key git cannot tie to a signer` }],
    },
    {
      name: 'a document git has no commit of',
      text: TEXT,
      config: CONFIG,
      evidence: null,
      findings: [
        { message: 'No evidence in git of the approval by author Dana Whitfield (ISO 13485:2016 4.2.4 a)).', line: 11 },
        { message: 'No evidence in git of the approval by approver Jane Doe (ISO 13485:2016 4.2.4 a)).', line: 12 },
      ],
    },
  ],
});
