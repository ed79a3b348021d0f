/** The parsed command line of `api-error-contracts`. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'check' } & CheckOptions)
  | ({ kind: 'coverage' } & CoverageOptions)
  | { kind: 'error'; message: string; debug: boolean };

/** How many threads check files, the main one among them: `auto` (one per two cores, by files), `off` (the main thread alone), or a count. */
export type Concurrency = 'auto' | 'off' | number;

/** What `check` and `coverage` share, named after ESLint's options. */
export interface RunOptions {
  /** Files and folders to check, relative to the working folder. */
  paths: string[];
  /** Where the report goes instead of standard output. */
  outputFile?: string;
  concurrency: Concurrency;
  /** Reuse the results of files unchanged since the last run with the same contracts. */
  cache: boolean;
  /** The cache file, relative to the working folder; undefined: {@link defaultCacheFile}. */
  cacheLocation?: string;
  /** Stack traces for internal errors. */
  debug: boolean;
}

/** The options of `coverage`. */
export interface CoverageOptions extends RunOptions {
  format: CoverageFormat;
}

/** The options of `check`, named after ESLint's. */
export interface CheckOptions extends RunOptions {
  format: OutputFormat;
  /** Only errors are reported (warnings still count for {@link maxWarnings}). */
  quiet: boolean;
  /** More warnings than this exits 1; undefined: no limit. */
  maxWarnings?: number;
  /** Write the preferred quick fix of each finding to the files. */
  fix: boolean;
  /** Print the preferred quick fixes as a diff, writing nothing. */
  fixDryRun: boolean;
  /** Record every current error and warning in the suppressions file. */
  suppressAll: boolean;
  /** Record the current errors and warnings of these codes in the suppressions file. */
  suppressRules: string[];
  /** The suppressions file, relative to the working folder; undefined: the default name there. */
  suppressionsLocation?: string;
  /** Lower the suppressions file's counts to what still occurs. */
  pruneSuppressions: boolean;
  /** Suppressions that no longer occur do not make the run fail. */
  passOnUnprunedSuppressions: boolean;
}

/** Output formats of `check`. */
export type OutputFormat = 'text' | 'compact' | 'json' | 'sarif' | 'gitlab';

/** Output formats of `coverage`. */
export type CoverageFormat = 'text' | 'json' | 'markdown';

/** The cache file `--cache` reads and writes by default, as ESLint's `.eslintcache`. */
export const defaultCacheFile = '.api-error-contracts-cache';

/** The suppressions file `check` reads, and writes with `--suppress-all`, by default. */
export const defaultSuppressionsFile = 'api-error-contracts-suppressions.json';

export const usage = `Usage: api-error-contracts <command> [options]

Holds JSON and TypeScript/JavaScript files against the documented error contracts of the HTTP
APIs they talk to, and prints the same diagnostics as the editor.

Commands:
  check [paths...]                  Check files and folders (default: the current folder)
  coverage [paths...]               Report, per API and operation, how the calls treat each
                                    documented status (handled, retried, passed on, missed)

Options of check:
  --format <format>                 text (default), compact, json, sarif or gitlab
  -o, --output-file <file>          Write the report to a file instead of standard output
  --quiet                           Report errors only
  --max-warnings <n>                Exit 1 when there are more than n warnings
  --fix                             Apply each finding's preferred quick fix to the files (a retry
                                    for a status the API asks to retry, else a branch), re-checked
  --fix-dry-run                     Print those fixes as a diff, writing nothing
  --suppress-all                    Record every current error and warning as suppressed
  --suppress-rule <code>            Record the current errors and warnings of one code (repeatable)
  --suppressions-location <file>    The suppressions file (default: ${defaultSuppressionsFile})
  --prune-suppressions              Drop suppressions that no longer occur
  --pass-on-unpruned-suppressions   Do not fail when suppressions no longer occur

Options of check and coverage:
  --concurrency <auto|off|n>        Threads checking files, the main one among them (default:
                                    auto: one per two cores, by files; off: the main thread only)
  --cache                           Reuse the results of unchanged files (by their content, the
                                    modules they import, the config, specs, catalogs and version)
  --cache-location <file>           The cache file (default: ${defaultCacheFile})
  --debug                           Show stack traces of internal errors

Options of coverage:
  --format <format>                 text (default), json or markdown (for a pull-request comment)
  -o, --output-file <file>          Write the report to a file instead of standard output

Options:
  -h, --help                        Show this help
  -v, --version                     Show the version

Run it from the project root: it reads api-error-contracts.json and the OpenAPI documents and
catalogs there, as the editor does.

Exit codes: 0 no errors (and no more warnings than --max-warnings), 1 errors found or too many
warnings, 2 bad usage, a file that cannot be checked, a config, spec, catalog or suppressions file
that cannot be used, or suppressions that no longer occur (the message names the file and the
problem; everything else is still checked and reported). coverage exits 0 once the report is
written, whatever it finds, and 2 for the same bad input as check.`;

const formats: OutputFormat[] = ['text', 'compact', 'json', 'sarif', 'gitlab'];
const coverageFormats: CoverageFormat[] = ['text', 'json', 'markdown'];

/** Parses `argv` (without node and the script path). */
export function parseArguments(argv: string[]): CliCommand {
  const debug = argv.includes('--debug');
  const fail = (message: string): CliCommand => ({ kind: 'error', message, debug });
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'coverage') return fail(`unknown command '${command}'`);
  const options: CheckOptions = {
    paths: [],
    format: 'text',
    concurrency: 'auto',
    cache: false,
    quiet: false,
    fix: false,
    fixDryRun: false,
    suppressAll: false,
    suppressRules: [],
    pruneSuppressions: false,
    passOnUnprunedSuppressions: false,
    debug,
  };
  const flags: Record<string, () => void> = {
    '--quiet': () => (options.quiet = true),
    '--fix': () => (options.fix = true),
    '--fix-dry-run': () => (options.fixDryRun = true),
    '--suppress-all': () => (options.suppressAll = true),
    '--prune-suppressions': () => (options.pruneSuppressions = true),
    '--pass-on-unpruned-suppressions': () => (options.passOnUnprunedSuppressions = true),
    '--cache': () => (options.cache = true),
    '--debug': () => undefined,
  };
  const valued = [
    '--format',
    '--output-file',
    '-o',
    '--max-warnings',
    '--suppress-rule',
    '--suppressions-location',
    '--concurrency',
    '--cache-location',
  ];
  // Options of check that mean nothing to a coverage report.
  const checkOnly = new Set([
    '--quiet',
    '--fix',
    '--fix-dry-run',
    '--suppress-all',
    '--prune-suppressions',
    '--pass-on-unpruned-suppressions',
    '--max-warnings',
    '--suppress-rule',
    '--suppressions-location',
  ]);
  let coverageFormat: CoverageFormat = 'text';
  for (let i = 0; i < rest.length; i++) {
    const argument = rest[i]!;
    const equals = argument.indexOf('=');
    const name = argument.startsWith('--') && equals > 0 ? argument.slice(0, equals) : argument;
    if (command === 'coverage' && checkOnly.has(name))
      return fail(`${name} is an option of check, not of coverage`);
    if (flags[name] && name === argument) {
      flags[name]();
      continue;
    }
    if (!valued.includes(name)) {
      if (argument.startsWith('-') && argument !== '-') return fail(`unknown option '${argument}'`);
      options.paths.push(argument);
      continue;
    }
    const value = name === argument ? rest[++i] : argument.slice(equals + 1);
    if (value === undefined || value === '') return fail(`${name} needs a value`);
    switch (name) {
      case '--format':
        if (command === 'coverage') {
          if (!coverageFormats.includes(value as CoverageFormat))
            return fail(
              `--format of coverage must be one of ${coverageFormats.join(', ')}, not '${value}'`,
            );
          coverageFormat = value as CoverageFormat;
          break;
        }
        if (!formats.includes(value as OutputFormat))
          return fail(`--format must be one of ${formats.join(', ')}, not '${value}'`);
        options.format = value as OutputFormat;
        break;
      case '-o':
      case '--output-file':
        options.outputFile = value;
        break;
      case '--max-warnings':
        if (!/^\d+$/.test(value))
          return fail(`--max-warnings needs a whole number of warnings, not '${value}'`);
        options.maxWarnings = Number(value);
        break;
      case '--suppress-rule':
        options.suppressRules.push(value);
        break;
      case '--suppressions-location':
        options.suppressionsLocation = value;
        break;
      case '--concurrency':
        if (value === 'auto' || value === 'off') options.concurrency = value;
        else if (/^[1-9]\d*$/.test(value)) options.concurrency = Number(value);
        else return fail(`--concurrency must be auto, off or a number of threads, not '${value}'`);
        break;
      case '--cache-location':
        options.cacheLocation = value;
        break;
    }
  }
  if (options.paths.length === 0) options.paths.push('.');
  if (command === 'coverage') {
    const { paths, outputFile, concurrency, cache, cacheLocation } = options;
    return {
      kind: 'coverage',
      paths,
      format: coverageFormat,
      concurrency,
      cache,
      debug,
      ...(outputFile !== undefined && { outputFile }),
      ...(cacheLocation !== undefined && { cacheLocation }),
    };
  }
  // The same combinations ESLint refuses, for the same reasons.
  if (options.fix && options.fixDryRun)
    return fail('--fix and --fix-dry-run cannot be used together');
  if (options.suppressAll && options.suppressRules.length > 0)
    return fail('--suppress-all and --suppress-rule cannot be used together');
  if (options.pruneSuppressions && (options.suppressAll || options.suppressRules.length > 0))
    return fail(
      `--prune-suppressions and --${options.suppressAll ? 'suppress-all' : 'suppress-rule'} cannot be used together`,
    );
  return { kind: 'check', ...options };
}
