import {
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
  DocumentDiagnosticReportKind,
  CodeActionKind,
  CodeLensRefreshRequest,
  type DiagnosticServerCancellationData,
  type FullDocumentDiagnosticReport,
  DiagnosticSeverity,
  type Location,
  type LocationLink,
  ErrorCodes,
  ResponseError,
  type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings, type Settings } from '../../common/settings';
import {
  callContractRequest,
  contractsOverviewRequest,
  settingsSection,
  workspaceStatusNotification,
  type CallContract,
  type ContractsOverview,
  type ContractsOverviewParams,
  type WorkspaceStatus,
} from '../../common/protocol';
import { createParsedDocumentCache } from './service/documents/parsedDocumentCache';
import { getLanguageService } from './service/languageService';
import { createWorkspaceContracts, type WorkspaceContracts } from './workspace/workspaceContracts';
import { getWorkspaceContractIndex } from './workspace/workspaceContractIndex';
import { createProjectFiles } from './workspace/projectFiles';
import {
  createWorkspaceFileSystem,
  type WorkspaceFileSystem,
} from './workspace/workspaceFileSystem';
import { fileURLToPath } from 'node:url';
import { runSafe, type Logger } from './runSafe';
import {
  checkCodeActionParams,
  checkCodeLensParams,
  checkDocumentParams,
  checkPositionParams,
  checkUrisParams,
} from './requestParams';
import { readSourceDocuments } from './workspace/sourceDocuments';

/** What the server needs from its host besides the connection. */
export interface ServerOptions {
  /** Registers a request that throws, so tests can prove a failing handler leaves the server answering. */
  enableFaultInjection?: boolean;
}

/** The project's source files, whose changes on disk its importers' analyses depend on. */
const sourceFilePattern = /\.[cm]?[jt]sx?$/i;

/** Declares the server's capabilities on `connection` and wires each request to the language service. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  // The parse of each open document, one per version, shared by every request on it.
  const parsedDocuments = createParsedDocumentCache();
  const service = getLanguageService({ documents: parsedDocuments });
  const logger: Logger = {
    info: (message) => connection.console.info(message),
    error: (message) => connection.console.error(message),
  };
  const settingsCache = new Map<string, Promise<Settings>>();
  let pullDiagnostics = false;
  let configurationRequests = false;
  let workDoneProgress = false;
  let definitionLinks = false;
  let codeLensRefresh = false;
  let codeActionResolve = false;
  // The workspace's specs, catalogs and config; loaded after initialize, re-read on file changes.
  let workspace: WorkspaceContracts | undefined;
  let fileSystem: WorkspaceFileSystem | undefined;
  let workspaceReady: Promise<void> = Promise.resolve();

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    configurationRequests = capabilities.workspace?.configuration === true;
    workDoneProgress = capabilities.window?.workDoneProgress === true;
    definitionLinks = capabilities.textDocument?.definition?.linkSupport === true;
    codeLensRefresh = capabilities.workspace?.codeLens?.refreshSupport === true;
    // A client that resolves an action's edit gets fix all unresolved: computed when picked.
    codeActionResolve =
      capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    logger.info(
      `API Error Contracts server started (diagnostics: ${pullDiagnostics ? 'pull' : 'push'})`,
    );
    const folderUris =
      params.workspaceFolders?.map((folder) => folder.uri) ??
      (params.rootUri ? [params.rootUri] : []);
    const folders = folderUris
      .filter((uri) => uri.startsWith('file:'))
      .map((uri) => fileURLToPath(uri));
    // Every file the server reads, on load and on watched-file changes, goes through this one
    // file system, which reads nothing outside the workspace folders.
    if (folders.length > 0) {
      fileSystem = createWorkspaceFileSystem(folders);
      workspace = createWorkspaceContracts({
        folders,
        fileSystem,
        // A problem's line goes out at its severity, so the output channel shows it as a warning or an error.
        log: (message, severity) => {
          if (severity === DiagnosticSeverity.Error) connection.console.error(message);
          else if (severity === DiagnosticSeverity.Warning) connection.console.warn(message);
          else logger.info(message);
        },
      });
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        codeLensProvider: { resolveProvider: true },
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll],
          resolveProvider: true,
        },
        completionProvider: { triggerCharacters: [':', ' ', '"'], resolveProvider: false },
        diagnosticProvider: pullDiagnostics
          ? { interFileDependencies: true, workspaceDiagnostics: false }
          : undefined,
      },
      serverInfo: { name: 'api-error-contracts' },
    };
  });

  /** The project's modules as open documents show them, and as the disk does for the others. */
  function projectFilesOf(files: WorkspaceFileSystem) {
    return createProjectFiles(files, (uri) => documents.get(uri)?.getText());
  }

  /** Puts the workspace's contracts (before the built-ins, so they win ties) and file problems in force. */
  function applyWorkspace(): void {
    if (!workspace) return;
    const loaded = workspace;
    service.configure({
      contracts: getWorkspaceContractIndex(loaded),
      fileProblems: (uri) => loaded.getProblems(uri),
      catalogUris: loaded.getCatalogUris(),
      ...(fileSystem && { projectFiles: projectFilesOf(fileSystem) }),
      projectConfigOf(uri) {
        const config = loaded.getProjectConfig(uri);
        const open = config && documents.get(config.uri);
        return open ? { uri: open.uri, text: open.getText(), version: open.version } : config;
      },
      specLocator: {
        locate(uri, pointer) {
          const file = loaded.getSpecFile(uri);
          const range = file?.rangeAt(pointer);
          return range && { range, selectionRange: file!.rangeAt(pointer, true) ?? range };
        },
      },
    });
    settingsCache.clear();
    refreshDiagnostics();
  }

  // Loads and reloads run one at a time, in order.
  function updateWorkspace(update: (loaded: WorkspaceContracts) => Promise<boolean>): void {
    const loaded = workspace;
    if (!loaded) return;
    workspaceReady = workspaceReady
      .then(() => update(loaded))
      .then((changed) => {
        if (!changed) return;
        applyWorkspace();
        logContractsInForce(loaded);
        sendStatus('ready');
      })
      .catch((error) => {
        logger.error(
          `loading the workspace's contracts failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        sendStatus('ready');
      });
  }

  connection.onDidChangeWatchedFiles((params) => {
    const uris = params.changes.map((change) => change.uri);
    // A module changed on disk: what its importers see of it is read again.
    if (fileSystem && uris.some((uri) => sourceFilePattern.test(uri))) {
      service.configure({ projectFiles: projectFilesOf(fileSystem) });
      refreshDiagnostics();
    }
    updateWorkspace((loaded) => loaded.filesChanged(uris));
  });

  /** The workspace's contracts as the language status item shows them. */
  function getWorkspaceStatus(state: WorkspaceStatus['state']): WorkspaceStatus {
    const contracts = workspace?.getContracts() ?? [];
    const status: WorkspaceStatus = {
      state,
      specs: contracts.filter((contract) => contract.source.kind === 'openapi').length,
      catalogs:
        contracts.filter((contract) => contract.source.kind === 'catalog').length +
        new Set(workspace?.getFallbackApiIds()).size,
      operations: contracts.reduce((sum, contract) => sum + contract.operations.length, 0),
      errors: 0,
      warnings: 0,
    };
    let worst: DiagnosticSeverity | undefined;
    for (const uri of workspace?.getProblemUris() ?? [])
      for (const problem of workspace!.getProblems(uri)) {
        if (problem.severity === DiagnosticSeverity.Error) status.errors++;
        else if (problem.severity === DiagnosticSeverity.Warning) status.warnings++;
        else continue;
        if (worst === undefined || problem.severity! < worst) {
          worst = problem.severity;
          status.problemUri = uri;
        }
      }
    return status;
  }

  function sendStatus(state: WorkspaceStatus['state']): void {
    void connection.sendNotification(workspaceStatusNotification, getWorkspaceStatus(state));
  }

  /** One log line per API the workspace brings, with where it comes from and what it claims. */
  function logContractsInForce(loaded: WorkspaceContracts): void {
    for (const contract of loaded.getContracts()) {
      const hosts = contract.match.hosts.length > 0 ? contract.match.hosts.join(', ') : 'none';
      logger.info(
        `API ${contract.id} (${contract.name}) from ${contract.source.uri ?? contract.source.kind}: ${contract.operations.length} operations, hosts ${hosts}`,
      );
    }
    const fallback = [...new Set(loaded.getFallbackApiIds())];
    if (fallback.length > 0)
      logger.info(`built-in catalogs for calls no API claims: ${fallback.join(', ')}`);
  }

  connection.onInitialized(() => {
    sendStatus(workspace ? 'loading' : 'ready');
    updateWorkspace(async (loaded) => {
      // A workspace with many specs takes a while: the editor shows it in its status bar.
      const progress = workDoneProgress
        ? await connection.window.createWorkDoneProgress().catch(() => undefined)
        : undefined;
      progress?.begin(
        'API Error Contracts',
        undefined,
        'Loading OpenAPI documents, catalogs and the project config',
      );
      try {
        await loaded.load();
      } finally {
        progress?.done();
      }
      return true;
    });
    if (configurationRequests) {
      void connection.client.register(DidChangeConfigurationNotification.type, {
        section: settingsSection,
      });
    }
  });

  function getSettings(uri: string): Promise<Settings> {
    let settings = settingsCache.get(uri);
    if (!settings) {
      const user = configurationRequests
        ? connection.workspace
            .getConfiguration({ scopeUri: uri, section: settingsSection })
            .then(normalizeSettings, () => normalizeSettings(undefined))
        : Promise.resolve(normalizeSettings(undefined));
      // The project config is the project's truth, over the user's settings; answers wait for the first load.
      settings = Promise.all([user, workspaceReady]).then(
        ([each]) => workspace?.applyConfig(uri, each) ?? each,
      );
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
      logger.error(
        `validation of ${document.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return [];
    }
  }

  function refreshDiagnostics(): void {
    // Code lens titles state the same findings as the diagnostics.
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type);
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
    else documents.all().forEach(schedulePush);
  }

  documents.onDidChangeContent((event) => schedulePush(event.document));
  documents.onDidClose((event) => {
    parsedDocuments.delete(event.document.uri);
    settingsCache.delete(event.document.uri);
    clearTimeout(pending.get(event.document.uri));
    if (!pullDiagnostics)
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const invalid = checkDocumentParams(params);
    // Asking again would get the same answer.
    if (invalid)
      return new ResponseError(invalid.code, invalid.message, { retriggerRequest: false });
    const document = documents.get(params.textDocument.uri);
    const empty: FullDocumentDiagnosticReport = {
      kind: DocumentDiagnosticReportKind.Full,
      items: [],
    };
    if (!document) return empty;
    const settings = await getSettings(document.uri);
    return runSafe<FullDocumentDiagnosticReport, DiagnosticServerCancellationData>(
      logger,
      'diagnostics',
      empty,
      token,
      () => ({
        kind: DocumentDiagnosticReportKind.Full,
        items: service.doValidation(document, settings),
      }),
    );
  });

  connection.onHover(async (params, token) => {
    const invalid = checkPositionParams(params);
    if (invalid) return invalid;
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'hover', null, token, () =>
      service.doHover(document, params.position, settings),
    );
  });

  connection.onCodeAction(async (params, token) => {
    const invalid = checkCodeActionParams(params);
    if (invalid) return invalid;
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'code actions', [], token, () =>
      service.doCodeActions(document, params.range, params.context, settings, {
        resolveFileWide: codeActionResolve,
        token,
      }),
    );
  });

  connection.onCodeActionResolve(async (action, token) => {
    // Sent back by the client, so anything: checked before it is read.
    const sent: unknown = action;
    if (typeof sent !== 'object' || sent === null || !('title' in sent))
      return new ResponseError(ErrorCodes.InvalidParams, 'the action to resolve must be an object');
    const uri = (action.data as { uri?: unknown } | undefined)?.uri;
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document) return action;
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'code action resolve', action, token, () =>
      service.resolveCodeAction(document, action, settings, token),
    );
  });

  connection.onDefinition(async (params, token) => {
    const invalid = checkPositionParams(params);
    if (invalid) return invalid;
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await getSettings(document.uri);
    return runSafe<LocationLink[] | Location[] | null>(logger, 'definition', null, token, () => {
      const links = service.doDefinition(document, params.position, settings);
      return links && !definitionLinks
        ? links.map((each) => ({ uri: each.targetUri, range: each.targetSelectionRange }))
        : links;
    });
  });

  connection.onCompletion(async (params, token) => {
    const invalid = checkPositionParams(params);
    if (invalid) return invalid;
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'completion', null, token, () =>
      service.doComplete(document, params.position, settings),
    );
  });

  connection.onCodeLens(async (params, token) => {
    const invalid = checkDocumentParams(params);
    if (invalid) return invalid;
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'code lens', [], token, () => service.doCodeLenses(document, settings));
  });

  connection.onCodeLensResolve(async (lens, token) => {
    const invalid = checkCodeLensParams(lens);
    if (invalid) return invalid;
    const uri = (lens.data as { uri?: unknown } | undefined)?.uri;
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document) return lens;
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'code lens resolve', lens, token, () =>
      service.resolveCodeLens(document, lens, settings),
    );
  });

  connection.onDocumentLinks(async (params, token) => {
    const invalid = checkDocumentParams(params);
    if (invalid) return invalid;
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await getSettings(document.uri);
    return runSafe(logger, 'document links', [], token, () =>
      service.doDocumentLinks(document, settings),
    );
  });

  connection.onRequest(
    callContractRequest,
    async (
      params: TextDocumentPositionParams,
      token,
    ): Promise<CallContract | null | ResponseError<void>> => {
      const invalid = checkPositionParams(params);
      if (invalid) return invalid;
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await getSettings(document.uri);
      return runSafe(logger, 'call contract', null, token, () =>
        service.getCallContract(document, params.position, settings),
      );
    },
  );

  connection.onRequest(
    contractsOverviewRequest,
    async (
      params: ContractsOverviewParams,
      token,
    ): Promise<ContractsOverview | ResponseError<void>> => {
      const invalid = checkUrisParams(params);
      if (invalid) return invalid;
      await workspaceReady;
      // One settings request, not one per file: the project config still applies per file.
      const user = configurationRequests
        ? await connection.workspace
            .getConfiguration({ scopeUri: params.uris[0], section: settingsSection })
            .then(normalizeSettings, () => normalizeSettings(undefined))
        : normalizeSettings(undefined);
      const files = readSourceDocuments(params.uris, documents, fileSystem).map((document) => ({
        document,
        settings: workspace?.applyConfig(document.uri, user) ?? user,
      }));
      return runSafe(logger, 'contracts overview', { apis: [], files: 0, calls: 0 }, token, () =>
        service.getContractsOverview(files),
      );
    },
  );

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
