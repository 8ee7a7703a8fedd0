// The pure parts of the approval evidence: what the approved-content hash counts and leaves out,
// how a name is tied to a signer (only through the configuration), and how a reviews export is
// checked. The git side and the verdicts end to end are test/cli/approvals.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approvedContentHash } from '../../server/src/core/approvals/content-hash';
import { identityOf, signerIs, trailerNames } from '../../server/src/core/approvals/people';
import { parseReviews, ReviewsError } from '../../server/src/core/approvals/reviews';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { buildDocument } from '../../server/src/core/document';
import { REPO } from '../run-cli';

const FIXTURE = join(REPO, 'test/fixtures/approvals');
const TEXT = readFileSync(join(FIXTURE, 'sop-001.md'), 'utf8');
const config = parseConfig(readFileSync(join(FIXTURE, '.qmslint.yaml'), 'utf8'), '/ws/.qmslint.yaml');
const hash = (text: string, c = config) => approvedContentHash(buildDocument('/ws/sop-001.md', text, c, false));

describe('the approved-content hash', () => {
  const base = hash(TEXT);

  it('leaves out what recording an approval changes: approvals, revision, status, dates, the history section, line endings, key order', () => {
    const paperwork = TEXT.replace('revision: B', 'revision: C')
      .replace('status: effective', 'status: in-review')
      .replace('effective_date: 2026-03-01', 'effective_date: 2027-01-01')
      .replace('next_review: 2028-03-01', 'next_review: 2029-03-01')
      .replace(/ {2}- \{role: approver.*\n/, '')
      .replace('| B | 2026-02-10 | Dana Whitfield | Electronic approval added |', '| B | 2026-02-11 | Dana Whitfield | Reworded |\n| C | 2026-03-01 | Dana Whitfield | Next |')
      .replace('title: Control of Documents\ntype: SOP', 'type: SOP\ntitle: Control of Documents');
    expect(hash(paperwork)).toBe(base);
    expect(hash(TEXT.replace(/\n/g, '\r\n'))).toBe(base);
    expect(hash('\uFEFF' + TEXT)).toBe(base);
  });

  it('counts every other change: a word of the body, white space in it, a content field', () => {
    expect(hash(TEXT.replace('reviewed, approved', 'reviewed,  approved'))).not.toBe(base);
    expect(hash(TEXT.replace('# Control of Documents', '# Control of documents'))).not.toBe(base);
    expect(hash(TEXT.replace('owner: Quality Manager', 'owner: CEO'))).not.toBe(base);
    expect(hash(TEXT.replace('clauses: ["4.2.4"]', 'clauses: ["4.2.4", "4.2.5"]'))).not.toBe(base);
    // Text after the history section is content too.
    expect(hash(TEXT + '\n## Annex\n\nMore.\n')).not.toBe(base);
  });

  it('leaves out the approvals under the alias the configuration gives them', () => {
    const aliased = parseConfig('fields: {approvals: sign_off}\n', '/ws/.qmslint.yaml');
    const text = TEXT.replace('approvals:', 'sign_off:');
    expect(hash(text.replace(/ {2}- \{role: approver.*\n/, ''), aliased)).toBe(hash(text, aliased));
    expect(hash(text.replace(/ {2}- \{role: approver.*\n/, ''), defaultConfig('/ws'))).not.toBe(hash(text, defaultConfig('/ws')));
  });
});

describe('who a name is', () => {
  it('only what approvals.people says, matched exactly', () => {
    expect(identityOf('Jane Doe', config)).toEqual({ name: 'Jane Doe', emails: ['jane@example.com'], github: 'jane-doe' });
    expect(identityOf('Jane', config)).toBeUndefined();
    expect(identityOf('jane doe', config)).toBeUndefined();
    expect(identityOf('Jane Doe', defaultConfig('/ws'))).toBeUndefined();
  });

  it('a signer by ssh principal or by the email of a gpg user id; a trailer by name or email', () => {
    const jane = identityOf('Jane Doe', config)!;
    expect(signerIs('jane@example.com', jane)).toBe(true);
    expect(signerIs('Jane Doe <Jane@Example.com>', jane)).toBe(true);
    expect(signerIs('Jane Doe', jane)).toBe(false);
    expect(signerIs('jane@example.com.evil', jane)).toBe(false);
    expect(signerIs('', jane)).toBe(false);
    expect(trailerNames('Jane Doe <someone@else>', 'Jane Doe', jane)).toBe(true);
    expect(trailerNames('J. Doe <jane@example.com>', 'Jane Doe', jane)).toBe(true);
    expect(trailerNames('John Roe <john@example.com>', 'Jane Doe', jane)).toBe(false);
  });
});

describe('a reviews export', () => {
  const sha = 'a'.repeat(40);
  const ok = { user: { login: 'jane-doe' }, state: 'APPROVED', commit_id: sha, submitted_at: '2026-02-14T10:00:00Z' };

  it('reads GitHub reviews, and the pages gh api --paginate --slurp writes', () => {
    expect(parseReviews(JSON.stringify([ok]), 'r.json')).toEqual([{ login: 'jane-doe', state: 'APPROVED', commitId: sha, submittedAt: ok.submitted_at, source: { file: 'r.json', index: 0 } }]);
    expect(parseReviews(JSON.stringify([[ok], [{ ...ok, user: null }]]), 'r.json').map((r) => [r.login, r.source.index])).toEqual([
      ['jane-doe', 0],
      ['', 1],
    ]);
    // A pending review has no commit nor date yet; it is no approval, and no error.
    expect(parseReviews(JSON.stringify([{ user: { login: 'x' }, state: 'PENDING', commit_id: null }]), 'r.json')[0].state).toBe('PENDING');
  });

  it.each([
    ['{}', "r.json: expected an array of pull request reviews (GitHub's reviews JSON), found an object"],
    ['[1]', 'r.json:1: review 1: expected an object, found a number'],
    [JSON.stringify([{ ...ok, user: 'jane' }]), 'r.json:1: review 1: "user" must be an object with a "login" string (or null)'],
    [JSON.stringify([ok, { ...ok, commit_id: 'abc' }]), 'r.json:1: review 2: "commit_id" must be the full hexadecimal id of a commit'],
    [JSON.stringify([{ ...ok, submitted_at: 'yesterday' }]), 'r.json:1: review 1: "submitted_at" must be a date and time, such as 2026-03-01T10:00:00Z'],
    ['[\n{"state": }\n]', 'r.json:2:11: not valid JSON; export the reviews with gh api repos/OWNER/REPO/pulls/N/reviews'],
    ['[{"a": 1},]', 'r.json:1:11: not valid JSON; export the reviews with gh api repos/OWNER/REPO/pulls/N/reviews'],
    ['\uFEFF[{"a": "x\n"}]', 'r.json:1:10: not valid JSON; export the reviews with gh api repos/OWNER/REPO/pulls/N/reviews'],
    ['[{"a": tru}]', 'r.json:1:11: not valid JSON; export the reviews with gh api repos/OWNER/REPO/pulls/N/reviews'],
    ['[{"a": 1}', 'r.json:1:10: not valid JSON; export the reviews with gh api repos/OWNER/REPO/pulls/N/reviews'],
    ['[] x', 'r.json:1:4: not valid JSON; export the reviews with gh api repos/OWNER/REPO/pulls/N/reviews'],
  ])('refuses %s, naming the file and where', (text, message) => {
    expect(() => parseReviews(text, 'r.json')).toThrow(new ReviewsError(message));
  });
});
