import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeActionContext, Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';

/** Quick fixes for the diagnostics in `context`, and source actions for the document. */
export function doCodeActions(
  _document: TextDocument,
  _range: Range,
  _actionContext: CodeActionContext,
  _parsed: ParsedDocument,
  _context: ServiceContext,
): CodeAction[] {
  return [];
}
