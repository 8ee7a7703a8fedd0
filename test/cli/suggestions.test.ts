// Suggestions through every path a finding takes in the bundled CLI: analysed in
// this thread, in worker threads (--jobs), and read back from the --cache store,
// the JSON report is the same, suggestions included; and --fix, from a warm
// cache too, never applies them.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, TODAY } from '../helpers';
import { runCli } from '../run-cli';

interface Offered {
  title: string;
  edits: { start: number; end: number; text: string }[];
}
type Report = { filePath: string; messages: { ruleId: string; fix?: Offered; suggestions?: Offered[] }[] }[];

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** Documents with clause numbers that do not exist (one or several candidates), some with a BOM and CRLF. */
function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-suggestions-'));
  temps.push(dir);
  writeFileSync(path.join(dir, '.qmslint.yaml'), 'documents: ["**/*.md"]\nrules:\n  coverage-gap: off\n');
  mkdirSync(path.join(dir, 'sops'));
  for (let i = 0; i < 12; i++) {
    let text = CLEAN_SOP.replace('SOP-001', `SOP-${100 + i}`).replace('§4.2.4 for', i % 3 ? '§4.21 for' : '§4.2.4 and §7.3.11 for');
    if (i % 4 === 1) text = '\ufeff' + text.replace(/\n/g, '\r\n');
    writeFileSync(path.join(dir, 'sops', `sop-${100 + i}.md`), text);
  }
  return dir;
}

const run = (dir: string, ...args: string[]) => runCli(['.', '--format', 'json', '--today', TODAY, ...args], { cwd: dir });

/** The report, with each suggestion checked against the file it edits. */
function report(dir: string, stdout: string): Report {
  const files: Report = JSON.parse(stdout);
  for (const f of files) {
    const text = readFileSync(f.filePath, 'utf8');
    for (const m of f.messages) {
      for (const s of m.suggestions ?? []) for (const e of s.edits) expect(text.slice(e.start, e.end), `${f.filePath}: ${s.title}`).toMatch(/^(4\.21|7\.3\.11)$/);
    }
  }
  return files;
}

describe('suggestions from threads and from the cache', () => {
  const dir = workspace();
  const baseline = run(dir, '--jobs', '1');
  const files = report(dir, baseline.stdout);

  it('every clause-unknown finding carries its suggestions and no fix', () => {
    expect(files).toHaveLength(12);
    for (const f of files) {
      const found = f.messages.filter((m) => m.ruleId === 'clause-unknown');
      expect(found, f.filePath).toHaveLength(1);
      expect(found[0].fix).toBeUndefined();
      const several = readFileSync(f.filePath, 'utf8').includes('7.3.11');
      if (several) expect(found[0].suggestions!.length, f.filePath).toBeGreaterThan(1);
      else expect(found[0].suggestions!.map((s) => s.title), f.filePath).toEqual(['Change 4.21 to 4.2.1']);
    }
  });

  it('worker threads give the same report', () => {
    const threaded = run(dir, '--jobs', '2'); // more than the cores would add a note on stderr
    expect(threaded.stderr).toBe(baseline.stderr);
    expect(threaded.stdout).toBe(baseline.stdout);
  });

  it('a cold and a warm --cache give the same report', () => {
    const cache = path.join(dir, '.cache');
    const cold = run(dir, '--cache', '--cache-location', cache);
    expect(readdirSync(cache)).toEqual(['qmslint-cache.bin']); // one cache file, whatever the number of documents
    const written = statSync(path.join(cache, 'qmslint-cache.bin')).mtimeMs;
    const warm = run(dir, '--cache', '--cache-location', cache);
    expect(statSync(path.join(cache, 'qmslint-cache.bin')).mtimeMs).toBe(written); // nothing changed: nothing written
    for (const r of [cold, warm]) {
      expect(r.stdout).toBe(baseline.stdout);
      expect(r.status).toBe(baseline.status);
    }
    // Threads behind the cache: the entries they write read back the same.
    const threadedCache = path.join(dir, '.cache-threads');
    expect(run(dir, '--jobs', '3', '--cache', '--cache-location', threadedCache).stdout).toBe(baseline.stdout);
    expect(run(dir, '--jobs', '3', '--cache', '--cache-location', threadedCache).stdout).toBe(baseline.stdout);
  });

  it('--fix from a warm cache applies no suggestion', () => {
    const cache = path.join(dir, '.cache');
    const before = readdirSync(path.join(dir, 'sops')).map((n) => readFileSync(path.join(dir, 'sops', n)));
    const fix = run(dir, '--fix', '--cache', '--cache-location', cache);
    expect(fix.stderr).toBe('qmslint: fixed 0 problems in 0 files\n');
    expect(readdirSync(path.join(dir, 'sops')).map((n) => readFileSync(path.join(dir, 'sops', n)))).toEqual(before);
    expect(fix.stdout).toBe(baseline.stdout);
  });
});
