import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument, type ParsedDocument } from './parsedDocument';

/** Parses each document once per version; keeps the most recently used documents. */
export interface ParsedDocumentCache {
  get(document: TextDocument): ParsedDocument | undefined;
  /** The parse of this very document at this version when the cache holds it; never parses. */
  peek(document: TextDocument): ParsedDocument | undefined;
  delete(uri: string): void;
}

export function createParsedDocumentCache(maxEntries = 64): ParsedDocumentCache {
  const entries = new Map<
    string,
    { document: TextDocument; version: number; parsed: ParsedDocument | undefined }
  >();
  return {
    get(document) {
      const entry = entries.get(document.uri);
      if (entry && entry.version === document.version) {
        // Re-insert to mark as most recently used.
        entries.delete(document.uri);
        entries.set(document.uri, entry);
        return entry.parsed;
      }
      // The entry's parse is of an earlier text of this document; nothing else holds it.
      const parsed = parseDocument(document, entry?.parsed);
      entries.delete(document.uri);
      entries.set(document.uri, { document, version: document.version, parsed });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return parsed;
    },
    peek(document) {
      const entry = entries.get(document.uri);
      return entry?.document === document && entry.version === document.version
        ? entry.parsed
        : undefined;
    },
    delete(uri) {
      entries.delete(uri);
    },
  };
}
