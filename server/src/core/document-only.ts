// One document checked alone, before its workspace is indexed (an editor's large folder still in
// its first lint): every document rule that reads no other document runs, the ones that need
// today's date included. The rules that need the index (a reference, a link, an id elsewhere), the
// workspace rules and the change rules wait for the complete check, so what this reports is part
// of what that check reports, never more: an unresolved reference before the index exists would
// be a false error.
import type { Config } from './config';
import { checkDocument, type FileResult } from './check';
import type { ControlledDocument } from './document';
import type { WorkspaceIndex } from './index-workspace';
import { rules as allRules } from './rules';
import type { Catalog } from './standards/catalog';

/** The document rules that run without the index. */
const WITHOUT_INDEX: ReadonlySet<string> = new Set(allRules.filter((r) => r.scope === 'document' && !r.needs.index).map((r) => r.id));

/**
 * Stands in for the index no rule here declared it reads: one that reads it all the same fails
 * loudly (one finding, "please report", as in the document analyser), never reads an empty index.
 */
const NO_INDEX = new Proxy({} as WorkspaceIndex, {
  get(_, key) {
    throw new Error(`it reads the workspace index (${String(key)}) but does not declare it in its meta's needs`);
  },
});

/** Adds to `result` the findings of the rules that need no index, on a document built whole. */
export function checkDocumentOnly(doc: ControlledDocument, config: Config, catalog: Catalog, today: string, result: FileResult): void {
  // No base version: the change rules compare with a commit the caller may not have read yet.
  checkDocument(doc, config, catalog, NO_INDEX, today, undefined, result, WITHOUT_INDEX);
}
