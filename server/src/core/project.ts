// A project: one set of Markdown files checked together (one CLI run, or one
// editor folder). It owns what checking them needs and keeps it between
// questions: each file's text and parsed document, the configurations and
// standard catalogs, which linked files exist, and the workspace rules'
// reports. An editor tells it what changed (`update`); the next question reads
// again only those files, and runs the workspace rules again only when what
// the documents show each other (their facts) changed.
import type { AnalysisConfig, AnalysisRequest, DocumentAnalyser } from './analysis';
import type { DocumentHistory } from './approvals/facts';
import { CatalogCache, packTexts } from './catalog-cache';
import { addWorkspaceReport, baseDocument, checkDocument, finish, workspaceReports, type BaseVersion, type FileResult, type WorkspaceReport } from './check';
import { applyOverrides, ConfigResolver, configKey, type Config, type ConfigOverrides } from './config';
import { checkConfigNames } from './config-names';
import { coverageOf, type CoverageMatrix } from './coverage';
import { buildDocument, type ControlledDocument } from './document';
import { DocumentCache } from './document-cache';
import { checkDocumentOnly } from './document-only';
import { linkTargets, reportsStand, workspaceFacts } from './facts';
import { positioned } from './findings';
import { fixText, type FixTextResult } from './fixpoint';
import { WorkspaceIndex } from './index-workspace';
import { fromLight } from './light';
import { readHead } from './read-head';
import { DEFAULT_MAX_FILE_SIZE, failClosed, matchesGlobs, readDocument, skipReason } from './read-document';
import type { Catalog } from './standards/catalog';
import { LineIndex } from './text';
import type { Finding } from './types';
import { unparsable } from './unparsable';
import { OverlayWorkspace, type Workspace } from './workspace';
import { pacer } from './pace';

export type { BaseVersion, FileResult } from './check';

/** What a project is: its files, where its configuration is found, and the settings of every run. */
export interface ProjectOptions {
  workspace: Workspace;
  /** Absolute POSIX paths of the Markdown files, in the order findings are reported. */
  files: string[];
  /** Folder configs are looked up to (inclusive) and the root config lives in. */
  root: string;
  /** A config that replaces config-file lookup (`--config`). */
  config?: Config;
  /** Overrides every config's `standard` (`--standard`). */
  standard?: string;
  /** Settings laid over every config (an editor's qmslint.standard, qmslint.documents, qmslint.rules). */
  overrides?: ConfigOverrides;
  /** ISO date for review checks. */
  today: string;
  /** Files above this many bytes get one finding instead of analysis. */
  maxFileSize?: number;
  /**
   * Change control (`--base`): for each document that differs from the base,
   * keyed by its current path, its base version; null when it is new there.
   */
  base?: Map<string, BaseVersion | null>;
  /**
   * Approval evidence (approval-unverified): what git says of each document's approvals, by path.
   * Only the CLI gives it; a document it does not list gets null (no history).
   */
  evidence?: ReadonlyMap<string, DocumentHistory>;
  /** Files the user named one by one (the CLI's paths): checked even when the config's `ignore` matches them. */
  named?: string[];
  /**
   * The project lives through edits (an editor's folder): documents keep their parsed blocks, so
   * an edit parses again only the blocks it touched. A one-shot run does not pay for that.
   */
  editing?: boolean;
  /**
   * Documents the caller vouches for, by path, taken as they are instead of reading their files (a
   * CLI's warm cache: stand-ins that show the index what a previous run saw of them, facts.ts's
   * factsDocument). They are indexed, never checked: a run asks only about other files (`only`).
   */
  known?: ReadonlyMap<string, ControlledDocument>;
}

/** What changed since the project last read its files. */
export interface ProjectChange {
  /** Files whose text may differ now (an edited buffer, a file saved or created). */
  changed?: string[];
  /** The whole list of files, when files came or went. */
  files?: string[];
  /** Anything else may have changed (a configuration, a standard pack, a linked file): read everything again. */
  everything?: boolean;
  today?: string;
  /** New editor settings: every configuration changes. */
  overrides?: ConfigOverrides;
  /** New base versions (an editor's committed versions of its open documents): they replace `base`. */
  base?: Map<string, BaseVersion | null>;
}

/** One question to the project. */
export interface RunRequest {
  /**
   * Report on these files only: every file still builds the index, the
   * workspace rules do not run unless `workspaceRules`.
   */
  only?: string[];
  /** With `only`, still run the workspace rules and keep their findings on those files. */
  workspaceRules?: boolean;
  /**
   * Analyses documents elsewhere (worker threads, a persistent cache): each
   * comes back as a light document with the findings of the rules that need
   * neither the index nor the date; the rest run here. Not used for a file
   * with a base version (the change rules compare whole trees).
   */
  analyser?: DocumentAnalyser;
  /** Texts to check in place of the files' own (the later passes of a fix); nothing read for them is kept. */
  texts?: ReadonlyMap<string, string>;
  /** A file checked with the others in this run only (an open file the folder's scan does not list). */
  extra?: string;
  /** Read the files through this view of the workspace in this run (one an editor can cancel). */
  workspace?: Workspace;
  /**
   * Progress, for long runs: in phase 'read' after each file is read and
   * parsed (total: every file), then in phase 'check' after each reported
   * document's rules have run (total: those documents).
   */
  onProgress?(done: number, total: number, phase: 'read' | 'check'): void;
}

/** A one-shot run's options: the project and the question. */
export type LintOptions = ProjectOptions & RunRequest;

/** The project's documents as indexed at one moment, with the root configuration and its catalog. */
export interface ProjectIndex {
  index: WorkspaceIndex;
  /** The configuration at the root. */
  config: Config;
  catalog: Catalog;
}

export interface LintResult extends ProjectIndex {
  files: FileResult[];
  /** The files the workspace rules reported on in this run, suppressed or not: their findings are not theirs alone. */
  workspaceReported?: string[];
}

/** One file as the project last read it. */
interface Entry {
  text: string;
  config: Config;
  /** Matched by its config's `ignore` and not named by the user: not checked at all. */
  ignored?: boolean;
  /** Findings made while reading it: why it was not analysed, or what an analyser found. */
  findings: Finding[];
  document?: ControlledDocument;
  /** A light document (analysed elsewhere, without its tree): the rules left to run here. */
  deferred?: ReadonlySet<string>;
}

/** A file read whose document is still to be built. */
interface Unbuilt {
  file: string;
  text: string;
  config: Config;
}

/** Configurations and catalogs, as read since anything last changed. */
interface Settings {
  resolver: ConfigResolver;
  catalogs: CatalogCache;
  /** Configs whose rule and standard names were checked. */
  checked: Set<Config>;
}

/** What the workspace rules' reports are computed from: the root configuration and catalog, the date, every document's facts. */
interface ReportKey {
  config: string;
  catalog: Catalog;
  today: string;
  facts: string[];
}

function sameReportKey(a: ReportKey, b: ReportKey): boolean {
  if (a.config !== b.config || a.catalog !== b.catalog || a.today !== b.today) return false;
  // Facts reused with an index are the same array; otherwise compared one by one.
  return a.facts === b.facts || (a.facts.length === b.facts.length && a.facts.every((f, i) => f === b.facts[i]));
}

/** The workspace rules' last reports and what they were computed from. */
interface WorkspaceMemo {
  key: ReportKey;
  reports: WorkspaceReport[];
  /** The texts of the files reported on: ranges in them hold only while they are unchanged. */
  texts: Map<string, string | undefined>;
}

/**
 * The clause coverage of a standard (by default the root configuration's) in an index; undefined
 * when no pack defines that standard. Citations that name no standard are read against the root's.
 */
export function coverageIn({ index, catalog, config }: ProjectIndex, standard?: string): CoverageMatrix | undefined {
  const pack = catalog.pack(standard ?? config.standard);
  return pack && coverageOf(index, catalog, pack.id, config.standard);
}

/** Checks one set of files once: a project made for one question (the CLI, tests). */
export function lint(options: LintOptions): Promise<LintResult> {
  return new Project(options).run(options);
}

export class Project {
  private readonly options: ProjectOptions;
  private readonly named: Set<string>;
  private readonly parsed = new DocumentCache();
  private readonly entries = new Map<string, Entry>();
  /** Link targets that are not documents, and whether they exist. */
  private readonly targets = new Map<string, boolean>();
  /** Texts of the files workspace findings about no document go to (the config file). */
  private readonly otherTexts = new Map<string, string>();
  /** Base versions parsed, with the config they were parsed with: an editor checks the same one on every keystroke. */
  private readonly baseDocs = new WeakMap<BaseVersion, { config: Config; doc: ControlledDocument }>();
  private settings: Settings;
  private memo?: WorkspaceMemo;
  private snapshotMemo?: { version: number; result: Promise<ProjectIndex> };
  /** The last index built, and the facts of its documents (in file order). */
  private lastIndex?: { files: readonly string[]; facts: string[]; index: WorkspaceIndex };
  /** Counts updates: what a run read is kept only when nothing it read changed meanwhile. */
  private version = 0;
  private readonly changedAt = new Map<string, number>();
  private everythingAt = 0;

  constructor(options: ProjectOptions) {
    this.options = { ...options, files: [...options.files] };
    this.named = new Set(options.named);
    this.settings = this.freshSettings();
  }

  /** Counts the updates: what was computed at one generation holds until the next. */
  get generation(): number {
    return this.version;
  }

  get files(): readonly string[] {
    return this.options.files;
  }

  /** How many files were never analysed here (neither read since the last change nor ever parsed): the work an analyser could take. */
  get unanalysed(): number {
    return this.options.files.filter((f) => !this.entries.has(f) && !this.parsed.has(f)).length;
  }

  update(change: ProjectChange): void {
    this.version++;
    if (change.today !== undefined) this.options.today = change.today;
    if (change.files) {
      const kept = new Set(change.files);
      for (const f of this.options.files) {
        if (kept.has(f)) continue;
        this.forget(f);
        this.parsed.delete(f);
      }
      this.options.files = [...change.files];
    }
    for (const f of change.changed ?? []) this.forget(f);
    if (change.overrides !== undefined) this.options.overrides = change.overrides;
    if (change.base !== undefined) this.options.base = change.base;
    if (change.everything || change.overrides !== undefined) {
      this.entries.clear();
      this.targets.clear();
      this.otherTexts.clear();
      this.memo = undefined;
      this.lastIndex = undefined;
      this.settings = this.freshSettings();
      this.everythingAt = this.version;
    }
  }

  /** The findings of one file, checked against all the others (workspace rules included). */
  async findings(file: string, request: RunRequest = {}): Promise<FileResult | undefined> {
    const result = await this.run({ ...request, only: [file], workspaceRules: true });
    return result.files.find((f) => f.path === file);
  }

  /**
   * The findings of one file checked alone, no index built (document-only.ts): what an editor can
   * say while the folder's first lint runs. Undefined when the file is not checked.
   */
  async documentOnly(file: string, request: Pick<RunRequest, 'workspace'> = {}): Promise<FileResult | undefined> {
    const settings = this.settings;
    // A configuration that stops a run stops this too.
    await this.usable(settings, await settings.resolver.forDir(this.options.root));
    const read = await this.read(file, request.workspace ?? this.options.workspace, settings);
    const entry = 'findings' in read ? read : this.build(read);
    if (entry.ignored) return undefined;
    const result: FileResult = { path: file, text: entry.text, findings: [...entry.findings], document: entry.document };
    if (entry.document) checkDocumentOnly(entry.document, entry.config, await settings.catalogs.forConfig(entry.config), this.options.today, result);
    finish(result);
    return result;
  }

  /** The findings of every file. */
  findingsAll(request: Omit<RunRequest, 'only' | 'workspaceRules'> = {}): Promise<LintResult> {
    return this.run(request);
  }

  /**
   * The index as it is now, no rule run: shared by every question until the next update
   * (so one question's cancellation never cancels it), unless it includes an extra file.
   */
  snapshot(extra?: string): Promise<ProjectIndex> {
    if (extra && !this.options.files.includes(extra)) return this.check({ only: [], extra }, true);
    if (this.snapshotMemo?.version === this.version) return this.snapshotMemo.result;
    const memo = { version: this.version, result: this.check({ only: [] }, true) };
    this.snapshotMemo = memo;
    memo.result.catch(() => {
      if (this.snapshotMemo === memo) this.snapshotMemo = undefined;
    });
    return memo.result;
  }

  /**
   * A document of the snapshot with its tree, for the editor's features on that file: one an analyser
   * left light (the first lint of a large folder) is parsed here, and kept so the next question finds it whole.
   */
  whole(doc: ControlledDocument): ControlledDocument {
    const e = this.entries.get(doc.path);
    if (!e?.document) return doc;
    if (!e.deferred) return e.document.parsed.text === doc.parsed.text ? e.document : doc;
    if (e.document !== doc) return doc;
    const entry = this.build({ file: doc.path, text: e.text, config: e.config });
    if (!entry.document) return doc;
    this.entries.set(doc.path, entry);
    return entry.document;
  }

  /** The clause coverage of a standard (by default the root configuration's) over the current index. */
  async coverage(standard?: string): Promise<CoverageMatrix | undefined> {
    return coverageIn(await this.snapshot(), standard);
  }

  /**
   * One file fixed to the fixpoint CLI --fix reaches (fixes only, never suggestions): each pass
   * checks the fixed text in place of the file's own. Undefined when the file is not checked.
   */
  async fixAll(file: string, request: RunRequest = {}): Promise<(FixTextResult & { original: string }) | undefined> {
    const first = await this.findings(file, request);
    if (!first) return undefined;
    const fixed = await fixText(first.text, async (text) =>
      text === first.text ? first.findings : ((await this.findings(file, { ...request, texts: new Map([[file, text]]) }))?.findings ?? []),
    );
    return { ...fixed, original: first.text };
  }

  /** Checks the files: every one is read (or taken as last read), indexed, and the reported ones checked. */
  run(request: RunRequest = {}): Promise<LintResult> {
    return this.check(request, false);
  }

  /** `run`, with an index of the documents as they are now when `freshIndex` (the snapshot's), not one of equal facts. */
  private async check(request: RunRequest, freshIndex: boolean): Promise<LintResult> {
    const started = this.version;
    const settings = this.settings;
    const options = this.options;
    const workspace = request.texts?.size ? new OverlayWorkspace(request.workspace ?? options.workspace, request.texts) : (request.workspace ?? options.workspace);
    const files = request.extra && !options.files.includes(request.extra) ? [...options.files, request.extra].sort() : options.files;
    const rootConfig = await this.usable(settings, await settings.resolver.forDir(options.root));
    const analyser = request.analyser;
    // Built here whole (parsed on this thread, its tree kept): the files the question is about, and files
    // with a base version (the change rules compare trees). Any other may stay as an analyser left it, light:
    // the index, coverage and the rules left to run here read only its plain parts.
    const about = new Set(request.extra ? [...(request.only ?? []), request.extra] : (request.only ?? []));
    const whole = (file: string) => about.has(file) || options.base?.has(file) === true;
    // What this run reads is kept for the next unless it is a stand-in text or changed while it was read.
    const keep = (file: string, entry: Entry) => {
      if (!request.texts?.has(file) && this.unchangedSince(started, file)) this.entries.set(file, entry);
    };

    const entries = new Map<string, Entry>();
    /** The documents read or built in this run (the others are as the last run left them). */
    const fresh: ControlledDocument[] = [];
    // Documents for the analyser, analysed together; without one, each is built here as it comes.
    const unbuilt: Unbuilt[] = [];
    const pace = pacer();
    for (const [i, file] of files.entries()) {
      // Reported at the next file, because the body below may `continue`.
      if (i && !analyser) request.onProgress?.(i, files.length, 'read');
      const vouched = options.known?.get(file);
      if (vouched && !whole(file)) {
        entries.set(file, { text: '', config: rootConfig, findings: [], document: vouched });
        continue;
      }
      const known = request.texts?.has(file) ? undefined : this.entries.get(file);
      if (known && !(known.deferred && whole(file))) {
        entries.set(file, known);
        continue;
      }
      // A light document is built here again from its text when the question needs its tree.
      const read = known ? { file, text: known.text, config: known.config } : await this.read(file, workspace, settings);
      if (!('findings' in read) && analyser && !whole(file)) {
        unbuilt.push(read);
        continue;
      }
      const entry = 'findings' in read ? read : this.build(read);
      entries.set(file, entry);
      keep(file, entry);
      if (entry.document) fresh.push(entry.document);
      await pace();
    }
    if (unbuilt.length) {
      const analysed = await this.analyse(unbuilt, analyser!, workspace, settings, request);
      for (const [i, u] of unbuilt.entries()) {
        entries.set(u.file, analysed[i]);
        keep(u.file, analysed[i]);
        if (analysed[i].document) fresh.push(analysed[i].document!);
      }
    }
    request.onProgress?.(files.length, files.length, 'read');

    const documents: ControlledDocument[] = [];
    for (const file of files) {
      const e = entries.get(file)!;
      if (!e.ignored && e.document) documents.push(e.document);
    }
    const reused = freshIndex || request.texts?.size ? undefined : await this.reusableIndex(files, documents, fresh, workspace, started);
    // The link targets of documents the caller vouched for are the caller's to vouch for.
    const linking = options.known ? documents.filter((d) => options.known!.get(d.path) !== d) : documents;
    const index = reused?.index ?? new WorkspaceIndex(documents, await this.existingTargets(linking, workspace, started, !request.texts?.size));
    // What each document shows the others, in file order: the index's and the workspace rules' key.
    const facts = reused?.facts ?? documents.map(workspaceFacts);
    if (!reused && !request.texts?.size && this.version === started) this.lastIndex = { files, facts, index };

    // Results for the reported files only (an editor asks for one file among thousands), in file order.
    const only = request.only && new Set(request.only);
    const results: FileResult[] = [];
    const byPath = new Map<string, FileResult>();
    for (const file of only ? files.filter((f) => only.has(f)) : files) {
      const e = entries.get(file)!;
      if (e.ignored) continue;
      const result = { path: file, text: e.text, findings: [...e.findings], document: e.document };
      results.push(result);
      byPath.set(file, result);
    }
    const checkTotal = results.filter((r) => r.document).length;
    let checked = 0;
    for (const result of results) {
      const doc = result.document;
      if (!doc) continue;
      const e = entries.get(doc.path)!;
      const catalog = await settings.catalogs.forConfig(e.config);
      checkDocument(doc, e.config, catalog, index, options.today, this.baseDocument(doc.path, e.config), result, e.deferred, options.evidence && (options.evidence.get(doc.path) ?? null));
      request.onProgress?.(++checked, checkTotal, 'check');
    }

    const rootCatalog = await settings.catalogs.forConfig(rootConfig);
    const textOf = (file: string) => {
      const e = entries.get(file);
      return e && !e.ignored ? e.text : undefined;
    };
    const reports = !only || request.workspaceRules ? this.workspaceReports(index, rootConfig, rootCatalog, facts, textOf) : [];
    for (const report of reports) {
      if (only && !only.has(report.file)) continue;
      let result = byPath.get(report.file);
      if (!result) {
        // Workspace findings about no particular document go to the config file, positioned in its text
        // (coverage-gap points at the value of its `standard:` line).
        result = { path: report.file, text: await this.otherText(report.file, workspace, started), findings: [] };
        results.push(result);
        byPath.set(report.file, result);
      }
      addWorkspaceReport(result, report);
    }

    for (const result of results) finish(result);
    const indexed = { index, config: rootConfig, catalog: rootCatalog };
    // The index of the files as they are: the snapshot until the next update.
    if (!reused && this.version === started && files === options.files && !request.texts?.size) {
      this.snapshotMemo = { version: started, result: Promise.resolve(indexed) };
    }
    return { files: results, ...indexed, workspaceReported: [...new Set(reports.map((r) => r.file))] };
  }

  /** The workspace rules' reports; with the same facts (an editor's keystroke), the last ones stand. */
  private workspaceReports(index: WorkspaceIndex, config: Config, catalog: Catalog, facts: string[], textOf: (file: string) => string | undefined): WorkspaceReport[] {
    const key = { config: configKey(config), catalog, today: this.options.today, facts };
    const memo = this.memo;
    if (memo && reportsStand(sameReportKey(memo.key, key), memo.texts.keys(), (file) => textOf(file) === memo.texts.get(file))) return memo.reports;
    const reports = workspaceReports(index, config, catalog, this.options.today);
    this.memo = { key, reports, texts: new Map(reports.map((r) => [r.file, textOf(r.file)])) };
    return reports;
  }

  /** A document's base version parsed (undefined: no base, change rules off; null: new at the base). */
  private baseDocument(file: string, config: Config): ControlledDocument | null | undefined {
    const version = this.options.base?.get(file);
    if (!version) return baseDocument(this.options.base, file, config);
    const memo = this.baseDocs.get(version);
    if (memo?.config === config) return memo.doc;
    const doc = baseDocument(this.options.base, file, config)!;
    this.baseDocs.set(version, { config, doc });
    return doc;
  }

  /** The text of a file that is not one of the project's (the config file), read once until anything changes. */
  private async otherText(file: string, workspace: Workspace, started: number): Promise<string> {
    let text = this.otherTexts.get(file);
    if (text === undefined) {
      text = (await workspace.read(file)) ?? '';
      if (this.everythingAt <= started && !(workspace instanceof OverlayWorkspace)) this.otherTexts.set(file, text);
    }
    return text;
  }

  /** A file's text and configuration; the entry itself when it is not to be analysed (ignored, unreadable, skipped, or parsed before). */
  private async read(file: string, workspace: Workspace, settings: Settings): Promise<Entry | Unbuilt> {
    const config = await this.usable(settings, await settings.resolver.forFile(file));
    if (matchesGlobs(file, config, config.ignore) && !this.named.has(file)) return { text: '', config, ignored: true, findings: [] };
    const maxSize = this.options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const read = await readDocument(workspace, file, maxSize);
    const text = read.text;
    // A text parsed before was not one to skip (and scanning every file on every keystroke is what an editor feels).
    const cached = read.unread ? undefined : this.parsed.get(file, text, config);
    if (cached) return { text, config, findings: [], document: cached };
    const skip = read.unread ?? skipReason(text, maxSize);
    if (!skip) return { file, text, config };
    // A file too large to be read: its start shows whether it is a controlled document.
    const head = read.unread?.ruleId === 'file-too-large' ? ((await readHead(workspace, file)) ?? '') : text;
    return { text, config, findings: [positioned(file, text, new LineIndex(text), failClosed(skip, file, head, config))] };
  }

  /** Parses a document here (and keeps it: an unchanged text is never parsed again). */
  private build({ file, text, config }: Unbuilt): Entry {
    const cached = this.parsed.get(file, text, config);
    if (cached) return { text, config, findings: [], document: cached };
    try {
      const runs = this.options.editing ? this.parsed.runsFor(file, text) : undefined;
      const document = buildDocument(file, text, config, matchesGlobs(file, config, config.documents), runs);
      this.parsed.set(file, text, config, document);
      return { text, config, findings: [], document };
    } catch (e) {
      // A file the parser cannot take costs one finding, never the run.
      return { text, config, findings: [positioned(file, text, new LineIndex(text), failClosed(unparsable(e), file, text, config))] };
    }
  }

  /** Documents analysed by the analyser (other threads, a cache): light, with the rules left to run here. */
  private async analyse(unbuilt: Unbuilt[], analyser: DocumentAnalyser, workspace: Workspace, settings: Settings, request: RunRequest): Promise<Entry[]> {
    const table = new Map<string, AnalysisConfig>();
    const requests: AnalysisRequest[] = [];
    for (const { file, text, config } of unbuilt) {
      const key = configKey(config);
      if (!table.has(key)) {
        await settings.catalogs.forConfig(config); // a broken pack stops the run here, as it would when checking
        table.set(key, { config, packs: await packTexts(config, workspace) });
      }
      requests.push({ path: file, text, config: key, matchedByGlob: matchesGlobs(file, config, config.documents) });
    }
    const analyses = await analyser.analyse(requests, table, (done) => request.onProgress?.(done, unbuilt.length, 'read'));
    return unbuilt.map(({ file, text, config }, i) => {
      const a = analyses[i];
      // Not analysed (its one finding says why; the analyser knows no more than the text): fail closed here.
      if (!a.document) return { text, config, findings: a.findings.map((f) => failClosed(f, file, text, config)) };
      return { text, config, findings: a.findings, document: fromLight(a.document, text), deferred: new Set(a.deferred) };
    });
  }

  /**
   * The last index, when the documents read since show everyone else the same facts and link to no
   * file the index did not know (an editor's keystroke): rules checking a document against it see
   * what a new one would show them. It holds the earlier version of those documents, so it serves
   * checking only, never the snapshot the editor's features read.
   */
  private async reusableIndex(files: readonly string[], documents: ControlledDocument[], fresh: ControlledDocument[], workspace: Workspace, started: number): Promise<Project['lastIndex']> {
    const last = this.lastIndex;
    if (!last || last.files !== files || last.facts.length !== documents.length) return undefined;
    if (!documents.every((d, i) => workspaceFacts(d) === last.facts[i])) return undefined;
    for (const doc of fresh) {
      for (const t of linkTargets(doc)) {
        if (last.index.byPath.has(t)) continue;
        let exists = this.targets.get(t);
        if (exists === undefined) {
          exists = Boolean(await workspace.stat(t));
          if (this.everythingAt <= started) this.targets.set(t, exists);
        }
        // A file the index did not know exists: it must learn it.
        if (exists !== last.index.exists(t)) return undefined;
      }
    }
    return last;
  }

  /** Which link targets outside the documents exist: each stated once until anything changes. */
  private async existingTargets(documents: ControlledDocument[], workspace: Workspace, started: number, remember: boolean): Promise<Set<string>> {
    const linted = new Set(documents.map((d) => d.path));
    const wanted = new Set<string>();
    for (const doc of documents) for (const t of linkTargets(doc)) if (!linted.has(t)) wanted.add(t);
    const existing = new Set<string>();
    await Promise.all(
      [...wanted].map(async (t) => {
        let exists = remember ? this.targets.get(t) : undefined;
        if (exists === undefined) {
          exists = Boolean(await workspace.stat(t));
          if (remember && this.everythingAt <= started) this.targets.set(t, exists);
        }
        if (exists) existing.add(t);
      }),
    );
    return existing;
  }

  /** A config with the run's overrides laid over it; its rule and standard names checked once (an unknown one stops the run). */
  private async usable(settings: Settings, config: Config): Promise<Config> {
    if (!settings.checked.has(config)) {
      checkConfigNames(config, await settings.catalogs.forConfig(config), this.options.standard);
      settings.checked.add(config);
    }
    return applyOverrides(config, { ...this.options.overrides, ...(this.options.standard ? { standard: this.options.standard } : {}) });
  }

  private freshSettings(): Settings {
    const { workspace, root, config } = this.options;
    return { resolver: new ConfigResolver(workspace, root, config), catalogs: new CatalogCache(workspace), checked: new Set() };
  }

  private forget(file: string): void {
    this.entries.delete(file);
    this.changedAt.set(file, this.version);
  }

  private unchangedSince(version: number, file: string): boolean {
    return this.everythingAt <= version && (this.changedAt.get(file) ?? 0) <= version;
  }
}
