// One workspace folder: its Markdown files (found in the background at start,
// kept current from file events), one DocumentCache (so an unchanged file is
// parsed once), and a snapshot of its index, recomputed only after a change.
import * as path from 'node:path';
import { discoverFiles, isMarkdownPath, UnreadableIgnoreFile } from '../host/discover';
import type { DocumentAnalyser } from '../core/analysis';
import { ConfigResolver, type ConfigOverrides } from '../core/config';
import { DocumentCache } from '../core/document-cache';
import { lint, relint, type LintOptions, type LintResult } from '../core/engine';
import { workspaceFacts } from '../core/facts';
import { OverlayWorkspace } from '../core/workspace';
import type { CancellationToken } from 'vscode-languageserver/node';
import { cancellable, type BufferWorkspace } from './buffers';

export interface FolderHost {
  workspace: BufferWorkspace;
  today(): string;
  overrides(): ConfigOverrides;
  /** Threads to analyse this many unparsed documents in, if any. */
  analyser?(files: number): DocumentAnalyser | undefined;
  log?(message: string): void;
}

/** A .gitignore the scan could not read (discover.ts's UnreadableIgnoreFile): the file, and why without its name. */
export interface ScanProblem {
  file: string;
  detail: string;
}

/** The folder's index at one moment: every document parsed, no rules run. */
export interface Snapshot {
  generation: number;
  result: LintResult;
  resolver: ConfigResolver;
  /** Per document path, what other documents' findings depend on. */
  signatures: Map<string, string>;
}

export class Folder {
  readonly cache = new DocumentCache();
  private readonly files = new Set<string>();
  private scan: Promise<void> = Promise.resolve();
  /** Bumped on every change that can alter what the folder's documents say. */
  generation = 0;
  private memo?: { generation: number; promise: Promise<Snapshot> };
  /** The last single-file lint, and what changed since: when only that file did, `relint` checks it alone. */
  private last?: LintResult;
  private changes: Set<string> | 'all' = 'all';
  private linting = 0;
  /** A whole-folder lint in worker threads, while it runs. */
  private analysing?: Promise<unknown>;

  constructor(
    readonly root: string,
    /** The workspace folder's URI; undefined for the stand-in folder of a file outside every workspace folder. */
    readonly uri: string | undefined,
    private readonly host: FolderHost,
  ) {}

  contains(file: string): boolean {
    return file.startsWith(this.root.endsWith('/') ? this.root : this.root + '/');
  }

  /**
   * A .gitignore of the folder that cannot be read (a link to a device or a loop, a huge file), from
   * the last scan: which files it hides is unknown, so none of the folder's files is checked (each
   * says so) until a scan succeeds. The CLI stops with exit 2 on the same file.
   */
  scanProblem?: ScanProblem;
  /** Every .gitignore a scan problem was shown on: reported clean once it is fixed, so the editor drops the error. */
  readonly ignoreFilesShown = new Set<string>();

  /** Finds the folder's Markdown files (as the CLI does: .gitignore and node_modules skipped), then indexes them. */
  startScan(onError: (e: unknown) => void): Promise<void> {
    this.scan = (async () => {
      try {
        const found = await discoverFiles([this.root], this.root);
        for (const f of found) this.files.add(f);
        this.changed();
      } catch (e) {
        if (e instanceof UnreadableIgnoreFile) {
          this.scanProblem = e;
          this.changed();
        }
        onError(e);
      }
    })();
    // Warm the cache and index in the background; errors surface on the next request.
    void this.scan.then(() => this.snapshot().catch(() => undefined));
    return this.scan;
  }

  ready(): Promise<void> {
    return this.scan;
  }

  /** Rescan after .gitignore changed: files it now hides leave, files it now shows come in. */
  async rescan(): Promise<void> {
    await this.scan;
    this.scan = (async () => {
      let found: string[];
      try {
        found = await discoverFiles([this.root], this.root);
        this.scanProblem = undefined;
      } catch (e) {
        // The files listed before stay listed, so each can say it is not checked.
        if (e instanceof UnreadableIgnoreFile) this.scanProblem = e;
        found = [...this.files];
      }
      this.files.clear();
      for (const f of found) this.files.add(f);
      this.changed();
    })();
    return this.scan;
  }

  addFile(file: string): void {
    if (!isMarkdownPath(file) || this.files.has(file)) return;
    this.files.add(file);
    this.changed();
  }

  removeFile(file: string): void {
    this.cache.delete(file);
    if (this.files.delete(file)) this.changed();
  }

  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  /** Something changed: one Markdown file's text (an editor buffer), or anything (no file). */
  touch(file?: string): void {
    this.changed(file && isMarkdownPath(file) ? file : undefined);
  }

  private changed(file?: string): void {
    this.generation++;
    if (file && this.changes !== 'all') this.changes.add(file);
    else this.changes = 'all';
  }

  /** The files a lint reads, in the CLI's order; `extra` (an open file the scan does not list) joins them. */
  fileList(extra?: string): string[] {
    const list = [...this.files];
    if (extra && isMarkdownPath(extra) && !this.files.has(extra)) list.push(extra);
    return list.sort();
  }

  private options(token: CancellationToken | undefined, extra?: string): LintOptions {
    return {
      workspace: cancellable(this.host.workspace, token),
      files: this.fileList(extra),
      root: this.root,
      today: this.host.today(),
      overrides: this.host.overrides(),
      cache: this.cache,
    };
  }

  /** Findings for one file, checked against the whole folder (workspace rules included, as in a full run). */
  async lintFile(file: string, token?: CancellationToken): Promise<LintResult> {
    await this.scan;
    const options: LintOptions = { ...this.options(token, file), only: [file], workspaceRules: true };
    // A keystroke changes one file: check it alone against the last lint (the engine falls back when it cannot).
    const changes = this.changes;
    const alone = this.last && !this.linting && changes !== 'all' && [...changes].every((f) => f === file);
    this.changes = new Set();
    this.linting++;
    try {
      const result = (alone ? await relint(this.last!, options, file) : undefined) ?? (await lint(options));
      // Two lints at once may finish in either order: keep neither as the base of the next.
      this.last = this.linting === 1 ? result : undefined;
      return result;
    } catch (e) {
      this.changes = 'all';
      this.last = undefined;
      throw e;
    } finally {
      this.linting--;
    }
  }

  /**
   * Findings for one file as if its text were `text` (the later passes of Fix All), checked as
   * lintFile checks it; the editor's buffer is left as it is, and this lint is no base for relint.
   */
  async lintFileAs(file: string, text: string, token?: CancellationToken): Promise<LintResult> {
    await this.scan;
    const options = this.options(token, file);
    return lint({ ...options, workspace: new OverlayWorkspace(options.workspace, [[file, text]]), only: [file], workspaceRules: true });
  }

  /** Findings for every file of the folder. */
  async lintAll(token?: CancellationToken): Promise<LintResult> {
    await this.scan;
    const options = this.options(token);
    // The first pull of a large folder: parsing every document is most of the work, so it goes to
    // the worker threads, as in the CLI (the documents come back light, without their trees; the
    // background index still parses them here for the editor's own requests).
    const unparsed = options.files.length - this.cache.size;
    const analyser = unparsed > options.files.length / 2 ? this.host.analyser?.(unparsed) : undefined;
    if (!analyser) return lint(options);
    this.host.log?.(`qmslint: ${this.name}: ${options.files.length} files analysed in worker threads`);
    const run = lint({ ...options, analyser });
    this.analysing = run.catch(() => undefined);
    return run;
  }

  /**
   * The index as it is now. Shared by every request until the next change,
   * so it is never cancelled by one of them.
   */
  snapshot(extra?: string): Promise<Snapshot> {
    if (extra && isMarkdownPath(extra) && !this.files.has(extra)) return this.computeSnapshot(extra);
    if (this.memo && this.memo.generation === this.generation) return this.memo.promise;
    const promise = this.computeSnapshot();
    this.memo = { generation: this.generation, promise };
    promise.catch(() => {
      if (this.memo?.promise === promise) this.memo = undefined;
    });
    return promise;
  }

  private async computeSnapshot(extra?: string): Promise<Snapshot> {
    await this.scan;
    // A workspace pull that came with the scan goes first, and while the worker threads analyse
    // the folder, parsing it here too would only take a core from them.
    await new Promise((resolve) => setImmediate(resolve));
    await this.analysing;
    const generation = this.generation;
    const result = await lint({ ...this.options(undefined, extra), only: [] });
    // What other documents' checks and the workspace rules read of each document (memoised per document).
    const signatures = new Map(result.index.documents.map((d) => [d.path, workspaceFacts(d)] as const));
    return { generation, result, resolver: new ConfigResolver(this.host.workspace, this.root), signatures };
  }

  /** A display name for logs. */
  get name(): string {
    return path.posix.basename(this.root) || this.root;
  }
}

/** Whether two snapshots differ in anything another document can see. */
export function crossDocumentChange(before: Snapshot | undefined, after: Snapshot): boolean {
  if (!before) return false;
  if (before.signatures.size !== after.signatures.size) return true;
  for (const [p, sig] of after.signatures) if (before.signatures.get(p) !== sig) return true;
  return false;
}
