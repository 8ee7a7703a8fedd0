// The workspace index: every linted document by id and by path, built before
// rules run so cross-document rules (duplicates, references, coverage) are
// linear in the number of documents.
import { fieldText, type ControlledDocument } from './document';

export class WorkspaceIndex {
  readonly byPath = new Map<string, ControlledDocument>();
  readonly byId = new Map<string, ControlledDocument[]>();
  /** Id prefixes in use (SOP, WI, ...): a mention like COVID-19 is not a document reference. */
  readonly idPrefixes = new Set<string>();
  /** Numbers documents give themselves outside front matter `id` (file names, metadata tables, `doc_id`). */
  readonly declaredIds = new Set<string>();

  constructor(
    readonly documents: ControlledDocument[],
    /** Files known to exist besides the documents (link targets that were checked). */
    private readonly existing: Set<string> = new Set(),
  ) {
    for (const doc of documents) {
      this.byPath.set(doc.path, doc);
      for (const other of doc.declaredIds) this.declaredIds.add(other);
      const id = fieldText(doc, 'id');
      if (!id) continue;
      const list = this.byId.get(id) ?? [];
      list.push(doc);
      this.byId.set(id, list);
      const prefix = idPrefix(id);
      if (prefix) this.idPrefixes.add(prefix);
    }
  }

  exists(path: string): boolean {
    return this.byPath.has(path) || this.existing.has(path);
  }

  document(id: string): ControlledDocument | undefined {
    return this.byId.get(id)?.[0];
  }
}

export function idPrefix(id: string): string | undefined {
  return /^([A-Za-z]+)-/.exec(id)?.[1];
}
