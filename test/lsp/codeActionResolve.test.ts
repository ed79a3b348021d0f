import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { startLspSession, waitFor, type LspSession } from '../helpers/lspClient';

// Fix all over real LSP: a client that resolves an action's edit (VS Code) gets "Handle every
// documented status in this file" without its edits, computed by codeAction/resolve when picked;
// a client that does not gets them at once. A request the client cancels is answered
// RequestCancelled.

const fn = (i: number) =>
  `export async function del${i}(id: string) {\n  const r = await fetch(\`https://api2.saleslayer.com/dam/image/\${id}\`, { method: 'DELETE' });\n  if (!r.ok) throw new Error();\n}\n`;
const text = Array.from({ length: 3 }, (_, i) => fn(i)).join('');
const fixAllTitle = 'Handle every documented status in this file';

async function open(session: LspSession, uri: string): Promise<Diagnostic[]> {
  await session.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'typescript', version: 1, text },
  });
  return (await waitFor(
    () => (session.pushed.get(uri)?.length ? session.pushed.get(uri) : undefined),
    10_000,
  )) as Diagnostic[];
}

function codeActions(
  session: LspSession,
  uri: string,
  diagnostics: Diagnostic[],
  token?: CancellationTokenSource,
): Promise<CodeAction[]> {
  const params = {
    textDocument: { uri },
    range: diagnostics[0]!.range,
    context: { diagnostics },
  };
  return token
    ? session.connection.sendRequest('textDocument/codeAction', params, token.token)
    : session.connection.sendRequest('textDocument/codeAction', params);
}

describe('fix all, resolved when picked', () => {
  let session: LspSession;
  const uri = 'file:///work/resolve.ts';
  before(async () => {
    session = await startLspSession({
      capabilities: {
        textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } },
      },
    });
  });
  after(() => session.close());

  it('declares a resolve provider', () => {
    const provider = session.initializeResult.capabilities.codeActionProvider;
    assert.ok(typeof provider === 'object' && provider.resolveProvider === true);
  });

  it('answers Ctrl+. with fix all unresolved, and codeAction/resolve gives its edits', async () => {
    const diagnostics = await open(session, uri);
    const actions = await codeActions(session, uri, [diagnostics[0]!]);
    const fixAll = actions.find((action) => action.title === fixAllTitle);
    assert.ok(fixAll, actions.map((action) => action.title).join(' | '));
    assert.equal(fixAll.edit, undefined, 'no edits yet');
    // The per-call fixes keep their edits: they are cheap and the menu previews them.
    assert.ok(actions.filter((action) => action !== fixAll).every((action) => action.edit));
    const resolved: CodeAction = await session.connection.sendRequest('codeAction/resolve', fixAll);
    const edits = resolved.edit?.changes?.[uri] ?? [];
    assert.ok(
      edits.filter((edit) => edit.newText.includes('if (r.status === 409)')).length === 3,
      JSON.stringify(edits),
    );
  });

  it('leaves an action whose data is forged as it came', async () => {
    const forged = { title: fixAllTitle, data: { resolve: 'api-error-contracts.fix-all', uri: 7 } };
    assert.deepEqual(await session.connection.sendRequest('codeAction/resolve', forged), forged);
    const other = {
      title: fixAllTitle,
      data: { resolve: 'something-else', uri },
    };
    assert.deepEqual(await session.connection.sendRequest('codeAction/resolve', other), other);
  });

  it('answers InvalidParams for something that is no code action', async () => {
    for (const sent of [null, 7, 'fix', { data: { uri } }]) {
      const code = await session.connection.sendRequest('codeAction/resolve', sent).then(
        () => undefined,
        (error: { code: number }) => error.code,
      );
      assert.equal(code, -32602, JSON.stringify(sent));
    }
    assert.ok(!session.logs.some((line) => /resolve failed/.test(line)), session.logs.join('\n'));
  });
});

describe('fix all for a client that does not resolve', () => {
  let session: LspSession;
  const uri = 'file:///work/eager.ts';
  before(async () => {
    session = await startLspSession({ capabilities: {} });
  });
  after(() => session.close());

  it('comes with its edits', async () => {
    const diagnostics = await open(session, uri);
    const actions = await codeActions(session, uri, [diagnostics[0]!]);
    const fixAll = actions.find((action) => action.title === fixAllTitle);
    assert.ok(fixAll?.edit?.changes?.[uri]?.length, JSON.stringify(fixAll));
  });
});

describe('a cancelled request', () => {
  let session: LspSession;
  before(async () => {
    session = await startLspSession({ capabilities: { workspace: { configuration: true } } });
  });
  after(() => session.close());

  it('is answered RequestCancelled (-32800)', async () => {
    const diagnostics = await open(session, 'file:///work/first.ts');
    // The next document's settings are held until the request on it is cancelled.
    let release: () => void = () => {};
    const asked = new Promise<void>((resolve) => {
      session.connection.onRequest(
        'workspace/configuration',
        async (params: { items: unknown[] }) => {
          resolve();
          await new Promise<void>((done) => (release = done));
          return params.items.map(() => ({}));
        },
      );
    });
    const uri = 'file:///work/cancelled.ts';
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text },
    });
    await asked;
    const source = new CancellationTokenSource();
    const answer = codeActions(session, uri, diagnostics, source).then(
      () => undefined,
      (error: { code: number }) => error.code,
    );
    // One stream, in order: the cancellation reaches the server before the settings do.
    source.cancel();
    release();
    assert.equal(await answer, -32800);
  });
});
