import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../common/protocol';
import type { Settings } from '../../../common/settings';
import { applyProjectConfig } from '../service/config/applyProjectConfig';
import { parseProjectConfig } from '../service/config/parseProjectConfig';
import {
  isCatalogPath,
  projectConfigFileName,
  type ProjectConfig,
} from '../service/config/projectConfig';
import type { ApiContract } from '../service/contracts/model';
import { parseCatalog } from '../service/contracts/parseCatalog';
import { loadOpenApiDocument } from '../service/openapi/loadOpenApiDocument';
import {
  countErrorResponses,
  getNoErrorResponsesProblem,
  toOpenApiContract,
} from '../service/openapi/openApiContract';
import type { SpecFile } from '../service/openapi/specFile';
import { isOpenApiHead, sniffBytes } from './discoverFiles';
import {
  createWorkspaceFileSystem,
  isInside,
  type ScanBounds,
  type WorkspaceFileSystem,
} from './workspaceFileSystem';

/** Options of {@link createWorkspaceContracts}. */
export interface WorkspaceContractsOptions {
  /** The workspace folders, as file-system paths. */
  folders: readonly string[];
  /** Where load problems and timings are logged. */
  log?(message: string): void;
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
  /** Every file that has problems. */
  getProblemUris(): string[];
  /** The catalog files the configs name. */
  getCatalogUris(): Set<string>;
  /** The settings for a document: its folder's config over the user's settings; checks off for ignored files. */
  applyConfig(documentUri: string, settings: Settings): Settings;
  /** Whether a change of `uri` can affect the contracts (a config, spec, catalog or a JSON/YAML file that may become one). */
  isRelevant(uri: string): boolean;
}

interface SpecEntry {
  /** The root's workspace-relative path. */
  relative: string;
  contract?: ApiContract;
  files: Set<string>;
  /** Every file its `$ref`s name, read or not: its fragments. */
  referenced: Set<string>;
  problems: Map<string, Diagnostic[]>;
}

interface CatalogEntry {
  contract?: ApiContract;
  problems: Diagnostic[];
}

interface FolderState {
  path: string;
  /** The folder's URI path (`/home/me/project`), as document URIs spell it. */
  uriPath: string;
  configUri: string;
  config: ProjectConfig;
  configProblems: Diagnostic[];
  isIgnored(relative: string): boolean;
  specs: Map<string, SpecEntry>;
  catalogs: Map<string, CatalogEntry>;
}

/** How a spec root came to be loaded: found by discovery, named by its path in `specs`, or matched by a `specs` glob only. */
type SpecListing = 'discovered' | 'listed' | 'glob';

/** Whether a file is a fragment of a document already loaded: read with it, or named by one of its `$ref`s. */
function isFragment(state: FolderState, uri: string): boolean {
  for (const entry of state.specs.values())
    if (entry.contract && (entry.files.has(uri) || entry.referenced.has(uri))) return true;
  return false;
}

const specExtensions = ['.json', '.yaml', '.yml'];

function specMatcher(pattern: string): (relative: string) => boolean {
  return picomatch(pattern.replace(/^\.\//, ''), { dot: true });
}

/** Creates the workspace's contract loader; call {@link WorkspaceContracts.load} before use. */
export function createWorkspaceContracts(options: WorkspaceContractsOptions): WorkspaceContracts {
  const log = options.log ?? (() => undefined);
  const folders = options.folders.map((folder) => path.resolve(folder));
  const fileSystem = options.fileSystem ?? createWorkspaceFileSystem(folders);
  const parsedFiles = new Map<string, SpecFile>();
  const states = new Map<string, FolderState>();

  const folderOfPath = (filePath: string): FolderState | undefined => {
    let best: FolderState | undefined;
    for (const state of states.values())
      if (isInside(filePath, state.path) && (!best || state.path.length > best.path.length))
        best = state;
    return best;
  };
  const toPath = (uri: string): string | undefined => {
    try {
      return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      return undefined;
    }
  };
  const relativeOf = (state: FolderState, filePath: string) =>
    path.relative(state.path, filePath).split(path.sep).join('/');

  async function loadFolder(folder: string): Promise<void> {
    const started = Date.now();
    const previous = states.get(folder);
    const configUri = pathToFileURL(path.join(folder, projectConfigFileName)).href;
    let config: ProjectConfig = {};
    let configProblems: Diagnostic[] = [];
    let configText: string | undefined;
    try {
      configText = await fileSystem.readFile(configUri);
    } catch {
      // No config: discovery.
    }
    let parsedConfig: ReturnType<typeof parseProjectConfig> | undefined;
    if (configText !== undefined) {
      parsedConfig = parseProjectConfig(configText, configUri);
      configProblems = parsedConfig.diagnostics;
      if (parsedConfig.parsed) config = parsedConfig.config;
      else if (previous) {
        // A config being edited into shape keeps the last one that parsed.
        config = previous.config;
        log(`${projectConfigFileName} in ${folder} does not parse; keeping the previous config`);
      }
    }
    const ignoreMatcher = config.ignore?.length
      ? picomatch(config.ignore, { dot: true })
      : undefined;
    const state: FolderState = {
      path: folder,
      uriPath: pathToFileURL(folder).pathname,
      configUri,
      config,
      configProblems,
      isIgnored: (relative) =>
        ignoreMatcher?.(relative.replace(/\/$/, '')) === true || ignoreMatcher?.(relative) === true,
      specs: new Map(),
      catalogs: new Map(),
    };

    const scan = await fileSystem.walk(pathToFileURL(folder).href, {
      extensions: specExtensions,
      isIgnored: state.isIgnored,
      ...(options.scanBounds && { bounds: options.scanBounds }),
    });
    if (scan.truncated)
      log(
        `the scan of ${folder} stopped at its bound; list the specs in ${projectConfigFileName} to load the others`,
      );
    if (config.specs) {
      const patterns = config.specs;
      const matched = new Set<string>();
      patterns.forEach((pattern, index) => {
        const matches = specMatcher(pattern);
        const found = scan.files.filter((file) => matches(file));
        if (found.length === 0) {
          configProblems.push(
            problem(
              parsedConfig?.rangeAt(['specs', index]),
              DiagnosticSeverity.Warning,
              'config-no-match',
              `\`${pattern}\` matches no JSON or YAML file in the workspace.`,
            ),
          );
        }
        for (const file of found) matched.add(file);
      });
      // Roots first: a glob over a multi-file description also matches its fragments, which are
      // part of the roots that reach them and are not looked at on their own.
      const heads = new Map<string, boolean>();
      for (const relative of matched)
        heads.set(relative, await startsLikeOpenApi(path.join(folder, relative)));
      const ordered = [...matched].sort((a, b) => Number(heads.get(b)) - Number(heads.get(a)));
      for (const relative of ordered) {
        const uri = pathToFileURL(path.join(folder, relative)).href;
        if (!heads.get(relative) && isFragment(state, uri)) continue;
        await loadSpec(
          state,
          relative,
          previous?.specs.get(uri),
          listingOf(state, relative) ?? 'glob',
        );
      }
    } else {
      for (const relative of scan.files)
        if (await startsLikeOpenApi(path.join(folder, relative)))
          await loadSpec(
            state,
            relative,
            previous?.specs.get(pathToFileURL(path.join(folder, relative)).href),
            'discovered',
          );
    }

    for (const entry of config.catalogs ?? []) {
      if (isCatalogPath(entry))
        state.catalogs.set(pathToFileURL(path.join(folder, entry)).href, { problems: [] });
    }
    for (const uri of state.catalogs.keys())
      await loadCatalog(state, uri, previous?.catalogs.get(uri), parsedConfig);
    states.set(folder, state);
    const specCount = [...state.specs.values()].filter((entry) => entry.contract).length;
    log(
      `loaded ${specCount} OpenAPI document${specCount === 1 ? '' : 's'} and ${state.catalogs.size} catalog file${state.catalogs.size === 1 ? '' : 's'} from ${folder} in ${Date.now() - started} ms${configText !== undefined ? ` (${projectConfigFileName})` : ''}`,
    );
  }

  /** Reads a file's head through the file system, so that the sniff, too, never leaves the workspace. */
  async function startsLikeOpenApi(filePath: string): Promise<boolean> {
    try {
      const head = await fileSystem.readHead(pathToFileURL(filePath).href, sniffBytes);
      return isOpenApiHead(head, path.extname(filePath).toLowerCase() === '.json');
    } catch {
      return false;
    }
  }

  /** How the config names a file: by its path, only through globs, or not at all. */
  function listingOf(state: FolderState, relative: string): SpecListing | undefined {
    let listing: SpecListing | undefined;
    for (const pattern of state.config.specs ?? []) {
      if (!specMatcher(pattern)(relative)) continue;
      if (!picomatch.scan(pattern).isGlob) return 'listed';
      listing = 'glob';
    }
    return listing;
  }

  async function loadSpec(
    state: FolderState,
    relative: string,
    previous: SpecEntry | undefined,
    listing: SpecListing,
  ): Promise<void> {
    const started = Date.now();
    const uri = pathToFileURL(path.join(state.path, relative)).href;
    const entry: SpecEntry = {
      relative,
      files: new Set([uri]),
      referenced: new Set(),
      problems: new Map(),
    };
    try {
      const loaded = await loadOpenApiDocument(uri, fileSystem, { cache: parsedFiles });
      entry.files = loaded.dependencies;
      entry.referenced = loaded.referenced;
      entry.problems = loaded.problems;
      if (!loaded.version) {
        // A discovered file that is not OpenAPI after all is simply not a spec; one the config
        // names by its path is a mistake; one a glob matches that no document refers to is worth a word.
        if (listing === 'discovered') return;
        entry.problems.set(uri, [
          ...(entry.problems.get(uri) ?? []),
          listing === 'listed'
            ? problem(
                undefined,
                DiagnosticSeverity.Error,
                'not-openapi',
                'The config lists this file as an OpenAPI document, but it has no top-level `openapi` or `swagger` version.',
              )
            : problem(
                undefined,
                DiagnosticSeverity.Information,
                'not-openapi',
                'A `specs` glob matches this file, but it is not an OpenAPI document (no top-level `openapi` or `swagger`) and no document the config lists refers to it. `specs` names root documents; the files their `$ref`s reach are read with them.',
              ),
        ]);
      } else if (loaded.root.syntaxErrors.length > 0 && previous?.contract) {
        entry.contract = previous.contract;
        log(`${relative} has syntax errors; keeping its last good contract`);
      } else {
        entry.contract = toOpenApiContract(loaded);
        if (entry.contract) {
          const contract = entry.contract;
          log(
            `${relative}: ${contract.operations.length} operations, ${countErrorResponses(contract)} documented error responses, ${loaded.files.size} file${loaded.files.size === 1 ? '' : 's'}, read in ${Date.now() - started} ms`,
          );
          const noErrors = getNoErrorResponsesProblem(loaded, contract);
          if (noErrors) entry.problems.set(uri, [...(entry.problems.get(uri) ?? []), noErrors]);
        }
      }
    } catch (error) {
      if (previous?.contract) entry.contract = previous.contract;
      log(
        `${relative} cannot be loaded: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!previous) return;
    }
    for (const [fileUri, list] of entry.problems)
      for (const each of list)
        log(
          `${path.relative(state.path, toPath(fileUri) ?? fileUri)}:${each.range.start.line + 1}:${each.range.start.character + 1}: ${each.message}`,
        );
    state.specs.set(uri, entry);
  }

  async function loadCatalog(
    state: FolderState,
    uri: string,
    previous: CatalogEntry | undefined,
    parsedConfig?: ReturnType<typeof parseProjectConfig>,
  ): Promise<void> {
    let text: string;
    try {
      text = await fileSystem.readFile(uri);
    } catch (error) {
      const index = (state.config.catalogs ?? []).findIndex(
        (entry) => pathToFileURL(path.join(state.path, entry)).href === uri,
      );
      const message = `The catalog file \`${state.config.catalogs?.[index] ?? uri}\` cannot be read: ${error instanceof Error ? error.message : String(error)}.`;
      state.configProblems.push(
        problem(
          parsedConfig?.rangeAt(['catalogs', index]),
          DiagnosticSeverity.Error,
          'config-missing-file',
          message,
        ),
      );
      state.catalogs.set(uri, {
        ...(previous?.contract && { contract: previous.contract }),
        problems: [],
      });
      log(message);
      return;
    }
    const parsed = parseCatalog(text, uri);
    // A catalog with errors keeps contributing its last good contract while it is being fixed.
    state.catalogs.set(uri, {
      contract: parsed.contract ?? previous?.contract,
      problems: parsed.diagnostics,
    });
    for (const each of parsed.diagnostics)
      log(`${relativeOf(state, toPath(uri) ?? uri)}:${each.range.start.line + 1}: ${each.message}`);
  }

  /** Every contract with an id no other workspace contract has: two specs titled alike stay apart (the config can name either by its path). */
  function withUniqueIds(): {
    entry: { state: FolderState; source: SpecEntry | CatalogEntry };
    contract: ApiContract;
  }[] {
    const result: {
      entry: { state: FolderState; source: SpecEntry | CatalogEntry };
      contract: ApiContract;
    }[] = [];
    const ids = new Set<string>();
    const add = (state: FolderState, source: SpecEntry | CatalogEntry) => {
      const contract = source.contract;
      if (!contract) return;
      let id = contract.id;
      for (let n = 2; ids.has(id); n++) id = `${contract.id}-${n}`;
      ids.add(id);
      result.push({
        entry: { state, source },
        contract: id === contract.id ? contract : { ...contract, id },
      });
    };
    for (const state of states.values())
      for (const entry of state.specs.values()) add(state, entry);
    for (const state of states.values())
      for (const entry of state.catalogs.values()) add(state, entry);
    return result;
  }

  return {
    async load() {
      states.clear();
      parsedFiles.clear();
      for (const folder of folders) await loadFolder(folder);
    },

    async filesChanged(uris) {
      const relevant = uris.filter((uri) => this.isRelevant(uri));
      if (relevant.length === 0) return false;
      for (const uri of relevant) parsedFiles.delete(uri);
      const reloadFolders = new Set<FolderState>();
      const reloadSpecs = new Map<FolderState, Set<string>>();
      for (const uri of relevant) {
        const filePath = toPath(uri);
        const state = filePath && folderOfPath(filePath);
        if (!state || !filePath) continue;
        if (uri === state.configUri) {
          reloadFolders.add(state);
          continue;
        }
        let known = false;
        for (const [root, entry] of state.specs) {
          if (entry.files.has(uri)) {
            known = true;
            const set = reloadSpecs.get(state) ?? new Set();
            set.add(root);
            reloadSpecs.set(state, set);
          }
        }
        if (state.catalogs.has(uri)) {
          known = true;
          await loadCatalog(state, uri, state.catalogs.get(uri));
        }
        // A new or newly edited file may have become a spec: listed by a glob, or discovered.
        if (!known && !isFragment(state, uri) && !state.isIgnored(relativeOf(state, filePath))) {
          const relative = relativeOf(state, filePath);
          const listing = listingOf(state, relative);
          if (listing) await loadSpec(state, relative, undefined, listing);
          else if (!state.config.specs && (await startsLikeOpenApi(filePath)))
            await loadSpec(state, relative, undefined, 'discovered');
        }
      }
      for (const state of reloadFolders) await loadFolder(state.path);
      for (const [state, roots] of reloadSpecs) {
        if (reloadFolders.has(state)) continue;
        for (const root of roots) {
          const previous = state.specs.get(root)!;
          const exists = await fileSystem.stat(root).then(
            (kind) => kind === 'file',
            () => false,
          );
          state.specs.delete(root);
          if (exists)
            await loadSpec(
              state,
              previous.relative,
              previous,
              listingOf(state, previous.relative) ?? 'discovered',
            );
          else log(`${previous.relative} was removed`);
        }
      }
      return true;
    },

    getContracts() {
      return withUniqueIds().map((each) => each.contract);
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
      const state = filePath ? folderOfPath(filePath) : undefined;
      if (!state || !filePath) return settings;
      if (state.isIgnored(relativeOf(state, filePath))) return { ...settings, enable: false };
      const specIds = new Map<string, string>();
      for (const { entry, contract } of withUniqueIds())
        if (entry.state === state && 'relative' in entry.source)
          specIds.set(entry.source.relative, contract.id);
      return applyProjectConfig(settings, state.config, {
        folderPath: state.uriPath,
        resolveApiId: (value) => specIds.get(value.replace(/^\.\//, '')) ?? value,
      });
    },

    isRelevant(uri) {
      const filePath = toPath(uri);
      if (!filePath || !folderOfPath(filePath)) return false;
      return /\.(json|jsonc|ya?ml)$/i.test(filePath);
    },
  };
}

function problem(
  range: Diagnostic['range'] | undefined,
  severity: DiagnosticSeverity,
  code: string,
  message: string,
): Diagnostic {
  return {
    range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity,
    code,
    source: diagnosticSource,
    message,
  };
}
