import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { serverPath, startLspSession, type LspSession } from '../helpers/lspClient';

const capabilities = {
  textDocument: { diagnostic: { dynamicRegistration: false } },
  workspace: { configuration: true },
};
const uri = 'file:///work/del.ts';
const call = `export async function del(id: string) {\n  const r = await fetch(\`https://api2.saleslayer.com/dam/image/\${id}\`, { method: 'DELETE' });\n  if (!r.ok) throw new Error();\n}\n`;

/** The error a request is answered with, or undefined when it is answered with a result. */
async function errorOf(
  promise: Promise<unknown>,
): Promise<{ code: number; message: string } | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error as { code: number; message: string };
  }
}

describe('malformed request params over stdio', () => {
  let session: LspSession;
  before(async () => {
    session = await startLspSession({ capabilities });
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: call },
    });
  });
  after(() => session.close());

  const cases: [string, string, object, RegExp][] = [
    ['hover without a position', 'textDocument/hover', { textDocument: { uri } }, /position/],
    [
      'hover at a negative line',
      'textDocument/hover',
      { textDocument: { uri }, position: { line: -1, character: 0 } },
      /position\.line/,
    ],
    [
      'completion without a document',
      'textDocument/completion',
      { position: { line: 0, character: 0 } },
      /textDocument/,
    ],
    [
      'code actions with context.diagnostics null',
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        context: { diagnostics: null },
      },
      /context\.diagnostics/,
    ],
    [
      'code actions with a diagnostic without a range',
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        context: { diagnostics: [{ message: 'x' }] },
      },
      /diagnostics\[0\]\.range/,
    ],
    [
      'definition at a position that is a string',
      'textDocument/definition',
      { textDocument: { uri }, position: 'start' },
      /position/,
    ],
    ['pull diagnostics without a document', 'textDocument/diagnostic', {}, /textDocument/],
  ];
  for (const [name, method, params, message] of cases) {
    it(`answers ${name} with InvalidParams and logs no error`, async () => {
      const logged = session.logs.length;
      const error = await errorOf(session.connection.sendRequest(method, params));
      assert.equal(error?.code, -32602, JSON.stringify(error));
      assert.match(error.message, message);
      assert.deepEqual(
        session.logs.slice(logged).filter((line) => /failed|uncaught|\n\s+at /.test(line)),
        [],
      );
    });
  }

  it('still answers well-formed requests afterwards', async () => {
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 50 },
    })) as { contents: MarkupContent } | null;
    assert.match(hover?.contents.value ?? '', /DELETE/);
  });
});

describe('a deeply nested TS file over stdio', () => {
  let session: LspSession;
  before(async () => {
    session = await startLspSession({ capabilities });
  });
  after(() => session.close());

  it('gets document-too-deep and its call checked, with nothing logged as failed', async () => {
    const deepUri = 'file:///work/deep.ts';
    const text = `${call}const x = ${Array(2600).fill('a').join('+')};\nconst f = ${'() => '.repeat(1100)}1;\n`;
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: deepUri, languageId: 'typescript', version: 1, text },
    });
    const report = (await session.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: deepUri },
    })) as { items: { code: string }[] };
    const codes = report.items.map((item) => item.code);
    assert.equal(codes.filter((code) => code === 'document-too-deep').length, 1, codes.join());
    assert.equal(codes.filter((code) => code === 'unhandled-status').length, 2, codes.join());
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: deepUri },
      position: { line: 1, character: 50 },
    })) as { contents: MarkupContent } | null;
    assert.match(hover?.contents.value ?? '', /DELETE/);
    assert.deepEqual(
      session.logs.filter((line) => /failed|Maximum call stack/.test(line)),
      [],
    );
  });
});

/**
 * Starts the server over stdio, writes `input` and resolves with its exit code, or with 'alive'
 * once its output matches `answered` (or after `waitMs`).
 */
function runRaw(
  input: string,
  waitMs: number,
  answered?: RegExp,
): Promise<{ exit: number | 'alive'; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    const alive = () => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.kill();
      resolve({ exit: 'alive', stdout, stderr });
    };
    const timer = setTimeout(alive, waitMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (answered?.test(stdout)) alive();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ exit: code ?? 1, stdout, stderr });
    });
    child.stdin.write(input);
  });
}

function frame(message: object): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('framing errors on stdin', () => {
  const initialize = frame({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { processId: null, rootUri: null, capabilities: {} },
  });

  it('a frame without Content-Length makes the server exit non-zero, so the client restarts it', async () => {
    const result = await runRaw(`${initialize}Content-Type: application/json\r\n\r\n{}`, 20_000);
    assert.notEqual(result.exit, 'alive');
    assert.notEqual(result.exit, 0);
    assert.match(result.stderr, /framing error/);
  });

  it('a well-framed body that is not JSON loses that message only', async () => {
    const bad = 'Content-Length: 5\r\n\r\n{{{{{';
    const result = await runRaw(`${bad}${initialize}`, 20_000, /"id":1,"result"/);
    assert.equal(result.exit, 'alive');
    assert.match(result.stdout, /"id":1,"result":\{"capabilities"/);
  });
});
