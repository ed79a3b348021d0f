import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listFolderFiles } from '../workspace/discoverFiles';
import { readFolderConfig } from '../workspace/workspaceFolder';
import type { WorkspaceFileSystem } from '../workspace/workspaceFileSystem';

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

/** What `check` looks at, or why it cannot start. */
export type CheckedFiles = { files: string[]; warnings: string[] } | { error: string };

/**
 * The absolute paths of the files `check` looks at: each target file with a checked extension,
 * and the checked files in each target folder as the workspace walk lists them (no dependency,
 * VCS or dot-folders, nothing the config's `ignore` leaves out), so the CLI sees the files the
 * editor sees. An error when a target does not exist or lies outside the workspace `root`.
 */
export async function listCheckedFiles(
  fileSystem: WorkspaceFileSystem,
  root: string,
  targets: readonly string[],
): Promise<CheckedFiles> {
  const { state } = await readFolderConfig({ fileSystem, log: () => undefined }, root);
  const files: string[] = [];
  const warnings: string[] = [];
  for (const target of targets) {
    const targetPath = path.resolve(root, target);
    let kind;
    try {
      kind = await fileSystem.stat(pathToFileURL(targetPath).href);
    } catch (error) {
      return {
        error: `${target}: ${(error as Error).message}; run the CLI from the project's root`,
      };
    }
    if (kind === undefined) return { error: `${target}: no such file or folder` };
    if (kind === 'file') {
      if (checkedExtensions.includes(path.extname(targetPath).toLowerCase()))
        files.push(targetPath);
      continue;
    }
    const under = path.relative(root, targetPath).split(path.sep).join('/');
    const listed = await listFolderFiles(fileSystem, state, checkedExtensions, { under });
    if (listed.truncated)
      warnings.push(`${target}: the walk stopped at its bound; name subfolders to check the rest`);
    files.push(...listed.files.map((file) => path.join(root, file)));
  }
  return { files, warnings };
}
