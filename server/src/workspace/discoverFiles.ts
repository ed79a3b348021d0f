import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FolderState } from './workspaceFolder';
import type { ScanBounds, WalkResult, WorkspaceFileSystem } from './workspaceFileSystem';

/** The extensions of the files that may be OpenAPI documents. */
export const specExtensions: readonly string[] = ['.json', '.yaml', '.yml'];

/**
 * The files with one of the extensions in a workspace folder, or in its subfolder `under`
 * (folder-relative, `/`-separated): the file system's walk, which skips dependency, VCS and
 * dot-folders, less what the folder config's `ignore` leaves out. The loader's discovery and the
 * CLI list files through it, so that both see the same files. Paths are folder-relative.
 */
export async function listFolderFiles(
  fileSystem: WorkspaceFileSystem,
  state: Pick<FolderState, 'path' | 'isIgnored'>,
  extensions: readonly string[],
  options: { under?: string; bounds?: ScanBounds } = {},
): Promise<WalkResult> {
  const prefix = options.under ? `${options.under.replace(/\/+$/, '')}/` : '';
  // The walk leaves out ignored folders below where it starts; a start inside one has nothing.
  const segments = prefix.split('/').slice(0, -1);
  for (let i = 1; i <= segments.length; i++) {
    const ancestor = segments.slice(0, i).join('/');
    if (state.isIgnored(ancestor) || state.isIgnored(`${ancestor}/`))
      return { files: [], truncated: false };
  }
  const walked = await fileSystem.walk(pathToFileURL(path.join(state.path, prefix)).href, {
    extensions,
    isIgnored: (relative) => state.isIgnored(prefix + relative),
    ...(options.bounds && { bounds: options.bounds }),
  });
  if (!prefix) return walked;
  return { files: walked.files.map((file) => prefix + file), truncated: walked.truncated };
}

/** How much of a file is looked at to decide whether it is an OpenAPI document. */
const sniffBytes = 4096;

/** Whether the file at `uri` starts like an OpenAPI document; read through the file system, so that the sniff, too, never leaves the workspace. */
export async function startsLikeOpenApi(
  fileSystem: WorkspaceFileSystem,
  uri: string,
): Promise<boolean> {
  try {
    const head = await fileSystem.readHead(uri, sniffBytes);
    return isOpenApiHead(head, /\.json$/i.test(new URL(uri).pathname));
  } catch {
    return false;
  }
}

/**
 * Whether the first kilobytes of a file look like the root of an OpenAPI document: an `openapi` or
 * `swagger` key at the top level (a YAML mapping key at column 0, or a member of the outermost JSON
 * object). The loader then parses it and confirms.
 */
export function isOpenApiHead(head: string, json: boolean): boolean {
  if (!json) return /^["']?(openapi|swagger)["']?[ \t]*:/m.test(head);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < head.length; i++) {
    const char = head[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    else if (char === '"') {
      if (depth === 1 && /^"(openapi|swagger)"\s*:/.test(head.slice(i, i + 20))) return true;
      inString = true;
    }
  }
  return false;
}
