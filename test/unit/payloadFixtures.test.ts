import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';

// Each folder holds input.json and the diagnostics a user sees for it, against the built-in
// catalogs. `UPDATE_FIXTURES=1` rewrites expected.json; review the diff.
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
    });
  }
});
