import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProjectFiles } from '../service/code/projectModules';
import type { WorkspaceFileSystem } from './workspaceFileSystem';

/** What a relative import may name, in the order TypeScript and bundlers try it. */
const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * The project's source files for the code analysis: relative imports resolved the way
 * TypeScript and bundlers do (the extension added or swapped, `index` files), read through the
 * workspace file system (never outside it), open documents as edited.
 */
export function createProjectFiles(
  fileSystem: WorkspaceFileSystem,
  openText: (uri: string) => string | undefined = () => undefined,
): ProjectFiles {
  const read = (uri: string) => openText(uri) ?? fileSystem.readFileNow(uri);
  return {
    resolveModule(fromUri, specifier) {
      if (!fromUri.startsWith('file:') || !specifier.startsWith('.')) return undefined;
      const base = path.resolve(path.dirname(fileURLToPath(fromUri)), specifier);
      // `./api.js` in TypeScript written for ESM names `./api.ts`.
      const stem = base.replace(/\.[cm]?jsx?$/, '');
      const candidates = [
        ...(stem === base ? [] : sourceExtensions.map((extension) => stem + extension)),
        base,
        ...sourceExtensions.map((extension) => base + extension),
        ...sourceExtensions.map((extension) => path.join(base, `index${extension}`)),
      ];
      for (const candidate of candidates) {
        if (!sourceExtensions.includes(path.extname(candidate))) continue;
        const uri = pathToFileURL(candidate).href;
        if (read(uri) !== undefined) return uri;
      }
      return undefined;
    },
    readFile: read,
  };
}
