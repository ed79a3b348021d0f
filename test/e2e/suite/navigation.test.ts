import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openWorkspaceFile, positionOf, waitFor } from './helpers';

suite('navigation', () => {
  test("go to definition on a call's URL lands on the operation in the spec", async () => {
    const editor = await openWorkspaceFile('openapi/deleteImage.ts');
    const position = positionOf(editor.document, 'images.example.com');
    const links = await waitFor('a definition of the URL', async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        editor.document.uri,
        position,
      );
      return found && found.length > 0 ? found : undefined;
    });
    assert.equal(links.length, 1);
    const link = links[0]!;
    const uri = 'targetUri' in link ? link.targetUri : link.uri;
    const range =
      'targetUri' in link ? (link.targetSelectionRange ?? link.targetRange) : link.range;
    assert.match(uri.path, /\/openapi\/images\.yaml$/);
    const spec = await vscode.workspace.openTextDocument(uri);
    // The operation's key, under its path: what a person sees after F12.
    assert.equal(spec.lineAt(range.start.line).text.trim(), 'delete:');
    assert.equal(spec.lineAt(range.start.line - 1).text.trim(), '/images/{id}:');
  });
});
