import {
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
  DocumentDiagnosticReportKind,
  CodeActionKind,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings, type Settings } from '../../common/settings';
import { settingsSection } from '../../common/protocol';
import { getLanguageService } from './service/languageService';
import { runSafe, type Logger } from './runSafe';

/** What the server needs from its host besides the connection. */
export interface ServerOptions {
  /** Registers a request that throws, so tests can prove a failing handler leaves the server answering. */
  enableFaultInjection?: boolean;
}

/** Declares the server's capabilities on `connection` and wires each request to the language service. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const service = getLanguageService();
  const logger: Logger = {
    info: (message) => connection.console.info(message),
    error: (message) => connection.console.error(message),
  };
  const settingsCache = new Map<string, Promise<Settings>>();
  let pullDiagnostics = false;
  let configurationRequests = false;

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    configurationRequests = capabilities.workspace?.configuration === true;
    logger.info(`API Error Contracts server started (diagnostics: ${pullDiagnostics ? 'pull' : 'push'})`);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        completionProvider: { triggerCharacters: [':', ' ', '"'], resolveProvider: false },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: 'api-error-contracts' },
    };
  });

  connection.onInitialized(() => {
    if (configurationRequests) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: settingsSection });
    }
  });

  function getSettings(uri: string): Promise<Settings> {
    if (!configurationRequests) return Promise.resolve(normalizeSettings(undefined));
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: settingsSection })
        .then(normalizeSettings, () => normalizeSettings(undefined));
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    refreshDiagnostics();
  });

  // Push diagnostics, for clients without pull support: debounced per document.
  const pending = new Map<string, NodeJS.Timeout>();
  function schedulePush(document: TextDocument): void {
    if (pullDiagnostics) return;
    clearTimeout(pending.get(document.uri));
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        void validate(document).then((diagnostics) =>
          connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics }),
        );
      }, 200),
    );
  }

  async function validate(document: TextDocument): Promise<Diagnostic[]> {
    const settings = await getSettings(document.uri);
    try {
      return service.doValidation(document, settings);
    } catch (error) {
      logger.error(`validation of ${document.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return [];
    }
  }

  function refreshDiagnostics(): void {
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
    else documents.all().forEach(schedulePush);
  }

  documents.onDidChangeContent((event) => schedulePush(event.document));
  documents.onDidClose((event) => {
    service.forgetDocument(event.document.uri);
    settingsCache.delete(event.document.uri);
    clearTimeout(pending.get(event.document.uri));
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    const empty: FullDocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (!document) return empty;
    const settings = await getSettings(document.uri);
    return runSafe<FullDocumentDiagnosticReport>(logger, 'diagnostics', empty, token, () => ({
      kind: DocumentDiagnosticReportKind.Full,
      items: service.doValidation(document, settings),
    }));
  });

  connection.onHover(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'hover', null, token, () => service.doHover(document, params.position, settings));
  });

  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'code actions', [], token, () =>
      service.doCodeActions(document, params.range, params.context, settings),
    );
  });

  connection.onCompletion(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'completion', null, token, () => service.doComplete(document, params.position, settings));
  });

  if (options.enableFaultInjection) {
    connection.onRequest('apiErrorContracts/debug/throw', (_params, token) =>
      runSafe(logger, 'debug/throw', null, token, () => {
        throw new Error('injected fault');
      }),
    );
  }

  documents.listen(connection);
  connection.listen();
}
