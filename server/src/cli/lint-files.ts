// The step every file command shares: find the files, load the config the
// user named, and run the engine.
import * as path from 'node:path';
import { LocalAnalyser, type DocumentAnalyser } from '../core/analysis';
import { ConfigResolver, parseConfig, readConfigText, type Config } from '../core/config';
import { todayIso } from '../core/dates';
import { Project, type LintOptions, type LintResult } from '../core/project';
import { toPosix, type Workspace } from '../core/workspace';
import { DiskWorkspace } from '../host/disk-workspace';
import type { FileArgs } from './args';
import { CachingAnalyser, defaultCacheDir } from './cache';
import { RecordingWorkspace } from './recording-workspace';
import { recordOf, runKey, warmRun } from './warm-run';
import { cacheSecret } from './cache-key';
import { enclosingRepository, linkInRepository } from '../host/repository';
import { visible } from '../core/visible';
import { selectFiles } from '../host/discover';
import { CliError } from './errors';
import { defaultJobs, PARALLEL_MIN_FILES, WorkerAnalyser } from '../host/worker-pool';

export interface LintRun {
  result: LintResult;
  workspace: Workspace;
  root: string;
  /** --fix could not write every fix it made (exit code 2). */
  incomplete?: boolean;
}

export async function lintFiles(args: FileArgs, cwd: string, extra: Partial<LintOptions> = {}): Promise<LintRun> {
  // A plain run (the whole repository, from disk, no change control) keeps its outcome in the
  // --cache for the next one, so it notes what it looks at (warm-run.ts).
  const plain = args.cache && !args.shard && !extra.workspace && !extra.base && !extra.evidence && !extra.texts && !extra.only;
  const seen = plain ? new RecordingWorkspace(new DiskWorkspace()) : undefined;
  const options = await lintOptions(args, cwd, seen ? { ...extra, workspace: seen } : extra);
  const cache = seen && options.analyser instanceof CachingAnalyser ? options.analyser : undefined;
  const run = (result: LintResult): LintRun => ({ result, workspace: options.workspace, root: options.root });
  // One project, asked once: the command's whole run.
  if (!cache) return run(await new Project(options).run(options));
  const key = runKey(options, args.config && toPosix(path.resolve(cwd, args.config)));
  // The stylish report's summary reads the coverage of the index the run gives.
  const warm = await warmRun(options, key, cache.store, (args as { format?: string }).format === 'stylish');
  if (warm) return run(warm);
  cache.deferSave = true;
  const result = await new Project(options).run(options);
  const { record, facts } = recordOf(key, options, result, seen!.seen);
  await cache.store.save(record, facts, cache.current);
  return run(result);
}

/** What the engine is asked to do for these arguments (--fix runs it more than once). */
export async function lintOptions(args: FileArgs, cwd: string, extra: Partial<LintOptions> = {}): Promise<LintOptions> {
  const workspace = extra.workspace ?? new DiskWorkspace();
  const files = extra.files ?? (await selectFiles(args.patterns, cwd)).files;
  const root = extra.root ?? commonDir(files.length ? files : [toPosix(path.resolve(cwd, args.patterns[0]))], cwd);
  const config = await explicitConfig(args, cwd, workspace);
  // --shard splits what would be reported (the whole run, or the files the user named); config files are not split.
  const indexed = new Set(files);
  const reported = (extra.only ?? files).filter((f) => indexed.has(f));
  const withWorkspaceRules = extra.only ? Boolean(extra.workspaceRules) : true;
  return {
    workspace,
    files,
    root,
    config,
    standard: args.standard,
    today: args.today ?? todayIso(),
    maxFileSize: args.maxFileSize,
    analyser: analyserFor(args, cwd, files.length),
    ...extra,
    ...(args.shard ? await shardOptions(args.shard, reported, root, workspace, config, withWorkspaceRules) : {}),
  };
}

/** Threads (--jobs) and the cache (--cache); undefined for the plain in-process path. */
function analyserFor(args: FileArgs, cwd: string, files: number): DocumentAnalyser | undefined {
  const jobs = args.jobs ?? defaultJobs();
  // Threads need the bundle (out/cli.js) as their script; run from sources (tests), documents are analysed here.
  const bundled = __filename.endsWith('.js');
  const many = args.jobs !== undefined || files >= PARALLEL_MIN_FILES;
  // Analysed one by one, a document's tree is dropped as soon as its light model is made: memory stays flat.
  // --jobs 1 is this thread alone: a worker beside an idle thread would only cost its start and its heap.
  const threaded = many && bundled && jobs > 1;
  const uncached = () => (threaded ? new WorkerAnalyser(jobs, __filename, true).start() : many ? new LocalAnalyser() : undefined);
  if (!args.cache) return uncached();
  const dir = args.cacheLocation ? path.resolve(cwd, args.cacheLocation) : defaultCacheDir(cwd);
  // The run goes on without the cache when it cannot be trusted; the user is told why, once.
  const cacheOff = (why: string) => (noteOnce(`--cache is off for this run: ${why}`), uncached());
  const key = cacheSecret(); // a QMSLINT_CACHE_KEY too short to be secret stops the run here (CliError)
  if ('problem' in key) return cacheOff(key.problem);
  const link = cacheFolderLink(dir, cwd);
  if (link) return cacheOff(link);
  // Threads only for many documents missing from the cache: starting them costs more than analysing a few here.
  const inner = (misses: number) => (threaded && misses >= PARALLEL_MIN_FILES ? new WorkerAnalyser(jobs, __filename, true) : new LocalAnalyser());
  return new CachingAnalyser(dir, inner, undefined, { secret: key.secret, note: noteOnce });
}

/**
 * Why the cache folder must not be used: a folder on its path inside the repository is a symbolic
 * link (a committed `node_modules/.cache -> /anywhere` would take entries, and reads, out of it).
 */
function cacheFolderLink(dir: string, cwd: string): string | undefined {
  const link = linkInRepository(dir, enclosingRepository(cwd) ?? cwd);
  if (!link) return undefined;
  const name = path.relative(cwd, link) || link;
  return `${name} is a symbolic link inside the repository, and qmslint keeps no cache through one; remove the link, or name a folder without it with --cache-location`;
}

const noted = new Set<string>();

/**
 * A note about the cache on standard error, once per process (review lints twice, --fix runs
 * again). This module has no CliIo, and the bundle's io writes to process.stderr too.
 */
function noteOnce(text: string): void {
  if (noted.has(text)) return;
  noted.add(text);
  // Paths in it come from the layout the run met: shown with control characters escaped, as every message is.
  process.stderr.write(`qmslint: ${visible(text)}\n`);
}

/**
 * --shard i/n: the files whose path (relative to the root) hashes to part i
 * are checked and reported; every file still builds the index, so references
 * and workspace rules see the whole workspace. Findings on the root config
 * (coverage gaps) belong to part 1, when the run reports them at all.
 */
export async function shardOptions(
  shard: { index: number; count: number },
  files: string[],
  root: string,
  workspace: Workspace,
  config: Config | undefined,
  workspaceRules = true,
): Promise<Partial<LintOptions>> {
  const only = files.filter((f) => shardOf(path.posix.relative(root, f), shard.count) === shard.index);
  if (workspaceRules && shard.index === 1) {
    const rootConfig = await new ConfigResolver(workspace, root, config).forDir(root);
    if (rootConfig.file) only.push(rootConfig.file);
  }
  return { only, workspaceRules };
}

/** The part (1..count) a relative path belongs to: FNV-1a of the path, so adding a file moves no other. */
export function shardOf(relative: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < relative.length; i++) {
    h ^= relative.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % count) + 1;
}

async function explicitConfig(args: FileArgs, cwd: string, workspace: Workspace): Promise<Config | undefined> {
  if (!args.config) return undefined;
  const file = toPosix(path.resolve(cwd, args.config));
  const text = await readConfigText(workspace, file);
  if (text === undefined) throw new CliError(`config file not found: ${args.config}`);
  return parseConfig(text, file);
}

/** The deepest folder containing every file: the root of the lint. */
export function commonDir(files: string[], cwd: string): string {
  const dirs = files.map((f) => path.posix.dirname(f).split('/'));
  const first = dirs[0] ?? toPosix(cwd).split('/');
  let n = first.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && d[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/') || '/';
}
