import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  MarkupContent,
} from 'vscode-languageserver-protocol';
import { startLspSession, waitFor, type LspSession } from '../helpers/lspClient';

const capabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown'] },
  },
  workspace: {
    configuration: true,
    didChangeWatchedFiles: { dynamicRegistration: false },
    diagnostics: { refreshSupport: true },
  },
};

const spec = (extraStatuses: string) => `openapi: 3.0.3
info:
  title: Image Store
  version: "1.0"
servers:
  - url: https://images.example.com/v1
paths:
  /images/{id}:
    delete:
      operationId: deleteImage
      responses:
        "204":
          description: The image was deleted.
        "404":
          description: No image has this id.
        "409":
          description: The image is still being processed; retry once processing has finished.
          headers:
            Retry-After:
              schema: { type: integer }
${extraStatuses}`;

const goneStatus = `        "410":
          description: The image was deleted earlier and its id is retired.
`;

describe('workspace specs and config over LSP', () => {
  let folder: string;
  let session: LspSession;
  const uriOf = (relative: string) => pathToFileURL(path.join(folder, relative)).href;
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
  };
  const open = (relative: string, languageId: string, text: string) =>
    session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uriOf(relative), languageId, version: 1, text },
    });
  const diagnostics = async (relative: string): Promise<Diagnostic[]> => {
    const report = await session.connection.sendRequest<DocumentDiagnosticReport>(
      'textDocument/diagnostic',
      { textDocument: { uri: uriOf(relative) } },
    );
    return report.kind === 'full' ? report.items : [];
  };
  const hoverText = async (relative: string, line: number, character: number): Promise<string> => {
    const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: uriOf(relative) },
      position: { line, character },
    });
    return hover ? (hover.contents as MarkupContent).value : '';
  };
  const changed = (...relatives: string[]) =>
    session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: relatives.map((relative) => ({ uri: uriOf(relative), type: 2 })),
    });
  /** Polls the server until `probe` holds: the server re-indexes in the background after a change. */
  const eventually = <T>(probe: () => Promise<T | undefined>): Promise<T> => {
    let latest: T | undefined;
    let running = false;
    return waitFor(() => {
      if (!running) {
        running = true;
        void probe().then((value) => {
          latest = value;
          running = false;
        });
      }
      return latest;
    }, 10_000);
  };

  const gone =
    '{\n  "type": "about:blank",\n  "title": "Gone",\n  "status": 410,\n  "instance": "/images/42"\n}\n';
  const busy =
    '{\n  "type": "about:blank",\n  "title": "Conflict",\n  "status": 409,\n  "instance": "/images/42"\n}\n';

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'aec-workspace-'));
    write('openapi/images.yaml', spec(''));
    write(
      'api-error-contracts.json',
      '{\n  // Error fixtures of the image store.\n  "payloads": { "fixtures/**": "image-store" },\n}\n',
    );
    write('fixtures/gone.json', gone);
    write('fixtures/busy.json', busy);
    session = await startLspSession({ capabilities, rootUri: pathToFileURL(folder).href });
  });
  after(async () => {
    await session.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('loads the spec at start-up and logs it', async () => {
    await waitFor(() =>
      session.logs.find((line) => /loaded 1 OpenAPI document and 0 catalog files/.test(line)),
    );
  });

  it("a payload mapped by the config to the spec gets the spec's description on hover", async () => {
    await open('fixtures/busy.json', 'json', busy);
    const text = await eventually(async () => {
      const value = await hoverText('fixtures/busy.json', 3, 13);
      return value.includes('Image Store') ? value : undefined;
    });
    assert.match(text, /still being processed/);
  });

  it('changing the spec on disk updates the diagnostic of an open document', async () => {
    await open('fixtures/gone.json', 'json', gone);
    const before = await eventually(async () =>
      (await diagnostics('fixtures/gone.json')).find((each) => each.code === 'undocumented-status'),
    );
    assert.match(
      String(before.message),
      /Image Store does not document 410 Gone for `DELETE \/images\/\{id\}`/,
    );

    write('openapi/images.yaml', spec(goneStatus));
    await changed('openapi/images.yaml');
    await eventually(async () =>
      (await diagnostics('fixtures/gone.json')).some((each) => each.code === 'undocumented-status')
        ? undefined
        : true,
    );
    assert.match(await hoverText('fixtures/gone.json', 3, 13), /its id is retired/);
  });

  it('a $ref that does not resolve is a diagnostic at the $ref, cleared once fixed; the last good contract stays', async () => {
    write(
      'openapi/images.yaml',
      spec(`        "500":\n          $ref: "./shared/errors.yaml#/ServerError"\n`),
    );
    await changed('openapi/images.yaml');
    const text = spec(`        "500":\n          $ref: "./shared/errors.yaml#/ServerError"\n`);
    await open('openapi/images.yaml', 'yaml', text);
    const problem = await eventually(async () =>
      (await diagnostics('openapi/images.yaml')).find((each) => each.code === 'unresolved-ref'),
    );
    const line = text.split('\n').findIndex((each) => each.includes('$ref'));
    assert.equal(problem.range.start.line, line);
    assert.match(String(problem.message), /errors\.yaml does not exist/);

    write('openapi/shared/errors.yaml', 'ServerError:\n  description: The store failed.\n');
    await changed('openapi/shared/errors.yaml');
    await eventually(async () =>
      (await diagnostics('openapi/images.yaml')).length === 0 ? true : undefined,
    );
  });

  it('an unknown config key is a diagnostic at the key; the rest of the config keeps working', async () => {
    const config =
      '{\n  "payloads": { "fixtures/**": "image-store" },\n  "spec": ["openapi/*.yaml"]\n}\n';
    write('api-error-contracts.json', config);
    await changed('api-error-contracts.json');
    await open('api-error-contracts.json', 'jsonc', config);
    const problem = (await diagnostics('api-error-contracts.json')).find(
      (each) => each.code === 'config-unknown-key',
    );
    assert.ok(problem);
    assert.deepEqual(problem.range, {
      start: { line: 2, character: 2 },
      end: { line: 2, character: 8 },
    });
    assert.match(
      await eventually(async () => {
        const value = await hoverText('fixtures/busy.json', 3, 13);
        return value.includes('Image Store') ? value : undefined;
      }),
      /still being processed/,
    );
  });

  it("a TS call to an operation of the spec gets unhandled-status for a documented status it does not handle, and a hover with the spec's description", async () => {
    const client =
      'export async function remove(id: string) {\n  const res = await fetch(`https://images.example.com/v1/images/${id}`, { method: "DELETE" });\n  if (res.status === 404) return;\n  if (!res.ok) throw new Error(String(res.status));\n}\n';
    write('src/client.ts', client);
    await open('src/client.ts', 'typescript', client);
    const found = await eventually(async () =>
      (await diagnostics('src/client.ts')).find((each) => each.code === 'unhandled-status'),
    );
    assert.match(String(found.message), /409/);
    assert.match(String(found.message), /DELETE \/images\/\{id\}/);
    // The status the call does handle explains itself with the spec's description.
    const line = client.split('\n').findIndex((each) => each.includes('=== 404'));
    assert.match(
      await hoverText('src/client.ts', line, client.split('\n')[line]!.indexOf('404') + 1),
      /No image has this id/,
    );
  });
});
