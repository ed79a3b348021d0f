import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover } from 'vscode-languageserver-protocol';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';
import { serverPath, startLspSession, type LspSession } from '../../test/helpers/lspClient';
import type { Workload } from '../workload';
import { generateProjectModules } from './project';

interface ProjectSession {
  root: string;
  session: LspSession;
  open: { uri: string; text: string; version: number }[];
  /** RSS after initialize and after the overview indexed every file, in MB. */
  rss: { initialized: number; indexed: number };
}

/** The server process's resident set now, in MB. */
function rssOf(session: LspSession): number {
  const status = readFileSync(`/proc/${session.process.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

const pullCapabilities = { textDocument: { diagnostic: { dynamicRegistration: false } } };
const openFiles = 50;

/**
 * The server on the 2,000-module project on disk: initialized, every file counted by the contracts
 * overview (what the API Contracts view asks for, so every module is read, analysed and its
 * imports summarised), then 50 feature modules opened and their diagnostics pulled.
 */
async function startProjectSession(): Promise<ProjectSession> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'aec-bench-server-'));
  const uris: string[] = [];
  for (const [relative, text] of generateProjectModules()) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    uris.push(pathToFileURL(file).href);
  }
  const session = await startLspSession({
    rootUri: pathToFileURL(root).href,
    capabilities: pullCapabilities,
  });
  // Any request waits for the workspace load; this one answers once the load is done.
  await session.connection.sendRequest('apiErrorContracts/contractsOverview', { uris: [] });
  const initialized = rssOf(session);
  await session.connection.sendRequest('apiErrorContracts/contractsOverview', { uris });
  const indexed = rssOf(session);
  const open = uris
    .filter((uri) => uri.includes('/features/'))
    .slice(0, openFiles)
    .map((uri) => ({ uri, text: readFileSync(new URL(uri), 'utf8'), version: 1 }));
  for (const file of open) {
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: file.uri, languageId: 'typescript', version: 1, text: file.text },
    });
    await session.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: file.uri },
    });
  }
  return { root, session, open, rss: { initialized, indexed } };
}

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
  {
    // The report's RSS figures are written by the teardown (after the timed runs).
    name: 'server: edit → diagnostics round trip, 2,000-module project indexed, 50 files open',
    iterations: 30,
    setup: startProjectSession,
    run: async (state: ProjectSession) => {
      const file = state.open[0]!;
      file.version++;
      const text = file.version % 2 ? file.text : `${file.text}\n`;
      await state.session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: file.uri, version: file.version },
        contentChanges: [{ text }],
      });
      await state.session.connection.sendRequest('textDocument/diagnostic', {
        textDocument: { uri: file.uri },
      });
    },
    teardown: async (state: ProjectSession) => {
      process.stderr.write(
        `  server RSS: ${state.rss.initialized.toFixed(0)} MB initialized, ${state.rss.indexed.toFixed(0)} MB with all 2,000 modules in the overview, ${rssOf(state.session).toFixed(0)} MB with ${openFiles} files open and validated\n`,
      );
      await state.session.close();
      rmSync(state.root, { recursive: true, force: true });
    },
  },
];
