/** Names shared by the client and the server. */

/** The language client id; also the prefix of the `trace.server` setting. */
export const clientId = 'apiErrorContracts';
/** The settings section. */
export const settingsSection = 'apiErrorContracts';
/** The diagnostic `source` of every diagnostic. */
export const diagnosticSource = 'api-error-contracts';
/** The languages the server serves. */
export const supportedLanguages = [
  'json',
  'jsonc',
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
];

/** What the workspace has loaded, as the editor's language status item shows it. */
export interface WorkspaceStatus {
  /** `loading` while specs, catalogs and the config are read; `ready` once they are in force. */
  state: 'loading' | 'ready';
  /** OpenAPI documents loaded. */
  specs: number;
  /** Catalogs in force besides the HTTP status registry: the project's catalog files and the built-in ones the config names. */
  catalogs: number;
  /** Operations documented by the specs and catalog files. */
  operations: number;
  /** Problems (error severity) in specs, catalogs and the config. */
  errors: number;
  /** Problems of warning severity in specs, catalogs and the config. */
  warnings: number;
  /** The URI of a file with the worst problem, for a link to it. */
  problemUri?: string;
}

/** The server's notification of a change in {@link WorkspaceStatus}: sent when a load starts and when it ends. */
export const workspaceStatusNotification = 'apiErrorContracts/workspaceStatus';

/** The command a code lens runs: shows the contract of the call at `position` in the document at `uri`. */
export const showContractCommand = 'apiErrorContracts.showContract';

/** What a code lens carries from `textDocument/codeLens` to `codeLens/resolve`. */
export interface CallLensData {
  /** The document the lens belongs to. */
  uri: string;
  /** Offset of the call's start, which finds the call again in the same or a later parse. */
  offset: number;
}

/** The request for the contract of the recognised call at a position (`textDocument`, `position`). */
export const callContractRequest = 'apiErrorContracts/callContract';

/** A call's contract, as the Show Contract command shows it. */
export interface CallContract {
  /** `DELETE /image/{id}`: the operation, or the call's method and path when the API does not document it. */
  operation: string;
  /** The API's display name. */
  apiName: string;
  /** The operation's contract and this call's handling of each status, as markdown (the URL hover's text). */
  markdown: string;
  /** Where a description defines the operation (its key's range), when one does. */
  location?: { uri: string; range: LspRange };
}

/** The request for every API in force with its operations and this workspace's handling of each status. */
export const contractsOverviewRequest = 'apiErrorContracts/contractsOverview';

/** What {@link contractsOverviewRequest} is asked for: the workspace's source files to count calls in. */
export interface ContractsOverviewParams {
  /** URIs of the TS/JS files whose calls are counted (the client lists the workspace's). */
  uris: string[];
}

/** The APIs of the workspace (its specs and catalogs) and those its calls go to. */
export interface ContractsOverview {
  apis: ApiOverview[];
  /** Files whose calls were counted. */
  files: number;
  /** Recognised calls in them that go to a known API. */
  calls: number;
}

/** One API in {@link ContractsOverview}. */
export interface ApiOverview {
  id: string;
  name: string;
  /** `builtin`, `catalog` or `openapi`. */
  kind: string;
  /** The spec or catalog file, for workspace APIs. */
  uri?: string;
  operations: OperationOverview[];
}

/** One documented operation, with the calls the workspace makes to it. */
export interface OperationOverview {
  method: string;
  path: string;
  summary?: string;
  /** Where a description defines the operation. */
  location?: { uri: string; range: LspRange };
  /** Recognised calls of the operation in the workspace's files. */
  calls: number;
  statuses: StatusOverview[];
}

/** One documented error status of an operation and how the workspace's calls treat it. */
export interface StatusOverview {
  /** `409`, `4XX` or `default`. */
  key: string;
  title: string;
  /** The client action (`retry-later`, `fix-request`, …). */
  action: string;
  /** Calls whose handling of it is what the contract asks (retried, tested, a fitting failure branch). */
  handled: number;
  /** Calls that do not handle it (no entry for `4XX`/`default`, which stand for the statuses not listed). */
  notHandled: number;
}

/** An LSP range (zero-based lines and characters), declared here so that the client needs no server types. */
export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
