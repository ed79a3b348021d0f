import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CallCoverage } from '../service/code/contractCoverage';
import type { ProjectFiles } from '../service/code/projectModules';
import { contentHash, type FileResult, type Resolution } from './fileChecker';

/** Bumped when what a cache entry holds changes, so an older file is ignored, not misread. */
const cacheFormat = 1;

interface CacheEntry {
  hash: string;
  dependencies: [string, string][];
  resolutions: Resolution[];
  lines: Record<number, string>;
  diagnostics: Diagnostic[];
  coverage: CallCoverage[];
}

interface CacheFile {
  format: number;
  /** The tool version, config, specs and catalogs the entries were computed with. */
  contracts: string;
  /** By the file's path as shown (relative to the working folder). */
  files: Record<string, CacheEntry>;
}

/** `--cache`: the results of the last runs, reused for files whose inputs have not changed. */
export interface ResultCache {
  /** The cached result of `file` (shown as `shown`) when the file, the modules its analysis read and their resolutions are as they were. */
  lookup(file: string, shown: string): FileResult | undefined;
  /** Records a fresh result; results with problems or fixes are not cacheable and are skipped. */
  store(shown: string, result: FileResult): void;
  /** Writes the cache file when a result changed; an error is the caller's to report. */
  save(): void;
}

/**
 * The cache at `location`, valid for `contracts` (a hash of the tool version and every
 * workspace file the contracts were loaded from): a cache for other contracts starts empty.
 * `projectFiles` reads the current files for the checks of dependencies and resolutions.
 */
export function openResultCache(
  location: string,
  contracts: string,
  projectFiles: ProjectFiles,
): ResultCache {
  let files: Record<string, CacheEntry> = {};
  try {
    const read = JSON.parse(fs.readFileSync(location, 'utf8')) as Partial<CacheFile>;
    if (read.format === cacheFormat && read.contracts === contracts && read.files)
      files = read.files;
  } catch {
    // No cache yet, or one that cannot be read: every file is checked and the cache rewritten.
  }
  // An unchanged tree leaves the cache as it was: not written again.
  let changed = false;
  const hashes = new Map<string, string>();
  const currentHash = (uri: string): string => {
    let hash = hashes.get(uri);
    if (hash === undefined) {
      const text = projectFiles.readFile(uri);
      hash = text === undefined ? '' : contentHash(text);
      hashes.set(uri, hash);
    }
    return hash;
  };
  return {
    lookup(file, shown) {
      const entry = files[shown];
      if (!entry) return undefined;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      if (contentHash(text) !== entry.hash) return undefined;
      // An import that now resolves elsewhere (a new file, a changed tsconfig) or a module that
      // changed can change the file's findings.
      for (const [uri, hash] of entry.dependencies) if (currentHash(uri) !== hash) return undefined;
      for (const [from, specifier, resolved] of entry.resolutions)
        if ((projectFiles.resolveModule(from, specifier) ?? null) !== resolved) return undefined;
      return {
        file,
        report: { path: shown, lines: entry.lines, diagnostics: entry.diagnostics },
        coverage: entry.coverage,
        problems: [],
        hash: entry.hash,
        dependencies: entry.dependencies,
        resolutions: entry.resolutions,
      };
    },
    store(shown, result) {
      if (
        !result.report ||
        result.report.diff ||
        result.problems.length > 0 ||
        result.hash === undefined
      ) {
        if (shown in files) changed = true;
        delete files[shown];
        return;
      }
      changed = true;
      files[shown] = {
        hash: result.hash,
        dependencies: result.dependencies ?? [],
        resolutions: result.resolutions ?? [],
        lines: result.report.lines,
        diagnostics: result.report.diagnostics,
        coverage: result.coverage,
      };
    },
    save() {
      if (!changed && fs.existsSync(location)) return;
      fs.mkdirSync(path.dirname(location), { recursive: true });
      const cache: CacheFile = { format: cacheFormat, contracts, files };
      fs.writeFileSync(location, JSON.stringify(cache));
    },
  };
}
