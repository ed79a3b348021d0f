import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';

/** The built server, as users run it. */
export const serverPath = path.resolve(__dirname, '../../dist/server.js');

/** A JSON-RPC client talking to `node dist/server.js --stdio`. */
export interface LspSession {
  connection: MessageConnection;
  process: ChildProcess;
  initializeResult: InitializeResult;
  /** Log lines (window/logMessage) the server sent. */
  logs: string[];
  /** Diagnostics pushed by the server, by URI. */
  pushed: Map<string, unknown[]>;
  /** Shuts the server down and waits for the process to exit. */
  close(): Promise<void>;
}

/** Starts the server and completes the initialize handshake. */
export async function startLspSession(
  options: {
    capabilities?: object;
    rootUri?: string | null;
    settings?: object;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<LspSession> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], {
    env: { ...process.env, API_ERROR_CONTRACTS_DEBUG: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const logs: string[] = [];
  const pushed = new Map<string, unknown[]>();
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    logs.push(params.message);
  });
  connection.onNotification(
    'textDocument/publishDiagnostics',
    (params: { uri: string; diagnostics: unknown[] }) => {
      pushed.set(params.uri, params.diagnostics);
    },
  );
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => options.settings ?? {}),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    capabilities: options.capabilities ?? {},
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    initializeResult,
    logs,
    pushed,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        child.kill();
      }
      await exited;
      connection.dispose();
    },
  };
}

/** Polls `condition` every 20 ms until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(condition: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
