import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startLspSession, type LspSession } from '../helpers/lspClient';

const pullCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown'] },
  },
  workspace: { configuration: true },
};

function open(session: LspSession, uri: string, languageId: string, text: string): Promise<void> {
  return session.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId, version: 1, text },
  });
}

function hover(
  session: LspSession,
  uri: string,
  line: number,
  character: number,
): Promise<Hover | null> {
  return session.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line, character },
  });
}

describe('language server over stdio', () => {
  let session: LspSession;
  before(async () => {
    session = await startLspSession({ capabilities: pullCapabilities });
  });
  after(() => session.close());

  it('declares hover, pull diagnostics, code actions and completion', () => {
    const capabilities = session.initializeResult.capabilities;
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.diagnosticProvider, 'pull diagnostics declared');
    assert.ok(capabilities.codeActionProvider);
    assert.ok(capabilities.completionProvider);
    assert.equal(session.initializeResult.serverInfo?.name, 'api-error-contracts');
  });

  it('answers a hover on "status": 503 with its registry meaning', async () => {
    const uri = 'file:///work/response.json';
    await open(session, uri, 'json', '{\n  "status": 503\n}');
    const result = await hover(session, uri, 1, 13);
    assert.match((result?.contents as MarkupContent).value, /503 Service Unavailable/);
    assert.deepEqual(result?.range, {
      start: { line: 1, character: 12 },
      end: { line: 1, character: 15 },
    });
  });

  it('keeps answering after a handler throws, and logs the failure', async () => {
    const thrown = await session.connection.sendRequest('apiErrorContracts/debug/throw', {});
    assert.equal(thrown, null);
    assert.ok(
      session.logs.some((line) => line.includes('debug/throw failed: Error: injected fault')),
    );
    const uri = 'file:///work/after-throw.ts';
    await open(session, uri, 'typescript', 'if (res.status === 429) {}');
    const result = await hover(session, uri, 0, 20);
    assert.match((result?.contents as MarkupContent).value, /429 Too Many Requests/);
  });

  it('survives malformed documents: random bytes, unbalanced JSON, a 200k-line TS file', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    const bytes = Array.from({ length: 5 * 1024 * 1024 }, () => String.fromCharCode(random())).join(
      '',
    );
    await open(session, 'file:///work/random.json', 'json', bytes);
    await open(
      session,
      'file:///work/unbalanced.json',
      'json',
      '{ "status": 409, "errors": [ { "code": ',
    );
    const bigTs = Array.from(
      { length: 200_000 },
      (_, i) => `const v${i} = await fetch(\`/x/\${${i}}\`); if (v${i}.status === 404) {`,
    ).join('\n');
    await open(session, 'file:///work/big.ts', 'typescript', bigTs);
    for (const uri of [
      'file:///work/random.json',
      'file:///work/unbalanced.json',
      'file:///work/big.ts',
    ]) {
      const report = await session.connection.sendRequest('textDocument/diagnostic', {
        textDocument: { uri },
      });
      assert.equal((report as { kind: string }).kind, 'full');
    }
    await hover(session, 'file:///work/random.json', 0, 10);
    const result = await hover(session, 'file:///work/unbalanced.json', 0, 13);
    assert.match((result?.contents as MarkupContent).value, /409 Conflict/);
  });
});

describe('language server without pull diagnostics', () => {
  it('declares no diagnostic provider (it pushes instead)', async () => {
    const session = await startLspSession({ capabilities: {} });
    try {
      assert.equal(session.initializeResult.capabilities.diagnosticProvider, undefined);
    } finally {
      await session.close();
    }
  });
});
