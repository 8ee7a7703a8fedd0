// The status bar entry for the active controlled document:
// `SOP-004 · Rev C · effective`, with a warning or error look when qmslint has
// findings on it; a click shows those problems. The identity comes from the
// server's qmslint/documentInfo, the findings from the diagnostics it pulled.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DocumentInfoRequest, type DocumentInfoResponse } from '../../server/src/protocol/document-info';

export const SHOW_PROBLEMS_COMMAND = 'qmslint.showDocumentProblems';

export class DocumentStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** The document the entry describes now (tests read it). */
  info: DocumentInfoResponse | undefined;
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

  schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  async update(): Promise<void> {
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
    this.show(info?.controlled && info.id ? info : undefined, generation);
  }

  private show(info: DocumentInfoResponse | undefined, generation: number): void {
    if (generation !== this.generation) return;
    this.info = info;
    if (!info) {
      this.item.hide();
      this.updatedEmitter.fire();
      return;
    }
    const uri = vscode.window.activeTextEditor?.document.uri;
    const findings = uri ? vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'qmslint') : [];
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

/** Shows the Problems panel and moves to the active document's first problem. */
export async function showDocumentProblems(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const first = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'qmslint')
    .sort((a, b) => a.severity - b.severity || a.range.start.compareTo(b.range.start))[0];
  if (first) {
    editor.selection = new vscode.Selection(first.range.start, first.range.start);
    editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
