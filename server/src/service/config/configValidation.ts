import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticCode } from '../diagnostics';
import { parseProjectConfig } from './parseProjectConfig';

/**
 * Diagnostics of an open `api-error-contracts.json`: syntax, keys and values from the text as
 * typed, plus what only loading the workspace can tell (a `specs` glob matching no file, a catalog
 * file that cannot be read), from the last load.
 */
export function doConfigValidation(
  document: TextDocument,
  loaderProblems: readonly Diagnostic[],
): Diagnostic[] {
  const live = parseProjectConfig(document.getText(), document.uri).diagnostics;
  const textual = new Set<unknown>([
    DiagnosticCode.configSyntaxError,
    DiagnosticCode.configUnknownKey,
    DiagnosticCode.configInvalidValue,
  ]);
  return [...live, ...loaderProblems.filter((problem) => !textual.has(problem.code))];
}
