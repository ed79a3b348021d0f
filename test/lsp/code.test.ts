import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  Diagnostic,
  FullDocumentDiagnosticReport,
  Hover,
  MarkupContent,
} from 'vscode-languageserver-protocol';
import { startLspSession, type LspSession } from '../helpers/lspClient';

const capabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown'] },
  },
  workspace: { configuration: true },
};

const source = [
  'export async function deleteImage(id: string): Promise<void> {',
  "  const res = await fetch(`https://api2.saleslayer.com/dam/image/${id}`, { method: 'DELETE' });",
  '  if (!res.ok) throw new Error(`delete failed: ${res.status}`);',
  '}',
  '',
].join('\n');

describe('client code over LSP', () => {
  let session: LspSession;
  before(async () => {
    session = await startLspSession({ capabilities });
  });
  after(() => session.close());

  it('reports the DAM 409 on a DELETE /image/{id} guarded only by !res.ok, through textDocument/diagnostic', async () => {
    const uri = 'file:///work/deleteImage.ts';
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: source },
    });
    const report = (await session.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri },
    })) as FullDocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    const conflict = report.items.find(
      (item: Diagnostic) =>
        item.code === 'unhandled-status' && (item.data as { status?: number }).status === 409,
    );
    assert.ok(
      conflict,
      `a 409 diagnostic among ${JSON.stringify(report.items.map((item) => item.message))}`,
    );
    assert.equal(conflict.severity, 2);
    assert.equal(conflict.source, 'api-error-contracts');
    assert.match(
      conflict.message as string,
      /^DELETE \/image\/\{id\} can answer 409 Conflict \(Sales Layer DAM: the image is being processed — retry later\); this call does not handle it/,
    );
    assert.deepEqual(conflict.range, {
      start: { line: 1, character: 20 },
      end: { line: 1, character: 71 },
    });
    assert.deepEqual(
      {
        status: 409,
        method: 'DELETE',
        path: '/image/{id}',
        apiId: 'saleslayer-dam',
        action: 'retry-later',
      },
      Object.fromEntries(
        Object.entries(conflict.data as object).filter(([key]) =>
          ['status', 'method', 'path', 'apiId', 'action'].includes(key),
        ),
      ),
    );
    assert.ok(
      !report.items.some((item) =>
        [400, 401, 404].includes((item.data as { status?: number }).status ?? 0),
      ),
      'no diagnostic for the statuses !res.ok handles',
    );
  });

  it('hovers the URL with the operation contract', async () => {
    const uri = 'file:///work/deleteImageHover.ts';
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: source },
    });
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 60 },
    })) as Hover | null;
    assert.match(
      (hover?.contents as MarkupContent).value,
      /\| 409 Conflict \| retry later \| not handled/,
    );
  });
});
