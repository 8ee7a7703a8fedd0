// Which files a run lints (a CLI run, or the language server's list of a
// folder): the Markdown files under the given paths, or matching the given
// globs, minus node_modules and what the .gitignore files in the folder a path
// or glob starts from (and below it) exclude; files named one by one, whatever
// they are. (The engine then skips what the config's `ignore`
// globs match, except the files named one by one.)
//
// The .gitignore files between the repository's root and that folder apply
// too, as they do to a run over the root (`qmslint docs` skips what the root's
// .gitignore hides under docs/), unless they ignore the folder itself: a
// folder the user names is linted, as a file they name is, even when an outer
// .gitignore ignores it (a corpus under an ignored build folder). Above the
// repository's root nothing applies (a checkout inside another's).
import { pushAll } from '../core/arrays';
import ignore, { type Ignore } from 'ignore';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { SETTINGS_MAX_BYTES, UnreadableFile } from '../core/read-limits';
import { toPosix } from '../core/workspace';
import { readRegularFile } from './read-file';
import { enclosingRepository } from './repository';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const MARKDOWN = /\.(md|markdown)$/i;

/**
 * Which files are Markdown, the one policy for every door: what a folder or glob
 * selects, what the language server lists and watches, what review reads from git.
 * (The editor extension matches the same extensions with a glob of its own.)
 */
export function isMarkdownPath(file: string): boolean {
  return MARKDOWN.test(file);
}

/**
 * Why a run cannot start on what it was asked to lint: a path that is not there, a
 * pattern that selects nothing, a .gitignore that cannot be read. The message says
 * what to do. The CLI prints it and exits 2; the language server logs it, and
 * shows an unreadable .gitignore on the folder's files.
 */
export class SelectionError extends Error {}

/** The files the patterns select, together; a pattern may select none (the language server lists its folders with this). */
export async function discoverFiles(patterns: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) for (const file of (await filesFor(pattern, cwd)).files) found.add(file);
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
    const { files, named: isNamed } = await filesFor(pattern, cwd);
    if (!files.length) throw new SelectionError(await nothingSelected(pattern, cwd));
    for (const file of files) found.add(file);
    if (isNamed) pushAll(named, files);
  }
  return { files: [...found].sort(), named };
}

/** The files one path or glob selects; `gitignore: false` lists what .gitignore hides too. */
async function filesFor(pattern: string, cwd: string, gitignore = true): Promise<{ files: string[]; named: boolean }> {
  const scan = picomatch.scan(pattern);
  if (scan.isGlob) {
    const base = path.resolve(cwd, scan.base || '.');
    const match = picomatch(toPosix(path.resolve(cwd, pattern)), { dot: false });
    return { files: (await walk(base, gitignore, gitignore ? await rulesAbove(base, cwd) : [])).filter((file) => match(file)), named: false };
  }
  const abs = path.resolve(cwd, pattern);
  const s = await stat(abs).catch(() => undefined);
  if (!s) throw new SelectionError(`no such file or folder: ${pattern}`);
  // A file named explicitly is linted whatever its extension or ignore rules say.
  if (s.isFile()) return { files: [toPosix(abs)], named: true };
  return { files: await walk(abs, gitignore, gitignore ? await rulesAbove(abs, cwd) : []), named: false };
}

/**
 * The .gitignore rules of the folders from the repository's root down to above `dir`; none
 * when they ignore `dir` itself. The root: the nearest folder up from `dir` holding `.git`,
 * else the working folder when `dir` is inside it.
 */
async function rulesAbove(dir: string, cwd: string): Promise<Rules> {
  const root = enclosingRepository(dir) ?? cwd;
  const rel = path.relative(root, dir);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return [];
  const rules: Rules = [];
  let folder = root;
  for (const part of rel.split(path.sep)) {
    const here = await gitignoreAt(folder);
    if (here) rules.push(here);
    folder = path.join(folder, part);
  }
  const named = rules.some((r) => r.ig.ignores(toPosix(path.relative(r.base, dir)) + '/'));
  return named ? [] : rules;
}

/** Why a pattern selected nothing, and what to do about it. */
async function nothingSelected(pattern: string, cwd: string): Promise<string> {
  const hidden = (await filesFor(pattern, cwd, false)).files.length;
  const glob = picomatch.scan(pattern).isGlob;
  const where = glob ? `matching "${pattern}"` : pattern === '.' ? 'under the current folder' : `under the folder ${pattern}`;
  if (hidden) return `the ${hidden === 1 ? 'one Markdown file' : `${hidden} Markdown files`} ${where} ${hidden === 1 ? 'is' : 'are all'} excluded by .gitignore; name a file to lint it anyway`;
  if (glob) return `no Markdown files match "${pattern}"; check the pattern (qmslint lints .md and .markdown files)`;
  return `no Markdown files ${where} (qmslint lints .md and .markdown files); name a folder or file that has some`;
}

/** The Markdown files under `dir`; with `gitignore`, minus what the .gitignore files there and below exclude. */
async function walk(dir: string, gitignore: boolean, rules: Rules = []): Promise<string[]> {
  const here = gitignore ? await gitignoreAt(dir) : undefined;
  const active = here ? [...rules, here] : rules;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (active.some((r) => r.ig.ignores(toPosix(path.relative(r.base, abs)) + (isDir ? '/' : '')))) continue;
    if (isDir) pushAll(out, await walk(abs, gitignore, active));
    else if (entry.isFile() && isMarkdownPath(entry.name)) out.push(toPosix(abs));
  }
  return out;
}

type Rules = { base: string; ig: Ignore }[];

/** A .gitignore that exists but cannot be read as one: which files to lint is unknown until it is fixed. */
export class UnreadableIgnoreFile extends SelectionError {
  constructor(
    /** The .gitignore, absolute, POSIX separators. */
    readonly file: string,
    /** Why, without the file name (UnreadableFile's detail). */
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

async function gitignoreAt(dir: string): Promise<{ base: string; ig: Ignore } | undefined> {
  const file = path.join(dir, '.gitignore');
  // A .gitignore that cannot be read as one (a link to /dev/zero or a loop, a huge file) stops the run: linting what it hides would be wrong too.
  const bytes = await readRegularFile(file, SETTINGS_MAX_BYTES).catch((e) => {
    throw e instanceof UnreadableFile ? new UnreadableIgnoreFile(toPosix(file), e.detail) : e;
  });
  return bytes === undefined ? undefined : { base: dir, ig: ignore().add(bytes.toString('utf8')) };
}
