import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { CodeParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { getCodeCompletions } from '../codeCompletion/codeCompletion';
import { getCodeHover } from './codeHover';
import { getCodeDiagnostics } from './codeValidation';

/** Hover on a call's URL or a status literal in handling code. */
export function doCodeHover(
  document: TextDocument,
  position: Position,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): Hover | null {
  return getCodeHover(document, position, parsed, context);
}

/** `unhandled-status` and `unchecked-response` diagnostics for the HTTP calls in a TS/JS document. */
export function doCodeValidation(
  document: TextDocument,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): Diagnostic[] {
  return getCodeDiagnostics(document, parsed, context);
}

/** Completions in client code (statuses after `case `, a handler switch for a call's documented statuses). */
export function doCodeComplete(
  document: TextDocument,
  position: Position,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): CompletionList | null {
  return getCodeCompletions(document, document.offsetAt(position), parsed, context);
}
