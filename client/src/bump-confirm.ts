// Bump revision asks before it changes anything, however it is started: the
// Bump Revision command, the light bulb's "Bump revision" quick fix on a stale
// approval, or the source action in Ctrl+. A click in the light bulb would
// otherwise apply the server's edit at once. The server's action carries what
// its edit changes, in words (its `data`); here its edit is swapped for a
// command that lists those changes and applies the edit only on Apply.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { BumpRevisionData } from '../../server/src/protocol/code-actions';

/** The internal command the light bulb's Bump revision runs instead of applying its edit. */
export const APPLY_BUMP_COMMAND = 'qmslint.applyBumpRevision';

/** The changes in words of a Bump revision action (its data); undefined for any other action. */
export function bumpChanges(data: unknown): string[] | undefined {
  const changes = (data as Partial<BumpRevisionData> | undefined)?.changes;
  return Array.isArray(changes) && changes.every((c) => typeof c === 'string') ? changes : undefined;
}

/** Apply first, Cancel second, then each change on a line of its own; Escape cancels, picking a change line asks again. */
export async function confirmBump(title: string, changes: string[]): Promise<boolean> {
  const apply = { label: '$(check) Apply', description: `${changes.length} changes` };
  const cancel = { label: '$(close) Cancel' };
  const items: vscode.QuickPickItem[] = [apply, cancel, { label: 'Changes', kind: vscode.QuickPickItemKind.Separator }, ...changes.map((c) => ({ label: c }))];
  for (;;) {
    const picked = await vscode.window.showQuickPick(items, { title: `qmslint: ${title}`, placeHolder: 'Apply these changes to the document?', ignoreFocusOut: true });
    if (picked === apply) return true;
    if (picked === undefined || picked === cancel) return false;
  }
}

/** Asks, then applies; true when the edit was applied. */
export async function applyBump(title: string, changes: string[], edit: vscode.WorkspaceEdit): Promise<boolean> {
  if (!(await confirmBump(title, changes))) return false;
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) void vscode.window.setStatusBarMessage(`qmslint: ${title}`, 4000);
  return applied;
}

/** Language client middleware: every Bump revision action the server offers asks first. */
export const confirmBumpActions: Middleware['provideCodeActions'] = async (document, range, context, token, next) => {
  const actions = await next(document, range, context, token);
  return actions?.map((action) => {
    if (!(action instanceof vscode.CodeAction) || !action.edit) return action;
    const changes = bumpChanges((action as { data?: unknown }).data);
    if (!changes) return action;
    const edit = action.edit;
    action.edit = undefined;
    action.command = { title: action.title, command: APPLY_BUMP_COMMAND, arguments: [action.title, changes, edit] };
    return action;
  });
};
