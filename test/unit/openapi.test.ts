import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import type { ApiContract } from '../../server/src/service/contracts/model';
import {
  loadOpenApiDocument,
  type SpecFileReader,
} from '../../server/src/service/openapi/loadOpenApiDocument';
import { toOpenApiContract } from '../../server/src/service/openapi/openApiContract';
import { createWorkspaceFileSystem } from '../../server/src/workspace/workspaceFileSystem';

const fixtures = path.resolve(__dirname, '../fixtures/openapi');
const fixtureUri = (relative: string) => pathToFileURL(path.join(fixtures, relative)).href;
const diskReader = createWorkspaceFileSystem([fixtures]);

/** Serves each YAML fixture as the JSON document it is, under a `.json` name. */
const jsonReader: SpecFileReader = {
  async readFile(uri) {
    const yamlPath = new URL(uri).pathname.replace(/\.json$/, '.yaml');
    return JSON.stringify(parseYaml(readFileSync(yamlPath, 'utf8')), null, 2);
  },
};

async function contractOf(
  relative: string,
  reader: SpecFileReader = diskReader,
): Promise<ApiContract> {
  const loaded = await loadOpenApiDocument(fixtureUri(relative), reader);
  assert.deepEqual(
    [...loaded.problems.values()].flat().map((each) => each.message),
    [],
  );
  const contract = toOpenApiContract(loaded);
  assert.ok(contract, `${relative} is an OpenAPI document`);
  return contract;
}

describe('OpenAPI documents in every version and format', () => {
  const cases = [
    { file: 'versions/swagger-2.0', version: '2.0' },
    { file: 'versions/openapi-3.0', version: '3.0' },
    { file: 'versions/openapi-3.1', version: '3.1' },
  ];
  for (const { file, version } of cases) {
    for (const format of ['yaml', 'json'] as const) {
      it(`${version} as ${format.toUpperCase()}: DELETE /images/{id} documents its statuses with the spec's descriptions`, async () => {
        const contract = await contractOf(
          `${file}.${format}`,
          format === 'json' ? jsonReader : diskReader,
        );
        assert.equal(contract.id, 'image-store');
        assert.equal(contract.name, 'Image Store');
        assert.equal(contract.source.kind, 'openapi');
        const operation = contract.operations.find(
          (each) => each.method === 'DELETE' && each.path === '/images/{id}',
        );
        assert.ok(operation);
        assert.equal(operation.summary, 'deleteImage');
        assert.deepEqual(
          operation.statuses.map((status) => status.key),
          ['204', '404', '409', '5XX', 'default'],
        );
        const [, notFound, conflict, serverError, fallback] = operation.statuses;
        assert.equal(notFound!.meaning, 'No image has this id.', 'a shared response is followed');
        assert.equal(notFound!.title, 'Not Found');
        assert.equal(notFound!.action, 'fix-request');
        assert.match(conflict!.meaning, /still being processed/);
        assert.equal(conflict!.retryAfter, true);
        assert.equal(
          conflict!.action,
          'retry-later',
          'a 409 documented with Retry-After is one to come back for',
        );
        assert.equal(serverError!.action, 'back-off-and-retry');
        assert.equal(fallback!.title, 'Any other status');
        assert.match(
          conflict!.example ?? '',
          /image-busy/,
          'the error body example is kept for hovers',
        );
      });
    }
  }

  it('servers and host/basePath become hosts and base paths', async () => {
    assert.deepEqual((await contractOf('versions/swagger-2.0.yaml')).match, {
      hosts: ['images.example.com'],
      pathPrefixes: ['/v1'],
      problemTypePrefixes: [],
    });
    // A server variable takes its default; a relative server URL is a base path, and says the
    // description answers relative URLs too.
    assert.deepEqual((await contractOf('versions/openapi-3.0.yaml')).match, {
      hosts: ['eu.images.example.com'],
      pathPrefixes: ['/v1'],
      problemTypePrefixes: [],
      relativeUrls: true,
    });
    assert.deepEqual((await contractOf('versions/openapi-3.1.yaml')).payloadFormats, [
      'problem-details',
    ]);
  });

  it('builds an example body from the schema when the response has none', async () => {
    const contract = await contractOf('versions/openapi-3.0.yaml');
    const fallback = contract.operations[0]!.statuses.find((status) => status.key === 'default')!;
    assert.deepEqual(JSON.parse(fallback.example!), {
      type: 'string (uri)',
      title: 'string',
      status: 0,
      detail: 'string',
    });
    const swagger = await contractOf('versions/swagger-2.0.yaml');
    assert.deepEqual(
      JSON.parse(swagger.operations[0]!.statuses.find((status) => status.key === '404')!.example!),
      { code: 'not-found', message: 'string' },
    );
  });

  it('resolves statuses exact → range → default through the contract index', async () => {
    const contract = await contractOf('versions/openapi-3.1.yaml');
    const index = createContractIndex([contract]);
    const match = index.matchCall('DELETE', {
      host: 'images.example.com',
      path: '/v1/images/{id}',
    });
    assert.equal(match?.operation?.path, '/images/{id}');
    assert.equal(index.resolveStatus(contract, match.operation, 409)?.key, '409');
    assert.equal(index.resolveStatus(contract, match.operation, 502)?.key, '5XX');
    assert.equal(index.resolveStatus(contract, match.operation, 400)?.key, 'default');
    // A relative URL is not claimed by a spec whose servers are all absolute; the operation it
    // would be is there for the hint that ties it.
    assert.equal(index.matchCall('DELETE', { path: '/images/{id}' }), undefined);
    assert.deepEqual(
      index.findUntiedOperations('DELETE', '/images/{id}').map((each) => each.operation?.path),
      ['/images/{id}'],
    );
    const relative = createContractIndex([await contractOf('versions/openapi-3.0.yaml')]);
    assert.equal(relative.matchCall('DELETE', { path: '/images/{id}' })?.api.id, 'image-store');
  });
});

describe('a spec split over many files', () => {
  it('follows nested relative $refs to path items, shared responses and schemas', async () => {
    const loaded = await loadOpenApiDocument(fixtureUri('multi/openapi.yaml'), diskReader);
    assert.deepEqual([...loaded.problems.values()].flat(), []);
    assert.deepEqual(
      [...loaded.files.keys()].map((uri) => path.relative(fixtures, new URL(uri).pathname)).sort(),
      [
        'multi/openapi.yaml',
        'multi/paths/product.yaml',
        'multi/paths/products.yaml',
        'multi/responses/common.yaml',
        'multi/schemas/error.yaml',
        'multi/schemas/validation.yaml',
      ],
    );
    const contract = toOpenApiContract(loaded)!;
    assert.equal(contract.id, 'catalog-service');
    const byOperation = Object.fromEntries(
      contract.operations.map((operation) => [`${operation.method} ${operation.path}`, operation]),
    );
    assert.deepEqual(Object.keys(byOperation).sort(), [
      'DELETE /products/{id}',
      'GET /products/{id}',
      'POST /products',
    ]);
    const get = byOperation['GET /products/{id}']!;
    // 401 goes root components → responses/common.yaml; its schema goes on to schemas/error.yaml and a local $ref there.
    const unauthorized = get.statuses.find((status) => status.key === '401')!;
    assert.equal(unauthorized.meaning, 'The API key is missing or revoked.');
    assert.equal(unauthorized.action, 're-authenticate');
    assert.deepEqual(JSON.parse(unauthorized.example!), {
      error: { code: 'unauthorized', message: 'string' },
    });
    const locked = byOperation['DELETE /products/{id}']!.statuses.find(
      (status) => status.key === '409',
    )!;
    assert.match(locked.meaning, /locked by a running import/);
    assert.equal(locked.action, 'retry-later');
    const post = byOperation['POST /products']!;
    assert.deepEqual(JSON.parse(post.statuses.find((status) => status.key === '422')!.example!), {
      validationFailures: { name: ['must not be empty'] },
    });
    assert.equal(post.statuses.find((status) => status.key === '429')!.retryAfter, true);
  });
});

describe('a description whose operations are files of their own', () => {
  // The layout of large public descriptions: every operation object is a `$ref` to its own file,
  // whose responses `$ref` shared files two folders up.
  const root = 'split/fleet.v2.yaml';
  const relative = (uri: string) =>
    path.relative(path.join(fixtures, 'split'), new URL(uri).pathname);

  it('follows operation, path item, response, header and parameter $refs relative to the file they stand in', async () => {
    const contract = await contractOf(root);
    const keys = Object.fromEntries(
      contract.operations.map((operation) => [
        `${operation.method} ${operation.path}`,
        operation.statuses.map((status) => status.key),
      ]),
    );
    assert.deepEqual(keys, {
      'GET /v2/machines': ['200', '401', '429'],
      'GET /v2/machines/{machine_id}': ['200', '404', '4XX'],
      'DELETE /v2/machines/{machine_id}': ['204', '401', '404', '429', 'default'],
      'GET /v2/status': ['200', 'default'],
    });
    const destroy = contract.operations.find((operation) => operation.method === 'DELETE')!;
    assert.equal(destroy.summary, 'machines_destroy');
    const limited = destroy.statuses.find((status) => status.key === '429')!;
    assert.equal(limited.meaning, "The fleet's rate limit has been exceeded.");
    assert.equal(limited.action, 'back-off-and-retry');
    assert.deepEqual(JSON.parse(limited.example!), {
      id: 'too_many_requests',
      message: 'Rate limit exceeded.',
    });
    assert.deepEqual(
      JSON.parse(destroy.statuses.find((status) => status.key === '404')!.example!),
      { id: 'string', message: 'string' },
    );
  });

  it('says where each operation is described: its own file, or its place in the file holding it', async () => {
    const contract = await contractOf(root);
    const where = Object.fromEntries(
      contract.operations.map((operation) => [
        `${operation.method} ${operation.path}`,
        [relative(operation.location!.uri), operation.location!.pointer],
      ]),
    );
    assert.deepEqual(where, {
      'GET /v2/machines': ['resources/machines/machines_path.yml', '/get'],
      'GET /v2/machines/{machine_id}': ['resources/machines/machines_get.yml', ''],
      'DELETE /v2/machines/{machine_id}': ['resources/machines/machines_destroy.yml', ''],
      'GET /v2/status': ['fleet.v2.yaml', '/paths/~1v2~1status/get'],
    });
  });

  it('reads what the description needs and lists every file it names, code samples included, as its own', async () => {
    const loaded = await loadOpenApiDocument(fixtureUri(root), diskReader);
    const read = [...loaded.files.keys()].map(relative).sort();
    assert.ok(!read.includes('resources/machines/examples/curl/machines_destroy.yml'));
    assert.ok(read.includes('shared/headers.yml'));
    assert.ok(read.includes('resources/machines/parameters.yml'));
    assert.ok(
      [...loaded.referenced]
        .map(relative)
        .includes('resources/machines/examples/curl/machines_destroy.yml'),
    );
  });
});

describe('a cycle of references', () => {
  it('ends with an error on the $ref that closes it; the rest of the operation still loads', async () => {
    const uri = fixtureUri('cycle/openapi.yaml');
    const loaded = await loadOpenApiDocument(uri, diskReader);
    const problems = loaded.problems.get(uri) ?? [];
    assert.deepEqual(
      problems.map((each) => [each.code, each.range.start.line]),
      [['ref-cycle', 23]],
    );
    assert.match(
      String(problems[0]!.message),
      /`#\/components\/responses\/Failure` closes a cycle/,
    );
    const contract = toOpenApiContract(loaded)!;
    // The recursive schema is a tree, not a cycle of references: it is fine.
    assert.deepEqual(
      contract.operations[0]!.statuses.map((status) => status.key),
      ['200', '503'],
    );
  });
});

describe('a spec with broken references', () => {
  it('reports each $ref that does not resolve at the $ref, and still loads the rest', async () => {
    const loaded = await loadOpenApiDocument(
      fixtureUri('broken/openapi.yaml'),
      createWorkspaceFileSystem([path.join(fixtures, 'broken')]),
    );
    const problems = loaded.problems.get(fixtureUri('broken/openapi.yaml')) ?? [];
    const text = readFileSync(path.join(fixtures, 'broken/openapi.yaml'), 'utf8').split('\n');
    const at = (line: number, character: number) => text[line]!.slice(character);
    const byCode = problems.map((each) => ({
      code: each.code,
      line: each.range.start.line,
      text: at(each.range.start.line, each.range.start.character),
      message: String(each.message),
    }));
    assert.deepEqual(
      byCode.map(({ code, line, text }) => ({ code, line, text })),
      [
        { code: 'unresolved-ref', line: 11, text: '"#/components/responses/Missing"' },
        { code: 'unresolved-ref', line: 13, text: '"./missing-file.yaml#/Gone"' },
        { code: 'remote-ref', line: 15, text: '"https://example.com/shared.yaml#/ServerError"' },
        { code: 'unresolved-ref', line: 17, text: '"../../../../../outside.yaml"' },
      ],
    );
    assert.match(
      byCode[0]!.message,
      /this file has nothing at `#\/components\/responses\/Missing`/,
    );
    assert.match(byCode[1]!.message, /missing-file\.yaml does not exist/);
    assert.match(byCode[2]!.message, /not followed/);
    assert.match(byCode[3]!.message, /outside the workspace/);
    const contract = toOpenApiContract(loaded)!;
    assert.deepEqual(
      contract.operations[0]!.statuses.map((status) => status.key),
      ['200', '409'],
    );
  });

  it('reports a syntax error at its place', async () => {
    const reader: SpecFileReader = {
      readFile: async () => 'openapi: 3.0.0\ninfo:\n  title: [unclosed\npaths: {}\n',
    };
    const loaded = await loadOpenApiDocument('file:///w/bad.yaml', reader);
    const problems = loaded.problems.get('file:///w/bad.yaml') ?? [];
    assert.ok(problems.length > 0);
    assert.equal(problems[0]!.code, 'spec-syntax-error');
    assert.ok(problems[0]!.range.start.line >= 2);
  });
});
