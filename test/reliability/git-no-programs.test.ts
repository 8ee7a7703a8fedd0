// Issue 14, point 6: `--base` and `review` run git in a repository that is not
// trusted (a pull request, a downloaded folder). git runs programs its
// configuration names: core.fsmonitor when it looks at the working tree,
// filter.<name>.clean when it compares a working-tree file, textconv and
// external diff drivers, hooks. None configured by the repository may run.
//
// The repository below configures each, every one a script that writes its name
// to a marker file. A plain `git diff` in it runs them (checked first, so the
// fixture is known to be armed); qmslint must leave the marker absent.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempRepos, TempRepo } from '../git-repo';
import { runCli } from '../run-cli';
import { CLEAN_SOP } from '../helpers';

const TODAY = ['--today', '2026-11-26'];
const HOOKS = ['post-index-change', 'reference-transaction', 'post-checkout', 'pre-commit', 'post-commit', 'pre-auto-gc', 'fsmonitor-watchman'];

afterAll(removeTempRepos);

/** A repository with a base commit, a working-tree change, and then a configuration that names a program for everything git can run. */
function armedRepository(): { repo: TempRepo; marker: string } {
  const repo = TempRepo.create({
    '.qmslint.yaml': 'rules:\n  coverage-gap: off\n',
    '.gitattributes': 'sop-*.md filter=x diff=x\nwi-*.md filter=p diff=x\nfrm-*.md filter=inc diff=inc\n',
    'sop-001.md': CLEAN_SOP,
    'wi-001.md': CLEAN_SOP.replace('SOP-001', 'WI-001').replace('type: SOP', 'type: WI'),
    'frm-001.md': CLEAN_SOP.replace('SOP-001', 'FRM-001').replace('type: SOP', 'type: FRM'),
  });
  // The change under review: every file edited, one added.
  repo.write({
    'sop-001.md': CLEAN_SOP.replace('controlled documents.', 'controlled documents and records.'),
    'wi-001.md': CLEAN_SOP.replace('SOP-001', 'WI-001').replace('type: SOP', 'type: WI').replace('controlled documents.', 'all documents.'),
    'frm-001.md': CLEAN_SOP.replace('SOP-001', 'FRM-001').replace('type: SOP', 'type: FRM').replace('controlled documents.', 'forms.'),
    'sop-002.md': CLEAN_SOP.replace('SOP-001', 'SOP-002'),
  });
  const bin = join(repo.dir, '.git', 'evil');
  const marker = join(repo.dir, '.git', 'ran');
  mkdirSync(join(bin, 'hooks'), { recursive: true });
  /** A program that notes it ran; a filter then passes its input through, so it stays a working filter. */
  const program = (name: string, file = join(bin, name), filter = false) => {
    writeFileSync(file, `#!/bin/sh\necho ${name} >> '${marker}'\n${filter ? 'cat\n' : ''}`);
    chmodSync(file, 0o755);
    return file;
  };
  const set = (key: string, value: string) => repo.git('config', key, value);
  set('core.fsmonitor', program('fsmonitor'));
  set('filter.x.clean', `${program('clean', undefined, true)} %f`);
  set('filter.x.smudge', `${program('smudge', undefined, true)} %f`);
  set('filter.x.required', 'true');
  set('filter.p.process', program('process', undefined, true));
  set('diff.x.textconv', program('textconv'));
  set('diff.x.command', program('diff-command'));
  set('diff.external', program('diff-external'));
  set('core.pager', program('pager'));
  set('core.hooksPath', join(bin, 'hooks'));
  for (const hook of HOOKS) {
    program(hook, join(bin, 'hooks', hook));
    program(hook, join(repo.dir, '.git', 'hooks', hook));
  }
  // A driver defined in a file the repository's configuration includes is the repository's too.
  writeFileSync(join(bin, 'included.cfg'), `[filter "inc"]\n\tclean = ${program('included-clean', undefined, true)}\n[diff "inc"]\n\ttextconv = ${program('included-textconv')}\n`);
  set('include.path', join(bin, 'included.cfg'));
  return { repo, marker };
}

const ran = (marker: string) => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []);

describe('git runs no program the repository configures', () => {
  let repo: TempRepo;
  let marker: string;
  beforeAll(() => {
    ({ repo, marker } = armedRepository());
    // The fixture is armed: the git commands qmslint used to run do run the repository's programs.
    repo.git('diff', '--name-status', '-M', '--no-ext-diff', '--no-textconv', 'main', '--');
    repo.git('diff', 'main', '--', 'sop-001.md');
    repo.git('diff', '--no-ext-diff', 'main', '--', 'frm-001.md');
    expect(ran(marker)).toEqual(expect.arrayContaining(['fsmonitor', 'clean', 'included-clean', 'diff-command', 'included-textconv']));
  });

  it('lint --base', () => {
    rmSync(marker, { force: true });
    const r = repo.run('.', '--base', 'main', '--format', 'json', ...TODAY);
    expect(r.code, r.stderr).not.toBe(2);
    // The change was seen: sop-001.md changed without a new revision.
    expect(r.stdout).toContain('change-without-revision');
    expect(ran(marker)).toEqual([]);
  });

  it('review --base', () => {
    rmSync(marker, { force: true });
    const r = repo.run('review', '--base', 'main', ...TODAY);
    expect(r.code, r.stderr).not.toBe(2);
    expect(r.stdout).toContain('SOP-002');
    expect(ran(marker)).toEqual([]);
  });

  it('approvals (its signature checks are test/cli/approvals.test.ts)', () => {
    rmSync(marker, { force: true });
    const r = repo.run('approvals', '--format', 'json', ...TODAY);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('"documentId": "SOP-001"');
    expect(ran(marker)).toEqual([]);
  });
});

// npm and npx put <repository>/node_modules/.bin first on PATH: `npx qmslint --base main` in a pull
// request's checkout would run a `git` the pull request committed there, with none of the settings above.
describe('git itself is never taken from the repository', () => {
  it('a git in node_modules/.bin or a relative PATH entry is not run; the user\'s git on PATH after it is', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': 'rules:\n  coverage-gap: off\n', 'sop-001.md': CLEAN_SOP });
    repo.write({ 'sop-001.md': CLEAN_SOP.replace('controlled documents.', 'controlled documents and records.') });
    const bin = join(repo.dir, 'node_modules', '.bin');
    const marker = join(repo.dir, '.git', 'ran-git');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho git >> '${marker}'\nexit 1\n`);
    chmodSync(join(bin, 'git'), 0o755);
    // The planted program is what a plain lookup on this PATH finds first (the fixture is armed).
    const env = { ...process.env, PATH: `${bin}:.:${process.env.PATH}` };
    const r = runCli(['.', '--base', 'main', '--format', 'json', ...TODAY], { cwd: repo.dir, env });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('change-without-revision');
    expect(existsSync(marker)).toBe(false);
  });
});
