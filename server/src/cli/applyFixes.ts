import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../../../common/settings';
import type { LanguageService } from '../service/languageService';

/** ESLint's bound: a fix that makes room for another fix gets a few more passes, never a loop. */
const maxPasses = 10;

/**
 * The document's text after the preferred quick fix of each finding (a retry for a status the API
 * asks to retry, a branch for another), applied pass after pass on the re-checked text until
 * nothing changes, as ESLint's `--fix` applies each rule's fix; the same text when there is
 * nothing to fix.
 */
export function applyFixes(
  service: LanguageService,
  document: TextDocument,
  settings: Settings,
): string {
  let current = document;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const edits = service.getPreferredFixEdits(current, settings);
    if (edits.length === 0) break;
    const text = TextDocument.applyEdits(current, edits);
    if (text === current.getText()) break;
    current = TextDocument.create(current.uri, current.languageId, current.version + 1, text);
  }
  return current.getText();
}
