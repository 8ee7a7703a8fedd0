// The bundled CLI, spawned as users and CI run it (npm test builds it first).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${repo}test/fixtures/cli/`;

function run(args: string[], cwd = repo) {
  const r = runCli(args, { cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('qmslint CLI', () => {
  it('exits 0 and says so on a clean document', () => {
    const r = run([fixtures + 'clean', '--today', '2026-11-26']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('no problems');
    expect(r.code).toBe(0);
  });

  it('prints ESLint-compatible JSON', () => {
    const r = run([fixtures + 'clean', '--format', 'json', '--today', '2026-11-26']);
    const json = JSON.parse(r.stdout);
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ filePath: `${fixtures}clean/sop-001.md`, messages: [], errorCount: 0, warningCount: 0 });
  });

  it('exits 1 with positions when the examples have errors', () => {
    const r = run(['examples', '--format', 'json', '--today', '2026-11-26']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: number; line: number; column: number; endLine: number; endColumn: number }[] }[];
    const messages = json.flatMap((f) => f.messages);
    expect(messages.some((m) => m.severity === 2)).toBe(true);
    for (const m of messages) {
      expect(m.line).toBeGreaterThanOrEqual(1);
      expect(m.column).toBeGreaterThanOrEqual(1);
      expect(m.endLine).toBeGreaterThanOrEqual(m.line);
    }
  });

  it('exits 2 naming the file, key and line of a bad config', () => {
    const r = run([fixtures + 'bad-config']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-config\/\.qmslint\.yaml:3:\d+: rules\.clause-unknown: must be one of off, info, warning, error/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 for a path that does not exist and for unknown options', () => {
    expect(run(['no/such/folder']).code).toBe(2);
    const r = run(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qmslint: unknown option --frobnicate; see qmslint --help\n');
  });

  it('reports broken input with positions instead of crashing', () => {
    const r = run([fixtures + 'broken', '--format', 'json', '--today', '2026-11-26']);
    expect([0, 1]).toContain(r.code);
    const json = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    const byName = (name: string) => json.find((f) => f.filePath.endsWith(name))!;
    expect(byName('yaml-error.md').messages.find((m) => m.ruleId === 'front-matter-syntax')?.line).toBe(3);
    expect(byName('binary.md').messages.map((m) => m.ruleId)).toEqual(['file-binary']);
    expect(byName('empty.md')).toBeDefined();
    expect(byName('bom-crlf.md')).toBeDefined();
  });

  it('lists the standards and shows a whole catalog as JSON', () => {
    const list = run(['standards']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/iso13485:2016/);
    expect(list.stdout).toMatch(/iso9001:2015/);
    expect(list.stdout).toMatch(/21cfr820/);
    const show = run(['standards', 'show', 'iso13485:2016', '--format', 'json']);
    expect(show.code).toBe(0);
    const clauses = JSON.parse(show.stdout) as { id: string; title: string; parent: string | null; documentedProcedure: boolean; records: boolean }[];
    const ids = clauses.map((c) => c.id);
    for (const id of ['4.1.1', '4.2.4', '7.3.10', '7.5.9.2', '8.2.6', '8.5.3']) expect(ids).toContain(id);
    expect(clauses.find((c) => c.id === '7.3.2')).toMatchObject({ parent: '7.3', documentedProcedure: expect.any(Boolean), records: expect.any(Boolean) });
    expect(clauses.filter((c) => c.documentedProcedure).length).toBeGreaterThanOrEqual(20);
    expect(run(['standards', 'show', 'iso0000']).code).toBe(2);
  });

  it('says that 21 CFR 820 incorporates ISO 13485:2016, in the list and in show', () => {
    const list = JSON.parse(run(['standards', '--format', 'json']).stdout) as { id: string; incorporates: string[] }[];
    expect(list.find((p) => p.id === '21cfr820')?.incorporates).toEqual(['iso13485:2016']);
    expect(list.find((p) => p.id === 'iso13485:2016')?.incorporates).toEqual([]);
    expect(run(['standards']).stdout).toMatch(/^21cfr820 .*; incorporates iso13485:2016$/m);
    const show = run(['standards', 'show', '21cfr820']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/\nIncorporates ISO 13485:2016 through 21 CFR 820\.10: .*qmslint standards show iso13485:2016/);
    expect(run(['standards', 'show', 'iso13485:2016']).stdout).not.toMatch(/Incorporates/);
  });

  it('uses --today for review checks', () => {
    const r = run([fixtures + 'clean', '--format', 'json', '--today', '2029-01-01']);
    const json = JSON.parse(r.stdout);
    expect(json[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('review-overdue');
  });
});
