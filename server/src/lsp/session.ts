// The server's state: open buffers over the disk, one Folder per workspace
// folder (nearest config per file, as the CLI), and the decisions about when
// other documents' diagnostics must be pulled again.
import * as path from 'node:path';
import { ConfigError, type ConfigOverrides } from '../core/config';
import { todayIso } from '../core/dates';
import { documentContext } from '../core/document-context';
import { PackError } from '../core/catalog-cache';
import type { DocumentAnalyser } from '../core/analysis';
import type { DocumentContext } from '../core/rule';
import type { Finding } from '../core/types';
import type { ControlledDocument } from '../core/document';
import { isMarkdownPath as isMarkdown } from '../host/discover';
import { BufferWorkspace } from './buffers';
import { CoverageWatch } from './coverage-watch';
import { crossDocumentChange, Folder, type Snapshot } from './folders';
import { uriToPath } from './positions';

export interface SessionOptions {
  /** ISO date the review checks use; today when absent (tests fix it). */
  today?: string;
  log: (message: string) => void;
  /** Ask the client to pull diagnostics again (workspace/diagnostic/refresh). */
  refresh: () => void;
  /** `refresh` reaches the client (it supports refresh, or takes pushed diagnostics): a document's first findings may then come before its folder is indexed. */
  canRefresh?: boolean;
  /** Worker threads for a whole-folder lint of documents not parsed yet (the first workspace pull); none when absent. */
  analyser?: (files: number) => DocumentAnalyser | undefined;
  /** Tell the client a workspace folder's coverage may have changed (qmslint/coverageChanged); never when absent. */
  coverageChanged?: (folderUri: string) => void;
}

/** What a request about one open or on-disk document needs. */
export interface DocumentView {
  folder: Folder;
  snapshot: Snapshot;
  doc: ControlledDocument;
  context: DocumentContext;
}

export class Session {
  readonly workspace = new BufferWorkspace();
  readonly folders: Folder[] = [];
  /** Stand-in folders for files outside every workspace folder, by directory. */
  private readonly loose = new Map<string, Folder>();
  /** The last findings pulled per file, with the text they were computed on (hover shows their rationale). */
  readonly lastFindings = new Map<string, { text: string; findings: Finding[] }>();
  private readonly logged = new Set<string>();
  private lastSnapshots = new Map<Folder, Snapshot>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private baseTimer: NodeJS.Timeout | undefined;
  /** Resolvers waiting for the next change (a long-polling workspace pull). */
  private waiters: (() => void)[] = [];
  /** Decides when a folder's coverage may have changed; only for a client that wants to know. */
  private readonly coverage?: CoverageWatch;

  constructor(private readonly options: SessionOptions) {
    if (options.coverageChanged) this.coverage = new CoverageWatch(() => this.folders, options.coverageChanged);
  }

  today(): string {
    return this.options.today ?? todayIso();
  }

  /** The editor's qmslint.standard, qmslint.documents and qmslint.rules, laid over every config. */
  private settings: ConfigOverrides = {};

  overrides(): ConfigOverrides {
    return this.settings;
  }

  /** The editor's qmslint.author: who writes a new revision (Bump revision's history row). */
  private authorSetting: string | undefined;

  author(): string | undefined {
    return this.authorSetting;
  }

  canRefresh(): boolean {
    return this.options.canRefresh === true;
  }

  analyser(files: number): DocumentAnalyser | undefined {
    return this.options.analyser?.(files);
  }

  log(message: string): void {
    this.options.log(message);
  }

  /** New settings from the client: every folder's findings may change. */
  setSettings(settings: unknown): void {
    this.settings = readOverrides(settings);
    this.authorSetting = readAuthor(settings);
    for (const folder of this.allFolders()) {
      folder.touch();
      this.coverage?.folderChanged(folder);
    }
    this.requestRefresh();
  }

  addFolder(root: string, uri: string): Folder {
    const folder = new Folder(root, uri, this);
    this.folders.push(folder);
    // Deepest folder first, so a nested folder owns its files.
    this.folders.sort((a, b) => b.root.length - a.root.length);
    folder.startScan((e) => this.logOnce(`scan:${root}`, `qmslint: could not list the files of ${root}: ${(e as Error).message}`));
    // Its coverage is new to the client once the scan has found its files.
    this.coverage?.folderChanged(folder);
    return folder;
  }

  removeFolder(uri: string): void {
    const i = this.folders.findIndex((f) => f.uri === uri);
    if (i < 0) return;
    const [removed] = this.folders.splice(i, 1);
    this.coverage?.forget(removed);
  }

  /** The folder a file belongs to; a file outside every folder gets one of its own directory. */
  folderFor(file: string): Folder {
    const owner = this.folders.find((f) => f.contains(file));
    if (owner) return owner;
    const dir = path.posix.dirname(file);
    let folder = this.loose.get(dir);
    if (!folder) {
      folder = new Folder(dir, undefined, this);
      this.loose.set(dir, folder);
    }
    if (isMarkdown(file)) folder.addFile(file);
    return folder;
  }

  allFolders(): Folder[] {
    return [...this.folders, ...this.loose.values()];
  }

  // ---- changes --------------------------------------------------------

  /** An open buffer changed (or opened, or closed): its folder's index is out of date. */
  bufferChanged(file: string): void {
    this.folderFor(file).touch(file);
    this.changed();
    this.scheduleCheck();
    this.coverage?.documentChanged();
  }

  /** Files changed on disk (workspace/didChangeWatchedFiles). */
  filesChanged(all: { file: string; type: 'created' | 'changed' | 'deleted' }[]): void {
    // A save, a configuration's `base:`, git's HEAD or refs (a commit, a checkout): the change rules' base may have moved.
    this.scheduleBaseCheck();
    // git's own files are no documents: nothing else about them changes what a document reports.
    const events = all.filter((e) => !isGitMetadata(e.file));
    if (!events.length) return;
    let rescan = false;
    for (const { file, type } of events) {
      this.workspace.invalidate(file);
      const folder = this.allFolders().find((f) => f.contains(file));
      const name = path.posix.basename(file);
      if (name === '.gitignore') rescan = true;
      if (!folder) continue;
      if (type === 'deleted') {
        folder.removeFile(file);
        // A deleted folder arrives as one event for the folder.
        for (const f of folder.fileList()) if (f.startsWith(file + '/')) folder.removeFile(f);
      } else if (type === 'created' && isMarkdown(file)) folder.addFile(file);
      folder.touch();
      // A Markdown file saved or edited on disk: its coverage facts tell; anything else (a file come or gone, a config, a pack) changes the folder's coverage wholesale.
      if (type === 'changed' && isMarkdown(file)) this.coverage?.documentChanged();
      else this.coverage?.folderChanged(folder);
    }
    if (rescan) {
      for (const f of this.folders) {
        void f.rescan().then(() => {
          this.requestRefresh();
          this.coverage?.folderChanged(f);
        });
      }
    }
    // A config, a standard pack or a document on disk may change what any document reports.
    this.changed();
    this.requestRefresh();
  }

  private changed(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves on the next change anywhere. */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** After files settle, each folder looks its base commit up again (one git call, never per keystroke); when one moved, refresh. */
  private scheduleBaseCheck(): void {
    clearTimeout(this.baseTimer);
    this.baseTimer = setTimeout(() => void this.recheckBases(), 300);
  }

  private async recheckBases(): Promise<void> {
    let moved = false;
    for (const folder of this.allFolders()) if (await folder.recheckBase().catch(() => false)) moved = true;
    if (!moved) return;
    this.changed();
    this.requestRefresh();
  }

  /** After edits settle, re-index; when another document can see the difference, refresh. */
  private scheduleCheck(): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.checkCrossDocument(), 150);
  }

  private async checkCrossDocument(): Promise<void> {
    let refresh = false;
    for (const folder of this.allFolders()) {
      try {
        const snap = await folder.snapshot();
        if (crossDocumentChange(this.lastSnapshots.get(folder), snap)) refresh = true;
        this.lastSnapshots.set(folder, snap);
      } catch {
        // A broken config is reported by the pulls themselves.
      }
    }
    if (refresh) this.requestRefresh();
  }

  requestRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.options.refresh(), 50);
  }

  /** Records the first snapshot of each folder as the baseline for change detection. */
  async baseline(): Promise<void> {
    for (const folder of this.allFolders()) {
      try {
        this.lastSnapshots.set(folder, await folder.snapshot());
      } catch {
        // reported elsewhere
      }
    }
  }

  // ---- documents ----------------------------------------------------------

  /** The parsed document and its context, from the folder's current index; undefined when the file is not a linted document. */
  async view(uri: string): Promise<DocumentView | undefined> {
    const file = uriToPath(uri);
    if (!file || !isMarkdown(file)) return undefined;
    const folder = this.folderFor(file);
    const snapshot = await folder.snapshot(file);
    const indexed = snapshot.result.index.byPath.get(file);
    if (!indexed) return undefined;
    const doc = folder.project.whole(indexed);
    const config = await snapshot.resolver.forFile(file);
    const context = documentContext(doc, config, snapshot.result.catalog, snapshot.result.index, this.today());
    return { folder, snapshot, doc, context };
  }

  // ---- logging ------------------------------------------------------------

  logOnce(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.options.log(message);
  }

  /**
   * A rule that threw is a finding the engine marks (`failure`); the log gets it once per rule,
   * file and message, and a workspace rule's, which every document carries, once per rule and message.
   */
  noteFailures(findings: Finding[]): void {
    for (const f of findings) {
      if (f.failure === 'document') this.logOnce(`${f.ruleId}\0${f.path}\0${f.message}`, `qmslint: ${f.path}: ${f.message}`);
      else if (f.failure === 'workspace') this.logOnce(`${f.ruleId}\0workspace\0${f.message}`, `qmslint: ${f.message}`);
    }
  }
}

/** A file of git's own (.git/HEAD, .git/refs/...), watched only to see the base commit move. */
function isGitMetadata(file: string): boolean {
  return file.includes('/.git/');
}

export function isConfigProblem(e: unknown): e is ConfigError | PackError {
  return e instanceof ConfigError || e instanceof PackError;
}

/** qmslint.author from the settings object a client sends; undefined when absent or blank. */
export function readAuthor(settings: unknown): string | undefined {
  const author = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).author : undefined;
  return typeof author === 'string' && author.trim() ? author.trim() : undefined;
}

/** The settings object a client sends (`qmslint.*`), checked field by field: it comes from outside. */
export function readOverrides(settings: unknown): ConfigOverrides {
  if (!settings || typeof settings !== 'object') return {};
  const s = settings as Record<string, unknown>;
  return {
    ...(typeof s.standard === 'string' && s.standard.trim() ? { standard: s.standard.trim() } : {}),
    ...(Array.isArray(s.documents) ? { documents: s.documents.filter((d): d is string => typeof d === 'string') } : {}),
    ...(s.rules && typeof s.rules === 'object' && !Array.isArray(s.rules) ? { rules: s.rules as Record<string, unknown> } : {}),
  };
}

