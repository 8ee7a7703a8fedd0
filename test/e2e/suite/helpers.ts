// Helpers for tests that run inside VS Code's extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QmslintApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'qmslint.qmslint';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open');
  return folder.uri;
}

export const fixtureUri = (relative: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));

export async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/**
 * How long a wait may last before it counts as a hang: minutes, so that a loaded machine
 * never fails a test that would pass on a quiet one (as test/hang-guard.mts for vitest).
 */
export const HANG_GUARD_MS = 2 * 60_000;

/** Polls until `check` returns a value that is not undefined/false; fails with `what` and the last value seen. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeout = HANG_GUARD_MS): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await sleep(100);
  }
}

export async function activateExtension(): Promise<QmslintApi> {
  const ext = vscode.extensions.getExtension<QmslintApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  await api.ready();
  assert.ok(api.client?.isRunning(), 'the language server runs');
  return api;
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(relative));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export const qmslintDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'qmslint');

export const ruleOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

/**
 * Asks the harness about the workbench as the user sees it (the DOM of the
 * page code-server serves). Undefined when no harness is listening, as under
 * @vscode/test-electron: the tests then check what the API shows.
 */
export async function ui<T = unknown>(action: string, args: Record<string, unknown> = {}): Promise<T | undefined> {
  const base = process.env.QMSLINT_E2E_UI;
  if (!base) return undefined;
  const response = await fetch(`${base}/ui`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action, ...args }) });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: string };
  if (!body.ok) throw new Error(`harness: ${action}: ${body.error}`);
  return body.value;
}

/** Asks the harness until the DOM shows what `accept` wants (the workbench draws asynchronously). */
export async function uiUntil<T>(what: string, action: string, args: Record<string, unknown>, accept: (value: T) => boolean, timeout = HANG_GUARD_MS): Promise<T | undefined> {
  if (!process.env.QMSLINT_E2E_UI) return undefined;
  let last: T | undefined;
  try {
    return await waitFor(
      what,
      async () => {
        last = await ui<T>(action, args);
        return last !== undefined && accept(last) ? last : undefined;
      },
      timeout,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; the workbench showed ${JSON.stringify(last)?.slice(0, 1500)}`);
  }
}

/**
 * Runs a command that asks in a quick pick (Bump revision's confirmation) and answers it with `key`, a
 * workbench command (accept the selected item, close), pressed until the command is done. With
 * `whileAsked`, first checks that the command still waits a moment later and runs `whileAsked` then
 * (what must hold before the answer); the command's result.
 */
export async function answerQuickPick<T>(command: string, args: unknown[], key: string, whileAsked?: () => Promise<void> | void): Promise<T> {
  let done = false;
  const run = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (done = true));
  if (whileAsked) {
    await sleep(1000);
    assert.equal(done, false, `${command} waits for an answer`);
    await whileAsked();
  }
  await waitFor(`the quick pick to take ${key}`, async () => {
    if (!done) await vscode.commands.executeCommand(key);
    return done;
  });
  return run;
}
