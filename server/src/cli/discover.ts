// Which files a CLI run lints: the Markdown files under the given paths, or
// matching the given globs, minus .gitignore'd files and node_modules; files
// named one by one, whatever they are. (The engine then skips what the
// config's `ignore` globs match, except the files named one by one.)
import ignore, { type Ignore } from 'ignore';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { toPosix } from '../core/workspace';
import { CliError } from './errors';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const MARKDOWN = /\.(md|markdown)$/i;

/**
 * The files the patterns select, together; a pattern may select none. This lists a
 * workspace or repository folder whole (the language server's folders, the repository
 * around named files): the .gitignore files inside it apply, not those above it, which
 * may well ignore the folder itself (a checkout inside another's ignored build folder).
 */
export async function discoverFiles(patterns: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) for (const file of (await filesFor(pattern, cwd, 'inside')).files) found.add(file);
  return [...found].sort();
}

export interface Selection {
  files: string[];
  /** The files named one by one (not through a folder or a glob). */
  named: string[];
}

/**
 * What the user asked to lint. Every pattern must select something, as in
 * ESLint: a typing mistake in one of several patterns would otherwise pass
 * unnoticed, with a green run over the others.
 */
export async function selectFiles(patterns: string[], cwd: string): Promise<Selection> {
  const found = new Set<string>();
  const named: string[] = [];
  for (const pattern of patterns) {
    const { files, named: isNamed } = await filesFor(pattern, cwd, 'work-tree');
    if (!files.length) throw new CliError(await nothingSelected(pattern, cwd));
    for (const file of files) found.add(file);
    if (isNamed) named.push(...files);
  }
  return { files: [...found].sort(), named };
}

/**
 * Which .gitignore files apply: those of the whole git work tree (what the user points at
 * inside a repository), those inside the listed folder only, or none (to say what they hide).
 */
type Gitignores = 'work-tree' | 'inside' | 'none';

/** The files one path or glob selects. */
async function filesFor(pattern: string, cwd: string, gitignore: Gitignores): Promise<{ files: string[]; named: boolean }> {
  const scan = picomatch.scan(pattern);
  if (scan.isGlob) {
    const base = path.resolve(cwd, scan.base || '.');
    const match = picomatch(toPosix(path.resolve(cwd, pattern)), { dot: false });
    return { files: (await markdownUnder(base, gitignore)).filter((file) => match(file)), named: false };
  }
  const abs = path.resolve(cwd, pattern);
  const s = await stat(abs).catch(() => undefined);
  if (!s) throw new CliError(`no such file or folder: ${pattern}`);
  // A file named explicitly is linted whatever its extension or ignore rules say.
  if (s.isFile()) return { files: [toPosix(abs)], named: true };
  return { files: await markdownUnder(abs, gitignore), named: false };
}

/** Why a pattern selected nothing, and what to do about it. */
async function nothingSelected(pattern: string, cwd: string): Promise<string> {
  const hidden = (await filesFor(pattern, cwd, 'none')).files.length;
  const glob = picomatch.scan(pattern).isGlob;
  const where = glob ? `matching "${pattern}"` : pattern === '.' ? 'under the current folder' : `under the folder ${pattern}`;
  if (hidden) return `the ${hidden === 1 ? 'one Markdown file' : `${hidden} Markdown files`} ${where} ${hidden === 1 ? 'is' : 'are all'} excluded by .gitignore; name a file to lint it anyway`;
  if (glob) return `no Markdown files match "${pattern}"; check the pattern (qmslint lints .md and .markdown files)`;
  return `no Markdown files ${where} (qmslint lints .md and .markdown files); name a folder or file that has some`;
}

/** The Markdown files under `dir`, minus what the .gitignore files that apply exclude. */
async function markdownUnder(dir: string, gitignore: Gitignores): Promise<string[]> {
  return walk(dir, gitignore !== 'none', gitignore === 'work-tree' ? await inheritedRules(dir) : []);
}

async function walk(dir: string, gitignore: boolean, rules: Rules): Promise<string[]> {
  const here = gitignore ? await gitignoreAt(dir) : undefined;
  const active = here ? [...rules, here] : rules;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (active.some((r) => r.ig.ignores(toPosix(path.relative(r.base, abs)) + (isDir ? '/' : '')))) continue;
    if (isDir) out.push(...(await walk(abs, gitignore, active)));
    else if (entry.isFile() && MARKDOWN.test(entry.name)) out.push(toPosix(abs));
  }
  return out;
}

type Rules = { base: string; ig: Ignore }[];

/**
 * The .gitignore files of the folders above `dir`, up to the root of its git
 * work tree: git applies them below too, so a folder or glob inside a
 * repository skips what the repository ignores. Outside a work tree, none.
 */
async function inheritedRules(dir: string): Promise<Rules> {
  const above: string[] = [];
  for (let d = dir; !(await stat(path.join(d, '.git')).catch(() => undefined)); ) {
    const parent = path.dirname(d);
    if (parent === d) return [];
    above.unshift(parent);
    d = parent;
  }
  const rules: Rules = [];
  for (const d of above) {
    const here = await gitignoreAt(d);
    if (here) rules.push(here);
  }
  return rules;
}

async function gitignoreAt(dir: string): Promise<{ base: string; ig: Ignore } | undefined> {
  const text = await readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : { base: dir, ig: ignore().add(text) };
}
