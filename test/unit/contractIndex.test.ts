import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { toApiContract } from '../../server/src/service/contracts/catalogContract';
import type { CatalogFile } from '../../server/src/service/contracts/catalogFile';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import type { ApiContract } from '../../server/src/service/contracts/model';

function contract(
  catalog: Omit<CatalogFile, 'match'> & { match?: CatalogFile['match'] },
  kind: 'catalog' | 'openapi' = 'catalog',
): ApiContract {
  return toApiContract({ match: {}, ...catalog }, { kind, uri: `file:///work/${catalog.id}.json` });
}

const shop = contract({
  id: 'shop',
  name: 'Shop',
  match: {
    hosts: ['api.shop.example', '*.shop-cdn.example'],
    pathPrefixes: ['/v2'],
    problemTypePrefixes: ['https://shop.example/problems/'],
  },
  statuses: {
    '404': {
      title: 'Not Found',
      meaning: 'No such order.',
      action: 'fix-request',
      remedy: 'Check the order id.',
    },
    '4XX': {
      title: 'Client Error',
      meaning: 'Something in the request is wrong.',
      action: 'fix-request',
    },
    '5XX': { title: 'Server Error', meaning: 'The shop failed.', action: 'back-off-and-retry' },
    default: { title: 'Unexpected', meaning: 'Anything else.', action: 'fix-request' },
  },
  operations: [
    {
      method: 'get',
      path: '/orders/{id}',
      statuses: {
        '404': { meaning: 'The order does not exist.' },
        '429': {
          title: 'Too Many Requests',
          meaning: 'Slow down.',
          action: 'back-off-and-retry',
          retryAfter: true,
        },
      },
    },
    { method: 'GET', path: '/orders/export', statuses: { '400': {} } },
    {
      method: 'DELETE',
      path: '/orders/{id}',
      statuses: {
        '409': { title: 'Conflict', meaning: 'The order is being shipped.', action: 'retry-later' },
      },
    },
    { method: 'GET', path: '/files/report.{format}', statuses: {} },
  ],
  errorCodes: [{ code: 'order-locked', field: 'code', meaning: 'Being shipped.', status: 409 }],
});
const spec = contract(
  {
    id: 'workspace-spec',
    name: 'In-house',
    operations: [
      {
        method: 'POST',
        path: '/internal/jobs',
        statuses: { '202': { title: 'Accepted', meaning: 'Queued.', action: 'none' } },
      },
    ],
  },
  'openapi',
);
const index = createContractIndex([shop, spec, ...getBuiltinContracts()]);

function call(
  method: string,
  host: string | undefined,
  path: string,
  apiId?: string,
): string | undefined {
  const match = index.matchCall(method, { host, path }, apiId);
  return (
    match &&
    `${match.api.id}${match.operation ? ` ${match.operation.method} ${match.operation.path}` : ''}`
  );
}

describe('contract index: matchCall', () => {
  it('matches host + base path + template, concrete and templated call paths alike', () => {
    assert.equal(call('GET', 'api.shop.example', '/v2/orders/123'), 'shop GET /orders/{id}');
    assert.equal(
      call('get', 'API.Shop.Example:443', '/v2/orders/{orderId}?x=1'),
      'shop GET /orders/{id}',
    );
    assert.equal(call('DELETE', 'api.shop.example', '/v2/orders/9/'), 'shop DELETE /orders/{id}');
  });

  it('prefers a literal segment over a parameter, and falls back to the parameter for other methods', () => {
    assert.equal(call('GET', 'api.shop.example', '/v2/orders/export'), 'shop GET /orders/export');
    assert.equal(
      call('DELETE', 'api.shop.example', '/v2/orders/export'),
      'shop DELETE /orders/{id}',
    );
    // A parameter in the call is any value: it cannot be the literal `export`.
    assert.equal(call('GET', 'api.shop.example', '/v2/orders/{x}'), 'shop GET /orders/{id}');
  });

  it('matches segments mixing text and parameters', () => {
    assert.equal(
      call('GET', 'api.shop.example', '/v2/files/report.csv'),
      'shop GET /files/report.{format}',
    );
  });

  it('matches `*.` wildcard hosts on subdomains only', () => {
    assert.equal(call('GET', 'eu.shop-cdn.example', '/v2/orders/1'), 'shop GET /orders/{id}');
    assert.equal(call('GET', 'a.b.shop-cdn.example', '/v2/orders/1'), 'shop GET /orders/{id}');
    assert.equal(call('GET', 'shop-cdn.example', '/v2/orders/1'), undefined);
  });

  it('knows the API but not the operation for an undocumented path or method', () => {
    assert.equal(call('PUT', 'api.shop.example', '/v2/orders/1'), 'shop');
    assert.equal(call('GET', 'api.shop.example', '/v2/customers'), 'shop');
  });

  it('matches an operation under another version of the base path (`/v3` for a server at `/v2`), below the exact base', () => {
    assert.equal(call('GET', 'api.shop.example', '/v3/orders/1'), 'shop GET /orders/{id}');
    assert.equal(call('DELETE', 'api.shop.example', '/v1/orders/1'), 'shop DELETE /orders/{id}');
    // Only by an operation, and only a version written alike.
    assert.equal(call('GET', 'api.shop.example', '/v3/customers'), undefined);
    assert.equal(call('GET', 'api.shop.example', '/2024-01-01/orders/1'), undefined);
    assert.equal(call('GET', 'api.shop.example', '/beta/orders/1'), undefined);
    const v3 = contract({
      id: 'shop-v3',
      name: 'Shop v3',
      match: { hosts: ['api.shop.example'], pathPrefixes: ['/v3'] },
      operations: [{ method: 'GET', path: '/orders/{id}', statuses: { '410': {} } }],
    });
    const both = createContractIndex([shop, v3]);
    const apiOf = (path: string) =>
      both.matchCall('GET', { host: 'api.shop.example', path })?.api.id;
    assert.equal(apiOf('/v3/orders/1'), 'shop-v3');
    assert.equal(apiOf('/v2/orders/1'), 'shop');
  });

  it('never matches a third-party API on a bare path, a foreign host or a path outside its base', () => {
    assert.equal(call('DELETE', undefined, '/image/123'), undefined);
    assert.equal(call('GET', 'api.other.example', '/v2/orders/1'), undefined);
    assert.equal(call('GET', 'api.shop.example', '/v2x/orders/1'), undefined);
    assert.equal(call('GET', 'api.shop.example', '/customers'), undefined);
  });

  it('matches a bare path when the config names the API, and a workspace spec by its operations', () => {
    assert.equal(
      call('DELETE', undefined, '/image/123', 'saleslayer-dam'),
      'saleslayer-dam DELETE /image/{id}',
    );
    assert.equal(call('GET', undefined, '/v2/orders/1', 'shop'), 'shop GET /orders/{id}');
    assert.equal(call('GET', undefined, '/x', 'no-such-api'), undefined);
    assert.equal(call('POST', undefined, '/internal/jobs'), 'workspace-spec POST /internal/jobs');
    assert.equal(call('POST', undefined, '/internal/other'), undefined);
  });

  it('matches Imagizer, which has no public host, only when the config names it', () => {
    assert.equal(call('GET', 'images.customer.example', '/photo.jpg'), undefined);
    assert.equal(call('GET', 'images.customer.example', '/photo.jpg', 'imagizer'), 'imagizer');
  });

  it('matches Claid and Adobe Reactor by host', () => {
    assert.equal(call('POST', 'api.claid.ai', '/v1/image/edit'), 'claid');
    assert.equal(call('GET', 'reactor.adobe.io', '/properties/PR123'), 'adobe-reactor');
  });

  it('tells the DAM and the Catalog apart on their shared host by path', () => {
    assert.equal(
      call('GET', 'api2.saleslayer.com', '/rest/Catalog/Products'),
      'saleslayer-catalog',
    );
    assert.equal(
      call('DELETE', 'api2.saleslayer.com', '/dam/image/123'),
      'saleslayer-dam DELETE /image/{id}',
    );
    assert.equal(
      call('DELETE', 'api2.saleslayer.com', '/image/{id}'),
      'saleslayer-dam DELETE /image/{id}',
    );
    assert.equal(call('GET', 'api2.saleslayer.com', '/dam/image'), 'saleslayer-dam GET /image');
    assert.equal(call('GET', 'api2.saleslayer.com', '/somewhere/else'), undefined);
  });
});

describe('contract index: matchPayload', () => {
  const payload = (facts: Parameters<typeof index.matchPayload>[0]): string | undefined => {
    const match = index.matchPayload(facts);
    return (
      match &&
      `${match.api.id}${match.operation ? ` ${match.operation.method} ${match.operation.path}` : ''}`
    );
  };

  it('finds the DAM and DELETE /image/{id} from a problem type and instance', () => {
    assert.equal(
      payload({
        problemType: 'https://api2.saleslayer.com/errors/conflict',
        instance: '/image/123',
        status: 409,
      }),
      'saleslayer-dam DELETE /image/{id}',
    );
    assert.equal(
      payload({ problemType: 'https://api2.saleslayer.com/errors/validation', instance: '/image' }),
      'saleslayer-dam GET /image',
    );
  });

  it('picks the operation documenting the status when several methods share the instance path', () => {
    assert.equal(
      payload({
        problemType: 'https://shop.example/problems/x',
        instance: '/v2/orders/7',
        status: 409,
      }),
      'shop DELETE /orders/{id}',
    );
    assert.equal(
      payload({
        problemType: 'https://shop.example/problems/x',
        instance: '/v2/orders/7',
        status: 429,
      }),
      'shop GET /orders/{id}',
    );
    assert.equal(
      payload({ problemType: 'https://shop.example/problems/x', instance: '/v2/orders/7' }),
      'shop',
    );
  });

  it('reads host and path of an absolute instance', () => {
    assert.equal(
      payload({ instance: 'https://api.shop.example/v2/orders/export' }),
      'shop GET /orders/export',
    );
  });

  it('identifies the API by a code only it documents, in the right member', () => {
    assert.equal(payload({ codes: [{ field: 'code', code: 'order-locked' }] }), 'shop');
    assert.equal(payload({ codes: [{ field: 'error_code', code: 'order-locked' }] }), undefined);
    assert.equal(payload({ codes: [{ field: 'code', code: 'nobody-knows' }] }), undefined);
  });

  it('identifies the seeded APIs by their codes and hosts', () => {
    assert.equal(
      payload({ codes: [{ field: 'code', code: 'environment-in-use' }] }),
      'adobe-reactor',
    );
    assert.equal(
      payload({
        codes: [
          { field: 'error_type', code: 'validation' },
          { field: 'error_code', code: '9000' },
        ],
      }),
      'claid',
    );
    assert.equal(payload({ instance: 'https://api.claid.ai/v1/image/edit' }), 'claid');
    assert.equal(
      payload({
        problemType: 'https://api2.saleslayer.com/errors/unauthorized',
        instance: '/rest/Catalog/Products',
      }),
      'saleslayer-catalog',
    );
    // The shared type prefix alone: the status decides where only one of the two documents it.
    assert.equal(
      payload({ problemType: 'https://api2.saleslayer.com/errors/x', status: 403 }),
      'saleslayer-catalog',
    );
    assert.equal(
      payload({ problemType: 'https://api2.saleslayer.com/errors/x', status: 409 }),
      'saleslayer-dam',
    );
    assert.equal(
      payload({ problemType: 'https://api2.saleslayer.com/errors/x', status: 400 }),
      undefined,
    );
  });

  it('stays silent without identifying facts, and on a bare instance path', () => {
    assert.equal(payload({}), undefined);
    assert.equal(payload({ instance: '/image/123', status: 409 }), undefined);
    assert.equal(payload({ problemType: 'https://elsewhere.example/errors/x' }), undefined);
  });
});

describe('contract index: resolveStatus and documentedStatuses', () => {
  const get = shop.operations.find((op) => op.method === 'GET' && op.path === '/orders/{id}')!;

  it('resolves exact, then range, then default, the operation entry merged over the API-wide one', () => {
    const notFound = index.resolveStatus(shop, get, 404)!;
    assert.equal(notFound.key, '404');
    assert.equal(notFound.meaning, 'The order does not exist.');
    assert.equal(notFound.remedy, 'Check the order id.');
    assert.equal(index.resolveStatus(shop, get, 429)?.retryAfter, true);
    assert.equal(index.resolveStatus(shop, get, 418)?.key, '4XX');
    assert.equal(index.resolveStatus(shop, get, 503)?.action, 'back-off-and-retry');
    assert.equal(index.resolveStatus(shop, get, 302)?.key, 'default');
    assert.equal(index.resolveStatus(shop, undefined, 404)?.meaning, 'No such order.');
  });

  it('answers undefined when nothing documents the status', () => {
    const dam = index.getApi('saleslayer-dam')!;
    assert.equal(index.resolveStatus(dam, undefined, 403), undefined);
    assert.equal(index.resolveStatus(dam, undefined, 99), undefined);
  });

  it('resolves the DAM 409 of DELETE /image/{id} as retry-later', () => {
    const dam = index.getApi('saleslayer-dam')!;
    const remove = index.matchCall('DELETE', {
      host: 'api2.saleslayer.com',
      path: '/dam/image/{id}',
    })!.operation!;
    const conflict = index.resolveStatus(dam, remove, 409)!;
    assert.equal(conflict.action, 'retry-later');
    assert.match(conflict.meaning, /being processed.*retry later/i);
    assert.equal(index.resolveStatus(dam, remove, 500)?.action, 'back-off-and-retry');
    assert.deepEqual(
      index.documentedStatuses(dam, remove).map((status) => status.key),
      ['400', '401', '404', '409', '500'],
    );
  });
});

describe('contract index: a run-time value that holds a slash', () => {
  const repos = contract({
    id: 'repos',
    name: 'Repos',
    match: { hosts: ['api.repos.example'] },
    operations: [
      { method: 'GET', path: '/repos/{owner}/{repo}/pulls/{pull_number}', statuses: {} },
      { method: 'GET', path: '/repos/{owner}/{repo}', statuses: {} },
      { method: 'GET', path: '/users/{user}', statuses: {} },
    ],
  });
  const reposIndex = createContractIndex([repos]);
  const find = (path: string) =>
    reposIndex.matchCall('GET', { host: 'api.repos.example', path })?.operation?.path;

  it('stands for two parameters only when no template matches segment for segment', () => {
    assert.equal(
      find('/repos/{fullName}/pulls/{number}'),
      '/repos/{owner}/{repo}/pulls/{pull_number}',
    );
    assert.equal(find('/repos/{owner}/{name}'), '/repos/{owner}/{repo}');
    // A literal segment never stands for two.
    assert.equal(find('/repos/octocat/pulls/{number}'), undefined);
    assert.equal(find('/users/{a}/{b}'), undefined);
  });
});
