import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseProjectConfig, type ParsedProjectConfig } from '../service/config/parseProjectConfig';
import { compileGlob } from '../service/config/globPattern';
import { projectConfigFileName, type ProjectConfig } from '../service/config/projectConfig';
import type { SpecFile } from '../service/openapi/specFile';
import type { ApiContract } from '../service/contracts/model';
import { isInside, type WorkspaceFileSystem } from './workspaceFileSystem';

/** What the loaders of a workspace share. */
export interface WorkspaceLoadContext {
  fileSystem: WorkspaceFileSystem;
  /** Writes a log line; a problem's line carries its severity, so the log shows it as a warning or an error. */
  log(message: string, severity?: DiagnosticSeverity): void;
  /** Parsed spec files by URI, kept across loads so that a reload reads only what changed. */
  parsedFiles: Map<string, SpecFile>;
}

/** A workspace folder's config and what was loaded from it. */
export interface FolderState {
  path: string;
  /** The folder's URI path (`/home/me/project`), as document URIs spell it. */
  uriPath: string;
  configUri: string;
  /** The config file's text as read; undefined when the folder has none. */
  configText?: string;
  config: ProjectConfig;
  configProblems: Diagnostic[];
  /** Whether the config's `ignore` globs leave out a folder-relative path. */
  isIgnored(relative: string): boolean;
  /** By root URI. */
  specs: Map<string, SpecEntry>;
  /** By URI. */
  catalogs: Map<string, CatalogEntry>;
}

/** A folder whose config has been read and nothing loaded yet. */
export interface FolderConfig {
  state: FolderState;
  /** The config as parsed, for the ranges of problems found later; undefined without a config file. */
  parsed?: ParsedProjectConfig;
}

/**
 * Reads the config of `folder` into a new, empty folder state. No config file means discovery;
 * a config being edited into shape keeps the last one that parsed (`previous`'s).
 */
export async function readFolderConfig(
  context: Pick<WorkspaceLoadContext, 'fileSystem' | 'log'>,
  folder: string,
  previous?: FolderState,
): Promise<FolderConfig> {
  const configUri = pathToFileURL(path.join(folder, projectConfigFileName)).href;
  let config: ProjectConfig = {};
  let configProblems: Diagnostic[] = [];
  let parsed: ParsedProjectConfig | undefined;
  let text: string | undefined;
  try {
    text = await context.fileSystem.readFile(configUri);
  } catch {
    // No config: discovery.
  }
  if (text !== undefined) {
    parsed = parseProjectConfig(text, configUri);
    configProblems = parsed.diagnostics;
    if (parsed.parsed) config = parsed.config;
    else if (previous) {
      config = previous.config;
      context.log(
        `${projectConfigFileName} in ${folder} does not parse; keeping the previous config`,
        DiagnosticSeverity.Warning,
      );
    }
  }
  context.log(describeConfig(folder, text === undefined ? undefined : config));
  const ignoreGlobs = (config.ignore ?? []).map((pattern) => compileGlob(pattern));
  const ignoreMatcher = ignoreGlobs.length
    ? (relative: string) => ignoreGlobs.some((glob) => glob.matches(relative))
    : undefined;
  return {
    state: {
      path: folder,
      uriPath: pathToFileURL(folder).pathname,
      configUri,
      ...(text !== undefined && { configText: text }),
      config,
      configProblems,
      isIgnored: (relative) =>
        ignoreMatcher?.(relative.replace(/\/$/, '')) === true || ignoreMatcher?.(relative) === true,
      specs: new Map(),
      catalogs: new Map(),
    },
    ...(parsed && { parsed }),
  };
}

/** A log line saying what a folder's config asks for, or that there is none. */
function describeConfig(folder: string, config: ProjectConfig | undefined): string {
  if (!config) return `no ${projectConfigFileName} in ${folder}: OpenAPI documents are discovered`;
  const apis = Object.entries(config.apis ?? {}).map(([base, api]) => `${base} → ${api}`);
  const parts = [
    `specs ${config.specs ? config.specs.join(', ') : '(discovered)'}`,
    ...(config.catalogs?.length ? [`catalogs ${config.catalogs.join(', ')}`] : []),
    ...(apis.length ? [`apis ${apis.join(', ')}`] : []),
  ];
  return `${path.join(folder, projectConfigFileName)}: ${parts.join('; ')}`;
}

/** The innermost folder holding `filePath`. */
export function folderOfPath(
  states: Iterable<FolderState>,
  filePath: string,
): FolderState | undefined {
  let best: FolderState | undefined;
  for (const state of states)
    if (isInside(filePath, state.path) && (!best || state.path.length > best.path.length))
      best = state;
  return best;
}

/** The file-system path of a `file:` URI; undefined for any other. */
export function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** `filePath` relative to the folder, with `/` separators. */
export function relativeOf(state: FolderState, filePath: string): string {
  return path.relative(state.path, filePath).split(path.sep).join('/');
}

/** The URI of a folder-relative path. */
export function uriOf(state: FolderState, relative: string): string {
  return pathToFileURL(path.join(state.path, relative)).href;
}

/** An OpenAPI document of a folder, by its root, as loaded. */
export interface SpecEntry {
  /** The root's workspace-relative path. */
  relative: string;
  contract?: ApiContract;
  /** Every file the document depends on, the root included. */
  files: Set<string>;
  /** Every file its `$ref`s name, read or not: its fragments. */
  referenced: Set<string>;
  problems: Map<string, Diagnostic[]>;
}

/** A catalog file a folder config names, as loaded. */
export interface CatalogEntry {
  contract?: ApiContract;
  problems: Diagnostic[];
}
