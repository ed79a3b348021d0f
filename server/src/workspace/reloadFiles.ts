import { startsLikeOpenApi } from './discoverFiles';
import { loadCatalog } from './loadCatalogs';
import { isFragment, listingOf, loadSpec } from './loadSpecs';
import {
  folderOfPath,
  relativeOf,
  toPath,
  type FolderState,
  type WorkspaceLoadContext,
} from './workspaceFolder';

/**
 * Re-reads what changed files affect, and only that: a folder whose config changed is loaded
 * again; a changed spec file re-loads the documents that depend on it (from the parse cache, so
 * only the changed files are read); a changed catalog is re-read; a new file that a `specs` glob
 * or discovery would pick up is loaded. `uris` are the relevant changed files.
 */
export async function reloadChangedFiles(
  context: WorkspaceLoadContext,
  states: ReadonlyMap<string, FolderState>,
  uris: readonly string[],
  loadFolder: (folder: string) => Promise<void>,
): Promise<void> {
  for (const uri of uris) context.parsedFiles.delete(uri);
  const reloadFolders = new Set<FolderState>();
  const reloadSpecs = new Map<FolderState, Set<string>>();
  for (const uri of uris) {
    const filePath = toPath(uri);
    const state = filePath && folderOfPath(states.values(), filePath);
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
      await loadCatalog(context, state, uri, state.catalogs.get(uri));
    }
    // A new or newly edited file may have become a spec: listed by a glob, or discovered.
    const relative = relativeOf(state, filePath);
    if (!known && !isFragment(state, uri) && !state.isIgnored(relative)) {
      const listing = listingOf(state, relative);
      if (listing) await loadSpec(context, state, relative, undefined, listing);
      else if (!state.config.specs && (await startsLikeOpenApi(context.fileSystem, uri)))
        await loadSpec(context, state, relative, undefined, 'discovered');
    }
  }
  for (const state of reloadFolders) await loadFolder(state.path);
  for (const [state, roots] of reloadSpecs) {
    if (reloadFolders.has(state)) continue;
    for (const root of roots) {
      const previous = state.specs.get(root)!;
      const exists = await context.fileSystem.stat(root).then(
        (kind) => kind === 'file',
        () => false,
      );
      state.specs.delete(root);
      if (exists)
        await loadSpec(
          context,
          state,
          previous.relative,
          previous,
          listingOf(state, previous.relative) ?? 'discovered',
        );
      else context.log(`${previous.relative} was removed`);
    }
  }
}
