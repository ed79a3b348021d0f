import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, type Settings } from '../../common/settings';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import type { JsonParsedDocument } from '../../server/src/service/documents/parsedDocument';
import { parseDocument } from '../../server/src/service/documents/parsedDocument';
import { matchesFileGlob } from '../../server/src/service/payloads/fileGlob';
import { createPayloadApiResolver } from '../../server/src/service/payloads/identifyPayloadApi';
import { findOperationForInstance } from '../../server/src/service/payloads/instanceOperation';
import { getRecognisedPayloads } from '../../server/src/service/payloads/recognisePayloads';
import { testApis } from '../helpers/testApis';

const contracts = createContractIndex(testApis);
const images = testApis[0]!;

function identify(
  value: unknown,
  settings: Settings = defaultSettings,
  uri = 'file:///work/payload.json',
): string | undefined {
  const parsed = parseDocument(
    TextDocument.create(uri, 'json', 1, JSON.stringify(value)),
  ) as JsonParsedDocument;
  const [payload] = getRecognisedPayloads(parsed);
  assert.ok(payload, 'a payload is recognised');
  const api = createPayloadApiResolver(uri, { contracts, settings })(payload);
  return (
    api &&
    `${api.via}:${api.api.id}${api.operation ? ` ${api.operation.method} ${api.operation.path}` : ''}`
  );
}

describe('payload API identification', () => {
  it('from the problem type prefix, with the operation from the instance', () => {
    assert.equal(
      identify({
        type: 'https://api.images.test/errors/conflict',
        status: 409,
        instance: '/images/7',
      }),
      'payload:test-images DELETE /images/{id}',
    );
    assert.equal(
      identify({ type: 'https://api.images.test/errors/validation', status: 400 }),
      'payload:test-images',
    );
  });

  it('from codes only one API documents', () => {
    assert.equal(
      identify({ errors: [{ status: '409', code: 'environment-in-use' }] }),
      'payload:test-tags',
    );
  });

  it('from a vendor shape only one API uses', () => {
    assert.equal(
      identify({ error_code: '5', error_type: 'other', error_message: 'x', error_details: {} }),
      'shape:test-pixels',
    );
  });

  it('from the settings mapping file globs to an API, ahead of the payload', () => {
    const settings = {
      ...defaultSettings,
      payloads: { 'fixtures/images/**': 'test-images', 'unused/**': 'no-such-api' },
    };
    assert.equal(
      identify(
        { title: 'Not Found', status: 404, instance: '/images/3' },
        settings,
        'file:///w/fixtures/images/a/b.json',
      ),
      'config:test-images DELETE /images/{id}',
    );
    assert.equal(
      identify({ title: 'Not Found', status: 404 }, settings, 'file:///w/other/b.json'),
      undefined,
    );
  });

  it('not at all from shared shapes or unknown type URIs: the generic meaning applies', () => {
    assert.equal(identify({ type: 'https://elsewhere.test/errors/x', status: 409 }), undefined);
    assert.equal(identify({ error: { code: 'BadArgument', message: 'x' } }), undefined);
    assert.equal(identify({ errors: [{ status: '404', code: 'something-else' }] }), undefined);
  });

  describe('instance → operation within a known API', () => {
    it('matches templates, from paths and absolute URIs, ignoring query and fragment', () => {
      assert.equal(findOperationForInstance(images, '/images/123')?.method, 'DELETE');
      assert.equal(
        findOperationForInstance(images, 'https://api.images.test/images/123?x=1#y')?.path,
        '/images/{id}',
      );
      assert.equal(findOperationForInstance(images, '/images')?.method, 'GET');
      assert.equal(findOperationForInstance(images, '/tags/1'), undefined);
      assert.equal(findOperationForInstance(images, 'urn:uuid:1234'), undefined);
    });

    it('drops the API base path and prefers literal segments', () => {
      const api = {
        ...images,
        match: { ...images.match, pathPrefixes: ['/v2'] },
        operations: [
          { method: 'GET', path: '/images/{id}', statuses: [] },
          { method: 'GET', path: '/images/export', statuses: [] },
        ],
      };
      assert.equal(findOperationForInstance(api, '/v2/images/export')?.path, '/images/export');
      assert.equal(findOperationForInstance(api, '/v2/images/9')?.path, '/images/{id}');
    });

    it('leaves the operation unknown when several methods share the path', () => {
      const api = {
        ...images,
        operations: [
          { method: 'GET', path: '/images/{id}', statuses: [] },
          { method: 'DELETE', path: '/images/{id}', statuses: [] },
        ],
      };
      assert.equal(findOperationForInstance(api, '/images/1'), undefined);
    });
  });

  describe('file globs', () => {
    it('match at any folder depth unless anchored', () => {
      assert.ok(
        matchesFileGlob('file:///home/me/project/test/fixtures/dam/a.json', 'test/fixtures/dam/**'),
      );
      assert.ok(matchesFileGlob('file:///home/me/project/mocks/dam.json', '**/mocks/*.json'));
      assert.ok(matchesFileGlob('file:///home/me/project/dam.json', '*.json'));
      assert.ok(!matchesFileGlob('file:///home/me/project/mocks/deep/dam.json', 'mocks/*.json'));
      assert.ok(matchesFileGlob('file:///srv/x/mocks/dam.json', '/srv/x/**/*.json'));
      assert.ok(!matchesFileGlob('file:///other/srv/x/dam.json', '/srv/x/**'));
    });

    it('support braces, classes and ?, and decode the URI', () => {
      assert.ok(matchesFileGlob('file:///p/mocks/dam-1.jsonc', 'mocks/dam-?.{json,jsonc}'));
      assert.ok(matchesFileGlob('file:///p/my%20mocks/dam.json', 'my mocks/[cd]am.json'));
      assert.ok(!matchesFileGlob('file:///p/mocks/xam.json', 'mocks/[cd]am.json'));
      assert.ok(matchesFileGlob('file:///c%3A/p/mocks/a.json', 'mocks/*.json'));
    });
  });
});
