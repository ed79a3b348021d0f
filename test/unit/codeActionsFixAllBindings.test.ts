import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../common/settings';
import { fixAllKind } from '../../server/src/service/code/codeActions/codeActions';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { typeCheck } from '../helpers/inMemoryProgram';

describe('fix all on calls sharing a block', () => {
  it('binds one dropped response per block, leaving the next for the next fix all', () => {
    const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });
    const fixAll = (document: TextDocument): TextDocument => {
      const actions = service.doCodeActions(
        document,
        { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) },
        { diagnostics: [], only: [fixAllKind] },
        defaultSettings,
      );
      const edits = actions[0]?.edit?.changes?.[document.uri] ?? [];
      assert.ok(edits.length > 0, 'fix all has edits');
      const text = TextDocument.applyEdits(document, edits);
      return TextDocument.create(document.uri, document.languageId, document.version + 1, text);
    };
    const input = TextDocument.create(
      'file:///work/block.ts',
      'typescript',
      1,
      `const DAM = 'https://api2.saleslayer.com/dam';

export async function removeBoth(): Promise<void> {
  await fetch(\`\${DAM}/image/1\`, { method: 'DELETE' });
  await fetch(\`\${DAM}/image/2\`, { method: 'DELETE' });
}

export async function removeOne(): Promise<void> {
  await fetch(\`\${DAM}/image/3\`, { method: 'DELETE' });
}
`,
    );
    const once = fixAll(input);
    assert.deepEqual(typeCheck({ '/virtual/block.ts': once.getText() }), []);
    assert.equal(once.getText().match(/const response = await fetch\(/g)?.length, 2);
    assert.match(once.getText(), /^ {2}await fetch\(`\$\{DAM\}\/image\/2`/m);

    const twice = fixAll(once).getText();
    assert.deepEqual(typeCheck({ '/virtual/block.ts': twice }), []);
    assert.match(twice, /const response2 = await fetch\(`\$\{DAM\}\/image\/2`/);
  });
});
