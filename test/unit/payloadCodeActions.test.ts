import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { testApis } from '../helpers/testApis';

const service = getLanguageService({ contracts: createContractIndex(testApis) });
let count = 0;

/** The document, its one diagnostic of `code`, and the quick fixes offered for it. */
function fixesFor(text: string, code: string) {
  const document = TextDocument.create(`file:///work/fix-${++count}.json`, 'jsonc', 1, text);
  const found = service
    .doValidation(document, defaultSettings)
    .filter((diagnostic) => diagnostic.code === code);
  assert.equal(found.length, 1, `one ${code} in ${text}`);
  const diagnostic = found[0]!;
  const actions = service.doCodeActions(
    document,
    diagnostic.range,
    { diagnostics: [diagnostic] },
    defaultSettings,
  );
  return { document, diagnostic, actions };
}

/** The text after the action's edit, and the codes its diagnostics still carry. */
function apply(document: TextDocument, action: CodeAction): { text: string; codes: string[] } {
  const edits = action.edit?.changes?.[document.uri];
  assert.ok(edits, `${action.title} edits ${document.uri}`);
  const text = TextDocument.applyEdits(document, edits);
  const after = TextDocument.create(document.uri, 'jsonc', document.version + 1, text);
  return {
    text,
    codes: service.doValidation(after, defaultSettings).map((each) => String(each.code)),
  };
}

describe('payload quick fixes', () => {
  it('writes a string problem status as a number', () => {
    const { document, actions } = fixesFor(
      '{ "type": "https://api.images.test/errors/conflict", "title": "Conflict", "status": "409" }',
      'problem-member-type',
    );
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind, action.isPreferred]),
      [['Change `status` to 409', CodeActionKind.QuickFix, true]],
    );
    const after = apply(document, actions[0]!);
    assert.equal(
      after.text,
      '{ "type": "https://api.images.test/errors/conflict", "title": "Conflict", "status": 409 }',
    );
    assert.deepEqual(after.codes, []);
  });

  it("gives an about:blank problem its status's reason phrase as title", () => {
    const { document, actions } = fixesFor(
      '{\n  "type": "about:blank",\n  "title": "Image busy",\n  "status": 409\n}',
      'problem-title-mismatch',
    );
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Change `title` to "Conflict"'],
    );
    const after = apply(document, actions[0]!);
    assert.equal(
      after.text,
      '{\n  "type": "about:blank",\n  "title": "Conflict",\n  "status": 409\n}',
    );
    assert.deepEqual(after.codes, []);
  });

  it('wraps a single JSON:API error object in an array', () => {
    const { document, actions } = fixesFor(
      '{\n  "errors": {\n    "status": "404",\n    "code": "not-found"\n  }\n}',
      'jsonapi-errors-not-array',
    );
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Wrap `errors` in an array'],
    );
    const after = apply(document, actions[0]!);
    assert.equal(
      after.text,
      '{\n  "errors": [{\n    "status": "404",\n    "code": "not-found"\n  }]\n}',
    );
    assert.deepEqual(after.codes, []);
  });

  it('writes a JSON:API status as a string and a source pointer from the root', () => {
    const status = fixesFor(
      '{ "errors": [{ "status": 404, "code": "not-found" }] }',
      'jsonapi-status-format',
    );
    assert.deepEqual(
      status.actions.map((action) => action.title),
      ['Change `status` to "404"'],
    );
    assert.deepEqual(apply(status.document, status.actions[0]!).codes, []);
    const pointer = fixesFor(
      '{ "errors": [{ "status": "422", "source": { "pointer": "data/attributes/title" } }] }',
      'jsonapi-source-pointer',
    );
    const after = apply(pointer.document, pointer.actions[0]!);
    assert.match(after.text, /"pointer": "\/data\/attributes\/title"/);
    assert.deepEqual(after.codes, []);
  });

  it('offers the close documented code for an unknown one, not as the preferred fix', () => {
    const { document, actions } = fixesFor(
      // The known code names the API.
      '{ "errors": [{ "status": "404", "code": "not-founds" }, { "code": "read-only" }] }',
      'unknown-error-code',
    );
    assert.deepEqual(
      actions.map((action) => [action.title, action.isPreferred]),
      [['Change `code` to "not-found"', undefined]],
    );
    assert.deepEqual(apply(document, actions[0]!).codes, []);
  });

  it('removes `data` from a JSON:API error document', () => {
    const { document, actions } = fixesFor(
      '{\n  "data": null,\n  "errors": [{ "status": "404", "code": "not-found" }]\n}',
      'jsonapi-data-and-errors',
    );
    const after = apply(document, actions[0]!);
    assert.equal(after.text, '{\n  "errors": [{ "status": "404", "code": "not-found" }]\n}');
    assert.deepEqual(after.codes, []);
  });

  it('offers nothing for a diagnostic without fix data, stale ranges, or other kinds', () => {
    // A status out of range has no number to write instead.
    assert.deepEqual(
      fixesFor('{ "type": "about:blank", "title": "Busy", "status": 999 }', 'problem-member-type')
        .actions,
      [],
    );
    const { document, diagnostic } = fixesFor(
      '{ "type": "about:blank", "title": "Conflict", "status": "409" }',
      'problem-member-type',
    );
    const moved: Diagnostic = {
      ...diagnostic,
      range: { start: diagnostic.range.start, end: { ...diagnostic.range.end, character: 99 } },
    };
    assert.deepEqual(
      service.doCodeActions(document, moved.range, { diagnostics: [moved] }, defaultSettings),
      [],
    );
    assert.deepEqual(
      service.doCodeActions(
        document,
        diagnostic.range,
        { diagnostics: [diagnostic], only: [CodeActionKind.Refactor] },
        defaultSettings,
      ),
      [],
    );
    // Data a client trimmed or changed is not trusted.
    const trimmed: Diagnostic = { ...diagnostic, data: { replacement: { not: 'a value' } } };
    assert.deepEqual(
      service.doCodeActions(document, trimmed.range, { diagnostics: [trimmed] }, defaultSettings),
      [],
    );
  });
});
