import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseArguments, usage } from '../cli/arguments';
import { formatReport, type FileReport } from '../cli/formatReport';
import { normalizeSettings } from '../../../common/settings';
import { getLanguageService } from '../service/languageService';
import { createProjectFiles } from '../workspace/projectFiles';
import { createWorkspaceContracts } from '../workspace/workspaceContracts';
import { getWorkspaceContractIndex } from '../workspace/workspaceContractIndex';
import { createWorkspaceFileSystem, isInside } from '../workspace/workspaceFileSystem';
import { version } from '../../../package.json';
import { languageIdOf, listCheckedFiles } from './checkedFiles';

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
      // The current folder is the workspace: the same specs, catalogs, config and files as the
      // editor, read through the same file system, which reads nothing outside it.
      const root = process.cwd();
      const fileSystem = createWorkspaceFileSystem([root]);
      const listed = await listCheckedFiles(fileSystem, root, command.paths);
      if ('error' in listed) {
        process.stderr.write(`api-error-contracts: ${listed.error}\n`);
        return 2;
      }
      for (const warning of listed.warnings)
        process.stderr.write(`api-error-contracts: ${warning}\n`);
      const files = listed.files;
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
          command.paths.some((target) => isInside(file, path.resolve(root, target)))
        )
          files.push(file);
      }
      const reports: FileReport[] = [];
      for (const file of files) {
        let text: string;
        try {
          text = await fileSystem.readFile(pathToFileURL(file).href);
        } catch (error) {
          process.stderr.write(`api-error-contracts: ${file}: ${(error as Error).message}\n`);
          return 2;
        }
        const document = TextDocument.create(pathToFileURL(file).href, languageIdOf(file), 1, text);
        const diagnostics: Diagnostic[] = service.doValidation(
          document,
          workspace.applyConfig(document.uri, userSettings),
        );
        reports.push({ path: path.relative(root, file) || file, document, diagnostics });
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
              `${path.relative(root, fileURLToPath(uri))}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`,
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

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
