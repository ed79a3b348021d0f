import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../common/protocol';
import { defaultSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { typeCheck } from '../helpers/inMemoryProgram';

// What the branch a fix inserts says for a status the contract asks the client to fix the request
// for (the problem body the API answered, for every client) and for one asking to re-authenticate
// (an error of its own class, carrying the status and the operation). The fixed file must still
// type-check.

const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });
const stubs = readFileSync(path.resolve(__dirname, '../fixtures/httpClients.d.ts'), 'utf8');
const dam = 'https://api2.saleslayer.com/dam';

interface ClientCase {
  name: string;
  text: string;
  /** Where the diagnostic is: the start of the call. */
  call: string;
  /** What the branch for a 400 quotes: the problem body as this client holds it. */
  body: RegExp;
}

const clients: ClientCase[] = [
  {
    name: 'fetch',
    call: 'fetch(',
    text: [
      'export async function deleteImage(id: string): Promise<void> {',
      `  const res = await fetch(\`${dam}/image/\${id}\`, { method: 'DELETE' });`,
      '  if (!res.ok) throw new Error(`Delete failed: ${res.status}`);',
      '}',
      '',
    ].join('\n'),
    body: /\$\{await res\.text\(\)\}/,
  },
  {
    name: 'openapi-fetch',
    call: 'client.DELETE(',
    text: [
      "import createClient from 'openapi-fetch';",
      '',
      `const client = createClient({ baseUrl: '${dam}' });`,
      '',
      'export async function deleteImage(id: string): Promise<void> {',
      "  const { response } = await client.DELETE('/image/{id}', { params: { path: { id } } });",
      '  if (!response.ok) throw new Error(`Delete failed: ${response.status}`);',
      '}',
      '',
    ].join('\n'),
    body: /\$\{JSON\.stringify\(error\)\}/,
  },
  {
    name: 'openapi-fetch, bare',
    call: 'client.DELETE(',
    text: [
      "import createClient from 'openapi-fetch';",
      '',
      `const client = createClient({ baseUrl: '${dam}' });`,
      '',
      'export async function deleteImage(id: string): Promise<void> {',
      "  await client.DELETE('/image/{id}', { params: { path: { id } } });",
      '}',
      '',
    ].join('\n'),
    body: /\$\{JSON\.stringify\(error\)\}/,
  },
  {
    name: 'axios',
    call: 'axios.delete(',
    text: [
      "import axios from 'axios';",
      '',
      'export async function deleteImage(id: string): Promise<void> {',
      `  await axios.delete(\`${dam}/image/\${id}\`);`,
      '}',
      '',
    ].join('\n'),
    body: /\$\{JSON\.stringify\(error\.response\?\.data\)\}/,
  },
  {
    name: 'ky',
    call: 'ky.delete(',
    text: [
      "import ky from 'ky';",
      '',
      'export async function deleteImage(id: string): Promise<void> {',
      `  await ky.delete(\`${dam}/image/\${id}\`);`,
      '}',
      '',
    ].join('\n'),
    body: /\$\{await error\.response\.text\(\)\}/,
  },
  {
    name: 'ky, in an existing catch',
    call: 'ky.delete(',
    text: [
      "import ky from 'ky';",
      "import { log } from './log';",
      '',
      'export async function deleteImage(id: string): Promise<void> {',
      '  try {',
      `    await ky.delete(\`${dam}/image/\${id}\`);`,
      '  } catch (failure) {',
      '    log(failure);',
      '    throw failure;',
      '  }',
      '}',
      '',
    ].join('\n'),
    body: /\$\{await failure\.response\.text\(\)\}/,
  },
  {
    name: 'ky, a promise handed back',
    call: 'ky.delete(',
    text: [
      "import ky from 'ky';",
      '',
      'export function deleteImage(id: string): Promise<unknown> {',
      `  return ky.delete(\`${dam}/image/\${id}\`);`,
      '}',
      '',
    ].join('\n'),
    body: /\.catch\(async \(error\) => \{[^]*\$\{await error\.response\.text\(\)\}/,
  },
  {
    name: 'a wrapper handing back its Response',
    call: 'damDelete(`',
    text: [
      `const DAM = '${dam}';`,
      '',
      'function damDelete(path: string): Promise<Response> {',
      "  return fetch(`${DAM}${path}`, { method: 'DELETE' });",
      '}',
      '',
      'export async function deleteImage(id: string): Promise<void> {',
      '  const res = await damDelete(`/image/${id}`);',
      '  if (!res.ok) throw new Error(`Delete failed: ${res.status}`);',
      '}',
      '',
    ].join('\n'),
    body: /\$\{await res\.text\(\)\}/,
  },
  {
    name: 'a wrapper of ky',
    call: 'damDelete(`',
    text: [
      "import ky from 'ky';",
      '',
      `const DAM = '${dam}';`,
      '',
      'function damDelete(path: string): Promise<Response> {',
      '  return ky.delete(`${DAM}${path}`);',
      '}',
      '',
      'export async function deleteImage(id: string): Promise<void> {',
      '  await damDelete(`/image/${id}`);',
      '}',
      '',
    ].join('\n'),
    body: /\$\{await error\.response\.text\(\)\}/,
  },
  {
    name: 'got',
    call: 'got.delete(',
    text: [
      "import got from 'got';",
      '',
      'export async function deleteImage(id: string): Promise<void> {',
      `  await got.delete(\`${dam}/image/\${id}\`);`,
      '}',
      '',
    ].join('\n'),
    body: /\$\{error\.response\.body\}/,
  },
];

function fixFor(client: ClientCase, status: number, action: string): string {
  const document = TextDocument.create(
    `file:///work/bodies/${client.name.replace(/\W+/g, '-')}.ts`,
    'typescript',
    1,
    client.text,
  );
  const start = client.text.indexOf(client.call);
  assert.ok(start >= 0);
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(start), end: document.positionAt(start + 5) },
    source: diagnosticSource,
    code: 'unhandled-status',
    message: '',
    data: { status, method: 'DELETE', path: '/image/{id}', apiId: 'saleslayer-dam', action },
  };
  const actions = service.doCodeActions(
    document,
    diagnostic.range,
    { diagnostics: [diagnostic] },
    defaultSettings,
  );
  const fix = actions.find((candidate) => candidate.title.startsWith(`Handle ${status} `));
  assert.ok(fix, `Handle ${status} among: ${actions.map((each) => each.title).join(' | ')}`);
  const output = TextDocument.applyEdits(document, fix.edit?.changes?.[document.uri] ?? []);
  assert.deepEqual(
    typeCheck({
      '/virtual/httpClients.d.ts': stubs,
      '/virtual/log.ts': 'export function log(...values: unknown[]): void {}\n',
      '/virtual/input.ts': output,
    }),
    [],
    `the fixed file type-checks:\n${output}`,
  );
  return output;
}

describe('what a handling branch says', () => {
  for (const client of clients) {
    it(`${client.name}: a fix-the-request status quotes the problem body`, () => {
      const output = fixFor(client, 400, 'fix-request');
      assert.match(output, /DELETE \/image\/\{id\} answered 400 Bad Request/);
      assert.match(output, client.body, output);
    });

    it(`${client.name}: a 401 throws an AuthenticationRequiredError with the status and the operation`, () => {
      const output = fixFor(client, 401, 're-authenticate');
      // The operation is left out of the message where it would not fit the line; the error
      // carries it anyway.
      assert.match(
        output,
        /throw new AuthenticationRequiredError\(\s*'(DELETE \/image\/\{id\} answered )?401 Unauthorized: re-authenticate[^']*',\s*401,\s*'DELETE \/image\/\{id\}',?\s*\)/,
      );
      assert.equal(
        output.match(/^class AuthenticationRequiredError extends Error \{$/gm)?.length,
        1,
      );
      assert.doesNotMatch(output, /RetryableStatusError/, 'no retry class for a 401');
    });
  }
});
