import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseSnippet } from '../helpers/codeTestSupport';

const DAM = 'https://api2.saleslayer.com/dam';

/** The treatment of each status by the single call of the snippet, as `status:treatment`. */
function treatments(
  text: string,
  statuses = [400, 404, 409, 429, 500, 503],
  raw: Record<string, unknown> = {},
): string {
  const calls = analyseSnippet(text, raw);
  assert.equal(calls.length, 1, `one call in:\n${text}`);
  const call = calls[0]!;
  return statuses.map((status) => `${status}:${call.treatment(status) ?? '-'}`).join(' ');
}

function fate(text: string): string {
  return analyseSnippet(text)[0]!.handling.fate;
}

describe('status handling around a call', () => {
  it('!res.ok is a generic failure branch for every status', () => {
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/image/1", { method: "DELETE" }); if (!res.ok) throw new Error();`,
      ),
      '400:generic 404:generic 409:generic 429:generic 500:generic 503:generic',
    );
  });

  it('equality in both directions, loose and strict, negated', () => {
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); if (409 == res.status) retry();`,
        [409, 404],
      ),
      '409:specific 404:-',
    );
    assert.equal(
      treatments(
        `let res = await fetch("${DAM}/x"); while (res.status !== 409) break;`,
        [409, 404],
      ),
      '409:specific 404:-',
    );
  });

  it('switch cases, default as generic, switch (true) with ranges', () => {
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); switch (res.status) { case 404: case 409: return null; default: throw new Error(); }`,
        [404, 409, 500],
      ),
      '404:specific 409:specific 500:generic',
    );
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); switch (true) { case res.status >= 500: retry(); }`,
        [409, 500, 503],
      ),
      '409:- 500:range 503:range',
    );
  });

  it('includes, Set.has, same-file constant lists and status-code constants', () => {
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); if ([404, 409].includes(res.status)) return;`,
        [404, 409, 500],
      ),
      '404:specific 409:specific 500:-',
    );
    assert.equal(
      treatments(
        `const RETRY = new Set([409, 503]); const res = await fetch("${DAM}/x"); if (RETRY.has(res.status)) retry();`,
        [409, 503, 500],
      ),
      '409:specific 503:specific 500:-',
    );
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); if (res.status === StatusCodes.CONFLICT) retry();`,
        [409, 404],
      ),
      '409:specific 404:-',
    );
    assert.equal(
      treatments(
        `enum S { Gone = 410, Busy = 409 } const res = await fetch("${DAM}/x"); if (res.status === S.Busy) retry();`,
        [409, 410],
      ),
      '409:specific 410:-',
    );
  });

  it('ranges: >= 500, < 500 (its else), Math.floor(status / 100) === 5, a 4xx class range', () => {
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); if (res.status >= 500) retry();`,
        [409, 500],
      ),
      '409:- 500:range',
    );
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); if (res.status < 500) return res.json(); retry();`,
        [409, 500],
      ),
      '409:- 500:range',
    );
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); if (Math.floor(res.status / 100) === 5) retry();`,
        [409, 502],
      ),
      '409:- 502:range',
    );
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); if (res.status >= 400 && res.status < 500) fail();`,
        [409, 500],
      ),
      '409:range 500:-',
    );
  });

  it('destructured status, aliases, .then callbacks, reassignment in a retry loop', () => {
    assert.equal(
      treatments(`const { status } = await fetch("${DAM}/x"); if (status === 409) retry();`, [409]),
      '409:specific',
    );
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/x"); const code = res.status; if (code === 409) retry();`,
        [409],
      ),
      '409:specific',
    );
    assert.equal(
      treatments(`fetch("${DAM}/x").then((r) => { if (r.status === 409) retry(); });`, [409]),
      '409:specific',
    );
    assert.equal(
      treatments(`fetch("${DAM}/x").then(({ ok }) => { if (!ok) throw new Error(); });`, [409]),
      '409:generic',
    );
    assert.equal(
      treatments(
        `let res = await fetch("${DAM}/x"); for (let i = 0; i < 3 && res.status === 409; i++) { await sleep(); res = await next(); }`,
        [409],
      ),
      '409:specific',
    );
    // The second call's response is tested by the loop condition written before it.
    const calls = analyseSnippet(
      `let res = await fetch("${DAM}/x"); while (res.status === 409) { await sleep(); res = await fetch("${DAM}/x"); } if (!res.ok) throw new Error();`,
    );
    assert.deepEqual(
      calls.map((call) => call.treatment(409)),
      ['specific', 'specific'],
    );
  });

  it('axios: throws by default, catch with e.response?.status, validateStatus', () => {
    assert.equal(
      treatments(`import axios from "axios"; await axios.get("${DAM}/x");`, [404, 409]),
      '404:generic 409:generic',
    );
    assert.equal(
      treatments(
        `import axios from "axios"; try { await axios.get("${DAM}/x"); } catch (e) { if (axios.isAxiosError(e) && e.response?.status === 409) retry(); else throw e; }`,
        [404, 409],
      ),
      '404:generic 409:specific',
    );
    assert.equal(
      treatments(
        `import axios from "axios"; const res = await axios.get("${DAM}/x", { validateStatus: () => true });`,
        [409],
      ),
      '409:-',
    );
    assert.equal(
      treatments(
        `import axios from "axios"; const res = await axios.get("${DAM}/x", { validateStatus: (s) => s < 500 });`,
        [409, 500],
      ),
      '409:- 500:generic',
    );
  });

  it('ky/got HTTPError shapes, throwHttpErrors: false', () => {
    assert.equal(
      treatments(
        `import got from "got"; try { await got("${DAM}/x"); } catch (error) { if (error.response?.statusCode === 409) retry(); }`,
        [409],
      ),
      '409:specific',
    );
    assert.equal(
      treatments(
        `import ky from "ky"; await ky("${DAM}/x", { throwHttpErrors: false, retry: 0 });`,
        [409],
      ),
      '409:-',
    );
  });

  it('openapi-fetch: error is a generic failure flag, response.status specific', () => {
    const prefix = `import createClient from "openapi-fetch"; const client = createClient({ baseUrl: "${DAM}" });`;
    assert.equal(
      treatments(
        `${prefix} const { error, response } = await client.DELETE("/image/{id}"); if (response.status === 409) retry(); if (error) throw error;`,
        [404, 409],
      ),
      '404:generic 409:specific',
    );
  });

  it('retry options, plug-ins, the snippet helper and wrapper functions', () => {
    assert.equal(
      treatments(`import ky from "ky"; await ky.delete("${DAM}/image/1");`, [409, 429, 500]),
      '409:generic 429:retry 500:retry',
    );
    assert.equal(
      treatments(`import ky from "ky"; await ky.post("${DAM}/image", { json: {} });`, [429]),
      '429:generic',
    );
    assert.equal(
      treatments(
        `import got from "got"; await got.delete("${DAM}/image/1", { retry: { limit: 3, statusCodes: [409] } });`,
        [409, 500],
      ),
      '409:retry 500:generic',
    );
    assert.equal(
      treatments(
        `import axios from "axios"; import axiosRetry from "axios-retry"; const api = axios.create({ baseURL: "${DAM}" }); axiosRetry(api, { retries: 3, retryCondition: (e) => e.response?.status === 409 }); await api.delete("/image/1");`,
        [409, 500],
      ),
      '409:retry 500:generic',
    );
    assert.equal(
      treatments(
        `import axios from "axios"; import axiosRetry from "axios-retry"; axiosRetry(axios, { retries: 3 }); await axios.delete("${DAM}/image/1");`,
        [409, 429, 500],
      ),
      '409:generic 429:retry 500:retry',
    );
    assert.equal(
      treatments(
        `const res = await fetchWithRetry("${DAM}/image/1", { method: "DELETE" }, { retryOn: [409] }); if (!res.ok) throw new Error();`,
        [404, 409, 500],
      ),
      '404:generic 409:retry 500:retry',
    );
    assert.equal(
      treatments(
        `await pRetry(async () => { const res = await fetch("${DAM}/image/1", { method: "DELETE" }); if (!res.ok) throw new Error(); }, { retries: 5 });`,
        [409],
      ),
      '409:retry',
    );
  });

  it("a response returned, or handed to other code, is the caller's", () => {
    assert.equal(fate(`async function f() { return fetch("${DAM}/x"); }`), 'returned');
    assert.equal(
      fate(`async function f() { const res = await fetch("${DAM}/x"); return res; }`),
      'returned',
    );
    assert.equal(fate(`const f = () => fetch("${DAM}/x");`), 'returned');
    assert.equal(
      fate(`async function f() { const res = await fetch("${DAM}/x"); handle(res); }`),
      'passed-out',
    );
    assert.equal(
      fate(
        `import axios from "axios"; function f() { return axios.get("${DAM}/x").then((r) => r.data); }`,
      ),
      'returned',
    );
    assert.equal(
      fate(
        `async function f() { const res = await fetch("${DAM}/x"); console.log(res); if (!res.ok) throw new Error(); }`,
      ),
      'local',
    );
  });
});

describe('calls awaited together: Promise.all, Promise.allSettled, array callbacks', () => {
  const del = (id = '1') => `fetch("${DAM}/image/${id}", { method: "DELETE" })`;

  it('an element of an awaited Promise.all is checked where the combined result is', () => {
    assert.equal(
      treatments(
        `const [a, b] = await Promise.all([${del()}, other()]); if (a.status === 409) retry();`,
        [404, 409],
      ),
      '404:- 409:specific',
    );
    // The call's own position only: b is the other promise's value.
    assert.equal(
      treatments(
        `const [, b] = await Promise.all([${del()}, other()]); if (b.status === 409) retry();`,
        [409],
      ),
      '409:-',
    );
    assert.equal(
      treatments(`if (!(await Promise.all([${del()}]))[0].ok) throw new Error();`, [409]),
      '409:generic',
    );
    assert.equal(
      treatments(
        `for (const res of await Promise.all(ids.map((id) => ${del('${id}')}))) if (!res.ok) throw new Error();`,
        [409],
      ),
      '409:generic',
    );
    assert.equal(
      treatments(
        `const responses = await Promise.all(ids.map(async (id) => ${del('${id}')})); if (responses.some((r) => r.status === 409)) retry();`,
        [404, 409],
      ),
      '404:- 409:specific',
    );
  });

  it("Promise.allSettled: a fulfilled entry's value is the response, its status no HTTP status", () => {
    assert.equal(
      treatments(
        `const [r] = await Promise.allSettled([${del()}]); if (r.status === 'fulfilled' && r.value.status === 409) retry();`,
        [404, 409],
      ),
      '404:- 409:specific',
    );
    const [call] = analyseSnippet(
      `const results = await Promise.allSettled([${del()}]); console.log(results.filter((r) => r.status === 'fulfilled').length);`,
    );
    assert.equal(call!.handling.fate, 'local');
    assert.equal(call!.handling.examined, false);
  });

  it('the combined promise returned or handed on is for other code; left alone it is local', () => {
    // An array of responses handed back is no response a caller reads as the call's.
    assert.equal(fate(`function f() { return Promise.all([${del()}]); }`), 'passed-out');
    assert.equal(
      fate(
        `async function f() { const rs = await Promise.all(ids.map((id) => ${del('${id}')})); return rs; }`,
      ),
      'passed-out',
    );
    assert.equal(
      fate(`async function f() { handle(await Promise.all([${del()}])); }`),
      'passed-out',
    );
    assert.equal(fate(`async function f() { await Promise.all([${del()}]); }`), 'local');
    assert.equal(
      fate(
        `import axios from "axios"; function f() { return Promise.all(ids.map((id) => axios.get("${DAM}/image/" + id).then((r) => r.data))); }`,
      ),
      'returned',
    );
  });

  it('a throwing client: the try/catch and .catch around the awaited Promise.all see its errors', () => {
    assert.equal(
      treatments(
        `import axios from "axios"; try { await Promise.all(ids.map((id) => axios.delete("${DAM}/image/" + id))); } catch (e) { if (e.response?.status === 409) retry(); throw e; }`,
        [404, 409],
      ),
      '404:generic 409:specific',
    );
    assert.equal(
      treatments(
        `import axios from "axios"; await Promise.all([axios.delete("${DAM}/image/1").then((r) => r.data)]).catch((e) => { if (e.response?.status === 409) retry(); throw e; });`,
        [404, 409],
      ),
      '404:generic 409:specific',
    );
  });
});

describe('a catch that turns the failure into data handles nothing', () => {
  const axiosDelete = `axios.delete("${DAM}/image/1")`;
  const imported = `import axios from "axios";`;

  it('returning the error, a literal or an object of them, or an empty catch', () => {
    for (const snippet of [
      `async function f() { try { await ${axiosDelete}; } catch (e) { return e; } }`,
      `async function f() { try { await ${axiosDelete}; } catch {} }`,
      `const outcome = await ${axiosDelete}.catch((e) => ({ err: e })); console.log(outcome);`,
      `const res = await ${axiosDelete}.catch(() => null); console.log(res?.data ?? []);`,
      `${axiosDelete}.then(() => done(), (e) => ({ failed: true, message: e.message }));`,
    ]) {
      const [call] = analyseSnippet(`${imported} ${snippet}`);
      assert.ok(call!.handling.failureAsData, snippet);
      assert.equal(call!.handling.fate, 'local', snippet);
      assert.equal(
        treatments(`${imported} ${snippet}`, [404, 409, 500]),
        '404:- 409:- 500:-',
        snippet,
      );
    }
  });

  it('a catch that logs, rethrows or hands the error on, and data that is tested, stay generic failure branches', () => {
    for (const snippet of [
      `try { await ${axiosDelete}; } catch (e) { console.error(e); }`,
      `try { await ${axiosDelete}; } catch (e) { throw new Error("failed", { cause: e }); }`,
      `try { await ${axiosDelete}; } catch (e) { report(e); return null; }`,
      `const res = await ${axiosDelete}.catch(() => null); if (!res) throw new Error();`,
      `const r = await ${axiosDelete}.catch((e) => e); if (r instanceof Error) throw r;`,
      `const { err } = await ${axiosDelete}.then(() => ({})).catch((e) => ({ err: e })); if (err) notify();`,
    ]) {
      const [call] = analyseSnippet(`${imported} ${snippet}`);
      assert.equal(call!.handling.failureAsData, undefined, snippet);
      assert.equal(treatments(`${imported} ${snippet}`, [404]), '404:generic', snippet);
    }
  });

  it('the error returned is not the response handed to the caller; the response returned still is', () => {
    assert.equal(
      fate(
        `${imported} async function f() { try { await ${axiosDelete}; } catch (e) { return e; } }`,
      ),
      'local',
    );
    assert.equal(
      fate(
        `${imported} async function f() { try { return await ${axiosDelete}; } catch (e) { return e; } }`,
      ),
      'returned',
    );
    assert.equal(
      fate(
        `${imported} async function f() { const r = await ${axiosDelete}.catch((e) => e); return r; }`,
      ),
      'returned',
    );
  });

  it('a status tested before the data is returned is handled, the others are not', () => {
    assert.equal(
      treatments(
        `${imported} const r = await ${axiosDelete}.catch((e) => e); if (axios.isAxiosError(r) && r.response?.status === 409) retry();`,
        [404, 409],
      ),
      '404:generic 409:specific',
    );
  });

  it('fetch answers statuses instead of throwing them: a .catch of its network errors changes nothing', () => {
    assert.equal(
      treatments(
        `const res = await fetch("${DAM}/image/1", { method: "DELETE" }).catch(() => null); if (!res?.ok) throw new Error();`,
        [404, 409],
      ),
      '404:generic 409:generic',
    );
  });
});

describe("interceptors and hooks of the call's client", () => {
  const base = `baseURL: "${DAM}"`;
  const interceptor = (client: string) =>
    `${client}.interceptors.response.use((r) => r, (error) => { if (error.response?.status === 409) return retry(error.config); return Promise.reject(error); });`;

  it('an axios response interceptor covers the calls of its instance only', () => {
    const calls = analyseSnippet(
      `import axios from "axios"; const dam = axios.create({ ${base} }); const plain = axios.create({ ${base} }); ${interceptor('dam')} await dam.delete("/image/1"); await plain.delete("/image/1");`,
    );
    assert.deepEqual(
      calls.map((call) => [call.treatment(409), call.treatment(404), call.handling.fate]),
      [
        ['specific', 'generic', 'local'],
        ['generic', 'generic', 'local'],
      ],
    );
    // The interceptor's branch is no place for a quick fix at the call.
    assert.deepEqual(calls[0]!.handling.constructs, []);
  });

  it("the default export's interceptors cover its own calls, not an instance typed AxiosInstance", () => {
    assert.equal(
      treatments(
        `import axios from "axios"; ${interceptor('axios')} await axios.delete("${DAM}/image/1");`,
        [409],
      ),
      '409:specific',
    );
    assert.equal(
      treatments(
        `import axios, { type AxiosInstance } from "axios"; ${interceptor('axios')} async function f(http: AxiosInstance) { await http.delete("${DAM}/image/1"); }`,
        [409],
      ),
      '409:generic',
    );
    assert.equal(
      treatments(
        `import axios from "axios"; function onError(error) { if (error.response?.status === 409) return retry(error.config); throw error; } axios.interceptors.response.use(undefined, onError); await axios.delete("${DAM}/image/1");`,
        [409],
      ),
      '409:specific',
    );
  });

  it('ky and got afterResponse hooks on create/extend see every response of the instance', () => {
    assert.equal(
      treatments(
        `import ky from "ky"; const dam = ky.create({ prefixUrl: "${DAM}", retry: 0, hooks: { afterResponse: [(request, options, response) => { if (response.status === 409) return ky(request); return response; }] } }); await dam.delete("image/1");`,
        [404, 409, 500],
      ),
      '404:generic 409:specific 500:generic',
    );
    const gotHook = `hooks: { afterResponse: [(response, retryWithMergedOptions) => response.statusCode === 409 ? retryWithMergedOptions({}) : response] }`;
    assert.equal(
      treatments(
        `import got from "got"; const dam = got.extend({ prefixUrl: "${DAM}", retry: { limit: 2, statusCodes: [500] }, ${gotHook} }); await dam.delete("image/1");`,
        [404, 409, 500],
      ),
      '404:generic 409:specific 500:retry',
    );
    assert.equal(
      fate(
        `import got from "got"; const dam = got.extend({ prefixUrl: "${DAM}", ${gotHook} }); await dam.delete("image/1");`,
      ),
      'local',
    );
  });
});
