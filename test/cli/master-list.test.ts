// `qmslint list` as users and CI run it (the bundled CLI, spawned) on test/fixtures/cli/master-list:
// effective SOPs with approvals and training, obsolete ones superseded by an existing and by a
// missing id, a document without an id, formula-like owners; each format, -o, and the exit codes.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MASTER_LIST_CSV_HEADER } from '../../server/src/core/master-list/csv';
import { MASTER_LIST_CSP } from '../../server/src/core/master-list/html';
import { CLEAN_SOP, tempWorkspace } from '../helpers';
import { REPO, runCli } from '../run-cli';

const FIXTURE = join(REPO, 'test/fixtures/cli/master-list');

function list(...args: string[]) {
  const r = runCli(['list', ...args, '--today', '2026-11-26'], { cwd: FIXTURE });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const temps: string[] = [];
const workspace = (files: Record<string, string>) => {
  const dir = tempWorkspace(files, 'qmslint-list-');
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('qmslint list', () => {
  it('json: one object per controlled document, sorted by id (numbers as numbers), then those without an id', () => {
    const r = list('--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.map((x) => [x.id, x.path])).toEqual([
      ['SOP-001', 'sops/sop-001-cleaning.md'],
      ['SOP-002', 'sops/sop-002-records.md'],
      ['SOP-003', 'sops/sop-003-old-cleaning.md'],
      ['SOP-004', 'sops/sop-004-old-records.md'],
      ['WI-9', 'wi/wi-9-rinse.md'],
      ['WI-10', 'wi/wi-10-dry.md'],
      [null, 'notes/meeting-notes.md'],
    ]);
    for (const x of rows) expect(Object.keys(x)).toEqual(['id', 'title', 'type', 'revision', 'status', 'effectiveDate', 'owner', 'nextReview', 'approvals', 'path', 'references', 'supersededBy', 'training']);
    expect(rows[0]).toMatchObject({
      title: 'Cleaning, Line | A',
      status: 'effective',
      nextReview: '2028-03-01',
      approvals: [
        { role: 'author', name: 'Dana Whitfield', date: '2026-02-10' },
        { role: 'approver', name: 'Lena Brandt', date: '2026-02-14' },
      ],
      references: ['SOP-002', 'WI-9'],
      training: ['Line operators', 'QA inspectors'],
    });
    // SOP-002 names no roles: its type's default in .qmslint.yaml; no next_review: effective date + reviewPeriodMonths.
    expect(rows[1]).toMatchObject({ training: ['Operators'], nextReview: '2028-04-01', supersededBy: null });
    expect(rows[2].supersededBy).toEqual([{ id: 'SOP-001', exists: true }]);
    expect(rows[3].supersededBy).toEqual([{ id: 'SOP-099', exists: false }]);
    expect(rows[6]).toMatchObject({ id: null, title: 'Meeting notes', status: null, references: ['SOP-001'] });
  });

  it('--jobs 2: documents analysed in worker threads give the same rows', () => {
    expect(list('--format', 'json', '--jobs', '2')).toEqual(list('--format', 'json', '--jobs', '1'));
  });

  it('markdown by default: a table row per document, the missing successor said', () => {
    const r = list();
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| '));
    expect(rows).toHaveLength(8); // the header and seven documents
    expect(rows[1]).toContain('| Cleaning, Line \\| A |');
    expect(rows[4]).toContain('| SOP-099 (not in the workspace) |');
    expect(r.stdout).toContain('7 controlled documents: 2 effective, 2 obsolete, 2 draft, 1 no status.');
  });

  it('csv: RFC 4180, and the formula-like owners kept as text', () => {
    const r = list('--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe(MASTER_LIST_CSV_HEADER.join(','));
    expect(lines).toHaveLength(9); // header, seven rows, and the empty string after the last CRLF
    expect(lines[1].startsWith('SOP-001,"Cleaning, Line | A",SOP,C,effective,')).toBe(true);
    expect(lines[5]).toContain(`,"'=HYPERLINK(""http://example.invalid/?leak"",""click"")",`);
    expect(lines[6]).toContain(`,'@Production,`);
    expect(lines[4]).toContain(',SOP-099 (not in the workspace),');
  });

  it('html: one self-contained page with every document', () => {
    const r = list('--format', 'html');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).toContain(MASTER_LIST_CSP);
    expect(r.stdout.match(/<tr data-status=/g)).toHaveLength(7);
    expect(r.stdout).not.toMatch(/\b(src|href)=/);
  });

  it('exits 0 whatever the documents’ findings: a list is a report, not a lint', () => {
    expect(runCli(['--today', '2026-11-26'], { cwd: FIXTURE }).status).toBe(1);
    expect(list().code).toBe(0);
  });

  it('bad input exits 2 with one line saying what to do', () => {
    expect(list('--format', 'xml')).toEqual({ code: 2, stdout: '', stderr: 'qmslint: unknown format "xml"; use one of: markdown, csv, json, html; see qmslint --help\n' });
    expect(list('--format', 'sarif').code).toBe(2);
    const shard = list('--shard', '1/2');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/^qmslint: "list" lists every document of the run, and --shard does not split it; run it once, without --shard; see qmslint --help\n$/);
    expect(list('no-such-folder')).toMatchObject({ code: 2, stdout: '' });
  });

  it('-o writes the file atomically, and never through a symbolic link', () => {
    const dir = workspace({ 'sop.md': CLEAN_SOP });
    const r = runCli(['list', '-o', 'list.json', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'list.json'), 'utf8'))[0].id).toBe('SOP-001');
    writeFileSync(join(dir, 'target.txt'), 'keep');
    symlinkSync('target.txt', join(dir, 'link.md.html'));
    const link = runCli(['list', '-o', 'link.md.html', '--format', 'html'], { cwd: dir });
    expect(link.status).toBe(2);
    expect(link.stderr).toContain('cannot write the report to link.md.html: it is a symbolic link');
    expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe('keep');
  });

  it('names the files it could not read in full, and still writes the list', () => {
    const dir = workspace({ 'sop.md': CLEAN_SOP, 'broken.md': '---\nid: SOP-002\ntitle: "a" "b"\n---\n# Broken\n' });
    const r = runCli(['list', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('qmslint: 1 file was not read in full, so its row is missing or incomplete: broken.md; run qmslint on it to see why\n');
    expect(JSON.parse(r.stdout).map((x: { id: string }) => x.id)).toEqual(['SOP-001']);
  });

  it('--cache: a second, warm run lists the same rows (owners, approvals and training are not in the cached facts)', () => {
    const dir = workspace({ '.qmslint.yaml': 'types:\n  SOP:\n    training: [Operators]\n', 'sop.md': CLEAN_SOP });
    mkdirSync(join(dir, 'node_modules'));
    // A key of its own, so the run makes no key file in the user's cache folder.
    const env = { QMSLINT_CACHE_KEY: 'master-list-test-key-0123456789abcdef' };
    const first = runCli(['list', '--cache', '--format', 'json'], { cwd: dir, env });
    const second = runCli(['list', '--cache', '--format', 'json'], { cwd: dir, env });
    expect(first.status).toBe(0);
    expect(second).toEqual(first);
    expect(JSON.parse(second.stdout)[0]).toMatchObject({ owner: 'Quality Manager', training: ['Operators'] });
  });

  it('--help says what list does and that it exits 0 on findings', () => {
    const r = runCli(['--help']);
    expect(r.stdout).toContain('qmslint list [options] [paths...]');
    expect(r.stdout).toContain('list: markdown, csv, json, html (default markdown)');
    expect(r.stdout).toContain('"list" (the document master list) and "coverage" are reports: findings do not change');
  });
});
