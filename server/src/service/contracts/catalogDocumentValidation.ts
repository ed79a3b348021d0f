import * as jsonc from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { toApiContract } from './catalogContract';
import { getCatalogDiagnostics } from './parseCatalog';

/** Diagnostics for a catalog file (schema errors at the offending member); undefined when the document is not a catalog. */
export function doCatalogDocumentValidation(
  document: TextDocument,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): Diagnostic[] | undefined {
  if (!isCatalogDocument(document.uri, parsed, context)) return undefined;
  return getCatalogDiagnostics(document, parsed.root, parsed.errors, (catalog) =>
    toApiContract(catalog, { kind: 'catalog', uri: document.uri }),
  ).diagnostics;
}

/**
 * Whether a JSON document is an error-contract catalog: it declares the catalog schema, its name
 * matches the pattern the extension registers the schema for (`*.error-catalog.json`,
 * `error-catalogs/*.json`), or the config names it as a catalog.
 */
export function isCatalogDocument(
  uri: string,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): boolean {
  if (context.catalogUris?.has(uri)) return true;
  if (isCatalogFileName(uri)) return true;
  const root = parsed.root;
  if (root?.type !== 'object') return false;
  const schema = jsonc.findNodeAtLocation(root, ['$schema'])?.value;
  return (
    typeof schema === 'string' &&
    /(^|[/\\])catalog\.schema\.json$/.test(schema.replace(/[?#].*$/, ''))
  );
}

/** Whether the file name is one the catalog schema is registered for in package.json `contributes.jsonValidation`. */
export function isCatalogFileName(uri: string): boolean {
  const path = uri.replace(/[?#].*$/, '');
  return /\.error-catalog\.json$/i.test(path) || /\/error-catalogs\/[^/]+\.json$/i.test(path);
}
