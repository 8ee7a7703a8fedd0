// The Clause Coverage tree: standard -> clause groups -> clauses -> the
// documents that cover each clause. Every state and count comes from the
// server's qmslint/coverage answer (the matrix the coverage-gap rule and
// `qmslint coverage` read); this file only arranges it for people. It loads
// again when the server says the answer may have changed
// (qmslint/coverageChanged, see extension.ts), never on a guessed timer.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CoverageRequest, type CoverageClause, type CoverageResponse, type CoveringDocument } from '../../server/src/protocol/coverage';
import { ROW_LABEL_MAX, rowLabel, shortState, shortText } from '../../server/src/shared/short-label';

export const COVERAGE_VIEW = 'qmslint.coverage';

/** What the view shows instead of a tree; package.json's viewsWelcome has a text for each. */
export type CoverageViewState = 'loading' | 'ready' | 'noFolder' | 'noDocuments' | 'disabled' | 'error';

export type CoverageNode = StandardNode | GroupNode | ClauseNode | DocumentNode;

export interface StandardNode {
  kind: 'standard';
  folder: vscode.WorkspaceFolder;
  coverage: CoverageResponse;
  /** More than one workspace folder: each root names its folder. */
  named: boolean;
}

export interface GroupNode {
  kind: 'group';
  parent: StandardNode;
  clause: CoverageClause;
  members: CoverageClause[];
}

export interface ClauseNode {
  kind: 'clause';
  parent: GroupNode;
  clause: CoverageClause;
}

export interface DocumentNode {
  kind: 'document';
  parent: ClauseNode | GroupNode;
  document: CoveringDocument;
}

/** The words and icon for a clause's state, as the view, its tooltip and the tests read them. */
export function describeState(c: CoverageClause): { text: string; icon: vscode.ThemeIcon } {
  const what = requiredWord(c);
  if (c.state === 'covered') return { text: 'covered', icon: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')) };
  if (c.state === 'partial') {
    // Approved documents cite only subclauses of it: part of it is addressed, maybe not the rest.
    return c.required
      ? { text: `${what} required · partly covered (only subclauses cited)`, icon: new vscode.ThemeIcon('pass', new vscode.ThemeColor('list.warningForeground')) }
      : { text: 'partly covered (only subclauses cited)', icon: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) };
  }
  if (c.state === 'draft-only') {
    return c.required
      ? { text: `${what} required · drafts only`, icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) }
      : { text: 'drafts only', icon: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground')) };
  }
  if (c.state === 'uncontrolled') {
    // Cited, but only by files without an id: nothing under document control covers it.
    return c.required
      ? { text: `${what} required · uncontrolled only`, icon: new vscode.ThemeIcon('unverified', new vscode.ThemeColor('list.errorForeground')) }
      : { text: 'uncontrolled only', icon: new vscode.ThemeIcon('unverified', new vscode.ThemeColor('disabledForeground')) };
  }
  return c.required
    ? { text: `${what} required · missing`, icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')) }
    : { text: 'not covered', icon: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground')) };
}

/** What a required clause asks for, in its standard's terms (ISO 9001:2015 asks for no procedure, only documented information). */
function requiredWord(c: Pick<CoverageClause, 'documentedProcedure' | 'documentedProcess' | 'documentedInformation'>): string {
  return c.documentedProcedure ? 'procedure' : c.documentedProcess ? 'documented process' : c.documentedInformation ? 'documented information' : 'document';
}

/** How long the tree must have asked for no rows before it is redrawn (ms). */
const QUIET_MS = 250;
/** The longest a redraw waits for the tree to be quiet (ms). */
const MAX_WAIT_MS = 3000;

export class CoverageProvider implements vscode.TreeDataProvider<CoverageNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: StandardNode[] = [];
  private loading: Promise<void> | undefined;
  private stale = true;
  private readonly loadedEmitter = new vscode.EventEmitter<void>();
  /** Fires after every load of the coverage data (tests and the screenshot wait on it). */
  readonly onDidLoad = this.loadedEmitter.event;
  state: CoverageViewState = 'loading';
  lastError: string | undefined;
  gapsOnly = false;
  /** The standard chosen in the view (Select Standard...); undefined for each folder's configured one. */
  standard: string | undefined;
  /** Whether the view is on screen (extension.ts sets it from the TreeView); a hidden view loads when next shown. */
  isVisible: () => boolean = () => true;
  /**
   * What the tree was last told to show (data, filter, state). The tree is redrawn only when this
   * changes, and never while it still asks for the rows of the last redraw: each redraw makes VS
   * Code drop every row it knows and ask again, and one that comes while it asks about the rows of
   * the last one logs "No tree item with id ..." (a Select Standard used to redraw three times at
   * once: its own reload, the setting's and the server's notice; Show Gaps Only twice in a row).
   */
  private drawn: string | undefined;
  /** When the tree last asked for rows (getChildren): it is still drawing until it has been quiet a while. */
  private asked = 0;
  /** Redraws, one after the other. */
  private drawing: Promise<void> = Promise.resolve();

  constructor(private readonly client: () => LanguageClient | undefined) {}

  dispose(): void {
    this.changed.dispose();
    this.loadedEmitter.dispose();
  }

  /**
   * The data shown may be out of date (the server said so: qmslint/coverageChanged): it loads again
   * at once when the view is shown (and redraws if the answer differs), else when it is next shown.
   */
  invalidate(): void {
    this.stale = true;
    if (this.isVisible()) void this.refresh();
  }

  /** Whether the data shown is out of date. */
  get isStale(): boolean {
    return this.stale;
  }

  /** Reloads now and redraws the tree if what it shows changed; resolves when the tree has been told. */
  async refresh(): Promise<void> {
    this.stale = true;
    await this.load();
    await this.redraw();
  }

  setGapsOnly(on: boolean): void {
    this.gapsOnly = on;
    void vscode.commands.executeCommand('setContext', 'qmslint.coverage.gapsOnly', on);
    void this.redraw();
  }

  private fingerprint(): string {
    return JSON.stringify([this.state, this.gapsOnly, this.roots.map((r) => [r.folder.uri.toString(), r.named, r.coverage])]);
  }

  /**
   * Tells the tree to ask again, once per change of what it would show, when it has drawn the last
   * redraw: it has asked for no rows for QUIET_MS (longer than VS Code's own 200 ms merging of them).
   */
  private redraw(): Promise<void> {
    this.drawing = this.drawing.then(async () => {
      // At most MAX_WAIT_MS: a caller that asks for rows all the time (a test polling) does not hold the redraw back for ever.
      const until = Date.now() + MAX_WAIT_MS;
      for (let wait = QUIET_MS - (Date.now() - this.asked); wait > 0 && Date.now() < until; wait = QUIET_MS - (Date.now() - this.asked)) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, until - Date.now())));
      }
      const now = this.fingerprint();
      if (now === this.drawn) return;
      this.drawn = now;
      this.asked = Date.now();
      this.changed.fire(undefined);
    });
    return this.drawing;
  }

  /** The roots as loaded last (for commands that act on what the view shows). */
  get standards(): readonly StandardNode[] {
    return this.roots;
  }

  private load(): Promise<void> {
    if (this.loading) {
      // A load is running; run another once it ends, so the newest change is seen.
      return this.loading.then(() => (this.stale ? this.load() : undefined));
    }
    this.stale = false;
    this.loading = this.fetch().finally(() => {
      this.loading = undefined;
      this.loadedEmitter.fire();
    });
    return this.loading;
  }

  private async fetch(): Promise<void> {
    const client = this.client();
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!client) return this.setState('disabled', []);
    if (!folders.length) return this.setState('noFolder', []);
    // Starting: extension.ts refreshes the view once the server runs.
    if (!client.isRunning()) return this.setState('loading', []);
    try {
      const symbols = await client.sendRequest<unknown[] | null>('workspace/symbol', { query: '' });
      if (!symbols?.length) return this.setState('noDocuments', []);
      const roots: StandardNode[] = [];
      for (const folder of folders) {
        const coverage = await client.sendRequest(CoverageRequest, { uri: folder.uri.toString(), ...(this.standard ? { standard: this.standard } : {}) });
        roots.push({ kind: 'standard', folder, coverage, named: folders.length > 1 });
      }
      this.lastError = undefined;
      this.setState('ready', roots);
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      this.setState('error', []);
    }
  }

  private setState(state: CoverageViewState, roots: StandardNode[]): void {
    this.state = state;
    this.roots = roots;
    void vscode.commands.executeCommand('setContext', 'qmslint.coverage.state', state);
  }

  async getChildren(node?: CoverageNode): Promise<CoverageNode[]> {
    this.asked = Date.now();
    if (!node) {
      if (this.stale) await this.load();
      this.asked = Date.now();
      return this.roots;
    }
    switch (node.kind) {
      case 'standard':
        return groupsOf(node).filter((g) => !this.gapsOnly || g.members.some((c) => c.gap));
      case 'group': {
        // The group is its top clause: the documents citing that clause itself (or, through a crosswalk, its counterpart), then the clauses below it.
        const own: CoverageNode[] = this.gapsOnly ? [] : node.clause.documents.filter((d) => d.via === 'direct' || d.via === 'crosswalk').map((document) => ({ kind: 'document', parent: node, document }));
        const clauses: CoverageNode[] = node.members
          .filter((c) => c !== node.clause && (!this.gapsOnly || c.gap))
          .map((clause) => ({ kind: 'clause', parent: node, clause }));
        return [...own, ...clauses];
      }
      case 'clause':
        return node.clause.documents.map((document) => ({ kind: 'document', parent: node, document }));
      case 'document':
        return [];
    }
  }

  getParent(node: CoverageNode): CoverageNode | undefined {
    return node.kind === 'standard' ? undefined : node.parent;
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    switch (node.kind) {
      case 'standard':
        return standardItem(node);
      case 'group':
        return groupItem(node);
      case 'clause':
        return clauseItem(node);
      case 'document':
        return documentItem(node);
    }
  }

  /** The clause node for a clause id in the first (or given) folder's tree, for reveal(). */
  async findClause(clauseId: string, folder?: vscode.WorkspaceFolder): Promise<ClauseNode | undefined> {
    const roots = await this.getChildren();
    const root = (roots as StandardNode[]).find((r) => !folder || r.folder.uri.toString() === folder.uri.toString());
    if (!root) return undefined;
    for (const group of (await this.getChildren(root)) as GroupNode[]) {
      const found = ((await this.getChildren(group)) as ClauseNode[]).find((c) => c.clause.id === clauseId);
      if (found) return found;
    }
    return undefined;
  }
}

/** Top-level clauses are the groups; each holds itself and every clause below it, in the standard's order. */
export function groupsOf(root: StandardNode): GroupNode[] {
  const clauses = root.coverage.clauses;
  const byId = new Map(clauses.map((c) => [c.id, c] as const));
  const groupOf = (c: CoverageClause): CoverageClause => {
    let top = c;
    for (let steps = 0; top.parent !== undefined && byId.has(top.parent) && steps <= clauses.length; steps++) top = byId.get(top.parent)!;
    return top;
  };
  const groups = new Map<string, GroupNode>();
  for (const c of clauses) {
    const top = groupOf(c);
    let g = groups.get(top.id);
    if (!g) groups.set(top.id, (g = { kind: 'group', parent: root, clause: top, members: [] }));
    g.members.push(c);
  }
  return [...groups.values()];
}

function idOf(node: CoverageNode): string {
  switch (node.kind) {
    case 'standard':
      return `${node.folder.uri.toString()}|${node.coverage.standard}`;
    case 'group':
      return `${idOf(node.parent)}|g:${node.clause.id}`;
    case 'clause':
      return `${idOf(node.parent)}|c:${node.clause.id}`;
    case 'document':
      // One document may reach a clause twice (its own citation and a crosswalk): each row its own id.
      return `${idOf(node.parent)}|d:${node.document.via}:${node.document.cites ?? node.document.from?.clause ?? ''}:${node.document.uri}`;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function standardItem(node: StandardNode): vscode.TreeItem {
  const s = node.coverage.summary;
  const item = new vscode.TreeItem(shortText(node.named ? `${node.coverage.title} (${node.folder.name})` : node.coverage.title, ROW_LABEL_MAX), vscode.TreeItemCollapsibleState.Expanded);
  item.id = idOf(node);
  const gaps = s.required - s.requiredCovered;
  // Short, to fit the side bar; the tooltip says what the numbers are.
  item.description = `${s.covered}/${s.clauses} · ${plural(gaps, 'gap')}`;
  item.iconPath = new vscode.ThemeIcon('law');
  item.contextValue = 'standard';
  item.tooltip = new vscode.MarkdownString(
    [
      `**${node.coverage.title}** in ${node.folder.name}`,
      '',
      `- ${s.covered} of ${s.clauses} clauses covered by approved or effective documents`,
      `- ${s.partial} partly covered (approved or effective documents cite only their subclauses)`,
      `- ${s.draftOnly} covered by drafts only, ${s.uncontrolled} cited only by uncontrolled documents (files without an id), ${s.notCovered} cited by no document`,
      `- ${s.requiredCovered} of ${s.required} clauses that require a documented procedure or process (or documented information to be maintained) are covered${s.requiredPartial ? `, ${s.requiredPartial} more only partly` : ''}`,
    ].join('\n'),
  );
  return item;
}

function groupItem(node: GroupNode): vscode.TreeItem {
  const m = node.members;
  const covered = m.filter((c) => c.state === 'covered').length;
  const partly = m.filter((c) => c.state === 'partial').length;
  const drafts = m.filter((c) => c.state === 'draft-only').length;
  const uncontrolled = m.filter((c) => c.state === 'uncontrolled').length;
  // Whether a clause is a gap is the server's answer (`gap`, from core/coverage.ts isGap), never worked out here.
  const gaps = m.filter((c) => c.gap).length;
  const item = new vscode.TreeItem(rowLabel(node.clause.label, node.clause.title), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = idOf(node);
  item.description = `${covered}/${m.length}${gaps ? ` · ${plural(gaps, 'gap')}` : ''}`;
  item.iconPath = new vscode.ThemeIcon(gaps ? 'folder-active' : 'folder', gaps ? new vscode.ThemeColor('list.errorForeground') : undefined);
  item.contextValue = 'group';
  item.tooltip = `${node.clause.label} ${node.clause.title}: ${covered} of ${m.length} clauses covered, ${partly} partly (only subclauses cited), ${drafts} by drafts only, ${uncontrolled} cited only by uncontrolled documents, ${plural(gaps, 'gap')}`;
  return item;
}

function clauseItem(node: ClauseNode): vscode.TreeItem {
  const c = node.clause;
  const { text, icon } = describeState(c);
  // A short label and state, so the row fits the side bar; the whole heading, state and documents are in the tooltip.
  const parent = node.parent.members.find((m) => m.id === c.parent);
  const item = new vscode.TreeItem(rowLabel(c.label, c.title, ROW_LABEL_MAX, parent?.title), c.documents.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = idOf(node);
  item.description = shortState(c);
  item.iconPath = icon;
  item.contextValue = c.gap ? 'clause.gap' : 'clause';
  const flags = [
    c.documentedProcedure ? 'requires a documented procedure' : '',
    c.documentedProcess ? 'requires a documented process' : '',
    c.documentedInformation ? 'requires documented information to be maintained' : '',
    c.records ? 'asks for records' : '',
  ].filter(Boolean);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${escapeMd(c.citation)}** ${escapeMd(c.title)}\n\n`);
  tooltip.appendMarkdown(`State: ${escapeMd(text)}${flags.length ? ` — ${escapeMd(flags.join(', '))}` : ''}`);
  const name = (d: CoveringDocument) => d.id ?? path.posix.basename(d.uri);
  const controlled = c.documents.filter((d) => d.controlled);
  const uncontrolled = c.documents.filter((d) => !d.controlled);
  if (controlled.length) tooltip.appendMarkdown(`\n\nCited by ${escapeMd(controlled.map(name).join(', '))}`);
  for (const d of c.documents.filter((d) => d.requiresOwn)) tooltip.appendMarkdown(`\n\n${escapeMd(`${name(d)} ${viaText(d)}, so it does not count here`)}`);
  if (uncontrolled.length) {
    tooltip.appendMarkdown(`\n\nCited by uncontrolled documents (no id, so they cover nothing): ${escapeMd(uncontrolled.map((d) => vscode.workspace.asRelativePath(vscode.Uri.parse(d.uri))).join(', '))}`);
  }
  item.tooltip = tooltip;
  return item;
}

const VIA: Record<string, string> = { direct: 'cites it', subclause: 'cites a subclause', parent: 'cites the clause above' };

/**
 * How the document reaches the clause: "cites it", "cites subclause 7.5.2", "cites 7.5 only: 7.5.7
 * requires its own procedure", or for a crosswalk "via crosswalk from ISO 13485:2016 4.2.4".
 */
export function viaText(d: CoveringDocument): string {
  if (d.via === 'crosswalk' && d.from) return `via crosswalk from ${d.from.title} ${d.from.clause}`;
  if (d.via === 'parent' && d.requiresOwn) return `cites ${d.cites ?? 'the clause above'} only: ${d.requiresOwn.clause} requires its own ${d.requiresOwn.kind}`;
  if (d.via === 'subclause' && d.cites) return `cites subclause ${d.cites}`;
  if (d.via === 'parent' && d.cites) return `cites ${d.cites}, the clause above`;
  return VIA[d.via] ?? d.via;
}

/** How a document reaches the clause, in a few characters for the row ("via 4.2.5", "4.2 only"); nothing for a citation of the clause itself. */
export function shortVia(d: CoveringDocument): string {
  if (d.via === 'direct') return '';
  if (d.via === 'crosswalk') return 'crosswalk';
  if (d.via === 'parent' && d.requiresOwn) return `${d.cites ?? 'above'} only`;
  return d.cites ? `via ${d.cites}` : `via ${d.via}`;
}

function documentItem(node: DocumentNode): vscode.TreeItem {
  const d = node.document;
  const uri = vscode.Uri.parse(d.uri);
  const name = d.id ? `${d.id}${d.title ? ` ${d.title}` : ''}` : (d.title ?? path.posix.basename(uri.path));
  // Id and a short title, then the status and (when not a citation of the clause itself) how it reaches it; all of it in the tooltip.
  const item = new vscode.TreeItem(d.id ? rowLabel(d.id, d.title) : shortText(name, ROW_LABEL_MAX), vscode.TreeItemCollapsibleState.None);
  item.id = idOf(node);
  item.resourceUri = uri;
  const where = `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}`;
  const how = viaText(d);
  if (d.controlled) {
    item.iconPath = vscode.ThemeIcon.File;
    item.description = [d.status, shortVia(d)].filter(Boolean).join(' · ');
    item.tooltip = `${name}\n${where}\n${[d.status, how].filter(Boolean).join(' · ')}`;
    item.contextValue = 'document';
  } else {
    // A file without an id: its citation is shown, but it covers nothing until put under control.
    item.iconPath = new vscode.ThemeIcon('unverified', new vscode.ThemeColor('list.warningForeground'));
    item.description = ['uncontrolled', shortVia(d)].filter(Boolean).join(' · ');
    item.tooltip = `${where}\nNot a controlled document (no id in its front matter): it cites the clause but covers nothing.\n${name} · ${how}`;
    item.contextValue = 'document.uncontrolled';
  }
  const selection = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  item.command = { command: 'vscode.open', title: 'Open at the citation', arguments: [uri, { selection } satisfies vscode.TextDocumentShowOptions] };
  return item;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
