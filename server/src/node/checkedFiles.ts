import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listFolderFiles } from '../workspace/discoverFiles';
import { readFolderConfig } from '../workspace/workspaceFolder';
import type { WorkspaceFileSystem } from '../workspace/workspaceFileSystem';
import type { FileProblem } from '../cli/formatReport';

/** The language of each file extension the CLI checks. */
const languageIds: Record<string, string> = {
  '.json': 'json',
  '.jsonc': 'jsonc',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
};

const checkedExtensions = Object.keys(languageIds);

/** The language id a checked file is opened with; the YAML specs whose problems are reported are the rest. */
export function languageIdOf(file: string): string {
  return languageIds[path.extname(file).toLowerCase()] ?? 'yaml';
}

/** What `check` looks at, and the targets it cannot look at with the reason for each. */
export interface CheckedFiles {
  /** Absolute paths, each once, in the order the targets list them. */
  files: string[];
  warnings: string[];
  problems: FileProblem[];
}

/**
 * The absolute paths of the files `check` looks at: each target file with a checked extension,
 * and the checked files in each target folder as the workspace walk lists them (no dependency,
 * VCS or dot-folders, nothing the config's `ignore` leaves out), so the CLI sees the files the
 * editor sees. A target that does not exist, is no file or folder (a FIFO, a device) or lies
 * outside the workspace `root` is a problem of its own; the other targets are still listed.
 */
export async function listCheckedFiles(
  fileSystem: WorkspaceFileSystem,
  root: string,
  targets: readonly string[],
): Promise<CheckedFiles> {
  const { state } = await readFolderConfig({ fileSystem, log: () => undefined }, root);
  const files = new Set<string>();
  const warnings: string[] = [];
  const problems: FileProblem[] = [];
  for (const target of targets) {
    const targetPath = path.resolve(root, target);
    let kind;
    try {
      kind = await fileSystem.stat(pathToFileURL(targetPath).href);
    } catch (error) {
      problems.push({
        path: target,
        message: `${(error as Error).message}; run the CLI from the project's root`,
      });
      continue;
    }
    if (kind === undefined) {
      problems.push({ path: target, message: describeMissing(targetPath) });
      continue;
    }
    if (kind === 'file') {
      if (checkedExtensions.includes(path.extname(targetPath).toLowerCase())) files.add(targetPath);
      continue;
    }
    const under = path.relative(root, targetPath).split(path.sep).join('/');
    const listed = await listFolderFiles(fileSystem, state, checkedExtensions, { under });
    if (listed.truncated)
      warnings.push(`${target}: the walk stopped at its bound; name subfolders to check the rest`);
    for (const file of listed.files) files.add(path.join(root, file));
  }
  return { files: [...files], warnings, problems };
}

/** Why nothing checkable is at a path the workspace file system found no file or folder at. */
function describeMissing(targetPath: string): string {
  let stat;
  try {
    stat = fs.statSync(targetPath);
  } catch {
    return 'no such file or folder';
  }
  // Opening a FIFO or a device to read it would block or never end: say what it is instead.
  if (stat.isFIFO()) return 'a named pipe (FIFO), not a file; it is not read';
  if (stat.isSocket()) return 'a socket, not a file; it is not read';
  if (stat.isCharacterDevice() || stat.isBlockDevice())
    return 'a device, not a file; it is not read';
  return 'not a file or folder; it is not read';
}
