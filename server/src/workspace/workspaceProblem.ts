import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../common/protocol';
import type { DiagnosticCode } from '../service/diagnostics';

/** A problem the workspace loader finds in a config, spec or catalog file; at the file's start without a range. */
export function workspaceProblem(
  range: Diagnostic['range'] | undefined,
  severity: DiagnosticSeverity,
  code: DiagnosticCode,
  message: string,
): Diagnostic {
  return {
    range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity,
    code,
    source: diagnosticSource,
    message,
  };
}
