// A warm --cache run: the last plain run's outcome (its record in the cache
// file) answered again after a stat of every file it looked at. A file whose
// stamp changed is read; when its text did change, it alone is checked, against
// an index of stand-ins that show what the last run saw of the others (their
// facts). When every changed document shows the others the same facts as
// before, the others' findings, and the workspace rules', stand (facts.ts's reportsStand, the
// rule the editor's Project follows between keystrokes too). Anything the
// record cannot vouch for (the options, the file list, a configuration or pack,
// a link target, changed facts, many changed files) sends the run the full way
// (lint-files.ts), which still reuses each document's analysis.
import { readFileSync } from 'node:fs';
import { computeCoverage } from '../core/coverage';
import type { ControlledDocument } from '../core/document';
import { coveragePlaces, factsDocument, indexKey, reportsStand, workspaceFacts } from '../core/facts';
import { Project, type FileResult, type LintOptions, type LintResult } from '../core/project';
import type { Finding } from '../core/types';
import { decodeText } from '../core/workspace';
import { DiskWorkspace } from '../host/disk-workspace';
import { sha256, type CacheStore } from './cache';
import { racy, stampOf } from './file-stamp';
import { digestOf, RecordingWorkspace } from './recording-workspace';

/** Above this many changed files, checking them here is no cheaper than the full way. */
const MAX_CHANGED = 64;
const IGNORED = 0;

/** What a plain run leaves for the next one. */
export interface RunRecord {
  /** The run's options (runKey): another question is not answered from this record. */
  key: string;
  /** Paths besides the files the run looked at (configuration, packs, link targets, folders), and their stamps. */
  vouched: [path: string, stamp: string | null][];
  /**
   * Per file, in the run's order: its stamp, the digest of its text, the digest of its facts (null:
   * no document; 0: ignored, never read). The facts themselves are the cache file's `facts` section,
   * one line per document in this order, with the places its coverage lists (facts.ts's coveragePlaces)
   * and what an index reads of it (indexKey).
   */
  files: [stamp: string | null, digest: string | null, facts: string | null | typeof IGNORED][];
  /** The run's results in its order: each file's findings, as reported. */
  results: [path: string, findings: Finding[]][];
  /** The files the workspace rules reported on: their findings do not stand with their facts alone. */
  workspaceReported: string[];
}

/** What the record is for: every option that decides a plain run's findings. */
export function runKey(options: LintOptions, configFile: string | undefined): string {
  const { root, files, named, standard, today, maxFileSize } = options;
  return sha256(JSON.stringify([root, files, named ?? [], configFile ?? null, standard ?? null, today, maxFileSize ?? null]));
}

/** The record of a plain run that read its files through `seen`, and its documents' facts (the `facts` section). */
export function recordOf(key: string, options: LintOptions, result: LintResult, seen: RecordingWorkspace['seen']): { record: RunRecord; facts: string } {
  const documents = new Map(result.index.documents.map((d) => [d.path, d]));
  const files = new Set(options.files);
  const lines: string[] = [];
  const record: RunRecord = {
    key,
    vouched: [...seen].filter(([p]) => !files.has(p)).map(([p, s]) => [p, s.stamp]),
    files: options.files.map((f) => {
      const s = seen.get(f);
      if (!s) return [null, null, IGNORED];
      const doc = documents.get(f);
      if (!doc) return [s.stamp, s.digest, null];
      const shown = workspaceFacts(doc);
      lines.push(`${shown}\t${coveragePlaces(doc)}\t${indexKey(doc)}`);
      return [s.stamp, s.digest, factsDigest(shown)];
    }),
    results: result.files.map((r) => [r.path, r.findings]),
    workspaceReported: result.workspaceReported ?? [],
  };
  // JSON text has no line breaks or tabs of its own: one line per document, its facts, its places, its index key.
  return { record, facts: lines.join('\n') };
}

const factsDigest = (facts: string) => sha256(facts).slice(0, 32);

/**
 * The run's result from the record, or undefined when the record cannot answer. `coverage`: the
 * caller reads the coverage of the result's index (stylish's summary), so the stand-ins must serve
 * it; without it, and with no file changed, the result has no index (nor configuration, nor catalog).
 */
export async function warmRun(options: LintOptions, key: string, store: CacheStore, coverage: boolean): Promise<LintResult | undefined> {
  const section = await store.section('record');
  if (!section) return undefined;
  let record: RunRecord;
  try {
    record = JSON.parse(section.bytes.toString('utf8')) as RunRecord;
  } catch {
    return undefined;
  }
  if (record?.key !== key || record.files?.length !== options.files.length) return undefined;
  const written = section.mtimeNs;
  for (const [p, stamp] of record.vouched) if (stampOf(p) !== stamp || racy(stamp, written)) return undefined;

  const disk = new DiskWorkspace();
  const changed: string[] = [];
  let restamped = false;
  for (const [i, file] of options.files.entries()) {
    const [stamp, digest, facts] = record.files[i];
    if (facts === IGNORED) continue;
    const now = stampOf(file);
    if (now === stamp && !racy(stamp, written)) continue;
    // Touched, or too recent to trust: unchanged when its text is.
    const text = await disk.read(file).catch(() => undefined);
    if (text !== undefined && digest !== null && digestOf(text) === digest) {
      record.files[i] = [now, digest, facts];
      restamped = true;
    } else if (changed.push(file) > MAX_CHANGED) return undefined;
  }

  let stray = false;
  const known = new Map<string, ControlledDocument>();
  if (coverage || changed.length) {
    const section = await store.section('facts');
    const lines = section?.bytes.toString('utf8').split('\n') ?? [];
    let line = 0;
    for (const [i, file] of options.files.entries()) {
      const digest = record.files[i][2];
      if (typeof digest !== 'string') continue;
      const [facts, places, key] = lines[line++]?.split('\t') ?? [];
      if (facts === undefined || factsDigest(facts) !== digest) return undefined;
      if (!changed.includes(file)) known.set(file, factsDocument(file, facts, () => (stray = true), places, key));
    }
  }
  const seen = new RecordingWorkspace(disk);
  const fresh = coverage || changed.length ? await new Project({ ...options, workspace: seen, known }).run({ only: changed, workspaceRules: false }) : withoutIndex();
  if (stray) return undefined;
  const byPath = new Map(fresh.files.map((f) => [f.path, f]));
  const now = changed.map((file) => {
    const r = byPath.get(file);
    return r?.document ? factsDigest(workspaceFacts(r.document)) : null;
  });
  const sameFacts = changed.every((file, k) => now[k] === record.files[options.files.indexOf(file)][2]);
  if (!reportsStand(sameFacts, record.workspaceReported, (file) => !changed.includes(file))) return undefined;
  for (const [k, file] of changed.entries()) {
    const s = seen.seen.get(file);
    record.files[options.files.indexOf(file)] = [s?.stamp ?? null, s?.digest ?? null, now[k]];
  }
  // Each file's findings: this run's for a changed file (kept in the record too), else the record's.
  const files: FileResult[] = record.results.map(([path, findings], i) => {
    const r = byPath.get(path);
    if (r) {
      record.results[i] = [path, r.findings];
      return r;
    }
    return Object.defineProperty({ path, findings } as FileResult, 'text', { get: lazyText(path), enumerable: true });
  });
  const result: LintResult = Object.assign(fresh, { files, workspaceReported: record.workspaceReported });
  if (coverage && result.index.documents.some((d) => d.controlled)) computeCoverage(result.index, result.catalog, result.config.standard);
  if (stray) return undefined;

  if (changed.length || restamped) {
    const vouched = new Map(record.vouched);
    const names = new Set(options.files);
    for (const [p, s] of seen.seen) if (!names.has(p)) vouched.set(p, s.stamp);
    record.vouched = [...vouched];
    await store.save(record, 'as read', 'as read');
  }
  return result;
}

/** A result with no index: nothing was checked, and the caller reads none. */
function withoutIndex(): LintResult {
  const none = (): never => {
    throw new Error('a warm --cache run with no file changed builds no index');
  };
  const result = { files: [] as FileResult[] };
  for (const key of ['index', 'config', 'catalog']) Object.defineProperty(result, key, { get: none, enumerable: false });
  return result as unknown as LintResult;
}

/** A file's text read when a formatter asks for it (SARIF's fingerprints): the stamp vouched it is the one the findings are about. */
function lazyText(file: string): () => string {
  let text: string | undefined;
  return () => (text ??= decodeText(readFileSync(file)));
}
