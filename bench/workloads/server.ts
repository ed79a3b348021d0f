import { spawnSync } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover } from 'vscode-languageserver-protocol';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';
import { serverPath, startLspSession, type LspSession } from '../../test/helpers/lspClient';
import type { Workload } from '../workload';

const hoverDocument = TextDocument.create(
  'file:///bench/response.json',
  'json',
  1,
  '{\n  "title": "Service Unavailable",\n  "status": 503\n}',
);

export const workloads: Workload[] = [
  {
    name: 'node start-up (baseline: an empty script)',
    iterations: 10,
    run: () => spawnSync(process.execPath, ['-e', '0']),
  },
  {
    name: 'server start-up to initialize answer',
    baseline: 'node start-up (baseline: an empty script)',
    iterations: 10,
    run: async () => {
      const session = await startLspSession();
      await session.close();
    },
  },
  {
    name: 'server bundle load (require dist/server.js, no connection)',
    baseline: 'node start-up (baseline: an empty script)',
    iterations: 10,
    // Exits once the module is loaded: createConnection fails without a transport argument.
    run: () =>
      spawnSync(process.execPath, [
        '-e',
        `try { require(${JSON.stringify(serverPath)}) } catch {}`,
      ]),
  },
  {
    name: 'service: status hover in JSON',
    iterations: 200,
    setup: () => getLanguageService(),
    run: (service: ReturnType<typeof getLanguageService>) =>
      service.doHover(hoverDocument, { line: 2, character: 13 }, defaultSettings),
  },
  {
    name: 'LSP: status hover round trip',
    baseline: 'service: status hover in JSON',
    iterations: 100,
    setup: async () => {
      const session = await startLspSession();
      await session.connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: hoverDocument.uri,
          languageId: 'json',
          version: 1,
          text: hoverDocument.getText(),
        },
      });
      return session;
    },
    run: (session: LspSession) =>
      session.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri: hoverDocument.uri },
        position: { line: 2, character: 13 },
      }),
    teardown: (session: LspSession) => session.close(),
  },
];
