import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes } from '../cli/applyFixes';
import { linesOf, type FileProblem, type FileReport } from '../cli/formatReport';
import { unifiedDiff } from '../cli/unifiedDiff';
import { normalizeSettings } from '../../../common/settings';
import type { CallCoverage } from '../service/code/contractCoverage';
import type { ProjectFiles } from '../service/code/projectModules';
import { createParsedDocumentCache } from '../service/documents/parsedDocumentCache';
import { getLanguageService } from '../service/languageService';
import { createProjectFiles } from '../workspace/projectFiles';
import { createWorkspaceContracts, type WorkspaceContracts } from '../workspace/workspaceContracts';
import { getWorkspaceContractIndex } from '../workspace/workspaceContractIndex';
import {
  createWorkspaceFileSystem,
  type WorkspaceFileSystem,
} from '../workspace/workspaceFileSystem';
import { languageIdOf } from './checkedFiles';

/** How one module named another during an analysis: `[fromUri, specifier, resolved URI or null]`. */
export type Resolution = [string, string, string | null];

/** What checking one file found: everything a report, a coverage report and the cache need. */
export interface FileResult {
  /** Absolute path. */
  file: string;
  /** The diagnostics; undefined when the file could not be checked (see `problems`). */
  report?: FileReport;
  coverage: CallCoverage[];
  problems: FileProblem[];
  /** The content hash of the file as checked, when the result may be cached. */
  hash?: string;
  /** The other modules the analysis may have read (what it read, and what those import), with their content hashes. */
  dependencies?: [string, string][];
  /** Every module resolution among the file and its dependencies, to be redone before a cached result is used. */
  resolutions?: Resolution[];
}

/** What a {@link FileChecker} does besides checking. */
export interface FileCheckerOptions {
  /** The workspace folder: the working folder of the run. */
  root: string;
  fix: boolean;
  fixDryRun: boolean;
  /** Whether results carry the contract coverage (for `coverage`, and for the cache). */
  coverage: boolean;
  /** Whether results carry what the cache keys them by (hashes, dependencies, resolutions). */
  cache: boolean;
  debug: boolean;
}

/** Checks files one at a time with one language service; the main thread and each worker have one. */
export interface FileChecker {
  workspace: WorkspaceContracts;
  check(file: string): Promise<FileResult>;
}

/** The content hash the cache keys files, dependencies and contracts by. */
export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** What the check reports of a file, as the user should see its path. */
export function shownPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/') || file;
}

/**
 * A file system that records the text of every file read through it: the workspace's config,
 * specs, catalogs and what they reference, whose hash is the cache's contract hash.
 */
export function recordingFileSystem(fileSystem: WorkspaceFileSystem): {
  fileSystem: WorkspaceFileSystem;
  read: Map<string, string>;
} {
  const read = new Map<string, string>();
  return {
    read,
    fileSystem: {
      ...fileSystem,
      async readFile(uri) {
        const text = await fileSystem.readFile(uri);
        read.set(uri, text);
        return text;
      },
      async readHead(uri, bytes) {
        const text = await fileSystem.readHead(uri, bytes);
        if (!read.has(uri)) read.set(uri, text);
        return text;
      },
    },
  };
}

/** A loaded workspace (config, specs, catalogs) as the CLI reads it: the working folder only. */
export async function loadWorkspace(
  root: string,
  fileSystem: WorkspaceFileSystem,
): Promise<WorkspaceContracts> {
  const workspace = createWorkspaceContracts({ folders: [root], fileSystem });
  await workspace.load();
  return workspace;
}

/**
 * Project files that remember every resolution asked of them (`from` → specifier → URI), so a
 * file's result names each module its analysis could have depended on: the analysis follows
 * imports, and a module summarised for one file is reused, unread, for the next.
 */
function resolutionRecorder(files: ProjectFiles): {
  files: ProjectFiles;
  closure(uri: string): { modules: string[]; resolutions: Resolution[] };
} {
  const edges = new Map<string, Map<string, string | null>>();
  return {
    files: {
      resolveModule(fromUri, specifier) {
        const resolved = files.resolveModule(fromUri, specifier);
        let from = edges.get(fromUri);
        if (!from) edges.set(fromUri, (from = new Map()));
        from.set(specifier, resolved ?? null);
        return resolved;
      },
      readFile: (uri) => files.readFile(uri),
    },
    closure(uri) {
      const seen = new Set([uri]);
      const resolutions: Resolution[] = [];
      const pending = [uri];
      while (pending.length > 0) {
        const from = pending.pop()!;
        for (const [specifier, resolved] of edges.get(from) ?? []) {
          resolutions.push([from, specifier, resolved]);
          if (resolved !== null && !seen.has(resolved)) {
            seen.add(resolved);
            pending.push(resolved);
          }
        }
      }
      seen.delete(uri);
      return { modules: [...seen], resolutions };
    },
  };
}

/**
 * A checker over the workspace at `options.root`: reads each file when asked (so a run holds one
 * file's text and parse at a time, plus the summaries of the modules imported), validates it,
 * applies the fixes when asked, and returns what a report needs, not the document.
 */
export async function createFileChecker(
  options: FileCheckerOptions,
  loaded?: { fileSystem: WorkspaceFileSystem; workspace: WorkspaceContracts },
): Promise<FileChecker> {
  const { root } = options;
  const fileSystem = loaded?.fileSystem ?? createWorkspaceFileSystem([root]);
  const workspace = loaded?.workspace ?? (await loadWorkspace(root, fileSystem));
  const projectFiles = createProjectFiles(fileSystem);
  const recorder = resolutionRecorder(projectFiles);
  const service = getLanguageService({
    contracts: getWorkspaceContractIndex(workspace),
    fileProblems: (uri) => workspace.getProblems(uri),
    catalogUris: workspace.getCatalogUris(),
    projectFiles: recorder.files,
    // Files are checked one after another and never again: only the one being checked is kept.
    documents: createParsedDocumentCache(1),
  });
  const userSettings = normalizeSettings(undefined);
  const hashes = new Map<string, string | null>();
  const hashOf = (uri: string): string | null => {
    if (!hashes.has(uri)) {
      const text = projectFiles.readFile(uri);
      hashes.set(uri, text === undefined ? null : contentHash(text));
    }
    return hashes.get(uri)!;
  };

  return {
    workspace,
    async check(file) {
      const uri = pathToFileURL(file).href;
      const shown = shownPath(root, file);
      const result: FileResult = { file, coverage: [], problems: [] };
      let text: string;
      try {
        text = await fileSystem.readFile(uri);
      } catch (error) {
        result.problems.push({ path: shown, message: (error as Error).message });
        return result;
      }
      try {
        const settings = workspace.applyConfig(uri, userSettings);
        let document = TextDocument.create(uri, languageIdOf(file), 1, text);
        let diff: string | undefined;
        if (options.fix || options.fixDryRun) {
          const fixed = applyFixes(service, document, settings);
          if (fixed !== text) {
            if (options.fix) {
              try {
                fs.writeFileSync(file, fixed);
              } catch (error) {
                // Reported as it is on disk, unfixed, and named as a file the run could not use.
                result.problems.push({
                  path: shown,
                  message: `the fixes could not be written: ${(error as Error).message}`,
                });
                const diagnostics = service.doValidation(document, settings);
                result.report = { path: shown, lines: linesOf(document, diagnostics), diagnostics };
                return result;
              }
            } else diff = unifiedDiff(shown, text, fixed);
            document = TextDocument.create(uri, document.languageId, 2, fixed);
          }
        }
        const diagnostics = service.doValidation(document, settings);
        result.report = {
          path: shown,
          lines: linesOf(document, diagnostics),
          diagnostics,
          ...(diff ? { diff } : {}),
        };
        if (options.coverage) result.coverage = service.getContractCoverage(document, settings);
        if (options.cache && !options.fix && !options.fixDryRun) {
          const { modules, resolutions } = recorder.closure(uri);
          result.hash = contentHash(text);
          result.dependencies = modules.map((module) => [module, hashOf(module) ?? '']);
          result.resolutions = resolutions;
        }
      } catch (error) {
        result.problems.push({
          path: shown,
          message: `could not be checked: ${options.debug && error instanceof Error && error.stack ? error.stack : (error as Error).message}`,
        });
      }
      return result;
    },
  };
}
