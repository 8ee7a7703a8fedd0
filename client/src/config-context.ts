// The qmslint.hasConfig context key: true while a workspace folder holds a qmslint configuration.
// The walkthrough's "Create a configuration" step completes on it (package.json, completionEvents
// onContext:qmslint.hasConfig), whether the file came from Create Configuration, was written by
// hand or was there already; `workspaceContains:` is an activation event, not a completion event.
// VS Code (1.139) counts an onContext event only when the key turns true after it registered the
// walkthrough: a key already true then (the walkthrough first opened after this extension started)
// never completes the step in that session, so the step also completes on its own button
// (onCommand:qmslint.createConfig, which opens the folder's configuration when there is one).
import * as vscode from 'vscode';

export const HAS_CONFIG_CONTEXT = 'qmslint.hasConfig';
/** The names the server reads a configuration from, at any depth (as the activation events). */
const CONFIG_GLOB = '**/.qmslint.{yaml,yml,json}';

export function watchConfigContext(): vscode.Disposable {
  const update = async () => {
    const found = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 1);
    await vscode.commands.executeCommand('setContext', HAS_CONFIG_CONTEXT, found.length > 0);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB, false, true, false);
  const folders = vscode.workspace.onDidChangeWorkspaceFolders(() => void update());
  watcher.onDidCreate(() => void vscode.commands.executeCommand('setContext', HAS_CONFIG_CONTEXT, true));
  // One of several may have gone: look again.
  watcher.onDidDelete(() => void update());
  void update();
  return vscode.Disposable.from(watcher, folders);
}
