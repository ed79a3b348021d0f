import { parse } from 'jsonc-parser';
import type { ProjectFiles } from '../projectModules';

/** Folders walked up from a document looking for its `package.json`. */
const maxDepth = 32;

const parsedManifests = new Map<string, ReadonlySet<string>>();

/**
 * Whether the project a document belongs to depends on the package `name`: listed by the nearest
 * `package.json` up the document's folders (dependencies of any kind), read through the project's
 * files, which never read outside the workspace. False for a lone document.
 */
export function dependsOn(
  files: ProjectFiles | undefined,
  documentUri: string,
  name: string,
): boolean {
  if (!files || !documentUri.startsWith('file:')) return false;
  let folder: URL;
  try {
    folder = new URL('.', documentUri);
  } catch {
    return false;
  }
  for (let depth = 0; depth < maxDepth; depth++) {
    const text = files.readFile(new URL('package.json', folder).href);
    if (text !== undefined) return dependencyNames(text).has(name);
    const parent = new URL('..', folder);
    if (parent.href === folder.href) return false;
    folder = parent;
  }
  return false;
}

/** The package names a manifest lists, parsed once per text. */
function dependencyNames(text: string): ReadonlySet<string> {
  const known = parsedManifests.get(text);
  if (known) return known;
  const manifest: unknown = parse(text);
  const names = new Set<string>();
  if (manifest && typeof manifest === 'object') {
    for (const field of [
      'dependencies',
      'devDependencies',
      'peerDependencies',
      'optionalDependencies',
    ]) {
      const listed = (manifest as Record<string, unknown>)[field];
      if (listed && typeof listed === 'object')
        for (const key of Object.keys(listed)) names.add(key);
    }
  }
  // A few manifests per workspace: the cache is kept small by dropping the oldest.
  if (parsedManifests.size >= 64) parsedManifests.delete(parsedManifests.keys().next().value!);
  parsedManifests.set(text, names);
  return names;
}
