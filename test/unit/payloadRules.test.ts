import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings, type Settings } from '../../common/settings';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { testApis } from '../helpers/testApis';

const service = getLanguageService({ contracts: createContractIndex(testApis) });
let count = 0;

function validate(
  value: unknown,
  settings: Settings = defaultSettings,
  uri = `file:///work/rules-${++count}.json`,
): Diagnostic[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return service.doValidation(TextDocument.create(uri, 'json', 1, text), settings);
}

function codes(value: unknown, settings?: Settings): string[] {
  return validate(value, settings).map((diagnostic) => String(diagnostic.code));
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function only(value: unknown, code: string): Diagnostic {
  const found = validate(value).filter((diagnostic) => diagnostic.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(value)}`);
  return found[0]!;
}

const imagesType = 'https://api.images.test/errors/conflict';

describe('payload rules', () => {
  it('every diagnostic carries the source, a stable code and a one-sentence message', () => {
    for (const diagnostic of validate({
      type: 'about:blank',
      title: 'Oops',
      status: '404x',
      errors: 1,
    })) {
      assert.equal(diagnostic.source, 'api-error-contracts');
      assert.match(String(diagnostic.code), /^[a-z]+(-[a-z]+)+$/);
      assert.match(messageOf(diagnostic), /^[^\n]+[.?]$/);
    }
  });

  describe('problem-member-type', () => {
    it('warns on a string status, with the number as the fix', () => {
      const diagnostic = only(
        { type: imagesType, title: 'Conflict', status: '409' },
        'problem-member-type',
      );
      assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
      assert.equal(
        diagnostic.message,
        'Problem member `status` is a string, which consumers ignore; RFC 9457 expects a JSON number from 100 to 599.',
      );
      assert.deepEqual(diagnostic.data, {
        member: 'status',
        expected: 'a JSON number from 100 to 599',
        replacement: 409,
      });
      assert.equal(
        diagnostic.codeDescription?.href,
        'https://www.rfc-editor.org/rfc/rfc9457#section-3.1',
      );
    });

    it('warns on a status out of range, a non-URI type, a non-string title or detail', () => {
      assert.match(
        messageOf(only({ type: 'about:blank', status: 999 }, 'problem-member-type')),
        /number 999, outside 100–599/,
      );
      assert.match(
        messageOf(
          only(
            { type: 'https://x.test/a b', status: 400, title: 'Bad Request' },
            'problem-member-type',
          ),
        ),
        /`type` is a string that is not a URI reference/,
      );
      assert.match(
        messageOf(
          only({ status: 400, title: 'Bad Request', detail: { text: 'x' } }, 'problem-member-type'),
        ),
        /`detail` is an object/,
      );
      assert.match(
        messageOf(only({ status: 400, title: 42 }, 'problem-member-type')),
        /`title` is the number 42/,
      );
      assert.match(
        messageOf(
          only({ status: 400, title: 'Bad Request', instance: null }, 'problem-member-type'),
        ),
        /`instance` is null/,
      );
    });

    it('accepts well-typed members, relative references included', () => {
      assert.deepEqual(
        codes({
          type: '/errors/validation',
          title: 'Bad Request',
          status: 400,
          detail: 'x',
          instance: '/images/1',
        }),
        [],
      );
    });
  });

  describe('problem-title-mismatch', () => {
    it('warns when an about:blank problem has a title other than the reason phrase', () => {
      const diagnostic = only(
        { type: 'about:blank', title: 'Image is busy', status: 409 },
        'problem-title-mismatch',
      );
      assert.equal(
        diagnostic.message,
        '`title` "Image is busy" does not name status 409; a problem of type `about:blank` should carry its reason phrase "Conflict".',
      );
      assert.deepEqual(diagnostic.data, { expected: 'Conflict' });
      assert.equal(
        codes({ title: 'Image is busy', status: 409, detail: 'x' }).filter(
          (code) => code === 'problem-title-mismatch',
        ).length,
        1,
      );
    });

    it('accepts the reason phrase in any case, earlier phrases, and any title for a typed problem', () => {
      assert.deepEqual(codes({ type: 'about:blank', title: 'not found', status: 404 }), []);
      assert.deepEqual(codes({ title: 'Unprocessable Entity', status: 422 }), []);
      assert.deepEqual(
        codes({
          type: 'https://example.com/probs/out-of-credit',
          title: 'You do not have enough credit.',
          status: 403,
        }),
        [],
      );
    });
  });

  describe('jsonapi-errors-not-array', () => {
    it('is an error on an error object in place of the array', () => {
      const diagnostic = only(
        { errors: { status: '404', title: 'Not Found' } },
        'jsonapi-errors-not-array',
      );
      assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
      assert.match(messageOf(diagnostic), /must carry its error objects in an array/);
    });
    it('accepts an array', () => {
      assert.deepEqual(codes({ errors: [{ status: '404', title: 'Not Found' }] }), []);
    });
  });

  describe('jsonapi-data-and-errors', () => {
    it('is an error on `data` next to `errors`, covering the `data` key', () => {
      const text = '{ "data": null, "errors": [{ "status": "500" }] }';
      const diagnostic = only(text, 'jsonapi-data-and-errors');
      assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
      assert.deepEqual(diagnostic.range, {
        start: { line: 0, character: 2 },
        end: { line: 0, character: 8 },
      });
    });
    it('accepts errors alone, with meta and jsonapi', () => {
      assert.deepEqual(
        codes({ jsonapi: { version: '1.1' }, meta: {}, errors: [{ status: '500' }] }),
        [],
      );
    });
  });

  describe('jsonapi-empty-error', () => {
    it('warns on an empty error object', () => {
      assert.match(
        messageOf(only({ errors: [{ status: '404' }, {}] }, 'jsonapi-empty-error')),
        /error object is empty/,
      );
    });
    it('accepts an error object with members', () => {
      assert.deepEqual(codes({ errors: [{ detail: 'x' }] }), []);
    });
  });

  describe('jsonapi-status-format', () => {
    it('warns on a numeric status with the string as the fix', () => {
      const diagnostic = only(
        { errors: [{ status: 404, title: 'Not Found' }] },
        'jsonapi-status-format',
      );
      assert.equal(
        diagnostic.message,
        'JSON:API error `status` is the number 404; it must be a string, "404".',
      );
      assert.deepEqual(diagnostic.data, { replacement: '404' });
    });
    it('warns on a string that is not three digits', () => {
      assert.match(
        messageOf(only({ errors: [{ status: 'Not Found' }] }, 'jsonapi-status-format')),
        /string of three digits/,
      );
    });
    it('accepts "404"', () => {
      assert.deepEqual(codes({ errors: [{ status: '404' }] }), []);
    });
  });

  describe('jsonapi-source-pointer', () => {
    it('warns on a pointer without a leading slash, offering the fixed pointer', () => {
      const diagnostic = only(
        { errors: [{ status: '422', source: { pointer: 'data/attributes/title' } }] },
        'jsonapi-source-pointer',
      );
      assert.match(messageOf(diagnostic), /"data\/attributes\/title" is not a JSON Pointer/);
      assert.deepEqual(diagnostic.data, { replacement: '/data/attributes/title' });
    });
    it('warns on a bad escape and on a non-string pointer', () => {
      assert.equal(codes({ errors: [{ source: { pointer: '/data/a~2b' } }] }).length, 1);
      assert.match(
        messageOf(only({ errors: [{ source: { pointer: 3 } }] }, 'jsonapi-source-pointer')),
        /must be a string/,
      );
    });
    it('accepts pointers per RFC 6901, the empty one included', () => {
      assert.deepEqual(
        codes({
          errors: [
            { source: { pointer: '/data' } },
            { source: { pointer: '' } },
            { source: { pointer: '/a~0b/c~1d' } },
          ],
        }),
        [],
      );
    });
  });

  describe('unknown-error-code', () => {
    it('warns on a code the identified API does not document, suggesting the close one', () => {
      const diagnostic = only(
        {
          errors: [
            { status: '404', code: 'not-founds' },
            { status: '409', code: 'environment-in-use' },
          ],
        },
        'unknown-error-code',
      );
      assert.equal(
        diagnostic.message,
        'Test Tags does not document the `code` "not-founds"; did you mean "not-found"?',
      );
      assert.deepEqual(diagnostic.data, {
        apiId: 'test-tags',
        field: 'code',
        code: 'not-founds',
        replacement: 'not-found',
      });
      assert.equal(diagnostic.codeDescription?.href, 'https://docs.tags.test/errors');
    });
    it('checks Claid-style error types once the shape names the API', () => {
      assert.match(
        messageOf(
          only(
            { error_code: '7', error_type: 'quotas', error_message: 'x', error_details: {} },
            'unknown-error-code',
          ),
        ),
        /Test Pixels does not document the `error_type` "quotas"; did you mean "quota"\?/,
      );
    });
    it('lists documented codes when none is close', () => {
      assert.match(
        messageOf(
          only(
            { errors: [{ status: '404', code: 'gone-away' }, { code: 'read-only' }] },
            'unknown-error-code',
          ),
        ),
        /expected one of its documented codes, such as "not-found", "environment-in-use", "not-unique"\./,
      );
    });
    it('checks no code of an API whose codes are examples', () => {
      const examples = getLanguageService({
        contracts: createContractIndex([
          { ...testApis[1]!, exhaustiveCodeFields: [] },
          ...testApis.slice(2),
        ]),
      });
      const diagnostics = examples.doValidation(
        TextDocument.create(
          `file:///work/examples-${++count}.json`,
          'json',
          1,
          JSON.stringify({
            errors: [{ status: '404', code: 'not-founds' }, { code: 'read-only' }],
          }),
        ),
        defaultSettings,
      );
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.code),
        [],
      );
    });
    it('accepts documented codes, and says nothing without an identified API or a reference table of codes for the member', () => {
      // Test Pixels quotes one error_code, as an example: not a list to hold payloads against.
      assert.deepEqual(
        codes({ error_code: '9999', error_type: 'auth', error_message: 'x', error_details: {} }),
        [],
      );
      assert.deepEqual(codes({ errors: [{ status: '409', code: 'environment-in-use' }] }), []);
      assert.deepEqual(
        codes({ error_code: '111', error_type: 'auth', error_message: 'x', error_details: {} }),
        [],
      );
      assert.deepEqual(codes({ error: { code: 'SomethingElse', message: 'x' } }), []);
    });
  });

  describe('undocumented-status', () => {
    it('warns on a status the operation named by instance does not document', () => {
      const diagnostic = only(
        {
          type: 'https://api.images.test/errors/forbidden',
          title: 'Forbidden',
          status: 403,
          instance: '/images/123',
        },
        'undocumented-status',
      );
      assert.equal(
        diagnostic.message,
        'Test Images does not document 403 Forbidden for `DELETE /images/{id}`; it documents 400, 401, 404, 409 and 500.',
      );
      assert.deepEqual(diagnostic.data, {
        apiId: 'test-images',
        status: 403,
        documented: ['400', '401', '404', '409', '500'],
        method: 'DELETE',
        path: '/images/{id}',
      });
      assert.equal(diagnostic.codeDescription?.href, 'https://docs.images.test/errors#delete');
    });
    it('checks against the whole API when no operation is named', () => {
      assert.match(
        messageOf(
          only(
            { type: 'https://api.images.test/errors/x', title: 'Too Many Requests', status: 429 },
            'undocumented-status',
          ),
        ),
        /Test Images does not document 429 Too Many Requests; it documents/,
      );
    });
    it('says nothing of a status an incomplete list leaves out (an API-wide list not marked exhaustive)', () => {
      // Test Tags describes 404 and 409 without saying that is all it answers, as Reactor's page does.
      assert.deepEqual(codes({ errors: [{ status: '422', code: 'environment-in-use' }] }), []);
      assert.deepEqual(codes({ errors: [{ status: '401', code: 'not-unique' }] }), []);
    });
    it("counts the status a payload's own code is documented with, even against a complete list", () => {
      const complete = getLanguageService({
        contracts: createContractIndex([{ ...testApis[1]!, statusesExhaustive: true }]),
      });
      const check = (value: unknown) =>
        complete
          .doValidation(
            TextDocument.create(
              `file:///work/complete-${++count}.json`,
              'json',
              1,
              JSON.stringify(value),
            ),
            defaultSettings,
          )
          .filter((diagnostic) => diagnostic.code === 'undocumented-status')
          .map((diagnostic) => diagnostic.message);
      // `read-only` is documented with 403, which the API-wide list does not hold.
      assert.deepEqual(check({ errors: [{ status: '403', code: 'read-only' }] }), []);
      assert.deepEqual(check({ errors: [{ status: '403', code: 'not-found' }] }), [
        'Test Tags does not document 403 Forbidden; it documents 404 and 409.',
      ]);
      assert.deepEqual(check({ errors: [{ status: '422', code: 'environment-in-use' }] }), [
        'Test Tags does not document 422 Unprocessable Content; it documents 404 and 409.',
      ]);
    });
    it('accepts documented statuses and payloads of unknown APIs', () => {
      assert.deepEqual(
        codes({ type: imagesType, title: 'Conflict', status: 409, instance: '/images/123' }),
        [],
      );
      assert.deepEqual(
        codes({ type: 'https://elsewhere.test/errors/x', title: 'Forbidden', status: 403 }),
        [],
      );
    });
  });

  describe('the rules setting', () => {
    const payload = { type: 'about:blank', title: 'Busy', status: 409 };
    it('turns a rule off or changes its severity', () => {
      const off: Settings = { ...defaultSettings, rules: { 'problem-title-mismatch': 'off' } };
      assert.deepEqual(codes(payload, off), []);
      const asError: Settings = {
        ...defaultSettings,
        rules: { 'problem-title-mismatch': 'error' },
      };
      assert.equal(validate(payload, asError)[0]?.severity, DiagnosticSeverity.Error);
    });
  });

  it('validates nothing when disabled', () => {
    assert.deepEqual(
      validate({ errors: { status: '404' } }, { ...defaultSettings, enable: false }),
      [],
    );
  });
});
