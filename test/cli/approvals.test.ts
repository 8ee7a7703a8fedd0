// Approvals proven from git (docs/approvals.md), through the bundled CLI, in real repositories
// made here: real ssh-signed commits (ssh-keygen makes the keys offline), a forged trailer, an
// approval made stale by a later change, pull request reviews of the right and of another commit,
// and the approval-unverified rule firing and not. Never a mocked git.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT_ENV, removeTempRepos, TempRepo, type CliRun } from '../git-repo';
import { REPO } from '../run-cli';

const FIXTURE = join(REPO, 'test/fixtures/approvals');
const CONFIG = readFileSync(join(FIXTURE, '.qmslint.yaml'), 'utf8');
/** The document as it is once approved (effective, both approvals recorded). */
const EFFECTIVE = readFileSync(join(FIXTURE, 'sop-001.md'), 'utf8');
const JANE_LINE = '  - {role: approver, name: Jane Doe, date: 2026-02-14}\n';
/** The same content before Jane's approval: in review, her line not there yet. */
const IN_REVIEW = EFFECTIVE.replace('status: effective', 'status: in-review').replace(JANE_LINE, '');
const CHANGED_BODY = (text: string) => text.replace('reviewed, approved and issued', 'reviewed, approved, issued and withdrawn');

interface Signer {
  name: string;
  email: string;
  key: string;
}

let keys: string;
let jane: Signer;
let dana: Signer;
/** An allowed signers file outside every repository: Jane's and Dana's keys. */
let allowedSigners: string;

beforeAll(() => {
  // No silent skip: these tests need real ssh signatures.
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'pipe' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('ssh-keygen is not installed: the approval tests sign commits with ssh keys (install openssh-client)');
  }
  keys = mkdtempSync(join(tmpdir(), 'qmslint-keys-'));
  const make = (name: string, email: string): Signer => {
    const key = join(keys, email.split('@')[0]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', email, '-f', key], { stdio: 'pipe' });
    return { name, email, key };
  };
  jane = make('Jane Doe', 'jane@example.com');
  dana = make('Dana Whitfield', 'dana@example.com');
  allowedSigners = join(keys, 'allowed_signers');
  writeFileSync(allowedSigners, [jane, dana].map((s) => `${s.email} ${readFileSync(s.key + '.pub', 'utf8').trim()}\n`).join(''));
});

afterAll(() => {
  removeTempRepos();
  if (keys) rmSync(keys, { recursive: true, force: true });
});

/** Commits everything as `who`, signed with their key when `sign`; returns the commit id. */
function commitAs(repo: TempRepo, who: Signer, message: string, sign: boolean): string {
  const env = { ...GIT_ENV, GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email };
  const run = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  run('add', '--all', '.');
  const signing = sign ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${who.key}`] : [];
  run(...signing, 'commit', '-q', '--no-verify', ...(sign ? ['-S'] : []), '-m', message);
  return run('rev-parse', 'HEAD');
}

/** Dana writes revision B and sends it for review; Jane approves it in a commit she signs. */
function approvedRepo(): { repo: TempRepo; draft: string; approval: string } {
  const repo = TempRepo.create();
  repo.write({ '.qmslint.yaml': CONFIG, 'sop-001.md': IN_REVIEW });
  const draft = commitAs(repo, dana, 'SOP-001 revision B for review', false);
  repo.write({ 'sop-001.md': EFFECTIVE });
  const approval = commitAs(repo, jane, 'Approve SOP-001 revision B\n\nApproved-by: Jane Doe <jane@example.com>\nSignature-Meaning: approval of SOP-001 revision B', true);
  return { repo, draft, approval };
}

interface Row {
  documentId: string;
  role: string;
  name: string;
  date: string;
  evidence: 'signature' | 'review' | 'missing';
  commit: string | null;
  signer: string | null;
  author: string | null;
  committer: string | null;
  signatureVerified: boolean;
  meaning: string | null;
  contentHash: string;
  review: { file: string; entry: number } | null;
  why?: string;
}

function approvals(repo: TempRepo, ...args: string[]): { run: CliRun; rows: Row[] } {
  const run = repo.run('approvals', '--format', 'json', ...args);
  expect(run.stderr, run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { run, rows: JSON.parse(run.stdout) as Row[] };
}

const byName = (rows: Row[], name: string) => rows.find((r) => r.name === name)!;

function reviewsFile(repo: TempRepo, reviews: unknown[]): string {
  repo.write({ 'reviews.json': JSON.stringify(reviews, null, 2) });
  return 'reviews.json';
}

const review = (login: string, commit: string, state = 'APPROVED') => ({ id: 1, user: { login }, state, commit_id: commit, submitted_at: '2026-02-14T10:00:00Z', body: '' });

describe('qmslint approvals', () => {
  it('shows a real ssh-signed approval commit as a verified signature of the approved content', () => {
    const { repo, approval } = approvedRepo();
    const { rows } = approvals(repo, '--allowed-signers', allowedSigners);
    expect(rows).toHaveLength(2);
    expect(byName(rows, 'Jane Doe')).toMatchObject({
      documentId: 'SOP-001',
      role: 'approver',
      date: '2026-02-14',
      evidence: 'signature',
      commit: approval,
      signer: 'jane@example.com',
      author: 'Jane Doe <jane@example.com>',
      committer: 'Jane Doe <jane@example.com>',
      signatureVerified: true,
      meaning: 'approval of SOP-001 revision B',
    });
    expect(byName(rows, 'Jane Doe').contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Dana wrote it and signed nothing: her approval as author has no evidence, and says why.
    expect(byName(rows, 'Dana Whitfield')).toMatchObject({ evidence: 'missing', signatureVerified: false, commit: null, author: null, committer: null });
    expect(byName(rows, 'Dana Whitfield').why).toBe('no verified signature or approving review by dana@example.com, GitHub dana-w on a commit with this content');
  });

  it('does not take a signature git cannot tie to a signer (no allowed signers file)', () => {
    const { repo, approval } = approvedRepo();
    const jane = byName(approvals(repo).rows, 'Jane Doe');
    expect(jane.evidence).toBe('missing');
    expect(jane.why).toContain(`the signature on ${approval} is made with a key git cannot tie to a signer`);
    expect(jane.why).toContain('give --allowed-signers FILE');
  });

  it('reports a forged Approved-by trailer as the stated meaning, never as evidence, even in a commit another person signed', () => {
    const repo = TempRepo.create();
    repo.write({ '.qmslint.yaml': CONFIG, 'sop-001.md': IN_REVIEW });
    commitAs(repo, dana, 'SOP-001 revision B for review', false);
    repo.write({ 'sop-001.md': EFFECTIVE });
    // Dana types Jane's approval into her own (signed) commit.
    const forged = commitAs(repo, dana, 'Record approvals\n\nApproved-by: Jane Doe <jane@example.com>\nSignature-Meaning: approval', true);
    const jane = byName(approvals(repo, '--allowed-signers', allowedSigners).rows, 'Jane Doe');
    expect(jane).toMatchObject({ evidence: 'missing', signatureVerified: false, meaning: 'approval' });
    expect(jane.why).toBe(`only an Approved-by trailer in ${forged}, which anyone can type: it needs a signature git verifies, or an approving review`);
  });

  it('finds a signature on content that changed afterwards stale, naming the commit that changed it', () => {
    const { repo, approval } = approvedRepo();
    repo.write({ 'sop-001.md': CHANGED_BODY(EFFECTIVE) });
    const change = commitAs(repo, dana, 'Reword the purpose', false);
    const jane = byName(approvals(repo, '--allowed-signers', allowedSigners).rows, 'Jane Doe');
    expect(jane.evidence).toBe('missing');
    expect(jane.why).toBe(`approved content changed in ${change}, after the signature on ${approval}`);
  });

  it('counts a change still in the working tree as a change', () => {
    const { repo, approval } = approvedRepo();
    repo.write({ 'sop-001.md': CHANGED_BODY(EFFECTIVE) });
    const jane = byName(approvals(repo, '--allowed-signers', allowedSigners).rows, 'Jane Doe');
    expect(jane.why).toBe(`approved content changed in the working tree (not committed yet), after the signature on ${approval}`);
  });

  it('keeps the evidence through changes to the paperwork alone (history row, effective date, layout of approvals)', () => {
    const { repo, approval } = approvedRepo();
    const paperwork = EFFECTIVE.replace('effective_date: 2026-03-01', 'effective_date: 2026-03-02').replace('| Electronic approval added |', '| Electronic approval added (approved by Jane Doe) |');
    repo.write({ 'sop-001.md': paperwork.replace(/\n/g, '\r\n') });
    commitAs(repo, dana, 'Effective date moved, history row reworded, CRLF', false);
    expect(byName(approvals(repo, '--allowed-signers', allowedSigners).rows, 'Jane Doe')).toMatchObject({ evidence: 'signature', commit: approval });
  });

  it('follows the document through a rename', () => {
    const { repo, approval } = approvedRepo();
    repo.git('mv', 'sop-001.md', 'sop-001-control-of-documents.md');
    commitAs(repo, dana, 'Rename', false);
    expect(byName(approvals(repo, '--allowed-signers', allowedSigners).rows, 'Jane Doe')).toMatchObject({ evidence: 'signature', commit: approval });
  });

  it('does not take a review of another content, nor of a commit the repository lacks', () => {
    const { repo, approval } = approvedRepo();
    repo.write({ 'sop-001.md': CHANGED_BODY(EFFECTIVE) });
    const change = commitAs(repo, dana, 'Reword the purpose', false);
    const missingCommit = 'f'.repeat(40);
    const file = reviewsFile(repo, [review('dana-w', approval), review('dana-w', missingCommit)]);
    const row = byName(approvals(repo, '--reviews', file, '--allowed-signers', allowedSigners).rows, 'Dana Whitfield');
    expect(row.evidence).toBe('missing');
    expect(row.why).toBe(`approved content changed in ${change}, after the review of ${approval}`);
    // Only the review of a commit the clone lacks: said so, with what to do.
    const onlyMissing = reviewsFile(repo, [review('dana-w', missingCommit)]);
    expect(byName(approvals(repo, '--reviews', onlyMissing).rows, 'Dana Whitfield').why).toContain(`is of commit ${missingCommit}, which this repository does not have`);
  });

  it('takes an approving review of a commit with the approved content as evidence, and only an approving one', () => {
    const { repo, draft } = approvedRepo();
    const file = reviewsFile(repo, [review('jane-doe', draft, 'COMMENTED'), review('Dana-W', draft)]);
    const { rows } = approvals(repo, '--reviews', file, '--allowed-signers', allowedSigners);
    expect(byName(rows, 'Dana Whitfield')).toMatchObject({
      evidence: 'review',
      commit: draft,
      signer: 'Dana-W',
      signatureVerified: false,
      meaning: 'approved (pull request review)',
      review: { file: 'reviews.json', entry: 2 },
    });
    // A comment is no approval; Jane's own signature still is.
    expect(byName(rows, 'Jane Doe').evidence).toBe('signature');
    const onlyComment = reviewsFile(repo, [review('dana-w', draft, 'COMMENTED')]);
    expect(byName(approvals(repo, '--reviews', onlyComment).rows, 'Dana Whitfield').evidence).toBe('missing');
  });

  it('says the reviewer of a name the configuration does not map is no one', () => {
    const { repo, draft } = approvedRepo();
    repo.write({ '.qmslint.yaml': CONFIG.replace(/ {4}Dana Whitfield:.*\n/, '') });
    const file = reviewsFile(repo, [review('dana-w', draft)]);
    const row = byName(approvals(repo, '--reviews', file).rows, 'Dana Whitfield');
    expect(row.evidence).toBe('missing');
    expect(row.why).toContain('"Dana Whitfield" is not under approvals.people in the configuration');
  });

  it('writes a Markdown report by default, to -o as well', () => {
    const { repo, approval } = approvedRepo();
    const r = repo.run('approvals', '--allowed-signers', allowedSigners, '-o', 'approvals.md');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const text = readFileSync(join(repo.dir, 'approvals.md'), 'utf8');
    expect(text).toContain('2 approvals of 1 controlled document: 1 with evidence (1 verified signature, 0 approving reviews), 1 missing.');
    expect(text).toContain(`| SOP-001 | B | approver | Jane Doe | 2026-02-14 | verified signature | ${approval.slice(0, 12)} | jane@example.com |`);
    expect(text).toContain('(from --allowed-signers)');
  });
});

describe('qmslint approvals on bad input: exit 2 and one clear line', () => {
  it('outside a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmslint-nogit-'));
    try {
      writeFileSync(join(dir, 'sop-001.md'), EFFECTIVE);
      const r = new (TempRepo as unknown as { new (dir: string): TempRepo })(dir).run('approvals');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^qmslint: approval evidence is read from git, and .* is not inside a git work tree; run qmslint in the repository's work tree\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reviews file that is not JSON, with its line and column', () => {
    const { repo } = approvedRepo();
    repo.write({ 'bad.json': '[\n  {"user": {"login": "x"},\n  }\n]\n' });
    const r = repo.run('approvals', '--reviews', 'bad.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^qmslint: bad\.json:3:\d+: not valid JSON; export the reviews with gh api repos\/OWNER\/REPO\/pulls\/N\/reviews\n$/);
  });

  it('a review without a commit, named by line and position', () => {
    const { repo, draft } = approvedRepo();
    repo.write({ 'reviews.json': JSON.stringify([review('dana-w', draft), { user: { login: 'jane-doe' }, state: 'APPROVED', submitted_at: '2026-02-14T10:00:00Z' }], null, 2) });
    const r = repo.run('approvals', '--reviews', 'reviews.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qmslint: reviews.json:12: review 2: "commit_id" must be the full hexadecimal id of a commit\n');
  });

  it('a reviews file that is not there, or an object instead of an array', () => {
    const { repo } = approvedRepo();
    const r = repo.run('approvals', '--reviews', 'nowhere.json');
    expect([r.code, r.stderr]).toEqual([2, 'qmslint: --reviews nowhere.json: no such file; export the reviews first, e.g. gh api repos/OWNER/REPO/pulls/N/reviews > nowhere.json\n']);
    repo.write({ 'one.json': '{"user": {"login": "x"}}' });
    const one = repo.run('approvals', '--reviews', 'one.json');
    expect([one.code, one.stderr]).toEqual([2, "qmslint: one.json: expected an array of pull request reviews (GitHub's reviews JSON), found an object\n"]);
  });

  it('options that do not go with it, and an empty --reviews', () => {
    const { repo } = approvedRepo();
    expect(repo.run('approvals', '--stdin')).toMatchObject({ code: 2, stderr: 'qmslint: "approvals" reads the documents and their history from git; --stdin does not go with it; see qmslint --help\n' });
    expect(repo.run('approvals', '--format', 'csv')).toMatchObject({ code: 2, stderr: 'qmslint: unknown format "csv"; use one of: markdown, json; see qmslint --help\n' });
    expect(repo.run('approvals', '--reviews', '')).toMatchObject({ code: 2, stderr: expect.stringContaining('--reviews needs a file') });
  });

  it('an allowed signers file that is not there', () => {
    const { repo } = approvedRepo();
    const r = repo.run('approvals', '--allowed-signers', 'none');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--allowed-signers none: no such file');
  });
});

describe('a hostile repository cannot choose what verifies signatures', () => {
  it('runs none of the programs its .git/config names for gpg or ssh, and still verifies with ssh-keygen', () => {
    const { repo, approval } = approvedRepo();
    const marker = join(repo.dir, 'ran');
    repo.write({ 'evil.sh': `#!/bin/sh\ntouch '${marker}'\nexit 0\n` });
    execFileSync('chmod', ['+x', join(repo.dir, 'evil.sh')]);
    for (const key of ['gpg.program', 'gpg.ssh.program', 'gpg.openpgp.program', 'gpg.x509.program', 'gpg.ssh.defaultKeyCommand']) repo.git('config', key, join(repo.dir, 'evil.sh'));
    // log.showSignature would make every git log verify signatures, with the programs above.
    repo.git('config', 'log.showSignature', 'true');
    const jane = byName(approvals(repo, '--allowed-signers', allowedSigners).rows, 'Jane Doe');
    expect(existsSync(marker)).toBe(false);
    expect(jane).toMatchObject({ evidence: 'signature', commit: approval, signatureVerified: true });
  });

  it("uses the repository's own allowed signers file only when it lies inside the repository", () => {
    const { repo, approval } = approvedRepo();
    repo.write({ '.github/allowed_signers': readFileSync(allowedSigners, 'utf8') });
    repo.git('config', 'gpg.ssh.allowedSignersFile', '.github/allowed_signers');
    const inside = repo.run('approvals', '--format', 'markdown');
    expect(inside.stdout).toContain("Signatures checked with the allowed signers file .github/allowed\\_signers (from the repository's git configuration)");
    expect(byName(approvals(repo).rows, 'Jane Doe')).toMatchObject({ evidence: 'signature', commit: approval });
    repo.git('config', 'gpg.ssh.allowedSignersFile', allowedSigners);
    const outside = byName(approvals(repo).rows, 'Jane Doe');
    expect(outside.evidence).toBe('missing');
    expect(outside.why).toContain("the repository's gpg.ssh.allowedsignersfile");
    expect(outside.why).toContain('is not a file inside the repository, so it is not used');
  });
});

interface LintMessage {
  ruleId: string;
  line: number;
  message: string;
}

function unverified(repo: TempRepo, ...args: string[]): { code: number | null; messages: LintMessage[] } {
  const r = repo.run('--format', 'json', '--today', '2026-11-26', ...args);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as { filePath: string; messages: LintMessage[] }[];
  return { code: r.code, messages: report.flatMap((f) => f.messages).filter((m) => m.ruleId === 'approval-unverified') };
}

describe('the approval-unverified rule in qmslint lint', () => {
  it('fires on each approval without evidence, at its name, when the configuration requires evidence', () => {
    const { repo } = approvedRepo();
    const { code, messages } = unverified(repo, '--allowed-signers', allowedSigners);
    expect(code).toBe(1);
    expect(messages.map((m) => [m.line, m.message])).toEqual([[11, 'No evidence in git of the approval by author Dana Whitfield (ISO 13485:2016 4.2.4 a)).']]);
  });

  it('does not fire when every approval has evidence (a signature and a review)', () => {
    const { repo, draft } = approvedRepo();
    const file = reviewsFile(repo, [review('dana-w', draft)]);
    expect(unverified(repo, '--allowed-signers', allowedSigners, '--reviews', file).messages).toEqual([]);
  });

  it('does not fire without approvals.evidence: required, and then reads no git at all', () => {
    const { repo } = approvedRepo();
    repo.write({ '.qmslint.yaml': CONFIG.replace('evidence: required', 'evidence: optional') });
    expect(unverified(repo).messages).toEqual([]);
    // Not even a bad reviews file is read when nothing asks for evidence.
    expect(unverified(repo, '--reviews', 'nowhere.json').messages).toEqual([]);
  });

  it('fires on a stale approval', () => {
    const { repo } = approvedRepo();
    repo.write({ 'sop-001.md': CHANGED_BODY(EFFECTIVE) });
    commitAs(repo, dana, 'Reword the purpose', false);
    expect(unverified(repo, '--allowed-signers', allowedSigners).messages.map((m) => m.line)).toEqual([11, 12]);
  });

  it('rejects a bad approvals setting with a clear configuration error', () => {
    const { repo } = approvedRepo();
    repo.write({ '.qmslint.yaml': CONFIG.replace('evidence: required', 'evidence: always') });
    const r = repo.run('--today', '2026-11-26');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.qmslint.yaml:');
    expect(r.stderr).toContain('approvals.evidence: must be one of required, optional');
  });
});
