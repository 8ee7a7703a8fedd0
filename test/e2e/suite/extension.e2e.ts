// The extension in a real VS Code, on a fresh copy of test/e2e/fixture: what a
// quality engineer sees. Tests run in order and build on each other (the fix
// changes SOP-004, the new document joins the coverage), as a user's session does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { QmslintApi } from '../../../client/src/extension';
import type { ClauseNode, CoverageNode, DocumentNode, GroupNode, StandardNode } from '../../../client/src/coverage-view';
import { activateExtension, answerQuickPick, fixtureUri, open, qmslintDiagnostics, ruleOf, sleep, ui, uiUntil, waitFor } from './helpers';

const AUDIT = 'sops/sop-004-internal-audit.md';

interface TreeRow {
  text: string;
  level: number;
  expanded: boolean | null;
}

suite('qmslint in VS Code', () => {
  let api: QmslintApi;

  suiteSetup(async () => {
    // Start from a quiet workbench: no editors from an earlier session.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('activates on a Markdown file and starts the bundled server', async () => {
    await open(AUDIT);
    api = await activateExtension();
    const ext = vscode.extensions.getExtension('qmslint.qmslint')!;
    assert.equal(ext.isActive, true);
    assert.match(ext.packageJSON.engines.vscode, /^\^1\.91/);
  });

  test('the Problems panel lists qmslint diagnostics', async () => {
    const uri = fixtureUri(AUDIT);
    const mismatch = await waitFor('revision-mismatch on SOP-004', () => qmslintDiagnostics(uri).find((d) => ruleOf(d) === 'revision-mismatch'));
    assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(mismatch.range.start.line, 4, 'on the revision line');
    assert.match(mismatch.message, /^Revision B differs from the newest history row, C \(ISO 13485:2016 4\.2\.4 c\)\)\.$/);
    // Workspace findings (the coverage gaps go to the configuration file) come from the workspace pull.
    const config = fixtureUri('.qmslint.yaml');
    const gaps = await waitFor('a coverage-gap finding on .qmslint.yaml', () => {
      const found = qmslintDiagnostics(config).filter((d) => ruleOf(d) === 'coverage-gap');
      return found.length ? found : undefined;
    });
    // One finding for the whole QMS, listing the clauses; the detail is the Clause Coverage view's.
    assert.equal(gaps.length, 1, gaps.map((d) => d.message).join(' | '));
    assert.match(gaps[0].message, /^ISO 13485:2016: \d+ of 29 required clauses not covered \(ISO 13485:2016 4\.2\.1 c\)\)\.$/);

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const rows = await uiUntil<string[]>('qmslint rows in the Problems panel', 'problems', {}, (rs) =>
      rs.some((r) => r.includes('Revision B differs from the newest history row') && r.includes('revision-mismatch')),
    );
    if (rows) assert.ok(rows.some((r) => /coverage-gap/.test(r) || /\.qmslint\.yaml/.test(r)), `Problems panel rows: ${rows.join(' | ')}`);
    await ui('screenshot', { name: 'problems', plain: true });
  });

  test('the status bar shows the active document, with a warning look while it has findings', async () => {
    await open(AUDIT);
    await waitFor('status entry for SOP-004', () => api.status.info?.id === 'SOP-004' && api.status.item.text.includes('Rev B'));
    assert.match(api.status.item.text, /SOP-004 · Rev B · effective/);
    assert.ok(api.status.item.backgroundColor, 'an error background while revision-mismatch is open');
    await uiUntil<string[]>('the status bar entry', 'statusbar', {}, (items) => items.some((t) => t.includes('SOP-004 · Rev B · effective')));
    // A click shows the document's problems: the Problems panel, and the cursor on the first one.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand(api.status.item.command as string);
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 4);
    await uiUntil<string[]>('the Problems panel after a click on the status bar', 'problems', {}, (rs) => rs.some((r) => r.includes('revision-mismatch')));
  });

  test('a quick fix changes the text as the finding says', async () => {
    const editor = await open(AUDIT);
    const uri = editor.document.uri;
    const mismatch = qmslintDiagnostics(uri).find((d) => ruleOf(d) === 'revision-mismatch');
    assert.ok(mismatch);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, mismatch.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Set revision to C');
    assert.ok(fix?.edit, `quick fixes offered: ${titles.join(', ')}`);
    assert.ok(titles.some((t) => /disable|suppress/i.test(t) && t.includes('revision-mismatch')), `a suppression is offered too: ${titles.join(', ')}`);
    // The fix is what Enter takes in the Ctrl+. menu: first and preferred; the disable actions come last, never preferred.
    assert.equal(titles[0], 'Set revision to C', `quick fixes offered: ${titles.join(', ')}`);
    assert.equal(fix.isPreferred, true);
    const disables = actions.filter((a) => /^Disable revision-mismatch/.test(a.title));
    assert.deepEqual(disables.map((a) => a.isPreferred ?? false), [false, false]);
    assert.deepEqual(titles.slice(-2), disables.map((a) => a.title));
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(editor.document.lineAt(4).text, 'revision: C');
    assert.equal(editor.document.getText().includes('revision: B'), false);
    await editor.document.save();
    await waitFor('the finding to go', () => !qmslintDiagnostics(uri).some((d) => ruleOf(d) === 'revision-mismatch'));
    // The status bar follows: Rev C, and no alarm colour.
    await waitFor('status entry Rev C', () => api.status.item.text.includes('SOP-004 · Rev C · effective') && !api.status.item.backgroundColor);
    await uiUntil<string[]>('the status bar entry', 'statusbar', {}, (items) => items.some((t) => t.includes('SOP-004 · Rev C · effective')));
  });

  test('completion after "ISO 13485:2016 §7.3." offers the 7.3.x clauses with headings', async () => {
    const editor = await open(AUDIT);
    const last = editor.document.lineCount - 1;
    const lineEnd = editor.document.lineAt(last).range.end;
    await editor.edit((b) => b.insert(lineEnd, ' ISO 13485:2016 §7.3.'));
    const position = editor.document.lineAt(last).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position, '.');
    const clauses = list.items.filter((i) => /^7\.3\.\d+$/.test(typeof i.label === 'string' ? i.label : i.label.label));
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    assert.deepEqual(
      clauses.map(label),
      ['7.3.1', '7.3.2', '7.3.3', '7.3.4', '7.3.5', '7.3.6', '7.3.7', '7.3.8', '7.3.9', '7.3.10'],
    );
    const planning = clauses.find((i) => label(i) === '7.3.2')!;
    assert.equal(planning.detail, 'Design and development planning');
    assert.equal(list.items.some((i) => label(i) === '8.2.4'), false, 'only clauses under 7.3');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('completion of a document id shows its title in the row and strikes through an obsolete one', async () => {
    // SOP-003 made obsolete in its editor, unsaved: the server reads the open documents.
    const design = await open('sops/sop-003-design-control.md');
    const status = design.document.getText().indexOf('status: draft');
    await design.edit((b) => b.replace(new vscode.Range(design.document.positionAt(status), design.document.positionAt(status + 'status: draft'.length)), 'status: obsolete'));
    const editor = await open(AUDIT);
    const last = editor.document.lineCount - 1;
    await editor.edit((b) => b.insert(editor.document.lineAt(last).range.end, ' See SOP-00'));
    const position = editor.document.lineAt(last).range.end;
    const items = await waitFor('SOP-003 offered as obsolete', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
      const sop3 = list.items.find((i) => typeof i.label !== 'string' && i.label.label === 'SOP-003');
      return sop3?.tags?.includes(vscode.CompletionItemTag.Deprecated) ? list.items : undefined;
    });
    const row = (id: string) => items.find((i) => typeof i.label !== 'string' && i.label.label === id)!;
    const description = (id: string) => (row(id).label as vscode.CompletionItemLabel).description;
    assert.equal(description('SOP-001'), 'Control of Documents');
    assert.equal(row('SOP-001').tags?.includes(vscode.CompletionItemTag.Deprecated) ?? false, false);
    assert.equal(description('SOP-003'), 'Design and Development');
    // What the user sees: the suggest widget's rows, the title beside each id.
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position));
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await uiUntil<string[]>('SOP-001 with its title in the suggest widget', 'suggestRows', {}, (rows) => rows.some((r) => r.includes('SOP-001') && r.includes('Control of Documents')));
    await ui('screenshot', { name: 'completion-titles' });
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await open('sops/sop-003-design-control.md');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the walkthrough registers its steps with completion events VS Code knows, and its button opens the configuration', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'qmslint.qmslint#qmslint.gettingStarted', false);
    const steps = await uiUntil<{ id: string; done: boolean }[]>('the walkthrough steps', 'walkthroughSteps', {}, (rows) => rows.some((r) => r.id.endsWith('#createConfig')));
    if (steps) assert.deepEqual(steps.map((r) => r.id.split('#').pop()), ['createConfig', 'firstSop', 'coverage']);
    await ui('screenshot', { name: 'walkthrough' });
    // VS Code logs a completion event it does not know when it registers the step; that step could never complete.
    const unknown = await ui<string[]>('consoleLines', { text: 'Unknown completionEvent' });
    if (unknown) assert.deepEqual(unknown.filter((l) => l.includes('qmslint')), []);
    // The step's button: the fixture has a configuration, so it opens that one rather than writing a second.
    const opened = await vscode.commands.executeCommand<vscode.Uri>('qmslint.createConfig');
    assert.equal(opened?.toString(), fixtureUri('.qmslint.yaml').toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), opened?.toString());
    // Not asserted here: the step's check box. The walkthrough hears commands run by the workbench (a
    // click on the button), not those this suite runs in the extension host; and the fixture's
    // configuration exists before the walkthrough registers, which VS Code does not count as the
    // onContext event (client/src/config-context.ts). Clicking the button from the harness would.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the Clause Coverage view shows clauses, the documents that cover them, and a gap', async () => {
    await vscode.commands.executeCommand('qmslint.showCoverage');
    const [root] = (await api.coverage.getChildren()) as StandardNode[];
    assert.ok(root, `coverage view state: ${api.coverage.state} ${api.coverage.lastError ?? ''}`);
    assert.equal(api.coverage.getTreeItem(root).label, 'ISO 13485:2016');
    const groups = (await api.coverage.getChildren(root)) as GroupNode[];
    assert.deepEqual(
      groups.map((g) => g.clause.id),
      ['4', '5', '6', '7', '8'],
    );

    const controlOfDocuments = await api.coverage.findClause('4.2.4');
    assert.ok(controlOfDocuments);
    const item = api.coverage.getTreeItem(controlOfDocuments);
    assert.equal(item.label, '4.2.4 Control of documents');
    assert.equal(item.description, 'covered');
    const [sop1] = (await api.coverage.getChildren(controlOfDocuments)) as DocumentNode[];
    const sop1Item = api.coverage.getTreeItem(sop1);
    assert.equal(sop1Item.label, 'SOP-001 Control of…');
    assert.equal(sop1Item.description, 'effective');
    assert.equal(sop1Item.command?.command, 'vscode.open');

    // Only subclauses of 4.2 are cited (4.2.4 by SOP-001, 4.2.5 by SOP-002): partly covered, not covered.
    const documentation = await api.coverage.findClause('4.2');
    assert.ok(documentation);
    const documentationItem = api.coverage.getTreeItem(documentation);
    assert.equal(documentationItem.description, 'partly');
    assert.equal(documentationItem.contextValue, 'clause');
    const [bySubclause] = (await api.coverage.getChildren(documentation)) as DocumentNode[];
    assert.match(String(api.coverage.getTreeItem(bySubclause).description), /^effective · via 4\.2\.[45]$/);
    assert.match(String((api.coverage.getTreeItem(root).tooltip as vscode.MarkdownString).value), /\d+ partly covered \(approved or effective documents cite only their subclauses\)/);

    const design = await api.coverage.findClause('7.3.1');
    assert.equal(api.coverage.getTreeItem(design!).description, 'drafts only');

    // Cited, but only by a file without an id: a gap, shown apart from one no document cites.
    const purchasing = await api.coverage.findClause('7.4.1');
    assert.ok(purchasing);
    const purchasingItem = api.coverage.getTreeItem(purchasing);
    assert.equal(purchasingItem.description, 'uncontrolled');
    assert.equal(purchasingItem.contextValue, 'clause.gap');
    assert.match(String((purchasingItem.tooltip as vscode.MarkdownString).value), /Cited by uncontrolled documents \(no id, so they cover nothing\): imported\/purchasing\\?\.md/);
    const [imported] = (await api.coverage.getChildren(purchasing)) as DocumentNode[];
    assert.equal(imported.document.controlled, false);
    const importedItem = api.coverage.getTreeItem(imported);
    assert.equal(importedItem.label, 'Purchasing (imported)');
    assert.equal(importedItem.description, 'uncontrolled');
    assert.equal(importedItem.contextValue, 'document.uncontrolled');
    assert.match(String(importedItem.tooltip), /^imported\/purchasing\.md:7\nNot a controlled document/);
    assert.match(String((api.coverage.getTreeItem(root).tooltip as vscode.MarkdownString).value), /\d+ cited only by uncontrolled documents \(files without an id\), \d+ cited by no document/);

    const complaints = await api.coverage.findClause('8.2.2');
    assert.ok(complaints);
    assert.equal(api.coverage.getTreeItem(complaints).label, '8.2.2 Complaint handling');
    assert.equal(api.coverage.getTreeItem(complaints).description, 'missing');
    assert.equal(api.coverage.getTreeItem(complaints).contextValue, 'clause.gap');

    // Clicking a document opens it at the citation.
    await vscode.commands.executeCommand(sop1Item.command!.command, ...(sop1Item.command!.arguments ?? []));
    await waitFor('SOP-001 open at its citation', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('sop-001-control-of-documents.md') && e.selection.start.line === sop1.document.range.start.line;
    });

    // What the user sees in the view.
    await api.coverageView.reveal(controlOfDocuments, { expand: true, select: false, focus: false });
    await api.coverageView.reveal(complaints, { expand: true, select: true, focus: false });
    const rows = await uiUntil<TreeRow[]>('coverage rows in the view', 'tree', { view: 'Clause Coverage' }, (rs) =>
      ['ISO 13485:2016', '4.2.4 Control of documents', 'SOP-001 Control of', '8.2.2 Complaint handling'].every((t) => rs.some((r) => r.text.includes(t))),
    );
    if (rows) {
      const gap = rows.find((r) => r.text.includes('8.2.2 Complaint handling'))!;
      assert.match(gap.text, /missing/);
      const group = rows.find((r) => r.text.startsWith('4 Quality management'));
      assert.match(group?.text ?? '', /\d+\/\d+ · \d+ gaps?/);
    }
  });

  test('"Show Gaps Only" leaves the required clauses no effective document covers', async () => {
    await vscode.commands.executeCommand('qmslint.coverage.showGapsOnly');
    const [root] = (await api.coverage.getChildren()) as StandardNode[];
    const clauses: CoverageNode[] = [];
    for (const g of await api.coverage.getChildren(root)) clauses.push(...(await api.coverage.getChildren(g)));
    const ids = (clauses as ClauseNode[]).map((c) => c.clause.id);
    assert.ok(ids.includes('8.2.2') && ids.includes('7.3.1') && ids.includes('7.4.1'), ids.join(' '));
    assert.equal(ids.includes('4.2.4'), false, 'a covered clause is not a gap');
    await vscode.commands.executeCommand('qmslint.coverage.showAll');
  });

  test('New Controlled Document creates the next SOP from the snippet, and it lints clean', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('qmslint.newDocument', { type: 'SOP', title: 'Complaint Handling', clause: '8.2.2' });
    assert.ok(uri, 'a document was created');
    assert.match(uri.path, /\/sops\/sop-005-complaint-handling\.md$/);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, /^---\nid: SOP-005\ntitle: Complaint Handling\ntype: SOP\nrevision: A\nstatus: draft\neffective_date: 2026-11-26\n/);
    assert.match(text, /clauses: \["8\.2\.2"\]/);
    assert.match(text, /\n# Complaint Handling\n/);
    assert.match(text, /\n\| A \| 2026-11-26 \| Quality Manager \| First issue \|\n/);
    // Ask the server directly (a pull is exact); then see the editor agree.
    const report = await api.client!.sendRequest<{ kind: string; items: vscode.Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: uri.toString() } });
    assert.deepEqual(report.items, [], `findings on the new document: ${JSON.stringify(report.items)}`);
    await sleep(500);
    assert.deepEqual(qmslintDiagnostics(uri).map((d) => `${ruleOf(d)}: ${d.message}`), []);
    // The view follows: 8.2.2 is now covered by a draft.
    await waitFor('8.2.2 covered by a draft', async () => {
      const node = await api.coverage.findClause('8.2.2');
      return node && node.clause.state === 'draft-only' && node.clause.documents.some((d) => d.id === 'SOP-005');
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Bump Revision lists its changes and applies them only on Apply', async () => {
    const editor = await open('sops/sop-002-control-of-records.md');
    await waitFor('documentInfo for SOP-002', () => api.status.info?.id === 'SOP-002');
    const before = editor.document.getText();
    // Runs the command, presses `key` in the confirmation until the command is done; nothing changes while it waits.
    const bumpAnswering = (key: string) =>
      answerQuickPick<boolean>('qmslint.bumpRevision', [], key, async () => {
        assert.equal(editor.document.getText(), before, 'nothing is changed before the answer');
        await ui('screenshot', { name: 'bump-confirmation' });
      });

    // Escape: nothing applied.
    assert.equal(await bumpAnswering('workbench.action.closeQuickOpen'), false);
    assert.equal(editor.document.getText(), before);
    assert.equal(editor.document.isDirty, false);

    // Apply (the first item, selected), with the author setting the server now reads.
    await vscode.workspace.getConfiguration('qmslint').update('author', 'Ana Ruiz', vscode.ConfigurationTarget.Workspace);
    await sleep(500);
    try {
      assert.equal(await bumpAnswering('workbench.action.acceptSelectedQuickOpenItem'), true);
      const text = editor.document.getText();
      assert.match(text, /\nrevision: C\n/);
      assert.match(text, /\nstatus: draft\n/);
      assert.match(text, /\neffective_date: <enter effective date>\n/);
      assert.match(text, /\napprovals: \[\]\n/);
      assert.match(text, /\n\| B \| 2026-02-10 \| Dana Whitfield \| Retention aligned with the QMSR\. Approved by author Dana Whitfield 2026-02-10, .* \|\n\| C \| 2026-11-26 \| Ana Ruiz \| <enter description of change> \|\n$/);
    } finally {
      await vscode.workspace.getConfiguration('qmslint').update('author', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('Export Coverage Matrix writes the CLI formats', async () => {
    // Outside the workspace: a report written into it would be linted with the documents.
    const root = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'qmslint-export-')));
    for (const [format, expected] of [
      ['markdown', /^<!-- qmslint-disable-file -->\n# Clause coverage: ISO 13485:2016\n/],
      ['csv', /^Standard,Group,Clause,Heading,Procedure,State,Gap,Document ID/],
      ['html', /^<!DOCTYPE html>/i],
    ] as const) {
      const target = vscode.Uri.joinPath(root, `coverage.${format}`);
      const written = await vscode.commands.executeCommand<vscode.Uri>('qmslint.exportCoverage', { format, target: target.toString(), quiet: true });
      assert.equal(written?.toString(), target.toString());
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(text, expected);
      if (format === 'csv') assert.match(text, /4\.2\.4,Control of documents,procedure,covered,no,SOP-001,Control of Documents,effective,sops\/sop-001-control-of-documents\.md/);
    }
  });

  test('Export Document Master List writes the rows qmslint list writes, in each format', async () => {
    const root = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'qmslint-master-list-')));
    const exported = async (format: string) => {
      const target = vscode.Uri.joinPath(root, `master-list.${format}`);
      const written = await vscode.commands.executeCommand<vscode.Uri>('qmslint.exportMasterList', { format, target: target.toString(), quiet: true });
      assert.equal(written?.toString(), target.toString());
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    };
    const rows = JSON.parse(await exported('json')) as { id: string | null; title: string; status: string; path: string; approvals: { role: string }[] }[];
    const ids = rows.map((r) => r.id);
    assert.ok(ids.includes('SOP-001') && ids.includes('WI-001'), ids.join(', '));
    // Sorted by id, digits as numbers: the order the CLI gives.
    assert.deepEqual(ids, [...ids].sort((a, b) => String(a).localeCompare(String(b), 'en', { numeric: true })));
    const sop1 = rows.find((r) => r.id === 'SOP-001')!;
    assert.equal(sop1.title, 'Control of Documents');
    assert.equal(sop1.status, 'effective');
    assert.equal(sop1.path, 'sops/sop-001-control-of-documents.md');
    assert.deepEqual(sop1.approvals.map((a) => a.role), ['author', 'reviewer', 'approver']);
    assert.match(await exported('csv'), /^ID,Title,Type,Revision,Status,Effective date,Owner,Next review,Approvals,Training,References,Superseded by,Path\r?\n/);
    assert.match(await exported('markdown'), /\| SOP-001 \| Control of Documents \| SOP \|/);
    assert.match(await exported('html'), /^<!DOCTYPE html>/i);
  });

  test('Export Coverage Matrix never writes through a symbolic link at the target name', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qmslint-export-link-'));
    const victim = path.join(root, 'victim.txt');
    const dangling = path.join(root, 'not-yet.txt');
    fs.writeFileSync(victim, 'precious\n');
    fs.symlinkSync(victim, path.join(root, 'coverage.csv'));
    fs.symlinkSync(dangling, path.join(root, 'coverage.md'));
    for (const [format, name] of [['csv', 'coverage.csv'], ['markdown', 'coverage.md']] as const) {
      const target = vscode.Uri.file(path.join(root, name));
      const written = await vscode.commands.executeCommand<vscode.Uri>('qmslint.exportCoverage', { format, target: target.toString(), quiet: true });
      assert.equal(written, undefined);
    }
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
    assert.equal(fs.existsSync(dangling), false);
  });

  test('Select Standard switches the view to another standard and back', async () => {
    assert.equal(await vscode.commands.executeCommand('qmslint.selectStandard', 'iso9001:2015'), 'iso9001:2015');
    let [root] = (await api.coverage.getChildren()) as StandardNode[];
    assert.equal(api.coverage.getTreeItem(root).label, 'ISO 9001:2015');
    assert.equal(vscode.workspace.getConfiguration('qmslint').get('standard'), 'iso9001:2015');
    await vscode.commands.executeCommand('qmslint.selectStandard', 'iso13485:2016');
    [root] = (await api.coverage.getChildren()) as StandardNode[];
    assert.equal(api.coverage.getTreeItem(root).label, 'ISO 13485:2016');
    assert.equal(vscode.workspace.getConfiguration('qmslint').get('standard'), '');
  });

  test('Lint Workspace reports what the CLI reports', async () => {
    const summary = await vscode.commands.executeCommand<{ documents: number; errors: number; warnings: number }>('qmslint.lintWorkspace', true);
    assert.ok(summary);
    // The fixture after the fix and the new SOP: no errors; the coverage gaps are one warning.
    assert.equal(summary.errors, 0);
    assert.ok(summary.warnings >= 1, `warnings: ${summary.warnings}`);
  });

  test('the grammar marks clause citations, document ids, qmslint comments and known keys', async () => {
    const ext = vscode.extensions.getExtension('qmslint.qmslint')!;
    const grammars = ext.packageJSON.contributes.grammars as { injectTo: string[] }[];
    assert.ok(grammars.length === 2 && grammars.every((g) => g.injectTo.includes('text.html.markdown')));
    if (!process.env.QMSLINT_E2E_UI) return; // the scopes are read from the page: code-server only
    // The scopes as the editor computes them: "Developer: Inspect Editor Tokens and Scopes" at a position.
    const scopesAt = async (file: string, line: string, needle: string): Promise<string> => {
      const editor = await open(file);
      const row = [...Array(editor.document.lineCount).keys()].find((i) => editor.document.lineAt(i).text.includes(line));
      assert.ok(row !== undefined, `${file} has a line with ${line}`);
      const column = editor.document.lineAt(row).text.indexOf(needle, editor.document.lineAt(row).text.indexOf(line)) + 1;
      editor.selection = new vscode.Selection(row, column, row, column);
      await vscode.commands.executeCommand('editor.action.inspectTMScopes');
      try {
        return (await ui<string>('tokens')) ?? '';
      } finally {
        await vscode.commands.executeCommand('editor.action.inspectTMScopes');
      }
    };
    const SOP1 = 'sops/sop-001-control-of-documents.md';
    assert.match(await scopesAt(SOP1, 'It meets ISO 13485:2016', '13485'), /support\.type\.standard\.qmslint/);
    assert.match(await scopesAt(SOP1, 'It meets ISO 13485:2016', '4.2.4'), /constant\.numeric\.clause\.qmslint/);
    assert.match(await scopesAt(SOP1, '3. Records of the review', 'SOP-002'), /support\.constant\.document-id\.qmslint/);
    assert.match(await scopesAt(SOP1, 'effective_date:', 'effective_date'), /keyword\.other\.field\.qmslint/);
    // Keys after a block sequence stay keys: the injection leaves the YAML structure to the YAML grammar.
    const afterApprovals = await scopesAt(SOP1, 'next_review:', 'next_review');
    assert.match(afterApprovals, /keyword\.other\.field\.qmslint/);
    assert.doesNotMatch(afterApprovals, /invalid\.illegal/);
    assert.match(await scopesAt(SOP1, 'references: [SOP-002]', 'SOP-002'), /support\.constant\.document-id\.qmslint/);
    const WI = 'work-instructions/wi-001-label-inspection.md';
    const directive = await scopesAt(WI, 'qmslint-disable-next-line', 'disable');
    assert.match(directive, /keyword\.control\.directive\.qmslint/);
    assert.match(await scopesAt(WI, 'qmslint-disable-next-line', 'link-broken'), /variable\.parameter\.rule\.qmslint/);
    // Code is left alone: no citation scopes inside inline code.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a screenshot of the workbench with the coverage view open', async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await open('sops/sop-003-design-control.md');
    await vscode.commands.executeCommand('qmslint.showCoverage');
    await vscode.commands.executeCommand('workbench.actions.treeView.qmslint.coverage.collapseAll');
    await ui('sidebarWidth', { width: 560 });
    const [root] = (await api.coverage.getChildren()) as StandardNode[];
    await api.coverageView.reveal(root, { expand: true });
    for (const id of ['4.2.4', '4.2.5', '7.3.1']) await api.coverageView.reveal((await api.coverage.findClause(id))!, { expand: true });
    await api.coverageView.reveal((await api.coverage.findClause('7.3.1'))!, { select: true, focus: false });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await waitFor('status entry for SOP-003', () => api.status.info?.id === 'SOP-003');
    await sleep(800);
    await ui('screenshot', { name: 'coverage', plain: true });
  });
});
