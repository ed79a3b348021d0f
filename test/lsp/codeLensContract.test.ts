import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeLens, DocumentLink } from 'vscode-languageserver-protocol';
import {
  callContractRequest,
  contractsOverviewRequest,
  showContractCommand,
  workspaceStatusNotification,
  type CallContract,
  type ContractsOverview,
  type WorkspaceStatus,
} from '../../common/protocol';
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
        "404":
          description: No such image.
        "503":
          description: Down for maintenance; retry after the Retry-After delay.
`;

// Line 1: the DAM call (only !res.ok, so its 409 is not handled); line 6: the spec's call, which
// tests 404 and 503 itself; line 13: a call whose response goes back to the caller.
const client = `export async function removeDamImage(id: string) {
  const res = await fetch(\`https://api2.saleslayer.com/dam/image/\${id}\`, { method: 'DELETE' });
  if (!res.ok) throw new Error(String(res.status));
}

export async function removeImage(id: string) {
  const res = await fetch(\`https://images.example.com/v1/images/\${id}\`, { method: 'DELETE' });
  if (res.status === 404) return;
  if (res.status === 503) throw new Error('retry later');
  if (!res.ok) throw new Error(String(res.status));
}

export function rawDelete(id: string) {
  return fetch(\`https://images.example.com/v1/images/\${id}\`, { method: 'DELETE' });
}
`;

const catalog = JSON.stringify(
  {
    id: 'billing',
    name: 'Billing',
    docs: 'https://billing.example.com/docs/errors',
    match: { hosts: ['billing.example.com'], pathPrefixes: [], problemTypePrefixes: [] },
    statuses: {
      '402': {
        title: 'Payment Required',
        meaning: 'The card was declined.',
        action: 'fix-request',
        docs: 'https://billing.example.com/docs/errors#402',
      },
    },
    operations: [],
  },
  null,
  2,
);

describe('code lens, contract request and document links over LSP', () => {
  let folder: string;
  let session: LspSession;
  let settings: object = {};
  const statuses: WorkspaceStatus[] = [];
  const uriOf = (relative: string) => pathToFileURL(path.join(folder, relative)).href;
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
  };
  const open = (relative: string, languageId: string, text: string) =>
    session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uriOf(relative), languageId, version: 1, text },
    });
  const lenses = () =>
    session.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', {
      textDocument: { uri: uriOf('src/client.ts') },
    });
  const resolved = async () =>
    Promise.all(
      ((await lenses()) ?? []).map((lens) =>
        session.connection.sendRequest<CodeLens>('codeLens/resolve', lens),
      ),
    );

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'aec-codelens-'));
    write('openapi/images.yaml', spec);
    write('error-catalogs/billing.json', catalog);
    write('api-error-contracts.json', '{ "catalogs": ["error-catalogs/billing.json"] }\n');
    write('src/client.ts', client);
    session = await startLspSession({
      capabilities: { workspace: { configuration: true } },
      rootUri: pathToFileURL(folder).href,
    });
    // Settings are read per request, so a test can turn the code lens off.
    session.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => settings),
    );
    session.connection.onNotification(workspaceStatusNotification, (status: WorkspaceStatus) => {
      statuses.push(status);
    });
    await waitFor(() => statuses.find((each) => each.state === 'ready'), 10_000);
    await open('src/client.ts', 'typescript', client);
  });
  after(async () => {
    await session.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('declares code lenses with resolve, and document links', () => {
    const capabilities = session.initializeResult.capabilities;
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: true });
    assert.ok(capabilities.documentLinkProvider);
  });

  it('answers code lenses without titles, one above each recognised call', async () => {
    const found = (await lenses()) ?? [];
    assert.deepEqual(
      found.map((lens) => [lens.range.start.line, lens.command]),
      [
        [1, undefined],
        [6, undefined],
        [13, undefined],
      ],
    );
  });

  it('resolves each title to the operation, its API, its documented statuses and what the call leaves unhandled', async () => {
    const titles = (await resolved()).map((lens) => lens.command?.title);
    // The DAM documents 409 (retry later) and 500 (back off) for the DELETE: a generic failure branch retries neither.
    assert.deepEqual(titles, [
      'DELETE /image/{id} · Sales Layer DAM · 5 documented · 409, 500 not handled',
      'DELETE /images/{id} · Image Store · 2 documented · all handled',
      'DELETE /images/{id} · Image Store · 2 documented · response handed to the caller',
    ]);
  });

  it("runs Show Contract with the call's document and position", async () => {
    const [lens] = await resolved();
    assert.equal(lens?.command?.command, showContractCommand);
    assert.deepEqual(lens?.command?.arguments, [
      uriOf('src/client.ts'),
      { line: 1, character: 20 },
    ]);
  });

  it('leaves the code lens out when apiErrorContracts.codeLens.enable is off', async () => {
    settings = { codeLens: { enable: false } };
    await session.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: {},
    });
    try {
      assert.deepEqual(await lenses(), []);
    } finally {
      settings = {};
      await session.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: {},
      });
    }
    assert.equal((await lenses())?.length, 3);
  });

  it("answers the contract of a built-in catalog's call as markdown, with this call's handling", async () => {
    const contract = await session.connection.sendRequest<CallContract | null>(
      callContractRequest,
      { textDocument: { uri: uriOf('src/client.ts') }, position: { line: 1, character: 30 } },
    );
    assert.ok(contract);
    assert.equal(contract.operation, 'DELETE /image/{id}');
    assert.equal(contract.apiName, 'Sales Layer DAM');
    assert.equal(contract.location, undefined);
    assert.match(contract.markdown, /\| 409 Conflict \| Retry later[^|]*\| not handled/i);
  });

  it("answers the location of a spec's operation", async () => {
    const contract = await session.connection.sendRequest<CallContract | null>(
      callContractRequest,
      { textDocument: { uri: uriOf('src/client.ts') }, position: { line: 6, character: 30 } },
    );
    assert.equal(contract?.location?.uri, uriOf('openapi/images.yaml'));
    // Line 9 of the spec is `    delete:`.
    assert.deepEqual(contract?.location?.range.start, { line: 8, character: 4 });
    assert.match(contract?.markdown ?? '', /\| 503 /);
  });

  it('answers null away from a call', async () => {
    const contract = await session.connection.sendRequest<CallContract | null>(
      callContractRequest,
      { textDocument: { uri: uriOf('src/client.ts') }, position: { line: 4, character: 0 } },
    );
    assert.equal(contract, null);
  });

  it("counts, per documented status, the workspace's calls that handle it and those that do not", async () => {
    const overview = await session.connection.sendRequest<ContractsOverview>(
      contractsOverviewRequest,
      { uris: [uriOf('src/client.ts'), uriOf('src/missing.ts'), uriOf('openapi/images.yaml')] },
    );
    assert.equal(overview.files, 1);
    assert.equal(overview.calls, 3);
    const byName = new Map(overview.apis.map((api) => [api.name, api]));
    // The workspace's own APIs, and the built-in one its calls go to; no other built-in.
    assert.deepEqual([...byName.keys()].sort(), ['Billing', 'Image Store', 'Sales Layer DAM']);
    const images = byName.get('Image Store')!.operations[0]!;
    assert.equal(images.calls, 2);
    assert.deepEqual(images.location?.range.start, { line: 8, character: 4 });
    // The call that returns its response is its caller's to handle: counted for neither.
    assert.deepEqual(
      images.statuses.map((each) => [each.key, each.handled, each.notHandled]),
      [
        ['404', 1, 0],
        ['503', 1, 0],
      ],
    );
    const dam = byName
      .get('Sales Layer DAM')!
      .operations.find((each) => each.method === 'DELETE' && each.path === '/image/{id}')!;
    assert.equal(dam.calls, 1);
    const conflict = dam.statuses.find((each) => each.key === '409');
    assert.deepEqual(
      { handled: conflict?.handled, notHandled: conflict?.notHandled },
      { handled: 0, notHandled: 1 },
    );
  });

  it("links a catalog file's docs URLs", async () => {
    await open('error-catalogs/billing.json', 'json', catalog);
    const links = await session.connection.sendRequest<DocumentLink[] | null>(
      'textDocument/documentLink',
      { textDocument: { uri: uriOf('error-catalogs/billing.json') } },
    );
    assert.deepEqual(
      links?.map((link) => link.target),
      ['https://billing.example.com/docs/errors', 'https://billing.example.com/docs/errors#402'],
    );
    const line = catalog.split('\n').findIndex((each) => each.includes('"docs"'));
    assert.deepEqual(links?.[0]?.range, {
      start: { line, character: 11 },
      end: { line, character: 11 + 'https://billing.example.com/docs/errors'.length },
    });
  });
});
