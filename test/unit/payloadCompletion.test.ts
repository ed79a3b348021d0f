import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { defaultSettings, type Settings } from '../../common/settings';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { documentWithCursor } from '../helpers/cursor';
import { testApis } from '../helpers/testApis';

const service = getLanguageService({ contracts: createContractIndex(testApis) });

function complete(
  text: string,
  settings: Settings = defaultSettings,
  uri?: string,
): { items: CompletionItem[]; apply(label: string): string } {
  const { document, position } = documentWithCursor(text, 'json', uri);
  const items = service.doComplete(document, position, settings)?.items ?? [];
  return {
    items,
    apply(label) {
      const item = items.find((each) => each.label === label);
      assert.ok(item, `a completion labelled ${label}`);
      return TextDocument.applyEdits(document, [item.textEdit as TextEdit]);
    },
  };
}

describe('payload completion', () => {
  it('offers the statuses the operation documents after "status":', () => {
    const result = complete(
      '{ "type": "https://api.images.test/errors/x", "title": "Conflict", "status": |, "instance": "/images/1" }',
    );
    assert.deepEqual(
      result.items.map((item) => item.label),
      ['400', '401', '404', '409', '500'],
    );
    assert.match(result.items[3]?.detail ?? '', /Test Images · DELETE \/images\/\{id\}/);
    assert.match(result.apply('409'), /"status": 409,/);
  });

  it('replaces the value being typed, and writes JSON:API statuses as strings', () => {
    const problem = complete(
      '{ "type": "https://api.images.test/errors/x", "title": "Conflict", "status": 4|0 }',
    );
    assert.match(problem.apply('409'), /"status": 409 }/);
    const jsonApi = complete('{ "errors": [{ "code": "not-found", "status": | }] }');
    assert.match(jsonApi.apply('404'), /"status": "404" }/);
    // The statuses it describes, then the one its codes are sent with, then (its list being
    // incomplete) every other error status.
    const labels = [...jsonApi.items]
      .sort((a, b) => ((a.sortText ?? '') < (b.sortText ?? '') ? -1 : 1))
      .map((item) => item.label);
    assert.deepEqual(labels.slice(0, 3), ['403', '404', '409']);
    assert.ok(labels.slice(3).includes('422') && labels.slice(3).includes('401'));
    assert.match(
      JSON.stringify(jsonApi.items.find((item) => item.label === '403')?.documentation),
      /sends it with `read-only`, `invalid-org`/,
    );
  });

  it('offers only the listed statuses when the list is complete', () => {
    const labels = complete(
      '{ "type": "https://api.images.test/errors/x", "title": "Conflict", "status": | }',
    ).items.map((item) => item.label);
    assert.deepEqual(labels, ['400', '401', '404', '409', '500']);
  });

  it('offers the registry error statuses when no API is known', () => {
    const labels = complete('{ "title": "Not Found", "status": | }').items.map(
      (item) => item.label,
    );
    assert.ok(labels.includes('404') && labels.includes('503'));
    assert.ok(!labels.includes('200'));
  });

  it('offers the API\'s codes after "code": and "error_type":', () => {
    const codes = complete('{ "errors": [{ "status": "404", "code": "|" }] }');
    assert.deepEqual(
      codes.items.map((item) => item.label),
      ['not-found', 'environment-in-use', 'not-unique', 'read-only', 'invalid-org'],
    );
    assert.match(codes.apply('not-found'), /"code": "not-found" }/);
    const types = complete(
      '{ "error_code": "1", "error_type": |, "error_message": "x", "error_details": {} }',
    );
    assert.deepEqual(
      types.items.map((item) => item.label),
      ['auth', 'validation', 'quota', 'storage', 'processing', 'server'],
    );
  });

  it('offers whole payloads in an empty document, in errors[] and among other payloads', () => {
    const empty = complete('|');
    assert.deepEqual(
      empty.items.map((item) => item.label),
      ['Problem details (RFC 9457)', 'JSON:API error document'],
    );
    assert.equal(
      JSON.parse(empty.apply('Problem details (RFC 9457)').replace(/\$\{\d+:?([^}]*)\}/g, '$1'))
        .status,
      404,
    );
    assert.deepEqual(
      complete('{ "errors": [|] }').items.map((item) => item.label),
      ['JSON:API error object'],
    );
    assert.equal(complete('[{ "status": 404, "title": "Not Found" }, |]').items.length, 2);
    assert.equal(complete('{ "response": { "body": | } }').items.length, 2);
  });

  it('prefills the problem type of the API the settings name', () => {
    const settings = { ...defaultSettings, payloads: { '**/mocks/*.json': 'test-images' } };
    const item = complete('[|]', settings, 'file:///work/mocks/images.json').items[0];
    assert.match(
      (item?.textEdit as TextEdit).newText,
      /"type": "https:\/\/api\.images\.test\/errors\/\$\{1\}"/,
    );
  });

  it('offers nothing in unrelated JSON', () => {
    assert.equal(complete('{ "name": "x", "version": | }').items.length, 0);
    assert.equal(complete('{ "files": [|] }').items.length, 0);
  });
});
