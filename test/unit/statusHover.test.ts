import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';
import { documentWithCursor } from '../helpers/cursor';

const service = getLanguageService();

function hoverText(text: string, languageId: string): string | undefined {
  const { document, position } = documentWithCursor(text, languageId);
  const hover = service.doHover(document, position, defaultSettings);
  return hover ? (hover.contents as MarkupContent).value : undefined;
}

describe('registry hover on a status literal', () => {
  it('explains "status": 503 in JSON with name, meaning, action and RFC link', () => {
    const text = hoverText('{ "title": "x", "status": 5|03 }', 'json');
    assert.ok(text);
    assert.match(text, /\*\*503 Service Unavailable\*\*/);
    assert.match(text, /temporarily unable/);
    assert.match(text, /back off and retry.*Retry-After/);
    assert.match(
      text,
      /\[RFC 9110, Section 15\.6\.4\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9110#section-15\.6\.4\)/,
    );
  });

  it('explains a JSON:API string status "404"', () => {
    assert.match(hoverText('{ "errors": [{ "status": "4|04" }] }', 'json') ?? '', /404 Not Found/);
  });

  it('explains res.status === 503 and reversed operands in TypeScript', () => {
    assert.match(
      hoverText('if (res.status === 5|03) {}', 'typescript') ?? '',
      /503 Service Unavailable/,
    );
    assert.match(
      hoverText('if (4|29 == response.status) {}', 'javascript') ?? '',
      /429 Too Many Requests/,
    );
  });

  it('explains case 409: in a switch on the status', () => {
    const text = hoverText('switch (res.status) {\n  case 4|09:\n    break;\n}', 'typescript');
    assert.match(text ?? '', /409 Conflict/);
    assert.match(text ?? '', /RFC 9110, Section 15\.5\.10/);
  });

  it('explains statuses listed in [..].includes(res.status)', () => {
    assert.match(
      hoverText('if ([404, 4|22].includes(res.status)) {}', 'typescript') ?? '',
      /422 Unprocessable Content/,
    );
  });

  it('stays silent on numbers that are not statuses', () => {
    assert.equal(hoverText('{ "count": 5|03 }', 'json'), undefined);
    assert.equal(hoverText('if (items.length === 4|04) {}', 'typescript'), undefined);
    assert.equal(hoverText('{ "status": 9|99 }', 'json'), undefined);
  });

  it('says so for an unregistered code in the valid range', () => {
    assert.match(
      hoverText('{ "status": 4|99 }', 'json') ?? '',
      /not in the IANA HTTP Status Code Registry/,
    );
  });

  it('answers nothing when disabled', () => {
    const { document, position } = documentWithCursor('{ "status": 5|03 }', 'json');
    assert.equal(service.doHover(document, position, { ...defaultSettings, enable: false }), null);
  });
});
