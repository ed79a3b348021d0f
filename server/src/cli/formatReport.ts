import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { OutputFormat } from './arguments';

/** The diagnostics of one checked file. */
export interface FileReport {
  /** The path as the user should see it (relative to the working folder). */
  path: string;
  document: TextDocument;
  diagnostics: Diagnostic[];
}

const severityNames: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};
const sarifLevels: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

/** Renders the reports as text (one line per diagnostic, like a compiler), JSON or SARIF 2.1.0. */
export function formatReport(
  reports: FileReport[],
  format: OutputFormat,
  toolVersion: string,
): string {
  if (format === 'json') {
    const files = reports
      .filter((report) => report.diagnostics.length > 0)
      .map((report) => ({ path: report.path, diagnostics: report.diagnostics }));
    return `${JSON.stringify({ files }, null, 2)}\n`;
  }
  if (format === 'sarif') return `${JSON.stringify(toSarif(reports, toolVersion), null, 2)}\n`;
  const lines: string[] = [];
  let count = 0;
  for (const report of reports) {
    for (const d of report.diagnostics) {
      count++;
      const severity = severityNames[d.severity ?? DiagnosticSeverity.Error];
      lines.push(
        `${report.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity} ${d.message} [${String(d.code)}]`,
      );
    }
  }
  lines.push(
    `${count} problem${count === 1 ? '' : 's'} in ${reports.length} file${reports.length === 1 ? '' : 's'} checked`,
  );
  return `${lines.join('\n')}\n`;
}

function toSarif(reports: FileReport[], toolVersion: string): object {
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: String(d.code),
      level: sarifLevels[d.severity ?? DiagnosticSeverity.Error],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: report.path.split('\\').join('/') },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'api-error-contracts',
            version: toolVersion,
            informationUri: 'https://example.invalid/api-error-contracts',
          },
        },
        results,
      },
    ],
  };
}
