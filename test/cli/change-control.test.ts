// Change control in pull requests, through the bundled CLI in real git
// repositories: `qmslint --base <ref>` and `qmslint review --base <ref>`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRepos, TempRepo, type CliRun } from '../git-repo';
import { cleanSop, COMPLAINTS, DESIGN, DOCS } from '../helpers';

const TODAY = ['--today', '2026-11-26'];
const CHANGE_RULES = ['change-without-revision', 'change-without-history', 'change-approvals-carried', 'status-regression'];
const CONFIG = 'rules:\n  coverage-gap: off\n';

afterAll(removeTempRepos);

/** A one-sentence edit to the body: a content change. */
function edit(text: string): string {
  return text.replace('controlled documents.', 'controlled documents and records.');
}

/** Revision D the right way: a dated history row and, unless told otherwise, fresh approvals. */
function revisionD(text: string, opts: { date?: string; approvals?: boolean } = {}): string {
  let out = text
    .replace('revision: C', 'revision: D')
    .replace(/(\| C \| 2026-02-10 \| Dana Whitfield \| Periodic review updates \|\n)/, `$1| D | ${opts.date ?? '2026-10-01'} | Dana Whitfield | Scope extended to records |\n`);
  if (opts.approvals !== false) out = out.replace(/date: 2026-02-1(\d)/g, 'date: 2026-10-1$1').replace('effective_date: 2026-03-01', 'effective_date: 2026-10-20');
  return out;
}

/** A repository with `files` on main, then a branch `pr` with `change` applied (and committed). */
function pullRequest(files: Record<string, string>, change: (repo: TempRepo) => void): TempRepo {
  const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, ...files }).branch('pr');
  change(repo);
  repo.commit('Change');
  return repo;
}

/** Change findings per file (paths relative to the repository), from --format json. */
function changeFindings(repo: TempRepo, r: CliRun): Record<string, { ruleId: string; line: number; message: string }[]> {
  expect(r.stderr).toBe('');
  const json = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string; detail?: string }[] }[];
  return Object.fromEntries(
    json.map((f) => [
      f.filePath.slice(repo.dir.length + 1),
      // The message and its detail as one text, as the text formats print them.
      f.messages.filter((m) => CHANGE_RULES.includes(m.ruleId)).map(({ ruleId, line, message, detail }) => ({ ruleId, line, message: detail ? `${message} ${detail}` : message })),
    ]),
  );
}

function lintBase(repo: TempRepo, ...extra: string[]) {
  const r = repo.run('--base', 'main', '--format', 'json', ...TODAY, ...extra);
  return { code: r.code, files: changeFindings(repo, r) };
}

const ids = (list: { ruleId: string }[]) => list.map((m) => m.ruleId);

describe('qmslint --base', () => {
  it('reports nothing for an unchanged repository, and nothing change-related without --base', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS });
    expect(lintBase(repo)).toEqual({ code: 0, files: { 'sops/sop-001.md': [] } });
    repo.write({ 'sops/sop-001.md': edit(DOCS) });
    const without = repo.run('--format', 'json', ...TODAY);
    expect(changeFindings(repo, without)).toEqual({ 'sops/sop-001.md': [] });
  });

  it('change-without-revision: content changed, revision still C', () => {
    const repo = pullRequest({ 'sops/sop-001.md': DOCS }, (r) => r.write({ 'sops/sop-001.md': edit(DOCS) }));
    const { code, files } = lintBase(repo);
    expect(code).toBe(1);
    expect(files['sops/sop-001.md']).toEqual([
      {
        ruleId: 'change-without-revision',
        line: 5,
        message: expect.stringContaining('ISO 13485:2016 4.2.4 c) requires changes and the current revision status to be identified. Bump the revision (C -> D) and add a history row'),
      },
    ]);
  });

  it('also sees uncommitted edits: the base is compared with the working tree', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS });
    repo.write({ 'sops/sop-001.md': edit(DOCS) });
    expect(ids(lintBase(repo).files['sops/sop-001.md'])).toEqual(['change-without-revision']);
  });

  it('change-without-history: bumped without a history row, or with a row dated before the previous one', () => {
    const noRow = edit(DOCS).replace('revision: C', 'revision: D').replace(/date: 2026-02-1(\d)/g, 'date: 2026-10-1$1');
    const early = revisionD(edit(COMPLAINTS), { date: '2026-01-05' });
    const repo = pullRequest({ 'sops/sop-001.md': DOCS, 'sops/sop-002.md': COMPLAINTS }, (r) => r.write({ 'sops/sop-001.md': noRow, 'sops/sop-002.md': early }));
    const { files } = lintBase(repo);
    expect(files['sops/sop-001.md']).toMatchObject([{ ruleId: 'change-without-history', line: 5, message: expect.stringContaining('has no row for D') }]);
    expect(files['sops/sop-002.md']).toMatchObject([{ ruleId: 'change-without-history', message: expect.stringContaining('Revision D is dated 2026-01-05, the previous newest row (C) 2026-02-10') }]);
  });

  it('white space alone is no change, unless the rule option {whitespace: true} says so', () => {
    const reflowed = DOCS.replace('§4.2.4 for all', '§4.2.4\nfor   all').replace('## Purpose\n', '## Purpose   \n\n\n');
    const repo = pullRequest({ 'sops/sop-001.md': DOCS }, (r) => r.write({ 'sops/sop-001.md': reflowed }));
    expect(lintBase(repo)).toEqual({ code: 0, files: { 'sops/sop-001.md': [] } });
    repo.write({ '.qmslint.yaml': CONFIG + '  change-without-revision: [warning, {whitespace: true}]\n' });
    const on = lintBase(repo);
    expect(ids(on.files['sops/sop-001.md'])).toEqual(['change-without-revision']);
    expect(on.code).toBe(0); // a warning now
  });

  it('follows a rename: the finding is on the new path', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS }).branch('pr');
    repo.git('mv', 'sops/sop-001.md', 'sops/sop-001-document-control.md');
    repo.write({ 'sops/sop-001-document-control.md': edit(DOCS) });
    repo.commit('Rename and edit');
    expect(repo.git('diff', '--name-status', '-M', 'main')).toMatch(/^R\d+\s+sops\/sop-001\.md\s+sops\/sop-001-document-control\.md$/);
    expect(lintBase(repo).files).toEqual({ 'sops/sop-001-document-control.md': [expect.objectContaining({ ruleId: 'change-without-revision' })] });
  });

  it('a new document, committed or untracked, is checked as new: no change findings', () => {
    const repo = pullRequest({ 'sops/sop-001.md': DOCS }, (r) => r.write({ 'sops/sop-002.md': COMPLAINTS }));
    repo.write({ 'sops/sop-003.md': DESIGN.replace('status: effective', 'status: obsolete') });
    expect(lintBase(repo).files).toEqual({ 'sops/sop-001.md': [], 'sops/sop-002.md': [], 'sops/sop-003.md': [] });
  });

  it('change-approvals-carried: revision D approved with the approvals of C', () => {
    const repo = pullRequest({ 'sops/sop-001.md': DOCS }, (r) => r.write({ 'sops/sop-001.md': revisionD(edit(DOCS), { approvals: false }) }));
    const { code, files } = lintBase(repo);
    expect(files['sops/sop-001.md']).toMatchObject([{ ruleId: 'change-approvals-carried', line: 10, message: expect.stringContaining('with the approvals of revision C') }]);
    expect(code).toBe(0); // a warning, and approval-stale is one too
  });

  it('status-regression: effective back to draft under the same revision', () => {
    const repo = pullRequest({ 'sops/sop-001.md': DOCS }, (r) => r.write({ 'sops/sop-001.md': DOCS.replace('status: effective', 'status: draft') }));
    expect(lintBase(repo).files['sops/sop-001.md']).toMatchObject([{ ruleId: 'status-regression', line: 6, message: expect.stringContaining('Rework it as revision D') }]);
  });

  it('exits 2 with the fetch to run when the base ref is missing, and outside a repository', () => {
    const repo = TempRepo.create({ 'sops/sop-001.md': DOCS });
    const r = repo.run('--base', 'origin/main', ...TODAY);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'qmslint: base ref origin/main not found; in a shallow CI clone fetch it first: git fetch --depth=1 origin main:refs/remotes/origin/main\n',
    );
    repo.remove('.git/HEAD'); // no longer a repository
    const outside = repo.run('--base', 'main', ...TODAY);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^qmslint: --base compares with git history, but .* is not inside a git work tree\n$/);
  });

  it('works in a shallow clone once the base commit is fetched', () => {
    const source = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS, 'sops/sop-002.md': COMPLAINTS });
    const baseSha = source.git('rev-parse', 'main');
    source.branch('pr').write({ 'sops/sop-001.md': edit(DOCS) }).commit('Edit without a new revision');
    const clone = TempRepo.shallowClone(source, 'pr');
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
    expect(clone.git('rev-list', '--count', 'HEAD')).toBe('1');

    const missing = clone.run('--base', baseSha, ...TODAY);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`git fetch --depth=1 origin ${baseSha}`);
    clone.git('fetch', '-q', '--depth=1', 'origin', baseSha);
    const bySha = clone.run('--base', baseSha, '--format', 'json', ...TODAY);
    expect(changeFindings(clone, bySha)).toEqual({ 'sops/sop-001.md': [expect.objectContaining({ ruleId: 'change-without-revision' })], 'sops/sop-002.md': [] });

    // The usual CI form: the base branch as a remote-tracking ref.
    expect(clone.run('--base', 'origin/main', ...TODAY).code).toBe(2);
    clone.git('fetch', '-q', '--depth=1', 'origin', 'main:refs/remotes/origin/main');
    const byBranch = clone.run('review', '--base', 'origin/main', ...TODAY);
    expect(byBranch.stdout).toContain('| **SOP-001** Control of Documents<br>`sops/sop-001.md` | modified | C | effective |');
    expect(byBranch.code).toBe(1);
  });
});

describe('qmslint review --base', () => {
  it('the pull request of the issue: one document done right, one without a new revision, one with the old approvals', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS, 'sops/sop-002.md': COMPLAINTS, 'sops/sop-003.md': DESIGN }).branch('pr');
    const design = revisionD(edit(DESIGN), { approvals: false }).replace('§7.3.2', '§7.3.2 and §7.3.9');
    repo.write({ 'sops/sop-001.md': revisionD(edit(DOCS)), 'sops/sop-002.md': edit(COMPLAINTS), 'sops/sop-003.md': design });
    repo.commit('Three documents changed');

    const { code, files } = lintBase(repo);
    expect(code).toBe(1);
    expect(files).toEqual({
      'sops/sop-001.md': [],
      'sops/sop-002.md': [expect.objectContaining({ ruleId: 'change-without-revision' })],
      'sops/sop-003.md': [expect.objectContaining({ ruleId: 'change-approvals-carried' })],
    });

    const review = repo.run('review', '--base', 'main', ...TODAY);
    expect(review.stderr).toBe('');
    expect(review.code).toBe(1);
    const out = review.stdout;
    expect(out).toContain('## qmslint change control against `main`');
    expect(out).toContain('3 controlled documents changed (3 modified): **1 blocking finding**.');
    expect(out).toContain('| **SOP-001** Control of Documents<br>`sops/sop-001.md` | modified | C → D | effective | 3, new | none |');
    expect(out).toContain('| **SOP-002** Complaint Handling<br>`sops/sop-002.md` | modified | C | effective | 3, carried over | 1 error |');
    expect(out).toMatch(/\| \*\*SOP-003\*\* Design Control<br>`sops\/sop-003\.md` \| modified \| C → D \| effective \| 3, carried over \| 4 warnings \|/);
    expect(out).toContain('- SOP-003 now covers ISO 13485:2016 7.3.9 Control of design and development changes');
    expect(out).toMatch(/### Blocking findings \(1\)\n\n- `sops\/sop-002\.md:5` change-without-revision: Content changed since the base, but the revision is still C \(ISO 13485:2016 4\.2\.4 c\)\)\./);
    expect(out).toMatch(/### Change-control warnings \(1\)\n\n- `sops\/sop-003\.md:10` change-approvals-carried:/);
  });

  it('lists a deleted document, the coverage it takes away and the references it breaks', () => {
    const docs = DOCS.replace('next_review: 2028-03-01\n', 'next_review: 2028-03-01\nreferences: [SOP-014]\n');
    const repo = pullRequest({ 'sops/sop-001.md': docs, 'sops/sop-014.md': cleanSop('SOP-014', 'Complaint Handling', '8.2.2') }, (r) => r.remove('sops/sop-014.md'));
    expect(lintBase(repo).files).toEqual({ 'sops/sop-001.md': [] });
    const review = repo.run('review', '--base', 'main', ...TODAY, '--output', 'review.md');
    expect(review.stdout).toBe('');
    expect(review.code).toBe(1);
    const out = readFileSync(join(repo.dir, 'review.md'), 'utf8');
    expect(out).toContain('| **SOP-014** Complaint Handling<br>`sops/sop-014.md` | deleted | C → — | effective → — | — | — |');
    expect(out).toContain('- Removing SOP-014 leaves ISO 13485:2016 8.2.2 Complaint handling without a procedure');
    // SOP-001 did not change, but its reference to SOP-014 broke with this change.
    expect(out).toMatch(/- `sops\/sop-001\.md:\d+` doc-reference-unresolved: /);
  });

  it('coverage lines: a citation of 7.5 does not keep 7.5.7 covered, and a clause left with only a subclause cited is "only partly covered"', () => {
    const repo = pullRequest(
      {
        'sops/sop-010.md': cleanSop('SOP-010', 'Production', '7.5'),
        'sops/sop-011.md': cleanSop('SOP-011', 'Sterilization', '7.5.7'),
        'sops/sop-020.md': cleanSop('SOP-020', 'Cleanliness', '7.5.2'),
      },
      (r) => r.remove('sops/sop-010.md').remove('sops/sop-011.md'),
    );
    const out = repo.run('review', '--base', 'main', ...TODAY).stdout;
    // SOP-010 cites 7.5 only, which does not count for 7.5.7: removing it takes nothing from 7.5.7.
    expect(out).toContain('- Removing SOP-011 leaves ISO 13485:2016 7.5.7 Sterilization and sterile barrier validation without a procedure\n');
    expect(out).toContain('- Removing SOP-010 leaves ISO 13485:2016 7.5 Production and service provision only partly covered (only subclauses cited)\n');
  });

  it('names a rename with both paths, and says when nothing controlled changed', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS, 'README.md': '# QMS\n' }).branch('pr');
    const quiet = repo.run('review', '--base', 'main', ...TODAY);
    expect(quiet).toEqual({ code: 0, stderr: '', stdout: '## qmslint change control against `main`\n\nNo controlled documents changed.\n' });
    repo.write({ 'README.md': '# Our QMS\n' });
    expect(repo.run('review', '--base', 'main', ...TODAY).stdout).toContain('No controlled documents changed (1 other Markdown file changed).');
    repo.git('mv', 'sops/sop-001.md', 'sops/document-control.md');
    repo.commit('Rename');
    const renamed = repo.run('review', '--base', 'main', ...TODAY);
    expect(renamed.stdout).toContain('| **SOP-001** Control of Documents<br>`sops/sop-001.md` → `sops/document-control.md` | renamed | C | effective | 3, carried over | none |');
    expect(renamed.code).toBe(0);
  });

  it('needs --base, and exits 2 when the ref is missing', () => {
    const repo = TempRepo.create({ 'sops/sop-001.md': DOCS });
    expect(repo.run('review').code).toBe(2);
    const r = repo.run('review', '--base', 'no-such-branch');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qmslint: base ref no-such-branch not found; in a shallow CI clone fetch it first: git fetch --depth=1 origin no-such-branch:no-such-branch\n');
  });
});
