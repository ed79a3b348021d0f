import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseArguments, usage } from '../cli/arguments';
import { formatReport, type FileReport } from '../cli/formatReport';
import { normalizeSettings } from '../../../common/settings';
import { getLanguageService } from '../service/languageService';
import { createWorkspaceContracts } from '../workspace/workspaceContracts';
import { getWorkspaceContractIndex } from '../workspace/workspaceContractIndex';
import { version } from '../../../package.json';

const languageIds: Record<string, string> = {
  '.json': 'json',
  '.jsonc': 'jsonc',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
};
const skippedFolders = new Set(['node_modules', '.git', 'dist', 'out']);

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
    case 'check': {
      const files: string[] = [];
      for (const target of command.paths) {
        if (!fs.existsSync(target)) {
          process.stderr.write(`api-error-contracts: ${target}: no such file or folder\n`);
          return 2;
        }
        collectFiles(target, files);
      }
      // The same specs, catalogs and config as the editor, from the current folder.
      const workspace = createWorkspaceContracts({ folders: [process.cwd()] });
      await workspace.load();
      const service = getLanguageService({
        contracts: getWorkspaceContractIndex(workspace),
        fileProblems: (uri) => workspace.getProblems(uri),
        catalogUris: workspace.getCatalogUris(),
      });
      const userSettings = normalizeSettings(undefined);
      const checked = new Set(files.map((file) => pathToFileURL(path.resolve(file)).href));
      // A YAML spec is not among the checked files, but its load problems are the project's.
      for (const uri of workspace.getProblemUris()) {
        const file = fileURLToPath(uri);
        if (
          !checked.has(uri) &&
          command.paths.some(
            (target) => !path.relative(path.resolve(target), file).startsWith('..'),
          )
        )
          files.push(file);
      }
      const reports: FileReport[] = [];
      for (const file of files) {
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch (error) {
          process.stderr.write(`api-error-contracts: ${file}: ${(error as Error).message}\n`);
          return 2;
        }
        const document = TextDocument.create(
          pathToFileURL(path.resolve(file)).href,
          languageIds[path.extname(file)] ?? 'yaml',
          1,
          text,
        );
        const diagnostics: Diagnostic[] = service.doValidation(
          document,
          workspace.applyConfig(document.uri, userSettings),
        );
        reports.push({ path: path.relative(process.cwd(), file) || file, document, diagnostics });
      }
      process.stdout.write(formatReport(reports, command.format, version));
      // A config, spec or catalog that cannot be used is bad input, not a finding: the checks ran
      // without it, so say which file and why, and exit 2.
      const unusable = workspace.getProblemUris().flatMap((uri) =>
        workspace
          .getProblems(uri)
          .filter((d) => d.severity === DiagnosticSeverity.Error)
          .map(
            (d) =>
              `${path.relative(process.cwd(), fileURLToPath(uri))}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`,
          ),
      );
      for (const line of unusable) process.stderr.write(`api-error-contracts: ${line}\n`);
      if (unusable.length > 0) return 2;
      return reports.some((report) =>
        report.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error),
      )
        ? 1
        : 0;
    }
  }
}

function collectFiles(target: string, files: string[]): void {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    if (path.extname(target) in languageIds) files.push(target);
    return;
  }
  for (const entry of fs
    .readdirSync(target, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && skippedFolders.has(entry.name)) continue;
    if (entry.isDirectory() || entry.isFile()) collectFiles(path.join(target, entry.name), files);
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
