// The engine: parse every file once, build the workspace index, run the rules,
// then apply configuration (severity, suppressions) and turn offsets into
// positions. Both the CLI and the language server call `lint`.
import { pushAll } from './arrays';
import picomatch from 'picomatch';
import * as path from 'node:path';
import { applyOverrides, ConfigResolver, type Config, type ConfigOverrides } from './config';
import { checkConfigNames } from './config-names';
import { buildDocument, type ControlledDocument } from './document';
import { documentContext } from './document-context';
import type { DocumentCache } from './document-cache';
import type { AnalysisConfig, AnalysisRequest, DocumentAnalyser } from './analysis';
import { fromLight } from './light';
import { WorkspaceIndex } from './index-workspace';
import { checkedReport, type WorkspaceContext } from './rule';
import { rules as allRules } from './rules';
import { Catalog } from './standards/catalog';
import { formatPackError } from './standards/load';
import type { StandardPack } from './standards/types';
import { UNKNOWN_RULE_NOTICE } from './notices';
import { unknownRuleNames } from './suppression-names';
import { isSuppressed } from './suppressions';
import { LineIndex } from './text';
import type { Finding, Report, Severity } from './types';
import { capped, finding, positioned, severityOf } from './findings';
import { runRuleInto } from './run-rule';
import { unparsable } from './unparsable';
import type { Workspace } from './workspace';
import { linkTargets, workspaceFacts } from './facts';
import { MAX_NESTING, nestsTooDeep } from './nesting';
import { delimiterCostOver } from './parse-cost';
import { declaresId } from './controlled-text';
import { readHead } from './read-head';
import { megabytes, SETTINGS_MAX_BYTES, UnreadableFile, whyUnopenable } from './read-limits';

export interface LintOptions {
  workspace: Workspace;
  /** Absolute POSIX paths of the Markdown files to lint. */
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
  /** Parsed documents from earlier runs; unchanged files are not parsed again. */
  cache?: DocumentCache;
  /**
   * Analyses documents elsewhere (worker threads, a persistent cache): each
   * comes back as a light document with the findings of the rules that need
   * no workspace; the rest run here. Not used with `base`.
   */
  analyser?: DocumentAnalyser;
  /**
   * Report on these files only (the language server's pull for one document):
   * every file in `files` still builds the index, workspace rules do not run.
   */
  only?: string[];
  /**
   * With `only`, still run the workspace rules and keep their findings on
   * those files, so a document pulled alone (the language server) shows the
   * same workspace findings as a whole-workspace run.
   */
  workspaceRules?: boolean;
  /** Files the user named one by one (the CLI's paths): linted even when the config's `ignore` matches them. */
  named?: string[];
  /**
   * Progress, for long runs: in phase 'read' after each file is read and
   * parsed (total: every file), then in phase 'check' after each reported
   * document's rules have run (total: those documents).
   */
  onProgress?(done: number, total: number, phase: 'read' | 'check'): void;
}

export interface BaseVersion {
  /** Path at the base (differs from the current path after a rename). */
  path: string;
  text: string;
}

export interface FileResult {
  path: string;
  /** The file text as read (BOM included): fixes apply to it. */
  text: string;
  findings: Finding[];
  document?: ControlledDocument;
}

export interface LintResult {
  files: FileResult[];
  index: WorkspaceIndex;
  /** The configuration at the root. */
  config: Config;
  catalog: Catalog;
  /** What `relint` needs to check one document again without the others. */
  state?: LintState;
}

/** What a lint leaves behind for `relint`. */
export interface LintState {
  options: LintOptions;
  documents: ControlledDocument[];
  configs: Map<string, Config>;
  /** Link targets outside the documents, with whether they exist. */
  targets: Map<string, boolean>;
  catalogs: CatalogCache;
}

const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export async function lint(options: LintOptions): Promise<LintResult> {
  const resolver = new ConfigResolver(options.workspace, options.root, options.config);
  const catalogs = new CatalogCache(options.workspace);
  const namesChecked = new Set<Config>();
  // Each config's rule and standard names are checked once, before anything runs with it: an unknown one stops the run.
  const usable = async (config: Config): Promise<Config> => {
    if (!namesChecked.has(config)) {
      checkConfigNames(config, await catalogs.forConfig(config), options.standard);
      namesChecked.add(config);
    }
    return withOverrides(config, options);
  };
  const rootConfig = await usable(await resolver.forDir(options.root));
  const results: FileResult[] = [];
  const documents: ControlledDocument[] = [];
  const configs = new Map<ControlledDocument, Config>();

  const analyser = options.base ? undefined : options.analyser;
  const pending: { result: FileResult; config: Config; request: AnalysisRequest }[] = [];
  const deferred = new Map<ControlledDocument, Set<string>>();
  const named = new Set(options.named);
  for (const [i, file] of options.files.entries()) {
    // Reported at the next file, because the body below may `continue`.
    if (i && !analyser) options.onProgress?.(i, options.files.length, 'read');
    const config = await usable(await resolver.forFile(file));
    if (matches(file, config, config.ignore) && !named.has(file)) continue;
    const maxSize = options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const read = await readDocument(options.workspace, file, maxSize);
    const text = read.text;
    const result: FileResult = { path: file, text, findings: [] };
    results.push(result);
    // A text the cache has was analysed before, so it was not one to skip (and scanning every file on every keystroke is what an editor feels).
    const cached = read.unread ? undefined : options.cache?.get(file, text, config);
    const skip = read.unread ?? (cached ? undefined : skipReason(text, maxSize));
    if (skip) {
      // A file too large to be read: its start shows whether it is a controlled document.
      const known = read.unread?.ruleId === 'file-too-large' ? ((await readHead(options.workspace, file)) ?? '') : text;
      result.findings.push(positioned(file, text, new LineIndex(text), failClosed(skip, file, known, config)));
      continue;
    }
    if (analyser) {
      pending.push({ result, config, request: { path: file, text, config: configKey(config), matchedByGlob: matches(file, config, config.documents) } });
      continue;
    }
    let doc = cached;
    if (!doc) {
      try {
        doc = buildDocument(file, text, config, matches(file, config, config.documents), options.cache?.runsFor(file, text));
      } catch (e) {
        // A file the parser cannot take costs one finding, never the run.
        result.findings.push(positioned(file, text, new LineIndex(text), failClosed(unparsable(e), file, text, config)));
        continue;
      }
      options.cache?.set(file, text, config, doc);
    }
    result.document = doc;
    documents.push(doc);
    configs.set(doc, config);
  }

  if (analyser && pending.length) {
    const table = new Map<string, AnalysisConfig>();
    for (const { config, request } of pending) {
      if (table.has(request.config)) continue;
      await catalogs.forConfig(config); // a broken pack stops the run here, as it would below
      table.set(request.config, { config, packs: await packTexts(config, options.workspace) });
    }
    const analyses = await analyser.analyse(
      pending.map((p) => p.request),
      table,
      (done) => options.onProgress?.(done, pending.length, 'read'),
    );
    for (const [i, { result, config }] of pending.entries()) {
      const a = analyses[i];
      if (!a.document) {
        // Not analysed (its one finding says why; the analyser knows no more than the text): fail closed here.
        for (const f of a.findings) result.findings.push(failClosed(f, result.path, result.text, config));
        continue;
      }
      pushAll(result.findings, a.findings);
      const doc = fromLight(a.document, result.text);
      result.document = doc;
      documents.push(doc);
      configs.set(doc, config);
      deferred.set(doc, new Set(a.deferred));
    }
  }

  options.onProgress?.(options.files.length, options.files.length, 'read');
  const index = new WorkspaceIndex(documents, await existingLinkTargets(documents, options.workspace));
  const byPath = new Map(results.map((r) => [r.path, r]));

  const only = options.only && new Set(options.only);
  const checkTotal = only ? documents.filter((d) => only.has(d.path)).length : documents.length;
  let checked = 0;
  for (const doc of documents) {
    if (only && !only.has(doc.path)) continue;
    const config = configs.get(doc)!;
    checkDocument(doc, config, await catalogs.forConfig(config), index, options, byPath.get(doc.path)!, deferred.get(doc));
    options.onProgress?.(++checked, checkTotal, 'check');
  }

  const rootCatalog = await catalogs.forConfig(rootConfig);
  // The workspace rules read only the documents' facts: with the same facts (an editor's keystroke), their reports stand.
  const memoKey = options.cache && (!only || options.workspaceRules) ? workspaceMemoKey(rootConfig, rootCatalog, options.today, documents) : undefined;
  const memo = memoKey && options.cache!.workspaceReports;
  const textOf = (file: string) => byPath.get(file)?.text;
  const reusable =
    memo && memo.key.length === memoKey.length && memo.key.every((k, i) => k === memoKey[i]) && [...memo.texts].every(([file, text]) => textOf(file) === text);
  const reports: WorkspaceReport[] = reusable ? memo.reports : only && !options.workspaceRules ? [] : workspaceReports(index, rootConfig, rootCatalog, options.today);
  if (memoKey && !reusable) options.cache!.workspaceReports = { key: memoKey, reports, texts: new Map(reports.map((r) => [r.file, textOf(r.file)])) };
  for (const report of reports) {
    let result = byPath.get(report.file);
    if (!result) {
      // Workspace findings about no particular document go to the config file, positioned in its text
      // (coverage-gap points at the value of its `standard:` line).
      result = { path: report.file, text: (await options.workspace.read(report.file)) ?? '', findings: [] };
      results.push(result);
      byPath.set(report.file, result);
    }
    addWorkspaceReport(result, report);
  }

  if (only) {
    const kept = results.filter((r) => only.has(r.path));
    results.length = 0;
    pushAll(results, kept);
  }
  for (const result of results) finish(result);
  const state: LintState = {
    options,
    documents,
    configs: new Map(documents.map((d) => [d.path, configs.get(d)!])),
    targets: new Map([...linkTargetsOf(documents)].map((t) => [t, index.exists(t)])),
    catalogs,
  };
  return { files: results, index, config: rootConfig, catalog: rootCatalog, state };
}

/** What the workspace rules' reports depend on: with an equal key (element by element), they stand. */
function workspaceMemoKey(config: Config, catalog: Catalog, today: string, documents: ControlledDocument[]): unknown[] {
  return [configKey(config), catalog, today, ...documents.map(workspaceFacts)];
}

/** Runs the document and change rules on one document (only `remaining` ones, if given), into `result`. */
function checkDocument(doc: ControlledDocument, config: Config, catalog: Catalog, index: WorkspaceIndex, options: LintOptions, result: FileResult, remaining?: Set<string>): void {
  const ctx = documentContext(doc, config, catalog, index, options.today);
  const base = baseDocument(options.base, doc.path, config);
  for (const rule of allRules) {
    if (rule.scope === 'workspace' || (rule.scope === 'change' && base === undefined)) continue;
    // An analysed document ran its other rules where it was analysed.
    if (remaining && !remaining.has(rule.id)) continue;
    const severity = severityOf(rule, config);
    if (!severity) continue;
    ctx.options = config.rules[rule.id]?.options ?? {};
    const report = (r: Report) => result.findings.push(finding(rule.id, severity, doc, checkedReport(rule, r)));
    if (rule.scope === 'change') runRule(rule.id, result, () => rule.check({ ...ctx, base: base! }, report));
    else runRule(rule.id, result, () => rule.check(ctx, report));
  }
}

type WorkspaceReport = { ruleId: string; severity: Severity; file: string; report: Report };

/**
 * What the workspace rules report, in rule order. A rule that throws costs findings, never the run
 * (as a document rule's does, runRuleInto): every document it was checking gets an error saying so,
 * and what it reported before it threw stands.
 */
function workspaceReports(index: WorkspaceIndex, rootConfig: Config, rootCatalog: Catalog, today: string): WorkspaceReport[] {
  const reports: WorkspaceReport[] = [];
  for (const rule of allRules) {
    if (rule.scope !== 'workspace') continue;
    const severity = severityOf(rule, rootConfig);
    if (!severity) continue;
    const wctx: WorkspaceContext = { index, catalog: rootCatalog, config: rootConfig, today, options: rootConfig.rules[rule.id]?.options ?? {} };
    try {
      rule.check(wctx, (file, report) => reports.push({ ruleId: rule.id, severity, file, report: checkedReport(rule, report) }));
    } catch (e) {
      // An error whatever the rule's severity: the documents were not checked by it.
      const message = `Rule ${rule.id} failed on the workspace: ${(e as Error)?.message ?? e}. Please report this as a qmslint bug.`;
      for (const doc of index.documents) reports.push({ ruleId: rule.id, severity: 'error', file: doc.path, report: { message, severity: 'error', range: { start: 0, end: 0 }, failure: 'workspace' } });
    }
  }
  return reports;
}

function addWorkspaceReport(result: FileResult, { ruleId, severity, report: r }: WorkspaceReport): void {
  const doc = result.document;
  result.findings.push(doc ? finding(ruleId, severity, doc, r) : positioned(result.path, result.text, new LineIndex(result.text), { ...r, ruleId, severity: capped(severity, r.severity) }));
}

/** Suppressions, then the suppression comments' unknown rule names (no comment can hide those), then the order every door shows. */
function finish(result: FileResult): void {
  const doc = result.document;
  const kept = doc ? result.findings.filter((f) => !isSuppressed(doc.suppressions, f.ruleId, f.line)) : result.findings;
  const unknown = doc ? unknownRuleNames(doc.suppressions).map((r) => finding(UNKNOWN_RULE_NOTICE, 'warning', doc, r)) : [];
  result.findings = [...kept, ...unknown].sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
}

/**
 * One document checked again after only its text changed since `previous`
 * (an editor's keystroke), without reading or checking the others. When what
 * they can see of it (its facts) is the same, the index and the workspace
 * rules' reports stand; when not (a heading, an id, a citation changed), the
 * index is built again from the documents in hand and the workspace rules run
 * again. Undefined when the others must be read again (a new link to a file
 * that exists; other options; anything else unusual): then lint as usual. The
 * findings are the ones `lint` with `only: [file], workspaceRules: true` gives.
 */
export async function relint(previous: LintResult, options: LintOptions, file: string): Promise<LintResult | undefined> {
  const state = previous.state;
  const cache = options.cache;
  const old = state?.documents.find((d) => d.path === file);
  const config = state?.configs.get(file);
  if (!state || !cache || !old || !config || options.base || options.analyser) return undefined;
  const before = state.options;
  if (
    options.today !== before.today ||
    options.root !== before.root ||
    options.config !== before.config ||
    options.standard !== before.standard ||
    options.maxFileSize !== before.maxFileSize ||
    JSON.stringify(options.overrides ?? null) !== JSON.stringify(before.overrides ?? null) ||
    options.files.length !== before.files.length ||
    options.files.some((f, i) => f !== before.files[i])
  ) {
    return undefined;
  }
  const maxSize = options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const read = await readDocument(options.workspace, file, maxSize);
  if (read.unread) return undefined;
  const text = read.text;
  let doc = cache.get(file, text, config);
  if (!doc) {
    if (skipReason(text, maxSize)) return undefined;
    try {
      doc = buildDocument(file, text, config, matches(file, config, config.documents), cache.runsFor(file, text));
    } catch {
      return undefined;
    }
    cache.set(file, text, config, doc);
  }
  // A link to a file the index did not look at: if it exists, the index must learn it.
  const linted = previous.index.byPath;
  const targets = new Map(state.targets);
  for (const t of linkTargets(doc)) {
    if (linted.has(t) || targets.has(t)) continue;
    if (await options.workspace.stat(t)) return undefined;
    targets.set(t, false);
  }
  const documents = state.documents.map((d) => (d === old ? doc! : d));
  const catalogs = state.catalogs;
  const rootCatalog = await catalogs.forConfig(previous.config);
  const key = workspaceMemoKey(previous.config, rootCatalog, options.today, documents);
  // The workspace rules' reports, as the last lint left them for these facts (their ranges in this file only while its text is the same).
  const memo = cache.workspaceReports;
  let index = previous.index;
  let reports = memo?.reports;
  if (!memo || memo.key.length !== key.length || memo.key.some((k, i) => k !== key[i]) || (memo.texts.has(file) && memo.texts.get(file) !== text)) {
    // What the others see of it changed (a citation, a heading, its id): index again and run the
    // workspace rules, still without reading or checking the other documents (the editor is
    // asked to pull theirs again when they can see the difference).
    const existing = new Set([...targets].filter(([, exists]) => exists).map(([t]) => t));
    index = new WorkspaceIndex(documents, existing);
    reports = workspaceReports(index, previous.config, rootCatalog, options.today);
    const textOf = (f: string) => (f === file ? text : originalText(index.byPath.get(f)));
    cache.workspaceReports = { key, reports, texts: new Map(reports.map((r) => [r.file, textOf(r.file)])) };
  }

  const result: FileResult = { path: file, text, findings: [], document: doc };
  checkDocument(doc, config, await catalogs.forConfig(config), index, options, result);
  for (const report of reports!) if (report.file === file) addWorkspaceReport(result, report);
  finish(result);
  return {
    files: [result],
    index,
    config: previous.config,
    catalog: previous.catalog,
    state: { ...state, options, documents, targets },
  };
}

/** The file text a document was built from (its byte order mark put back). */
function originalText(doc: ControlledDocument | undefined): string | undefined {
  return doc && (doc.parsed.bomLength ? `\ufeff${doc.parsed.text}` : doc.parsed.text);
}

/** The base version of a changed document, parsed with the document's config; undefined when unchanged or no base. */
function baseDocument(base: LintOptions['base'], file: string, config: Config): ControlledDocument | null | undefined {
  if (!base || !base.has(file)) return undefined;
  const version = base.get(file);
  if (!version) return null;
  return buildDocument(version.path, version.text, config, matches(version.path, config, config.documents));
}

/** --standard and editor settings over the config file's own values. */
function withOverrides(config: Config, options: LintOptions): Config {
  return applyOverrides(config, { ...options.overrides, ...(options.standard ? { standard: options.standard } : {}) });
}

/** A rule that throws costs one finding, never the run. */
function runRule(ruleId: string, result: FileResult, run: () => void): void {
  runRuleInto(ruleId, result.path, result.text, result.findings, () => false, run);
}

/** A document's text, or why it was not read (too large, not a regular file): then its one finding. */
async function readDocument(workspace: Workspace, file: string, maxSize: number): Promise<{ text: string; unread?: Report & { ruleId: string; severity: Severity } }> {
  try {
    return { text: (await workspace.read(file, maxSize)) ?? '' };
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    return { text: '', unread: e.reason === 'too-large' ? tooLarge(e.limit, maxSize) : e.reason === 'unopenable' ? unopenable(e.code) : notRegular() };
  }
}

/** Over maxSize, or over MAX_READ_BYTES when maxSize is larger: then raising the limit does not help. */
function tooLarge(limit: number, maxSize: number): Report & { ruleId: string; severity: Severity } {
  const fix = limit < maxSize ? 'split it (no file is read above this size)' : 'split it, or raise the limit (maxFileSize in .qmslint.yaml, or --max-file-size)';
  return {
    ruleId: 'file-too-large',
    severity: 'warning',
    message: `File is larger than ${megabytes(limit)} MB and was not analysed; ${fix}.`,
    range: { start: 0, end: 0 },
  };
}

function notRegular(): Report & { ruleId: string; severity: Severity } {
  return {
    ruleId: 'file-binary',
    severity: 'info',
    message: 'Not a regular file (a device, pipe or socket, perhaps through a symlink), so it was not read; remove it or point the link at a Markdown file.',
    range: { start: 0, end: 0 },
  };
}

/**
 * A Markdown file the system would not open (a link loop, permission denied): not absent, and not
 * empty text either. Its front matter cannot be read, so only a `documents` glob makes it controlled
 * (an error, by failClosed); otherwise a warning, as it is still a file nobody checked.
 */
function unopenable(code: string | undefined): Report & { ruleId: string; severity: Severity } {
  return {
    ruleId: 'file-binary',
    severity: 'warning',
    message: `Could not be read: ${whyUnopenable(code)}.`,
    range: { start: 0, end: 0 },
  };
}

function skipReason(text: string, maxSize: number): (Report & { ruleId: string; severity: Severity }) | undefined {
  if (text.length > maxSize) return tooLarge(maxSize, maxSize);
  if (text.slice(0, 8000).includes('\u0000')) {
    return { ruleId: 'file-binary', severity: 'info', message: 'Binary file skipped: it is not Markdown text.', range: { start: 0, end: 0 } };
  }
  if (nestsTooDeep(text)) {
    return {
      ruleId: 'file-too-complex',
      severity: 'warning',
      message: `File nests block quotes or lists more than ${MAX_NESTING} levels deep and was not analysed: parsing it would take minutes.`,
      range: { start: 0, end: 0 },
    };
  }
  const cost = delimiterCostOver(text);
  if (cost) {
    return {
      ruleId: 'file-too-complex',
      severity: 'warning',
      message: `File was not analysed: this paragraph has ${cost.delimiters} emphasis and link marks (*, _, ~, [, ]), and parsing them would take minutes. Split it with blank lines, or escape the marks.`,
      range: { start: cost.offset, end: cost.offset },
    };
  }
  return undefined;
}

/**
 * A controlled document (front matter id, or a `documents` match) that was not
 * analysed is an error, whatever the reason: the run must not pass on a
 * document nobody checked. Other files keep the finding as it is.
 */
function failClosed<T extends { severity: Severity; message: string }>(r: T, file: string, text: string, config: Config): T {
  if (r.severity === 'error' || !(matches(file, config, config.documents) || declaresId(text, config))) return r;
  return { ...r, severity: 'error', message: `${r.message} It is an error because this is a controlled document (it has an id, or matches documents in .qmslint.yaml): make it a text qmslint can check.` };
}

/** Globs in a config are relative to the config's folder. */
function matches(file: string, config: Config, globs: string[]): boolean {
  if (!globs.length) return false;
  const rel = path.posix.relative(config.root, file);
  return picomatch(globs, { dot: true })(rel);
}

/** The relative link targets that are not themselves linted documents. */
function linkTargetsOf(documents: ControlledDocument[]): Set<string> {
  const linted = new Set(documents.map((d) => d.path));
  const targets = new Set<string>();
  for (const doc of documents) {
    for (const file of linkTargets(doc)) if (!linted.has(file)) targets.add(file);
  }
  return targets;
}

/** Stats every relative link target that is not itself a linted document, once. */
async function existingLinkTargets(documents: ControlledDocument[], workspace: Workspace): Promise<Set<string>> {
  const targets = linkTargetsOf(documents);
  const existing = new Set<string>();
  await Promise.all(
    [...targets].map(async (t) => {
      if (await workspace.stat(t)) existing.add(t);
    }),
  );
  return existing;
}

/** Each config with its own packs gets its own catalog; the built-in one is shared. */
export class CatalogCache {
  private readonly byKey = new Map<string, Promise<Catalog>>();
  constructor(private readonly workspace: Workspace) {}

  forConfig(config: Config): Promise<Catalog> {
    if (!config.packs.length) return Promise.resolve(Catalog.builtin());
    const key = `${config.root}\0${config.packs.join('\0')}`;
    let cached = this.byKey.get(key);
    if (!cached) {
      cached = loadPacks(config, this.workspace);
      this.byKey.set(key, cached);
    }
    return cached;
  }
}

export class PackError extends Error {}

/** The texts of a config's standard packs (already checked by loading its catalog), for another thread. */
async function packTexts(config: Config, workspace: Workspace): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const rel of config.packs) {
    const file = path.posix.resolve(config.root, rel);
    out.push({ file, text: (await workspace.read(file, SETTINGS_MAX_BYTES)) ?? '' });
  }
  return out;
}

const configKeys = new WeakMap<Config, string>();

/** Configs that say the same thing share a key. */
export function configKey(config: Config): string {
  let key = configKeys.get(config);
  if (key === undefined) configKeys.set(config, (key = JSON.stringify(config)));
  return key;
}

async function loadPacks(config: Config, workspace: Workspace): Promise<Catalog> {
  const catalog = Catalog.builtin().clone();
  for (const rel of config.packs) {
    const file = path.posix.resolve(config.root, rel);
    const where = config.file ?? config.root;
    const inside = path.posix.relative(config.root, file);
    // `..acme.yaml` is a file inside; `..` and `../x` are not.
    if (inside === '..' || inside.startsWith('../')) {
      throw new PackError(`${where}: packs: ${rel} is outside the workspace; keep standard packs inside the repository.`);
    }
    const text = await workspace.read(file, SETTINGS_MAX_BYTES).catch((e) => {
      throw e instanceof UnreadableFile ? new PackError(`${where}: packs: ${rel} is ${e.detail}.`) : e;
    });
    if (text === undefined) throw new PackError(`${where}: packs: ${rel} not found (looked for ${file}).`);
    const errors = catalog.addPack(text, file);
    if (errors.length) throw new PackError(errors.map(formatPackError).join('\n'));
  }
  return catalog;
}
