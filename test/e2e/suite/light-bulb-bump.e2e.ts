// Bump revision from the light bulb (Ctrl+.) asks before it changes anything,
// as the Bump Revision command does: the action VS Code shows carries no edit,
// only the command that lists the changes and applies them on Apply.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, answerQuickPick, open, waitFor } from './helpers';

const DOC = 'sops/sop-002-control-of-records.md';

suite('Bump revision from the light bulb', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('lists its changes first, and applies them only on Apply', async () => {
    const editor = await open(DOC);
    const before = editor.document.getText();
    const bumpAction = () =>
      waitFor('the Bump revision action in Ctrl+.', async () => {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          editor.document.uri,
          new vscode.Range(0, 0, 0, 0),
          'source.qmslint.bumpRevision',
        );
        return actions.find((a) => /^Bump revision/.test(a.title));
      });
    const action = await bumpAction();
    assert.equal(action.edit, undefined, 'the action applies nothing by itself');
    assert.equal(action.command?.command, 'qmslint.applyBumpRevision');
    const changes = action.command?.arguments?.[1] as string[];
    assert.ok(changes.some((c) => /^status effective -> draft$/.test(c)) && changes.some((c) => /^new history row C, dated /.test(c)), `changes: ${changes.join(' | ')}`);

    // What the light bulb does on a click: runs the action's command; `key` answers the confirmation.
    const run = (key: string) =>
      answerQuickPick<boolean>(action.command!.command, action.command!.arguments ?? [], key, () => {
        assert.equal(editor.document.getText(), before, 'nothing changes before the answer');
      });
    assert.equal(await run('workbench.action.closeQuickOpen'), false);
    assert.equal(editor.document.getText(), before);
    try {
      assert.equal(await run('workbench.action.acceptSelectedQuickOpenItem'), true);
      assert.match(editor.document.getText(), /\nrevision: C\n/);
      assert.match(editor.document.getText(), /\nstatus: draft\n/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
