// The qmslint extension: starts the bundled language server and adds what only
// an editor has: the Clause Coverage view, the status bar entry, commands,
// snippets and highlighting (the last two are contributed by package.json).
// All analysis is the server's; this side asks and shows.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { bumpRevision, createConfig, exportCoverage, lintWorkspace, selectStandard, type ExportArgs } from './commands';
import { COVERAGE_VIEW, CoverageProvider, type CoverageNode } from './coverage-view';
import { createLanguageClient } from './language-client';
import { newControlledDocument, type NewDocumentArgs } from './new-document';
import { readSettings, SECTION } from './settings';
import { DocumentStatus, SHOW_PROBLEMS_COMMAND, showDocumentProblems } from './status-bar';

/** What activate() returns: for other extensions and for the end-to-end tests. */
export interface QmslintApi {
  /** The running language client, undefined while qmslint.enable is false. */
  readonly client: LanguageClient | undefined;
  readonly coverage: CoverageProvider;
  readonly coverageView: vscode.TreeView<CoverageNode>;
  readonly status: DocumentStatus;
  /** Resolves when the server has started (at once when disabled). */
  ready(): Promise<void>;
}

let client: LanguageClient | undefined;
let starting: Promise<void> = Promise.resolve();

export async function activate(context: vscode.ExtensionContext): Promise<QmslintApi> {
  const output = vscode.window.createOutputChannel('qmslint', { log: true });
  const coverage = new CoverageProvider(() => client);
  coverage.standard = readSettings().standard || undefined;
  const coverageView = vscode.window.createTreeView(COVERAGE_VIEW, { treeDataProvider: coverage, showCollapseAll: true });
  const status = new DocumentStatus(() => client);
  void vscode.commands.executeCommand('setContext', 'qmslint.coverage.gapsOnly', false);
  context.subscriptions.push(output, coverage, coverageView, status);

  const start = async () => {
    if (!readSettings().enable) {
      await coverage.refresh();
      return;
    }
    client = createLanguageClient(context, output);
    try {
      await client.start();
    } catch (e) {
      output.error(`qmslint: the language server did not start: ${e instanceof Error ? e.message : e}`);
      void vscode.window.showErrorMessage('qmslint: the language server did not start; see the qmslint output.', 'Show Output').then((a) => a && output.show());
      return;
    }
    coverage.scheduleRefresh(0);
    status.schedule(0);
  };
  const stop = async () => {
    const running = client;
    client = undefined;
    if (running) await running.dispose().catch(() => undefined);
    status.schedule(0);
  };
  const restart = async () => {
    await starting;
    starting = stop().then(start);
    await starting;
  };

  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  register('qmslint.newDocument', async (args?: NewDocumentArgs) => {
    await starting;
    const uri = await newControlledDocument(context, client, args);
    if (uri) coverage.scheduleRefresh(800);
    return uri;
  });
  register('qmslint.bumpRevision', async () => {
    await starting;
    return bumpRevision(client);
  });
  register('qmslint.showCoverage', async () => {
    await vscode.commands.executeCommand(`${COVERAGE_VIEW}.focus`);
    await coverage.refresh();
  });
  register('qmslint.exportCoverage', async (args?: ExportArgs) => {
    await starting;
    return exportCoverage(client, coverage, args);
  });
  register('qmslint.selectStandard', async (standard?: string) => {
    await starting;
    return selectStandard(client, coverage, typeof standard === 'string' ? standard : undefined);
  });
  register('qmslint.lintWorkspace', async (quiet?: boolean) => {
    await starting;
    return lintWorkspace(client, quiet === true);
  });
  register('qmslint.restartServer', restart);
  register('qmslint.createConfig', createConfig);
  register('qmslint.coverage.newDocumentForClause', (node?: CoverageNode) =>
    vscode.commands.executeCommand(
      'qmslint.newDocument',
      node?.kind === 'clause' ? ({ clause: node.clause.id, folder: node.parent.parent.folder.uri.toString() } satisfies NewDocumentArgs) : {},
    ),
  );
  register('qmslint.coverage.refresh', () => coverage.refresh());
  register('qmslint.coverage.showGapsOnly', () => coverage.setGapsOnly(true));
  register('qmslint.coverage.showAll', () => coverage.setGapsOnly(false));
  register(SHOW_PROBLEMS_COMMAND, showDocumentProblems);

  // The view follows the documents: edits, saves, new and deleted files, new findings.
  // Which files are Markdown is decided in one place, isMarkdownPath in server/src/host/discover.ts; this test matches the same extensions.
  const isQmsFile = (uri: vscode.Uri) => /\.(md|markdown)$/i.test(uri.path) || /\/\.qmslint\.(ya?ml|json)$/.test(uri.path);
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === 'markdown' && e.contentChanges.length) coverage.scheduleRefresh(700);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => isQmsFile(d.uri) && coverage.scheduleRefresh(200)),
    vscode.workspace.onDidCreateFiles((e) => e.files.some(isQmsFile) && coverage.scheduleRefresh(300)),
    vscode.workspace.onDidDeleteFiles((e) => e.files.some(isQmsFile) && coverage.scheduleRefresh(300)),
    vscode.workspace.onDidRenameFiles((e) => e.files.some((f) => isQmsFile(f.oldUri) || isQmsFile(f.newUri)) && coverage.scheduleRefresh(300)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => coverage.scheduleRefresh(300)),
    coverageView.onDidChangeVisibility((e) => e.visible && coverage.scheduleRefresh(0)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration(`${SECTION}.enable`)) await restart();
      else if (e.affectsConfiguration(`${SECTION}.standard`)) {
        coverage.standard = readSettings().standard || undefined;
        coverage.scheduleRefresh(0);
      }
    }),
    { dispose: () => void stop() },
  );

  starting = start();
  return {
    get client() {
      return client;
    },
    coverage,
    coverageView,
    status,
    ready: () => starting,
  };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}
