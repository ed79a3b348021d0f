import { parse as parseJsonc } from 'jsonc-parser';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProjectFiles } from '../service/code/projectModules';
import type { WorkspaceFileSystem } from './workspaceFileSystem';

/** What an import may name, in the order TypeScript and bundlers try it. */
const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const configNames = ['tsconfig.json', 'jsconfig.json'];

/** The module resolution settings of a `tsconfig.json` or `jsconfig.json`. */
interface ModuleConfig {
  /** Where non-relative imports and `paths` targets resolve from. */
  baseDir: string;
  /** Whether `baseUrl` is set, so that `utils/api` is looked up there too. */
  hasBaseUrl: boolean;
  /** `compilerOptions.paths`: pattern (at most one `*`) → targets. */
  paths: [string, string[]][];
}

/**
 * The project's source files for the code analysis, read through the workspace file system
 * (never outside it; open documents as edited): relative imports resolved the way TypeScript and
 * bundlers do (the extension added or swapped, `index` files), and the `paths` and `baseUrl` of
 * the nearest `tsconfig.json` or `jsconfig.json` (`@/utils/api`). Packages are not read.
 */
export function createProjectFiles(
  fileSystem: WorkspaceFileSystem,
  openText: (uri: string) => string | undefined = () => undefined,
): ProjectFiles {
  // Each module is read from disk once per instance (the server makes a new one when files
  // change on disk); open documents are read as they are now.
  const onDisk = new Map<string, string | undefined>();
  const read = (uri: string) => {
    const open = openText(uri);
    if (open !== undefined) return open;
    if (!onDisk.has(uri)) onDisk.set(uri, fileSystem.readFileNow(uri));
    return onDisk.get(uri);
  };
  const configs = new Map<string, ModuleConfig | undefined>();
  const resolved = new Map<string, string | undefined>();

  /** The config that applies to the files of `folder`: the nearest one up the tree. */
  const configFor = (folder: string): ModuleConfig | undefined => {
    if (configs.has(folder)) return configs.get(folder);
    let config: ModuleConfig | undefined;
    for (const name of configNames) {
      const text = read(pathToFileURL(path.join(folder, name)).href);
      if (text === undefined) continue;
      config = readModuleConfig(folder, text);
      break;
    }
    const parent = path.dirname(folder);
    if (!config && parent !== folder) config = configFor(parent);
    configs.set(folder, config);
    return config;
  };

  const firstFile = (base: string): string | undefined => {
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
  };

  const resolve = (folder: string, specifier: string): string | undefined => {
    if (specifier.startsWith('.')) return firstFile(path.resolve(folder, specifier));
    const config = configFor(folder);
    if (!config) return undefined;
    for (const [pattern, targets] of config.paths) {
      const star = pattern.indexOf('*');
      const matched =
        star < 0
          ? pattern === specifier
            ? ''
            : undefined
          : specifier.startsWith(pattern.slice(0, star)) &&
              specifier.endsWith(pattern.slice(star + 1)) &&
              specifier.length >= pattern.length - 1
            ? specifier.slice(star, specifier.length - (pattern.length - star - 1))
            : undefined;
      if (matched === undefined) continue;
      for (const target of targets) {
        const found = firstFile(path.resolve(config.baseDir, target.replace('*', matched)));
        if (found) return found;
      }
    }
    return config.hasBaseUrl ? firstFile(path.resolve(config.baseDir, specifier)) : undefined;
  };

  return {
    resolveModule(fromUri, specifier) {
      if (!fromUri.startsWith('file:')) return undefined;
      const folder = path.dirname(fileURLToPath(fromUri));
      const key = `${folder}\n${specifier}`;
      if (!resolved.has(key)) resolved.set(key, resolve(folder, specifier));
      return resolved.get(key);
    },
    readFile: read,
  };
}

function readModuleConfig(folder: string, text: string): ModuleConfig | undefined {
  const value: unknown = parseJsonc(text, [], { allowTrailingComma: true });
  const options =
    typeof value === 'object' && value !== null
      ? (value as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } }).compilerOptions
      : undefined;
  if (!options) return { baseDir: folder, hasBaseUrl: false, paths: [] };
  const baseUrl = typeof options.baseUrl === 'string' ? options.baseUrl : undefined;
  const paths =
    typeof options.paths === 'object' && options.paths !== null
      ? Object.entries(options.paths as Record<string, unknown>).flatMap(([pattern, targets]) =>
          Array.isArray(targets)
            ? [
                [
                  pattern,
                  targets.filter((target): target is string => typeof target === 'string'),
                ] as [string, string[]],
              ]
            : [],
        )
      : [];
  return {
    baseDir: baseUrl === undefined ? folder : path.resolve(folder, baseUrl),
    hasBaseUrl: baseUrl !== undefined,
    paths,
  };
}
