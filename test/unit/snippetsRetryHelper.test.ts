import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { expandSnippet } from '../../server/src/service/code/codeActions/snippetText';
import type { fetchWithRetry, RetryOptions } from '../../snippets/src/retryHelper';

// The helper under test is the snippet text itself (placeholders at their defaults), compiled to a
// module on disk and imported: what a user inserts is what runs here.

const root = path.resolve(__dirname, '../..');

// The snippet's source types the module compiled from the snippet text.
type FetchWithRetry = typeof fetchWithRetry;

/** One scripted answer: a status and headers, or `drop` to close the socket without answering. */
type Answer = { status: number; headers?: Record<string, string> } | 'drop';

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
}

const scripts = new Map<string, Answer[]>();
const received = new Map<string, Received[]>();
let server: Server;
let baseUrl: string;
let scratch: string;

function snippetBody(file: string): string {
  const snippets = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<
    string,
    { prefix: string; body: string[] }
  >;
  const helper = Object.values(snippets).find((snippet) => snippet.prefix === 'fetch-retry-helper');
  assert.ok(helper, `${file} has no fetch-retry-helper`);
  return expandSnippet(helper.body);
}

async function loadHelper(file: string): Promise<FetchWithRetry> {
  const { outputText } = ts.transpileModule(snippetBody(file), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  const modulePath = path.join(scratch, `${path.basename(file, '.json')}.mjs`);
  writeFileSync(modulePath, outputText);
  const loaded = (await import(pathToFileURL(modulePath).href)) as {
    fetchWithRetry: FetchWithRetry;
  };
  return loaded.fetchWithRetry;
}

/** Scripts the answers of a fresh path and returns its URL. */
let caseCount = 0;
function scripted(...answers: Answer[]): string {
  const route = `/case-${++caseCount}`;
  scripts.set(route, answers);
  received.set(route, []);
  return baseUrl + route;
}

function requestsTo(url: string): Received[] {
  return received.get(new URL(url).pathname) ?? [];
}

/** Options recording every wait instead of sleeping; jitter fixed at half the backoff. */
function recording(options: RetryOptions = {}): { options: RetryOptions; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    options: {
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
      ...options,
    },
  };
}

before(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'retry-helper-'));
  server = createServer((request, response) => {
    const route = request.url ?? '';
    received.get(route)?.push({ method: request.method ?? '', headers: request.headers });
    const answer = scripts.get(route)?.shift() ?? { status: 500 };
    request.resume();
    if (answer === 'drop') {
      request.socket.destroy();
      return;
    }
    response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
    response.end(JSON.stringify({ status: answer.status }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

for (const file of ['snippets/typescript.json', 'snippets/javascript.json']) {
  describe(`fetchWithRetry from ${file}`, () => {
    let fetchWithRetry: FetchWithRetry;
    before(async () => {
      fetchWithRetry = await loadHelper(file);
    });

    it('retries a documented temporary 409 named in retryOn: 409 → 409 → 200, full-jitter backoff', async () => {
      const url = scripted({ status: 409 }, { status: 409 }, { status: 200 });
      const { options, waits } = recording({ retryOn: [409] });
      const response = await fetchWithRetry(url, { method: 'DELETE' }, options);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 200 });
      assert.equal(requestsTo(url).length, 3);
      assert.deepEqual(waits, [125, 250]);
    });

    it('does not retry 409 unless the caller names it', async () => {
      const url = scripted({ status: 409 }, { status: 200 });
      const { options, waits } = recording();
      assert.equal((await fetchWithRetry(url, { method: 'DELETE' }, options)).status, 409);
      assert.equal(requestsTo(url).length, 1);
      assert.deepEqual(waits, []);
    });

    it('waits Retry-After delay-seconds exactly, without jitter, on 429', async () => {
      const url = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
      const { options, waits } = recording();
      assert.equal((await fetchWithRetry(url, {}, options)).status, 200);
      assert.equal(requestsTo(url).length, 2);
      assert.deepEqual(waits, [1000]);
    });

    it('waits until a Retry-After HTTP-date on 503, and clamps a far one to maxRetryAfterMs', async () => {
      const now = Date.UTC(2025, 0, 15, 12, 0, 0);
      const in30s = new Date(now + 30_000).toUTCString();
      const in1h = new Date(now + 3_600_000).toUTCString();
      const url = scripted(
        { status: 503, headers: { 'Retry-After': in30s } },
        { status: 503, headers: { 'Retry-After': in1h } },
        { status: 200 },
      );
      const { options, waits } = recording({ now: () => now });
      assert.equal((await fetchWithRetry(url, { method: 'GET' }, options)).status, 200);
      assert.equal(requestsTo(url).length, 3);
      assert.deepEqual(waits, [30_000, 60_000]);
    });

    it('takes a Retry-After that is neither delay-seconds nor an HTTP-date for absent: the backoff, not an instant retry', async () => {
      // Date.parse reads '1.5' and '-1' as days of 2001: a wait of zero.
      const url = scripted(
        { status: 429, headers: { 'Retry-After': '1.5' } },
        { status: 429, headers: { 'Retry-After': '-1' } },
        { status: 200 },
      );
      const { options, waits } = recording();
      assert.equal((await fetchWithRetry(url, {}, options)).status, 200);
      assert.equal(requestsTo(url).length, 3);
      assert.deepEqual(waits, [125, 250]);
    });

    it('never retries 400, 401, 403, 404 or 422, even when retryOn names them', async () => {
      for (const status of [400, 401, 403, 404, 422]) {
        const url = scripted({ status }, { status: 200 });
        const { options, waits } = recording({ retryOn: [status] });
        assert.equal((await fetchWithRetry(url, { method: 'PUT' }, options)).status, status);
        assert.equal(requestsTo(url).length, 1, `${status} was retried`);
        assert.deepEqual(waits, []);
      }
    });

    it('sends a POST without an Idempotency-Key once, whatever the status', async () => {
      const url = scripted({ status: 503, headers: { 'Retry-After': '1' } }, { status: 200 });
      const { options, waits } = recording();
      const response = await fetchWithRetry(url, { method: 'POST', body: '{}' }, options);
      assert.equal(response.status, 503);
      assert.equal(requestsTo(url).length, 1);
      assert.deepEqual(waits, []);
    });

    it('retries a POST carrying an Idempotency-Key, sending the same key each time', async () => {
      const url = scripted({ status: 502 }, { status: 201 });
      const { options, waits } = recording();
      const init = {
        method: 'POST',
        body: '{"name":"a"}',
        headers: { 'Idempotency-Key': 'key-1' },
      };
      assert.equal((await fetchWithRetry(url, init, options)).status, 201);
      assert.deepEqual(
        requestsTo(url).map((request) => [request.method, request.headers['idempotency-key']]),
        [
          ['POST', 'key-1'],
          ['POST', 'key-1'],
        ],
      );
      assert.deepEqual(waits, [125]);
    });

    it('stops after maxAttempts and returns the last response; the backoff doubles up to its cap', async () => {
      const url = scripted(
        { status: 500 },
        { status: 500 },
        { status: 500 },
        { status: 500 },
        { status: 500 },
        { status: 200 },
      );
      const { options, waits } = recording({
        maxAttempts: 5,
        baseDelayMs: 1000,
        maxDelayMs: 3000,
        random: () => 1,
      });
      assert.equal((await fetchWithRetry(url, {}, options)).status, 500);
      assert.equal(requestsTo(url).length, 5);
      assert.deepEqual(waits, [1000, 2000, 3000, 3000]);
    });

    it('spreads the backoff over [0, cap) with full jitter', async () => {
      const url = scripted({ status: 504 }, { status: 504 }, { status: 200 });
      const { options, waits } = recording({ random: () => 0 });
      assert.equal((await fetchWithRetry(url, {}, options)).status, 200);
      assert.deepEqual(waits, [0, 0]);
    });

    it('retries a network failure of an idempotent request', async () => {
      const url = scripted('drop', { status: 200 });
      const { options, waits } = recording();
      assert.equal((await fetchWithRetry(url, { method: 'HEAD' }, options)).status, 200);
      assert.equal(requestsTo(url).length, 2);
      assert.deepEqual(waits, [125]);
    });

    it('stops waiting when the AbortSignal aborts, with the real timer', async () => {
      const url = scripted({ status: 503, headers: { 'Retry-After': '30' } }, { status: 200 });
      const controller = new AbortController();
      const started = Date.now();
      // Aborted once the first answer has been sent, so the abort lands in the Retry-After wait
      // however slowly the machine runs.
      const abortWhenAnswered = setInterval(() => {
        if (requestsTo(url).length === 0) return;
        clearInterval(abortWhenAnswered);
        setTimeout(() => controller.abort(new Error('cancelled by the caller')), 50);
      }, 5);
      await assert.rejects(
        fetchWithRetry(url, { signal: controller.signal }),
        /cancelled by the caller/,
      );
      assert.ok(Date.now() - started < 5000, 'the 30 s Retry-After wait was not interrupted');
      assert.equal(requestsTo(url).length, 1);
    });

    it('does not start when the signal is already aborted', async () => {
      const url = scripted({ status: 200 });
      await assert.rejects(fetchWithRetry(url, { signal: AbortSignal.abort() }), {
        name: 'AbortError',
      });
      assert.equal(requestsTo(url).length, 0);
    });
  });
}
