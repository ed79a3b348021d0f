import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../common/protocol';
import { defaultSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { clockStart, getActiveClock, runOnFakeClock } from '../helpers/fakeClock';

// The code the preferred fix writes for an axios, ky, got or openapi-fetch call, compiled at
// ES2019 and run with the real library (devDependencies, exact versions) against a local server
// scripted to answer like the API. The fixed files call the DAM's host; the test points them at
// the local server. The waits between attempts run on a fake clock (test/helpers/fakeClock.ts):
// each is asserted as the code asked for it, to the millisecond, and none takes real time.

const contracts = createContractIndex(getBuiltinContracts());
const service = getLanguageService({ contracts });
/** A project whose package.json lists axios-retry. */
const axiosRetryProject = getLanguageService({
  contracts,
  projectFiles: {
    resolveModule: () => undefined,
    readFile: (uri) =>
      uri.endsWith('/package.json')
        ? JSON.stringify({ dependencies: { axios: '1.21.1', 'axios-retry': '4.5.0' } })
        : undefined,
  },
});
const damOrigin = 'https://api2.saleslayer.com';

type Answer = {
  status: number;
  headers?: Record<string, string> | ((now: number) => Record<string, string>);
};

const scripts = new Map<string, Answer[]>();
/** The requests each route received, with the clock's timer mark when it was answered. */
const received = new Map<string, { method: string; mark: number }[]>();
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
    const answer = scripts.get(route)?.shift() ?? { status: 200 };
    const headers =
      typeof answer.headers === 'function' ? answer.headers(Date.now()) : answer.headers;
    // What the client sets from here on is its reaction to this answer.
    received
      .get(route)
      ?.push({ method: request.method ?? '', mark: getActiveClock()?.mark() ?? 0 });
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

function attempts(id: string): { method: string; mark: number }[] {
  return received.get(`/dam/image/${id}`)!;
}

function onFakeClock(
  id: string,
  retries: number,
  send: () => Promise<unknown>,
): Promise<{ waits: number[]; error?: unknown }> {
  return runOnFakeClock(clockStart, () => attempts(id), retries, send);
}

let moduleCount = 0;
/**
 * The fixed file, pointed at the local server, compiled at ES2019 and imported; a CommonJS one is
 * run as it is, by `require`.
 */
async function load(
  text: string,
  commonjs = false,
): Promise<Record<string, (id: string) => Promise<unknown>>> {
  if (commonjs) {
    const file = path.join(scratch, `fixed-${++moduleCount}.cjs`);
    writeFileSync(file, text.split(damOrigin).join(baseUrl));
    const loaded = (await import(pathToFileURL(file).href)) as {
      default: Record<string, (id: string) => Promise<unknown>>;
    };
    return loaded.default;
  }
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

/** Which document a fix is asked for, and for which status. */
interface FixRequest {
  /** The language service the fix comes from: by default, a lone document's. */
  languageService?: typeof service;
  /** A JavaScript document rather than a TypeScript one. */
  javascript?: boolean;
  /** The unhandled status and its contract action: by default the DAM's retry-later 409. */
  status?: number;
  action?: string;
}

/** The document after its preferred fix for an unhandled status (by default the retry-later 409) on the call starting with `call`. */
function preferredFix(
  text: string,
  call: string,
  method: string,
  request: FixRequest = {},
): { title: string; output: string } {
  const { languageService = service, javascript = false } = request;
  const document = TextDocument.create(
    `file:///work/runtime-clients-${++moduleCount}.${javascript ? 'js' : 'ts'}`,
    javascript ? 'javascript' : 'typescript',
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
      status: request.status ?? 409,
      method,
      path: '/image/{id}',
      apiId: 'saleslayer-dam',
      action: request.action ?? 'retry-later',
    },
  };
  const action = languageService
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
  /** What the module does with the call's result: nothing, or test openapi-fetch's `error`. */
  after?: string;
  /** The retry mechanism the preferred fix for the DELETE uses. */
  mechanism: RegExp;
  /** The language service the fix comes from: by default, a lone document's. */
  project?: typeof service;
  /** A CommonJS JavaScript file (`require`, `module.exports`) rather than a TypeScript module. */
  commonjs?: boolean;
  /**
   * What a `Retry-After` over the fix's one-minute cap does: waited for the minute, or the
   * request given up (got does not retry a response asking for more than `maxRetryAfter`).
   */
  overCap: 'clamped' | 'given up';
}

const clients: Client[] = [
  {
    name: 'axios',
    imports: "import axios from 'axios';",
    deleteCall: `axios.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `axios.post(\`${damOrigin}/dam/image/\${id}\`, {})`,
    mechanism: /^Retry 409(, \d+)* with backoff \(withRetry\)/,
    overCap: 'clamped',
  },
  {
    name: 'axios with axios-retry',
    imports:
      "import axios from 'axios';\nimport axiosRetry from 'axios-retry';\n\nconst dam = axios.create();",
    deleteCall: `dam.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `dam.post(\`${damOrigin}/dam/image/\${id}\`, {})`,
    mechanism: /^Retry 409(, \d+)* with backoff \(axios-retry\)/,
    overCap: 'clamped',
  },
  {
    name: 'axios, the project depending on axios-retry',
    imports: "import axios from 'axios';",
    deleteCall: `axios.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `axios.post(\`${damOrigin}/dam/image/\${id}\`, {})`,
    mechanism: /^Retry 409(, \d+)* with backoff \(axios-retry\)/,
    overCap: 'clamped',
    project: axiosRetryProject,
  },
  {
    name: 'axios in a CommonJS file, the project depending on axios-retry',
    imports: "const axios = require('axios');",
    deleteCall: `axios.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `axios.post(\`${damOrigin}/dam/image/\${id}\`, {})`,
    mechanism: /^Retry 409(, \d+)* with backoff \(axios-retry\)/,
    overCap: 'clamped',
    project: axiosRetryProject,
    commonjs: true,
  },
  {
    name: 'ky',
    imports: "import ky from 'ky';",
    deleteCall: `ky.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `ky.post(\`${damOrigin}/dam/image/\${id}\`)`,
    mechanism: /^Retry 409(, \d+)* with backoff \(ky's retry option\)/,
    overCap: 'clamped',
  },
  {
    name: 'got',
    imports: "import got from 'got';",
    deleteCall: `got.delete(\`${damOrigin}/dam/image/\${id}\`)`,
    postCall: `got.post(\`${damOrigin}/dam/image/\${id}\`)`,
    mechanism: /^Retry 409(, \d+)* with backoff \(got's retry option\)/,
    overCap: 'given up',
  },
  {
    name: 'openapi-fetch',
    imports: `import createClient from 'openapi-fetch';\n\nconst client = createClient({ baseUrl: '${damOrigin}/dam' });`,
    deleteCall: "client.DELETE('/image/{id}', { params: { path: { id } } })",
    postCall: "client.POST('/image/{id}', { params: { path: { id } } })",
    after: '  if (result.error) throw new Error(`failed: ${result.response.status}`);',
    mechanism: /^Retry 409(, \d+)* with backoff \(withResponseRetry\)/,
    overCap: 'clamped',
  },
];

function source(client: Client, call: string, name: string): string {
  if (client.commonjs)
    return [
      client.imports,
      '',
      `async function ${name}(id) {`,
      `  await ${call};`,
      '}',
      '',
      `module.exports = { ${name} };`,
      '',
    ].join('\n');
  return [
    client.imports,
    '',
    `export async function ${name}(id: string): Promise<void> {`,
    client.after ? `  const result = await ${call};` : `  await ${call};`,
    ...(client.after ? [client.after] : []),
    '}',
    '',
  ].join('\n');
}

describe('the preferred retry fix of each client, run with the real library on a fake clock', () => {
  for (const client of clients) {
    const callee = client.deleteCall.slice(0, client.deleteCall.indexOf('('));
    const fixedSource = () => source(client, client.deleteCall, 'deleteImage');
    const fixed = () =>
      preferredFix(source(client, client.deleteCall, 'deleteImage'), `${callee}(`, 'DELETE', {
        languageService: client.project,
        javascript: client.commonjs,
      });

    it(`${client.name}: a 429 with Retry-After: 1 is waited out, 1000 ms, and the second attempt succeeds`, async () => {
      const { title, output } = fixed();
      assert.match(title, client.mechanism);
      const { deleteImage } = await load(output, client.commonjs);
      const id = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
      const { waits, error } = await onFakeClock(id, 1, () => deleteImage!(id));
      assert.equal(error, undefined, 'succeeds');
      assert.deepEqual(
        attempts(id).map((request) => request.method),
        ['DELETE', 'DELETE'],
      );
      assert.deepEqual(waits, [1000]);
    });

    it(`${client.name}: a 503 with an HTTP-date Retry-After waits until that date, to the millisecond`, async () => {
      const { output } = fixed();
      const { deleteImage } = await load(output, client.commonjs);
      const id = scripted(
        { status: 503, headers: (now) => ({ 'Retry-After': new Date(now + 3000).toUTCString() }) },
        { status: 200 },
      );
      const { waits, error } = await onFakeClock(id, 1, () => deleteImage!(id));
      assert.equal(error, undefined, 'succeeds');
      assert.equal(attempts(id).length, 2, 'two attempts');
      assert.deepEqual(waits, [3000]);
    });

    it(`${client.name}: a malformed Retry-After, 1.5, is not read as a date: the retry still waits`, async () => {
      const { output } = fixed();
      const { deleteImage } = await load(output, client.commonjs);
      // Date.parse takes '1.5' for a day of 2001: a wait to it would be none at all.
      const id = scripted({ status: 429, headers: { 'Retry-After': '1.5' } }, { status: 200 });
      const { waits, error } = await onFakeClock(id, 1, () => deleteImage!(id));
      assert.equal(error, undefined, 'succeeds');
      assert.equal(attempts(id).length, 2, 'two attempts');
      assert.equal(waits.length, 1);
      assert.ok(waits[0]! > 0, `waited ${waits[0]} ms`);
    });

    it(`${client.name}: a Retry-After of an hour is ${client.overCap === 'clamped' ? 'cut to a minute' : 'not waited out'}`, async () => {
      const { output } = fixed();
      const { deleteImage } = await load(output, client.commonjs);
      const id = scripted({ status: 429, headers: { 'Retry-After': '3600' } }, { status: 200 });
      const clamped = client.overCap === 'clamped';
      const { waits, error } = await onFakeClock(id, clamped ? 1 : 0, () => deleteImage!(id));
      if (clamped) {
        assert.equal(error, undefined, 'succeeds');
        assert.deepEqual(waits, [60_000]);
        assert.equal(attempts(id).length, 2);
      } else {
        assert.ok(error, 'fails');
        assert.deepEqual(waits, []);
        assert.equal(attempts(id).length, 1);
      }
    });

    it(`${client.name}: a POST without an Idempotency-Key answered 429 is sent once and fails`, async () => {
      const postCallee = client.postCall.slice(0, client.postCall.indexOf('('));
      const { title, output } = preferredFix(
        source(client, client.postCall, 'createImage'),
        `${postCallee}(`,
        'POST',
        { languageService: client.project, javascript: client.commonjs },
      );
      assert.doesNotMatch(title, /retry/i, 'no retry is offered for the POST');
      const { createImage } = await load(output, client.commonjs);
      const id = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
      const { waits, error } = await onFakeClock(id, 0, () => createImage!(id));
      assert.ok(error, 'fails');
      assert.deepEqual(waits, [], 'no wait');
      assert.deepEqual(
        attempts(id).map((request) => request.method),
        ['POST'],
        'sent once',
      );
    });

    it(`${client.name}: a 401 is thrown as an AuthenticationRequiredError with the status and the operation, sent once`, async () => {
      const { title, output } = preferredFix(fixedSource(), `${callee}(`, 'DELETE', {
        languageService: client.project,
        javascript: client.commonjs,
        status: 401,
        action: 're-authenticate',
      });
      assert.match(title, /^Handle 401 Unauthorized/);
      // The class is the file's own: exported here only so that the test can name it.
      const exported = client.commonjs
        ? 'module.exports.AuthenticationRequiredError = AuthenticationRequiredError;\n'
        : 'export { AuthenticationRequiredError };\n';
      const module = await load(output + exported, client.commonjs);
      const id = scripted({ status: 401 }, { status: 200 });
      const { waits, error } = await onFakeClock(id, 0, () => module.deleteImage!(id));
      const authError = module.AuthenticationRequiredError as unknown as new () => Error;
      assert.ok(error instanceof authError, `an AuthenticationRequiredError: ${String(error)}`);
      assert.ok(error instanceof Error);
      const failure = error as Error & { status?: number; operation?: string };
      assert.equal(failure.name, 'AuthenticationRequiredError');
      assert.equal(failure.status, 401);
      assert.equal(failure.operation, 'DELETE /image/{id}');
      assert.match(failure.message, /401 Unauthorized: re-authenticate/);
      assert.deepEqual(waits, []);
      assert.equal(attempts(id).length, 1, 'sent once');
    });
  }
});

/** A module of the project wrapping a ky or got call, which the fixed file imports. */
interface WrapperModule {
  name: string;
  client: 'ky' | 'got';
  /** The wrapper module: `damDelete(path)`, `damCreate(path, key?)` (a POST) through the client. */
  text: string;
  /** The helper the fix puts around the call of `damDelete`. */
  helper: string;
  /** Whether the client retries its own statuses itself (its default `retry`). */
  clientRetries: boolean;
}

function wrapperModule(client: 'ky' | 'got', retryOff: boolean): WrapperModule {
  const off = retryOff ? (client === 'ky' ? ', retry: 0' : ', retry: { limit: 0 }') : '';
  const deleteOptions = retryOff
    ? client === 'ky'
      ? ', { retry: 0 }'
      : ', { retry: { limit: 0 } }'
    : '';
  return {
    name: `a ${client} wrapper in another module${retryOff ? ', its client not retrying' : ''}`,
    client,
    text: [
      `import ${client} from '${client}';`,
      '',
      `const DAM = '${damOrigin}/dam';`,
      '',
      'export function damDelete(path: string) {',
      `  return ${client}.delete(\`\${DAM}\${path}\`${deleteOptions});`,
      '}',
      '',
      'export function damCreate(path: string, key?: string) {',
      "  const headers: Record<string, string> = key ? { 'Idempotency-Key': key } : {};",
      `  return ${client}.post(\`\${DAM}\${path}\`, { headers${off} });`,
      '}',
      '',
    ].join('\n'),
    helper: client === 'ky' ? 'withKyRetry' : 'withGotRetry',
    clientRetries: !retryOff,
  };
}

/**
 * The fixed file (its `deleteImage` through the wrapper, after the preferred fix) and the wrapper
 * module, compiled and imported; the fixed file exports its helper too, for the test to call.
 */
async function loadWrapperFix(
  wrapper: WrapperModule,
  pick: (action: CodeAction) => boolean = (action) => !!action.isPreferred,
): Promise<{ title: string; output: string; module: Record<string, unknown> }> {
  const folder = `file:///work/wrapper-${++moduleCount}/`;
  const languageService = getLanguageService({
    contracts,
    projectFiles: {
      resolveModule: (_from, specifier) => (specifier === './api' ? `${folder}api.ts` : undefined),
      readFile: (uri) => (uri === `${folder}api.ts` ? wrapper.text : undefined),
    },
  });
  const text = [
    "import { damDelete } from './api';",
    '',
    'export async function deleteImage(id: string): Promise<void> {',
    '  await damDelete(`/image/${id}`);',
    '}',
    '',
  ].join('\n');
  const document = TextDocument.create(`${folder}input.ts`, 'typescript', 1, text);
  const diagnostic = languageService
    .doValidation(document, defaultSettings)
    .find((each) => (each.data as { status?: number } | undefined)?.status === 409);
  assert.ok(diagnostic, 'the 409 is reported on the call of the wrapper');
  const action = languageService
    .doCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }, defaultSettings)
    .find(pick);
  assert.ok(action, 'the fix');
  const output = TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] ?? []);
  const api = ts.transpileModule(wrapper.text.split(damOrigin).join(baseUrl), {
    compilerOptions: { target: ts.ScriptTarget.ES2019, module: ts.ModuleKind.ESNext },
  });
  const apiFile = `api-${++moduleCount}.mjs`;
  writeFileSync(path.join(scratch, apiFile), api.outputText);
  // The helper is the file's own: exported here only so that the test can call it.
  const exported = output.includes(`function ${wrapper.helper}`)
    ? `export { ${wrapper.helper} };\n`
    : '';
  const module = await load(`${output.replace("from './api'", `from './${apiFile}'`)}${exported}`);
  const apiModule = (await import(pathToFileURL(path.join(scratch, apiFile)).href)) as Record<
    string,
    unknown
  >;
  return { title: action.title, output, module: { ...apiModule, ...module } };
}

type Send = (id: string) => Promise<unknown>;
type Helper = (send: () => Promise<unknown>, policy: { retryOn: number[] }) => Promise<unknown>;

describe('the retry fix of a call of a ky or got wrapper, run with the real library on a fake clock', () => {
  for (const wrapper of [
    wrapperModule('ky', false),
    wrapperModule('ky', true),
    wrapperModule('got', false),
    wrapperModule('got', true),
  ]) {
    it(`${wrapper.name}: the call is wrapped in ${wrapper.helper}, and a 409 with Retry-After: 2 is waited out, 2000 ms`, async () => {
      const { title, module } = await loadWrapperFix(wrapper);
      assert.match(title, new RegExp(`^Retry 409(, \\d+)* with backoff \\(${wrapper.helper}\\)$`));
      const id = scripted({ status: 409, headers: { 'Retry-After': '2' } }, { status: 200 });
      const { waits, error } = await onFakeClock(id, 1, () => (module.deleteImage as Send)(id));
      assert.equal(error, undefined, 'succeeds');
      assert.deepEqual(
        attempts(id).map((request) => request.method),
        ['DELETE', 'DELETE'],
      );
      assert.deepEqual(waits, [2000]);
    });

    it(`${wrapper.name}: a 429 with Retry-After: 1 is waited out, 1000 ms, once${wrapper.clientRetries ? ' (by the client itself)' : ''}`, async () => {
      const { module } = await loadWrapperFix(wrapper);
      const id = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
      const { waits, error } = await onFakeClock(id, 1, () => (module.deleteImage as Send)(id));
      assert.equal(error, undefined, 'succeeds');
      assert.equal(attempts(id).length, 2, 'two attempts');
      assert.deepEqual(waits, [1000]);
    });

    it(`${wrapper.name}: a 503 with an HTTP-date Retry-After waits until that date, to the millisecond`, async () => {
      const { module } = await loadWrapperFix(wrapper);
      const id = scripted(
        { status: 503, headers: (now) => ({ 'Retry-After': new Date(now + 3000).toUTCString() }) },
        { status: 200 },
      );
      const { waits, error } = await onFakeClock(id, 1, () => (module.deleteImage as Send)(id));
      assert.equal(error, undefined, 'succeeds');
      assert.equal(attempts(id).length, 2, 'two attempts');
      assert.deepEqual(waits, [3000]);
    });

    it(`${wrapper.name}: a 409 with a malformed Retry-After, 1.5, is not read as a date: the retry still waits`, async () => {
      const { module } = await loadWrapperFix(wrapper);
      const id = scripted({ status: 409, headers: { 'Retry-After': '1.5' } }, { status: 200 });
      const { waits, error } = await onFakeClock(id, 1, () => (module.deleteImage as Send)(id));
      assert.equal(error, undefined, 'succeeds');
      assert.equal(attempts(id).length, 2, 'two attempts');
      assert.equal(waits.length, 1);
      assert.ok(waits[0]! > 0, `waited ${waits[0]} ms`);
    });

    it(`${wrapper.name}: Handle 409 imports ${wrapper.client}'s HTTPError, and a 409 is thrown as a RetryableStatusError with its Retry-After`, async () => {
      const { title, module } = await loadWrapperFix(wrapper, (action) =>
        action.title.startsWith('Handle 409 '),
      );
      assert.match(title, /in a new try\/catch/);
      const id = scripted({ status: 409, headers: { 'Retry-After': '2' } }, { status: 200 });
      const { error } = await onFakeClock(id, 0, () => (module.deleteImage as Send)(id));
      const failure = error as Error & { status?: number; retryAfter?: string | null };
      assert.equal(failure.name, 'RetryableStatusError', String(error));
      assert.equal(failure.status, 409);
      assert.equal(failure.retryAfter, '2');
    });

    it(`${wrapper.name}: the helper sends a POST without an Idempotency-Key once, and one with a key again`, async () => {
      const { module } = await loadWrapperFix(wrapper);
      const helper = module[wrapper.helper] as Helper;
      const damCreate = module.damCreate as (path: string, key?: string) => Promise<unknown>;
      const unkeyed = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
      const once = await onFakeClock(unkeyed, 0, () =>
        helper(() => damCreate(`/image/${unkeyed}`), { retryOn: [429] }),
      );
      assert.ok(once.error, 'fails');
      assert.deepEqual(once.waits, [], 'no wait');
      assert.deepEqual(
        attempts(unkeyed).map((request) => request.method),
        ['POST'],
        'sent once',
      );
      const keyed = scripted({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
      const again = await onFakeClock(keyed, 1, () =>
        helper(() => damCreate(`/image/${keyed}`, keyed), { retryOn: [429] }),
      );
      assert.equal(again.error, undefined, 'succeeds');
      assert.deepEqual(again.waits, [1000]);
      assert.deepEqual(
        attempts(keyed).map((request) => request.method),
        ['POST', 'POST'],
      );
    });
  }
});
