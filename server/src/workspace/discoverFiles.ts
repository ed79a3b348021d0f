import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Folders never walked: dependencies and version-control data. */
const skippedFolders = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'bower_components',
  '.vscode-test',
]);
const specExtensions = new Set(['.json', '.yaml', '.yml']);

/** Bounds of {@link findCandidateFiles}: a workspace can hold a monorepo. */
export interface ScanBounds {
  /** The most directory entries looked at. */
  maxEntries: number;
  /** The deepest folder level walked. */
  maxDepth: number;
}

/** What a scan found. */
export interface ScanResult {
  /** Workspace-relative paths with `/` separators, sorted. */
  files: string[];
  /** True when a bound stopped the walk before the end. */
  truncated: boolean;
}

/**
 * Lists the JSON and YAML files of a folder, breadth first, skipping dependency and VCS folders,
 * dot-folders and whatever `isIgnored` (the config's `ignore` globs) rejects.
 */
export async function findCandidateFiles(
  folder: string,
  isIgnored: (relativePath: string) => boolean,
  bounds: ScanBounds = { maxEntries: 50_000, maxDepth: 16 },
): Promise<ScanResult> {
  const files: string[] = [];
  let entries = 0;
  let queue: { relative: string; depth: number }[] = [{ relative: '', depth: 0 }];
  while (queue.length > 0) {
    const next: typeof queue = [];
    for (const { relative, depth } of queue) {
      let children: import('node:fs').Dirent[];
      try {
        children = await fs.readdir(path.join(folder, relative), { withFileTypes: true });
      } catch {
        continue;
      }
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const child of children) {
        if (++entries > bounds.maxEntries) return { files: files.sort(), truncated: true };
        const childPath = relative ? `${relative}/${child.name}` : child.name;
        if (child.isDirectory()) {
          if (
            skippedFolders.has(child.name) ||
            child.name.startsWith('.') ||
            depth + 1 > bounds.maxDepth
          )
            continue;
          if (isIgnored(childPath) || isIgnored(`${childPath}/`)) continue;
          next.push({ relative: childPath, depth: depth + 1 });
        } else if (
          child.isFile() &&
          specExtensions.has(path.extname(child.name).toLowerCase()) &&
          !isIgnored(childPath)
        ) {
          files.push(childPath);
        }
      }
    }
    queue = next;
  }
  return { files: files.sort(), truncated: false };
}

/** How much of a file is looked at to decide whether it is an OpenAPI document. */
export const sniffBytes = 4096;

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
