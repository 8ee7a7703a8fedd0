// One workspace folder: its Markdown files (found in the background at start,
// kept current from file events) and the Project that checks them, told of
// every change so that it reads, parses and checks again only what changed.
import * as path from 'node:path';
import { discoverFiles, isMarkdownPath, UnreadableIgnoreFile } from '../host/discover';
import type { DocumentAnalyser } from '../core/analysis';
import { ConfigResolver, type ConfigOverrides } from '../core/config';
import type { CoverageMatrix } from '../core/coverage';
import { Project, type FileResult, type LintResult, type ProjectIndex, type RunRequest } from '../core/project';
import { workspaceFacts } from '../core/facts';
import type { FixTextResult } from '../core/fixpoint';
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
  result: ProjectIndex;
  resolver: ConfigResolver;
  /** Per document path, what other documents' findings depend on. */
  signatures: Map<string, string>;
}

export class Folder {
  readonly project: Project;
  private readonly files = new Set<string>();
  private scan: Promise<void> = Promise.resolve();
  private today: string;
  /** A whole-folder lint in worker threads, while it runs. */
  private analysing?: Promise<unknown>;
  private readonly snapshots = new WeakMap<ProjectIndex, Snapshot>();

  constructor(
    readonly root: string,
    /** The workspace folder's URI; undefined for the stand-in folder of a file outside every workspace folder. */
    readonly uri: string | undefined,
    private readonly host: FolderHost,
  ) {
    this.today = host.today();
    this.project = new Project({ workspace: host.workspace, files: [], root, today: this.today, overrides: host.overrides(), editing: true });
  }

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
        this.filesChanged();
      } catch (e) {
        if (e instanceof UnreadableIgnoreFile) {
          this.scanProblem = e;
          this.touch();
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
      this.filesChanged();
      this.touch();
    })();
    return this.scan;
  }

  addFile(file: string): void {
    if (!isMarkdownPath(file) || this.files.has(file)) return;
    this.files.add(file);
    this.filesChanged();
  }

  removeFile(file: string): void {
    if (this.files.delete(file)) this.filesChanged();
  }

  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  /** Something changed: one Markdown file's text (an editor buffer), or anything (no file: a config, a setting, a file on disk). */
  touch(file?: string): void {
    if (file && isMarkdownPath(file)) this.project.update({ changed: [file] });
    else this.project.update({ everything: true, overrides: this.host.overrides() });
  }

  private filesChanged(): void {
    this.project.update({ files: this.fileList() });
  }

  /** The folder's Markdown files, in the CLI's order. */
  fileList(): string[] {
    return [...this.files].sort();
  }

  /** What every question to the project shares: a date that is today's, reads this request can cancel, an open file the scan does not list. */
  private async request(token: CancellationToken | undefined, file?: string): Promise<RunRequest> {
    await this.scan;
    const today = this.host.today();
    if (today !== this.today) this.project.update({ today: (this.today = today) });
    const extra = file && isMarkdownPath(file) && !this.files.has(file) ? file : undefined;
    return { workspace: cancellable(this.host.workspace, token), ...(extra ? { extra } : {}) };
  }

  /** Findings for one file, checked against the whole folder (workspace rules included, as in a full run). */
  async lintFile(file: string, token?: CancellationToken): Promise<FileResult | undefined> {
    return this.project.findings(file, await this.request(token, file));
  }

  /** One file fixed as `qmslint --fix` would (the editor's Fix All); the buffer is left as it is. */
  async fixAll(file: string, token?: CancellationToken): Promise<(FixTextResult & { original: string }) | undefined> {
    return this.project.fixAll(file, await this.request(token, file));
  }

  /** Findings for every file of the folder. */
  async lintAll(token?: CancellationToken): Promise<LintResult> {
    const request = await this.request(token);
    // The first pull of a large folder: parsing every document is most of the work, so it goes to
    // the worker threads, as in the CLI (the documents come back light, without their trees; the
    // editor's own requests parse them here later).
    const files = this.project.files.length;
    const unparsed = this.project.unanalysed;
    const analyser = unparsed > files / 2 ? this.host.analyser?.(unparsed) : undefined;
    if (!analyser) return this.project.findingsAll(request);
    this.host.log?.(`qmslint: ${this.name}: ${files} files analysed in worker threads`);
    const run = this.project.findingsAll({ ...request, analyser });
    this.analysing = run.catch(() => undefined);
    return run;
  }

  /**
   * The index as it is now. Shared by every request until the next change,
   * so it is never cancelled by one of them.
   */
  async snapshot(extra?: string): Promise<Snapshot> {
    await this.scan;
    // A workspace pull that came with the scan goes first, and while the worker threads analyse
    // the folder, parsing it here too would only take a core from them.
    await new Promise((resolve) => setImmediate(resolve));
    await this.analysing;
    const result = await this.project.snapshot(extra && isMarkdownPath(extra) && !this.files.has(extra) ? extra : undefined);
    let snapshot = this.snapshots.get(result);
    if (!snapshot) {
      // What other documents' checks and the workspace rules read of each document (memoised per document).
      const signatures = new Map(result.index.documents.map((d) => [d.path, workspaceFacts(d)] as const));
      snapshot = { result, resolver: new ConfigResolver(this.host.workspace, this.root), signatures };
      this.snapshots.set(result, snapshot);
    }
    return snapshot;
  }

  /** The clause coverage of a standard (by default the folder's) over the index as it is now. */
  async coverage(standard?: string): Promise<{ matrix?: CoverageMatrix; snapshot: Snapshot }> {
    const snapshot = await this.snapshot();
    return { matrix: await this.project.coverage(standard), snapshot };
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
