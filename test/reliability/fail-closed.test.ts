// Issue 14, point 7: a controlled document we cannot analyse fails the run.
// A controlled document (front matter id, or matched by `documents`) that is
// skipped as binary, too complex or too large gets an error, so a hostile change
// cannot turn five errors into one warning (or one info) and exit 0 with a NUL
// byte or an invisible comment full of `[`. Files that are not controlled keep
// today's severities. And no array is spread into a call (push(...a),
// Math.max(...a)): a long enough one overflows the stack, which turned 125 000
// id mentions into "too deeply nested" and crashed the threaded and cached paths
// on 200 000 findings; --jobs and --cache never change the findings.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, tempWorkspace, TODAY } from '../helpers';
import { REPO, runCli, type JsonReport } from '../run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(files: Record<string, string | Buffer>): string {
  const dir = tempWorkspace(files, 'qmslint-fail-closed-');
  dirs.push(dir);
  return dir;
}

function lintJson(cwd: string, args: string[] = []) {
  const r = runCli(['.', '--format', 'json', '--today', TODAY, ...args], { cwd, env: { QMSLINT_CACHE_KEY: 'fail-closed-test-key-0123456789abcdef' } });
  expect(r.status, r.stderr).not.toBe(2);
  const report = JSON.parse(r.stdout) as JsonReport;
  const of = (file: string) => report.find((f) => path.basename(f.filePath) === file)?.messages ?? [];
  return { status: r.status, of, stdout: r.stdout };
}

const withoutHistory = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('## Revision History'));
const NOT_CONTROLLED = '# Meeting notes\n\nNothing controlled here.\n';
/** An HTML comment (invisible when rendered) with enough `[` to pass the parse-cost budget. */
const BRACKETS = `<!-- ${'[a'.repeat(12_000)} -->\n`;

describe('a controlled document that cannot be analysed is an error', () => {
  it('one NUL byte after the front matter', () => {
    const dir = workspace({ 'sop.md': CLEAN_SOP.replace('## Purpose', '## Purpose\u0000'), 'notes.md': `${NOT_CONTROLLED}\u0000` });
    const r = lintJson(dir);
    expect(r.of('sop.md').map((m) => [m.ruleId, m.severity])).toEqual([['file-binary', 2]]);
    // Not controlled: still skipped quietly (info, which json shows as 1).
    expect(r.of('notes.md').map((m) => [m.ruleId, m.severity])).toEqual([['file-binary', 1]]);
    expect(r.status).toBe(1);
  });

  it('a NUL byte inside the front matter still shows the id before it', () => {
    const dir = workspace({ 'sop.md': CLEAN_SOP.replace('title:', '\u0000title:') });
    const r = lintJson(dir);
    expect(r.of('sop.md').map((m) => [m.ruleId, m.severity])).toEqual([['file-binary', 2]]);
    expect(r.status).toBe(1);
  });

  it('an invisible comment full of [', () => {
    const dir = workspace({ 'sop.md': CLEAN_SOP.replace('## Purpose', `${BRACKETS}\n## Purpose`), 'notes.md': `${NOT_CONTROLLED}\n${BRACKETS}` });
    const r = lintJson(dir);
    expect(r.of('sop.md').map((m) => [m.ruleId, m.severity])).toEqual([['file-too-complex', 2]]);
    expect(r.of('notes.md').map((m) => [m.ruleId, m.severity])).toEqual([['file-too-complex', 1]]);
    expect(r.status).toBe(1);
  });

  it('too large, controlled by the documents glob alone', () => {
    const big = `# Work instruction\n\n${'Words of a long work instruction.\n'.repeat(40_000)}`;
    const dir = workspace({ '.qmslint.yaml': 'documents: ["wi/**"]\n', 'wi/wi.md': big, 'notes.md': big });
    const r = lintJson(dir, ['--max-file-size', '1']);
    expect(r.of('wi.md').map((m) => [m.ruleId, m.severity])).toEqual([['file-too-large', 2]]);
    expect(r.of('notes.md').map((m) => [m.ruleId, m.severity])).toEqual([['file-too-large', 1]]);
    expect(r.status).toBe(1);
  });

  it('too large, controlled by its front matter id (the file is not read whole)', () => {
    const big = CLEAN_SOP.replace('## Purpose', `## Purpose\n\n${'Words of a long procedure.\n'.repeat(60_000)}`);
    const dir = workspace({ 'sop.md': big });
    const r = lintJson(dir, ['--max-file-size', '1']);
    expect(r.of('sop.md').map((m) => [m.ruleId, m.severity])).toEqual([['file-too-large', 2]]);
    expect(r.status).toBe(1);
  });

  it('the message says why it is an error', () => {
    const dir = workspace({ 'sop.md': `${CLEAN_SOP}\u0000` });
    const [m] = lintJson(dir).of('sop.md');
    expect(m.detail).toMatch(/controlled document/);
  });
});

describe('no array is spread into a call', () => {
  it('125 000 id mentions in one paragraph are analysed', () => {
    const mentions = Array.from({ length: 125_000 }, () => 'SOP-001').join(' ');
    const dir = workspace({ 'sop.md': `${withoutHistory}## Scope\n\nSee ${mentions}.\n\n${CLEAN_SOP.slice(withoutHistory.length)}` });
    const r = lintJson(dir);
    expect(r.of('sop.md').filter((m) => m.ruleId.startsWith('file-'))).toEqual([]);
  });

  it('200 000 findings: the plain, threaded and cached paths give the same output', () => {
    // 200 000 citations of a withdrawn edition, 100 to a paragraph: one clause-edition finding each
    // (the cheapest finding to make; clause-unknown's did-you-mean costs twice as much).
    const paragraphs = Array.from({ length: 2000 }, () => `${Array(100).fill('ISO 9001:2008').join(', ')}.`).join('\n\n');
    const dir = workspace({ 'sop.md': CLEAN_SOP.replace('## Revision History', `${paragraphs}\n\n## Revision History`) });
    const plain = lintJson(dir);
    expect(plain.of('sop.md').filter((m) => m.ruleId === 'clause-edition')).toHaveLength(200_000);
    const cacheDir = path.join(dir, 'cache');
    // Threads, then the cache cold (written) and warm (read).
    for (const args of [['--jobs', '2'], ['--cache', '--cache-location', cacheDir], ['--cache', '--cache-location', cacheDir]]) {
      const other = lintJson(dir, args);
      expect(other.status, args.join(' ')).toBe(plain.status);
      expect(other.stdout === plain.stdout, args.join(' ')).toBe(true);
    }
    // The warm runs read what the cold one wrote.
    expect(readdirSync(cacheDir).some((f) => f.endsWith('.bin') && statSync(path.join(cacheDir, f)).size > 0)).toBe(true);
  });

  it('the sources spread no array into a call', () => {
    // push(...xs), Math.max(...xs), f(a, ...xs): each element becomes an argument on the stack.
    const spread = /\b(?:push|unshift|splice|max|min|fromCharCode|apply)\((?:[^()[\]{}]*,\s*)?\.\.\./;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (file.endsWith('.ts'))
          readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, i) => !/^\s*(\/\/|\*)/.test(line) && spread.test(line) && offenders.push(`${path.relative(REPO, file)}:${i + 1}: ${line.trim()}`));
      }
    };
    walk(path.join(REPO, 'server', 'src'));
    expect(offenders).toEqual([]);
  });
});
