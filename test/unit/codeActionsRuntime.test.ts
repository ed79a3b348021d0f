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

// The code a preferred fix writes, compiled at ES2019 and run against a local server scripted to
// answer like the API: what a user keeps is what runs here. The fixed code calls the DAM's host;
// a fetch in front of the real one sends those requests to the local server instead.

const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });
const damOrigin = 'https://api2.saleslayer.com';

type Answer = { status: number; headers?: Record<string, string> };
interface Received {
  method: string;
  at: number;
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
    received.get(route)?.push({ method: request.method ?? '', at: Date.now() });
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
  writeFileSync(file, outputText.replace(/from '\.\/log'/, "from './log.mjs'"));
  return (await import(pathToFileURL(file).href)) as Record<
    string,
    (...args: string[]) => Promise<unknown>
  >;
}

/** The document after its preferred fix for an unhandled retry-later 409 on its `fetch(`. */
function preferredFix(text: string): { title: string; output: string } {
  const document = TextDocument.create(
    `file:///work/runtime-${++moduleCount}.ts`,
    'typescript',
    1,
    text,
  );
  const start = text.indexOf('fetch(');
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(start), end: document.positionAt(start + 5) },
    source: diagnosticSource,
    code: 'unhandled-status',
    message: '',
    data: {
      status: 409,
      method: 'DELETE',
      path: '/image/{id}',
      apiId: 'saleslayer-dam',
      action: 'retry-later',
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
  it('fetch: waits the Retry-After of a 429 and succeeds on the second attempt', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/fixes/retry-wrap/expected.ts');
    const { deleteImage } = await load(readFileSync(fixture, 'utf8'));
    const id = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
    await deleteImage!(id);
    const requests = received.get(`/dam/image/${id}`)!;
    assert.deepEqual(
      requests.map((request) => request.method),
      ['DELETE', 'DELETE'],
    );
    const waited = requests[1]!.at - requests[0]!.at;
    assert.ok(waited >= 950 && waited < 3000, `waited ${waited} ms for Retry-After: 1`);
  });

  it('fetch: a 409 the DAM documents is retried too, and a lasting one ends as the last response', async () => {
    const fixture = path.resolve(__dirname, '../fixtures/fixes/retry-wrap/expected.ts');
    const { deleteImage } = await load(readFileSync(fixture, 'utf8'));
    const id = scripted(
      ...Array.from({ length: 4 }, () => ({ status: 409, headers: { 'Retry-After': '0' } })),
    );
    await assert.rejects(deleteImage!(id), /Delete failed: 409/);
    assert.equal(received.get(`/dam/image/${id}`)!.length, 4, 'four attempts in all');
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
    await assert.rejects(createImage!(id), (error: Error & { status?: number }) => {
      assert.equal(error.name, 'RetryableStatusError');
      assert.equal(error.status, 409);
      return true;
    });
    assert.equal(received.get(`/dam/image/${id}`)!.length, 1, 'sent once');
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
    assert.match(title, /^Wrap in retry with backoff \(fetchWithRetry/);
    const { createImage } = await load(output);
    const id = scripted({ status: 409, headers: { 'Retry-After': '0' } }, { status: 200 });
    await createImage!(id);
    assert.deepEqual(
      received.get(`/dam/image/${id}`)!.map((request) => request.method),
      ['POST', 'POST'],
    );
  });
});
