import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeActionContext,
  CompletionList,
  Diagnostic,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver-types';
import type { Settings } from '../../../common/settings';
import { createParsedDocumentCache } from './documents/parsedDocumentCache';
import { getRegistryStatusHover } from './hover/statusHover';
import { findCodeStatusLiteral, findJsonStatusLiteral } from './hover/statusLiteral';

/**
 * The language service: pure functions of a document, a position, the contracts and the
 * settings. No editor, no connection, no file system — the server, the CLI and the tests all
 * call this.
 */
export interface LanguageService {
  /** Explains the status, code or call under the cursor. */
  doHover(document: TextDocument, position: Position, settings: Settings): Hover | null;
  /** Every diagnostic of the document. */
  doValidation(document: TextDocument, settings: Settings): Diagnostic[];
  /** Quick fixes and source actions for the range. */
  doCodeActions(document: TextDocument, range: Range, context: CodeActionContext, settings: Settings): CodeAction[];
  /** Completions at the position. */
  doComplete(document: TextDocument, position: Position, settings: Settings): CompletionList | null;
  /** Drops what is cached for a closed document. */
  forgetDocument(uri: string): void;
}

/** Creates a language service. */
export function getLanguageService(): LanguageService {
  const parsedDocuments = createParsedDocumentCache();

  return {
    doHover(document, position, settings) {
      if (!settings.enable) return null;
      const parsed = parsedDocuments.get(document);
      if (!parsed) return null;
      const offset = document.offsetAt(position);
      const literal =
        parsed.kind === 'json' ? findJsonStatusLiteral(parsed, offset) : findCodeStatusLiteral(parsed, offset);
      return literal ? getRegistryStatusHover(document, literal) : null;
    },
    doValidation(document, settings) {
      if (!settings.enable) return [];
      parsedDocuments.get(document);
      return [];
    },
    doCodeActions() {
      return [];
    },
    doComplete() {
      return null;
    },
    forgetDocument(uri) {
      parsedDocuments.delete(uri);
    },
  };
}
