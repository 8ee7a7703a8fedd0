// A JSON-RPC client for the bundled language server: spawns `node out/server.js
// --stdio`, initializes it with workspace folders (temporary copies, so tests
// may write to them), and speaks LSP the way an editor does.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeResult,
  TextEdit,
  WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { afterAll, beforeAll } from 'vitest';
import { HANG_GUARD_MS } from '../hang-guard.mjs';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER = path.join(REPO, 'out/server.js');
export const TODAY = '2026-11-26';

/** Folders made by tempCopy, the only ones tests ever delete. */
const madeByTempCopy = new Map<string, string>();

/** A copy of the clean fixture in which every Markdown file is controlled and coverage-gap is off: a folder to open test documents in. */
export function controlledCopy(): string {
  const dir = tempCopy('test/fixtures/cli/clean');
  writeFileSync(path.join(dir, '.qmslint.yaml'), 'standard: iso13485:2016\ndocuments: ["**/*.md"]\nrules:\n  coverage-gap: off\n');
  return dir;
}

/**
 * For a describe block: a server on a fresh controlledCopy(), started before the block's tests and
 * stopped (its copy deleted) after them. `client` is there once the tests run; `file` names a file of the copy.
 */
export function serverOnControlledCopy(): { readonly client: TestClient; file(name: string): string } {
  let dir = '';
  let client: TestClient | undefined;
  beforeAll(async () => {
    dir = controlledCopy();
    client = await TestClient.start([dir]);
  });
  afterAll(async () => {
    await client?.stop();
    removeTempCopy(dir);
  });
  return {
    get client() {
      return client!;
    },
    file: (name) => path.join(dir, name),
  };
}

/** A throwaway copy of a repository folder (examples/, a fixture). */
export function tempCopy(relative: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-lsp-'));
  const target = path.join(dir, path.basename(relative));
  cpSync(path.join(REPO, relative), target, { recursive: true });
  madeByTempCopy.set(target, dir);
  return target;
}

/** Deletes a copy made by tempCopy; anything else is left alone. */
export function removeTempCopy(target: string): void {
  const dir = madeByTempCopy.get(target);
  if (!dir || path.dirname(target) !== dir || !path.basename(dir).startsWith('qmslint-lsp-')) return;
  madeByTempCopy.delete(target);
  rmSync(dir, { recursive: true, force: true });
}

export const uriOf = (file: string) => pathToFileURL(file).href;

export interface StartOptions {
  today?: string;
  /** Client capabilities beyond the defaults (refresh and file watching supported). */
  refreshSupport?: boolean;
  /** False: the client takes pushed diagnostics only (textDocument/publishDiagnostics). */
  pullDiagnostics?: boolean;
  /** The editor settings (qmslint.*) sent at initialization. */
  settings?: Record<string, unknown>;
  /** Threads for a folder's first lint (initialization option `jobs`). */
  jobs?: number;
  /** Ask for qmslint/coverageChanged (initialization option `coverageChanged`). */
  coverageChanged?: boolean;
  /** The client inserts completion snippets (tab stops); false by default. */
  snippetSupport?: boolean;
  /** The server's environment (default: this process's), e.g. a PATH without git. */
  env?: NodeJS.ProcessEnv;
  /** The server bundle to run (default out/server.js), e.g. the one of an unpacked .vsix. */
  server?: string;
}

export class TestClient {
  readonly stderr: string[] = [];
  refreshes = 0;
  private refreshWaiters: (() => void)[] = [];
  /** Pushed diagnostics by URI, newest last. */
  readonly published = new Map<string, Diagnostic[][]>();
  private publishWaiters: { uri: string; resolve: (d: Diagnostic[]) => void }[] = [];
  /** The folder URI of every qmslint/coverageChanged received, oldest first. */
  readonly coverageChanges: string[] = [];
  private coverageWaiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  initializeResult!: InitializeResult;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly folders: string[],
  ) {}

  static async start(folders: string[], options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: options.env } : {}) });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, folders);
    child.stderr!.on('data', (d) => client.stderr.push(String(d)));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      const waiters = client.refreshWaiters;
      client.refreshWaiters = [];
      for (const w of waiters) w();
      return null;
    });
    connection.onNotification('qmslint/coverageChanged', (p: { folder: string }) => {
      client.coverageChanges.push(p.folder);
      const waiters = client.coverageWaiters;
      client.coverageWaiters = [];
      for (const w of waiters) w();
    });
    connection.onNotification('window/logMessage', (m: { message: string }) => {
      client.stderr.push(m.message);
    });
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      client.published.set(p.uri, [...(client.published.get(p.uri) ?? []), p.diagnostics]);
      const ready = client.publishWaiters.filter((w) => w.uri === p.uri);
      client.publishWaiters = client.publishWaiters.filter((w) => w.uri !== p.uri);
      for (const w of ready) w.resolve(p.diagnostics);
    });
    connection.listen();
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      initializationOptions: { today: options.today ?? TODAY, ...(options.settings ? { settings: options.settings } : {}), ...(options.jobs ? { jobs: options.jobs } : {}), ...(options.coverageChanged ? { coverageChanged: true } : {}) },
      capabilities: {
        workspace: {
          diagnostics: { refreshSupport: options.refreshSupport ?? true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          ...(options.pullDiagnostics === false ? {} : { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }),
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
          completion: { completionItem: { snippetSupport: options.snippetSupport ?? false } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  request<R = unknown>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async open(file: string, text = readFileSync(file, 'utf8')): Promise<string> {
    const uri = uriOf(file);
    this.versions.set(uri, 1);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  async change(file: string, text: string): Promise<void> {
    const uri = uriOf(file);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(file: string): Promise<void> {
    await this.notify('textDocument/didClose', { textDocument: { uri: uriOf(file) } });
  }

  async pull(file: string): Promise<Diagnostic[]> {
    const report = await this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: uriOf(file) } });
    if (report.kind !== 'full') throw new Error('expected a full report');
    return report.items;
  }

  pullWorkspace(previousResultIds: { uri: string; value: string }[] = []): Promise<WorkspaceDiagnosticReport> {
    return this.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds });
  }

  /** Resolves with the next diagnostics pushed for a file. */
  nextPublish(file: string, timeoutMs = HANG_GUARD_MS): Promise<Diagnostic[]> {
    const uri = uriOf(file);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hang guard: no diagnostics pushed for ${uri} in ${timeoutMs / 1000} s`)), timeoutMs);
      this.publishWaiters.push({
        uri,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  /** Resolves at the next workspace/diagnostic/refresh from the server. */
  nextRefresh(timeoutMs = HANG_GUARD_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hang guard: no workspace/diagnostic/refresh arrived in ${timeoutMs / 1000} s`)), timeoutMs);
      this.refreshWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Resolves once `count` qmslint/coverageChanged notifications have arrived in all (at once if they have). */
  coverageChangesReach(count: number, timeoutMs = HANG_GUARD_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hang guard: ${this.coverageChanges.length} of ${count} qmslint/coverageChanged in ${timeoutMs / 1000} s`)), timeoutMs);
      const check = () => {
        if (this.coverageChanges.length >= count) {
          clearTimeout(timer);
          resolve();
        } else this.coverageWaiters.push(check);
      };
      check();
    });
  }

  alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async stop(): Promise<void> {
    try {
      if (this.alive()) {
        await Promise.race([this.request('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await this.notify('exit');
      }
    } catch {
      // the process may already be gone
    }
    await new Promise((r) => setTimeout(r, 50));
    this.connection.dispose();
    if (this.alive()) this.process.kill();
    for (const f of this.folders) removeTempCopy(f);
  }
}

/** Applies LSP text edits to a text (as an editor does: positions against the original text). */
export function applyLspEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r' && text[i + 1] !== '\n') starts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const sorted = edits.map((e, i) => ({ e, i, s: offset(e.range.start), t: offset(e.range.end) })).sort((a, b) => a.s - b.s || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e, s, t } of sorted) {
    out += text.slice(pos, s) + e.newText;
    pos = t;
  }
  return out + text.slice(pos);
}
