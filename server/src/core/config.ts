// Configuration: the .qmslint.yaml / .qmslint.json nearest above a file wins.
// Validated against schemas/qmslint.schema.json, so the editor's validation,
// run-time validation and docs cannot drift.
import * as path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import checkSchema, { type SchemaCheck } from './config-validator';
import { FileProblem } from './file-problem';
import { idPatternProblem } from './id-pattern';
import { SETTINGS_MAX_BYTES, UnreadableFile } from './read-limits';
import type { OffsetRange } from './text';
import type { RuleSetting } from './types';
import type { Workspace } from './workspace';

export const CONFIG_NAMES = ['.qmslint.yaml', '.qmslint.yml', '.qmslint.json'];

/** The configuration as written in a file (all keys optional). */
export interface ConfigFile {
  standard?: string;
  standards?: string[];
  documents?: string[];
  ignore?: string[];
  fields?: Record<string, string | string[]>;
  types?: Record<string, TypeOverride | null>;
  approvalRoles?: string[];
  historyHeadings?: string[];
  idPattern?: string;
  reviewPeriodMonths?: number;
  maxFileSize?: number;
  base?: string;
  /** The baseline file (docs/baseline.md), relative to this file's folder. */
  baseline?: string;
  rules?: Record<string, RuleSetting | [RuleSetting] | [RuleSetting, Record<string, unknown>]>;
  packs?: string[];
  approvals?: ApprovalSettings;
}

/**
 * `approvals:`: whether each approval must be proven from git (the approval-unverified rule,
 * `qmslint approvals`), and who the names in front matter are (docs/approvals.md).
 */
export interface ApprovalSettings {
  /** `required`: approval-unverified reports approvals without evidence; `optional` (default): only `qmslint approvals` shows them. */
  evidence?: 'required' | 'optional';
  /** A front matter name, exactly as written, to the signer (email, ssh principal) and GitHub login that are that person's. */
  people?: Record<string, { email?: string | string[]; github?: string }>;
}

export interface TypeOverride {
  approvals?: string[];
  placeholdersAllowed?: boolean;
  historyRequired?: boolean;
  /** Roles to train on documents of this type when a document names none itself (core/training.ts). */
  training?: string[];
}

/** Configuration with every default filled in. */
export interface Config {
  /** Folder of the config file (absolute, POSIX); globs are relative to it. */
  root: string;
  /** The config file, when there is one. */
  file?: string;
  standard: string;
  /**
   * The config file's own `standard:` (its value as written, and where that value stands: offsets
   * in the file's text); absent when the file does not set it and the default applies. An
   * override (--standard, an editor setting) changes `standard`, not this.
   */
  standardSet?: { value: string; range: OffsetRange };
  standards: string[];
  /** Where each entry of the config file's `standards:` stands (its value and offsets), as `standardSet` for `standard:`. */
  standardsSet?: { value: string; range: OffsetRange }[];
  documents: string[];
  ignore: string[];
  /** Canonical field name to the keys accepted for it (canonical name first). */
  fields: Record<string, string[]>;
  types: Record<string, TypeOverride | null>;
  approvalRoles: string[];
  historyHeadings: string[];
  idPattern: string;
  reviewPeriodMonths?: number;
  /** Bytes above which a file is not analysed (the file's `maxFileSize` is in MB); the engine's default when unset. */
  maxFileSize?: number;
  /** The git ref the editor compares documents with (its change rules); HEAD when unset. The CLI takes --base instead. */
  base?: string;
  /** `baseline:` as written (core/baseline.ts resolves it against `root`); only the root configuration's counts. */
  baseline?: string;
  rules: Record<string, { setting: RuleSetting; options: Record<string, unknown> }>;
  packs: string[];
  /** `approvals:` as written; absent when the file does not set it. */
  approvals?: ApprovalSettings;
}

export const CANONICAL_FIELDS = [
  'id',
  'title',
  'type',
  'revision',
  'status',
  'effective_date',
  'owner',
  'standard',
  'clauses',
  'approvals',
  'next_review',
  'review_period_months',
  'references',
  'superseded_by',
  'training',
] as const;

export const STATUSES = ['draft', 'in-review', 'approved', 'effective', 'obsolete'] as const;

/** The statuses of a document in force: it covers clauses, and --fix writes no placeholder into it. */
export const IN_FORCE_STATUSES: readonly string[] = ['approved', 'effective'];

export function inForce(status: string | undefined): boolean {
  return status !== undefined && IN_FORCE_STATUSES.includes(status.trim().toLowerCase());
}

export const DEFAULT_HISTORY_HEADINGS = ['Revision History', 'Change History', 'Document History', 'Revision Log'];

/** Letters, a dash, digits: SOP-004, WI-12, QM-001. */
export const DEFAULT_ID_PATTERN = '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\\d+$';

export function defaultConfig(root: string): Config {
  return {
    root,
    standard: 'iso13485:2016',
    standards: [],
    documents: [],
    ignore: [],
    fields: Object.fromEntries(CANONICAL_FIELDS.map((f) => [f, [f]])),
    types: {},
    approvalRoles: [],
    historyHeadings: DEFAULT_HISTORY_HEADINGS,
    idPattern: DEFAULT_ID_PATTERN,
    rules: {},
    packs: [],
  };
}

/** An invalid configuration file; told apart from other file problems by the doors ("invalid configuration"). */
export class ConfigError extends FileProblem {}

const validate = checkSchema as ((data: unknown) => data is ConfigFile) & Pick<SchemaCheck, 'errors'>;

/** A position in a config file, 1-based. */
type Located = { line: number; col: number } | undefined;

/**
 * Where a parsed config's keys were written, for problems found after
 * parsing (a rule or standard that does not exist): the same positions the
 * schema errors carry. Kept beside the config, not in it, so two configs that
 * say the same thing still compare equal (caches key on their JSON).
 */
const locators = new WeakMap<Config, (keyPath: string[], at: 'key' | 'value') => Located>();

/** A ConfigError at a key of the config's file (`at` its key or its value), with its line when known. */
export function configErrorAt(config: Config, keyPath: string[], at: 'key' | 'value', detail: string): ConfigError {
  const pos = locators.get(config)?.(keyPath, at);
  return new ConfigError(config.file ?? 'configuration', `${keyPath.join('.')}: ${detail}`, pos?.line, pos?.col);
}

/** Parse and validate a config file's text; throws ConfigError naming the key path and line. */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const isJson = file.endsWith('.json');
  // JSON is YAML, so one parser gives positions for both.
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    throw new ConfigError(file, `${isJson ? 'JSON' : 'YAML'} syntax error: ${e.message.split('\n')[0]}`, pos.line, pos.col);
  }
  const locate = (keyPath: string[], at: 'key' | 'value' = 'value'): Located => {
    const node = nodeAt(doc.contents, keyPath, at);
    return node?.range ? lineCounter.linePos(node.range[0]) : undefined;
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new ConfigError(file, (e as Error).message);
  }
  if (!validate(data)) {
    // Of a rule setting's alternatives (a severity, or [severity, options]), the error deepest in the
    // value says most: a wrong option names the option, not "must be one of off, info...".
    const err = validate.errors!.reduce((a, b) => (b.instancePath.split('/').length > a.instancePath.split('/').length ? b : a));
    const keyPath = err.instancePath.split('/').slice(1).map(unescapePointer);
    if (err.keyword === 'additionalProperties') keyPath.push(String(err.params.additionalProperty));
    const pos = locate(keyPath);
    const where = keyPath.length ? keyPath.join('.') : '(top level)';
    throw new ConfigError(file, `${where}: ${describeSchemaError(err)}`, pos?.line, pos?.col);
  }
  const config = normalise(data, path.posix.dirname(file));
  config.file = file;
  if (typeof data.standard === 'string' && data.standard) {
    // Offsets in the file as read: a byte order mark the parser did not see comes first.
    const node = nodeAt(doc.contents, ['standard']);
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    if (node?.range) config.standardSet = { value: data.standard, range: { start: node.range[0] + bom, end: node.range[1] + bom } };
  }
  if (Array.isArray(data.standards) && data.standards.length) {
    // The same for each `standards:` entry: coverage-gap puts that standard's finding on it.
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    config.standardsSet = data.standards.flatMap((value, i) => {
      const node = nodeAt(doc.contents, ['standards', String(i)]);
      return node?.range ? [{ value, range: { start: node.range[0] + bom, end: node.range[1] + bom } }] : [];
    });
  }
  locators.set(config, locate);
  const problem = idPatternProblem(config.idPattern);
  if (problem) throw configErrorAt(config, ['idPattern'], 'value', problem);
  return config;
}

function describeSchemaError(err: { keyword: string; message?: string; params: Record<string, unknown> }): string {
  if (err.keyword === 'additionalProperties') return 'unknown key; check its spelling against the schema';
  if (err.keyword === 'enum') return `must be one of ${(err.params.allowedValues as unknown[]).join(', ')}`;
  if (err.keyword === 'propertyNames') return `invalid key name ${JSON.stringify(err.params.propertyName)}`;
  return err.message ?? 'invalid value';
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The node at a key path: the value there, or with `at: 'key'` the key itself; the nearest existing parent when the path goes further than the file. */
function nodeAt(node: unknown, keyPath: string[], at: 'key' | 'value' = 'value'): Node | undefined {
  let current = node as Node | null | undefined;
  for (const [i, key] of keyPath.entries()) {
    if (isMap(current)) {
      const pair = current.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === key);
      if (!pair) return current;
      const last = i === keyPath.length - 1;
      current = last && at === 'key' ? (pair.key as Node) : ((pair.value as Node) ?? (pair.key as Node));
    } else if (isSeq(current)) {
      current = current.items[Number(key)] as Node;
    } else break;
  }
  return current ?? undefined;
}

function normalise(file: ConfigFile, root: string): Config {
  const config = defaultConfig(root);
  if (file.standard) config.standard = file.standard;
  if (file.standards) config.standards = file.standards;
  if (file.documents) config.documents = file.documents;
  if (file.ignore) config.ignore = file.ignore;
  for (const [field, alias] of Object.entries(file.fields ?? {})) {
    const names = Array.isArray(alias) ? alias : [alias];
    config.fields[field] = [...new Set([...names, field])];
  }
  if (file.types) config.types = file.types;
  if (file.approvalRoles) config.approvalRoles = file.approvalRoles;
  if (file.historyHeadings) config.historyHeadings = file.historyHeadings;
  if (file.idPattern) config.idPattern = file.idPattern;
  if (file.reviewPeriodMonths) config.reviewPeriodMonths = file.reviewPeriodMonths;
  if (file.maxFileSize) config.maxFileSize = Math.round(file.maxFileSize * 1024 * 1024);
  if (file.base) config.base = file.base;
  if (file.baseline) config.baseline = file.baseline;
  for (const [rule, value] of Object.entries(file.rules ?? {})) {
    const [setting, options] = Array.isArray(value) ? value : [value];
    config.rules[rule] = { setting, options: options ?? {} };
  }
  if (file.packs) config.packs = file.packs;
  if (file.approvals) config.approvals = file.approvals;
  return config;
}

/**
 * Finds and loads the config that applies to files in `dir`: the nearest
 * config file in `dir` or above it. Without one, the defaults apply, rooted at
 * `defaultRoot`. Results are cached per folder, so a workspace of thousands of
 * files reads each config once.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, Promise<Config>>();

  constructor(
    private readonly workspace: Workspace,
    private readonly defaultRoot: string,
    private readonly explicit?: Config,
  ) {}

  forFile(file: string): Promise<Config> {
    return this.forDir(path.posix.dirname(file));
  }

  forDir(dir: string): Promise<Config> {
    if (this.explicit) return Promise.resolve(this.explicit);
    let cached = this.byDir.get(dir);
    if (!cached) {
      cached = this.lookup(dir);
      this.byDir.set(dir, cached);
    }
    return cached;
  }

  private async lookup(dir: string): Promise<Config> {
    for (const name of CONFIG_NAMES) {
      const file = path.posix.join(dir, name);
      const text = await readConfigText(this.workspace, file);
      if (text !== undefined) return parseConfig(text, file);
    }
    const parent = path.posix.dirname(dir);
    if (parent === dir) return defaultConfig(this.defaultRoot);
    return this.forDir(parent);
  }
}

/** A config file's text, or undefined when there is none; one not read (not a regular file, too large) is a ConfigError. */
export async function readConfigText(workspace: Workspace, file: string): Promise<string | undefined> {
  try {
    return await workspace.read(file, SETTINGS_MAX_BYTES);
  } catch (e) {
    throw e instanceof UnreadableFile ? new ConfigError(file, `${e.detail}.`) : e;
  }
}

/** Keys accepted for a canonical field, canonical name first. */
export function fieldKeys(config: Config, field: string): string[] {
  return config.fields[field] ?? [field];
}

/**
 * Settings laid over every configuration file (the CLI's --standard, an
 * editor's settings): a standard, more `documents` globs, rule severities.
 */
export interface ConfigOverrides {
  standard?: string;
  documents?: string[];
  rules?: Record<string, unknown>;
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);
const overridden = new WeakMap<Config, { key: string; config: Config }>();

/** The config with the overrides applied; the same object for the same inputs, so caches keyed by config keep working. */
const configKeys = new WeakMap<Config, string>();

/** Configs that say the same thing share a key, even when loaded twice. */
export function configKey(config: Config): string {
  let key = configKeys.get(config);
  if (key === undefined) configKeys.set(config, (key = JSON.stringify(config)));
  return key;
}

export function applyOverrides(config: Config, overrides: ConfigOverrides): Config {
  const rules = Object.entries(overrides.rules ?? {}).flatMap(([id, value]) => {
    // Editor settings are not schema-checked by the editor: take only what is well-formed.
    const [setting, options] = Array.isArray(value) ? value : [value];
    if (typeof setting !== 'string' || !SEVERITIES.has(setting)) return [];
    return [[id, { setting: setting as RuleSetting, options: options && typeof options === 'object' ? (options as Record<string, unknown>) : {} }] as const];
  });
  const documents = (overrides.documents ?? []).filter((d) => typeof d === 'string' && d.trim() !== '');
  if (!overrides.standard && !documents.length && !rules.length) return config;
  const key = JSON.stringify([overrides.standard, documents, rules]);
  const cached = overridden.get(config);
  if (cached?.key === key) return cached.config;
  const result: Config = {
    ...config,
    standard: overrides.standard || config.standard,
    documents: [...config.documents, ...documents],
    rules: { ...config.rules, ...Object.fromEntries(rules) },
  };
  overridden.set(config, { key, config: result });
  return result;
}

