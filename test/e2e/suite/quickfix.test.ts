import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticCode, ownDiagnostics, waitFor, workspaceFile } from './helpers';

function unhandled409(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return ownDiagnostics(uri).find(
    (each) => diagnosticCode(each) === 'unhandled-status' && /\b409\b/.test(each.message),
  );
}

suite('quick fixes and snippets in client code', () => {
  test('the preferred fix for the DAM 409 warning makes the call retry it, and the warning goes away', async () => {
    const document = await vscode.workspace.openTextDocument(
      workspaceFile('quickfix/deleteImage.ts'),
    );
    await vscode.window.showTextDocument(document);
    try {
      const warning = await waitFor('the unhandled 409 warning', () => unhandled409(document.uri));
      assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
      const actions = await waitFor('the quick fixes', async () => {
        const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          warning.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        return offered?.some((action) => action.isPreferred) ? offered : undefined;
      });
      const fix = actions.find((action) => action.isPreferred);
      assert.match(fix?.title ?? '', /^Retry 409(, \d+)* with backoff \(fetchWithRetry\)/);
      assert.ok(fix?.edit, 'the fix carries an edit');
      assert.ok(actions.some((action) => action.title.startsWith('Handle 409')));
      assert.ok(actions.some((action) => action.title === 'Ignore 409 for this call'));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const text = document.getText();
      assert.match(text, /async function fetchWithRetry\(/);
      assert.match(text, /const res = await fetchWithRetry\(/);
      assert.match(text, /retryOn: \[409/);
      await waitFor('the 409 warning to go', () => (unhandled409(document.uri) ? undefined : true));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('the fetch retry helper snippet is offered by completion in a TypeScript file', async () => {
    const document = await vscode.workspace.openTextDocument(
      workspaceFile('quickfix/snippetTarget.ts'),
    );
    await vscode.window.showTextDocument(document);
    const line =
      document.lineCount - 1 - (document.lineAt(document.lineCount - 1).text === '' ? 1 : 0);
    const position = new vscode.Position(line, document.lineAt(line).text.length);
    const item = await waitFor('the fetch-retry-helper snippet', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        position,
      );
      return list?.items.find(
        (each) =>
          (typeof each.label === 'string' ? each.label : each.label.label) === 'fetch-retry-helper',
      );
    });
    assert.equal(item.kind, vscode.CompletionItemKind.Snippet);
    const body =
      item.insertText instanceof vscode.SnippetString
        ? item.insertText.value
        : String(item.insertText);
    assert.match(body, /export async function fetchWithRetry\(/);
    assert.match(body, /maxAttempts = \$\{1:4\}/);
  });

  test('after `case ` in a switch on a DAM call, completion offers the documented statuses with the unhandled 409 first', async () => {
    const document = await vscode.workspace.openTextDocument(
      workspaceFile('quickfix/caseCompletion.ts'),
    );
    await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split('\n')
      .findIndex((text) => text.trim() === 'case');
    const position = new vscode.Position(line, document.lineAt(line).text.length);
    const items = await waitFor('the status completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        position,
      );
      const statuses = list?.items.filter(
        (each) => each.kind === vscode.CompletionItemKind.EnumMember,
      );
      return statuses?.length ? statuses : undefined;
    });
    const conflict = items.find(
      (each) => (typeof each.label === 'string' ? each.label : each.label.label) === '409',
    );
    assert.ok(conflict, 'the DAM 409 is offered');
    assert.equal(conflict.detail, 'Conflict — retry later (not handled)');
    const first = [...items].sort((a, b) =>
      String(a.sortText).localeCompare(String(b.sortText)),
    )[0]!;
    assert.equal(typeof first.label === 'string' ? first.label : first.label.label, '409');
  });
});
