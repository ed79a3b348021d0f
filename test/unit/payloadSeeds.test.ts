import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { documentWithCursor } from '../helpers/cursor';

// The examples of the seed documents, hovered as a user would, against the built-in catalogs.
const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });

function hoverText(text: string): string {
  const { document, position } = documentWithCursor(text, 'json');
  const hover = service.doHover(document, position, defaultSettings);
  return hover ? (hover.contents as MarkupContent).value : '';
}

const damProblem = (status: string, type = 'validation', title = 'Bad Request') => `{
  "type": "https://api2.saleslayer.com/errors/${type}",
  "title": "${title}",
  "status": ${status},
  "detail": "The request is invalid.",
  "instance": "/image/123"
}`;

describe('seed examples: hover', () => {
  it('DAM problem example: the 400 of DELETE /image/{id}', () => {
    const text = hoverText(damProblem('4|00'));
    assert.match(text, /^\*\*400 Bad Request\*\* · Sales Layer DAM · `DELETE \/image\/\{id\}`/);
    assert.match(text, /\*Documented for `DELETE \/image\/\{id\}`:\* 400, 401, 404, 409, 500/);
    assert.match(
      text,
      /\[Sales Layer DAM documentation\]\(https:\/\/docs\.api\.saleslayer\.com\/guides\/errors\)/,
    );
  });

  it('DAM 409 on /image/123: being processed, retry later', () => {
    const text = hoverText(damProblem('40|9', 'conflict', 'Conflict'));
    assert.match(text, /^\*\*409 Conflict\*\* · Sales Layer DAM · `DELETE \/image\/\{id\}`/);
    assert.match(text, /being processed/);
    assert.match(text, /\*Client action:\* retry later/);
  });

  it('DAM problem type: names the API and the operation', () => {
    assert.match(
      hoverText(damProblem('400', 'valid|ation')),
      /^\*\*Problem type\*\* of Sales Layer DAM\n\nOperation: `DELETE \/image\/\{id\}`/,
    );
  });

  it('the 401 example of the cross-API page: the Catalog API', () => {
    const text = hoverText(`{
  "type": "https://api2.saleslayer.com/errors/unauthorized",
  "title": "Unauthorized",
  "status": 4|01,
  "detail": "A valid API key is required.",
  "instance": "/rest/Catalog/Products"
}`);
    assert.match(text, /^\*\*401 Unauthorized\*\* · Sales Layer Catalog/);
    assert.match(text, /X-API-KEY/);
    assert.match(text, /re-authenticate/);
  });

  it('the Reactor error example: the not-found code', () => {
    const text = hoverText(
      '{ "errors": [{ "id": "8a5526da", "status": "404", "code": "not-f|ound", "title": "Record Not Found", "source": { "pointer": "/data" } }] }',
    );
    assert.match(text, /^\*\*`not-found`\*\*.* · Adobe Reactor/);
    assert.match(text, /record could not be found|Verify the id/i);
  });

  it('Reactor statuses its page does not list: the code tells the 401, nothing rules out the 422', () => {
    const unauthorized = hoverText(
      '{ "errors": [{ "status": "40|1", "code": "authentication-failure", "title": "Authentication Failure" }] }',
    );
    assert.match(unauthorized, /^\*\*401 Unauthorized\*\* · Adobe Reactor API/);
    assert.match(
      unauthorized,
      /Adobe Reactor API sends 401 with the `code` "authentication-failure": The IMS access token is not valid\./,
    );
    assert.doesNotMatch(unauthorized, /does not document/);
    const unprocessable = hoverText(
      '{ "errors": [{ "status": "42|2", "code": "environment-in-use", "title": "Environment In Use" }] }',
    );
    assert.match(
      unprocessable,
      /Adobe Reactor API describes no 422 of its own; its documentation does not list every status it answers\./,
    );
    assert.match(unprocessable, /\*Described \(not a complete list\):\* 401, 403, 404, 500/);
  });

  it('both Claid examples: the error types', () => {
    const validation = hoverText(
      '{ "error_code": "9000", "error_type": "valid|ation", "error_message": "name: too long.", "error_details": { "name": ["too long"] } }',
    );
    assert.match(validation, /^\*\*`validation`\*\*.* · Claid/);
    const auth = hoverText(
      '{ "error_code": "111", "error_type": "au|th", "error_message": "Authorization is required.", "error_details": {} }',
    );
    assert.match(auth, /^\*\*`auth`\*\*.* · Claid/);
  });
});

describe('seed examples: documented payload members', () => {
  it('explains the DAM `instance` and `detail` members from the catalog', () => {
    assert.match(
      hoverText(damProblem('400').replace('"detail"', '"det|ail"')),
      /^\*\*`detail`\*\* · Sales Layer DAM\n\n.+/,
    );
    assert.match(
      hoverText(damProblem('400').replace('"/image/123"', '"/image/1|23"')),
      /^\*\*Problem instance\*\* of Sales Layer DAM\n\nOperation: `DELETE \/image\/\{id\}`/,
    );
  });
});
