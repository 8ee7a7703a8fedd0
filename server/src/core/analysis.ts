// One document's analysis without the workspace: parse, extract the model and
// run every document rule that reads neither the workspace index nor today's
// date. What those rules report depends on the text, the configuration and the
// standard packs alone, so it can be computed on another thread or kept in a
// cache keyed by them. A rule that touches the index or the date is stopped
// (what it reported so far is dropped) and named in `deferred`: the engine
// runs it on the main thread against the real index, on the light document.
import { pushAll } from './arrays';
import type { Config } from './config';
import { buildDocument, type ControlledDocument } from './document';
import { documentContext } from './document-context';
import { finding, positioned, severityOf } from './findings';
import type { WorkspaceIndex } from './index-workspace';
import { toLight, type LightDocument } from './light';
import { rules as allRules } from './rules';
import { checkedReport, type DocumentContext } from './rule';
import { runRuleInto } from './run-rule';
import { Catalog } from './standards/catalog';
import { LineIndex } from './text';
import type { Finding } from './types';
import { unparsable } from './unparsable';

export interface Analysis {
  /** Absent when the file could not be parsed (its one finding says so). */
  document?: LightDocument;
  /** Findings of the rules that ran here, before suppressions. */
  findings: Finding[];
  /** Ids of the document rules that need the index or the date, in rule order. */
  deferred: string[];
}

/** What a worker (or the in-process analyser) is asked for. */
export interface AnalysisRequest {
  path: string;
  text: string;
  /** Key of the configuration in the batch's configuration table. */
  config: string;
  matchedByGlob: boolean;
}

/** A configuration and the texts of its standard packs, so another thread can build the same catalog. */
export interface AnalysisConfig {
  config: Config;
  packs: { file: string; text: string }[];
}

/** Analyses documents, perhaps elsewhere; results in the order of the requests. */
export interface DocumentAnalyser {
  analyse(requests: AnalysisRequest[], configs: Map<string, AnalysisConfig>, onDone?: (done: number) => void): Promise<Analysis[]>;
}

class NeedsWorkspace extends Error {}
/** Thrown to stop a rule; made once (an Error records a stack when made). */
const STOP = new NeedsWorkspace('needs the workspace index or the date');

export function analyseDocument(path: string, text: string, config: Config, catalog: Catalog, matchedByGlob: boolean): Analysis {
  let doc: ControlledDocument;
  try {
    doc = buildDocument(path, text, config, matchedByGlob);
  } catch (e) {
    // As in the engine: a file the parser cannot take costs one finding, never the run.
    return { findings: [positioned(path, text, new LineIndex(text), unparsable(e))], deferred: [] };
  }
  return { ...analyseBuilt(doc, config, catalog), document: toLight(doc) };
}

/** The catalog a config's packs make; the same as the engine loads (the packs were checked there). */
export function catalogFromPacks(packs: AnalysisConfig['packs']): Catalog {
  if (!packs.length) return Catalog.builtin();
  const catalog = Catalog.builtin().clone();
  for (const p of packs) catalog.addPack(p.text, p.file);
  return catalog;
}

/** Analyses in this thread, one document after another. */
export class LocalAnalyser implements DocumentAnalyser {
  private readonly catalogs = new Map<string, Catalog>();

  async analyse(requests: AnalysisRequest[], configs: Map<string, AnalysisConfig>, onDone?: (done: number) => void): Promise<Analysis[]> {
    return requests.map((r, i) => {
      const entry = configs.get(r.config)!;
      const key = JSON.stringify(entry.packs);
      let catalog = this.catalogs.get(key);
      if (!catalog) this.catalogs.set(key, (catalog = catalogFromPacks(entry.packs)));
      const a = analyseDocument(r.path, r.text, entry.config, catalog, r.matchedByGlob);
      onDone?.(i + 1);
      return a;
    });
  }
}

/** The rules that need no workspace, run on a document already built. */
export function analyseBuilt(doc: ControlledDocument, config: Config, catalog: Catalog): Omit<Analysis, 'document'> {
  const { ctx, touched } = stoppingContext(doc, config, catalog);
  const findings: Finding[] = [];
  const deferred: string[] = [];
  for (const rule of allRules) {
    if (rule.scope !== 'document') continue;
    const severity = severityOf(rule, config);
    if (!severity) continue;
    ctx.options = config.rules[rule.id]?.options ?? {};
    const reported: Finding[] = [];
    touched.clear();
    runRuleInto(rule.id, doc.path, doc.parsed.text, reported, (e) => e instanceof NeedsWorkspace || touched.size > 0, () =>
      rule.check(ctx, (r) => reported.push(finding(rule.id, severity, doc, checkedReport(rule, r)))),
    );
    if (touched.size) deferred.push(rule.id);
    else pushAll(findings, reported);
  }
  return { findings, deferred };
}

/**
 * A document context whose workspace index and date stop the rule that reads them (by throwing),
 * noting in `touched` which was read. test/unit/rule-needs.test.ts runs the rules through it to
 * hold each rule's declared `needs` to what the rule really reads.
 */
export function stoppingContext(doc: ControlledDocument, config: Config, catalog: Catalog): { ctx: DocumentContext; touched: Set<'index' | 'today'> } {
  const touched = new Set<'index' | 'today'>();
  const stopper = (what: 'index' | 'today') => (): never => {
    touched.add(what);
    throw STOP;
  };
  const stop = stopper('index');
  const index = new Proxy({} as WorkspaceIndex, { get: stop, has: stop, ownKeys: stop });
  const ctx: DocumentContext = documentContext(doc, config, catalog, index, '');
  Object.defineProperty(ctx, 'today', { get: stopper('today'), enumerable: true });
  return { ctx, touched };
}
