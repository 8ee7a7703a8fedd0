// --cache: one file in the cache folder (cache-file.ts) holding what analysing
// each document gave (its light model and the findings of the rules that need
// no workspace), keyed by the document's text, its configuration, the texts of
// its standard packs and the tool itself (version and build), and the last
// plain run's outcome, which warm-run.ts answers from without reading the
// documents. The rules that read the workspace index or today's date are not
// in the analyses: they run on the light documents, so a change in one
// document reaches the findings of the others.
//
// Nothing in the file is used unless its MACs match under the key kept outside
// the repository (cache-key.ts): a corrupted, truncated, foreign or forged file
// is ignored (and replaced), never trusted. Whoever can write the cache folder
// (a node_modules/.cache committed to the repository, a CI cache a pull request
// also writes) must not be able to say a document is clean, and a cache file
// git tracks is not read even with valid MACs. Writes are atomic (write-file.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Analysis, AnalysisConfig, AnalysisRequest, DocumentAnalyser } from '../core/analysis';
import { visible } from '../core/visible';
import { version } from '../../../package.json';
import { whyNotWritten, writeFileAtomic } from './write-file';
import { cacheSecret } from './cache-key';
import { cacheFileIn, cacheParts, inflate, readCacheFile, type Section, type SectionName, type StoredSection } from './cache-file';
import { trackedFiles } from './git';
import { enclosingRepository } from '../host/repository';

export const sha256 = (...parts: (string | Buffer)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
};

let toolKeyMemo: string | undefined;

/** The version and the build that runs (a rebuilt bundle starts a new cache). */
export function toolKey(): string {
  if (toolKeyMemo === undefined) {
    let build = '';
    try {
      build = sha256(readFileSync(__filename));
    } catch {
      // not readable: the version alone
    }
    toolKeyMemo = `${version}/${build}`;
  }
  return toolKeyMemo;
}

/** node_modules/.cache/qmslint of the nearest folder above `cwd` with a package.json or node_modules, else of `cwd`. */
export function defaultCacheDir(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) || existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'qmslint');
    if (path.dirname(dir) === dir) return path.join(path.resolve(cwd), 'node_modules', '.cache', 'qmslint');
  }
}

export interface CacheOptions {
  /** The MAC key; by default cache-key.ts's, and without one nothing is read or written. */
  secret?: string;
  /** Tells the user something (a cache file that cannot be written); standard error by default. */
  note?: (text: string) => void;
}

/** A section read from the cache file, and when the file was written. */
type ReadSection = StoredSection & { mtimeNs: bigint };

/** Analyses by document path: the key they were made for and what they gave. */
type Analyses = Map<string, [key: string, analysis: Analysis]>;

/** The cache file of one run: read at most once per section, written whole. */
export class CacheStore {
  /** Sections read and files written in this run (for tests and --debug output). */
  stats = { hits: 0, misses: 0, ignored: 0, written: 0 };
  readonly file: string;
  private secretMemo?: { secret: string | undefined };
  private trackedMemo?: Promise<boolean>;
  private readonly sections = new Map<SectionName, Promise<ReadSection | undefined>>();
  /** A failed write was noted: one note a run is enough. */
  private noted = false;
  private readonly note: (text: string) => void;

  constructor(
    readonly dir: string,
    readonly tool: string = toolKey(),
    private readonly options: CacheOptions = {},
  ) {
    this.file = cacheFileIn(dir);
    this.note = options.note ?? ((text) => process.stderr.write(`qmslint: ${visible(text)}\n`));
  }

  /** The MAC key; undefined when there is none, and then nothing is read or written. */
  get secret(): string | undefined {
    this.secretMemo ??= { secret: this.options.secret ?? secretOrUndefined() };
    return this.secretMemo.secret;
  }

  /** The file may be read and written: a key, and git does not track it (committed into the repository). */
  usable(): Promise<boolean> {
    if (!this.trackedMemo) {
      // Outside any repository (and with no GIT_DIR naming one) nothing is tracked: no git to start.
      const repository = process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined || enclosingRepository(this.dir) !== undefined;
      if (this.secret === undefined) this.trackedMemo = Promise.resolve(false);
      else this.trackedMemo = repository ? trackedFiles(this.dir).then((t) => !t.has(this.file)) : Promise.resolve(true);
    }
    return this.trackedMemo;
  }

  /** A section's bytes, authenticated, and when the file was written; undefined when there is no trusted one. */
  section(name: SectionName): Promise<ReadSection | undefined> {
    let read = this.sections.get(name);
    if (!read) {
      read = this.usable().then((ok) => {
        if (!ok) return undefined;
        const got = readCacheFile(this.file, this.secret!, this.tool, [name]);
        if (got === 'untrusted') this.stats.ignored = 1;
        const stored = got && got !== 'untrusted' ? got[name] : undefined;
        return stored && got !== 'untrusted' && got ? { ...stored, mtimeNs: got.mtimeNs } : undefined;
      });
      this.sections.set(name, read);
    }
    return read;
  }

  /**
   * A section as the file holds it, to carry into the next file: the one read (authenticated) or,
   * when this run did not need it, its bytes and MAC unchecked (the next reader checks them; a
   * warm run need not authenticate the 5 MB of analyses it never reads).
   */
  private async carried(name: SectionName): Promise<StoredSection | undefined> {
    const read = this.sections.get(name);
    if (read) return read;
    const got = readCacheFile(this.file, this.secret!, this.tool, [name], false);
    return got && got !== 'untrusted' ? got[name] : undefined;
  }

  /** The analyses the file holds; empty when there is no trusted one. */
  async analyses(): Promise<Analyses> {
    const s = await this.section('analyses');
    if (!s) return new Map();
    try {
      const parsed = JSON.parse(inflate(s.bytes)) as Record<string, [string, Analysis]>;
      return new Map(Object.entries(parsed));
    } catch {
      this.stats.ignored = 1;
      return new Map();
    }
  }

  /**
   * Replaces the file: this run's record (or none), the documents' facts (one line each) and the
   * analyses; 'as read' keeps a section as the file had it (authenticated, or else empty).
   */
  async save(record: unknown, facts: string | 'as read', analyses: Analyses | 'as read'): Promise<void> {
    if (!(await this.usable())) return;
    const kept = async (name: SectionName, empty: string): Promise<Section> => {
      const stored = await this.carried(name);
      return stored ? { stored } : { text: empty };
    };
    const factsPart = facts === 'as read' ? await kept('facts', '') : { text: facts };
    const analysesPart = analyses === 'as read' ? await kept('analyses', '{}') : { text: JSON.stringify(Object.fromEntries(analyses)) };
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch {
      // written below or not at all
    }
    // Atomic, with a random temporary name that a link committed into the cache folder cannot meet.
    try {
      writeFileAtomic(this.file, cacheParts(this.secret!, this.tool, { text: JSON.stringify(record) }, factsPart, analysesPart), { durable: false });
      this.stats.written++;
    } catch (e) {
      // A cache that cannot be written only makes the next run slower: said once, and the run goes on.
      if (!this.noted) this.note(`--cache: cannot write the cache file ${this.file}: ${whyNotWritten(e, this.file)}; the run goes on without it`);
      this.noted = true;
    }
  }
}

export class CachingAnalyser implements DocumentAnalyser {
  readonly store: CacheStore;
  /** Analyses of this run's documents so far (a --fix analyses again): what the file will hold. */
  readonly current: Analyses = new Map();
  private stored?: Promise<Analyses>;
  /** The caller saves the file, with a record of the run (lint-files.ts); otherwise each batch saves it. */
  deferSave = false;

  constructor(
    dir: string,
    /** What analyses the documents the cache does not have (given how many). */
    inner: DocumentAnalyser | ((misses: number) => DocumentAnalyser),
    tool: string = toolKey(),
    options: CacheOptions = {},
  ) {
    this.innerFor = typeof inner === 'function' ? inner : () => inner;
    this.store = new CacheStore(dir, tool, options);
  }

  get stats() {
    return this.store.stats;
  }

  private readonly innerFor: (misses: number) => DocumentAnalyser;
  private readonly packKeys = new Map<string, string>();

  private keyOf(r: AnalysisRequest, configs: Map<string, AnalysisConfig>): string {
    let packs = this.packKeys.get(r.config);
    if (packs === undefined) this.packKeys.set(r.config, (packs = sha256(JSON.stringify(configs.get(r.config)!.packs))));
    return sha256(this.store.tool, r.config, packs, r.path, String(r.matchedByGlob), r.text);
  }

  async analyse(requests: AnalysisRequest[], configs: Map<string, AnalysisConfig>, onDone?: (done: number) => void): Promise<Analysis[]> {
    const results: Analysis[] = new Array(requests.length);
    this.stored ??= this.store.analyses();
    const stored = await this.stored;
    const keys = requests.map((r) => this.keyOf(r, configs));
    const missing: number[] = [];
    requests.forEach((r, i) => {
      const hit = this.current.get(r.path) ?? stored.get(r.path);
      if (hit && hit[0] === keys[i] && valid(hit[1], r.path)) {
        results[i] = hit[1];
        this.current.set(r.path, hit);
        this.stats.hits++;
      } else missing.push(i);
    });
    const hits = requests.length - missing.length;
    onDone?.(hits);
    if (missing.length) {
      this.stats.misses += missing.length;
      const fresh = await this.innerFor(missing.length).analyse(
        missing.map((i) => requests[i]),
        configs,
        onDone && ((done) => onDone(hits + done)),
      );
      missing.forEach((i, k) => {
        results[i] = fresh[k];
        this.current.set(requests[i].path, [keys[i], fresh[k]]);
      });
    }
    if (!this.deferSave && missing.length) await this.store.save(null, '', this.current);
    return results;
  }
}

/** An analysis as we wrote it, for this document (the MAC vouches for the bytes, this for the shape). */
function valid(a: Analysis, file: string): boolean {
  return !!a && Array.isArray(a.findings) && Array.isArray(a.deferred) && (a.document === undefined || a.document.path === file);
}

function secretOrUndefined(): string | undefined {
  const key = cacheSecret();
  return 'secret' in key ? key.secret : undefined;
}
