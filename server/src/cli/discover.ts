// Which files a CLI run lints: the Markdown files under the given paths, or
// matching the given globs, minus .gitignore'd files, node_modules and the
// config's `ignore` globs.
import ignore, { type Ignore } from 'ignore';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { toPosix } from '../core/workspace';
import { UsageError } from './args';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const MARKDOWN = /\.(md|markdown)$/i;

export async function discoverFiles(patterns: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const scan = picomatch.scan(pattern);
    if (scan.isGlob) {
      const base = path.resolve(cwd, scan.base || '.');
      const match = picomatch(toPosix(path.resolve(cwd, pattern)), { dot: false });
      for (const file of await walk(base)) if (match(file)) found.add(file);
    } else {
      const abs = path.resolve(cwd, pattern);
      const s = await stat(abs).catch(() => undefined);
      if (!s) throw new UsageError(`no such file or folder: ${pattern}`);
      // A file named explicitly is linted whatever its extension or ignore rules say.
      if (s.isFile()) found.add(toPosix(abs));
      else for (const file of await walk(abs)) found.add(file);
    }
  }
  return [...found].sort();
}

async function walk(dir: string, rules: { base: string; ig: Ignore }[] = []): Promise<string[]> {
  const here = await gitignoreAt(dir);
  const active = here ? [...rules, here] : rules;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (active.some((r) => r.ig.ignores(toPosix(path.relative(r.base, abs)) + (isDir ? '/' : '')))) continue;
    if (isDir) out.push(...(await walk(abs, active)));
    else if (entry.isFile() && MARKDOWN.test(entry.name)) out.push(toPosix(abs));
  }
  return out;
}

async function gitignoreAt(dir: string): Promise<{ base: string; ig: Ignore } | undefined> {
  const text = await readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : { base: dir, ig: ignore().add(text) };
}
