import type { Node as JsonNode } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentLink } from 'vscode-languageserver-types';
import { isCatalogDocument } from '../contracts/catalogDocumentValidation';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';

/**
 * Links for the `docs` URLs of a catalog file (the API's, each status's, each operation's), so
 * that Ctrl+click opens the documentation a contract was written from. None in other documents.
 */
export function doDocumentLinks(
  document: TextDocument,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): DocumentLink[] {
  if (!parsed.root || !isCatalogDocument(document.uri, parsed, context)) return [];
  const links: DocumentLink[] = [];
  const visit = (node: JsonNode) => {
    if (node.type === 'property') {
      const [key, value] = node.children ?? [];
      if (
        key?.value === 'docs' &&
        value?.type === 'string' &&
        typeof value.value === 'string' &&
        isWebUrl(value.value)
      ) {
        // Inside the quotes, as the editor underlines it.
        links.push({
          range: {
            start: document.positionAt(value.offset + 1),
            end: document.positionAt(value.offset + value.length - 1),
          },
          target: value.value,
          tooltip: 'Open the documentation',
        });
        return;
      }
    }
    node.children?.forEach(visit);
  };
  visit(parsed.root);
  return links;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
