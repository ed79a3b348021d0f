import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';

// Each folder holds input.json and the diagnostics a user sees for it, against the built-in
// catalogs, and, where some diagnostic has a preferred quick fix, fixed.json: the document after
// every preferred fix. `UPDATE_FIXTURES=1` rewrites expected.json and fixed.json; review the diff.
const root = path.join(__dirname, '../fixtures/payloads');
const update = process.env.UPDATE_FIXTURES === '1';
const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });

describe('payload fixtures (built-in catalogs)', () => {
  for (const name of readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)) {
    it(name, () => {
      const text = readFileSync(path.join(root, name, 'input.json'), 'utf8');
      const document = TextDocument.create(`file:///fixtures/${name}/input.json`, 'jsonc', 1, text);
      const actual = service.doValidation(document, defaultSettings).map((diagnostic) => ({
        code: diagnostic.code,
        severity: diagnostic.severity,
        range: `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}-${diagnostic.range.end.line + 1}:${diagnostic.range.end.character + 1}`,
        text: document.getText(diagnostic.range),
        message: diagnostic.message,
        ...(diagnostic.data ? { data: diagnostic.data } : {}),
      }));
      const expectedPath = path.join(root, name, 'expected.json');
      if (update) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));

      const diagnostics = service.doValidation(document, defaultSettings);
      const fixed = applyPreferredFixes(document, diagnostics);
      const fixedPath = path.join(root, name, 'fixed.json');
      if (update) {
        if (fixed) writeFileSync(fixedPath, fixed.text);
        else rmSync(fixedPath, { force: true });
      }
      if (!fixed) {
        assert.ok(!existsSync(fixedPath), `${name}: no preferred fix, yet fixed.json exists`);
        return;
      }
      assert.equal(fixed.text, readFileSync(fixedPath, 'utf8'));
      // What was fixed is no longer reported; everything else still is.
      const after = service.doValidation(
        TextDocument.create(document.uri, 'jsonc', 2, fixed.text),
        defaultSettings,
      );
      const remaining = diagnostics.filter((each) => !fixed.fixed.includes(each));
      assert.deepEqual(
        after.map((each) => each.code),
        remaining.map((each) => each.code),
      );
    });
  }
});

/** The text after every preferred quick fix of the diagnostics, when there is one. */
function applyPreferredFixes(
  document: TextDocument,
  diagnostics: Diagnostic[],
): { text: string; fixed: Diagnostic[] } | undefined {
  const edits: TextEdit[] = [];
  const fixed: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const preferred = service
      .doCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }, defaultSettings)
      .find((action) => action.isPreferred);
    const changes = preferred?.edit?.changes?.[document.uri];
    if (!changes) continue;
    edits.push(...changes);
    fixed.push(diagnostic);
  }
  return fixed.length > 0 ? { text: TextDocument.applyEdits(document, edits), fixed } : undefined;
}
