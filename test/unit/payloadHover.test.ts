import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { defaultSettings, type Settings } from '../../common/settings';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { documentWithCursor } from '../helpers/cursor';
import { testApis } from '../helpers/testApis';

const service = getLanguageService({ contracts: createContractIndex(testApis) });

function hoverText(
  text: string,
  settings: Settings = defaultSettings,
  uri?: string,
): string | undefined {
  const { document, position } = documentWithCursor(text, 'json', uri);
  const hover = service.doHover(document, position, settings);
  return hover ? (hover.contents as MarkupContent).value : undefined;
}

const conflict = (cursorInStatus: string) =>
  `{ "type": "https://api.images.test/errors/conflict", "title": "Conflict", "status": ${cursorInStatus}, "instance": "/images/123" }`;

describe('payload hover', () => {
  it('explains a status for the API and the operation the instance names', () => {
    const text = hoverText(conflict('4|09'));
    assert.ok(text);
    assert.match(text, /^\*\*409 Conflict\*\* · Test Images · `DELETE \/images\/\{id\}`/);
    assert.match(text, /being processed/);
    assert.match(text, /Causes:\n- A processing workflow holds the image\./);
    assert.match(text, /\*What to do:\* Retry later\./);
    assert.match(text, /\*Client action:\* retry later/);
    assert.match(text, /\*Documented for `DELETE \/images\/\{id\}`:\* 400, 401, 404, 409, 500/);
    assert.match(
      text,
      /\[Test Images documentation\]\(https:\/\/docs\.images\.test\/errors#delete\)/,
    );
  });

  it('explains the status from its key and from the title', () => {
    assert.match(
      hoverText(conflict('409').replace('"status"', '"sta|tus"')) ?? '',
      /^\*\*409 Conflict\*\* · Test Images/,
    );
    assert.match(
      hoverText(conflict('409').replace('"Conflict"', '"Con|flict"')) ?? '',
      /^\*\*409 Conflict\*\* · Test Images/,
    );
  });

  it('says when the identified operation does not document the status', () => {
    const text = hoverText(
      '{ "type": "https://api.images.test/errors/forbidden", "title": "Forbidden", "status": 4|03, "instance": "/images/1" }',
    );
    assert.match(text ?? '', /Test Images does not document 403 for `DELETE \/images\/\{id\}`\./);
    assert.match(text ?? '', /Generic meaning:/);
  });

  it('explains a problem type: the API, the operation, the status', () => {
    const text = hoverText(conflict('409').replace('errors/conflict', 'errors/con|flict'));
    assert.match(
      text ?? '',
      /^\*\*Problem type\*\* of Test Images\n\nOperation: `DELETE \/images\/\{id\}`/,
    );
    assert.match(text ?? '', /409 Conflict/);
  });

  it('explains about:blank', () => {
    assert.match(
      hoverText('{ "type": "about:bl|ank", "title": "Not Found", "status": 404 }') ?? '',
      /no meaning beyond its HTTP status[\s\S]*404 Not Found/,
    );
  });

  it('explains a JSON:API code with its meaning, remedy and status', () => {
    const text = hoverText('{ "errors": [{ "status": "409", "code": "environment-in|-use" }] }');
    assert.equal(
      text,
      [
        '**`environment-in-use`** · Test Tags',
        '',
        'An environment serves one library at a time.',
        '',
        '*What to do:* Pick another environment or free this one.',
        '',
        'Sent with 409 Conflict. Retrying the same request fails again.',
        '',
        '[Test Tags documentation](https://docs.tags.test/errors)',
      ].join('\n'),
    );
  });

  it('explains a Claid-style error_type of the API the shape names', () => {
    const text = hoverText(
      '{ "error_code": "111", "error_type": "a|uth", "error_message": "Authorization is required.", "error_details": {} }',
    );
    assert.match(
      text ?? '',
      /^\*\*`auth`\*\* · Test Pixels\n\nAuthentication or authorization failed\./,
    );
  });

  it('uses the API the settings map the file to', () => {
    const settings = {
      ...defaultSettings,
      payloads: { 'fixtures/images/**/*.json': 'test-images' },
    };
    const text = hoverText(
      '{ "title": "Not Found", "status": 4|04, "instance": "/images/9" }',
      settings,
      'file:///work/fixtures/images/delete/404.json',
    );
    assert.match(text ?? '', /^\*\*404 Not Found\*\* · Test Images · `DELETE \/images\/\{id\}`/);
    assert.match(text ?? '', /The image does not exist\./);
  });

  it('falls back to the HTTP registry for a payload of no known API', () => {
    const text = hoverText(
      '{ "type": "https://elsewhere.test/x", "title": "Conflict", "status": 4|09 }',
    );
    assert.match(text ?? '', /^\*\*409 Conflict\*\*\n/);
    assert.match(text ?? '', /RFC 9110/);
    assert.match(
      hoverText(
        '{ "error": { "code": 4|29, "message": "Quota", "status": "RESOURCE_EXHAUSTED" } }',
      ) ?? '',
      /429 Too Many Requests/,
    );
  });

  it('stays silent on members that explain nothing and outside payloads', () => {
    assert.equal(
      hoverText(conflict('409').replace('"instance"', '"instance", "detail": "x|y"')),
      undefined,
    );
    assert.equal(hoverText('{ "name": "x|y" }'), undefined);
  });
});
