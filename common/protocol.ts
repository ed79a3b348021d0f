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
