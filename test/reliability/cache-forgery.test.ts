// Issue 14, point 8: the --cache cannot be forged. Whoever can write the cache
// folder (a node_modules/.cache committed to the repository, a CI cache shared
// with pull requests) could write an entry that says a document is clean. Each
// entry is authenticated with a key kept outside the repository
// (QMSLINT_CACHE_KEY, or a key file in the user's cache folder), and an entry
// git tracks is never trusted, even with a valid MAC. A key that cannot be used
// is said: a QMSLINT_CACHE_KEY too short to be secret stops the run, a key file
// that cannot be read, is too short or cannot be made turns the cache off with a note.
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRepos, TempRepo } from '../git-repo';
import { CLEAN_SOP, tempWorkspace, TODAY } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';

const dirs: string[] = [];
afterAll(() => {
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  removeTempRepos();
});

const KEY = 'cache-forgery-test-key-0123456789abcdef';
/** One finding: ISO 13485:2016 has no clause 99. */
const SOP = CLEAN_SOP.replace('## Revision History', 'See ISO 13485:2016 §99.\n\n## Revision History');

function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The clause-unknown findings of a --cache run in `cwd`, with the cache in `cache`. */
function unknownClauses(cwd: string, cache: string, env: NodeJS.ProcessEnv): number {
  const r = runCli(['sop.md', '--format', 'json', '--today', TODAY, '--cache', '--cache-location', cache], { cwd, env });
  expect(r.status, r.stderr).not.toBe(2);
  return (JSON.parse(r.stdout) as JsonReport)[0].messages.filter((m) => m.ruleId === 'clause-unknown').length;
}

function entryFile(cache: string): string {
  const entries = readdirSync(cache).filter((n) => n.endsWith('.bin'));
  expect(entries).toHaveLength(1);
  return path.join(cache, entries[0]);
}

/** A section's MAC as a forger makes it (the section's name and bytes, the file's header), or none. */
type Mac = (name: string, bytes: Buffer, header: { format: string; tool: string }) => string | undefined;

/**
 * Rewrites the cache file to say the document has no findings (its record of the last run), keeping
 * its header and authenticating each section as `mac` says (what a forger can do: no key, a guessed
 * key; the test's own key to show that the forgery is otherwise good).
 */
function forge(file: string, mac: Mac): void {
  const raw = readFileSync(file);
  const end = raw.indexOf(10);
  const header = JSON.parse(raw.subarray(0, end).toString()) as { format: string; tool: string; sections: { length: number; mac?: string }[] };
  let offset = end + 1;
  const parts = header.sections.map((s) => raw.subarray(offset, (offset += s.length)));
  const record = JSON.parse(parts[0].toString()) as { results: [string, unknown[]][] };
  record.results = record.results.map(([p]) => [p, []]);
  parts[0] = Buffer.from(JSON.stringify(record));
  header.sections = parts.map((p, i) => {
    const signed = mac(['record', 'facts', 'analyses'][i], p, header);
    return signed === undefined ? { length: p.length } : { length: p.length, mac: signed };
  });
  writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...parts]));
}

/** The MAC as the cache computes it: HMAC-SHA256 of the format, the tool and the section's name, and its bytes. */
const hmac =
  (key: string): Mac =>
  (name, bytes, header) =>
    createHmac('sha256', key).update(JSON.stringify([header.format, header.tool, name])).update('\n').update(bytes).digest('hex');

describe('a forged cache entry does not hide a finding', () => {
  const env = { QMSLINT_CACHE_KEY: KEY };

  for (const [name, mac] of [
    ['no MAC', () => undefined],
    ['a MAC made with another key', hmac('not-the-key')],
    ['a sha256 digest of each section (no key)', (_: string, bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')],
  ] as const) {
    it(name, () => {
      const dir = tempWorkspace({ 'sop.md': SOP }, 'qmslint-forgery-');
      dirs.push(dir);
      const cache = path.join(dir, 'cache');
      expect(unknownClauses(dir, cache, env)).toBe(1);
      const file = entryFile(cache);
      forge(file, mac);
      expect(unknownClauses(dir, cache, env)).toBe(1);
      // And the entry was replaced with a genuine one.
      expect(readFileSync(file, 'utf8')).toContain('clause-unknown');
    });
  }

  it('with the right key the forgery is taken (so the cases above test the key)', () => {
    const dir = tempWorkspace({ 'sop.md': SOP }, 'qmslint-forgery-');
    dirs.push(dir);
    const cache = path.join(dir, 'cache');
    expect(unknownClauses(dir, cache, env)).toBe(1);
    forge(entryFile(cache), hmac(KEY));
    expect(unknownClauses(dir, cache, env)).toBe(0);
  });

  it('an entry git tracks is never trusted, even with a valid MAC', () => {
    const repo = TempRepo.create({ 'sop.md': SOP });
    const cache = path.join(repo.dir, 'node_modules', '.cache', 'qmslint');
    expect(unknownClauses(repo.dir, cache, env)).toBe(1);
    forge(entryFile(cache), hmac(KEY));
    repo.git('add', '-f', 'node_modules');
    repo.git('commit', '-q', '--no-verify', '-m', 'cache');
    expect(unknownClauses(repo.dir, cache, env)).toBe(1);
  });
});

describe('the key', () => {
  it('without QMSLINT_CACHE_KEY, a key file is made in the user cache folder, readable by the user alone', () => {
    const home = temp('qmslint-xdg-');
    const dir = tempWorkspace({ 'sop.md': SOP }, 'qmslint-forgery-');
    dirs.push(dir);
    const cache = path.join(dir, 'cache');
    const env = { XDG_CACHE_HOME: home, QMSLINT_CACHE_KEY: undefined };
    expect(unknownClauses(dir, cache, env)).toBe(1);
    const keyFile = path.join(home, 'qmslint', 'key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8');
    expect(key.length).toBeGreaterThanOrEqual(32);
    // The same key signs the entries: a forgery with it is taken, one with another is not.
    forge(entryFile(cache), hmac('guess'));
    expect(unknownClauses(dir, cache, env)).toBe(1);
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    forge(entryFile(cache), hmac(key.trim()));
    expect(unknownClauses(dir, cache, env)).toBe(0);
  });
});

describe('a key that cannot be used is said, never silent', () => {
  /** A --cache run whose key comes from `env`; the cache folder and the run's output. */
  function run(env: NodeJS.ProcessEnv) {
    const dir = tempWorkspace({ 'sop.md': SOP }, 'qmslint-forgery-');
    dirs.push(dir);
    const cache = path.join(dir, 'cache');
    const r = runCli(['sop.md', '--format', 'json', '--today', TODAY, '--cache', '--cache-location', cache], { cwd: dir, env });
    return { ...r, cache, notes: r.stderr.split('\n').filter((l) => l.includes('--cache is off')) };
  }

  it('QMSLINT_CACHE_KEY shorter than 32 characters stops the run (exit 2) and says how to make one', () => {
    const r = run({ QMSLINT_CACHE_KEY: 'short-key' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('qmslint: QMSLINT_CACHE_KEY has 9 characters; --cache needs a key of at least 32 random characters (make one with: openssl rand -hex 32)\n');
    expect(r.stderr).not.toContain('short-key');
    expect(existsSync(r.cache)).toBe(false);
  });

  it('an empty QMSLINT_CACHE_KEY (a secret CI withholds) counts as unset: the key file is used', () => {
    const home = temp('qmslint-xdg-');
    const r = run({ QMSLINT_CACHE_KEY: '', XDG_CACHE_HOME: home });
    expect(r.status, r.stderr).toBe(1);
    expect(r.notes).toEqual([]);
    expect(readdirSync(r.cache).filter((n) => n.endsWith('.bin'))).toHaveLength(1);
  });

  const cases: [string, (home: string) => string, RegExp][] = [
    [
      'a key file that cannot be read (a folder at its name)',
      (home) => (mkdirSync(path.join(home, 'qmslint', 'key'), { recursive: true }), path.join(home, 'qmslint', 'key')),
      /its key file (\S+) cannot be read \(.*EISDIR.*\); make it readable by you, or delete it so that qmslint makes a new one$/,
    ],
    [
      'a key file that is too short',
      (home) => (mkdirSync(path.join(home, 'qmslint')), writeFileSync(path.join(home, 'qmslint', 'key'), 'abc\n'), path.join(home, 'qmslint', 'key')),
      /its key file (\S+) holds 3 characters, fewer than the 32 of a key qmslint makes; delete it so that qmslint makes a new one$/,
    ],
    [
      'a key file that cannot be made (a file where its folder should be)',
      (home) => (writeFileSync(path.join(home, 'qmslint'), 'not a folder'), path.join(home, 'qmslint', 'key')),
      /its key file (\S+) cannot be made \(.*\); set XDG_CACHE_HOME to a folder you can write, or set QMSLINT_CACHE_KEY \(make one with: openssl rand -hex 32\)$/,
    ],
  ];
  for (const [name, plant, note] of cases) {
    it(`${name}: the cache is off for the run, with one note naming the file`, () => {
      const home = temp('qmslint-xdg-');
      const file = plant(home);
      const r = run({ QMSLINT_CACHE_KEY: undefined, XDG_CACHE_HOME: home });
      expect(r.status, r.stderr).toBe(1);
      expect((JSON.parse(r.stdout) as JsonReport)[0].messages.filter((m) => m.ruleId === 'clause-unknown')).toHaveLength(1);
      expect(r.notes).toHaveLength(1);
      expect(r.notes[0]).toMatch(/^qmslint: --cache is off for this run: /);
      expect(r.notes[0]).toMatch(note);
      expect(r.notes[0].match(note)![1]).toBe(file);
      expect(existsSync(r.cache) ? readdirSync(r.cache) : []).toEqual([]);
    });
  }
});
