import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Location, LocationLink } from 'vscode-languageserver-protocol';
import { workspaceStatusNotification, type WorkspaceStatus } from '../../common/protocol';
import { startLspSession, waitFor, type LspSession } from '../helpers/lspClient';

const spec = `openapi: 3.0.3
info:
  title: Image Store
  version: "1.0"
servers:
  - url: https://images.example.com/v1
paths:
  /images/{id}:
    delete:
      responses:
        "204":
          description: Deleted.
        "409":
          description: Still being processed.
        "500":
          $ref: "./shared/errors.yaml#/ServerError"
`;

const catalog = JSON.stringify(
  {
    id: 'billing',
    name: 'Billing',
    match: { hosts: ['billing.example.com'], pathPrefixes: [], problemTypePrefixes: [] },
    statuses: {
      '402': {
        title: 'Payment Required',
        meaning: 'The card was declined.',
        action: 'fix-request',
      },
    },
    operations: [
      {
        method: 'POST',
        path: '/invoices',
        statuses: { '409': { meaning: 'Already issued.', action: 'fix-request' } },
      },
    ],
  },
  null,
  2,
);

const config = `{
  "catalogs": ["saleslayer-dam", "contracts/billing.json"],
  "apis": { "IMAGES": "openapi/images.yaml" }
}
`;

const client = `export async function remove(id: string) {
  const res = await fetch(\`https://images.example.com/v1/images/\${id}\`, { method: 'DELETE' });
  if (!res.ok) throw new Error(String(res.status));
}
`;

describe('language status, log and definition over LSP', () => {
  let folder: string;
  let session: LspSession;
  const statuses: WorkspaceStatus[] = [];
  const logs: { type: number; message: string }[] = [];
  const uriOf = (relative: string) => pathToFileURL(path.join(folder, relative)).href;
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
  };
  const definition = <T>(relative: string, line: number, character: number) =>
    session.connection.sendRequest<T | null>('textDocument/definition', {
      textDocument: { uri: uriOf(relative) },
      position: { line, character },
    });

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'aec-navigation-'));
    write('openapi/images.yaml', spec);
    write('contracts/billing.json', catalog);
    write('api-error-contracts.json', config);
    write('src/client.ts', client);
    session = await startLspSession({
      capabilities: {
        textDocument: { definition: { linkSupport: true } },
        workspace: { configuration: true },
      },
      rootUri: pathToFileURL(folder).href,
    });
    session.connection.onNotification(workspaceStatusNotification, (status: WorkspaceStatus) => {
      statuses.push(status);
    });
    session.connection.onNotification(
      'window/logMessage',
      (params: { type: number; message: string }) => {
        logs.push(params);
      },
    );
  });
  after(async () => {
    await session.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('declares definition support', () => {
    assert.equal(session.initializeResult.capabilities.definitionProvider, true);
  });

  it('tells the client what was loaded once the load ends, with the problems counted', async () => {
    const ready = await waitFor(() => statuses.find((each) => each.state === 'ready'), 10_000);
    // One spec, the catalog file and the built-in catalog the config names; 1 + 1 operations.
    assert.deepEqual(
      { ...ready, problemUri: ready.problemUri?.slice(pathToFileURL(folder).href.length) },
      {
        state: 'ready',
        specs: 1,
        catalogs: 2,
        operations: 2,
        errors: 1,
        warnings: 0,
        problemUri: '/openapi/images.yaml',
      },
    );
  });

  it('logs the config, each catalog and each API, and the broken $ref at error level', async () => {
    await waitFor(() => statuses.find((each) => each.state === 'ready'), 10_000);
    const lines = logs.map((each) => each.message);
    const find = (pattern: RegExp) => lines.find((line) => pattern.test(line));
    assert.ok(
      find(
        /api-error-contracts\.json: specs \(discovered\); catalogs saleslayer-dam, contracts\/billing\.json; apis IMAGES → openapi\/images\.yaml$/,
      ),
      lines.join('\n'),
    );
    assert.ok(
      find(
        /^contracts\/billing\.json: catalog billing \(Billing\), 1 operations, 1 API-wide statuses, 0 error codes, parsed in \d+ ms$/,
      ),
      lines.join('\n'),
    );
    assert.ok(find(/^openapi\/images\.yaml: 1 operations, \d+ documented error responses/));
    assert.ok(
      find(
        /^API image-store \(Image Store\) from file:.*\/openapi\/images\.yaml: 1 operations, hosts images\.example\.com$/,
      ),
      lines.join('\n'),
    );
    assert.ok(
      find(/^API billing \(Billing\) from file:.*\/contracts\/billing\.json: 1 operations/),
    );
    assert.ok(find(/^built-in catalogs for calls no API claims: saleslayer-dam$/));
    const broken = logs.find((each) => /images\.yaml:16:\d+: .*errors\.yaml/.test(each.message));
    assert.ok(broken, lines.join('\n'));
    assert.equal(broken.type, 1, 'an unresolved $ref is logged as an error');
    // Timings and counts stay info.
    assert.equal(
      logs.find((each) => /^openapi\/images\.yaml: 1 operations/.test(each.message))?.type,
      3,
    );
  });

  it("goes from the call's URL to the DELETE operation in the spec", async () => {
    await waitFor(() => statuses.find((each) => each.state === 'ready'), 10_000);
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: uriOf('src/client.ts'),
        languageId: 'typescript',
        version: 1,
        text: client,
      },
    });
    const links = await definition<LocationLink[]>('src/client.ts', 1, 40);
    assert.ok(links && links.length === 1, JSON.stringify(links));
    assert.equal(links[0]!.targetUri, uriOf('openapi/images.yaml'));
    // Line 9 of the spec is `    delete:`.
    assert.deepEqual(links[0]!.targetSelectionRange, {
      start: { line: 8, character: 4 },
      end: { line: 8, character: 10 },
    });
    assert.equal(links[0]!.originSelectionRange?.start.line, 1);
  });

  it('goes from a catalogs value of the config to the catalog file', async () => {
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: uriOf('api-error-contracts.json'),
        languageId: 'jsonc',
        version: 1,
        text: config,
      },
    });
    const links = await definition<LocationLink[]>('api-error-contracts.json', 1, 40);
    assert.deepEqual(
      links?.map((each) => each.targetUri),
      [uriOf('contracts/billing.json')],
    );
  });
});

describe('definition for a client without link support', () => {
  it('answers plain locations', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'aec-navigation-'));
    writeFileSync(path.join(folder, 'images.yaml'), spec);
    const session = await startLspSession({ rootUri: pathToFileURL(folder).href });
    try {
      const uri = pathToFileURL(path.join(folder, 'client.ts')).href;
      await session.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'typescript', version: 1, text: client },
      });
      await waitFor(() => session.logs.find((line) => /loaded 1 OpenAPI document/.test(line)));
      const locations = await session.connection.sendRequest<Location[] | null>(
        'textDocument/definition',
        { textDocument: { uri }, position: { line: 1, character: 40 } },
      );
      assert.deepEqual(locations, [
        {
          uri: pathToFileURL(path.join(folder, 'images.yaml')).href,
          range: { start: { line: 8, character: 4 }, end: { line: 8, character: 10 } },
        },
      ]);
    } finally {
      await session.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
