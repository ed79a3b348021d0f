import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Settings } from '../../../common/settings';
import type { ProjectConfigFile } from '../service/config/apisEntryAction';
import { applyProjectConfig } from '../service/config/applyProjectConfig';
import {
  isCatalogPath,
  projectConfigFileName,
  type ProjectConfig,
} from '../service/config/projectConfig';
import type { ApiContract } from '../service/contracts/model';
import type { SpecFile } from '../service/openapi/specFile';
import { getContractIds, type ContractIds } from './contractIds';
import { listFolderFiles, specExtensions } from './discoverFiles';
import { loadFolderCatalogs } from './loadCatalogs';
import { loadFolderSpecs } from './loadSpecs';
import { reloadChangedFiles } from './reloadFiles';
import {
  folderOfPath,
  readFolderConfig,
  relativeOf,
  toPath,
  type FolderState,
  type WorkspaceLoadContext,
} from './workspaceFolder';
import {
  createWorkspaceFileSystem,
  type ScanBounds,
  type WorkspaceFileSystem,
} from './workspaceFileSystem';

/** Options of {@link createWorkspaceContracts}. */
export interface WorkspaceContractsOptions {
  /** The workspace folders, as file-system paths. */
  folders: readonly string[];
  /** Where load problems and timings are logged; a problem's line carries its severity. */
  log?(message: string, severity?: DiagnosticSeverity): void;
  /** How files are read and listed; by default from disk, inside the folders only. */
  fileSystem?: WorkspaceFileSystem;
  /** Bounds of the discovery scan. */
  scanBounds?: ScanBounds;
}

/** The contracts a workspace brings: its OpenAPI documents and catalog files, and its config. */
export interface WorkspaceContracts {
  /** Reads the config, finds and loads the specs and catalogs of every folder. */
  load(): Promise<void>;
  /** Re-reads what the changed files affect; resolves true when contracts, config or problems changed. */
  filesChanged(uris: readonly string[]): Promise<boolean>;
  /** Every workspace contract: specs, then catalog files. */
  getContracts(): ApiContract[];
  /** Built-in catalog ids the configs enable for calls no API claims. */
  getFallbackApiIds(): string[];
  /** The problems of a spec, catalog or config file. */
  getProblems(uri: string): Diagnostic[];
  /** A spec file as the last load parsed it (a root or a file its `$ref`s reach), for positions in it. */
  getSpecFile(uri: string): SpecFile | undefined;
  /** Every file that has problems. */
  getProblemUris(): string[];
  /** The catalog files the configs name. */
  getCatalogUris(): Set<string>;
  /** The settings for a document: its folder's config over the user's settings; checks off for ignored files. */
  applyConfig(documentUri: string, settings: Settings): Settings;
  /** The config file of the document's workspace folder (there or not yet), with its text as read. */
  getProjectConfig(documentUri: string): ProjectConfigFile | undefined;
  /** Whether a change of `uri` can affect the contracts (a config, spec, catalog or a JSON/YAML file that may become one). */
  isRelevant(uri: string): boolean;
}

/** Creates the workspace's contract loader; call {@link WorkspaceContracts.load} before use. */
export function createWorkspaceContracts(options: WorkspaceContractsOptions): WorkspaceContracts {
  const folders = options.folders.map((folder) => path.resolve(folder));
  const context: WorkspaceLoadContext = {
    fileSystem: options.fileSystem ?? createWorkspaceFileSystem(folders),
    log: options.log ?? (() => undefined),
    parsedFiles: new Map<string, SpecFile>(),
  };
  const states = new Map<string, FolderState>();
  // Ids depend on every folder's contracts: worked out again only after a load or a reload.
  let ids: ContractIds | undefined;
  const contractIds = () => (ids ??= getContractIds(states.values()));
  // Every document of a folder gets the same settings: worked out once per folder state, user
  // settings and contract ids, not once per file checked (2,000 files: 65 ms of the CLI's run).
  const applied = new WeakMap<
    FolderState,
    { user: Settings; config: ProjectConfig; ids: ContractIds; settings: Settings }
  >();

  async function loadFolder(folder: string): Promise<void> {
    const started = Date.now();
    const previous = states.get(folder);
    const folderConfig = await readFolderConfig(context, folder, previous);
    const { state } = folderConfig;
    const scan = await listFolderFiles(context.fileSystem, state, specExtensions, {
      ...(options.scanBounds && { bounds: options.scanBounds }),
    });
    if (scan.truncated)
      context.log(
        `the scan of ${folder} stopped at its bound; list the specs in ${projectConfigFileName} to load the others`,
        DiagnosticSeverity.Warning,
      );
    await loadFolderSpecs(context, folderConfig, scan.files, previous);
    await loadFolderCatalogs(context, folderConfig, previous);
    states.set(folder, state);
    const specCount = [...state.specs.values()].filter((entry) => entry.contract).length;
    context.log(
      `loaded ${specCount} OpenAPI document${specCount === 1 ? '' : 's'} and ${state.catalogs.size} catalog file${state.catalogs.size === 1 ? '' : 's'} from ${folder} in ${Date.now() - started} ms${folderConfig.parsed ? ` (${projectConfigFileName})` : ''}`,
    );
  }

  return {
    async load() {
      states.clear();
      context.parsedFiles.clear();
      ids = undefined;
      try {
        for (const folder of folders) await loadFolder(folder);
      } finally {
        ids = undefined;
      }
    },

    async filesChanged(uris) {
      const relevant = uris.filter((uri) => this.isRelevant(uri));
      if (relevant.length === 0) return false;
      try {
        await reloadChangedFiles(context, states, relevant, loadFolder);
      } finally {
        ids = undefined;
      }
      return true;
    },

    getContracts() {
      return [...contractIds().contracts];
    },

    getFallbackApiIds() {
      return [...states.values()].flatMap((state) =>
        (state.config.catalogs ?? []).filter((entry) => !isCatalogPath(entry)),
      );
    },

    getProblems(uri) {
      const found: Diagnostic[] = [];
      for (const state of states.values()) {
        if (state.configUri === uri) found.push(...state.configProblems);
        for (const entry of state.specs.values()) found.push(...(entry.problems.get(uri) ?? []));
        found.push(...(state.catalogs.get(uri)?.problems ?? []));
      }
      return found;
    },

    getSpecFile(uri) {
      return context.parsedFiles.get(uri);
    },

    getProblemUris() {
      const uris = new Set<string>();
      for (const state of states.values()) {
        if (state.configProblems.length > 0) uris.add(state.configUri);
        for (const entry of state.specs.values())
          for (const [uri, list] of entry.problems) if (list.length > 0) uris.add(uri);
        for (const [uri, entry] of state.catalogs) if (entry.problems.length > 0) uris.add(uri);
      }
      return [...uris];
    },

    getCatalogUris() {
      return new Set([...states.values()].flatMap((state) => [...state.catalogs.keys()]));
    },

    applyConfig(documentUri, settings) {
      const filePath = toPath(documentUri);
      const state = filePath ? folderOfPath(states.values(), filePath) : undefined;
      if (!state || !filePath) return settings;
      if (state.isIgnored(relativeOf(state, filePath))) return { ...settings, enable: false };
      const current = contractIds();
      const known = applied.get(state);
      if (known?.user === settings && known.config === state.config && known.ids === current)
        return known.settings;
      const specIds = current.specIds.get(state.path);
      const folderSettings = applyProjectConfig(settings, state.config, {
        folderPath: state.uriPath,
        resolveApiId: (value) => specIds?.get(value.replace(/^\.\//, '')) ?? value,
      });
      applied.set(state, {
        user: settings,
        config: state.config,
        ids: current,
        settings: folderSettings,
      });
      return folderSettings;
    },

    getProjectConfig(documentUri) {
      const filePath = toPath(documentUri);
      const state = filePath ? folderOfPath(states.values(), filePath) : undefined;
      return (
        state && {
          uri: state.configUri,
          ...(state.configText !== undefined && { text: state.configText }),
        }
      );
    },

    isRelevant(uri) {
      const filePath = toPath(uri);
      if (!filePath || !folderOfPath(states.values(), filePath)) return false;
      return /\.(json|jsonc|ya?ml)$/i.test(filePath);
    },
  };
}
