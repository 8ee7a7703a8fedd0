// The qmslint language server: `node out/server.js --stdio` (or --node-ipc).
// A thin adapter: every answer comes from server/src/core, so the editor and
// CI never disagree. Capabilities and custom requests: docs/lsp.md.
import {
  CancellationToken,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../../package.json';
import { defaultJobs, isAnalysisWorker, PARALLEL_MIN_FILES, runAnalysisWorker, WorkerAnalyser } from '../host/worker-pool';
import { CODE_ACTION_KINDS, codeActions } from './code-actions';
import { coverage, info } from './custom';
import { FramingGuard } from './framing';
import { pullDocument, pullWorkspace } from './diagnostics';
import { registerEditorRequests } from './editor-requests';
import { completion, definition, hover, links, references, symbols } from './language';
import { rememberUri, uriToPath } from './positions';
import { Session } from './session';
import { CoverageChangedNotification, CoverageRequest } from '../protocol/coverage';
import { DocumentInfoRequest } from '../protocol/document-info';
import type { InitializationOptions } from '../protocol/initialization';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let session!: Session;
  let refreshSupported = false;
  let watchDynamic = false;
  // Clients without pull diagnostics (LSP 3.17) get them pushed for open documents.
  let push = false;
  /** The client inserts completion snippets (tab stops): new-document skeletons come as snippets then. */
  let snippets = false;
  const pushTimers = new Map<string, NodeJS.Timeout>();
  const schedulePush = (uri: string, delay = 200) => {
    clearTimeout(pushTimers.get(uri));
    pushTimers.set(
      uri,
      setTimeout(() => {
        pushTimers.delete(uri);
        const document = documents.get(uri);
        if (!document) return;
        pullDocument(session, { textDocument: { uri } }, CancellationToken.None)
          .then((report) => {
            if (report.kind === 'full' && documents.get(uri)?.version === document.version) {
              void connection.sendDiagnostics({ uri, version: document.version, diagnostics: report.items });
            }
          })
          .catch((e) => connection.console.error(`qmslint: ${uri}: ${(e as Error).message}`));
      }, delay),
    );
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const today = typeof options.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(options.today) ? options.today : undefined;
    refreshSupported = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    watchDynamic = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    push = !params.capabilities.textDocument?.diagnostic;
    snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    const jobs = Number.isInteger(options.jobs) && options.jobs! >= 1 ? options.jobs! : defaultJobs();
    // Threads need the bundle (out/server.js) as their script; run from sources (tests), everything stays here.
    const bundled = __filename.endsWith('.js');
    session = new Session({
      today,
      log: (m) => connection.console.error(m),
      refresh: () => {
        if (push) for (const d of documents.all()) schedulePush(d.uri, 0);
        else if (refreshSupported) connection.languages.diagnostics.refresh().catch(() => undefined);
      },
      canRefresh: push || refreshSupported,
      // Started at once, so the threads load the bundle while this one reads the files. This thread
      // analyses too, between messages: the folder's questions wait for its first lint anyway, but for an open
      // document's diagnostics, which come meanwhile from its text alone (folders.ts).
      analyser: (files) => (bundled && jobs > 1 && files >= PARALLEL_MIN_FILES ? new WorkerAnalyser(jobs, __filename, true).start() : undefined),
      // Only a client that asked for it: another client may not know the method.
      ...(options.coverageChanged === true
        ? { coverageChanged: (folder: string) => void connection.sendNotification(CoverageChangedNotification, { folder }).catch(() => undefined) }
        : {}),
    });
    if (options.settings) session.setSettings(options.settings);
    // Only a client that tells us about file changes lets us keep disk texts between lints.
    session.workspace.cacheDisk = watchDynamic;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    for (const f of folders) {
      const root = uriToPath(f.uri);
      if (root) session.addFolder(root, f.uri);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { identifier: 'qmslint', interFileDependencies: true, workspaceDiagnostics: true },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
        completionProvider: { triggerCharacters: [':', ' ', '§', '-', '.', '"', "'", '[', ','] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'qmslint', version },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    const settings = (change.settings as { qmslint?: unknown } | null)?.qmslint;
    if (settings !== undefined) session.setSettings(settings);
  });

  connection.onInitialized(() => {
    if (watchDynamic) {
      // The editor matches these globs itself; the Markdown one names the extensions of isMarkdownPath (host/discover.ts), which decides what a watched file is.
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          // git's HEAD and refs: a commit or a checkout moves the base the change rules compare with (lsp/base-versions.ts).
          watchers: [
            { globPattern: '**/*.{md,markdown}' },
            { globPattern: '**/*.{yaml,yml,json}' },
            { globPattern: '**/.gitignore' },
            { globPattern: '**/.git/{HEAD,packed-refs}' },
            { globPattern: '**/.git/refs/**' },
          ],
        })
        .catch((e) => connection.console.error(`qmslint: could not watch files: ${e}`));
    }
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) session.removeFolder(f.uri);
      for (const f of e.added) {
        const root = uriToPath(f.uri);
        if (root) session.addFolder(root, f.uri);
      }
      session.requestRefresh();
    });
    void session.baseline();
  });

  documents.onDidOpen(({ document }) => {
    const file = uriToPath(document.uri);
    if (!file) return;
    rememberUri(file, document.uri);
    session.workspace.setBuffer(file, document.getText());
    session.bufferChanged(file);
    if (push) schedulePush(document.uri, 0);
  });
  documents.onDidChangeContent(({ document }) => {
    const file = uriToPath(document.uri);
    if (!file) return;
    session.workspace.setBuffer(file, document.getText());
    session.bufferChanged(file);
    if (push) schedulePush(document.uri);
  });
  documents.onDidClose(({ document }) => {
    const file = uriToPath(document.uri);
    if (!file) return;
    session.workspace.closeBuffer(file);
    session.lastFindings.delete(file);
    session.bufferChanged(file);
    if (push) {
      clearTimeout(pushTimers.get(document.uri));
      void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    const events = (params?.changes ?? []).flatMap((c) => {
      const file = uriToPath(c.uri);
      if (!file) return [];
      const type = c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      return [{ file, type } as const];
    });
    session.filesChanged(events);
  });

  connection.languages.diagnostics.on((params, token) => pullDocument(session, params, token));
  connection.languages.diagnostics.onWorkspace((params, token, _work, partial) =>
    pullWorkspace(session, params, token, (uri) => documents.get(uri)?.version ?? null, params.partialResultToken !== undefined ? partial : undefined),
  );
  connection.onCodeAction((params, token) => codeActions(session, params, token));
  connection.onCompletion((params, token) => completion(session, params, token, snippets));
  connection.onHover((params, token) => hover(session, params, token));
  connection.onDefinition((params, token) => definition(session, params, token));
  connection.onReferences((params, token) => references(session, params, token));
  connection.onDocumentLinks((params, token) => links(session, params, token));
  connection.onWorkspaceSymbol((params, token) => symbols(session, params, token));
  connection.onRequest(CoverageRequest, (params, token) => coverage(session, params, token));
  connection.onRequest(DocumentInfoRequest, (params, token) => info(session, params, token));
  registerEditorRequests(connection, () => session);

  documents.listen(connection);
  connection.listen();
}

if (isAnalysisWorker()) {
  // This bundle started again as an analysis thread (a folder's first lint): analyse what the server sends.
  runAnalysisWorker();
} else if (require.main === module) {
  // A bug in one background task is logged; it never takes the server down.
  process.on('unhandledRejection', (e) => console.error('qmslint: unhandled rejection:', e));
  process.on('uncaughtException', (e) => console.error('qmslint: uncaught exception:', e));
  if (process.argv.includes('--stdio')) {
    // Standard input passes a guard that drops header blocks which cannot frame a message.
    const input = process.stdin.pipe(new FramingGuard((h) => console.error(`qmslint: dropped a malformed message header: ${JSON.stringify(h)}`)));
    startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(input), new StreamMessageWriter(process.stdout)));
  } else startServer(createConnection(ProposedFeatures.all));
}
