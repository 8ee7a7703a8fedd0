// New-document skeletons as a user gets one (issue 16, point 2): in a new, empty Markdown
// file of the workspace, type `sop`, ask for suggestions, accept the first, type a title
// into its first tab stop. The document gets the next free SOP id (one more than the
// highest any file in the workspace has, whatever the earlier tests created) and lints
// clean. The file is deleted afterwards: the fixture workspace is shared. An untitled
// Markdown file gets the skeletons too, with the workspace folder's next ids.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, qmslintDiagnostics, sleep, ui, uiUntil, waitFor } from './helpers';

const NEW_FILE = 'sops/new-procedure.md';

/** The highest PREFIX-nnn id in the front matter of the workspace's Markdown files, read without qmslint. */
async function highestNumber(prefix: string): Promise<{ max: number; ids: Set<string> }> {
  const ids = new Set<string>();
  for (const uri of await vscode.workspace.findFiles('**/*.md')) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const id = /^---\r?\n[\s\S]*?^id: *(\S+)/m.exec(text)?.[1];
    if (id) ids.add(id);
  }
  const numbers = [...ids].map((id) => (id.startsWith(`${prefix}-`) && /^\d+$/.test(id.slice(prefix.length + 1)) ? id.slice(prefix.length + 1) : undefined)).filter((n): n is string => n !== undefined).map(Number);
  return { max: Math.max(0, ...numbers), ids };
}

suite('new-document skeletons', () => {
  test('typing sop in an empty Markdown file offers the SOP skeleton with the next free id; accepted, it lints clean', async () => {
    const api = await activateExtension();
    const { max, ids } = await highestNumber('SOP');
    const expected = `SOP-${String(max + 1).padStart(3, '0')}`;
    assert.equal(ids.has(expected), false);

    const uri = fixtureUri(NEW_FILE);
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      assert.equal(editor.document.languageId, 'markdown');
      await vscode.commands.executeCommand('type', { text: 'sop' });
      assert.equal(editor.document.getText(), 'sop');

      // The provider answers with the skeleton (asked the way the suggest widget asks).
      const label = `SOP skeleton (${expected})`;
      await waitFor(`${label} among the completions`, async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 3));
        return list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === label);
      });
      // What the user does: Ctrl+Space, the row shows, Enter.
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await uiUntil<string[]>(`${label} in the suggest widget`, 'suggestRows', {}, (rows) => rows.some((r) => r.includes(label)));
      await ui('screenshot', { name: 'skeleton-completion' });
      await sleep(300);
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      await waitFor('the skeleton inserted', () => editor.document.getText().startsWith('---\n'));
      // The first tab stop is the title, selected: typing replaces it, in the heading too.
      await vscode.commands.executeCommand('type', { text: 'Handling of Returned Goods' });
      await vscode.commands.executeCommand('leaveSnippet');

      const text = editor.document.getText();
      assert.match(text, new RegExp(`^---\\nid: ${expected}\\ntitle: Handling of Returned Goods\\ntype: SOP\\nrevision: A\\nstatus: draft\\neffective_date: 2026-11-26\\n`));
      assert.match(text, /\n# Handling of Returned Goods\n/);
      assert.match(text, /\n\| A \| 2026-11-26 \| Quality Manager \| First issue \|\n/);
      await editor.document.save();

      // Ask the server directly (a pull is exact); then see the editor agree.
      const report = await api.client!.sendRequest<{ items: vscode.Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: uri.toString() } });
      assert.deepEqual(report.items, [], `findings on the new document: ${JSON.stringify(report.items)}`);
      await sleep(500);
      assert.deepEqual(qmslintDiagnostics(uri).map((d) => `${String(typeof d.code === 'object' ? d.code.value : d.code)}: ${d.message}`), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('an untitled Markdown file is offered the skeletons too: wi inserts the next free WI id', async () => {
    await activateExtension();
    const { max, ids } = await highestNumber('WI');
    const expected = `WI-${String(max + 1).padStart(3, '0')}`;
    assert.equal(ids.has(expected), false);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '' }), { preview: false });
    try {
      assert.equal(editor.document.uri.scheme, 'untitled');
      await vscode.commands.executeCommand('type', { text: 'wi' });
      const label = `WI skeleton (${expected})`;
      await waitFor(`${label} among the completions`, async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 2));
        return list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === label);
      });
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await uiUntil<string[]>(`${label} in the suggest widget`, 'suggestRows', {}, (rows) => rows.some((r) => r.includes(label)));
      await sleep(300);
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      await waitFor('the skeleton inserted', () => editor.document.getText().startsWith('---\n'));
      assert.match(editor.document.getText(), new RegExp(`^---\\nid: ${expected}\\ntitle: Title\\ntype: WI\\n`));
      assert.match(editor.document.getText(), /\n## Steps\n/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
