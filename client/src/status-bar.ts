// The status bar entry for the active controlled document:
// `SOP-004 · Rev C · effective`, with a warning or error look when qmslint has
// findings on it; a click shows those problems in the Problems panel, filtered to
// the file. The identity comes from the server's qmslint/documentInfo, the
// findings from the diagnostics it pulled. A document whose front matter is not
// valid YAML has no identity the server can read: the entry stays, in its error
// state (`SOP-004 · YAML error`), with the id it last showed for that file.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DocumentInfoRequest, type DocumentInfoResponse } from '../../server/src/protocol/document-info';

export const SHOW_PROBLEMS_COMMAND = 'qmslint.showDocumentProblems';
/** The rule whose finding means the front matter could not be read at all. */
const YAML_ERROR_RULE = 'front-matter-syntax';
/** How long a document that was controlled keeps its entry while its diagnostics catch up with an edit. */
const DIAGNOSTICS_GRACE_MS = 2000;

export class DocumentStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** The document the entry describes now (tests read it); undefined in the error state. */
  info: DocumentInfoResponse | undefined;
  /** The id last shown for each file: a broken front matter has none the server can read. */
  private readonly knownIds = new Map<string, string>();
  private readonly updatedEmitter = new vscode.EventEmitter<void>();
  readonly onDidUpdate = this.updatedEmitter.event;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.item = vscode.window.createStatusBarItem('qmslint.document', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'qmslint: controlled document';
    this.item.command = SHOW_PROBLEMS_COMMAND;
    this.disposables.push(
      this.item,
      this.updatedEmitter,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(500);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule(50);
      }),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  schedule(delay: number, graceOver = false): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(graceOver), delay);
  }

  /** `graceOver`: a document that was controlled and is no longer has had time for its diagnostics to arrive. */
  async update(graceOver = false): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    const client = this.client();
    if (!document || document.languageId !== 'markdown' || !client?.isRunning()) return this.show(undefined, generation);
    let info: DocumentInfoResponse | null = null;
    try {
      info = await client.sendRequest(DocumentInfoRequest, { textDocument: { uri: document.uri.toString() } });
    } catch {
      // The server answers again after the next change; keep the last entry meanwhile.
      return;
    }
    if (generation !== this.generation) return;
    const uri = document.uri.toString();
    if (info?.controlled && info.id) {
      this.knownIds.set(uri, info.id);
      return this.show(info, generation);
    }
    if (qmslintFindings(document.uri).some((d) => codeOf(d) === YAML_ERROR_RULE)) return this.showYamlError(this.knownIds.get(uri) ?? basename(document.uri), generation);
    // Just broken by an edit, perhaps, with the YAML error not pulled yet: keep the entry a moment
    // rather than hide it and show it again (the diagnostics' arrival updates it sooner).
    if (this.knownIds.has(uri) && !graceOver && this.item.text) return this.schedule(DIAGNOSTICS_GRACE_MS, true);
    this.show(undefined, generation);
  }

  /** The error state: the front matter is not valid YAML, so nothing but the error can be shown. */
  private showYamlError(label: string, generation: number): void {
    if (generation !== this.generation) return;
    this.info = undefined;
    const count = qmslintFindings(vscode.window.activeTextEditor!.document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    this.item.text = `$(error) ${label} · YAML error`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.tooltip = `${label}: the front matter is not valid YAML, so qmslint cannot read this document's identity.\nqmslint: ${count} error${count === 1 ? '' : 's'}. Click to show them.`;
    this.item.accessibilityInformation = { label: `${label}, YAML error in the front matter` };
    this.item.show();
    this.updatedEmitter.fire();
  }

  private show(info: DocumentInfoResponse | undefined, generation: number): void {
    if (generation !== this.generation) return;
    this.info = info;
    if (!info) {
      this.item.hide();
      this.item.text = '';
      this.updatedEmitter.fire();
      return;
    }
    const uri = vscode.window.activeTextEditor?.document.uri;
    const findings = uri ? qmslintFindings(uri) : [];
    const errors = findings.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = findings.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const others = findings.length - errors - warnings;
    this.item.text = `${errors ? '$(error)' : warnings ? '$(warning)' : '$(file-text)'} ${statusText(info)}`;
    this.item.backgroundColor = errors
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : warnings
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    const counts = [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`, others && `${others} note${others === 1 ? '' : 's'}`].filter(Boolean);
    this.item.tooltip = [
      `${info.id}${info.title ? ` ${info.title}` : ''}`,
      [info.type, info.owner && `owner ${info.owner}`, info.effectiveDate && `effective ${info.effectiveDate}`].filter(Boolean).join(' · '),
      counts.length ? `qmslint: ${counts.join(', ')}. Click to show them.` : 'qmslint: no problems.',
    ]
      .filter(Boolean)
      .join('\n');
    this.item.accessibilityInformation = { label: `${statusText(info)}${counts.length ? `, ${counts.join(', ')}` : ''}` };
    this.item.show();
    this.updatedEmitter.fire();
  }
}

/** `SOP-004 · Rev C · effective`; parts the document lacks are left out. */
export function statusText(info: Pick<DocumentInfoResponse, 'id' | 'revision' | 'status'>): string {
  return [info.id, info.revision && `Rev ${info.revision}`, info.status].filter(Boolean).join(' · ');
}

const qmslintFindings = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'qmslint');
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const basename = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/**
 * The Problems panel's "Show Active File Only" filter (its filter menu). VS Code 1.139 has no
 * command that sets the panel's filter text or this filter to a value, only this toggle, and an
 * extension cannot read the toggle's state; VS Code keeps it per workspace, so the extension keeps
 * per workspace whether it turned it on, and turns it on only then.
 */
const TOGGLE_ACTIVE_FILE_ONLY = 'workbench.actions.workbench.panel.markers.view.toggleActiveFile';
const ACTIVE_FILE_ONLY_KEY = 'qmslint.problemsActiveFileOnly';

/**
 * Opens the Problems panel filtered to the active file, and moves to its first problem.
 * `workspaceState`: where the extension remembers that it turned the filter on.
 */
export async function showDocumentProblems(workspaceState: vscode.Memento): Promise<void> {
  // Opens and focuses the panel (workbench.actions.view.problems would close it when it has focus).
  await vscode.commands.executeCommand('workbench.action.problems.focus');
  if (!workspaceState.get<boolean>(ACTIVE_FILE_ONLY_KEY)) {
    try {
      await vscode.commands.executeCommand(TOGGLE_ACTIVE_FILE_ONLY);
      await workspaceState.update(ACTIVE_FILE_ONLY_KEY, true);
    } catch {
      // An editor without that action: the panel shows every file's problems, as before.
    }
  }
  let editor = vscode.window.activeTextEditor;
  if (!editor) return;
  // The filter follows the active editor only while the panel shows, so after the panel was closed
  // it still filters to the file that was active then (VS Code 1.139, markersView). Switching to
  // the group's previous editor and back lets it see this one; a group of one tab has no other.
  if (vscode.window.tabGroups.activeTabGroup.tabs.length > 1) {
    await vscode.commands.executeCommand('workbench.action.openPreviousRecentlyUsedEditorInGroup');
    editor = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preview: false });
  }
  const first = qmslintFindings(editor.document.uri).sort((a, b) => a.severity - b.severity || a.range.start.compareTo(b.range.start))[0];
  if (first) {
    editor.selection = new vscode.Selection(first.range.start, first.range.start);
    editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
