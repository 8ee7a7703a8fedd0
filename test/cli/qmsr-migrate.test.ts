// qmslint migrate qmsr and the QMSR fixes through the bundled CLI, in real git repositories:
// --dry-run prints a diff git accepts and writes nothing; the migration writes that same result,
// applies no other rule's fix, leaves QSR-era documents as they are and lists what a person must
// choose; --fix twice changes nothing the second time; bad input exits 2.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GIT_ENV, removeTempRepos, TempRepo } from '../git-repo';
import { cleanSop } from '../helpers';

const TODAY = ['--today', '2026-11-26'];
const PURPOSE = 'for all controlled documents.\n';
const withBody = (doc: string, body: string) => doc.replace(PURPOSE, `${PURPOSE}\n${body}\n`);

const FILES: Record<string, string> = {
  // Under the QMSR: two exact fixes, two suggestions, and a publisher fix migrate must not apply.
  'docs/sop-001.md': withBody(
    cleanSop('SOP-001', 'Design Control', '7.3'),
    'Design follows 21 CFR 820.30. Inputs per 21 CFR 820.30(c).\nLabels per 21 CFR 820.120. Complaints: 21 CFR 820.198. Software: ISO 62304.',
  ),
  // Written under the QSR: kept as it is.
  'docs/sop-002.md': withBody(cleanSop('SOP-002', 'Labeling', '7.5.1').replace('effective_date: 2026-03-01', 'effective_date: 2025-06-01'), 'Labels per 21 CFR 820.120.'),
  'docs/sop-003.md': withBody(cleanSop('SOP-003', 'Records', '4.2.5').replace('status: effective', 'status: obsolete'), 'The DMR follows 21 CFR 820.181.'),
  'docs/sop-004.md': withBody(cleanSop('SOP-004', 'Device Files', '4.2.3'), 'The device file meets FDA 21 CFR 820.181.'),
};

const MIGRATED: Record<string, string> = {
  ...FILES,
  'docs/sop-001.md': FILES['docs/sop-001.md'].replace('Design follows 21 CFR 820.30.', 'Design follows 21 CFR 820.10 (ISO 13485:2016 7.3).').replace('Labels per 21 CFR 820.120.', 'Labels per 21 CFR 820.45.'),
  'docs/sop-004.md': FILES['docs/sop-004.md'].replace('FDA 21 CFR 820.181', 'FDA 21 CFR 820.10 (ISO 13485:2016 4.2.3)'),
};

const temps: string[] = [];
afterAll(() => {
  removeTempRepos();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function texts(repo: TempRepo): Record<string, string> {
  return Object.fromEntries(Object.keys(FILES).map((f) => [f, readFileSync(join(repo.dir, f), 'utf8')]));
}

/** Bytes and modification times: what "writes nothing" means. */
function stamps(repo: TempRepo): Record<string, string> {
  return Object.fromEntries(Object.keys(FILES).map((f) => [f, `${readFileSync(join(repo.dir, f)).toString('base64')} ${statSync(join(repo.dir, f)).mtimeMs}`]));
}

describe('qmslint migrate qmsr', () => {
  it('--dry-run prints the whole migration as a diff git accepts, lists what is left, and writes nothing', () => {
    const repo = TempRepo.create(FILES);
    const before = stamps(repo);
    const r = repo.run('migrate', 'qmsr', '--dry-run', ...TODAY);
    expect(r.code).toBe(0);
    expect(stamps(repo)).toEqual(before);
    expect(r.stdout).toContain('--- a/docs/sop-001.md\n+++ b/docs/sop-001.md\n');
    expect(r.stdout).toContain('+Design follows 21 CFR 820.10 (ISO 13485:2016 7.3). Inputs per 21 CFR 820.30(c).\n');
    expect(r.stdout).not.toContain('IEC 62304');
    expect(r.stdout).not.toMatch(/sop-00[23]\.md/);
    const patch = join(mkdtempSync(join(tmpdir(), 'qmslint-patch-')), 'migrate.patch');
    temps.push(join(patch, '..'));
    writeFileSync(patch, r.stdout);
    execFileSync('git', ['apply', '--check', patch], { cwd: repo.dir, env: GIT_ENV });
    // What is left for a person, and what was left as written, on stderr.
    expect(r.stderr).toContain('qmslint: would fix 3 problems in 2 files\n');
    expect(r.stderr).toContain('docs/sop-001.md:23:70 21 CFR 820.30(c): 21 CFR 820.10 (ISO 13485:2016 7.3)\n');
    expect(r.stderr).toContain('docs/sop-001.md:24:46 21 CFR 820.198: 21 CFR 820.35 | 21 CFR 820.10 (ISO 13485:2016 8.2.2)\n');
    expect(r.stderr).toContain('(under the QSR): docs/sop-002.md, docs/sop-003.md\n');

    // Applying the printed diff gives what the migration writes.
    execFileSync('git', ['apply', patch], { cwd: repo.dir, env: GIT_ENV });
    expect(texts(repo)).toEqual(MIGRATED);
  });

  it('writes the same result, and a second run changes nothing', () => {
    const repo = TempRepo.create(FILES);
    const r = repo.run('migrate', 'qmsr', ...TODAY);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(texts(repo)).toEqual(MIGRATED);
    const after = stamps(repo);
    const again = repo.run('migrate', 'qmsr', ...TODAY);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('qmslint: fixed 0 problems in 0 files\n');
    expect(stamps(repo)).toEqual(after);
    expect(repo.run('migrate', 'qmsr', '--dry-run', ...TODAY).stdout).toBe('');
  });

  it('takes paths, and migrates nothing when --today is before the QMSR', () => {
    const repo = TempRepo.create(FILES);
    expect(repo.run('migrate', 'qmsr', 'docs/sop-004.md', ...TODAY).code).toBe(0);
    expect(texts(repo)).toEqual({ ...FILES, 'docs/sop-004.md': MIGRATED['docs/sop-004.md'] });
    const before = stamps(repo);
    const early = repo.run('migrate', 'qmsr', '--today', '2026-02-01');
    expect(early.code).toBe(0);
    expect(early.stderr).toContain('is before 2026-02-02');
    expect(stamps(repo)).toEqual(before);
  });

  it.each([
    [['migrate'], '"migrate" needs a migration: qmslint migrate qmsr'],
    [['migrate', 'qsr'], 'unknown migration "qsr"'],
    [['migrate', 'qmsr', 'nowhere.md'], 'nowhere.md'],
    [['migrate', 'qmsr', '--stdin'], '--stdin does not go with it'],
    [['migrate', 'qmsr', '--fix'], '--fix does not go with it'],
    [['migrate', 'qmsr', '--format', 'json'], 'unknown format "json"'],
    [['--dry-run'], '--dry-run goes with "migrate"'],
    [['migrate', 'qmsr', '-o', 'out.patch'], '-o writes the diff of --dry-run'],
    [['migrate', 'qmsr', '--today', '2026-02-30'], '--today 2026-02-30 is not a date'],
  ])('%j is bad input: one line, exit 2, nothing written', (args, says) => {
    const repo = TempRepo.create(FILES);
    const before = stamps(repo);
    const r = repo.run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(says);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(stamps(repo)).toEqual(before);
  });
});

describe('--fix and the QMSR', () => {
  it('applies the exact QMSR fixes with the others, and a second --fix changes nothing', () => {
    const repo = TempRepo.create(FILES);
    const first = repo.run('--fix', ...TODAY);
    expect(first.stderr).toContain('qmslint: fixed 4 problems in 2 files\n');
    const fixed = texts(repo);
    expect(fixed['docs/sop-001.md']).toBe(MIGRATED['docs/sop-001.md'].replace('ISO 62304', 'IEC 62304'));
    expect(fixed['docs/sop-004.md']).toBe(MIGRATED['docs/sop-004.md']);
    const after = stamps(repo);
    const second = repo.run('--fix', ...TODAY);
    expect(second.stderr).toContain('qmslint: fixed 0 problems in 0 files\n');
    expect(stamps(repo)).toEqual(after);
  });
});
