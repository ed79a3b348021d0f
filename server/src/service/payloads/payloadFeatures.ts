import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';

/** Hover on a member of an error payload in JSON. */
export function doPayloadHover(
  _document: TextDocument,
  _position: Position,
  _parsed: JsonParsedDocument,
  _context: ServiceContext,
): Hover | null {
  return null;
}

/** Diagnostics for the error payloads in a JSON document. */
export function doPayloadValidation(_document: TextDocument, _parsed: JsonParsedDocument, _context: ServiceContext): Diagnostic[] {
  return [];
}

/** Completions inside an error payload. */
export function doPayloadComplete(
  _document: TextDocument,
  _position: Position,
  _parsed: JsonParsedDocument,
  _context: ServiceContext,
): CompletionList | null {
  return null;
}
