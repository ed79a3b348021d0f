import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpecFileReader } from '../service/openapi/loadOpenApiDocument';

/** The largest file the loader reads; a spec bigger than this is almost certainly not hand-maintained text. */
const maxFileBytes = 32 * 1024 * 1024;

/** Folders never walked: dependencies and version-control data (dot-folders are skipped too). */
const skippedFolders = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'bower_components',
  '.vscode-test',
]);

/** Bounds of {@link WorkspaceFileSystem.walk}: a workspace can hold a monorepo. */
export interface ScanBounds {
  /** The most directory entries looked at. */
  maxEntries: number;
  /** The deepest folder level walked. */
  maxDepth: number;
}

/** What {@link WorkspaceFileSystem.walk} lists. */
export interface WalkOptions {
  /** The extensions of the files listed, lower case with the dot (`.json`). */
  extensions: readonly string[];
  /** Whether a path relative to the walked folder is left out; a folder is asked with and without a trailing `/`. */
  isIgnored?(relativePath: string): boolean;
  /** By default 50,000 entries and 16 levels. */
  bounds?: ScanBounds;
}

/** What a walk found. */
export interface WalkResult {
  /** Paths relative to the walked folder, with `/` separators, sorted. */
  files: string[];
  /** True when a bound stopped the walk before the end. */
  truncated: boolean;
}

/** What is at a path: a file, a folder, or (undefined) nothing. */
export type FileKind = 'file' | 'folder';

/**
 * Every access of the server and the CLI to the workspace's files. Each method refuses (rejects
 * with the reason) a URI that is not a `file:` URI or that lies outside the workspace folders,
 * also through a symbolic link.
 */
export interface WorkspaceFileSystem extends SpecFileReader {
  /** Up to `bytes` bytes from the start of the file, as text. */
  readHead(uri: string, bytes: number): Promise<string>;
  /** Whether a file or a folder is at `uri`; undefined when nothing is. */
  stat(uri: string): Promise<FileKind | undefined>;
  /**
   * The files under the folder at `uri` with one of the extensions, breadth first, skipping
   * dependency and VCS folders, dot-folders and what `isIgnored` rejects. Symbolic links are not
   * followed. A folder that does not exist has no files.
   */
  walk(uri: string, options: WalkOptions): Promise<WalkResult>;
  /**
   * The text of the file at `uri` read at once, for the code analysis, which asks for a project's
   * modules while it works; undefined when it is not a file or may not be read.
   */
  readFileNow(uri: string): string | undefined;
}

/**
 * The workspace's files on disk, only inside `folders`: a `$ref` or a config path that leads out
 * of the workspace (`../../etc/passwd`, a symlink pointing elsewhere) is refused.
 */
export function createWorkspaceFileSystem(folders: readonly string[]): WorkspaceFileSystem {
  const resolvedFolders = folders.map((folder) => path.resolve(folder));
  let roots: string[] | undefined;
  const realRoots = () =>
    (roots ??= resolvedFolders.map((folder) => {
      try {
        return fs.realpathSync.native(folder);
      } catch {
        return folder;
      }
    }));
  const outside = () => new Error('it is outside the workspace, which is never read');
  // Synchronous on purpose: a description can span thousands of small files, and each
  // asynchronous call is a thread-pool round trip (DigitalOcean's 1,509 files take 16 ms this way,
  // 180-440 ms through fs.promises). One file at a time, within the size bound, blocks for little.
  /** The real path of `uri`, or undefined when nothing is there; throws when it may not be touched. */
  const resolve = (uri: string): { filePath: string; real: string | undefined } => {
    if (!uri.startsWith('file:')) throw new Error('only files in the workspace are read');
    const filePath = path.resolve(fileURLToPath(uri));
    if (!resolvedFolders.some((folder) => isInside(filePath, folder))) throw outside();
    let real: string;
    try {
      real = fs.realpathSync.native(filePath);
    } catch {
      return { filePath, real: undefined };
    }
    // A symbolic link inside the workspace may still lead out of it.
    if (!realRoots().some((root) => isInside(real, root))) throw outside();
    return { filePath, real };
  };
  const openFile = (uri: string): { real: string; size: number } => {
    const { filePath, real } = resolve(uri);
    if (real === undefined) throw new Error(`${path.basename(filePath)} does not exist`);
    const stat = fs.statSync(real);
    if (!stat.isFile()) throw new Error(`${path.basename(filePath)} is not a file`);
    return { real, size: stat.size };
  };
  return {
    async readFile(uri) {
      const { real, size } = openFile(uri);
      if (size > maxFileBytes)
        throw new Error(`${path.basename(real)} is larger than ${maxFileBytes / 1024 / 1024} MB`);
      return fs.readFileSync(real, 'utf8');
    },
    async readHead(uri, bytes) {
      const { real } = openFile(uri);
      const fd = fs.openSync(real, 'r');
      try {
        const buffer = Buffer.alloc(bytes);
        return buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, bytes, 0));
      } finally {
        fs.closeSync(fd);
      }
    },
    async stat(uri) {
      const { real } = resolve(uri);
      if (real === undefined) return undefined;
      const stat = fs.statSync(real, { throwIfNoEntry: false });
      return stat?.isFile() ? 'file' : stat?.isDirectory() ? 'folder' : undefined;
    },
    async walk(uri, options) {
      const { real } = resolve(uri);
      if (real === undefined) return { files: [], truncated: false };
      return walkFolder(real, options);
    },
    readFileNow(uri) {
      try {
        const { real, size } = openFile(uri);
        return size > maxFileBytes ? undefined : fs.readFileSync(real, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

async function walkFolder(folder: string, options: WalkOptions): Promise<WalkResult> {
  const bounds = options.bounds ?? { maxEntries: 50_000, maxDepth: 16 };
  const isIgnored = options.isIgnored ?? (() => false);
  const extensions = new Set(options.extensions);
  const files: string[] = [];
  let entries = 0;
  let queue: { relative: string; depth: number }[] = [{ relative: '', depth: 0 }];
  while (queue.length > 0) {
    const next: typeof queue = [];
    for (const { relative, depth } of queue) {
      let children: fs.Dirent[];
      try {
        children = await fs.promises.readdir(path.join(folder, relative), { withFileTypes: true });
      } catch {
        continue;
      }
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const child of children) {
        if (++entries > bounds.maxEntries) return { files: files.sort(), truncated: true };
        const childPath = relative ? `${relative}/${child.name}` : child.name;
        // A symbolic link is neither: it may lead out of the workspace, or back up into a loop.
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
          extensions.has(path.extname(child.name).toLowerCase()) &&
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

/** Whether `file` lies in `folder` (or is it). */
export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
