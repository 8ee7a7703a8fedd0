// Issue 16, point 11, as a user sees it: in a workspace that is a git
// repository, an effective document edited without a new revision shows
// change-without-revision as soon as it is typed, and Bump revision from
// Ctrl+. (confirmed with Apply) makes it go.
//
// The fixture is no git repository. This suite makes the run's copy of it one
// (git init and one commit, with the user's git) while it runs, and removes
// that .git afterwards, so no other suite compares with a commit. The server
// learns of the new repository as the user's would: through the editor's
// watcher of git's HEAD and refs. The file name sorts this suite last.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, answerQuickPick, open, qmslintDiagnostics, ruleOf, sleep, waitFor, workspaceRoot } from './helpers';

const DOC = 'sops/sop-004-internal-audit.md';

const changeFinding = (uri: vscode.Uri) => qmslintDiagnostics(uri).find((d) => ruleOf(d) === 'change-without-revision');

suite('Change control live in the editor', () => {
  let gitDir: string | undefined;

  suiteSetup(async () => {
    await activateExtension();
    const root = workspaceRoot().fsPath;
    // Identity and signing given here: the harness's HOME has no git configuration.
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=E2E Suite', '-c', 'user.email=e2e@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    gitDir = path.join(root, '.git');
    git('add', '--all', '.');
    git('commit', '-q', '--no-verify', '-m', 'The fixture as committed');
  });

  suiteTeardown(() => {
    if (gitDir) rmSync(gitDir, { recursive: true, force: true });
  });

  test('an edit without a new revision shows change-without-revision; Bump revision from Ctrl+. clears it', async () => {
    const editor = await open(DOC);
    const uri = editor.document.uri;
    try {
      // As committed: no change finding.
      await sleep(1000);
      assert.equal(changeFinding(uri), undefined, 'no change finding on the committed text');

      // Type a change to the procedure, and leave the revision as it is (the one committed: read
      // here, as a suite before may have left another on disk).
      const text = editor.document.getText();
      const revision = /\nrevision: (\w+)\n/.exec(text)?.[1];
      assert.ok(revision, 'the document has a revision');
      const at = text.indexOf('each December');
      assert.ok(at > 0);
      await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'each December'.length)), 'each November'));
      const finding = await waitFor('change-without-revision on the edited document', () => changeFinding(uri));
      assert.equal(finding.range.start.line, 4, 'on the revision');
      assert.ok(finding.message.includes(`revision is still ${revision}`), finding.message);

      // Ctrl+. on the finding: Bump revision, which lists its changes and applies them on Apply.
      const bump = await waitFor('Bump revision among the quick fixes', async () => {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, finding.range, vscode.CodeActionKind.QuickFix.value);
        return actions.find((a) => a.title.startsWith(`Bump revision (${revision} -> `));
      });
      assert.ok(bump.command, 'the action asks before it changes anything');
      assert.equal(await answerQuickPick<boolean>(bump.command.command, bump.command.arguments ?? [], 'workbench.action.acceptSelectedQuickOpenItem'), true);
      assert.doesNotMatch(editor.document.getText(), new RegExp(`\\nrevision: ${revision}\\n`));
      await waitFor('change-without-revision gone after the bump', () => changeFinding(uri) === undefined);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
