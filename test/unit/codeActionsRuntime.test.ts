import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../common/protocol';
import { defaultSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { clockStart, getActiveClock, runOnFakeClock } from '../helpers/fakeClock';

// The code a preferred fix writes, compiled at ES2019 and run against a local server scripted to
// answer like the API: what a user keeps is what runs here. The fixed code calls the DAM's host;
// a fetch in front of the real one sends those requests to the local server instead. The waits
// between attempts run on a fake clock (test/helpers/fakeClock.ts), asserted to the millisecond.

const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });
const damOrigin = 'https://api2.saleslayer.com';

type Answer = { status: number; headers?: Record<string, string> };
interface Received {
  method: string;
  /** The fake clock's timer mark when the request was answered. */
  mark: number;
}

const scripts = new Map<string, Answer[]>();
const received = new Map<string, Received[]>();
let server: Server;
let baseUrl: string;
let scratch: string;
const realFetch = globalThis.fetch;

before(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'fix-runtime-'));
  writeFileSync(path.join(scratch, 'log.mjs'), 'export function log() {}\n');
  server = createServer((request, response) => {
    const route = new URL(request.url ?? '/', 'http://localhost').pathname;
    received
      .get(route)
      ?.push({ method: request.method ?? '', mark: getActiveClock()?.mark() ?? 0 });
    const answer = scripts.get(route)?.shift() ?? { status: 200 };
    response.writeHead(answer.status, answer.headers);
    response.end(answer.status === 200 ? '{}' : '{"title":"scripted"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  globalThis.fetch = (input, init) =>
    realFetch(String(input).replace(damOrigin, baseUrl), init as RequestInit);
});

after(() => {
  globalThis.fetch = realFetch;
  server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Scripts the answers to `/dam/image/<id>` and returns the id. */
let caseCount = 0;
function scripted(...answers: Answer[]): string {
  const id = `case-${++caseCount}`;
  scripts.set(`/dam/image/${id}`, answers);
  received.set(`/dam/image/${id}`, []);
  return id;
}

function onFakeClock(
  id: string,
  retries: number,
  send: () => Promise<unknown>,
): Promise<{ waits: number[]; error?: unknown }> {
  return runOnFakeClock(clockStart, () => received.get(`/dam/image/${id}`)!, retries, send);
}

let moduleCount = 0;
/** The fixed file compiled at ES2019 and imported. */
async function load(
  text: string,
): Promise<Record<string, (...args: string[]) => Promise<unknown>>> {
  const { outputText, diagnostics } = ts.transpileModule(text, {
    compilerOptions: { target: ts.ScriptTarget.ES2019, module: ts.ModuleKind.ESNext },
    reportDiagnostics: true,
  });
  assert.deepEqual(diagnostics, []);
  const file = path.join(scratch, `fixed-${++moduleCount}.mjs`);
  writeFileSync(
    file,
    outputText
      .replace(/from '\.\/log'/, "from './log.mjs'")
      .replace(/from '\.\/api'/, "from './api.mjs'"),
  );
  return (await import(pathToFileURL(file).href)) as Record<
    string,
    (...args: string[]) => Promise<unknown>
  >;
}

/**
 * The document after its preferred fix for an unhandled status on the call starting with `call`:
 * by default the retry-later 409 on its `fetch(`.
 */
function preferredFix(
  text: string,
  { call = 'fetch(', status = 409, action: contractAction = 'retry-later' } = {},
): { title: string; output: string } {
  const document = TextDocument.create(
    `file:///work/runtime-${++moduleCount}.ts`,
    'typescript',
    1,
    text,
  );
  const start = text.indexOf(call);
  assert.ok(start >= 0, `no ${call}`);
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(start), end: document.positionAt(start + call.length) },
    source: diagnosticSource,
    code: 'unhandled-status',
    message: '',
    data: {
      status,
      method: 'DELETE',
      path: '/image/{id}',
      apiId: 'saleslayer-dam',
      action: contractAction,
    },
  };
  const action = service
    .doCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }, defaultSettings)
    .find((candidate) => candidate.isPreferred);
  assert.ok(action, 'a preferred fix');
  const edits = action.edit?.changes?.[document.uri] ?? [];
  return { title: action.title, output: TextDocument.applyEdits(document, edits) };
}

describe('the preferred retry fix, run', () => {
  it('fetch: waits the Retry-After of a 429, 1000 ms, and succeeds on the second attempt', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/fixes/retry-wrap/expected.ts');
    const { deleteImage } = await load(readFileSync(fixture, 'utf8'));
    const id = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
    const { waits, error } = await onFakeClock(id, 1, () => deleteImage!(id));
    assert.equal(error, undefined, 'succeeds');
    assert.deepEqual(
      received.get(`/dam/image/${id}`)!.map((request) => request.method),
      ['DELETE', 'DELETE'],
    );
    assert.deepEqual(waits, [1000]);
  });

  it('fetch: a 503 with an HTTP-date Retry-After waits until that date; an hour is cut to a minute', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/fixes/retry-wrap/expected.ts');
    const { deleteImage } = await load(readFileSync(fixture, 'utf8'));
    const date = new Date(clockStart + 2000).toUTCString();
    const id = scripted(
      { status: 503, headers: { 'Retry-After': date } },
      { status: 429, headers: { 'Retry-After': '3600' } },
      { status: 200 },
    );
    const { waits, error } = await onFakeClock(id, 2, () => deleteImage!(id));
    assert.equal(error, undefined, 'succeeds');
    assert.equal(received.get(`/dam/image/${id}`)!.length, 3, 'three attempts');
    assert.deepEqual(waits, [2000, 60_000]);
  });

  it('fetch: a malformed Retry-After, 1.5, is not read as a date: the retry still waits', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/fixes/retry-wrap/expected.ts');
    const { deleteImage } = await load(readFileSync(fixture, 'utf8'));
    // Date.parse takes '1.5' for a day of 2001: a wait to it would be none at all.
    const id = scripted({ status: 429, headers: { 'Retry-After': '1.5' } }, { status: 200 });
    const { waits, error } = await onFakeClock(id, 1, () => deleteImage!(id));
    assert.equal(error, undefined, 'succeeds');
    assert.equal(received.get(`/dam/image/${id}`)!.length, 2, 'two attempts');
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! > 0, `waited ${waits[0]} ms`);
  });

  it('a wrapper imported from another module: the call of it is sent again, after the 429 Retry-After', async () => {
    const folder = path.resolve(__dirname, '../fixtures/fixes/wrapper-module-retry');
    const api = ts.transpileModule(readFileSync(path.join(folder, 'api.ts'), 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2019, module: ts.ModuleKind.ESNext },
    });
    writeFileSync(path.join(scratch, 'api.mjs'), api.outputText);
    const { deleteImage } = await load(readFileSync(path.join(folder, 'expected.ts'), 'utf8'));
    const id = scripted(
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 409, headers: { 'Retry-After': '2' } },
      { status: 200 },
    );
    const { waits, error } = await onFakeClock(id, 2, () => deleteImage!(id));
    assert.equal(error, undefined, 'succeeds');
    assert.deepEqual(
      received.get(`/dam/image/${id}`)!.map((request) => request.method),
      ['DELETE', 'DELETE', 'DELETE'],
    );
    assert.deepEqual(waits, [1000, 2000]);
  });

  it('fetch: a 409 the DAM documents is retried too, and a lasting one ends as the last response', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/fixes/retry-wrap/expected.ts');
    const { deleteImage } = await load(readFileSync(fixture, 'utf8'));
    const id = scripted(
      ...Array.from({ length: 4 }, () => ({ status: 409, headers: { 'Retry-After': '0' } })),
    );
    const { waits, error } = await onFakeClock(id, 3, () => deleteImage!(id));
    assert.match(String(error), /Delete failed: 409/);
    assert.equal(received.get(`/dam/image/${id}`)!.length, 4, 'four attempts in all');
    assert.deepEqual(waits, [0, 0, 0]);
  });

  it('a POST without an Idempotency-Key is not retried: the status is surfaced after one attempt', async () => {
    const { title, output } = preferredFix(
      [
        'export async function createImage(id: string): Promise<void> {',
        `  const res = await fetch(\`${damOrigin}/dam/image/\${id}\`, { method: 'POST' });`,
        '  if (!res.ok) throw new Error(`Create failed: ${res.status}`);',
        '}',
        '',
      ].join('\n'),
    );
    assert.match(title, /^Handle 409/);
    const { createImage } = await load(output);
    const id = scripted({ status: 409, headers: { 'Retry-After': '1' } }, { status: 200 });
    const { waits, error } = await onFakeClock(id, 0, () => createImage!(id));
    const failure = error as Error & { status?: number };
    assert.equal(failure.name, 'RetryableStatusError');
    assert.equal(failure.status, 409);
    assert.equal(received.get(`/dam/image/${id}`)!.length, 1, 'sent once');
    assert.deepEqual(waits, []);
  });

  it('a POST with an Idempotency-Key is retried by the fix', async () => {
    const { title, output } = preferredFix(
      [
        'export async function createImage(id: string): Promise<void> {',
        `  const res = await fetch(\`${damOrigin}/dam/image/\${id}\`, {`,
        "    method: 'POST',",
        "    headers: { 'Idempotency-Key': id },",
        '  });',
        '  if (!res.ok) throw new Error(`Create failed: ${res.status}`);',
        '}',
        '',
      ].join('\n'),
    );
    assert.match(title, /^Retry 409(, \d+)* with backoff \(fetchWithRetry\)/);
    const { createImage } = await load(output);
    const id = scripted({ status: 409, headers: { 'Retry-After': '2' } }, { status: 200 });
    const { waits, error } = await onFakeClock(id, 1, () => createImage!(id));
    assert.equal(error, undefined, 'succeeds');
    assert.deepEqual(
      received.get(`/dam/image/${id}`)!.map((request) => request.method),
      ['POST', 'POST'],
    );
    assert.deepEqual(waits, [2000]);
  });

  for (const [name, text, call] of [
    [
      'fetch',
      [
        'export async function deleteImage(id: string): Promise<void> {',
        `  const res = await fetch(\`${damOrigin}/dam/image/\${id}\`, { method: 'DELETE' });`,
        '  if (!res.ok) throw new Error(`Delete failed: ${res.status}`);',
        '}',
        '',
      ].join('\n'),
      'fetch(',
    ],
    [
      'a wrapper handing back its Response',
      [
        'function damDelete(path: string): Promise<Response> {',
        `  return fetch(\`${damOrigin}/dam\${path}\`, { method: 'DELETE' });`,
        '}',
        '',
        'export async function deleteImage(id: string): Promise<void> {',
        '  const res = await damDelete(`/image/${id}`);',
        '  if (!res.ok) throw new Error(`Delete failed: ${res.status}`);',
        '}',
        '',
      ].join('\n'),
      'damDelete(`',
    ],
  ] as const) {
    it(`${name}: a 401 is thrown as an AuthenticationRequiredError with the status and the operation, sent once`, async () => {
      const { title, output } = preferredFix(text, {
        call,
        status: 401,
        action: 're-authenticate',
      });
      assert.match(title, /^Handle 401 Unauthorized/);
      // The class is the file's own: exported here only so that the test can name it.
      const module = await load(`${output}export { AuthenticationRequiredError };\n`);
      const id = scripted({ status: 401 }, { status: 200 });
      const { waits, error } = await onFakeClock(id, 0, () => module.deleteImage!(id));
      const authError = module.AuthenticationRequiredError as unknown as new () => Error;
      assert.ok(error instanceof authError, `an AuthenticationRequiredError: ${String(error)}`);
      const failure = error as Error & { status?: number; operation?: string };
      assert.equal(failure.name, 'AuthenticationRequiredError');
      assert.equal(failure.status, 401);
      assert.equal(failure.operation, 'DELETE /image/{id}');
      assert.deepEqual(waits, []);
      assert.equal(received.get(`/dam/image/${id}`)!.length, 1, 'sent once');
    });
  }
});
