import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../../../common/settings';
import { fixAllKind } from '../service/code/codeActions/codeActions';
import type { LanguageService } from '../service/languageService';

/** ESLint's bound: a fix that makes room for another fix gets a few more passes, never a loop. */
const maxPasses = 10;

/**
 * The document's text after the service's fix-all (every documented status handled where the
 * call has a place for it), applied pass after pass until nothing changes; the same text when
 * there is nothing to fix.
 */
export function applyFixes(
  service: LanguageService,
  document: TextDocument,
  settings: Settings,
): string {
  let current = document;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const actions = service.doCodeActions(
      current,
      { start: { line: 0, character: 0 }, end: current.positionAt(current.getText().length) },
      { diagnostics: [], only: [fixAllKind] },
      settings,
    );
    const edits = actions.flatMap((action) => action.edit?.changes?.[current.uri] ?? []);
    if (edits.length === 0) break;
    const text = TextDocument.applyEdits(current, edits);
    if (text === current.getText()) break;
    current = TextDocument.create(current.uri, current.languageId, current.version + 1, text);
  }
  return current.getText();
}
