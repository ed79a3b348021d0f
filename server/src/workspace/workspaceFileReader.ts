import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpecFileReader } from '../service/openapi/loadOpenApiDocument';

/** The largest file the loader reads; a spec bigger than this is almost certainly not hand-maintained text. */
const maxFileBytes = 32 * 1024 * 1024;

/**
 * Reads files for the loaders, only inside the workspace folders: a `$ref` or a config path that
 * leads out of the workspace (`../../etc/passwd`, a symlink pointing elsewhere) is refused, and
 * only `file:` URIs are served.
 */
export function createWorkspaceFileReader(folders: readonly string[]): SpecFileReader {
  const roots = Promise.all(
    folders.map((folder) => fs.realpath(folder).catch(() => path.resolve(folder))),
  );
  return {
    async readFile(uri) {
      if (!uri.startsWith('file:')) throw new Error('only files in the workspace are read');
      const filePath = fileURLToPath(uri);
      const outside = new Error('it is outside the workspace, which is never read');
      if (!folders.some((folder) => isInside(path.resolve(filePath), path.resolve(folder))))
        throw outside;
      let real: string;
      try {
        real = await fs.realpath(filePath);
      } catch {
        throw new Error(`${path.basename(filePath)} does not exist`);
      }
      // A symbolic link inside the workspace may still lead out of it.
      if (!(await roots).some((root) => isInside(real, root))) throw outside;
      const stat = await fs.stat(real);
      if (!stat.isFile()) throw new Error(`${path.basename(filePath)} is not a file`);
      if (stat.size > maxFileBytes)
        throw new Error(
          `${path.basename(filePath)} is larger than ${maxFileBytes / 1024 / 1024} MB`,
        );
      return fs.readFile(real, 'utf8');
    },
  };
}

/** Whether `file` lies in `folder` (or is it). */
export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
