import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  defaultCacheFile,
  defaultSuppressionsFile,
  parseArguments,
  usage,
  type CheckOptions,
  type CoverageOptions,
  type RunOptions,
} from '../cli/arguments';
import { formatCoverage } from '../cli/formatCoverage';
import { formatReport, type FileProblem, type FileReport } from '../cli/formatReport';
import {
  applySuppressions,
  countSuppressions,
  formatSuppressions,
  parseSuppressions,
  prune,
  suppress,
  type Suppressions,
} from '../cli/suppressions';
import { summariseCoverage } from '../service/code/contractCoverage';
import { createProjectFiles } from '../workspace/projectFiles';
import type { WorkspaceContracts } from '../workspace/workspaceContracts';
import { createWorkspaceFileSystem, isInside } from '../workspace/workspaceFileSystem';
import { version } from '../../../package.json';
import { listCheckedFiles } from './checkedFiles';
import { checkFiles, isCheckWorker, runCheckWorker, threadsFor } from './checkPool';
import {
  contentHash,
  createFileChecker,
  loadWorkspace,
  recordingFileSystem,
  shownPath,
  type FileResult,
} from './fileChecker';
import { openResultCache } from './resultCache';

const say = (line: string): void => void process.stderr.write(`api-error-contracts: ${line}\n`);

async function main(argv: string[]): Promise<number> {
  const command = parseArguments(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${usage}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${version}\n`);
      return 0;
    case 'error':
      process.stderr.write(`api-error-contracts: ${command.message}\n\n${usage}\n`);
      return 2;
    case 'check':
      return check(command);
    case 'coverage':
      return coverage(command);
  }
}

/** What is wrong, with the stack only when asked for: a user is told the problem, not our code. */
function describeError(error: unknown, debug: boolean): string {
  if (!(error instanceof Error)) return String(error);
  return debug && error.stack ? error.stack : error.message;
}

/** The result of checking every file of a run, in the order the targets list them. */
interface RunResults {
  results: FileResult[];
  workspace: WorkspaceContracts;
}

/**
 * Lists the targets' files, loads the workspace, and checks each file, on worker threads when
 * `--concurrency` allows, reusing `--cache` results of files whose inputs have not changed.
 * Targets and files that cannot be used are added to `problems`.
 */
async function checkTargets(
  options: RunOptions & { fix: boolean; fixDryRun: boolean; coverage: boolean },
  ownFiles: Set<string>,
  problems: FileProblem[],
): Promise<RunResults> {
  // The current folder is the workspace: the same specs, catalogs, config and files as the
  // editor, read through the same file system, which reads nothing outside it.
  const root = process.cwd();
  const fileSystem = createWorkspaceFileSystem([root]);
  const cacheLocation = path.resolve(root, options.cacheLocation ?? defaultCacheFile);
  ownFiles.add(cacheLocation);

  const listed = await listCheckedFiles(fileSystem, root, options.paths);
  problems.push(...listed.problems);
  for (const warning of listed.warnings) say(warning);
  const files = listed.files.filter((file) => !ownFiles.has(file));
  const recorded = recordingFileSystem(fileSystem);
  const workspace = await loadWorkspace(root, recorded.fileSystem);
  const checked = new Set(files.map((file) => pathToFileURL(file).href));
  // A YAML spec is not among the checked files, but its load problems are the project's.
  for (const uri of workspace.getProblemUris()) {
    const file = fileURLToPath(uri);
    if (
      !checked.has(uri) &&
      options.paths.some((target) => isInside(file, path.resolve(root, target)))
    )
      files.push(file);
  }

  // What every result depends on: the tool and every file the contracts were loaded from.
  const contracts = contentHash(
    JSON.stringify([
      version,
      [...recorded.read]
        // The run's own files (a report or the cache in the tree) are read as candidate specs
        // and catalogs; they change with every run and mean nothing to the contracts.
        .filter(([uri]) => !ownFiles.has(fileURLToPath(uri)))
        .map(([uri, text]) => [uri, contentHash(text)])
        .sort(),
    ]),
  );
  const cache = options.cache
    ? openResultCache(cacheLocation, contracts, createProjectFiles(fileSystem))
    : undefined;
  const results: FileResult[] = new Array(files.length);
  const pending: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const cached =
      options.fix || options.fixDryRun
        ? undefined
        : cache?.lookup(files[i]!, shownPath(root, files[i]!));
    if (cached) results[i] = cached;
    else pending.push(i);
  }
  const checkerOptions = {
    root,
    fix: options.fix,
    fixDryRun: options.fixDryRun,
    // A cached result serves both commands.
    coverage: options.coverage || options.cache,
    cache: options.cache,
    debug: options.debug,
  };
  const intern = createInterner();
  await checkFiles(
    pending.map((i) => files[i]!),
    threadsFor(options.concurrency, pending.length),
    checkerOptions,
    () => createFileChecker(checkerOptions, { fileSystem, workspace }),
    (index, result) => {
      // A tree's findings repeat the same messages and links: kept once, not once per file.
      if (result.report) result.report.diagnostics = intern(result.report.diagnostics);
      results[pending[index]!] = result;
      cache?.store(shownPath(root, result.file), result);
    },
  );
  if (cache) {
    try {
      cache.save();
    } catch (error) {
      // The run's results stand; the next run is only slower.
      say(
        `${shownPath(root, cacheLocation)}: the cache could not be written: ${(error as Error).message}`,
      );
    }
  }
  return { results, workspace };
}

/**
 * A function that returns its argument with every string in it replaced by the first equal string
 * it has seen: results come from worker threads as copies, each with strings of its own.
 */
function createInterner(): <T>(value: T) => T {
  const strings = new Map<string, string>();
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const known = strings.get(value);
      if (known !== undefined) return known;
      strings.set(value, value);
      return value;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) record[key] = visit(record[key]);
    }
    return value;
  };
  return (value) => visit(value) as typeof value;
}

/** A config, spec or catalog that cannot be used is bad input, not a finding: each such problem, with where it is. */
function workspaceProblems(workspace: WorkspaceContracts): FileProblem[] {
  const root = process.cwd();
  return workspace.getProblemUris().flatMap((uri) =>
    workspace
      .getProblems(uri)
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => ({
        path: `${shownPath(root, fileURLToPath(uri))}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
        message: typeof d.message === 'string' ? d.message : d.message.value,
      })),
  );
}

/** Writes the report to `--output-file` or standard output; false (after saying why) when it cannot be written. */
function writeOutput(outputFile: string | undefined, output: string): boolean {
  if (outputFile === undefined) {
    process.stdout.write(output);
    return true;
  }
  try {
    const outputPath = path.resolve(process.cwd(), outputFile);
    fs.mkdirSync(path.dirname(outputPath), { recursive: true });
    fs.writeFileSync(outputPath, output);
    return true;
  } catch (error) {
    say(`${outputFile}: the report could not be written: ${(error as Error).message}`);
    return false;
  }
}

async function coverage(options: CoverageOptions): Promise<number> {
  const root = process.cwd();
  const problems: FileProblem[] = [];
  const ownFiles = new Set<string>();
  if (options.outputFile !== undefined) ownFiles.add(path.resolve(root, options.outputFile));
  const { results, workspace } = await checkTargets(
    { ...options, fix: false, fixDryRun: false, coverage: true },
    ownFiles,
    problems,
  );
  for (const result of results) problems.push(...result.problems);
  problems.push(...workspaceProblems(workspace));
  const summary = summariseCoverage(
    results.map((result) => ({ path: shownPath(root, result.file), calls: result.coverage })),
  );
  if (!writeOutput(options.outputFile, formatCoverage(summary, problems, options.format))) return 2;
  for (const problem of problems) say(`${problem.path}: ${problem.message}`);
  return problems.length > 0 ? 2 : 0;
}

async function check(options: CheckOptions): Promise<number> {
  const root = process.cwd();
  const relative = (file: string): string => shownPath(root, file);
  const problems: FileProblem[] = [];

  const suppressionsPath = path.resolve(
    root,
    options.suppressionsLocation ?? defaultSuppressionsFile,
  );
  const suppressing = options.suppressAll || options.suppressRules.length > 0;
  let suppressions: Suppressions | undefined = {};
  if (fs.existsSync(suppressionsPath)) {
    try {
      suppressions = parseSuppressions(fs.readFileSync(suppressionsPath, 'utf8'));
    } catch (error) {
      // Left alone, and applied to nothing: a file in this state is for a person to look at.
      problems.push({ path: relative(suppressionsPath), message: (error as Error).message });
      suppressions = undefined;
    }
  } else if (options.suppressionsLocation !== undefined && !suppressing) {
    say(
      `${options.suppressionsLocation}: the suppressions file does not exist; create it with --suppress-all or --suppress-rule`,
    );
    return 2;
  }

  // The run's own files are not payloads to check.
  const ownFiles = new Set([suppressionsPath]);
  if (options.outputFile !== undefined) ownFiles.add(path.resolve(root, options.outputFile));
  const { results, workspace } = await checkTargets(
    { ...options, coverage: false },
    ownFiles,
    problems,
  );
  const reports: FileReport[] = [];
  for (const result of results) {
    problems.push(...result.problems);
    if (result.report) reports.push(result.report);
  }

  let suppressed = 0;
  let unused: Suppressions = {};
  let kept = reports;
  if (suppressions) {
    if (suppressing || options.pruneSuppressions) {
      const next = suppressing
        ? suppress(suppressions, reports, options.suppressAll ? undefined : options.suppressRules)
        : prune(suppressions, applySuppressions(suppressions, reports).unused);
      try {
        fs.mkdirSync(path.dirname(suppressionsPath), { recursive: true });
        fs.writeFileSync(suppressionsPath, formatSuppressions(next));
        suppressions = next;
      } catch (error) {
        problems.push({ path: relative(suppressionsPath), message: (error as Error).message });
      }
    }
    ({ files: kept, suppressed, unused } = applySuppressions(suppressions, reports));
  }

  // Counted before --quiet drops them, as ESLint counts them.
  const warnings = kept.reduce(
    (sum, report) =>
      sum + report.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
    0,
  );
  const errors = kept.reduce(
    (sum, report) =>
      sum +
      report.diagnostics.filter(
        (d) => (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error,
      ).length,
    0,
  );
  if (options.quiet)
    kept = kept.map((report) => ({
      ...report,
      diagnostics: report.diagnostics.filter(
        (d) => (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error,
      ),
    }));

  // The checks ran without them; say which file and why, and exit 2.
  problems.push(...workspaceProblems(workspace));

  const output = formatReport(
    {
      files: kept,
      problems,
      suppressed,
      rootUri: pathToFileURL(root + path.sep).href,
      toolVersion: version,
    },
    options.format,
  );
  if (!writeOutput(options.outputFile, output)) return 2;

  for (const problem of problems) say(`${problem.path}: ${problem.message}`);
  let exitCode = problems.length > 0 ? 2 : errors > 0 ? 1 : 0;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    say(
      `${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows`,
    );
    exitCode = Math.max(exitCode, 1);
  }
  const stale = countSuppressions(unused);
  if (stale > 0 && !options.passOnUnprunedSuppressions) {
    const entries = Object.entries(unused).flatMap(([file, codes]) =>
      Object.entries(codes).map(([code, { count }]) => `${file} ${code} (${count})`),
    );
    // A whole tree fixed at once would otherwise be one line of thousands of entries.
    const shownEntries =
      entries.length > 10
        ? `${entries.slice(0, 10).join(', ')} and ${entries.length - 10} more`
        : entries.join(', ');
    say(
      `${stale} suppressed finding${stale === 1 ? '' : 's'} no longer occur${stale === 1 ? 's' : ''} (${shownEntries}); run again with --prune-suppressions to drop ${stale === 1 ? 'it' : 'them'} from ${relative(suppressionsPath)}`,
    );
    exitCode = 2;
  }
  return exitCode;
}

const debug = process.argv.includes('--debug');
if (isCheckWorker()) runCheckWorker();
else
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      say(describeError(error, debug));
      if (!debug) say('run with --debug to see the stack trace');
      process.exitCode = 2;
    },
  );
