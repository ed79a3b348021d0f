import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticCode, openWorkspaceFile, ownDiagnostics, waitFor } from './helpers';

suite('diagnostics in client code', () => {
  test('DELETE /image/{id} on the DAM guarded only by !res.ok shows the 409 warning on the call', async () => {
    const editor = await openWorkspaceFile('code/deleteImageNotOk.ts');
    const document = editor.document;
    const conflict = await waitFor('the unhandled 409 diagnostic', () =>
      ownDiagnostics(document.uri).find(
        (each) =>
          diagnosticCode(each) === 'unhandled-status' && /\b409 Conflict\b/.test(each.message),
      ),
    );
    assert.equal(conflict.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(
      conflict.message,
      /^DELETE \/image\/\{id\} can answer 409 Conflict \(Sales Layer DAM: the image is being processed — retry later\); this call does not handle it/,
    );
    assert.equal(
      document.getText(conflict.range),
      'fetch(`https://api2.saleslayer.com/dam/image/${id}`',
    );
    const href = typeof conflict.code === 'object' ? conflict.code.target.toString() : undefined;
    assert.equal(href, 'https://docs.api.saleslayer.com/guides/errors');
    // The generic failure branch is a correct handling of the statuses to fix the request.
    const statuses = ownDiagnostics(document.uri).map(
      (each) => /can answer (\d{3})/.exec(each.message)?.[1],
    );
    for (const handled of ['400', '401', '404'])
      assert.ok(!statuses.includes(handled), `no diagnostic for ${handled}`);
    const serverError = ownDiagnostics(document.uri).find((each) =>
      /can answer 500/.test(each.message),
    );
    assert.equal(serverError?.severity, vscode.DiagnosticSeverity.Information);
  });
});
