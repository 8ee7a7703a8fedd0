// --cache: what analysing a document gave (its light model and the findings of
// the rules that need no workspace) kept on disk, one file per document, keyed
// by the document's text, its configuration, the texts of its standard packs
// and the tool itself (version and build). The rules that read the workspace
// index or today's date are not cached: they run on every run, on the light
// documents, so a change in one document reaches the findings of the others.
//
// An entry is used only when its header names this format, this tool, this
// path and this key, and its payload's digest matches: a corrupted, truncated
// or foreign file is ignored (and replaced), never trusted.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Analysis, AnalysisConfig, AnalysisRequest, DocumentAnalyser } from '../core/analysis';
import { version } from '../../../package.json';

const FORMAT = 'qmslint-cache/2';

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
  /** sha256 of the payload text. */
  digest: string;
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

export class CachingAnalyser implements DocumentAnalyser {
  /** Entries read and written in the last run (for tests and --debug output). */
  stats = { hits: 0, misses: 0, ignored: 0, written: 0 };

  constructor(
    private readonly dir: string,
    /** What analyses the documents the cache does not have (given how many). */
    inner: DocumentAnalyser | ((misses: number) => DocumentAnalyser),
    private readonly tool: string = toolKey(),
  ) {
    this.innerFor = typeof inner === 'function' ? inner : () => inner;
  }

  private readonly innerFor: (misses: number) => DocumentAnalyser;

  private fileOf(p: string): string {
    return path.join(this.dir, `${sha256(p).slice(0, 40)}.bin`);
  }

  private keyOf(r: AnalysisRequest, configs: Map<string, AnalysisConfig>): string {
    const c = configs.get(r.config)!;
    return sha256(this.tool, r.config, JSON.stringify(c.packs), r.path, String(r.matchedByGlob), r.text);
  }

  private read(r: AnalysisRequest, key: string): Analysis | undefined {
    let raw: string;
    try {
      raw = readFileSync(this.fileOf(r.path), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const end = raw.indexOf('\n');
      if (end < 0) return this.ignore();
      const h = JSON.parse(raw.slice(0, end)) as Partial<Header> | null;
      const valid = !!h && typeof h === 'object' && h.format === FORMAT && h.tool === this.tool && h.path === r.path && h.key === key && typeof h.digest === 'string';
      if (!valid) return this.ignore();
      const payload = raw.slice(end + 1);
      if (sha256(payload) !== h.digest) return this.ignore();
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
    const payload = JSON.stringify(a);
    const header: Header = { format: FORMAT, tool: this.tool, path: r.path, key, digest: sha256(payload) };
    const file = this.fileOf(r.path);
    // Written beside and renamed over: a reader sees a whole old entry or a whole new one.
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, `${JSON.stringify(header)}\n${payload}`);
      renameSync(tmp, file);
      this.stats.written++;
    } catch {
      // A cache that cannot be written only makes the next run slower.
    }
  }

  async analyse(requests: AnalysisRequest[], configs: Map<string, AnalysisConfig>, onDone?: (done: number) => void): Promise<Analysis[]> {
    const results: Analysis[] = new Array(requests.length);
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
