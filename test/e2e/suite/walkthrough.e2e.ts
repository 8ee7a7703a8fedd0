// The walkthrough as a user goes through it: a click on the "Create a configuration" step's button
// runs the command in the workbench, which opens the folder's configuration and ticks the step.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, ui, uiUntil, waitFor } from './helpers';

const STEPS = 'walkthroughSteps';
const isCreateConfig = (s: { id: string }) => s.id.endsWith('#createConfig');

suite('walkthrough', () => {
  suiteSetup(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the button of "Create a configuration" opens the configuration and ticks the step', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'qmslint.qmslint#qmslint.gettingStarted', false);
    const steps = await uiUntil<{ id: string; done: boolean }[]>('the walkthrough steps', STEPS, {}, (rows) => rows.some(isCreateConfig));
    // The click and the check box are the workbench's: without the harness (a desktop VS Code), the
    // command the button runs is run from here, and only what it opens is checked.
    if (steps) await ui('clickWalkthroughButton', { step: 'configuration', text: 'Create Configuration' });
    else await vscode.commands.executeCommand('qmslint.createConfig');
    // The fixture has a configuration: the button opens it rather than writing a second.
    await waitFor('the configuration to open', () => vscode.window.activeTextEditor?.document.uri.toString() === fixtureUri('.qmslint.yaml').toString());
    if (steps) {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'qmslint.qmslint#qmslint.gettingStarted', false);
      const after = await uiUntil<{ id: string; done: boolean }[]>('the step ticked', STEPS, {}, (rows) => rows.some((r) => isCreateConfig(r) && r.done));
      assert.equal(after!.find(isCreateConfig)!.done, true, `before the click: ${JSON.stringify(steps.find(isCreateConfig))}`);
      await ui('screenshot', { name: 'walkthrough-done' });
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
