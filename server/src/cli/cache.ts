// --cache: what analysing a document gave (its light model and the findings of
// the rules that need no workspace) kept on disk, one file per document, keyed
// by the document's text, its configuration, the texts of its standard packs
// and the tool itself (version and build). The rules that read the workspace
// index or today's date are not cached: they run on every run, on the light
// documents, so a change in one document reaches the findings of the others.
//
// An entry is used only when its header names this format, this tool, this
// path and this key, and its MAC matches: a corrupted, truncated, foreign or
// forged file is ignored (and replaced), never trusted. Whoever can write the
// cache folder (a node_modules/.cache committed to the repository, a CI cache a
// pull request also writes) must not be able to say a document is clean, so the
// MAC is an HMAC-SHA256 with a key kept outside the repository (cache-key.ts),
// and an entry git tracks is not trusted even with a valid MAC. An entry is
// read only if it is a regular file (not a link: we write none) of bounded size,
// so an entry name linked to /dev/zero or a FIFO cannot hang the run.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import * as path from 'node:path';
import type { Analysis, AnalysisConfig, AnalysisRequest, DocumentAnalyser } from '../core/analysis';
import { MAX_READ_BYTES } from '../core/read-limits';
import { visible } from '../core/visible';
import { version } from '../../../package.json';
import { whyNotWritten, writeFileAtomic } from './write-file';
import { cacheSecret } from './cache-key';
import { trackedFiles } from './git';

const FORMAT = 'qmslint-cache/3';

/**
 * An entry file is this header as one line of JSON, then the Analysis as
 * JSON. JSON because an Analysis is plain data and JSON.parse reads it about
 * twice as fast as v8.deserialize (a warm run reads every entry).
 */
interface Header {
  format: string;
  tool: string;
  path: string;
  key: string;
  /** HMAC-SHA256 of the other fields and the payload text (see `macOf`). */
  mac: string;
}

/** What authenticates an entry: the header's other fields and the payload, under the secret. */
function macOf(secret: string, h: Omit<Header, 'mac'>, payload: string): string {
  return createHmac('sha256', secret).update(JSON.stringify([h.format, h.tool, h.path, h.key])).update('\n').update(payload).digest('hex');
}

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const sha256 = (...parts: (string | Buffer)[]) => {
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
  /** The MAC key; by default cache-key.ts's, and without one no entry is read or written. */
  secret?: string;
  /** Tells the user something (an entry that cannot be written); standard error by default. */
  note?: (text: string) => void;
}

export class CachingAnalyser implements DocumentAnalyser {
  /** Entries read and written in the last run (for tests and --debug output). */
  stats = { hits: 0, misses: 0, ignored: 0, written: 0 };

  /** The MAC key; undefined when there is none, and then no entry is read or written. */
  private secret: string | undefined;
  /** Entry files git tracks (committed into the repository): never read, never written. */
  private tracked = new Set<string>();

  constructor(
    private readonly dir: string,
    /** What analyses the documents the cache does not have (given how many). */
    inner: DocumentAnalyser | ((misses: number) => DocumentAnalyser),
    private readonly tool: string = toolKey(),
    options: CacheOptions = {},
  ) {
    this.innerFor = typeof inner === 'function' ? inner : () => inner;
    this.given = options.secret;
    this.note = options.note ?? ((text) => process.stderr.write(`qmslint: ${visible(text)}\n`));
  }

  private readonly given: string | undefined;
  private readonly note: (text: string) => void;
  /** A failed write was noted: one note a run is enough. */
  private noted = false;

  private readonly innerFor: (misses: number) => DocumentAnalyser;

  private fileOf(p: string): string {
    return path.join(this.dir, `${sha256(p).slice(0, 40)}.bin`);
  }

  private keyOf(r: AnalysisRequest, configs: Map<string, AnalysisConfig>): string {
    const c = configs.get(r.config)!;
    return sha256(this.tool, r.config, JSON.stringify(c.packs), r.path, String(r.matchedByGlob), r.text);
  }

  private read(r: AnalysisRequest, key: string): Analysis | undefined {
    if (this.secret === undefined || this.tracked.has(this.fileOf(r.path))) return undefined;
    const raw = readEntry(this.fileOf(r.path));
    if (raw === undefined) return undefined;
    if (raw === null) return this.ignore();
    try {
      const end = raw.indexOf('\n');
      if (end < 0) return this.ignore();
      const h = JSON.parse(raw.slice(0, end)) as Partial<Header> | null;
      const valid = !!h && typeof h === 'object' && h.format === FORMAT && h.tool === this.tool && h.path === r.path && h.key === key && typeof h.mac === 'string';
      if (!valid) return this.ignore();
      const payload = raw.slice(end + 1);
      if (!sameMac(macOf(this.secret, { format: FORMAT, tool: this.tool, path: r.path, key }, payload), h.mac!)) return this.ignore();
      const a = JSON.parse(payload) as Analysis;
      if (!a || !Array.isArray(a.findings) || !Array.isArray(a.deferred) || (a.document !== undefined && a.document.path !== r.path)) return this.ignore();
      return a;
    } catch {
      return this.ignore();
    }
  }

  private ignore(): undefined {
    this.stats.ignored++;
    return undefined;
  }

  private write(r: AnalysisRequest, key: string, a: Analysis): void {
    if (this.secret === undefined) return;
    const payload = JSON.stringify(a);
    const fields = { format: FORMAT, tool: this.tool, path: r.path, key };
    const header: Header = { ...fields, mac: macOf(this.secret, fields, payload) };
    const file = this.fileOf(r.path);
    if (this.tracked.has(file)) return;
    // Atomic, with a random temporary name that a link committed into the cache folder cannot meet.
    try {
      writeFileAtomic(file, `${JSON.stringify(header)}\n${payload}`);
      this.stats.written++;
    } catch (e) {
      // A cache that cannot be written only makes the next run slower: said once, and the run goes on.
      if (!this.noted) this.note(`--cache: cannot write the cache entry ${file}: ${whyNotWritten(e, file)}; the run goes on without it`);
      this.noted = true;
    }
  }

  async analyse(requests: AnalysisRequest[], configs: Map<string, AnalysisConfig>, onDone?: (done: number) => void): Promise<Analysis[]> {
    const results: Analysis[] = new Array(requests.length);
    this.secret = this.given ?? secretOrUndefined();
    this.tracked = this.secret === undefined ? new Set() : await trackedFiles(this.dir);
    const keys = requests.map((r) => this.keyOf(r, configs));
    const missing: number[] = [];
    requests.forEach((r, i) => {
      const hit = this.read(r, keys[i]);
      if (hit) {
        results[i] = hit;
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
      try {
        mkdirSync(this.dir, { recursive: true });
      } catch {
        // written below or not at all
      }
      missing.forEach((i, k) => {
        results[i] = fresh[k];
        this.write(requests[i], keys[i], fresh[k]);
      });
    }
    return results;
  }
}

function secretOrUndefined(): string | undefined {
  const key = cacheSecret();
  return 'secret' in key ? key.secret : undefined;
}

/**
 * The text of an entry file: undefined when there is none, null when it is not one we wrote (a
 * link, which O_NOFOLLOW refuses; a device, FIFO or folder; larger than any entry may be). No
 * blocking open (a FIFO would wait for a writer), and never more than the limit + 1 bytes read.
 */
function readEntry(file: string): string | undefined | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile() || s.size > MAX_READ_BYTES) return null;
    const buffer = Buffer.alloc(s.size + 1);
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(fd, buffer, done, buffer.length - done, done);
      if (n === 0) break;
      done += n;
    }
    // Grown past its size since fstat: not an entry being read as it was written.
    return done > s.size ? null : buffer.toString('utf8', 0, done);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
