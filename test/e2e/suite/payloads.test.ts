import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticCode, hoverText, ownDiagnostics, waitFor, workspaceFile } from './helpers';

suite('error payloads in JSON', () => {
  test("hovering the status of a DAM problem explains the DAM's 409 for DELETE /image/{id}", async () => {
    const document = await vscode.workspace.openTextDocument(
      workspaceFile('payloads/dam-delete-conflict.json'),
    );
    await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split('\n')
      .findIndex((text) => text.includes('"status"'));
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('409') + 1);
    const text = await waitFor('the DAM 409 hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        position,
      );
      const value = hoverText(hovers ?? []);
      return value.includes('Sales Layer DAM') ? value : undefined;
    });
    assert.match(text, /409 Conflict\*\* · Sales Layer DAM · `DELETE \/image\/\{id\}`/);
    assert.match(text, /being processed/);
    assert.match(text, /retry later/i);
  });

  test('a problem whose status is a string shows the problem-member-type diagnostic', async () => {
    const document = await vscode.workspace.openTextDocument(
      workspaceFile('payloads/malformed-problem.json'),
    );
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor('the problem-member-type diagnostic', () =>
      ownDiagnostics(document.uri).find((each) => diagnosticCode(each) === 'problem-member-type'),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /`status` is a string.*JSON number from 100 to 599/);
    assert.equal(document.getText(diagnostic.range), '"409"');
  });
});
