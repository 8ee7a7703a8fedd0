// One document's analysis without the workspace: parse, extract the model and
// run every document rule that declares it needs neither the workspace index
// nor today's date (its meta's `needs`). What those rules report depends on the
// text, the configuration and the standard packs alone, so it can be computed
// on another thread or kept in a cache keyed by them. The others are named in
// `deferred`: the project runs them on the main thread against the real index,
// on the light document.
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

/** The rules that need no workspace, run on a document already built; the others deferred. */
export function analyseBuilt(doc: ControlledDocument, config: Config, catalog: Catalog): Omit<Analysis, 'document'> {
  let running = '';
  const ctx: DocumentContext = documentContext(doc, config, catalog, undefined as unknown as WorkspaceIndex, '');
  // A rule that reads what it did not declare fails loudly (one finding, "please report"), never reads a stand-in.
  const undeclared = (what: string) => (): never => {
    throw new Error(`rule ${running} reads ${what} but does not declare it in its meta's needs`);
  };
  Object.defineProperty(ctx, 'index', { get: undeclared('the workspace index'), enumerable: true });
  Object.defineProperty(ctx, 'today', { get: undeclared("today's date"), enumerable: true });
  const findings: Finding[] = [];
  const deferred: string[] = [];
  for (const rule of allRules) {
    if (rule.scope !== 'document') continue;
    const severity = severityOf(rule, config);
    if (!severity) continue;
    if (rule.needs.index || rule.needs.today || rule.needs.evidence) {
      deferred.push(rule.id);
      continue;
    }
    running = rule.id;
    ctx.options = config.rules[rule.id]?.options ?? {};
    runRuleInto(rule.id, doc.path, doc.parsed.text, findings, () => rule.check(ctx, (r) => findings.push(finding(rule.id, severity, doc, checkedReport(rule, r)))));
  }
  return { findings, deferred };
}
