// When to send qmslint/coverageChanged (protocol/coverage.ts): the client's
// coverage view then asks qmslint/coverage again, instead of guessing with
// timers when the answer might differ.
//
// A folder's coverage may change in two ways:
// - wholesale: its file set, a configuration, a standard pack or the editor's
//   settings changed (Session marks the folder with folderChanged); always sent;
// - by an edit of one document (documentChanged): sent only when some
//   document's coverage facts differ from the last check's, so typing in a
//   paragraph that cites nothing sends nothing.
// Changes are checked together a short while after the last one (as the
// session's cross-document check), so a burst of keystrokes or file events
// sends one notification per folder.
import type { ControlledDocument } from '../core/document';
import { workspaceFacts } from '../core/facts';
import type { Folder, Snapshot } from './folders';
import { toRange } from './positions';

/** How long after the last change the folders are checked (ms). */
const SETTLE_MS = 150;

/**
 * What qmslint/coverage reads of a document: what every other document and the workspace
 * rules (coverage among them) see of it (core/facts.ts), and where its citations stand, since
 * the answer gives each covering document's range.
 */
function coverageFacts(doc: ControlledDocument): string {
  let facts = memo.get(doc);
  if (facts === undefined) {
    const where = doc.citations.map((c) => {
      const r = toRange(doc.parsed.lines, c.range);
      return [r.start.line, r.start.character, r.end.line, r.end.character];
    });
    facts = JSON.stringify([workspaceFacts(doc), where]);
    memo.set(doc, facts);
  }
  return facts;
}

const memo = new WeakMap<ControlledDocument, string>();

/** Per document path, its coverage facts in one snapshot. */
type FolderFacts = Map<string, string>;

function folderFacts(snapshot: Snapshot): FolderFacts {
  return new Map(snapshot.result.index.documents.map((d) => [d.path, coverageFacts(d)] as const));
}

function differ(before: FolderFacts, after: FolderFacts): boolean {
  if (before.size !== after.size) return true;
  for (const [p, facts] of after) if (before.get(p) !== facts) return true;
  return false;
}

export class CoverageWatch {
  /** Each folder's facts at the last check; null when its index could not be built (a broken configuration). */
  private readonly last = new Map<Folder, FolderFacts | null>();
  /** Folders changed wholesale since the last check. */
  private readonly dirty = new Set<Folder>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    /** The workspace folders (only they have a coverage view; a stand-in folder for a loose file has none). */
    private readonly folders: () => Folder[],
    private readonly notify: (folderUri: string) => void,
  ) {}

  /** A document's text changed in some folder: check whether any folder's coverage facts moved. */
  documentChanged(): void {
    this.schedule();
  }

  /** The folder's files, configuration or settings changed: its coverage is sent as changed. */
  folderChanged(folder: Folder): void {
    if (folder.uri) this.dirty.add(folder);
    this.schedule();
  }

  /** A folder left the workspace: forget it, and tell the client, whose view showed it. */
  forget(folder: Folder): void {
    this.last.delete(folder);
    this.dirty.delete(folder);
    if (folder.uri) this.notify(folder.uri);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    // One check at a time: a check that starts while one runs waits for it, so two never interleave their updates of `last`.
    this.timer = setTimeout(() => (this.checking = this.checking.then(() => this.check())), SETTLE_MS);
  }

  /** Compares each folder with the last check and notifies the ones that changed. */
  async check(): Promise<void> {
    for (const folder of this.folders()) {
      if (!folder.uri) continue;
      let now: FolderFacts | null;
      try {
        now = folderFacts(await folder.snapshot());
      } catch {
        // A broken configuration: the coverage request reports it; the view shows that once.
        now = null;
      }
      // Read after the await: a wholesale change that came meanwhile is in this snapshot or schedules another check.
      const before = this.last.get(folder);
      const wholesale = this.dirty.delete(folder);
      this.last.set(folder, now);
      const changed = wholesale || before === undefined || (before === null) !== (now === null) || (before !== null && now !== null && differ(before, now));
      if (changed) this.notify(folder.uri);
    }
  }
}
