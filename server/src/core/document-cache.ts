// Parsed documents kept between runs of a Project, keyed by path and checked
// against the text and configuration: an unchanged file is never parsed again.
import { configKey, type Config } from './config';
import type { ControlledDocument } from './document';
import { RunCache } from './parse-blocks';

interface Entry {
  text: string;
  configKey: string;
  doc: ControlledDocument;
}

/** Characters above which a document keeps its parsed blocks from the start. */
const LARGE = 64 * 1024;

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();
  /** Parsed blocks of the documents that changed since they were first parsed: the ones being edited. */
  private readonly runs = new Map<string, RunCache>();

  get(path: string, text: string, config: Config): ControlledDocument | undefined {
    const e = this.entries.get(path);
    return e && e.text === text && e.configKey === configKey(config) ? e.doc : undefined;
  }

  set(path: string, text: string, config: Config, doc: ControlledDocument): void {
    this.entries.set(path, { text, configKey: configKey(config), doc });
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

  has(path: string): boolean {
    return this.entries.has(path);
  }

  delete(path: string): void {
    this.entries.delete(path);
    this.runs.delete(path);
  }

}
