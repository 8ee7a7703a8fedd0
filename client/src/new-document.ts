// New Controlled Document: pick a type, enter a title, and get a file named
// after the next free id of that type, written from the type's skeleton
// (server/src/shared/skeleton.ts, the text the skeleton completion inserts too)
// with the id, title, type, today's date and the folder's own key names, list
// layout and standard filled in. The remaining fields stay as tab stops, each
// with a value that already lints clean.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NewDocumentRequest, type NewDocumentResponse, type NewDocumentType } from '../../server/src/protocol/new-document';
import { documentSnippet, slug } from './templates';

/** Arguments for scripted use (tests, keybindings); every one is asked for when absent. */
export interface NewDocumentArgs {
  type?: string;
  title?: string;
  /** A workspace folder URI. */
  folder?: string;
  /** The clause the document cites first (the view's "New Document for This Clause"); a gap of the standard when absent. */
  clause?: string;
}


export async function newControlledDocument(context: vscode.ExtensionContext, client: LanguageClient | undefined, args: NewDocumentArgs = {}): Promise<vscode.Uri | undefined> {
  if (!client) {
    void vscode.window.showWarningMessage('qmslint is disabled (qmslint.enable); enable it to create controlled documents.');
    return undefined;
  }
  const folder = await pickFolder(args.folder);
  if (!folder) return undefined;
  const info = await client.sendRequest(NewDocumentRequest, { uri: folder.uri.toString() });

  const type = args.type ? info.types.find((t) => t.type === args.type) : await pickType(info);
  if (!type) {
    if (args.type) void vscode.window.showErrorMessage(`qmslint: unknown document type ${args.type}; known: ${info.types.map((t) => t.type).join(', ')}.`);
    return undefined;
  }
  const title =
    args.title ??
    (await vscode.window.showInputBox({
      title: `New ${type.type} ${type.nextId}`,
      prompt: `Title of ${type.nextId}`,
      placeHolder: 'e.g. Control of Documents',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? (/[\r\n]/.test(v) ? 'One line only' : undefined) : 'A controlled document needs a title'),
    }));
  if (!title?.trim()) return undefined;

  const body = documentSnippet(args.clause ? { ...info, clause: args.clause } : info, type, title.trim());
  const target = await freeFile(vscode.Uri.parse(type.directory), `${slug(`${type.nextId} ${title}`)}.md`);
  await vscode.workspace.fs.writeFile(target, new Uint8Array());
  const document = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(body), new vscode.Position(0, 0));
  await document.save();
  return target;
}

async function pickFolder(uri: string | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (uri) return folders.find((f) => f.uri.toString() === uri);
  if (!folders.length) {
    void vscode.window.showErrorMessage('Open a folder first: controlled documents live in a workspace folder.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new document' });
}

async function pickType(info: NewDocumentResponse): Promise<NewDocumentType | undefined> {
  const items = info.types.map((t) => ({
    label: t.type,
    description: `next id ${t.nextId}`,
    detail: [
      t.approvals.length ? `approved by ${t.approvals.join(', ')}` : 'no approvals required',
      t.historyRequired ? 'revision history' : 'no revision history',
      `${t.count} in this folder`,
    ].join(' · '),
    type: t,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'New Controlled Document', placeHolder: 'Document type', ignoreFocusOut: true });
  return picked?.type;
}

async function freeFile(dir: vscode.Uri, name: string): Promise<vscode.Uri> {
  const ext = path.posix.extname(name);
  const stem = name.slice(0, -ext.length);
  for (let i = 1; ; i++) {
    const candidate = vscode.Uri.joinPath(dir, i === 1 ? name : `${stem}-${i}${ext}`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}
