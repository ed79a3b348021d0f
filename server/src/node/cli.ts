import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  defaultSuppressionsFile,
  parseArguments,
  usage,
  type CheckOptions,
} from '../cli/arguments';
import { applyFixes } from '../cli/applyFixes';
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
import { unifiedDiff } from '../cli/unifiedDiff';
import { normalizeSettings } from '../../../common/settings';
import { getLanguageService } from '../service/languageService';
import { createProjectFiles } from '../workspace/projectFiles';
import { createWorkspaceContracts } from '../workspace/workspaceContracts';
import { getWorkspaceContractIndex } from '../workspace/workspaceContractIndex';
import { createWorkspaceFileSystem, isInside } from '../workspace/workspaceFileSystem';
import { version } from '../../../package.json';
import { languageIdOf, listCheckedFiles } from './checkedFiles';

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
  }
}

/** What is wrong, with the stack only when asked for: a user is told the problem, not our code. */
function describeError(error: unknown, debug: boolean): string {
  if (!(error instanceof Error)) return String(error);
  return debug && error.stack ? error.stack : error.message;
}

async function check(options: CheckOptions): Promise<number> {
  // The current folder is the workspace: the same specs, catalogs, config and files as the
  // editor, read through the same file system, which reads nothing outside it.
  const root = process.cwd();
  const relative = (file: string): string =>
    path.relative(root, file).split(path.sep).join('/') || file;
  const fileSystem = createWorkspaceFileSystem([root]);
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

  const listed = await listCheckedFiles(fileSystem, root, options.paths);
  problems.push(...listed.problems);
  for (const warning of listed.warnings) say(warning);
  // The run's own files are not payloads to check.
  const ownFiles = new Set([suppressionsPath]);
  if (options.outputFile !== undefined) ownFiles.add(path.resolve(root, options.outputFile));
  const files = listed.files.filter((file) => !ownFiles.has(file));
  const workspace = createWorkspaceContracts({ folders: [root], fileSystem });
  await workspace.load();
  const service = getLanguageService({
    contracts: getWorkspaceContractIndex(workspace),
    fileProblems: (uri) => workspace.getProblems(uri),
    catalogUris: workspace.getCatalogUris(),
    projectFiles: createProjectFiles(fileSystem),
  });
  const userSettings = normalizeSettings(undefined);
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

  const reports: FileReport[] = [];
  for (const file of files) {
    const uri = pathToFileURL(file).href;
    const shown = relative(file);
    let text: string;
    try {
      text = await fileSystem.readFile(uri);
    } catch (error) {
      problems.push({ path: shown, message: (error as Error).message });
      continue;
    }
    try {
      const settings = workspace.applyConfig(uri, userSettings);
      let document = TextDocument.create(uri, languageIdOf(file), 1, text);
      let diff: string | undefined;
      if (options.fix || options.fixDryRun) {
        const fixed = applyFixes(service, document, settings);
        if (fixed !== text) {
          if (options.fix) {
            try {
              fs.writeFileSync(file, fixed);
            } catch (error) {
              // Reported as it is on disk, unfixed, and named as a file the run could not use.
              problems.push({
                path: shown,
                message: `the fixes could not be written: ${(error as Error).message}`,
              });
              reports.push({
                path: shown,
                document,
                diagnostics: service.doValidation(document, settings),
              });
              continue;
            }
          } else diff = unifiedDiff(shown, text, fixed);
          document = TextDocument.create(uri, document.languageId, 2, fixed);
        }
      }
      const diagnostics = service.doValidation(document, settings);
      reports.push({ path: shown, document, diagnostics, ...(diff ? { diff } : {}) });
    } catch (error) {
      problems.push({
        path: shown,
        message: `could not be checked: ${describeError(error, options.debug)}`,
      });
    }
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

  // A config, spec or catalog that cannot be used is bad input, not a finding: the checks ran
  // without it, so say which file and why, and exit 2.
  const unusable = workspace.getProblemUris().flatMap((uri) =>
    workspace
      .getProblems(uri)
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => ({
        path: `${relative(fileURLToPath(uri))}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
        message: typeof d.message === 'string' ? d.message : d.message.value,
      })),
  );
  problems.push(...unusable);

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
  if (options.outputFile === undefined) {
    process.stdout.write(output);
  } else {
    const outputPath = path.resolve(root, options.outputFile);
    try {
      fs.mkdirSync(path.dirname(outputPath), { recursive: true });
      fs.writeFileSync(outputPath, output);
    } catch (error) {
      say(`${options.outputFile}: the report could not be written: ${(error as Error).message}`);
      return 2;
    }
  }

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
