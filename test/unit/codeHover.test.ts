import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service/languageService';
import { documentWithCursor } from '../helpers/cursor';
import { codeTestContracts, codeTestSettings } from '../helpers/codeTestSupport';

const service = getLanguageService({ contracts: codeTestContracts });
const DAM = 'https://api2.saleslayer.com/dam';

function hover(text: string): { value: string; range?: unknown } | null {
  const { document, position } = documentWithCursor(text, 'typescript');
  const result = service.doHover(document, position, codeTestSettings());
  return result ? { value: (result.contents as MarkupContent).value, range: result.range } : null;
}

describe('hovers in client code', () => {
  it('a status literal tested against a DAM call explains it for DELETE /image/{id}', () => {
    const result = hover(
      `const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\nif (res.status === 4|09) await retryLater();\nif (!res.ok) throw new Error();`,
    );
    assert.ok(result);
    assert.match(
      result.value,
      /^\*\*409 Conflict\*\* · Sales Layer DAM · `DELETE \/image\/\{id\}`/,
    );
    assert.match(result.value, /being processed/);
    assert.match(result.value, /\*Client action:\* retry later/);
    assert.match(result.value, /\*This call:\* handled\./);
    assert.deepEqual(result.range, {
      start: { line: 1, character: 19 },
      end: { line: 1, character: 22 },
    });
  });

  it('a case label of a switch on the status', () => {
    const result = hover(
      `const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\nswitch (res.status) { case 40|4: return; default: throw new Error(); }`,
    );
    assert.match(result?.value ?? '', /^\*\*404 Not Found\*\* · Sales Layer DAM/);
    assert.match(result?.value ?? '', /image does not exist/);
  });

  it('a status the operation does not document says so and falls back to the generic meaning', () => {
    const result = hover(
      `const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\nif (res.status === 4|18) {}`,
    );
    assert.match(
      result?.value ?? '',
      /Sales Layer DAM does not document 418 for `DELETE \/image\/\{id\}`/,
    );
  });

  it('the URL of a recognised call shows the contract and what this call handles', () => {
    const result = hover(
      `const res = await fetch(\`${DAM}/im|age/\${id}\`, { method: 'DELETE' });\nif (!res.ok) throw new Error();`,
    );
    assert.ok(result);
    assert.match(
      result.value,
      /^\*\*`DELETE \/image\/\{id\}`\*\* · Sales Layer DAM — Delete an image/,
    );
    assert.match(
      result.value,
      /\| 404 Not Found \| fix the request \| handled by the generic failure branch \|/,
    );
    assert.match(
      result.value,
      /\| 409 Conflict \| retry later \| not handled — only a generic failure branch, which does not retry \|/,
    );
  });

  it('a status literal outside handling code falls back to the registry hover', () => {
    const result = hover('if (response.status === 4|09) {}');
    assert.match(result?.value ?? '', /^\*\*409 Conflict\*\*\n/);
    assert.doesNotMatch(result?.value ?? '', /Sales Layer/);
  });

  it('nothing on an unrecognised URL', () => {
    assert.equal(hover('const x = "https://exam|ple.com/image/1";'), null);
  });
});
