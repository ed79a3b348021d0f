import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openWorkspaceFile, waitFor } from './helpers';

suite('activation', () => {
  test('the extension activates when a JSON file opens and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    if (process.env.E2E_EXTENSION_PATH) {
      // The working tree under test, not a copy installed from a .vsix.
      assert.equal(extension.extensionUri.fsPath, process.env.E2E_EXTENSION_PATH);
    }
    await openWorkspaceFile('response.json');
    await waitFor('the extension to activate', () => (extension.isActive ? true : undefined));
    const commands = await vscode.commands.getCommands(true);
    assert.ok(
      commands.includes('apiErrorContracts.restartServer'),
      'the Restart Language Server command is registered',
    );
    assert.ok(
      commands.includes('apiErrorContracts.showOutput'),
      'the Show Output command is registered',
    );
  });
});
