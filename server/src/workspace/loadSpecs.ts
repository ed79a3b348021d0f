import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DiagnosticCode } from '../service/diagnostics';
import { compileGlob, isGlobPattern } from '../service/config/globPattern';
import { loadOpenApiDocument } from '../service/openapi/loadOpenApiDocument';
import {
  countErrorResponses,
  getNoErrorResponsesProblem,
  toOpenApiContract,
} from '../service/openapi/openApiContract';
import { startsLikeOpenApi } from './discoverFiles';
import {
  toPath,
  uriOf,
  type FolderConfig,
  type FolderState,
  type SpecEntry,
  type WorkspaceLoadContext,
} from './workspaceFolder';
import { workspaceProblem } from './workspaceProblem';

/** How a spec root came to be loaded: found by discovery, named by its path in `specs`, or matched by a `specs` glob only. */
export type SpecListing = 'discovered' | 'listed' | 'glob';

/**
 * Loads the specs of a folder whose config has been read: what the `specs` globs match among the
 * folder's files (a glob matching none is a config problem), or else every file that starts like
 * an OpenAPI document. `previous` is the folder's earlier state, whose good contracts stand in for
 * documents that no longer load.
 */
export async function loadFolderSpecs(
  context: WorkspaceLoadContext,
  { state, parsed }: FolderConfig,
  files: readonly string[],
  previous: FolderState | undefined,
): Promise<void> {
  const patterns = state.config.specs;
  if (!patterns) {
    for (const relative of files)
      if (await startsLikeOpenApi(context.fileSystem, uriOf(state, relative)))
        await loadSpec(
          context,
          state,
          relative,
          previous?.specs.get(uriOf(state, relative)),
          'discovered',
        );
    return;
  }
  const matched = new Set<string>();
  patterns.forEach((pattern, index) => {
    const matches = specMatcher(pattern);
    const found = files.filter((file) => matches(file));
    if (found.length === 0) {
      state.configProblems.push(
        workspaceProblem(
          parsed?.rangeAt(['specs', index]),
          DiagnosticSeverity.Warning,
          DiagnosticCode.configNoMatch,
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
    heads.set(relative, await startsLikeOpenApi(context.fileSystem, uriOf(state, relative)));
  const ordered = [...matched].sort((a, b) => Number(heads.get(b)) - Number(heads.get(a)));
  for (const relative of ordered) {
    const uri = uriOf(state, relative);
    if (!heads.get(relative) && isFragment(state, uri)) continue;
    await loadSpec(
      context,
      state,
      relative,
      previous?.specs.get(uri),
      listingOf(state, relative) ?? 'glob',
    );
  }
}

/**
 * Loads one document into `state.specs`. A document with syntax errors, or one that cannot be
 * read, keeps contributing `previous`'s contract while it is being fixed.
 */
export async function loadSpec(
  context: WorkspaceLoadContext,
  state: FolderState,
  relative: string,
  previous: SpecEntry | undefined,
  listing: SpecListing,
): Promise<void> {
  const { log } = context;
  const started = Date.now();
  const uri = uriOf(state, relative);
  const entry: SpecEntry = {
    relative,
    files: new Set([uri]),
    referenced: new Set(),
    problems: new Map(),
  };
  try {
    const loaded = await loadOpenApiDocument(uri, context.fileSystem, {
      cache: context.parsedFiles,
    });
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
          ? workspaceProblem(
              undefined,
              DiagnosticSeverity.Error,
              DiagnosticCode.notOpenApi,
              'The config lists this file as an OpenAPI document, but it has no top-level `openapi` or `swagger` version.',
            )
          : workspaceProblem(
              undefined,
              DiagnosticSeverity.Information,
              DiagnosticCode.notOpenApi,
              'A `specs` glob matches this file, but it is not an OpenAPI document (no top-level `openapi` or `swagger`) and no document the config lists refers to it. `specs` names root documents; the files their `$ref`s reach are read with them.',
            ),
      ]);
    } else if (loaded.root.syntaxErrors.length > 0 && previous?.contract) {
      entry.contract = previous.contract;
      log(
        `${relative} has syntax errors; keeping its last good contract`,
        DiagnosticSeverity.Warning,
      );
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
      DiagnosticSeverity.Error,
    );
    if (!previous) return;
  }
  for (const [fileUri, list] of entry.problems)
    for (const each of list)
      log(
        `${path.relative(state.path, toPath(fileUri) ?? fileUri)}:${each.range.start.line + 1}:${each.range.start.character + 1}: ${each.message}`,
        each.severity,
      );
  state.specs.set(uri, entry);
}

/** Whether a file is a fragment of a document already loaded: read with it, or named by one of its `$ref`s. */
export function isFragment(state: FolderState, uri: string): boolean {
  for (const entry of state.specs.values())
    if (entry.contract && (entry.files.has(uri) || entry.referenced.has(uri))) return true;
  return false;
}

/** How the config names a file: by its path, only through globs, or not at all. */
export function listingOf(state: FolderState, relative: string): SpecListing | undefined {
  let listing: SpecListing | undefined;
  for (const pattern of state.config.specs ?? []) {
    if (!specMatcher(pattern)(relative)) continue;
    if (!isGlobPattern(pattern)) return 'listed';
    listing = 'glob';
  }
  return listing;
}

function specMatcher(pattern: string): (relative: string) => boolean {
  const glob = compileGlob(pattern);
  return (relative) => glob.matches(relative);
}
