import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeActionContext,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentLink,
  Hover,
  LocationLink,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import type { CallContract, ContractsOverview } from '../../../common/protocol';
import type { Settings } from '../../../common/settings';
import {
  doCodeActions,
  getPreferredFixEdits,
  resolveCodeAction,
  type CancellationCheck,
  type CodeActionOptions,
} from './code/codeActions/codeActions';
import { doCodeComplete } from './code/codeCompletion';
import { doCodeHover } from './code/codeHover';
import { doCodeValidation } from './code/codeValidation';
import { getContractCoverage, type CallCoverage } from './code/contractCoverage';
import { getApisEntryActions, type ProjectConfigFile } from './config/apisEntryAction';
import { doConfigValidation } from './config/configValidation';
import { isProjectConfigUri } from './config/projectConfig';
import { doCatalogDocumentValidation } from './contracts/catalogDocumentValidation';
import type { ContractIndex } from './contracts/contractIndex';
import { getBuiltinContracts } from './contracts/builtinContracts';
import { createContractIndex } from './contracts/createContractIndex';
import { doDepthValidation } from './documents/documentDepth';
import {
  createParsedDocumentCache,
  type ParsedDocumentCache,
} from './documents/parsedDocumentCache';
import { getRegistryStatusHover } from './hover/statusHover';
import { findCodeStatusLiteral, findJsonStatusLiteral } from './hover/statusLiteral';
import { doPayloadCodeActions } from './payloads/payloadCodeActions';
import { doPayloadComplete } from './payloads/payloadCompletion';
import { doPayloadHover } from './payloads/payloadHover';
import { doPayloadValidation } from './payloads/payloadValidation';
import { createProjectModules, type ProjectFiles } from './code/projectModules';
import { doDefinition, type SpecLocator } from './navigation/definition';
import { getCallContract } from './navigation/callContract';
import { doCodeLenses, resolveCodeLens } from './navigation/codeLens';
import { getContractsOverview, type OverviewFile } from './navigation/contractsOverview';
import { doDocumentLinks } from './navigation/documentLinks';
import { parseDocument } from './documents/parsedDocument';
import type { ServiceContext } from './serviceContext';

/**
 * The language service: pure functions of a document, a position, the contracts and the
 * settings. No editor, no connection, no file system — the server, the CLI and the tests all
 * call this.
 */
export interface LanguageService {
  /** Explains the status, code or call under the cursor. */
  doHover(document: TextDocument, position: Position, settings: Settings): Hover | null;
  /** Every diagnostic of the document. */
  doValidation(document: TextDocument, settings: Settings): Diagnostic[];
  /** What each call tied to a documented operation does with each documented status; empty for JSON. */
  getContractCoverage(document: TextDocument, settings: Settings): CallCoverage[];
  /** Quick fixes and source actions for the range; file-wide ones unresolved when `options` asks. */
  doCodeActions(
    document: TextDocument,
    range: Range,
    context: CodeActionContext,
    settings: Settings,
    options?: CodeActionOptions,
  ): CodeAction[];
  /**
   * The edits of the preferred quick fix of each finding of the document, none overlapping
   * another, for the command line's `--fix`: applied, then asked again, until none are left.
   */
  getPreferredFixEdits(document: TextDocument, settings: Settings): TextEdit[];
  /** The edits of a file-wide action {@link doCodeActions} left unresolved; any other action as it is. */
  resolveCodeAction(
    document: TextDocument,
    action: CodeAction,
    settings: Settings,
    token?: CancellationCheck,
  ): CodeAction;
  /** Completions at the position. */
  doComplete(document: TextDocument, position: Position, settings: Settings): CompletionList | null;
  /** Where the call's operation, the `$ref`'s target or the config value's file is. */
  doDefinition(
    document: TextDocument,
    position: Position,
    settings: Settings,
  ): LocationLink[] | null;
  /** Unresolved code lenses above the recognised calls (titles come from {@link resolveCodeLens}). */
  doCodeLenses(document: TextDocument, settings: Settings): CodeLens[];
  /** A code lens's title and Show Contract command. */
  resolveCodeLens(document: TextDocument, lens: CodeLens, settings: Settings): CodeLens;
  /** Links for the `docs` URLs of a catalog file. */
  doDocumentLinks(document: TextDocument, settings: Settings): DocumentLink[];
  /** The contract of the recognised call at the position, with this call's handling of each status. */
  getCallContract(
    document: TextDocument,
    position: Position,
    settings: Settings,
  ): CallContract | null;
  /**
   * The APIs in force with their operations and, per status, how the calls of `files` (source
   * files of the workspace, each with its settings) handle it. The files are parsed here, not
   * kept: they are mostly not open.
   */
  getContractsOverview(
    files: readonly { document: TextDocument; settings: Settings }[],
  ): ContractsOverview;
  /** Replaces what the workspace brings (after a catalog, spec or config change); members left out keep their value. */
  configure(workspace: WorkspaceFacts): void;
}

/** The problems found loading a spec, catalog or config file (a `$ref` that does not resolve), by the file's URI. */
export type FileProblems = (uri: string) => readonly Diagnostic[];

/** What the workspace brings to the service, as loaded from its specs, catalogs and config. */
export interface WorkspaceFacts {
  /** The contracts in force; by default the built-in catalogs. */
  contracts?: ContractIndex;
  /** The problems of workspace files as loaded from disk, reported with the document's own diagnostics. */
  fileProblems?: FileProblems;
  /** The catalog files the project config names, checked as catalogs whatever their name. */
  catalogUris?: ReadonlySet<string>;
  /** The project's source files, for what a file imports (URLs, clients, wrappers); none: each file alone. */
  projectFiles?: ProjectFiles;
  /** Positions in the spec files as loaded, for navigation; none: links go to the start of the file. */
  specLocator?: SpecLocator;
  /** The project config a document is checked under, for the quick fix that writes an `apis` entry; none: no such fix. */
  projectConfigOf?: (documentUri: string) => ProjectConfigFile | undefined;
}

/** Options of {@link getLanguageService}. */
export interface LanguageServiceOptions extends WorkspaceFacts {
  /**
   * The caller's cache of parsed documents (the server drops closed documents from it); by
   * default one of the service's own, for one-shot callers.
   */
  documents?: ParsedDocumentCache;
}

/** Creates a language service. */
export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const parsedDocuments = options.documents ?? createParsedDocumentCache();
  let contracts = options.contracts ?? createContractIndex(getBuiltinContracts());
  let catalogUris = options.catalogUris ?? new Set<string>();
  // A new reader means files changed: the modules are summarised afresh, and analyses redone.
  let projectFiles = options.projectFiles;
  let project = projectFiles && createProjectModules(projectFiles);
  const contextFor = (settings: Settings): ServiceContext => ({
    contracts,
    settings,
    catalogUris,
    ...(project && { project }),
    ...(projectFiles && { projectFiles }),
  });
  let fileProblems: FileProblems = options.fileProblems ?? (() => []);
  let specLocator: SpecLocator = options.specLocator ?? {
    locate: () => undefined,
  };
  let projectConfigOf = options.projectConfigOf;

  return {
    doHover(document, position, settings) {
      if (!settings.enable) return null;
      const parsed = parsedDocuments.get(document);
      if (!parsed) return null;
      const context = contextFor(settings);
      const offset = document.offsetAt(position);
      if (parsed.kind === 'json') {
        const hover = doPayloadHover(document, position, parsed, context);
        if (hover) return hover;
        const literal = findJsonStatusLiteral(parsed, offset);
        return literal ? getRegistryStatusHover(document, literal) : null;
      }
      const hover = doCodeHover(document, position, parsed, context);
      if (hover) return hover;
      const literal = findCodeStatusLiteral(parsed, offset);
      return literal ? getRegistryStatusHover(document, literal) : null;
    },
    doValidation(document, settings) {
      if (!settings.enable) return [];
      const loaded = fileProblems(document.uri);
      if (isProjectConfigUri(document.uri)) return doConfigValidation(document, loaded);
      const parsed = parsedDocuments.get(document);
      // A YAML spec is not parsed here; its load problems are all there is to show.
      if (!parsed) return [...loaded];
      const context = contextFor(settings);
      if (parsed.kind === 'json') {
        return (
          doCatalogDocumentValidation(document, parsed, context) ?? [
            ...loaded,
            ...doDepthValidation(document, parsed),
            ...doPayloadValidation(document, parsed, context),
          ]
        );
      }
      return [
        ...doDepthValidation(document, parsed),
        ...doCodeValidation(document, parsed, context),
      ];
    },
    getContractCoverage(document, settings) {
      if (!settings.enable) return [];
      const parsed = parsedDocuments.get(document);
      return parsed?.kind === 'code'
        ? getContractCoverage(document, parsed, contextFor(settings))
        : [];
    },
    doCodeActions(document, range, actionContext, settings, options) {
      if (!settings.enable) return [];
      const parsed = parsedDocuments.get(document);
      if (parsed?.kind === 'json') return doPayloadCodeActions(document, actionContext, parsed);
      if (!parsed) return [];
      return [
        ...doCodeActions(document, range, actionContext, parsed, contextFor(settings), options),
        ...getApisEntryActions(actionContext, projectConfigOf?.(document.uri)),
      ];
    },
    getPreferredFixEdits(document, settings) {
      if (!settings.enable) return [];
      const parsed = parsedDocuments.get(document);
      return parsed ? getPreferredFixEdits(document, parsed, contextFor(settings)) : [];
    },
    resolveCodeAction(document, action, settings, token) {
      if (!settings.enable) return action;
      const parsed = parsedDocuments.get(document);
      return parsed
        ? resolveCodeAction(document, action, parsed, contextFor(settings), token)
        : action;
    },
    doComplete(document, position, settings) {
      if (!settings.enable) return null;
      const parsed = parsedDocuments.get(document);
      if (!parsed) return null;
      const context = contextFor(settings);
      return parsed.kind === 'json'
        ? doPayloadComplete(document, position, parsed, context)
        : doCodeComplete(document, position, parsed, context);
    },
    doDefinition(document, position, settings) {
      if (!settings.enable) return null;
      return doDefinition(
        document,
        position,
        parsedDocuments.get(document),
        contextFor(settings),
        specLocator,
      );
    },
    doCodeLenses(document, settings) {
      if (!settings.enable || !settings.codeLens.enable) return [];
      const parsed = parsedDocuments.get(document);
      return parsed?.kind === 'code' ? doCodeLenses(document, parsed, contextFor(settings)) : [];
    },
    resolveCodeLens(document, lens, settings) {
      const parsed = parsedDocuments.get(document);
      return parsed?.kind === 'code'
        ? resolveCodeLens(document, lens, parsed, contextFor(settings))
        : lens;
    },
    doDocumentLinks(document, settings) {
      if (!settings.enable) return [];
      const parsed = parsedDocuments.get(document);
      return parsed?.kind === 'json' ? doDocumentLinks(document, parsed, contextFor(settings)) : [];
    },
    getCallContract(document, position, settings) {
      if (!settings.enable) return null;
      const parsed = parsedDocuments.get(document);
      return parsed?.kind === 'code'
        ? getCallContract(document, position, parsed, contextFor(settings), specLocator)
        : null;
    },
    getContractsOverview(files) {
      function* parsedFiles(): Generator<OverviewFile> {
        for (const { document, settings } of files) {
          if (!settings.enable) continue;
          // An open document's parse and analysis are those its diagnostics used; the
          // workspace's other files are parsed here, one at a time, and not kept, so they do not
          // push open ones out.
          const parsed = parsedDocuments.peek(document) ?? parseDocument(document);
          if (parsed?.kind === 'code') yield { document, parsed, context: contextFor(settings) };
        }
      }
      return getContractsOverview(contracts, parsedFiles(), specLocator);
    },
    configure(workspace) {
      contracts = workspace.contracts ?? contracts;
      fileProblems = workspace.fileProblems ?? fileProblems;
      catalogUris = workspace.catalogUris ?? catalogUris;
      if (workspace.projectFiles) {
        projectFiles = workspace.projectFiles;
        project = createProjectModules(projectFiles);
      }
      specLocator = workspace.specLocator ?? specLocator;
      projectConfigOf = workspace.projectConfigOf ?? projectConfigOf;
    },
  };
}
