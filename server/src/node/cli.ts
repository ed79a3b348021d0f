import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
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
import {
  createReportWriter,
  formatReport,
  type FileProblem,
  type FileReport,
} from '../cli/formatReport';
import {
  applySuppressions,
  countSuppressions,
  formatSuppressions,
  parseSuppressions,
  prune,
  suppress,
  type Suppressions,
} from '../cli/suppressions';
import { summariseCoverage, type CallCoverage } from '../service/code/contractCoverage';
import { createProjectFiles } from '../workspace/projectFiles';
import type { WorkspaceContracts } from '../workspace/workspaceContracts';
import { createWorkspaceFileSystem, isInside } from '../workspace/workspaceFileSystem';
import { version } from '../../../package.json';
import { listCheckedFiles } from './checkedFiles';
import { isCheckWorker, runCheckWorker, startWorkers, threadsFor } from './checkPool';
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

/**
 * Lists the targets' files, loads the workspace, and checks each file, on worker threads when
 * `--concurrency` allows, reusing `--cache` results of files whose inputs have not changed.
 * `onFile` gets each file's result in the order the targets list the files, as soon as it and
 * every file before it are checked, so a run holds the results still out of order, not all of
 * them. Targets and files that cannot be used are added to `problems`.
 */
async function checkTargets(
  options: RunOptions & { fix: boolean; fixDryRun: boolean; coverage: boolean },
  ownFiles: Set<string>,
  problems: FileProblem[],
  onFile: (result: FileResult) => void,
): Promise<WorkspaceContracts> {
  // The current folder is the workspace: the same specs, catalogs, config and files as the
  // editor, read through the same file system, which reads nothing outside it.
  const root = process.cwd();
  const fileSystem = createWorkspaceFileSystem([root]);
  const cacheLocation = path.resolve(root, options.cacheLocation ?? defaultCacheFile);
  ownFiles.add(cacheLocation);
  const checkerOptions = {
    root,
    fix: options.fix,
    fixDryRun: options.fixDryRun,
    // A cached result serves both commands.
    coverage: options.coverage || options.cache,
    cache: options.cache,
    debug: options.debug,
  };

  const listed = await listCheckedFiles(fileSystem, root, options.paths);
  problems.push(...listed.problems);
  for (const warning of listed.warnings) say(warning);
  const files = listed.files.filter((file) => !ownFiles.has(file));
  const lookups = options.cache && !options.fix && !options.fixDryRun;
  // Without cached results to look up first, every listed file is checked: the workers start
  // loading now, while this thread loads the workspace.
  let pool = lookups
    ? undefined
    : startWorkers(threadsFor(options.concurrency, files.length), checkerOptions);
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
  // Results wait here until every file before them has been handed on.
  const waiting = new Map<number, FileResult>();
  let handed = 0;
  const handOn = (index: number, result: FileResult) => {
    waiting.set(index, result);
    for (let next = waiting.get(handed); next; next = waiting.get(handed)) {
      waiting.delete(handed++);
      onFile(next);
    }
  };
  const pending: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const cached = lookups ? cache?.lookup(files[i]!, shownPath(root, files[i]!)) : undefined;
    if (cached) handOn(i, cached);
    else pending.push(i);
  }
  pool ??= startWorkers(threadsFor(options.concurrency, pending.length), checkerOptions);
  await pool.check(
    pending.map((i) => files[i]!),
    () => createFileChecker(checkerOptions, { fileSystem, workspace }),
    (index, result) => {
      cache?.store(shownPath(root, result.file), result);
      handOn(pending[index]!, result);
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
  return workspace;
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

/** Where the report goes, written as it is made: to `--output-file`, or standard output. */
interface Output {
  write(text: string): void;
  /** Writes what is left; false (after saying why) when the report could not be written. */
  close(): boolean;
}

/** Bytes of the report gathered before they are written: one write per 64 KB, not per line. */
const outputChunk = 1 << 16;

function openOutput(outputFile: string | undefined): Output {
  let pending: string[] = [];
  let size = 0;
  let fd: number | undefined;
  let failed = false;
  // A reader that stops early (`check | head`) wants no more: the run goes on quietly to its
  // exit code, as the rest of a pipeline may test it.
  let unread = false;
  if (outputFile === undefined)
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') unread = true;
      else if (!failed) {
        failed = true;
        say(`the report could not be written: ${error.message}`);
      }
    });
  const flush = () => {
    const text = pending.join('');
    pending = [];
    size = 0;
    if (failed || unread || text === '') return;
    if (outputFile === undefined) {
      process.stdout.write(text);
      return;
    }
    try {
      if (fd === undefined) {
        const outputPath = path.resolve(process.cwd(), outputFile);
        fs.mkdirSync(path.dirname(outputPath), { recursive: true });
        fd = fs.openSync(outputPath, 'w');
      }
      fs.writeSync(fd, text);
    } catch (error) {
      failed = true;
      say(`${outputFile}: the report could not be written: ${(error as Error).message}`);
    }
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= outputChunk) flush();
    },
    close() {
      flush();
      if (fd !== undefined) fs.closeSync(fd);
      return !failed;
    },
  };
}

async function coverage(options: CoverageOptions): Promise<number> {
  const root = process.cwd();
  const problems: FileProblem[] = [];
  const ownFiles = new Set<string>();
  if (options.outputFile !== undefined) ownFiles.add(path.resolve(root, options.outputFile));
  const files: { path: string; calls: CallCoverage[] }[] = [];
  const workspace = await checkTargets(
    { ...options, fix: false, fixDryRun: false, coverage: true },
    ownFiles,
    problems,
    (result) => {
      problems.push(...result.problems);
      files.push({ path: shownPath(root, result.file), calls: result.coverage });
    },
  );
  problems.push(...workspaceProblems(workspace));
  const output = openOutput(options.outputFile);
  output.write(formatCoverage(summariseCoverage(files), problems, options.format));
  if (!output.close()) return 2;
  for (const problem of problems) say(`${problem.path}: ${problem.message}`);
  return problems.length > 0 ? 2 : 0;
}

const isError = (d: Diagnostic) =>
  (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error;

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
  const output = openOutput(options.outputFile);
  let suppressed = 0;
  const unused: Suppressions = {};
  let warnings = 0;
  let errors = 0;
  /** A file's findings as reported: what the suppressions leave, counted, then what --quiet keeps. */
  const reported = (report: FileReport, applied: Suppressions): FileReport => {
    let kept = report;
    const recorded = applied[report.path];
    if (recorded) {
      const result = applySuppressions({ [report.path]: recorded }, [report]);
      kept = result.files[0]!;
      suppressed += result.suppressed;
      Object.assign(unused, result.unused);
    }
    // Counted before --quiet drops them, as ESLint counts them.
    for (const d of kept.diagnostics) {
      if (d.severity === DiagnosticSeverity.Warning) warnings++;
      else if (isError(d)) errors++;
    }
    return options.quiet ? { ...kept, diagnostics: kept.diagnostics.filter(isError) } : kept;
  };

  // The report is written a file at a time, in the order of the files, and nothing of a file is
  // kept once written. A diff (printed before the findings) and a change of the suppressions
  // file need every file's findings first; a tree's findings repeat the same messages and links,
  // so those are kept once, not once per file.
  const run = { rootUri: pathToFileURL(root + path.sep).href, toolVersion: version };
  const streamed = !options.fixDryRun && !suppressing && !options.pruneSuppressions;
  const writer = streamed
    ? createReportWriter(options.format, (text) => output.write(text), run)
    : undefined;
  const reports: FileReport[] = [];
  const intern = createInterner();
  const workspace = await checkTargets(
    { ...options, coverage: false },
    ownFiles,
    problems,
    (result) => {
      problems.push(...result.problems);
      if (!result.report) return;
      if (writer) writer.file(reported(result.report, suppressions ?? {}));
      else reports.push(intern(result.report));
    },
  );

  if (!writer) {
    let applied = suppressions ?? {};
    if (suppressions && (suppressing || options.pruneSuppressions)) {
      const next = suppressing
        ? suppress(suppressions, reports, options.suppressAll ? undefined : options.suppressRules)
        : prune(suppressions, applySuppressions(suppressions, reports).unused);
      try {
        fs.mkdirSync(path.dirname(suppressionsPath), { recursive: true });
        fs.writeFileSync(suppressionsPath, formatSuppressions(next));
        applied = next;
      } catch (error) {
        problems.push({ path: relative(suppressionsPath), message: (error as Error).message });
      }
    }
    const kept = reports.map((report) => reported(report, applied));
    // The checks ran without them; say which file and why, and exit 2.
    problems.push(...workspaceProblems(workspace));
    output.write(formatReport({ files: kept, problems, suppressed, ...run }, options.format));
  } else {
    problems.push(...workspaceProblems(workspace));
    writer.end(problems, suppressed);
  }
  if (!output.close()) return 2;

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
