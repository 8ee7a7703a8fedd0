// Issue 18, point 4: `qmslint --base` and `qmslint review --base` follow a document moved
// without `git mv` (by its front matter id), compare with the merge base of the base ref and
// HEAD, and say so when a shallow clone lacks that merge base. Real git repositories, made here.
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRepos, TempRepo, type CliRun } from '../git-repo';
import { COMPLAINTS, DESIGN, DOCS } from '../helpers';

const TODAY = ['--today', '2026-11-26'];
const CHANGE_RULES = ['change-without-revision', 'change-without-history', 'change-approvals-carried', 'status-regression'];
const CONFIG = 'rules:\n  coverage-gap: off\n';

afterAll(removeTempRepos);

/**
 * A large edit to the body: new sections several times the document's size, so that git's
 * rename detection (50 % similar by default) no longer pairs the old and the new file.
 */
function rewrite(text: string): string {
  const sections = Array.from({ length: 30 }, (_, i) => `## Step ${i + 1}\n\nThe document controller completes step ${i + 1} of the release and records it.\n`).join('\n');
  return text.replace('## Revision History', `${sections}\n## Revision History`);
}

/** Revision D the right way: a history row and fresh approvals. */
function revisionD(text: string): string {
  return text
    .replace('revision: C', 'revision: D')
    .replace(/(\| C \| 2026-02-10 \| Dana Whitfield \| Periodic review updates \|\n)/, '$1| D | 2026-10-01 | Dana Whitfield | Scope extended to records |\n')
    .replace(/date: 2026-02-1(\d)/g, 'date: 2026-10-1$1')
    .replace('effective_date: 2026-03-01', 'effective_date: 2026-10-20')
    .replace('controlled documents.', 'controlled documents and records.');
}

/** Change findings per file (paths relative to the repository) of `--base <ref> --format json`. */
function changeFindings(repo: TempRepo, r: CliRun): Record<string, string[]> {
  const json = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
  return Object.fromEntries(
    json.map((f) => [f.filePath.slice(repo.dir.length + 1), f.messages.filter((m) => CHANGE_RULES.includes(m.ruleId)).map((m) => `${m.ruleId}: ${m.message}`)]),
  );
}

function lintBase(repo: TempRepo, ref = 'main') {
  const r = repo.run('--base', ref, '--format', 'json', ...TODAY);
  return { ...r, files: changeFindings(repo, r) };
}

function review(repo: TempRepo, ref = 'main'): CliRun {
  return repo.run('review', '--base', ref, ...TODAY);
}

describe('a document moved without git mv', () => {
  it('is followed by its id: moved and edited without a new revision is a moved document needing a bump, not a new one', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS, 'sops/sop-002.md': COMPLAINTS }).branch('pr');
    repo.remove('sops/sop-001.md').write({ 'procedures/document-control.md': rewrite(DOCS) });
    repo.commit('Move the procedure and add its steps');
    // git itself sees a deletion and a new file: the edit is too large for its rename detection.
    expect(repo.git('diff', '--name-status', '-M', 'main')).toBe('A\tprocedures/document-control.md\nD\tsops/sop-001.md');

    const lint = lintBase(repo);
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(1);
    expect(lint.files).toEqual({
      'procedures/document-control.md': ['change-without-revision: Content changed since the base, but the revision is still C (ISO 13485:2016 4.2.4 c)).'],
      'sops/sop-002.md': [],
    });

    const r = review(repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 controlled document changed (1 moved): **1 blocking finding**.');
    expect(r.stdout).toContain(
      '| **SOP-001** Control of Documents<br>`procedures/document-control.md` | moved from `sops/sop-001.md` | C | effective | 3, carried over | 1 error |',
    );
    expect(r.stdout).not.toMatch(/\| (added|deleted) \|/);
    expect(r.stdout).toMatch(/### Blocking findings \(1\)\n\n- `procedures\/document-control\.md:5` change-without-revision: /);
  });

  it('also when the move is not committed yet (the new file untracked), and done right it blocks nothing', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS });
    repo.remove('sops/sop-001.md').write({ 'qms/sop-001.md': revisionD(rewrite(DOCS)) });
    expect(repo.git('status', '--porcelain')).toBe('D sops/sop-001.md\n?? qms/') // (trimmed: the first line's leading blank is gone);
    expect(lintBase(repo, 'HEAD')).toMatchObject({ code: 0, files: { 'qms/sop-001.md': [] } });
    const r = review(repo, 'HEAD');
    expect(r.stdout).toContain('| **SOP-001** Control of Documents<br>`qms/sop-001.md` | moved from `sops/sop-001.md` | C → D | effective | 3, new | none |');
    expect(r.code).toBe(0);
  });

  it('reads the id as the lint does, under the name the configuration gives it', () => {
    const config = `${CONFIG}fields:\n  id: doc_number\n`;
    const numbered = DOCS.replace('id: SOP-001', 'doc_number: SOP-001');
    const repo = TempRepo.create({ '.qmslint.yaml': config, 'sops/sop-001.md': numbered }).branch('pr');
    repo.remove('sops/sop-001.md').write({ 'qms/control.md': rewrite(numbered) });
    repo.commit('Move');
    expect(lintBase(repo).files['qms/control.md']).toEqual([expect.stringMatching(/^change-without-revision: /)]);
    // And the --config the user names, not only the one found on disk.
    repo.write({ '.qmslint.yaml': CONFIG, 'ci/qmslint.yaml': config });
    const named = repo.run('--base', 'main', '--config', 'ci/qmslint.yaml', '--format', 'json', ...TODAY);
    expect(changeFindings(repo, named)['qms/control.md']).toEqual([expect.stringMatching(/^change-without-revision: /)]);
  });

  it('pairs only when the id is unambiguous: one copy left and two arrived is shown as a deletion and two new documents, and says why', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS, 'sops/sop-002.md': COMPLAINTS }).branch('pr');
    // SOP-001 left, and two files arrived with its id: which one is it?
    repo.remove('sops/sop-001.md').write({ 'a/document-control.md': rewrite(DOCS), 'b/document-control.md': rewrite(DOCS).replace('Step 1 ', 'Stage 1 ') });
    // SOP-002 renamed by git (identical text but its id): a new number is a new document, not a rename.
    repo.git('mv', 'sops/sop-002.md', 'sops/sop-009.md');
    repo.write({ 'sops/sop-009.md': COMPLAINTS.replace('id: SOP-002', 'id: SOP-009') });
    repo.commit('Split and renumber');
    expect(repo.git('diff', '--name-status', '-M', 'main')).toMatch(/^R\d+\tsops\/sop-002\.md\tsops\/sop-009\.md$/m);

    // Nothing is compared with a version it may not be: no change finding anywhere.
    const lint = lintBase(repo);
    expect(lint.files).toEqual({ 'a/document-control.md': [], 'b/document-control.md': [], 'sops/sop-009.md': [] });

    const out = review(repo).stdout;
    expect(out).toContain('5 controlled documents changed (3 added, 2 deleted): **2 blocking findings**.'); // the two copies' id-duplicate
    expect(out).toContain('| **SOP-001** Control of Documents<br>`a/document-control.md` | added | — → C |');
    expect(out).toContain('| **SOP-001** Control of Documents<br>`b/document-control.md` | added | — → C |');
    expect(out).toContain('| **SOP-001** Control of Documents<br>`sops/sop-001.md` | deleted | C → — |');
    expect(out).toContain('| **SOP-009** Complaint Handling<br>`sops/sop-009.md` | added |');
    expect(out).toContain('| **SOP-002** Complaint Handling<br>`sops/sop-002.md` | deleted |');
    expect(out).toContain(
      '### Moves not followed\n\n- **SOP-001** left `sops/sop-001.md` and arrived at `a/document-control.md` and `b/document-control.md`: the id does not say which file moved where, so each is shown as deleted or new. Give each document its own id, or move it with `git mv`.\n',
    );
  });
});

/**
 * main with SOP-001 and SOP-002; a branch `pr` that brings SOP-002 to revision D; then, on main
 * after the branch point, a new SOP-003 and SOP-001 at revision D. HEAD is left on pr.
 */
function branchBehind(): TempRepo {
  const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': DOCS, 'sops/sop-002.md': COMPLAINTS, 'README.md': '# QMS\n' }).branch('pr');
  repo.write({ 'sops/sop-002.md': revisionD(COMPLAINTS) }).commit('SOP-002 revision D');
  repo.write({ 'README.md': '# Our QMS\n' }).commit('README');
  repo.git('checkout', '-q', 'main');
  repo.write({ 'sops/sop-003.md': DESIGN, 'sops/sop-001.md': revisionD(DOCS) }).commit('Meanwhile on main');
  repo.git('checkout', '-q', 'pr');
  return repo;
}

describe('a branch behind its base', () => {
  it('is compared with the merge base: what main gained after the branch point is not shown reversed', () => {
    const repo = branchBehind();
    const mergeBase = repo.git('merge-base', 'main', 'HEAD');

    const lint = lintBase(repo);
    expect(lint.stderr).toBe('');
    // Against main itself SOP-001 would have "gone back from D to C", and SOP-003 been deleted.
    expect(lint.files).toEqual({ 'README.md': [], 'sops/sop-001.md': [], 'sops/sop-002.md': [] });
    expect(lint.code).toBe(0);

    const r = review(repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '## qmslint change control against `main`',
        '',
        `Compared with the merge base of \`main\` and HEAD (\`${mergeBase.slice(0, 12)}\`): what \`main\` gained since this branch left it is not part of this change.`,
        '',
        '1 controlled document changed (1 modified; 1 other Markdown file changed): no blocking findings.',
        '',
        '| Document | Change | Revision | Status | Approvals | Findings |',
        '|---|---|---|---|---|---|',
        '| **SOP-002** Complaint Handling<br>`sops/sop-002.md` | modified | C → D | effective | 3, new | none |',
        '',
        '### Training impact (1)',
        '',
        '| Document | Revision | Why | Roles to train |',
        '|---|---|---|---|',
        '| **SOP-002** Complaint Handling<br>`sops/sop-002.md` | D | content changed | **no training roles named** |',
        '',
      ].join('\n'),
    );
  });

  it('a shallow clone without the merge base: one line on standard error and in the report, and the base ref itself is compared with', () => {
    const source = branchBehind();
    const clone = TempRepo.shallowClone(source, 'pr');
    clone.git('fetch', '-q', '--depth=1', 'origin', 'main:refs/remotes/origin/main');
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
    const note =
      'qmslint: this shallow clone lacks the merge base of origin/main and HEAD, so the change is compared with origin/main itself (what origin/main gained since the branch point shows as undone); fetch the full history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)\n';

    const lint = clone.run('--base', 'origin/main', '--format', 'json', ...TODAY);
    expect(lint.stderr).toBe(note);
    // The fallback: against origin/main itself, SOP-001's revision went back from D to C.
    expect(changeFindings(clone, lint)['sops/sop-001.md']).toEqual([expect.stringMatching(/^change-without-revision: Revision went back from D to C/)]);

    const r = clone.run('review', '--base', 'origin/main', ...TODAY);
    expect(r.stderr).toBe(note);
    expect(r.stdout).toContain(
      '## qmslint change control against `origin/main`\n\n> **Note:** this shallow clone lacks the merge base of `origin/main` and HEAD, so the change is compared with `origin/main` itself: what `origin/main` gained since this branch left it shows as undone here. Check out the full history (actions/checkout with `fetch-depth: 0`).\n',
    );
    expect(r.stdout).toContain('| **SOP-003** Design Control<br>`sops/sop-003.md` | deleted |');

    // With the whole history fetched, the merge base is there: no note, and SOP-003 is not this change's.
    clone.git('fetch', '-q', '--unshallow', 'origin', 'main:refs/remotes/origin/main', 'pr');
    const full = clone.run('review', '--base', 'origin/main', ...TODAY);
    expect(full.stderr).toBe('');
    expect(full.stdout).toContain('Compared with the merge base of `origin/main` and HEAD');
    expect(full.stdout).not.toContain('SOP-003');
    expect(full.stdout).toContain('1 controlled document changed (1 modified; 1 other Markdown file changed): no blocking findings.');
  });

  it("a shallow checkout of the pull request's merge commit (actions/checkout's default) needs no more history: the base is its parent", () => {
    const source = branchBehind();
    // What a forge's refs/pull/N/merge is: the base with the pull request merged into it.
    source.git('checkout', '-q', '-b', 'merge', 'main');
    source.git('merge', '-q', '--no-ff', '--no-edit', 'pr');
    const clone = TempRepo.shallowClone(source, 'merge');
    clone.git('fetch', '-q', '--depth=1', 'origin', 'main:refs/remotes/origin/main');
    expect(clone.git('rev-list', '--count', 'HEAD')).toBe('1');

    const r = clone.run('review', '--base', 'origin/main', ...TODAY);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('\n1 controlled document changed (1 modified; 1 other Markdown file changed): no blocking findings.\n');
    expect(r.stdout).toContain('| **SOP-002** Complaint Handling<br>`sops/sop-002.md` | modified | C → D |');
  });
});
