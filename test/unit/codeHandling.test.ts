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
