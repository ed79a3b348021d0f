import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';

const service = getLanguageService();

describe('a JSON document nested deeper than the service reads', () => {
  // A problem payload the rules flag, next to 4,200 levels of arrays.
  const depth = 4200;
  const text = `[\n  { "type": "about:blank", "status": "409", "title": "Conflict" },\n  ${'['.repeat(depth)}{ "status": 404 }${']'.repeat(depth)}\n]\n`;
  const document = TextDocument.create('file:///p/deep.json', 'json', 1, text);

  it('gets one document-too-deep information diagnostic, and the shallow payload is still checked', () => {
    const diagnostics = service.doValidation(document, defaultSettings);
    const tooDeep = diagnostics.filter((each) => each.code === 'document-too-deep');
    assert.equal(tooDeep.length, 1);
    assert.equal(tooDeep[0]!.severity, 3);
    assert.deepEqual(tooDeep[0]!.range.start, { line: 2, character: 2 + 511 });
    assert.ok(
      diagnostics.some(
        (each) => each.code === 'problem-member-type' && document.getText(each.range) === '"409"',
      ),
      JSON.stringify(diagnostics.map((each) => each.code)),
    );
  });

  it('hover still answers on the shallow payload', () => {
    const hover = service.doHover(document, { line: 1, character: 40 }, defaultSettings);
    assert.match(JSON.stringify(hover?.contents), /Conflict/);
  });

  it('a document within the bound has no such diagnostic', () => {
    const shallow = TextDocument.create(
      'file:///p/shallow.json',
      'json',
      1,
      `${'['.repeat(500)}1${']'.repeat(500)}`,
    );
    assert.deepEqual(service.doValidation(shallow, defaultSettings), []);
  });
});
