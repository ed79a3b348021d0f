import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { JsonParsedDocument } from '../../server/src/service/documents/parsedDocument';
import { parseDocument } from '../../server/src/service/documents/parsedDocument';
import { getRecognisedPayloads } from '../../server/src/service/payloads/recognisePayloads';

let count = 0;
function parse(value: unknown): JsonParsedDocument {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return parseDocument(
    TextDocument.create(`file:///work/recognise-${++count}.json`, 'json', 1, text),
  ) as JsonParsedDocument;
}

function shapes(value: unknown): string[] {
  return getRecognisedPayloads(parse(value)).map((payload) => payload.shape);
}

function membersOf(value: unknown): string[] {
  return getRecognisedPayloads(parse(value)).flatMap((payload) =>
    payload.members.map((member) => `${member.role}:${member.name}`),
  );
}

const damProblem = {
  type: 'https://api2.saleslayer.com/errors/validation',
  title: 'Bad Request',
  status: 400,
  detail: 'The request is invalid.',
  instance: '/image/123',
};

describe('payload recognisers', () => {
  describe('problem details', () => {
    it('recognises the DAM example with its facts', () => {
      const [payload] = getRecognisedPayloads(parse(damProblem));
      assert.equal(payload?.shape, 'problem-details');
      assert.deepEqual(payload?.facts, {
        problemType: damProblem.type,
        instance: '/image/123',
        status: 400,
        codes: [],
      });
      assert.deepEqual(membersOf(damProblem), [
        'problem-type:type',
        'title:title',
        'status:status',
        'detail:detail',
        'instance:instance',
      ]);
    });

    it('recognises a problem by a numeric error status and one more member, or by a type URI', () => {
      assert.deepEqual(shapes({ status: 404, title: 'Not Found' }), ['problem-details']);
      assert.deepEqual(shapes({ type: 'about:blank', detail: 'x' }), ['problem-details']);
      assert.deepEqual(shapes({ type: '/errors/out-of-credit', title: 'Out of credit' }), [
        'problem-details',
      ]);
      // Wrong member types still make a problem, so that the member-type rule can report them.
      assert.deepEqual(shapes({ type: 'https://example.com/probs/x', status: '409' }), [
        'problem-details',
      ]);
    });

    it('does not take any object with a status or a title for a problem', () => {
      assert.deepEqual(shapes({ status: 404 }), []);
      assert.deepEqual(shapes({ title: 'My movie', status: 'released' }), []);
      assert.deepEqual(shapes({ title: 'Order 17', status: 200 }), []);
      assert.deepEqual(shapes({ type: 'movie', title: 'Jaws' }), []);
      assert.deepEqual(shapes({ status: 'active', detail: 'Running' }), []);
    });

    it('recognises ASP.NET validation problems', () => {
      const payload = {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { Name: ['The Name field is required.'] },
        traceId: '00-abc-01',
      };
      assert.deepEqual(shapes(payload), ['aspnet-validation-problem']);
    });
  });

  describe('JSON:API', () => {
    const reactor = {
      errors: [
        {
          id: '8a5526da-ab12-4be9-b084-2efe537f388c',
          status: '404',
          code: 'not-found',
          title: 'Record Not Found',
          meta: { request_id: 'jfb0dQ2e0XVTkQ6AOfEJFfTDjguw9x3d' },
          source: { pointer: '/data' },
        },
      ],
    };

    it('recognises the Reactor example with one error object and its code', () => {
      const [payload] = getRecognisedPayloads(parse(reactor));
      assert.equal(payload?.shape, 'json-api');
      assert.equal(payload?.errorObjects.length, 1);
      assert.deepEqual(payload?.facts.codes, [{ field: 'code', code: 'not-found' }]);
      assert.deepEqual(membersOf(reactor), ['status:status', 'code:code', 'title:title']);
    });

    it('recognises an error object in place of the array, and empty error objects', () => {
      assert.deepEqual(shapes({ errors: { status: '404', title: 'Not Found' } }), ['json-api']);
      assert.deepEqual(shapes({ errors: [{}] }), ['json-api']);
      assert.deepEqual(shapes({ jsonapi: { version: '1.1' }, errors: [] }), ['json-api']);
    });

    it('leaves GraphQL errors, string lists and ASP.NET field maps alone', () => {
      assert.deepEqual(
        shapes({
          errors: [
            { message: 'Cannot query field', locations: [{ line: 1, column: 2 }], path: ['a'] },
          ],
        }),
        [],
      );
      assert.deepEqual(shapes({ errors: ['name is required'] }), []);
      assert.deepEqual(shapes({ errors: { title: ['The Title field is required.'] } }), []);
      assert.deepEqual(shapes({ errors: [] }), []);
    });
  });

  describe('vendor shapes', () => {
    it('recognises both Claid examples', () => {
      const validation = {
        error_code: '9000',
        error_type: 'validation',
        error_message: 'name: ensure this value has at most 50 characters.',
        error_details: { name: ['ensure this value has at most 50 characters'] },
      };
      const auth = {
        error_code: '111',
        error_type: 'auth',
        error_message: 'Authorization is required.',
        error_details: {},
      };
      assert.deepEqual(shapes([validation, auth]), ['claid', 'claid']);
      assert.deepEqual(getRecognisedPayloads(parse(auth))[0]?.facts.codes, [
        { field: 'error_code', code: '111' },
        { field: 'error_type', code: 'auth' },
      ]);
      assert.deepEqual(shapes({ error_code: '1', error_message: 'x' }), []);
    });

    it('recognises { validationFailures: { field: [msg] } }', () => {
      assert.deepEqual(shapes({ validationFailures: { field: ['Validation message'] } }), [
        'validation-failures',
      ]);
      assert.deepEqual(shapes({ validationFailures: 3 }), []);
    });

    it('recognises Google errors with the ErrorInfo reason as a code', () => {
      const google = {
        error: {
          code: 429,
          message: 'Quota exceeded.',
          status: 'RESOURCE_EXHAUSTED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'RATE_LIMIT_EXCEEDED',
              domain: 'googleapis.com',
            },
          ],
        },
      };
      assert.deepEqual(shapes(google), ['google']);
      assert.deepEqual(membersOf(google), [
        'status:code',
        'detail:message',
        'code:status',
        'code:reason',
      ]);
    });

    it('recognises Stripe errors by their `*_error` type', () => {
      const stripe = {
        error: {
          type: 'card_error',
          code: 'card_declined',
          message: 'Your card was declined.',
          param: 'number',
        },
      };
      assert.deepEqual(shapes(stripe), ['stripe']);
      assert.deepEqual(membersOf(stripe), ['error-type:type', 'code:code', 'detail:message']);
    });

    it('recognises { error: { code, message, target, details } }', () => {
      const vendor = {
        error: {
          code: 'BadArgument',
          message: 'Multiple errors',
          target: 'query',
          details: [{ code: 'NullValue', message: 'x' }],
        },
      };
      assert.deepEqual(shapes(vendor), ['vendor-error-object']);
      assert.deepEqual(shapes({ error: { code: 'x' } }), []);
      assert.deepEqual(shapes({ error: 'boom' }), []);
    });
  });

  describe('walking the document', () => {
    it('finds payloads at any depth, in document order, including arrays of cases', () => {
      const fixture = {
        cases: [
          {
            name: 'processing',
            request: { method: 'DELETE', url: '/image/1' },
            response: { status: 409, body: damProblem },
          },
          { name: 'tags', response: { body: { errors: [{ status: '404', code: 'not-found' }] } } },
        ],
        mock: {
          claid: {
            error_code: '111',
            error_type: 'auth',
            error_message: 'Authorization is required.',
          },
        },
      };
      assert.deepEqual(shapes(fixture), ['problem-details', 'json-api', 'claid']);
    });

    it('does not take a wrapper holding a payload for a payload itself', () => {
      assert.deepEqual(
        shapes({ title: 'delete while processing', status: 409, body: damProblem }),
        ['problem-details'],
      );
      const [payload] = getRecognisedPayloads(
        parse({ title: 'delete while processing', status: 409, body: damProblem }),
      );
      assert.equal(payload?.facts.instance, '/image/123');
    });

    it('counts a JSON:API error object once, as part of its document', () => {
      assert.deepEqual(shapes({ errors: [{ status: 404, title: 'Not Found' }] }), ['json-api']);
    });

    it('works on JSONC with comments and trailing commas, and caches per parse', () => {
      const parsed = parse('// a mock\n{ "status": 404, "title": "Not Found", /* x */ }');
      assert.equal(getRecognisedPayloads(parsed), getRecognisedPayloads(parsed));
      assert.deepEqual(
        getRecognisedPayloads(parsed).map((payload) => payload.shape),
        ['problem-details'],
      );
    });

    it('answers nothing for an empty document', () => {
      assert.deepEqual(shapes(''), []);
    });
  });
});
