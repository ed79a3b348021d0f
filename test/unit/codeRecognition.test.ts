import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseSnippet } from '../helpers/codeTestSupport';

function only(text: string, raw: Record<string, unknown> = {}) {
  const calls = analyseSnippet(text, raw);
  assert.equal(calls.length, 1, `one call recognised in:\n${text}`);
  return calls[0]!;
}

describe('call recognition and URL resolution', () => {
  it('fetch with a template URL, method from the init object, query dropped', () => {
    const call = only(
      'const res = await fetch(`https://api2.saleslayer.com/dam/image/${image.id}?force=1`, { method: "delete" });',
    );
    assert.equal(call.library, 'fetch');
    assert.equal(call.method, 'DELETE');
    assert.equal(call.url.host, 'api2.saleslayer.com');
    assert.equal(call.url.path, '/dam/image/{id}');
    assert.equal(call.match?.api.id, 'saleslayer-dam');
    assert.equal(call.match?.operation?.path, '/image/{id}');
  });

  it('globalThis.fetch, window.fetch and new Request(url, init)', () => {
    for (const callee of ['globalThis.fetch', 'window.fetch']) {
      assert.equal(
        only(`await ${callee}("https://api2.saleslayer.com/dam/image/1", { method: "DELETE" });`)
          .match?.operation?.method,
        'DELETE',
      );
    }
    const call = only(
      'await fetch(new Request(`https://api2.saleslayer.com/dam/image/${id}`, { method: "DELETE" }));',
    );
    assert.equal(call.method, 'DELETE');
    assert.equal(call.url.path, '/dam/image/{id}');
  });

  it('same-file constants, object members and concatenation', () => {
    const call = only(`
      const HOST = 'https://api2.saleslayer.com';
      const ROUTES = { image: (HOST + '/dam/image/') };
      const METHOD = 'DELETE';
      await fetch(ROUTES.image + id, { method: METHOD });`);
    assert.equal(call.url.path, '/dam/image/{id}');
    assert.equal(call.method, 'DELETE');
    assert.equal(call.match?.operation?.path, '/image/{id}');
  });

  it('new URL(path, base) keeps only the origin of the base for an absolute path', () => {
    const call = only(
      'const BASE = "https://api2.saleslayer.com/other/"; await fetch(new URL(`/dam/image/${id}`, BASE), { method: "DELETE" });',
    );
    assert.equal(call.url.host, 'api2.saleslayer.com');
    assert.equal(call.url.path, '/dam/image/{id}');
  });

  it('an unknown base mapped by the apis setting (identifier or process.env member)', () => {
    assert.equal(
      only('await fetch(`${DAM_BASE}/image/${id}`, { method: "DELETE" });').match?.operation?.path,
      '/image/{id}',
    );
    assert.equal(
      only('await fetch(process.env.DAM_URL + "/image/" + id, { method: "DELETE" });').match?.api
        .id,
      'saleslayer-dam',
    );
    assert.equal(
      only('await fetch(`${OTHER_BASE}/image/${id}`, { method: "DELETE" });').match,
      undefined,
    );
  });

  it('a bare /image/{id} path with no host or mapping matches no third-party API', () => {
    assert.equal(only('await fetch(`/image/${id}`, { method: "DELETE" });').match, undefined);
  });

  it('a base URL in the apis setting', () => {
    const call = only(
      'await fetch(`https://dam.internal.example/v2/image/${id}`, { method: "DELETE" });',
      { apis: { 'https://dam.internal.example/v2': 'saleslayer-dam' } },
    );
    assert.equal(call.match?.operation?.path, '/image/{id}');
  });

  it('axios functions, config calls and instances with baseURL tracked through variables and this', () => {
    assert.equal(
      only(
        'import axios from "axios"; await axios.delete(`https://api2.saleslayer.com/dam/image/${id}`);',
      ).match?.operation?.method,
      'DELETE',
    );
    const config = only(
      'import axios from "axios"; await axios({ method: "delete", url: `https://api2.saleslayer.com/dam/image/${id}` });',
    );
    assert.equal(config.method, 'DELETE');
    const request = only(
      'const axios = require("axios"); await axios.request({ method: "DELETE", url: "/image/" + id, baseURL: "https://api2.saleslayer.com/dam" });',
    );
    assert.equal(request.match?.operation?.path, '/image/{id}');
    const instance = only(`
      import axios from 'axios';
      const dam = axios.create({ baseURL: 'https://api2.saleslayer.com/dam' });
      class Images { http = dam; async remove(id: string) { await this.http.delete(\`/image/\${id}\`); } }`);
    assert.equal(instance.library, 'axios');
    assert.equal(instance.match?.operation?.path, '/image/{id}');
  });

  it('ky and got with prefixUrl, instances by create/extend', () => {
    const ky = only(
      'import ky from "ky"; const api = ky.create({ prefixUrl: "https://api2.saleslayer.com/dam" }); await api.delete(`image/${id}`);',
    );
    assert.equal(ky.url.path, '/dam/image/{id}');
    assert.equal(ky.match?.operation?.path, '/image/{id}');
    const got = only(
      'import got from "got"; const api = got.extend({ prefixUrl: "https://api2.saleslayer.com/dam" }); await api(`image/${id}`, { method: "DELETE" });',
    );
    assert.equal(got.method, 'DELETE');
    assert.equal(got.match?.operation?.path, '/image/{id}');
  });

  it('openapi-fetch clients from createClient', () => {
    const call = only(
      'import createClient from "openapi-fetch"; const client = createClient<paths>({ baseUrl: "https://api2.saleslayer.com/dam" }); const { error } = await client.DELETE("/image/{id}", { params: { path: { id } } });',
    );
    assert.equal(call.library, 'openapi-fetch');
    assert.equal(call.match?.operation?.path, '/image/{id}');
  });

  it('wrapper functions from the wrappers setting', () => {
    const call = only('await api.del(`https://api2.saleslayer.com/dam/image/${id}`);', {
      wrappers: [{ function: 'api.del', method: 'DELETE' }],
    });
    assert.equal(call.library, 'wrapper');
    assert.equal(call.match?.operation?.path, '/image/{id}');
  });

  it('does not take look-alikes for HTTP calls', () => {
    assert.equal(
      analyseSnippet(
        'map.delete(`https://api2.saleslayer.com/dam/image/${id}`); cache.get("/image/1"); client.DELETE("/image/{id}");',
      ).length,
      0,
    );
    assert.equal(
      analyseSnippet(
        'const fetch = (x: string) => x; fetch("https://api2.saleslayer.com/dam/image/1");',
      ).length,
      0,
    );
  });

  it('takes the method of a call whose options the code does not show from the one its API documents for the path', () => {
    assert.deepEqual(
      analyseSnippet('await fetch(`https://api2.saleslayer.com/dam/image/${id}`, init);').map(
        (call) => call.method,
      ),
      ['DELETE'],
    );
    // Options a caller passes in are the caller's to tell.
    assert.equal(
      analyseSnippet(
        'async function send(id: string, init: RequestInit) { await fetch(`https://api2.saleslayer.com/dam/image/${id}`, init); }',
      ).length,
      0,
    );
  });
});
