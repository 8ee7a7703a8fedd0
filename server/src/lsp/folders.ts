// One workspace folder: its Markdown files (found in the background at start,
// kept current from file events) and the Project that checks them, told of
// every change so that it reads, parses and checks again only what changed.
import * as path from 'node:path';
import { discoverFiles, isMarkdownPath, UnreadableIgnoreFile } from '../host/discover';
import { DiskWorkspace } from '../host/disk-workspace';
import type { DocumentAnalyser } from '../core/analysis';
import { ConfigResolver, type ConfigOverrides } from '../core/config';
import type { CoverageMatrix } from '../core/coverage';
import { coverageIn, Project, type FileResult, type LintResult, type ProjectIndex, type RunRequest } from '../core/project';
import { workspaceFacts } from '../core/facts';
import type { FixTextResult } from '../core/fixpoint';
import type { CancellationToken } from 'vscode-languageserver/node';
import { BaseVersions } from './base-versions';
import { cancellable, type BufferWorkspace } from './buffers';

export interface FolderHost {
  workspace: BufferWorkspace;
  today(): string;
  overrides(): ConfigOverrides;
  /** Threads to analyse this many unparsed documents in, if any. */
  analyser?(files: number): DocumentAnalyser | undefined;
  log?(message: string): void;
  /** Whether the client hears of a refresh (it pulls again, or gets diagnostics pushed): only then may a first answer be partial. */
  canRefresh?(): boolean;
  /** Ask the client to pull diagnostics again (debounced: several calls make one). */
  requestRefresh?(): void;
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
  /** The lint whose end the client is to hear of: a document was answered before it, from its text alone. */
  private refreshAfter?: Promise<unknown>;
  /** That lint's result, and the project generation it answers. */
  private firstLint?: { generation: number; run: Promise<LintResult> };
  private readonly snapshots = new WeakMap<ProjectIndex, Snapshot>();
  /** The committed versions of the documents checked one by one, for the change rules. */
  private readonly bases: BaseVersions;

  constructor(
    readonly root: string,
    /** The workspace folder's URI; undefined for the stand-in folder of a file outside every workspace folder. */
    readonly uri: string | undefined,
    private readonly host: FolderHost,
  ) {
    this.today = host.today();
    this.bases = new BaseVersions(root, () => this.baseRef(), (m) => host.log?.(m));
    this.project = new Project({ workspace: host.workspace, files: [], root, today: this.today, overrides: host.overrides(), editing: true, base: this.bases.current() });
  }

  /** The ref the change rules compare with: the folder configuration's `base:`, else HEAD (also when the configuration is broken: the pulls report that). */
  private async baseRef(): Promise<string> {
    try {
      return (await new ConfigResolver(this.host.workspace, this.root).forDir(this.root)).base ?? 'HEAD';
    } catch {
      return 'HEAD';
    }
  }

  /**
   * Looks up the base commit again (a file was saved, git's HEAD or refs changed). True when it
   * moved and documents already compared must be checked again.
   */
  async recheckBase(): Promise<boolean> {
    if (!(await this.bases.recheck())) return false;
    this.project.update({ base: this.bases.current() });
    return true;
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
    void this.scan.then(() => this.warm()).catch(() => undefined);
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
    // While the worker threads analyse the folder, a question asked here would parse it all again on this thread.
    await this.analysing;
    const today = this.host.today();
    if (today !== this.today) this.project.update({ today: (this.today = today) });
    const extra = file && isMarkdownPath(file) && !this.files.has(file) ? file : undefined;
    return { workspace: cancellable(this.host.workspace, token), ...(extra ? { extra } : {}) };
  }

  /**
   * Findings for one file, checked against the whole folder (workspace rules included, as in a full
   * run), and against its committed version (the change rules): read with git the first time only.
   */
  async lintFile(file: string, token?: CancellationToken): Promise<FileResult | undefined> {
    await this.scan;
    if (this.analysing && isMarkdownPath(file) && this.host.canRefresh?.()) return this.lintAlone(file, this.analysing, token);
    const request = await this.request(token, file);
    if (isMarkdownPath(file) && (await this.bases.want(file))) this.project.update({ base: this.bases.current() });
    return this.project.findings(file, request);
  }

  /**
   * While the folder's first lint runs (seconds for thousands of documents), an open document's
   * findings come from its text alone (Project.documentOnly: no rule that needs the index), so the
   * editor shows them at once; when the lint ends, the client is asked to pull again and the
   * complete findings replace these. The other questions (hover, code actions) wait for the lint.
   */
  private async lintAlone(file: string, analysing: Promise<unknown>, token?: CancellationToken): Promise<FileResult | undefined> {
    const result = await this.project.documentOnly(file, { workspace: cancellable(this.host.workspace, token) });
    if (this.refreshAfter !== analysing) {
      this.refreshAfter = analysing;
      // Also when the lint ended while this was checked: the answer just given is not the complete one.
      void analysing.then(() => this.host.requestRefresh?.());
    }
    return result;
  }

  /** One file fixed as `qmslint --fix` would (the editor's Fix All); the buffer is left as it is. */
  async fixAll(file: string, token?: CancellationToken): Promise<(FixTextResult & { original: string }) | undefined> {
    return this.project.fixAll(file, await this.request(token, file));
  }

  /** Findings for every file of the folder. */
  async lintAll(token?: CancellationToken): Promise<LintResult> {
    const request = await this.request(token);
    const first = this.firstLint;
    if (first?.generation === this.project.generation) return first.run;
    const analyser = this.analyserNow();
    if (!analyser) return this.project.findingsAll(request);
    return this.lintInThreads(analyser);
  }

  /**
   * Threads for the folder's first lint: when most of its documents were never analysed (a large
   * folder just opened), parsing them is most of the work, and it goes to worker threads as in the CLI.
   */
  private analyserNow(): DocumentAnalyser | undefined {
    const unparsed = this.project.unanalysed;
    return unparsed > this.project.files.length / 2 ? this.host.analyser?.(unparsed) : undefined;
  }

  /**
   * The whole folder analysed in worker threads (the documents come back light, without their trees;
   * a question about one file parses it here). Started by the scan itself, not by the first pull, and
   * shared by every pull until something changes: none of them cancels it, or starts another.
   */
  private lintInThreads(analyser: DocumentAnalyser): Promise<LintResult> {
    this.host.log?.(`qmslint: ${this.name}: ${this.project.files.length} files analysed in worker threads`);
    const generation = this.project.generation;
    const run = this.project.findingsAll({ workspace: this.host.workspace, analyser });
    const first = { generation, run };
    this.firstLint = first;
    const analysing: Promise<unknown> = run
      .catch(() => {
        if (this.firstLint === first) this.firstLint = undefined;
      })
      .finally(() => {
        // Over: a question waits no more, nor is answered in haste.
        if (this.analysing === analysing) this.analysing = undefined;
      });
    this.analysing = analysing;
    return run;
  }

  /** After a scan: the first lint of a large folder starts at once; a small one builds its index here. */
  private async warm(): Promise<void> {
    const analyser = this.analyserNow();
    if (analyser) await this.lintInThreads(analyser);
    await this.snapshot();
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

  /**
   * The clause coverage of a standard over the files as saved, open editors' unsaved changes left
   * out: what the editor's Export Coverage Matrix writes (a report to file or hand on says what was
   * saved, not a draft in someone's editor). A project of its own, read from disk once.
   */
  async savedCoverage(standard?: string): Promise<{ matrix?: CoverageMatrix; result: ProjectIndex }> {
    await this.scan;
    const project = new Project({ workspace: new DiskWorkspace(), files: this.fileList(), root: this.root, today: this.host.today(), overrides: this.host.overrides() });
    const result = await project.snapshot();
    return { matrix: coverageIn(result, standard), result };
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
