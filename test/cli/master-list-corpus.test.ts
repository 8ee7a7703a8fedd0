// `qmslint list` on the public QMS collections of test/fixtures/corpus, written by others: every
// document whose front matter gives an id is listed once, under that id and its own path, and the
// list is in id order. The ids are read here independently, with the yaml package alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO, runCli } from '../run-cli';

const CORPUS = join(REPO, 'test/fixtures/corpus');
const collections = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

/** path (relative, POSIX) → the front matter's id, for each Markdown file that has one. */
function idsOnDisk(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.md')) {
        const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(readFileSync(full, 'utf8'));
        if (!m) continue;
        let data: unknown;
        try {
          data = parse(m[1]);
        } catch {
          continue;
        }
        const id = (data as { id?: unknown } | null)?.id;
        if (typeof id === 'string' || typeof id === 'number') out.set(relative(root, full).split('\\').join('/'), String(id));
      }
    }
  };
  walk(root);
  return out;
}

describe('qmslint list on public QMS collections', () => {
  it.each(collections)('%s: every document with an id, once, in id order', (name) => {
    const root = join(CORPUS, name);
    const r = runCli(['list', '--format', 'json', '--today', '2026-11-26'], { cwd: root });
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string | null; path: string }[];
    const listed = new Map(rows.filter((x) => x.id !== null).map((x) => [x.path, x.id]));
    expect(listed.size).toBe(rows.filter((x) => x.id !== null).length); // no path twice
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(idsOnDisk(root)));
    const ids = rows.map((x) => x.id).filter((x): x is string => x !== null);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' }) || (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('lists something: the collections are not all without ids', () => {
    const total = collections.reduce((n, name) => n + idsOnDisk(join(CORPUS, name)).size, 0);
    expect(total).toBeGreaterThan(30);
  });
});
