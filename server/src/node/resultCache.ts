import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CallCoverage } from '../service/code/contractCoverage';
import type { ProjectFiles } from '../service/code/projectModules';
import { contentHash, type FileResult, type Resolution } from './fileChecker';

/** Bumped when what a cache entry holds changes, so an older file is ignored, not misread. */
const cacheFormat = 2;

/**
 * One file's results, by reference to the cache's tables: a tree's findings repeat the same
 * message, data and link in file after file, and its files the same imported modules.
 */
interface CacheEntry {
  hash: string;
  /** `[module, content hash]`, the module an index into {@link CacheFile.modules}. */
  dependencies: [number, string][];
  /** `[from, specifier, resolved]`, modules as indices into {@link CacheFile.modules}, -1 for none. */
  resolutions: [number, string, number][];
  lines: Record<number, string>;
  /** `[finding, start line, start character, end line, end character]`, the finding an index into {@link CacheFile.diagnostics}. */
  diagnostics: [number, number, number, number, number][];
  /** `[call, line, character]`, the call an index into {@link CacheFile.coverage}. */
  coverage: [number, number, number][];
}

interface CacheFile {
  format: number;
  /** The tool version, config, specs and catalogs the entries were computed with. */
  contracts: string;
  /** The URIs of the modules the entries name. */
  modules: string[];
  /** Each distinct finding, with its `range` null. */
  diagnostics: Diagnostic[];
  /** Each distinct call's coverage, at line and character 0. */
  coverage: CallCoverage[];
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

/** A table of distinct values, each kept once and named by its index. */
interface Table<T> {
  values: T[];
  indexOf(value: T): number;
}

function createTable<T>(values: T[], keyOf: (value: T) => string): Table<T> {
  const indices = new Map<string, number>();
  values.forEach((value, index) => indices.set(keyOf(value), index));
  return {
    values,
    indexOf(value) {
      const key = keyOf(value);
      let index = indices.get(key);
      if (index === undefined) {
        index = values.push(value) - 1;
        indices.set(key, index);
      }
      return index;
    },
  };
}

const findingKey = (d: Diagnostic) => JSON.stringify(d);
const callKey = (c: CallCoverage) => JSON.stringify(c);

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
  let read: Partial<CacheFile> = {};
  try {
    const parsed = JSON.parse(fs.readFileSync(location, 'utf8')) as Partial<CacheFile>;
    if (
      parsed.format === cacheFormat &&
      parsed.contracts === contracts &&
      parsed.files &&
      parsed.modules &&
      parsed.diagnostics &&
      parsed.coverage
    )
      read = parsed;
  } catch {
    // No cache yet, or one that cannot be read: every file is checked and the cache rewritten.
  }
  const files: Record<string, CacheEntry> = read.files ?? {};
  const modules = createTable(read.modules ?? [], (uri) => uri);
  const findings = createTable(read.diagnostics ?? [], findingKey);
  const calls = createTable(read.coverage ?? [], callKey);
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
  const moduleAt = (index: number): string | null =>
    index < 0 ? null : (modules.values[index] ?? null);
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
      const dependencies = entry.dependencies.map(([module, hash]): [string, string] => [
        moduleAt(module) ?? '',
        hash,
      ]);
      for (const [uri, hash] of dependencies) if (currentHash(uri) !== hash) return undefined;
      const resolutions = entry.resolutions.map(([from, specifier, resolved]): Resolution => [
        moduleAt(from) ?? '',
        specifier,
        moduleAt(resolved),
      ]);
      for (const [from, specifier, resolved] of resolutions)
        if ((projectFiles.resolveModule(from, specifier) ?? null) !== resolved) return undefined;
      const diagnostics = entry.diagnostics.map(([finding, sl, sc, el, ec]) => ({
        // The key keeps its place: the finding reads as it was reported.
        ...findings.values[finding]!,
        range: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
      }));
      const coverage = entry.coverage.map(([call, line, character]) => ({
        ...calls.values[call]!,
        line,
        character,
      }));
      return {
        file,
        report: { path: shown, lines: entry.lines, diagnostics },
        coverage,
        problems: [],
        hash: entry.hash,
        dependencies,
        resolutions,
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
      const moduleIndex = (uri: string | null) => (uri === null ? -1 : modules.indexOf(uri));
      files[shown] = {
        hash: result.hash,
        dependencies: (result.dependencies ?? []).map(([uri, hash]) => [moduleIndex(uri), hash]),
        resolutions: (result.resolutions ?? []).map(([from, specifier, resolved]) => [
          moduleIndex(from),
          specifier,
          moduleIndex(resolved),
        ]),
        lines: result.report.lines,
        diagnostics: result.report.diagnostics.map((d) => {
          const { start, end } = d.range;
          return [
            findings.indexOf({ ...d, range: null as never }),
            start.line,
            start.character,
            end.line,
            end.character,
          ];
        }),
        coverage: result.coverage.map((c) => [
          calls.indexOf({ ...c, line: 0, character: 0 }),
          c.line,
          c.character,
        ]),
      };
    },
    save() {
      if (!changed && fs.existsSync(location)) return;
      // Only what the entries still name is written: a replaced entry's findings are dropped.
      const renumber = <T>(table: Table<T>) => {
        const kept: T[] = [];
        const numbers = new Map<number, number>();
        const number = (index: number) => {
          if (index < 0) return -1;
          let renumbered = numbers.get(index);
          if (renumbered === undefined) {
            renumbered = kept.push(table.values[index]!) - 1;
            numbers.set(index, renumbered);
          }
          return renumbered;
        };
        return { kept, number };
      };
      const usedModules = renumber(modules);
      const usedFindings = renumber(findings);
      const usedCalls = renumber(calls);
      const written: Record<string, CacheEntry> = {};
      for (const [shown, entry] of Object.entries(files))
        written[shown] = {
          ...entry,
          dependencies: entry.dependencies.map(([index, hash]) => [
            usedModules.number(index),
            hash,
          ]),
          resolutions: entry.resolutions.map(([from, specifier, resolved]) => [
            usedModules.number(from),
            specifier,
            usedModules.number(resolved),
          ]),
          diagnostics: entry.diagnostics.map(([index, ...range]) => [
            usedFindings.number(index),
            ...range,
          ]),
          coverage: entry.coverage.map(([index, ...at]) => [usedCalls.number(index), ...at]),
        };
      fs.mkdirSync(path.dirname(location), { recursive: true });
      const cache: CacheFile = {
        format: cacheFormat,
        contracts,
        modules: usedModules.kept,
        diagnostics: usedFindings.kept,
        coverage: usedCalls.kept,
        files: written,
      };
      fs.writeFileSync(location, JSON.stringify(cache));
    },
  };
}
