import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticCode, ownDiagnostics, waitFor, workspaceFile } from './helpers';

function unhandled429(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return ownDiagnostics(uri).find(
    (each) => diagnosticCode(each) === 'unhandled-status' && /\b429\b/.test(each.message),
  );
}

suite('quick fixes for axios calls', () => {
  test('the preferred fix for an axios 429 makes the call retry it, and the warning goes away', async () => {
    const document = await vscode.workspace.openTextDocument(
      workspaceFile('quickfix/axiosImage.ts'),
    );
    await vscode.window.showTextDocument(document);
    try {
      const warning = await waitFor('the unhandled 429 warning', () => unhandled429(document.uri));
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
      assert.match(fix?.title ?? '', /^Retry 429 with backoff \(withRetry\)/);
      assert.ok(actions.some((action) => action.title.startsWith('Handle 429')));
      assert.ok(actions.some((action) => action.title === 'Ignore 429 for this call'));
      assert.ok(fix?.edit, 'the fix carries an edit');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const text = document.getText();
      assert.match(text, /async function withRetry<T>\(/);
      assert.match(text, /await withRetry\(\s*\(\) => axios\.get\(/);
      assert.match(text, /retryOn: \[429\]/);
      await waitFor('the 429 warning to go', () => (unhandled429(document.uri) ? undefined : true));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
