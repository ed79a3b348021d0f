import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
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

// The code the preferred fix writes for an axios, ky or got call, compiled at ES2019 and run with
// the real library (devDependencies, exact versions) against a local server scripted to answer
// like the API. The fixed files call the DAM's host; the test points them at the local server.
// The clock is frozen at a whole second while an HTTP-date Retry-After is in play, so the wait it
// asks for is exact; waits are measured between the attempts the server receives.

const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });
const damOrigin = 'https://api2.saleslayer.com';

type Answer = { status: number; headers?: Record<string, string> | (() => Record<string, string>) };

const scripts = new Map<string, Answer[]>();
const received = new Map<string, { method: string; at: number }[]>();
let server: Server;
let baseUrl: string;
let scratch: string;

before(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'fix-clients-'));
  // The fixed modules import the libraries from the project's node_modules.
  symlinkSync(path.resolve(__dirname, '../../node_modules'), path.join(scratch, 'node_modules'));
  writeFileSync(path.join(scratch, 'log.mjs'), 'export function log() {}\n');
  server = createServer((request, response) => {
    const route = new URL(request.url ?? '/', 'http://localhost').pathname;
    received.get(route)?.push({ method: request.method ?? '', at: performance.now() });
    const answer = scripts.get(route)?.shift() ?? { status: 200 };
    const headers = typeof answer.headers === 'function' ? answer.headers() : answer.headers;
    response.writeHead(answer.status, { 'content-type': 'application/json', ...headers });
    response.end(answer.status === 200 ? '{}' : '{"title":"scripted"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.close();
  rmSync(scratch, { recursive: true, force: true });
});

let caseCount = 0;
/** Scripts the answers to `/dam/image/<id>` and returns the id. */
function scripted(...answers: Answer[]): string {
  const id = `case-${++caseCount}`;
  scripts.set(`/dam/image/${id}`, answers);
  received.set(`/dam/image/${id}`, []);
  return id;
}

function attempts(id: string): { method: string; at: number }[] {
  return received.get(`/dam/image/${id}`)!;
}

let moduleCount = 0;
/** The fixed file, pointed at the local server, compiled at ES2019 and imported. */
async function load(text: string): Promise<Record<string, (id: string) => Promise<unknown>>> {
  const { outputText, diagnostics } = ts.transpileModule(text.split(damOrigin).join(baseUrl), {
    compilerOptions: { target: ts.ScriptTarget.ES2019, module: ts.ModuleKind.ESNext },
    reportDiagnostics: true,
  });
  assert.deepEqual(diagnostics, []);
  const file = path.join(scratch, `fixed-${++moduleCount}.mjs`);
  writeFileSync(file, outputText.replace(/from '\.\/log'/, "from './log.mjs'"));
  return (await import(pathToFileURL(file).href)) as Record<
    string,
    (id: string) => Promise<unknown>
  >;
}

/** The document after its preferred fix for an unhandled retry-later 409 on the call starting with `call`. */
function preferredFix(
  text: string,
  call: string,
  method: string,
): { title: string; output: string } {
  const document = TextDocument.create(
    `file:///work/runtime-clients-${++moduleCount}.ts`,
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
      status: 409,
      method,
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

/** A module with `deleteImage(id)` and `createImage(id)` (a POST without an Idempotency-Key) through the client. */
interface Client {
  name: string;
  imports: string;
  deleteCall: string;
  postCall: string;
  /** The retry mechanism the preferred fix for the DELETE uses. */
  mechanism: RegExp;
}

const clients: Client[] = [
  {
    name: 'axios',
    imports: "import axios from 'axios';",
    deleteCall: `axios.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `axios.post(\`${damOrigin}/dam/image/\${id}\`, {})`,
    mechanism: /^Wrap in retry with backoff \(withRetry, retries 409/,
  },
  {
    name: 'axios with axios-retry',
    imports:
      "import axios from 'axios';\nimport axiosRetry from 'axios-retry';\n\nconst dam = axios.create();",
    deleteCall: `dam.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `dam.post(\`${damOrigin}/dam/image/\${id}\`, {})`,
    mechanism: /^Wrap in retry with backoff \(axios-retry, retries 409/,
  },
  {
    name: 'ky',
    imports: "import ky from 'ky';",
    deleteCall: `ky.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `ky.post(\`${damOrigin}/dam/image/\${id}\`)`,
    mechanism: /^Wrap in retry with backoff \(ky's retry option, retries 409/,
  },
  {
    name: 'got',
    imports: "import got from 'got';",
    deleteCall: `got.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `got.post(\`${damOrigin}/dam/image/\${id}\`)`,
    mechanism: /^Wrap in retry with backoff \(got's retry option, retries 409/,
  },
];

function source(client: Client, call: string, name: string): string {
  return [
    client.imports,
    '',
    `export async function ${name}(id: string): Promise<void> {`,
    `  await ${call};`,
    '}',
    '',
  ].join('\n');
}

/** Runs `body` with `Date.now` frozen at a whole second, as an HTTP-date counts. */
async function withFrozenClock<T>(at: number, body: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => at;
  try {
    return await body();
  } finally {
    Date.now = realNow;
  }
}

describe('the preferred retry fix of each client, run with the real library', () => {
  for (const client of clients) {
    const callee = client.deleteCall.slice(0, client.deleteCall.indexOf('('));
    const fixed = () =>
      preferredFix(source(client, client.deleteCall, 'deleteImage'), `${callee}(`, 'DELETE');

    it(`${client.name}: a 429 with Retry-After: 1 is waited out and the second attempt succeeds`, async () => {
      const { title, output } = fixed();
      assert.match(title, client.mechanism);
      const { deleteImage } = await load(output);
      const id = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
      await deleteImage!(id);
      const sent = attempts(id);
      assert.deepEqual(
        sent.map((request) => request.method),
        ['DELETE', 'DELETE'],
      );
      const waited = sent[1]!.at - sent[0]!.at;
      assert.ok(
        waited >= 950 && waited < 2500,
        `waited ${Math.round(waited)} ms for Retry-After: 1`,
      );
    });

    it(`${client.name}: a 503 with an HTTP-date Retry-After waits until that date`, async () => {
      const { output } = fixed();
      const { deleteImage } = await load(output);
      const now = Math.floor(Date.now() / 1000) * 1000;
      const id = scripted(
        { status: 503, headers: { 'Retry-After': new Date(now + 1000).toUTCString() } },
        { status: 200 },
      );
      await withFrozenClock(now, () => deleteImage!(id));
      const sent = attempts(id);
      assert.equal(sent.length, 2, 'two attempts');
      const waited = sent[1]!.at - sent[0]!.at;
      assert.ok(
        waited >= 950 && waited < 2500,
        `waited ${Math.round(waited)} ms for a date 1 s ahead`,
      );
    });

    it(`${client.name}: a POST without an Idempotency-Key answered 429 is sent once and fails`, async () => {
      const postCallee = client.postCall.slice(0, client.postCall.indexOf('('));
      const { title, output } = preferredFix(
        source(client, client.postCall, 'createImage'),
        `${postCallee}(`,
        'POST',
      );
      assert.doesNotMatch(title, /retry/i, 'no retry is offered for the POST');
      const { createImage } = await load(output);
      const id = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
      await assert.rejects(createImage!(id));
      assert.deepEqual(
        attempts(id).map((request) => request.method),
        ['POST'],
        'sent once',
      );
    });
  }
});
