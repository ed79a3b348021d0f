import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

/**
 * The suppressions file's content, ESLint's format: per file (relative to the working folder,
 * `/`-separated), per code, how many findings are suppressed.
 */
export type Suppressions = Record<string, Record<string, { count: number }>>;

/** One checked file's findings as suppressions see them. */
export interface SuppressedFile {
  /** The path relative to the working folder, `/`-separated: the suppressions file's key. */
  path: string;
  diagnostics: Diagnostic[];
}

/**
 * Whether a finding can be suppressed: errors and warnings, what can fail a build (with
 * `--max-warnings`). ESLint suppresses errors only, but the rules here warn by default.
 */
function isSuppressible(diagnostic: Diagnostic): boolean {
  const severity = diagnostic.severity ?? DiagnosticSeverity.Error;
  return severity === DiagnosticSeverity.Error || severity === DiagnosticSeverity.Warning;
}

function countByCode(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const diagnostic of diagnostics) {
    if (!isSuppressible(diagnostic)) continue;
    const code = String(diagnostic.code);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/**
 * Reads a suppressions file's text; throws an error saying what is wrong with it. A `count`
 * that is not a whole number is refused rather than guessed at.
 */
export function parseSuppressions(text: string): Suppressions {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw new Error('not a JSON object of files');
  const suppressions: Suppressions = {};
  for (const [file, codes] of Object.entries(value)) {
    if (!isObject(codes)) throw new Error(`"${file}" is not an object of codes`);
    suppressions[file] = {};
    for (const [code, entry] of Object.entries(codes)) {
      const count = isObject(entry) ? entry.count : undefined;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
        throw new Error(`"${file}" › "${code}" has no whole "count"`);
      suppressions[file][code] = { count };
    }
  }
  return suppressions;
}

/** The file's text: files and codes sorted, so that it changes only where the counts do. */
export function formatSuppressions(suppressions: Suppressions): string {
  const sorted: Suppressions = {};
  for (const file of Object.keys(suppressions).sort()) {
    const codes = suppressions[file]!;
    const keys = Object.keys(codes).sort();
    if (keys.length === 0) continue;
    sorted[file] = Object.fromEntries(keys.map((code) => [code, { count: codes[code]!.count }]));
  }
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/**
 * `--suppress-all` (no `codes`) or `--suppress-rule`: the checked files' current counts of the
 * codes replace what was recorded for them; other files and codes keep their entries.
 */
export function suppress(
  suppressions: Suppressions,
  files: readonly SuppressedFile[],
  codes?: readonly string[],
): Suppressions {
  const next = structuredClone(suppressions);
  for (const file of files) {
    for (const [code, count] of countByCode(file.diagnostics)) {
      if (codes && !codes.includes(code)) continue;
      (next[file.path] ??= {})[code] = { count };
    }
  }
  return next;
}

/** What applying the suppressions leaves. */
export interface AppliedSuppressions<F extends SuppressedFile> {
  /** The files with the findings still reported. */
  files: F[];
  /** How many findings were suppressed. */
  suppressed: number;
  /** Of the checked files, the counts recorded beyond what still occurs. */
  unused: Suppressions;
}

/**
 * ESLint's rule: when a file has no more findings of a code than are recorded, they are all
 * suppressed; when it has more, all of them are reported, since which are new cannot be told.
 */
export function applySuppressions<F extends SuppressedFile>(
  suppressions: Suppressions,
  files: readonly F[],
): AppliedSuppressions<F> {
  const unused: Suppressions = {};
  let suppressed = 0;
  const kept = files.map((file) => {
    const recorded = suppressions[file.path];
    if (!recorded) return file;
    const counts = countByCode(file.diagnostics);
    const hidden = new Set<string>();
    for (const [code, { count }] of Object.entries(recorded)) {
      const found = counts.get(code) ?? 0;
      if (found <= count) {
        hidden.add(code);
        suppressed += found;
      }
      if (found < count) (unused[file.path] ??= {})[code] = { count: count - found };
    }
    if (hidden.size === 0) return file;
    return {
      ...file,
      diagnostics: file.diagnostics.filter(
        (d) => !(isSuppressible(d) && hidden.has(String(d.code))),
      ),
    };
  });
  return { files: kept, suppressed, unused };
}

/** `--prune-suppressions`: the recorded counts lowered by what no longer occurs; emptied entries go. */
export function prune(suppressions: Suppressions, unused: Suppressions): Suppressions {
  const next = structuredClone(suppressions);
  for (const [file, codes] of Object.entries(unused)) {
    const entry = next[file];
    if (!entry) continue;
    for (const [code, { count }] of Object.entries(codes)) {
      const recorded = entry[code];
      if (!recorded) continue;
      if (recorded.count <= count) delete entry[code];
      else recorded.count -= count;
    }
    if (Object.keys(entry).length === 0) delete next[file];
  }
  return next;
}

/** How many findings the unused entries stand for. */
export function countSuppressions(suppressions: Suppressions): number {
  return Object.values(suppressions)
    .flatMap((codes) => Object.values(codes))
    .reduce((sum, { count }) => sum + count, 0);
}
