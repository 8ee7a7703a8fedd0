// Starts the bundled language server (out/server.js, shipped in the .vsix)
// over Node IPC with the editor's own Node runtime. Nothing from the workspace
// is executed: the server only reads the workspace's Markdown and config files.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol/initialization';
import { confirmBumpActions } from './bump-confirm';
import { readSettings, SECTION } from './settings';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // A fixed "today" for review checks, for reproducible demos and tests only.
  const today = process.env.QMSLINT_TODAY && /^\d{4}-\d{2}-\d{2}$/.test(process.env.QMSLINT_TODAY) ? process.env.QMSLINT_TODAY : undefined;
  // coverageChanged: the Clause Coverage view loads again when the server says so (extension.ts).
  const initializationOptions: InitializationOptions = { ...(today ? { today } : {}), settings: readSettings(), coverageChanged: true };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: SECTION },
    initializationOptions,
    // Bump revision from the light bulb asks first, as the Bump Revision command does (bump-confirm.ts).
    middleware: { provideCodeActions: confirmBumpActions },
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
    markdown: { isTrusted: false, supportHtml: false },
  };
  return new LanguageClient('qmslint', 'qmslint', serverOptions, clientOptions);
}
