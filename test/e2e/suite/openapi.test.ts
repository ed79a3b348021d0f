import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  diagnosticCode,
  openWorkspaceFile,
  ownDiagnostics,
  positionOf,
  waitFor,
  waitForHover,
} from './helpers';

suite('OpenAPI documents of the workspace', () => {
  test("a call to an operation of a discovered spec gets unhandled-status for the spec's 409", async () => {
    const editor = await openWorkspaceFile('openapi/deleteImage.ts');
    const diagnostic = await waitFor('the unhandled 409 of the Image Store spec', () =>
      ownDiagnostics(editor.document.uri).find(
        (each) => diagnosticCode(each) === 'unhandled-status' && /\b409\b/.test(each.message),
      ),
    );
    assert.match(diagnostic.message, /DELETE \/images\/\{id\}/);
    assert.equal(editor.document.getText(diagnostic.range).includes('fetch'), true);
    // 404 is handled and `!res.ok` covers what the spec says to fix: only the 409 is reported.
    assert.deepEqual(
      ownDiagnostics(editor.document.uri)
        .filter((each) => diagnosticCode(each) === 'unhandled-status')
        .map((each) => /\b(\d{3})\b/.exec(each.message)?.[1]),
      ['409'],
    );
  });

  test("hovering a handled status of that call shows the spec's description", async () => {
    const editor = await openWorkspaceFile('openapi/deleteImage.ts');
    const text = await waitForHover(
      editor.document.uri,
      positionOf(editor.document, '404'),
      'No image has this id.',
    );
    assert.match(text, /Image Store/);
  });

  test('a $ref that does not resolve is a diagnostic at the $ref in the YAML spec', async () => {
    const editor = await openWorkspaceFile('openapi/inventory.yaml');
    const diagnostic = await waitFor('the unresolved-ref diagnostic', () =>
      ownDiagnostics(editor.document.uri).find((each) => diagnosticCode(each) === 'unresolved-ref'),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(diagnostic.range), '"./shared/missing.yaml#/Unavailable"');
    assert.match(diagnostic.message, /missing\.yaml does not exist/);
  });
});
