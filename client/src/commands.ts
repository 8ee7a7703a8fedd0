// The smaller commands: export the coverage matrix or the document master list, select the standard,
// bump the revision (after a confirmation), lint the workspace, create a configuration. Each asks the
// server; none analyses anything itself.
import * as vscode from 'vscode';
import { CodeActionRequest, DocumentDiagnosticRequest, type CodeAction, type LanguageClient } from 'vscode-languageclient/node';
import type { CoverageProvider } from './coverage-view';
import { BUMP_REVISION_KIND } from '../../server/src/protocol/code-actions';
import { applyBump, bumpChanges } from './bump-confirm';
import { CoverageExportRequest } from '../../server/src/protocol/coverage-export';
import { MasterListExportRequest } from '../../server/src/protocol/master-list-export';
import { StandardsRequest } from '../../server/src/protocol/standards';
import { savedFilesNote, withSourceLine } from '../../server/src/shared/export-source';
import { SECTION } from './settings';

export const EXPORT_FORMATS = [
  { format: 'markdown', label: 'Markdown', detail: 'Summary, clause groups and one table per group: for a pull request or a wiki', extension: 'md' },
  { format: 'csv', label: 'CSV', detail: 'One row per clause and covering document: for a spreadsheet', extension: 'csv' },
  { format: 'html', label: 'HTML', detail: 'One self-contained page with figures, a chart and a filterable table', extension: 'html' },
] as const;

export interface ExportArgs {
  format?: string;
  /** Where to write (a file URI); asked for when absent. */
  target?: string;
  /** A workspace folder URI; the first folder the view shows when absent. */
  folder?: string;
  /** Do not offer to open the file (scripted use). */
  quiet?: boolean;
}

/** Export Coverage Matrix...: the report `qmslint coverage --format X` writes, for the standard the view shows. */
export async function exportCoverage(client: LanguageClient | undefined, view: CoverageProvider, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  if (!client) return undefined;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = args.folder ? folders.find((f) => f.uri.toString() === args.folder) : (view.standards[0]?.folder ?? folders[0]);
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder first: coverage is computed over a workspace folder.');
    return undefined;
  }
  const choice = args.format
    ? EXPORT_FORMATS.find((f) => f.format === args.format)
    : await vscode.window.showQuickPick(
        EXPORT_FORMATS.map((f) => ({ ...f, label: f.label, detail: f.detail })),
        { title: 'Export Coverage Matrix', placeHolder: 'Format' },
      );
  if (!choice) return undefined;
  const standard = view.standard;
  // The server reports on the files as saved; the report and the message count the editors with unsaved changes it left out.
  const unsaved = unsavedEditors(folder);
  const source = savedFilesNote(unsaved.length);
  const report = await client.sendRequest(CoverageExportRequest, { uri: folder.uri.toString(), format: choice.format, ...(standard ? { standard } : {}) });
  const name = `coverage-${report.standard.replace(/[^a-z0-9]+/gi, '-')}.${choice.extension}`;
  return saveReport(args, {
    title: 'Export Coverage Matrix',
    what: 'Coverage matrix',
    defaultUri: vscode.Uri.joinPath(folder.uri, name),
    choice,
    text: withSourceLine(report.text, choice.format, source),
    unsaved: unsaved.length,
    written: (where) => `Coverage matrix written to ${where}, ${source}.`,
  });
}

export const MASTER_LIST_FORMATS = [
  { format: 'markdown', label: 'Markdown', detail: 'A count per status and one table row per document: for a pull request or a wiki', extension: 'md' },
  { format: 'csv', label: 'CSV', detail: 'One row per document: for a spreadsheet (formula-like cells are kept as text)', extension: 'csv' },
  { format: 'json', label: 'JSON', detail: 'One object per document: for other tools', extension: 'json' },
  { format: 'html', label: 'HTML', detail: 'One self-contained page with a filterable table: for an auditor', extension: 'html' },
] as const;

/** Export Document Master List...: the list `qmslint list --format X` writes, for a workspace folder, from its saved files. */
export async function exportMasterList(client: LanguageClient | undefined, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  if (!client) return undefined;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = args.folder
    ? folders.find((f) => f.uri.toString() === args.folder)
    : folders.length > 1
      ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to list the controlled documents of' })
      : folders[0];
  if (!folder) {
    if (!folders.length) void vscode.window.showErrorMessage('Open a folder first: the master list lists the controlled documents of a workspace folder.');
    return undefined;
  }
  const choice = args.format
    ? MASTER_LIST_FORMATS.find((f) => f.format === args.format)
    : await vscode.window.showQuickPick(
        MASTER_LIST_FORMATS.map((f) => ({ ...f })),
        { title: 'Export Document Master List', placeHolder: 'Format' },
      );
  if (!choice) return undefined;
  // As the coverage export: from the files as saved, saying how many unsaved editors that leaves out.
  const unsaved = unsavedEditors(folder);
  const source = savedFilesNote(unsaved.length);
  const list = await client.sendRequest(MasterListExportRequest, { uri: folder.uri.toString(), format: choice.format });
  return saveReport(args, {
    title: 'Export Document Master List',
    what: 'Master list',
    defaultUri: vscode.Uri.joinPath(folder.uri, `master-list.${choice.extension}`),
    choice,
    text: withSourceLine(list.text, choice.format, source),
    unsaved: unsaved.length,
    written: (where) => `Master list of ${list.documents} controlled document${list.documents === 1 ? '' : 's'} written to ${where}, ${source}.`,
  });
}

/** An export's last steps, the same for every report: where to write, never through a link, then say so and offer to open it. */
async function saveReport(
  args: ExportArgs,
  report: {
    title: string;
    what: string;
    defaultUri: vscode.Uri;
    choice: { format: string; label: string; extension: string };
    text: string;
    unsaved: number;
    written: (where: string) => string;
  },
): Promise<vscode.Uri | undefined> {
  const { choice } = report;
  const target = args.target
    ? vscode.Uri.parse(args.target)
    : await vscode.window.showSaveDialog({ title: report.title, defaultUri: report.defaultUri, filters: { [choice.label]: [choice.extension] } });
  if (!target) return undefined;
  // The default name lies in the repository, which may have committed a link there: never write through it.
  if (await isSymbolicLink(target)) {
    void vscode.window.showErrorMessage(`${report.what} not written: ${vscode.workspace.asRelativePath(target)} is a symbolic link; choose another name.`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(report.text));
  if (!args.quiet) {
    const written = report.written(vscode.workspace.asRelativePath(target));
    const open = await (report.unsaved ? vscode.window.showWarningMessage(written, 'Open') : vscode.window.showInformationMessage(written, 'Open'));
    if (open) {
      if (choice.format === 'html') await vscode.env.openExternal(target);
      else await vscode.window.showTextDocument(target);
    }
  }
  return target;
}

const CONFIG_FILES = ['.qmslint.yaml', '.qmslint.yml', '.qmslint.json'];

/** The folder's editors with unsaved changes to what coverage reads: Markdown files and the qmslint configuration. */
function unsavedEditors(folder: vscode.WorkspaceFolder): vscode.TextDocument[] {
  return vscode.workspace.textDocuments.filter(
    (d) => d.isDirty && vscode.workspace.getWorkspaceFolder(d.uri)?.uri.toString() === folder.uri.toString() && (d.languageId === 'markdown' || CONFIG_FILES.includes(d.uri.path.split('/').pop() ?? '')),
  );
}

/** Select Standard...: the standard the coverage view shows, kept in the workspace's qmslint.standard setting. */
export async function selectStandard(client: LanguageClient | undefined, view: CoverageProvider, standard?: string): Promise<string | undefined> {
  if (!client) return undefined;
  const folder = view.standards[0]?.folder ?? vscode.workspace.workspaceFolders?.[0];
  const answer = await client.sendRequest(StandardsRequest, folder ? { uri: folder.uri.toString() } : {});
  let chosen = standard;
  if (chosen === undefined) {
    const current = view.standard ?? answer.configured;
    const picked = await vscode.window.showQuickPick(
      answer.standards.map((s) => ({
        label: s.title,
        description: [s.id === answer.configured ? 'configured' : '', s.id === current ? 'shown' : '', s.builtin ? '' : 'your pack'].filter(Boolean).join(' · '),
        detail: `${s.id} · ${s.clauses} clauses`,
        id: s.id,
      })),
      { title: 'Select Standard', placeHolder: 'Standard for the Clause Coverage view' },
    );
    if (!picked) return undefined;
    chosen = picked.id;
  }
  if (!answer.standards.some((s) => s.id === chosen)) {
    void vscode.window.showErrorMessage(`qmslint: unknown standard ${chosen}; known: ${answer.standards.map((s) => s.id).join(', ')}.`);
    return undefined;
  }
  view.standard = chosen === answer.configured ? undefined : chosen;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update('standard', view.standard ?? '', target);
  await view.refresh();
  return chosen;
}

/**
 * Bump Revision: the server's "Bump revision" source action on the active document, applied
 * once the user has seen what it changes (the server's words for its edits) and chosen Apply.
 */
export async function bumpRevision(client: LanguageClient | undefined): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Open a controlled document to bump its revision.');
    return false;
  }
  // Asked of the server directly: the action's data (the changes in words) does not survive vscode.executeCodeActionProvider.
  const actions = await client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: [BUMP_REVISION_KIND] },
  });
  const bump = actions?.find((a): a is CodeAction => 'kind' in a && a.kind === BUMP_REVISION_KIND && a.edit !== undefined);
  if (!bump?.edit) {
    void vscode.window.showWarningMessage(
      'qmslint cannot bump this revision: the document needs an id, a revision it can count on from (A, 1, 1.0 ...) and a readable revision history.',
    );
    return false;
  }
  return applyBump(bump.title, bumpChanges(bump.data) ?? [], await client.protocol2CodeConverter.asWorkspaceEdit(bump.edit));
}

export interface LintSummary {
  documents: number;
  withFindings: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Lint Workspace: every Markdown file of every folder, as `qmslint` in CI; the Problems panel shows the result. */
export async function lintWorkspace(client: LanguageClient | undefined, quiet = false): Promise<LintSummary | undefined> {
  if (!client) return undefined;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'qmslint: linting the workspace' },
    async () => {
      const report = await client.sendRequest<{ items: { kind: string; items?: { severity?: number }[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
      const full = report.items.filter((i) => i.kind === 'full');
      const all = full.flatMap((i) => i.items ?? []);
      return {
        documents: report.items.length,
        withFindings: full.filter((i) => i.items?.length).length,
        errors: all.filter((d) => d.severity === 1).length,
        warnings: all.filter((d) => d.severity === 2).length,
        infos: all.filter((d) => d.severity !== 1 && d.severity !== 2).length,
      };
    },
  );
  // Let the editor pull again, so the Problems panel shows exactly this run.
  client.getFeature(DocumentDiagnosticRequest.method)?.refresh();
  if (!quiet) {
    const problems = summary.errors + summary.warnings + summary.infos;
    const message = problems
      ? `qmslint: ${summary.errors} errors, ${summary.warnings} warnings${summary.infos ? `, ${summary.infos} notes` : ''} in ${summary.withFindings} of ${summary.documents} files.`
      : `qmslint: ${summary.documents} files, no problems.`;
    void vscode.window.showInformationMessage(message, ...(problems ? ['Show Problems'] : [])).then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return summary;
}

const CONFIG_TEMPLATE = (standard: string) => `# qmslint configuration: https://github.com/qmslint/qmslint#configuration
standard: ${standard}
# Markdown files that are controlled documents even without an id in front matter:
documents: []
ignore: ["README.md"]
rules: {}
`;

/** Create Configuration: a .qmslint.yaml at the workspace folder's root, opened for editing. */
export async function createConfig(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for .qmslint.yaml' }) : folders[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder first: the configuration lives at its root.');
    return undefined;
  }
  for (const name of ['.qmslint.yaml', '.qmslint.yml', '.qmslint.json']) {
    const existing = vscode.Uri.joinPath(folder.uri, name);
    try {
      await vscode.workspace.fs.stat(existing);
      await vscode.window.showTextDocument(existing);
      return existing;
    } catch {
      // not there
    }
  }
  const standard = await vscode.window.showQuickPick(
    [
      { label: 'ISO 13485:2016', description: 'medical devices', id: 'iso13485:2016' },
      { label: 'ISO 9001:2015', description: 'quality management', id: 'iso9001:2015' },
      { label: '21 CFR 820', description: 'FDA QMSR', id: '21cfr820' },
    ],
    { title: 'Create qmslint Configuration', placeHolder: 'Standard the QMS implements' },
  );
  if (!standard) return undefined;
  const target = vscode.Uri.joinPath(folder.uri, '.qmslint.yaml');
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(CONFIG_TEMPLATE(standard.id)));
  await vscode.window.showTextDocument(target);
  return target;
}

/** Whether the name is a symbolic link (dangling or not); a name that does not exist is not. */
async function isSymbolicLink(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.SymbolicLink) !== 0;
  } catch {
    return false;
  }
}
