import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ParsedProjectConfig } from '../service/config/parseProjectConfig';
import { isCatalogPath } from '../service/config/projectConfig';
import { DiagnosticCode } from '../service/diagnostics';
import { parseCatalog } from '../service/contracts/parseCatalog';
import {
  relativeOf,
  toPath,
  uriOf,
  type FolderConfig,
  type FolderState,
  type WorkspaceLoadContext,
  type CatalogEntry,
} from './workspaceFolder';
import { workspaceProblem } from './workspaceProblem';

/** Loads the catalog files the folder's config names (its other `catalogs` entries are built-in ids). */
export async function loadFolderCatalogs(
  context: WorkspaceLoadContext,
  { state, parsed }: FolderConfig,
  previous: FolderState | undefined,
): Promise<void> {
  for (const entry of state.config.catalogs ?? [])
    if (isCatalogPath(entry)) state.catalogs.set(uriOf(state, entry), { problems: [] });
  for (const uri of state.catalogs.keys())
    await loadCatalog(context, state, uri, previous?.catalogs.get(uri), parsed);
}

/**
 * Loads one catalog file into `state.catalogs`. One that cannot be read is a problem of the config
 * (at its `catalogs` entry when `parsed` gives the range); one with errors keeps contributing
 * `previous`'s contract while it is being fixed.
 */
export async function loadCatalog(
  context: WorkspaceLoadContext,
  state: FolderState,
  uri: string,
  previous: CatalogEntry | undefined,
  parsed?: ParsedProjectConfig,
): Promise<void> {
  let text: string;
  try {
    text = await context.fileSystem.readFile(uri);
  } catch (error) {
    const index = (state.config.catalogs ?? []).findIndex((entry) => uriOf(state, entry) === uri);
    const message = `The catalog file \`${state.config.catalogs?.[index] ?? uri}\` cannot be read: ${error instanceof Error ? error.message : String(error)}.`;
    state.configProblems.push(
      workspaceProblem(
        parsed?.rangeAt(['catalogs', index]),
        DiagnosticSeverity.Error,
        DiagnosticCode.configMissingFile,
        message,
      ),
    );
    state.catalogs.set(uri, {
      ...(previous?.contract && { contract: previous.contract }),
      problems: [],
    });
    context.log(message, DiagnosticSeverity.Error);
    return;
  }
  const started = Date.now();
  const catalog = parseCatalog(text, uri);
  state.catalogs.set(uri, {
    contract: catalog.contract ?? previous?.contract,
    problems: catalog.diagnostics,
  });
  for (const each of catalog.diagnostics)
    context.log(
      `${relativeOf(state, toPath(uri) ?? uri)}:${each.range.start.line + 1}: ${each.message}`,
      each.severity,
    );
  if (catalog.contract)
    context.log(
      `${relativeOf(state, toPath(uri) ?? uri)}: catalog ${catalog.contract.id} (${catalog.contract.name}), ${catalog.contract.operations.length} operations, ${catalog.contract.statuses.length} API-wide statuses, ${catalog.contract.errorCodes.length} error codes, parsed in ${Date.now() - started} ms`,
    );
}
