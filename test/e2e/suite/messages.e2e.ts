// Messages written for the Problems panel (issue 16, point 4): every qmslint diagnostic is one plain
// sentence under 100 characters that names its clause (or says it is the configuration's rule),
// and the hover over the squiggle shows the rest, why it matters and how to fix it. The finding
// comes from an unsaved edit of SOP-004 that drops its owner; the edit is reverted and the editor
// closed afterwards (the workspace is shared).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, open, qmslintDiagnostics, ruleOf, ui, uiUntil, waitFor } from './helpers';

const AUDIT = 'sops/sop-004-internal-audit.md';
const OWNER = 'owner: Quality Manager\n';
const MESSAGE = 'Missing owner (your configuration requires it).';
const DETAIL = 'Your configuration requires owner (who answers for reviewing and updating the document). Add owner: to the front matter';

/** What test/message-form.ts holds every finding to: no backtick, one sentence, under 100 characters. */
function formProblem(message: string): string | undefined {
  if (message.includes('`')) return 'a backtick';
  if (message.length >= 100) return `${message.length} characters`;
  if (/[.?!]\s/.test(message)) return 'more than one sentence';
  return undefined;
}

suite('messages for the Problems panel', () => {
  test('each diagnostic is one short plain sentence naming its clause; the hover over it says why and how to fix it', async () => {
    await activateExtension();
    const editor = await open(AUDIT);
    const uri = editor.document.uri;
    const at = editor.document.getText().indexOf(OWNER);
    assert.ok(at > 0, `${AUDIT} has ${OWNER.trim()}`);
    const start = editor.document.positionAt(at);
    await editor.edit((b) => b.delete(new vscode.Range(start, start.translate(1, 0))));
    try {
      const finding = await waitFor('field-missing on SOP-004', () => qmslintDiagnostics(uri).find((d) => ruleOf(d) === 'field-missing'));
      assert.equal(finding.message, MESSAGE);

      // Every qmslint diagnostic the workspace shows, the coverage gaps on .qmslint.yaml included.
      const all = vscode.languages.getDiagnostics().flatMap(([, list]) => list.filter((d) => d.source === 'qmslint'));
      assert.ok(all.length > 1, `${all.length} qmslint diagnostics`);
      const bad = all.map((d) => [d.message, formProblem(d.message)]).filter(([, p]) => p);
      assert.deepEqual(bad, []);

      // The hover the server gives over the squiggle carries the detail.
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, finding.range.start);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.ok(text.includes(DETAIL), text);

      // As the user sees it: the hover over the squiggle shows the message, then the detail.
      editor.selection = new vscode.Selection(finding.range.start, finding.range.start);
      editor.revealRange(finding.range, vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.showHover');
      const shown = await uiUntil<string[]>('the detail in the hover over the squiggle', 'hoverText', {}, (rows) => rows.some((r) => r.includes(DETAIL)));
      if (shown) {
        const joined = shown.join(' | ');
        assert.ok(joined.includes(MESSAGE), joined);
        assert.ok(joined.indexOf(MESSAGE) < joined.indexOf(DETAIL), joined);
        await ui('screenshot', { name: 'hover-detail', plain: true });
      }
      await vscode.commands.executeCommand('editor.action.hideHover');
      // The Problems panel's rows show these messages as they are: extension.e2e.ts reads them there.
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
