import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';
import { documentWithCursor } from '../helpers/cursor';

// The default service: the built-in catalogs, nothing configured.
const service = getLanguageService();

function hoverText(text: string): string {
  const { document, position } = documentWithCursor(text, 'json');
  const hover = service.doHover(document, position, defaultSettings);
  assert.ok(hover, 'no hover');
  return (hover.contents as MarkupContent).value;
}

describe('hover on a Sales Layer error payload, from the built-in catalogs', () => {
  it('explains the DAM 409 of DELETE /image/{id}: image being processed, retry later', () => {
    const text = hoverText(`{
  "type": "https://api2.saleslayer.com/errors/conflict",
  "title": "Conflict",
  "status": 4|09,
  "detail": "The image cannot be deleted now.",
  "instance": "/image/123"
}`);
    assert.match(text, /409/);
    assert.match(text, /Sales Layer DAM/);
    assert.match(text, /DELETE \/image\/\{id\}/);
    assert.match(text, /being processed/);
    assert.match(text, /retry later/i);
  });

  it('tells the Catalog from the DAM on the shared problem type by the instance path', () => {
    const text = hoverText(`{
  "type": "https://api2.saleslayer.com/errors/forbidden",
  "title": "Forbidden",
  "status": 4|03,
  "instance": "/rest/Catalog/Products"
}`);
    assert.match(text, /Sales Layer Catalog/);
    assert.doesNotMatch(text, /Sales Layer DAM/);
  });
});
