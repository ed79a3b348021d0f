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
