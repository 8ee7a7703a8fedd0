// Rule pages inside VS Code (issue 16, point 3): the code of a diagnostic in the Problems panel
// is a link to the rule's page, which the .vsix ships; following it, as a user clicks it, opens
// the page in VS Code's Markdown preview (the manifest associates the installed extension's
// docs with the preview). The finding comes from an unsaved edit of SOP-004 that breaks its
// front matter; the edit is reverted and the editors closed afterwards (the workspace is shared).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, open, qmslintDiagnostics, ruleOf, ui, uiUntil, waitFor } from './helpers';

const AUDIT = 'sops/sop-004-internal-audit.md';
const CLAUSES = 'clauses: ["8.2.4"]';

suite('rule pages', () => {
  test("a diagnostic's code in the Problems panel is a link; following it opens the rule page in the Markdown preview", async () => {
    const api = await activateExtension();
    // Two editors in the group, as a user has (the status bar's click switches between them, see status-bar.ts).
    await open('sops/sop-001-control-of-documents.md');
    const editor = await open(AUDIT);
    const uri = editor.document.uri;
    const at = editor.document.getText().indexOf(CLAUSES);
    assert.ok(at > 0, `${AUDIT} has ${CLAUSES}`);
    // Drop the closing bracket: front-matter-syntax on that line.
    const bracket = editor.document.positionAt(at + CLAUSES.length - 1);
    await editor.edit((b) => b.delete(new vscode.Range(bracket, bracket.translate(0, 1))));
    try {
      const finding = await waitFor('front-matter-syntax on SOP-004', () => qmslintDiagnostics(uri).find((d) => ruleOf(d) === 'front-matter-syntax'));
      // The squiggle is on the opening bracket's line (issue 16, point 5), not on the next key.
      assert.equal(finding.range.start.line, bracket.line);
      assert.equal(finding.range.start.character, CLAUSES.indexOf('['));

      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const page = vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', 'front-matter-syntax.md');
      assert.equal(typeof finding.code, 'object', 'the code carries a link');
      const target = (finding.code as { value: string; target: vscode.Uri }).target;
      assert.equal(target.path, page.path, "the link leads to the page inside the installed extension");

      // The Problems panel, opened as a user would from the status bar (filtered to this file).
      await waitFor('the status bar in its error state', () => api.status.item.text.includes('YAML error'));
      if (!(await ui('clickStatusbar', { text: 'YAML error' }))) await vscode.commands.executeCommand(api.status.item.command as string);
      const links = await uiUntil<{ text: string; href: string }[]>('the code link in the Problems panel', 'problemCodeLinks', {}, (ls) => ls.some((l) => l.text === 'front-matter-syntax'));
      if (links) {
        const link = links.find((l) => l.text === 'front-matter-syntax')!;
        assert.match(link.href, /\/docs\/rules\/front-matter-syntax\.md$/);
        await ui('screenshot', { name: 'problems-rule-link' });
        await ui('clickProblemCode', { code: 'front-matter-syntax' });
      } else {
        // No harness (as under @vscode/test-electron): open the link as the workbench does.
        await vscode.commands.executeCommand('vscode.open', target);
      }
      const tab = await waitFor('the rule page in the active editor group', () => {
        const active = vscode.window.tabGroups.activeTabGroup.activeTab;
        const input = active?.input;
        return (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) && input.uri.path === page.path ? active : undefined;
      });
      // Installed from the .vsix (its folder is <publisher>.<name>-<version>), the page opens in the
      // Markdown preview; loaded from this repository (--from=dev) it opens as text, for editing.
      if (ext.extensionUri.path.includes(`/${EXTENSION_ID}-`)) {
        assert.ok(tab.input instanceof vscode.TabInputCustom, `a preview, not ${tab.input?.constructor.name}`);
        assert.equal(tab.input.viewType, 'vscode.markdown.preview.editor');
      }
      assert.match(tab.label, /front-matter-syntax/);
      await ui('screenshot', { name: 'rule-page' });
      await vscode.window.tabGroups.close(tab);
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
