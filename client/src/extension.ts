// The qmslint extension: starts the bundled language server and adds what only
// an editor has: the Clause Coverage view, the status bar entry, commands,
// snippets and highlighting (the last two are contributed by package.json).
// All analysis is the server's; this side asks and shows.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { APPLY_BUMP_COMMAND, applyBump } from './bump-confirm';
import { bumpRevision, createConfig, exportCoverage, exportMasterList, lintWorkspace, selectStandard, type ExportArgs } from './commands';
import { watchConfigContext } from './config-context';
import { COVERAGE_VIEW, CoverageProvider, type CoverageNode } from './coverage-view';
import { createLanguageClient } from './language-client';
import { newControlledDocument, type NewDocumentArgs } from './new-document';
import { readSettings, SECTION } from './settings';
import { DocumentStatus, SHOW_PROBLEMS_COMMAND, showDocumentProblems } from './status-bar';
import { CoverageChangedNotification } from '../../server/src/protocol/coverage';

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
  coverage.isVisible = () => coverageView.visible;
  const status = new DocumentStatus(() => client);
  void vscode.commands.executeCommand('setContext', 'qmslint.coverage.gapsOnly', false);
  context.subscriptions.push(output, coverage, coverageView, status, watchConfigContext());

  const start = async () => {
    if (!readSettings().enable) {
      await coverage.refresh();
      return;
    }
    client = createLanguageClient(context, output);
    // The server says when a folder's coverage may read differently (an edit of a citation, id or
    // status, a file come or gone, a config or pack changed): the view loads again then, and only then.
    client.onNotification(CoverageChangedNotification, () => coverage.invalidate());
    try {
      await client.start();
    } catch (e) {
      output.error(`qmslint: the language server did not start: ${e instanceof Error ? e.message : e}`);
      void vscode.window.showErrorMessage('qmslint: the language server did not start; see the qmslint output.', 'Show Output').then((a) => a && output.show());
      return;
    }
    void coverage.refresh();
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
    // The server sees the new file (created on disk, then opened) and says when the coverage changed.
    return newControlledDocument(context, client, args);
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
  register('qmslint.exportMasterList', async (args?: ExportArgs) => {
    await starting;
    return exportMasterList(client, args);
  });
  register('qmslint.selectStandard', async (standard?: string) => {
    await starting;
    return selectStandard(client, coverage, typeof standard === 'string' ? standard : undefined);
  });
  register('qmslint.lintWorkspace', async (quiet?: boolean) => {
    await starting;
    return lintWorkspace(client, quiet === true);
  });
  register(APPLY_BUMP_COMMAND, (title: string, changes: string[], edit: vscode.WorkspaceEdit) => applyBump(title, changes, edit));
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
  register(SHOW_PROBLEMS_COMMAND, () => showDocumentProblems(context.workspaceState));

  // The view follows the documents and the workspace folders through the server's
  // qmslint/coverageChanged (above; the server hears of a folder added or removed and says so once
  // it has indexed it); what only this side knows (the view shown again, the standard it shows)
  // reloads it here.
  context.subscriptions.push(
    coverageView.onDidChangeVisibility((e) => e.visible && coverage.isStale && void coverage.refresh()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration(`${SECTION}.enable`)) await restart();
      else if (e.affectsConfiguration(`${SECTION}.standard`)) {
        coverage.standard = readSettings().standard || undefined;
        void coverage.refresh();
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
