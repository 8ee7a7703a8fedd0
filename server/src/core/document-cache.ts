// Parsed documents kept between runs (language server, --cache), keyed by
// path and checked against the text and configuration: an unchanged file is
// never parsed again.
import type { Config } from './config';
import type { ControlledDocument } from './document';
import type { Report, Severity } from './types';
import { RunCache } from './parse-blocks';

interface Entry {
  text: string;
  configKey: string;
  doc: ControlledDocument;
}

const configKeys = new WeakMap<Config, string>();

/** Characters above which a document keeps its parsed blocks from the start. */
const LARGE = 64 * 1024;

/** Two configs that say the same thing share a key, even when loaded twice. */
function keyOf(config: Config): string {
  let key = configKeys.get(config);
  if (key === undefined) {
    key = JSON.stringify(config);
    configKeys.set(config, key);
  }
  return key;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();
  /** The last run's workspace-rule reports and what they were computed from (see engine). */
  workspaceReports?: {
    key: unknown[];
    reports: { ruleId: string; severity: Severity; file: string; report: Report }[];
    /** The texts of the files reported on: ranges in them hold only while they are unchanged. */
    texts: Map<string, string | undefined>;
  };
  /** Parsed blocks of the documents that changed since they were first parsed: the ones being edited. */
  private readonly runs = new Map<string, RunCache>();

  get(path: string, text: string, config: Config): ControlledDocument | undefined {
    const e = this.entries.get(path);
    return e && e.text === text && e.configKey === keyOf(config) ? e.doc : undefined;
  }

  set(path: string, text: string, config: Config, doc: ControlledDocument): void {
    this.entries.set(path, { text, configKey: keyOf(config), doc });
  }

  /**
   * The block cache for parsing `path`: for a document parsed before (a text
   * that changes is being edited) and for a large one from its first parse, so
   * its first edit is quick too. Not for every file: that would hold each tree twice.
   */
  runsFor(path: string, text: string): RunCache | undefined {
    let runs = this.runs.get(path);
    if (!runs && (this.entries.has(path) || text.length > LARGE)) this.runs.set(path, (runs = new RunCache()));
    return runs;
  }

  delete(path: string): void {
    this.entries.delete(path);
    this.runs.delete(path);
  }

  get size(): number {
    return this.entries.size;
  }
}
