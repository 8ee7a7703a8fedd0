// `qmslint baseline` and `qmslint --baseline` (docs/baseline.md), spawning the bundled CLI on
// real folders: the ratchet a legacy repository turns the gate on with. A baselined finding
// stays baselined when lines move, a new one fails the run in every format, a fixed one is
// reported once as info until --prune removes it, the file is stable, and a bad file stops the
// run with one line naming it.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINT_FORMATS } from '../../server/src/cli/args';
import { CLEAN_SOP, tempWorkspace, TODAY } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';

const CONFIG = 'documents: ["**/*.md"]\nrules:\n  coverage-gap: off\n';
const PURPOSE = 'This procedure implements ISO 13485:2016 §4.2.4 for all controlled documents.';
/** CLEAN_SOP citing clauses ISO 13485 does not have: one clause-unknown error each. */
const citing = (...clauses: string[]) => CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n\nSee also ${clauses.map((c) => `ISO 13485:2016 §${c}`).join(' and ')}.`);
/** Lines inserted above the citation. */
/** Another document (duplicate ids would be findings of their own). */
const withId = (text: string, id: string) => text.replace('id: SOP-001', `id: ${id}`);
const moved = (text: string) => text.replace('## Purpose\n', '## Purpose\n\nA new paragraph.\n\nAnd another,\nover two lines.\n');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A repository with one SOP citing 9.9.9 (and the given files). */
function repo(files: Record<string, string> = {}): string {
  const dir = tempWorkspace({ '.qmslint.yaml': CONFIG, 'docs/sop.md': citing('9.9.9'), ...files }, 'qmslint-baseline-');
  made.push(dir);
  return dir;
}

const qmslint = (dir: string, args: string[], cwd = dir) => runCli(['--today', TODAY, ...args], { cwd });
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;
const messages = (stdout: string) => json(stdout).flatMap((f) => f.messages.map((m) => ({ file: path.basename(f.filePath), ...m })));
const BASELINE = '.qmslint-baseline.json';
const read = (dir: string, name = BASELINE) => readFileSync(path.join(dir, name), 'utf8');

describe('qmslint baseline', () => {
  it('records the findings, sorted and one per line, and writes the same bytes twice', () => {
    const dir = repo({ 'docs/a.md': withId(citing('7.7.7', '9.9.9'), 'SOP-002'), 'b.md': withId(citing('8.8.8'), 'SOP-003') });
    const first = qmslint(dir, ['baseline']);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe(`qmslint: recorded 4 findings in 3 files to ${BASELINE}\n`);
    expect(first.stdout).toBe('');
    const text = read(dir);
    const entries = (JSON.parse(text) as { findings: { path: string; rule: string; fingerprint: string; message: string }[] }).findings;
    expect(entries.map((e) => e.path)).toEqual(['b.md', 'docs/a.md', 'docs/a.md', 'docs/sop.md']);
    const keys = entries.map((e) => `${e.path}\0${e.rule}\0${e.fingerprint}`);
    expect(keys).toEqual([...keys].sort());
    // One entry per line: each line of the array is one whole entry.
    expect(text.split('\n').filter((l) => l.includes('"fingerprint"'))).toHaveLength(4);
    expect(qmslint(dir, ['baseline']).status).toBe(0);
    expect(read(dir)).toBe(text);
    // -o names another file; the same findings give the same bytes.
    expect(qmslint(dir, ['baseline', '-o', 'other.json']).status).toBe(0);
    expect(read(dir, 'other.json')).toBe(text);
  });

  it('keeps identities when run from another folder: paths are relative to the baseline file', () => {
    const dir = repo();
    expect(qmslint(dir, ['baseline']).status).toBe(0);
    const fromRoot = read(dir);
    expect(fromRoot).toContain('"path":"docs/sop.md"');
    // Written from the subfolder, and from the folder above, the file is the same.
    expect(qmslint(dir, ['baseline', '-o', `../${BASELINE}`], path.join(dir, 'docs')).status).toBe(0);
    expect(read(dir)).toBe(fromRoot);
    const above = path.dirname(dir);
    const name = path.basename(dir);
    expect(qmslint(dir, ['baseline', name, '-o', `${name}/${BASELINE}`], above).status).toBe(0);
    expect(read(dir)).toBe(fromRoot);
    // And read from either, it holds the finding.
    expect(qmslint(dir, ['--baseline', `../${BASELINE}`], path.join(dir, 'docs')).status).toBe(0);
    const r = qmslint(dir, [name, '--baseline', `${name}/${BASELINE}`, '--format', 'json'], above);
    expect([r.status, messages(r.stdout)]).toEqual([0, []]);
  });
});

describe('qmslint --baseline', () => {
  it('keeps a finding baselined when lines are inserted above it, and fails on a new one of the same rule in the same file', () => {
    const dir = repo();
    expect(qmslint(dir, ['--format', 'json']).status).toBe(1);
    expect(qmslint(dir, ['baseline']).status).toBe(0);
    writeFileSync(path.join(dir, 'docs/sop.md'), moved(citing('9.9.9')));
    const held = qmslint(dir, ['--baseline', BASELINE, '--format', 'json']);
    expect([held.status, messages(held.stdout)]).toEqual([0, []]);
    expect(held.stderr).toBe(`qmslint: 1 finding in the baseline ${BASELINE} not reported\n`);

    writeFileSync(path.join(dir, 'docs/sop.md'), moved(citing('9.9.9', '9.9.8')));
    const fresh = qmslint(dir, ['--baseline', BASELINE, '--format', 'json']);
    expect(fresh.status).toBe(1);
    expect(messages(fresh.stdout).map((m) => [m.file, m.ruleId, m.message.includes('9.9.8')])).toEqual([['sop.md', 'clause-unknown', true]]);
  });

  it('is taken from baseline: in .qmslint.yaml, from any folder of the repository', () => {
    const dir = repo();
    writeFileSync(path.join(dir, '.qmslint.yaml'), `${CONFIG}baseline: ${BASELINE}\n`);
    expect(qmslint(dir, []).status).toBe(2); // named but not recorded yet
    expect(qmslint(dir, ['baseline']).status).toBe(0);
    expect(qmslint(dir, []).status).toBe(0);
    expect(qmslint(dir, [], path.join(dir, 'docs')).status).toBe(0);
    expect(qmslint(dir, [path.basename(dir)], path.dirname(dir)).status).toBe(0);
    writeFileSync(path.join(dir, 'docs/sop.md'), citing('9.9.9', '9.9.8'));
    expect(qmslint(dir, [], path.join(dir, 'docs')).status).toBe(1);
  });

  it('reports a stale entry once, as info at its line, and --prune removes it without adding new findings', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'docs/sop.md'), citing('9.9.9', '9.9.8'));
    expect(qmslint(dir, ['baseline']).status).toBe(0);
    const before = read(dir);
    // 9.9.8 fixed, and a new 7.7.7 meanwhile.
    writeFileSync(path.join(dir, 'docs/sop.md'), citing('9.9.9', '7.7.7'));
    const r = qmslint(dir, ['--baseline', BASELINE, '--format', 'json']);
    expect(r.status).toBe(1);
    const all = messages(r.stdout);
    const stale = all.filter((m) => m.ruleId === 'baseline-stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ file: BASELINE, severity: 1, line: before.split('\n').findIndex((l) => l.includes('9.9.8')) + 1 });
    expect(all.filter((m) => m.ruleId === 'clause-unknown').map((m) => m.message.includes('7.7.7'))).toEqual([true]);
    expect(r.stderr).toContain('1 entry no longer occurs (qmslint baseline --prune removes it)');
    // --quiet shows errors only: not the info.
    expect(messages(qmslint(dir, ['--baseline', BASELINE, '--format', 'json', '--quiet']).stdout).map((m) => m.ruleId)).toEqual(['clause-unknown']);

    const pruned = qmslint(dir, ['baseline', '--prune']);
    expect(pruned.status).toBe(0);
    expect(pruned.stderr).toBe(`qmslint: removed 1 entry no longer occurring from ${BASELINE}; 1 finding in 1 file kept\n`);
    const after = read(dir);
    expect(after).not.toContain('9.9.8');
    expect(after).not.toContain('7.7.7');
    expect(after.split('\n').filter((l) => l.includes('"fingerprint"'))).toHaveLength(1);
    const entryLines = (text: string) => text.split('\n').filter((l) => l.includes('"fingerprint"')).map((l) => l.replace(/,$/, ''));
    expect(entryLines(before)).toEqual(expect.arrayContaining(entryLines(after)));
    const again = qmslint(dir, ['--baseline', BASELINE, '--format', 'json']);
    expect(messages(again.stdout).map((m) => m.ruleId)).toEqual(['clause-unknown']);
  });

  it('holds a finding back in every output format, and only that one', () => {
    const dir = repo();
    expect(qmslint(dir, ['baseline']).status).toBe(0);
    writeFileSync(path.join(dir, 'docs/sop.md'), citing('9.9.9', '9.9.8'));
    expect(LINT_FORMATS).toEqual(expect.arrayContaining(['stylish', 'json', 'sarif', 'github', 'junit']));
    for (const format of LINT_FORMATS) {
      const without = qmslint(dir, ['--format', format]);
      expect(without.stdout, format).toContain('9.9.9');
      const r = qmslint(dir, ['--baseline', BASELINE, '--format', format]);
      expect(r.status, format).toBe(1);
      expect(r.stdout, format).toContain('9.9.8');
      expect(r.stdout, format).not.toContain('9.9.9');
    }
  });

  it('counts new findings only for --max-warnings', () => {
    const dir = repo();
    writeFileSync(path.join(dir, '.qmslint.yaml'), `${CONFIG}  clause-unknown: warning\n`);
    expect(qmslint(dir, ['baseline']).status).toBe(0);
    expect(qmslint(dir, ['--max-warnings', '0']).status).toBe(1);
    expect(qmslint(dir, ['--baseline', BASELINE, '--max-warnings', '0']).status).toBe(0);
    writeFileSync(path.join(dir, 'docs/sop.md'), citing('9.9.9', '9.9.8'));
    const r = qmslint(dir, ['--baseline', BASELINE, '--max-warnings', '0']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('qmslint: 1 warning, more than --max-warnings 0 allows.');
  });

  it('stops with exit 2 and one line naming a baseline that is missing, malformed or of another version', () => {
    const dir = repo();
    const cases: [string, string | undefined, RegExp][] = [
      ['missing.json', undefined, /^qmslint: missing\.json: baseline not found; record one with qmslint baseline -o missing\.json\n$/],
      ['broken.json', '{\n  "version": 1,\n  "findings": [\n<<<<<<< HEAD\n', /^qmslint: broken\.json:4:1: not valid JSON: unexpected '<'; resolve a merge conflict/],
      ['newer.json', '{"version": 2, "fingerprints": "qmslint/v1", "findings": []}', /^qmslint: newer\.json: baseline version 2 is not one this qmslint reads/],
      ['prints.json', '{"version": 1, "fingerprints": "qmslint/v9", "findings": []}', /^qmslint: prints\.json: its fingerprints are "qmslint\/v9"/],
      ['entry.json', '{"version": 1, "fingerprints": "qmslint/v1", "findings": [{"path": "a.md"}]}', /^qmslint: entry\.json: findings\[0\]\.rule must be a non-empty string/],
    ];
    for (const [name, text, message] of cases) {
      if (text !== undefined) writeFileSync(path.join(dir, name), text);
      for (const args of [['--baseline', name], ['baseline', '--prune', '-o', name]]) {
        const r = qmslint(dir, args);
        expect([r.status, r.stdout], `${args.join(' ')}`).toEqual([2, '']);
        expect(r.stderr, args.join(' ')).toMatch(message);
        expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      }
    }
    // Named by the configuration: the same, and so is a path outside the configuration's folder.
    writeFileSync(path.join(dir, '.qmslint.yaml'), `${CONFIG}baseline: newer.json\n`);
    expect(qmslint(dir, []).stderr).toMatch(/^qmslint: newer\.json: baseline version 2/);
    writeFileSync(path.join(dir, '.qmslint.yaml'), `${CONFIG}baseline: ../elsewhere.json\n`);
    const outside = qmslint(dir, []);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^qmslint: invalid configuration: .*\.qmslint\.yaml:4:11: baseline: \.\.\/elsewhere\.json is outside this folder/);
  });

  it('refuses options that do not go with it, in one line with exit 2', () => {
    const dir = repo();
    const cases: [string[], string][] = [
      [['baseline', '--fix'], 'qmslint: "baseline" records the findings of the files as they are on disk; --fix does not go with it; see qmslint --help\n'],
      [['baseline', '--stdin'], 'qmslint: "baseline" records the findings of the files as they are on disk; --stdin does not go with it; see qmslint --help\n'],
      [['baseline', '--format', 'json'], 'qmslint: "baseline" writes its own JSON file (docs/baseline.md); --format does not go with it; see qmslint --help\n'],
      [['--prune'], 'qmslint: --prune goes with the baseline command: qmslint baseline --prune; see qmslint --help\n'],
      [['coverage', '--baseline', BASELINE], 'qmslint: --baseline goes with qmslint and qmslint baseline, not with "coverage"; see qmslint --help\n'],
      [['--baseline', ''], 'qmslint: --baseline needs a file, e.g. --baseline .qmslint-baseline.json, and it was empty; check the variable that gives it; see qmslint --help\n'],
    ];
    for (const [args, stderr] of cases) expect(qmslint(dir, args), args.join(' ')).toEqual({ status: 2, stdout: '', stderr });
    expect(existsSync(path.join(dir, BASELINE))).toBe(false);
  });

  it('writes the baseline atomically, never through a symbolic link nor outside the repository', () => {
    const dir = repo();
    mkdirSync(path.join(dir, 'real'));
    writeFileSync(path.join(dir, 'real/target.json'), 'keep');
    symlinkSync(path.join(dir, 'real/target.json'), path.join(dir, 'link.json'));
    const link = qmslint(dir, ['baseline', '-o', 'link.json']);
    expect(link.status).toBe(2);
    expect(link.stderr).toBe('qmslint: cannot write the baseline to link.json: it is a symbolic link; name a plain file, or remove the link\n');
    expect(readFileSync(path.join(dir, 'real/target.json'), 'utf8')).toBe('keep');
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'through'));
    const through = qmslint(dir, ['baseline', '-o', 'through/b.json']);
    expect(through.status).toBe(2);
    expect(through.stderr).toMatch(/^qmslint: cannot write the baseline to through\/b\.json: through is a symbolic link inside the repository/);
    expect(existsSync(path.join(dir, 'real/b.json'))).toBe(false);
    const outside = qmslint(dir, ['baseline', '-o', '../outside.json']);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^qmslint: cannot write the baseline to \.\.\/outside\.json: it is outside the repository/);
    expect(existsSync(path.join(path.dirname(dir), 'outside.json'))).toBe(false);
    // A baseline that baseline: names may not be a link out of the repository either.
    writeFileSync(path.join(dir, '.qmslint.yaml'), `${CONFIG}baseline: out.json\n`);
    const elsewhere = tempWorkspace({ 'b.json': '{"version": 1, "fingerprints": "qmslint/v1", "findings": []}' }, 'qmslint-baseline-out-');
    made.push(elsewhere);
    symlinkSync(path.join(elsewhere, 'b.json'), path.join(dir, 'out.json'));
    const linked = qmslint(dir, []);
    expect(linked.status).toBe(2);
    expect(linked.stderr).toBe('qmslint: out.json: the baseline is a symbolic link to outside the repository; make it a plain file inside it\n');
  });
});
