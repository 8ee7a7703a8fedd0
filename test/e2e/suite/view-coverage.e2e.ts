// The Clause Coverage view in a real VS Code (issue 16, point 9): rows that fit the default side bar
// (~300 px) with short labels, the detail in the description and tooltip; filters and standards that
// change without "No tree item with id" in the extension host's log; exports made from the saved
// files, which say so. Runs after extension.e2e.ts on the same workspace, and leaves it as it found it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { QmslintApi } from '../../../client/src/extension';
import type { CoverageNode, StandardNode } from '../../../client/src/coverage-view';
import { activateExtension, open, sleep, ui, uiUntil, waitFor } from './helpers';

interface RowFit {
  label: string;
  description: string;
  labelCut: boolean;
  rowCut: boolean;
  labelWidth: number;
  room: number;
}

const VIEW = 'Clause Coverage';
const TREE_ERROR = 'No tree item with id';

/** Every node of the tree as it is now (under the current filter), depth first. */
async function allNodes(api: QmslintApi): Promise<CoverageNode[]> {
  const out: CoverageNode[] = [];
  const walk = async (node?: CoverageNode) => {
    for (const child of await api.coverage.getChildren(node)) {
      out.push(child);
      await walk(child);
    }
  };
  await walk();
  return out;
}

suite('Clause Coverage view: narrow rows, stable rows, exports from saved files', () => {
  let api: QmslintApi;

  suiteSetup(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  test('rows fit a 300 px side bar: the clause number and a short heading, the detail beside and in the tooltip', async () => {
    await vscode.commands.executeCommand('qmslint.showCoverage');
    await vscode.commands.executeCommand('workbench.actions.treeView.qmslint.coverage.collapseAll');
    const width = await ui<number>('sidebarWidth', { width: 300 });
    if (width !== undefined) assert.ok(Math.abs(width - 300) <= 12, `side bar width ${width}`);
    const [root] = (await api.coverage.getChildren()) as StandardNode[];
    await api.coverageView.reveal(root, { expand: true, select: false, focus: false });
    // What the API gives VS Code: short labels, short states, the whole heading in the tooltip.
    const long = (await api.coverage.findClause('4.1.1'))!;
    const longItem = api.coverage.getTreeItem(long);
    assert.equal(longItem.label, '4.1.1 QMS documented and…');
    assert.match((longItem.tooltip as vscode.MarkdownString).value, /QMS documented and maintained; organization's roles/);
    assert.equal(longItem.description, 'not cited');
    const purchasing = api.coverage.getTreeItem((await api.coverage.findClause('7.4.1'))!);
    assert.equal(purchasing.description, 'uncontrolled');
    assert.match((purchasing.tooltip as vscode.MarkdownString).value, /State: procedure required · uncontrolled only/);
    for (const node of await allNodes(api)) {
      const label = String(api.coverage.getTreeItem(node).label);
      assert.ok(label.length <= 26, `a row label longer than 26 characters: ${label}`);
    }

    // What the user sees: no label cut by the side bar's edge. A few clauses at a time, each set
    // opened from a collapsed tree, so that all their rows are drawn (the list draws only what is in sight).
    const seen: RowFit[] = [];
    const sets: [string[], string[]][] = [
      [['4.1.1', '4.2.4'], ['4.1.1 QMS documented and…', '4.2.4 Control of documents', 'SOP-001 Control of…']],
      [['7.4.1'], ['7.4.1 Purchasing process', 'Purchasing (imported)']],
      [['8.2.2'], ['8.2.2 Complaint handling']],
    ];
    for (const [ids, expected] of sets) {
      await vscode.commands.executeCommand('workbench.actions.treeView.qmslint.coverage.collapseAll');
      for (const id of ids) await api.coverageView.reveal((await api.coverage.findClause(id))!, { expand: true, select: false, focus: false });
      const rows = await uiUntil<RowFit[]>(`the rows of ${ids.join(', ')} drawn`, 'treeRowsFit', { view: VIEW }, (rs) => expected.every((l) => rs.some((r) => r.label === l)));
      if (!rows) break; // no harness: the API checks above stand
      seen.push(...rows);
      if (ids.includes('4.1.1')) await ui('screenshot', { name: 'coverage-narrow' });
    }
    const cut = seen.filter((r) => r.labelCut);
    assert.deepEqual(cut, [], `rows whose label the side bar cuts: ${JSON.stringify(cut)}`);
    const complaints = seen.find((r) => r.label === '8.2.2 Complaint handling');
    // The description beside the label is the clause's state in a word or two ("missing", or "drafts only" once a draft cites it).
    if (complaints) assert.equal(complaints.description, api.coverage.getTreeItem((await api.coverage.findClause('8.2.2'))!).description);
    assert.match(String(api.coverage.getTreeItem((await api.coverage.findClause('8.2.2'))!).description), /^(missing|drafts only)$/);
  });

  test('Show Gaps Only, Select Standard and refresh with a row selected log no "No tree item with id"', async () => {
    await vscode.commands.executeCommand('qmslint.showCoverage');
    const select = async (id: string) => {
      const node = await api.coverage.findClause(id);
      assert.ok(node, `clause ${id} in the view`);
      await api.coverageView.reveal(node, { expand: true, select: true, focus: false });
    };
    await select('8.2.2');
    // Quick and slow toggles, each with a row selected and rows expanded.
    for (let i = 0; i < 3; i++) {
      await vscode.commands.executeCommand('qmslint.coverage.showGapsOnly');
      await sleep(300);
      await vscode.commands.executeCommand('qmslint.coverage.showAll');
      await sleep(300);
    }
    await vscode.commands.executeCommand('qmslint.coverage.showGapsOnly');
    await vscode.commands.executeCommand('qmslint.coverage.showAll');
    await select('4.2.4');
    await vscode.commands.executeCommand('qmslint.coverage.refresh');
    await vscode.commands.executeCommand('qmslint.coverage.refresh');
    // Another standard and back, with a filter on and a row selected in each.
    assert.equal(await vscode.commands.executeCommand('qmslint.selectStandard', 'iso9001:2015'), 'iso9001:2015');
    await select('8.2.2');
    await vscode.commands.executeCommand('qmslint.coverage.showGapsOnly');
    await sleep(400);
    assert.equal(await vscode.commands.executeCommand('qmslint.selectStandard', 'iso13485:2016'), 'iso13485:2016');
    await vscode.commands.executeCommand('qmslint.coverage.showAll');
    await select('7.3.1');
    await vscode.commands.executeCommand('qmslint.showCoverage');

    // Row ids are unique under each filter (VS Code refuses a repeated one).
    for (const gapsOnly of [true, false]) {
      await vscode.commands.executeCommand(gapsOnly ? 'qmslint.coverage.showGapsOnly' : 'qmslint.coverage.showAll');
      const ids = (await allNodes(api)).map((n) => api.coverage.getTreeItem(n).id);
      assert.equal(new Set(ids).size, ids.length, `repeated row ids with gapsOnly=${gapsOnly}`);
    }
    // Let the workbench ask for every row it shows, then read the log.
    await uiUntil<{ text: string }[]>('the view drawn again', 'tree', { view: VIEW }, (rs) => rs.some((r) => r.text.startsWith('ISO 13485:2016')));
    await sleep(1500);
    const errors = await ui<string[]>('extHostLogLines', { text: TREE_ERROR });
    if (errors) assert.deepEqual(errors, [], `the extension host logged: ${errors.join('\n')}`);
    assert.equal(vscode.workspace.getConfiguration('qmslint').get('standard'), '');
  });

  test('Export Coverage Matrix reports the saved files and says how many unsaved editors it left out', async () => {
    await vscode.commands.executeCommand('qmslint.showCoverage');
    const editor = await open('sops/sop-002-control-of-records.md');
    const line = [...Array(editor.document.lineCount).keys()].find((i) => editor.document.lineAt(i).text === 'clauses: ["4.2.5"]');
    assert.ok(line !== undefined, 'SOP-002 declares 4.2.5');
    try {
      // Unsaved: the effective SOP-002 now also declares 8.2.2. The view follows the editor.
      await editor.edit((e) => e.replace(editor.document.lineAt(line).range, 'clauses: ["4.2.5", "8.2.2"]'));
      assert.equal(editor.document.isDirty, true);
      await waitFor('8.2.2 covered by SOP-002 in the view', async () => {
        const node = await api.coverage.findClause('8.2.2');
        return node?.clause.state === 'covered' && node.clause.documents.some((d) => d.id === 'SOP-002');
      });

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qmslint-export-saved-'));
      const csv = vscode.Uri.file(path.join(dir, 'coverage.csv'));
      assert.equal((await vscode.commands.executeCommand<vscode.Uri>('qmslint.exportCoverage', { format: 'csv', target: csv.toString(), quiet: true }))?.toString(), csv.toString());
      const rows = fs.readFileSync(csv.fsPath, 'utf8').split('\n');
      assert.match(rows[0], /^Standard,Group,Clause,Heading,/, 'the CSV starts with its header row, as the CLI writes it');
      assert.deepEqual(
        rows.filter((r) => r.includes(',8.2.2,') && r.includes('SOP-002')),
        [],
        'the saved SOP-002 does not cite 8.2.2',
      );
      assert.ok(rows.some((r) => r.includes(',4.2.5,') && r.includes('SOP-002')));

      const md = vscode.Uri.file(path.join(dir, 'coverage.md'));
      if (!process.env.QMSLINT_E2E_UI) return; // the message is read from the page: code-server only
      // As a user runs it: the message after the export says what it was made from. It waits for an
      // answer (Open), so the command runs on while the message is read from the notification center.
      let failed: unknown;
      const run = Promise.resolve(vscode.commands.executeCommand<vscode.Uri>('qmslint.exportCoverage', { format: 'markdown', target: md.toString() })).catch((e) => {
        failed = e;
        return undefined;
      });
      await vscode.commands.executeCommand('notifications.showList');
      try {
        const shown = await uiUntil<string[]>('the export message', 'notifications', {}, (ts) => failed !== undefined || ts.some((t) => t.includes('Coverage matrix written to')), 60_000);
        await ui('screenshot', { name: 'export-saved-files' });
        assert.equal(failed, undefined, `the export failed: ${failed}`);
        assert.ok(
          shown?.some((t) => t.includes('Coverage matrix written to') && t.includes('from saved files; 1 unsaved editor was not included')),
          `notifications: ${JSON.stringify(shown)}`,
        );
      } finally {
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.commands.executeCommand('notifications.hideList');
      }
      assert.equal((await run)?.toString(), md.toString());
      const text = fs.readFileSync(md.fsPath, 'utf8');
      assert.match(text, /^<!-- qmslint-disable-file -->\n# Clause coverage: ISO 13485:2016\n\n_Made from saved files; 1 unsaved editor was not included\._\n/);
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
