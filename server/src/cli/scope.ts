// What a lint run reads and what it reports. The paths and globs the user
// gives choose the files to report; the index is built from the whole
// repository around them, so references to documents they did not name
// resolve and duplicate ids are found, exactly as in a run over everything.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_NAMES, ConfigResolver } from '../core/config';
import type { LintOptions } from '../core/project';
import { toPosix } from '../core/workspace';
import { discoverFiles, selectFiles } from '../host/discover';
import { DiskWorkspace } from '../host/disk-workspace';

/**
 * The files to index and the ones to report for these patterns. When they
 * select whole repositories, that is a plain run. When they select part of
 * one, only those files are reported, and the workspace rules (coverage gaps,
 * findings about the whole QMS that go to the config file) are left out,
 * unless the user names the config file too.
 */
export async function lintScope(patterns: string[], cwd: string, config: string | undefined): Promise<Partial<LintOptions>> {
  const selection = await selectFiles(patterns, cwd);
  // A config file named explicitly asks for the findings it carries; it is not Markdown to lint.
  const configs = selection.named.filter(isConfigFile);
  const documents = selection.files.filter((f) => !configs.includes(f));
  const named = selection.named.filter((f) => !configs.includes(f));
  const roots = new RepositoryRoots(cwd, config);
  const found = new Set(await Promise.all([...new Set(selection.files.map((f) => path.posix.dirname(f)))].map((d) => roots.of(d))));
  // Each repository once: one inside another is read with it.
  const repositories = [...found].filter((r) => ![...found].some((o) => o !== r && inside(r, o))).sort();
  // A pattern that is a repository's folder itself has listed it whole already.
  const listed = new Set(patterns.filter((p) => !picomatch.scan(p).isGlob).map((p) => toPosix(path.resolve(cwd, p))));
  const whole = await Promise.all(repositories.map((r) => (listed.has(r) ? [] : discoverFiles([r], r))));
  // Files named explicitly are read even where .gitignore hides them from the listing.
  const files = [...new Set([...whole.flat(), ...documents])].sort();
  const root = commonFolder(repositories);
  if (documents.length === files.length) return { files, root, named };
  return { files, root, named, only: [...documents, ...configs], workspaceRules: configs.length > 0 };
}

/** The repository a file belongs to (see RepositoryRoots). */
export function repositoryRoot(file: string, cwd: string, config: string | undefined): Promise<string> {
  return new RepositoryRoots(cwd, config).of(path.posix.dirname(file));
}

/**
 * The repository of a folder: the nearest folder at or above it that holds a
 * config file (the one the engine reads), or with --config, that file's folder
 * when the folder is inside it; without one, the top of the git work tree it is
 * in; outside git, the working folder when the folder is inside it, or else the
 * folder itself.
 */
class RepositoryRoots {
  /** The engine's own config lookup, so a repository is the folder of the config its files are checked with. */
  private readonly configs = new ConfigResolver(new DiskWorkspace(), '/');
  private readonly gitTops = new Map<string, Promise<string | undefined>>();
  private readonly here: string;
  /** --config's folder: it replaces every config file, so none of them marks a repository. */
  private readonly configGiven?: string;

  constructor(cwd: string, config: string | undefined) {
    this.here = toPosix(path.resolve(cwd));
    if (config !== undefined) this.configGiven = path.posix.dirname(toPosix(path.resolve(cwd, config)));
  }

  async of(dir: string): Promise<string> {
    const given = this.configGiven;
    const configured = given === undefined ? await this.configFolder(dir) : dir === given || inside(dir, given) ? given : undefined;
    const found = configured ?? (await this.gitTop(dir));
    return found ?? (dir === this.here || inside(dir, this.here) ? this.here : dir);
  }

  private async configFolder(dir: string): Promise<string | undefined> {
    const config = await this.configs.forDir(dir);
    return config.file ? config.root : undefined;
  }

  /** The nearest folder at or above `dir` that holds `.git` (a folder, or a file in a worktree or submodule). */
  private gitTop(dir: string): Promise<string | undefined> {
    let found = this.gitTops.get(dir);
    if (!found) {
      found = (async () => {
        if (await stat(path.posix.join(dir, '.git')).catch(() => undefined)) return dir;
        const parent = path.posix.dirname(dir);
        return parent === dir ? undefined : this.gitTop(parent);
      })();
      this.gitTops.set(dir, found);
    }
    return found;
  }
}

function isConfigFile(file: string): boolean {
  return CONFIG_NAMES.includes(path.posix.basename(file));
}

/** `dir` is strictly inside `parent`. */
function inside(dir: string, parent: string): boolean {
  return dir.startsWith(parent.endsWith('/') ? parent : parent + '/');
}

/** The deepest folder that holds all of these folders. */
function commonFolder(dirs: string[]): string {
  const parts = dirs.map((d) => d.split('/'));
  let n = parts[0].length;
  for (const p of parts) {
    let i = 0;
    while (i < n && p[i] === parts[0][i]) i++;
    n = i;
  }
  return parts[0].slice(0, n).join('/') || '/';
}
