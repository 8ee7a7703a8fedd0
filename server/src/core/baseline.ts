// The baseline (docs/baseline.md): the findings a repository has accepted for
// now, recorded by their stable fingerprints (fingerprint.ts, SARIF's), so that
// a gate fails only on findings that are new. This file is the format and the
// matching, text in and data out; reading and writing the file are the doors'.
import * as path from 'node:path';
import type { FileResult } from './check';
import { configErrorAt, type Config } from './config';
import { FileProblem } from './file-problem';
import { FINGERPRINT_VERSION, fingerprintsOf } from './fingerprint';
import { jsonSyntaxProblem } from './json-syntax';
import { UnreadableFile } from './read-limits';
import { rules } from './rules';
import { LineIndex } from './text';
import type { Finding } from './types';
import { visible } from './visible';
import type { Workspace } from './workspace';

/** The format's version: a reader refuses any other, so a newer file is never half understood. */
export const BASELINE_VERSION = 1;
/** Where `qmslint baseline` writes when told nothing else, in the current folder. */
export const DEFAULT_BASELINE_FILE = '.qmslint-baseline.json';
/**
 * The most of a baseline file that is read: a repository's worth of entries (some 250 bytes each)
 * is far larger than a configuration, so not the settings' 4 MB; still bounded, as every read is.
 */
export const BASELINE_MAX_BYTES = 64 * 1024 * 1024;
/** The engine's notice for an entry that no longer occurs (notices.ts). */
export const STALE_NOTICE = 'baseline-stale';

/** One accepted finding. `message` is for the person reading a diff of the file; matching never reads it. */
export interface BaselineEntry {
  /** The finding's file, relative to the baseline file's folder, with forward slashes. */
  path: string;
  rule: string;
  fingerprint: string;
  message: string;
}

export interface Baseline {
  /** Absolute POSIX path of the baseline file. */
  file: string;
  /** Its text as read: stale entries are reported at their line in it. */
  text: string;
  entries: BaselineEntry[];
}

/** A baseline file that cannot be used: missing, unreadable, not JSON, not this format. */
export class BaselineError extends FileProblem {}

/** The rules whose findings have no range of their own: their fingerprints hash the message (fingerprint.ts). */
const WORKSPACE_RULES: ReadonlySet<string> = new Set(rules.filter((r) => r.scope === 'workspace').map((r) => r.id));

/** A file's path as a baseline in `dir` names it. The fingerprint hashes this too, so a run from any folder gets the same identities. */
export function baselinePath(dir: string, file: string): string {
  return path.posix.relative(dir, file) || path.posix.basename(file);
}

/**
 * Each finding's fingerprint as a baseline in `dir` records it. A finding that says a rule
 * failed (a qmslint bug, not a problem in the text) has none: it is never baselined.
 */
function fingerprints(file: FileResult, dir: string): (string | undefined)[] {
  const prints = fingerprintsOf(file.text, file.findings, baselinePath(dir, file.path), WORKSPACE_RULES);
  return file.findings.map((f, i) => (f.failure ? undefined : prints[i]));
}

/** The entries recording these files' findings, for a baseline file in `dir`. */
export function entriesOf(files: readonly FileResult[], dir: string): BaselineEntry[] {
  const out: BaselineEntry[] = [];
  for (const file of files) {
    const prints = fingerprints(file, dir);
    const rel = baselinePath(dir, file.path);
    file.findings.forEach((f, i) => {
      const fingerprint = prints[i];
      if (fingerprint) out.push({ path: rel, rule: f.ruleId, fingerprint, message: f.message });
    });
  }
  return out;
}

/** Code-unit order, never the locale's: the same file on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint));
}

/**
 * The file's text: valid JSON with a fixed key order, one entry per line, sorted by path,
 * rule and fingerprint, so the same findings always give the same bytes and a change to
 * the file is a diff of whole lines (and two branches' additions merge line by line).
 */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const lines = sortEntries(entries).map((e) => '    ' + JSON.stringify({ path: e.path, rule: e.rule, fingerprint: e.fingerprint, message: e.message }));
  const findings = lines.length ? `[\n${lines.join(',\n')}\n  ]` : '[]';
  return `{\n  "version": ${BASELINE_VERSION},\n  "fingerprints": ${JSON.stringify(FINGERPRINT_VERSION)},\n  "findings": ${findings}\n}\n`;
}

const REWRITE = 'run qmslint baseline to write it again';

/** The baseline in `text`; throws BaselineError naming `shown` (and the line and column of a JSON syntax error). */
export function parseBaseline(text: string, file: string, shown: string): Baseline {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    // JSON.parse says where only sometimes, quoting the file; the grammar's own walk says where and what.
    const p = jsonSyntaxProblem(body) ?? { offset: 0, problem: 'nested too deeply' };
    const { line, column } = new LineIndex(body).position(p.offset);
    throw new BaselineError(shown, `not valid JSON: ${p.problem}; resolve a merge conflict or an edit by hand, or ${REWRITE}`, line, column);
  }
  if (!isObject(data)) throw new BaselineError(shown, `not a qmslint baseline (a JSON object with version, fingerprints and findings); ${REWRITE}`);
  if (data.version !== BASELINE_VERSION) {
    if (data.version === undefined) throw new BaselineError(shown, `has no "version"; it is not a qmslint baseline, or it was damaged; ${REWRITE}`);
    throw new BaselineError(shown, `baseline version ${quoted(data.version)} is not one this qmslint reads (version ${BASELINE_VERSION}); use the qmslint that wrote it, or ${REWRITE}`);
  }
  if (data.fingerprints !== FINGERPRINT_VERSION) {
    const v = data.fingerprints === undefined ? 'not named' : quoted(data.fingerprints);
    throw new BaselineError(shown, `its fingerprints are ${v}, and this qmslint makes ${FINGERPRINT_VERSION}, so no finding would match; ${REWRITE}`);
  }
  if (!Array.isArray(data.findings)) throw new BaselineError(shown, `"findings" must be an array of entries; ${REWRITE}`);
  const entries = data.findings.map((e: unknown, i: number): BaselineEntry => {
    const where = `findings[${i}]`;
    if (!isObject(e)) throw new BaselineError(shown, `${where} must be an object with path, rule and fingerprint; ${REWRITE}`);
    for (const key of ['path', 'rule', 'fingerprint'] as const) {
      if (typeof e[key] !== 'string' || !e[key]) throw new BaselineError(shown, `${where}.${key} must be a non-empty string; ${REWRITE}`);
    }
    if (e.message !== undefined && typeof e.message !== 'string') throw new BaselineError(shown, `${where}.message must be a string; ${REWRITE}`);
    return { path: e.path as string, rule: e.rule as string, fingerprint: e.fingerprint as string, message: (e.message as string | undefined) ?? '' };
  });
  return { file, text, entries };
}

/** A value from the file, for a message: as JSON, escaped, and cut short. */
function quoted(v: unknown): string {
  const json = visible(JSON.stringify(v) ?? String(v));
  return json.length > 40 ? `${json.slice(0, 40)}...` : json;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads and parses a baseline through the workspace (the bounded, regular-file-only read of a configuration file). */
export async function loadBaseline(workspace: Workspace, file: string, shown: string): Promise<Baseline> {
  let text: string | undefined;
  try {
    text = await workspace.read(file, BASELINE_MAX_BYTES);
  } catch (e) {
    throw e instanceof UnreadableFile ? new BaselineError(shown, `${e.detail}.`) : e;
  }
  if (text === undefined) throw new BaselineError(shown, `baseline not found; record one with qmslint baseline -o ${shown}`);
  return parseBaseline(text, file, shown);
}

/**
 * The baseline a configuration names (`baseline:`, relative to its folder), or undefined. Like
 * `packs:`, it must lie inside that folder: a ConfigError at the key otherwise.
 */
export function configuredBaseline(config: Config): string | undefined {
  if (!config.baseline) return undefined;
  const file = path.posix.resolve(config.root, config.baseline);
  const inside = path.posix.relative(config.root, file);
  if (!inside || inside === '..' || inside.startsWith('../')) {
    throw configErrorAt(config, ['baseline'], 'value', `${config.baseline} is outside this folder; keep the baseline inside the repository, e.g. baseline: ${DEFAULT_BASELINE_FILE}`);
  }
  return file;
}

/** What a baseline leaves of a run. */
export interface BaselineMatch {
  /** Each file with only the findings the baseline does not hold, in their order. */
  files: FileResult[];
  /** How many findings the baseline held (counted out of the run). */
  baselined: number;
  /** Entries whose file this run judged and whose finding no longer occurs. */
  stale: BaselineEntry[];
  /** Every other entry: still occurring, or about a file this run did not judge (what --prune keeps). */
  kept: BaselineEntry[];
}

function key(path: string, rule: string, fingerprint: string): string {
  return `${path}\0${rule}\0${fingerprint}`;
}

/**
 * Matches a run's findings against a baseline. Entries are a multiset: each one counts out one
 * finding with its path, rule and fingerprint. `whole`: the run covered the whole repository, so
 * an entry naming a file the run did not see (deleted, renamed) is stale; otherwise only entries
 * of the files the run reported on are judged, and the others are kept as they are.
 */
export function matchBaseline(files: readonly FileResult[], baseline: Baseline, whole: boolean): BaselineMatch {
  const dir = path.posix.dirname(baseline.file);
  const left = new Map<string, BaselineEntry[]>();
  for (const e of baseline.entries) {
    const k = key(e.path, e.rule, e.fingerprint);
    const list = left.get(k);
    if (list) list.push(e);
    else left.set(k, [e]);
  }
  const used: BaselineEntry[] = [];
  let baselined = 0;
  const out = files.map((file) => {
    const rel = baselinePath(dir, file.path);
    const prints = fingerprints(file, dir);
    const findings = file.findings.filter((f, i) => {
      const fp = prints[i];
      const entry = fp === undefined ? undefined : left.get(key(rel, f.ruleId, fp))?.pop();
      if (!entry) return true;
      used.push(entry);
      baselined++;
      return false;
    });
    return findings.length === file.findings.length ? file : { ...file, findings };
  });
  const judged = new Set(files.map((f) => baselinePath(dir, f.path)));
  const unused = [...left.values()].flat();
  const stale = unused.filter((e) => whole || judged.has(e.path));
  const kept = [...used, ...unused.filter((e) => !(whole || judged.has(e.path)))];
  return { files: out, baselined, stale: sortEntries(stale), kept: sortEntries(kept) };
}

/** For the editor: which of one file's findings the baseline holds, in order. */
export function baselinedFindings(file: FileResult, baseline: Baseline): boolean[] {
  const { files } = matchBaseline([file], baseline, false);
  const kept = new Set<Finding>(files[0].findings);
  return file.findings.map((f) => !kept.has(f));
}

/**
 * The stale entries as `baseline-stale` notices at their lines of the baseline file (info:
 * they fail nothing), so the person who fixed the finding sees which line can go.
 */
export function staleFindings(baseline: Baseline, stale: readonly BaselineEntry[]): FileResult | undefined {
  if (!stale.length) return undefined;
  const lines = new LineIndex(baseline.text);
  const findings = stale.map((e): Finding => {
    const at = baseline.text.indexOf(JSON.stringify(e.fingerprint));
    const line = at < 0 ? 1 : lines.position(at).line;
    const lineText = baseline.text.slice(lines.lineStart(line), lines.lineEnd(line));
    const start = lines.lineStart(line) + (lineText.length - lineText.trimStart().length);
    const end = Math.max(start, lines.lineEnd(line));
    const from = lines.position(start);
    const to = lines.position(end);
    return {
      ruleId: STALE_NOTICE,
      severity: 'info',
      message: `${e.rule} in ${e.path} no longer occurs; its baseline entry can be removed`,
      detail: `The finding this entry recorded${e.message ? ` ("${e.message}")` : ''} was fixed, or its text changed. Run qmslint baseline --prune to remove the entries that no longer occur, so the baseline only shrinks.`,
      path: baseline.file,
      range: { start, end },
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
    };
  });
  return { path: baseline.file, text: baseline.text, findings };
}
