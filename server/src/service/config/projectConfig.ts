import type { WrapperSetting } from '../../../../common/settings';

/** The project config file, `api-error-contracts.json` at a workspace folder's root (JSON with comments). */
export const projectConfigFileName = 'api-error-contracts.json';

/** A rule's severity in the config; `off` turns the rule off. */
export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The rule severities the config accepts. */
export const ruleSeverities: readonly RuleSeverity[] = [
  'error',
  'warning',
  'information',
  'hint',
  'off',
];

/**
 * What a project says about its APIs. Every member is optional in the file; a parsed config
 * holds only what was present and valid. `schemas/config.schema.json` describes the same shape.
 */
export interface ProjectConfig {
  /** Workspace-relative globs of the OpenAPI documents that apply. Present: only these; absent: documents are discovered. */
  specs?: string[];
  /**
   * Built-in catalog ids to apply to calls whose host no API claims (a relative URL, an
   * in-house gateway), and workspace-relative paths of the project's own catalog files.
   */
  catalogs?: string[];
  /** A base URL (`https://api.example.com/v2`) or an identifier (`DAM_BASE`, `process.env.DAM_URL`) → the id of the API (or the path of the spec) it belongs to. */
  apis?: Record<string, string>;
  /** Functions of the project that make HTTP calls: a name (`apiRequest`, `api.del`), or the name with the method it sends and the argument holding the URL. */
  wrappers?: WrapperConfig[];
  /** File globs → the API whose error payloads the matching JSON files hold. */
  payloads?: Record<string, string>;
  /** Diagnostic code → severity, or `off`. */
  rules?: Record<string, RuleSeverity>;
  /** Workspace-relative globs of files and folders neither discovered nor checked. */
  ignore?: string[];
}

/**
 * A wrapper entry of the config: the function's name, or the name with what it does, the members
 * of the setting that the settings' normalisation fills in when absent.
 */
export type WrapperConfig =
  string | (Pick<WrapperSetting, 'function'> & Partial<Omit<WrapperSetting, 'function'>>);

/** The keys a config file may have, besides `$schema`. */
export const projectConfigKeys: readonly (keyof ProjectConfig)[] = [
  'specs',
  'catalogs',
  'apis',
  'wrappers',
  'payloads',
  'rules',
  'ignore',
];

/** Whether `uri` names a project config file. */
export function isProjectConfigUri(uri: string): boolean {
  return uri.split(/[?#]/)[0]!.endsWith(`/${projectConfigFileName}`);
}

/** Whether a `catalogs` entry is a path to a catalog file rather than a built-in id. */
export function isCatalogPath(entry: string): boolean {
  return entry.includes('/') || entry.includes('\\') || /\.jsonc?$/i.test(entry);
}
