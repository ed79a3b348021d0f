import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

let documentCount = 0;

/** A document built from text with one `|` marking the cursor. */
export function documentWithCursor(
  textWithCursor: string,
  languageId: string,
  uri = `file:///work/test-${++documentCount}.${extensionFor(languageId)}`,
): { document: TextDocument; position: Position } {
  const offset = textWithCursor.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker in the test text');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const document = TextDocument.create(uri, languageId, 1, text);
  return { document, position: document.positionAt(offset) };
}

function extensionFor(languageId: string): string {
  return (
    { typescript: 'ts', typescriptreact: 'tsx', javascript: 'js', javascriptreact: 'jsx' }[
      languageId
    ] ?? languageId
  );
}
