import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceFileSystem } from './workspaceFileSystem';

/** The most files one contracts overview reads: a monorepo's are counted in part rather than stall the server. */
const maxFiles = 2000;

const sourceFile = /\.[cm]?[jt]sx?$/i;

/**
 * The workspace's TS/JS files among `uris`, as documents: an open one as edited, the others as
 * on disk, read through the workspace file system (nothing outside the workspace folders).
 */
export function readSourceDocuments(
  uris: readonly string[],
  open: TextDocuments<TextDocument>,
  fileSystem: WorkspaceFileSystem | undefined,
): TextDocument[] {
  const found: TextDocument[] = [];
  for (const uri of uris) {
    if (found.length >= maxFiles) break;
    if (!sourceFile.test(uri.split(/[?#]/)[0]!)) continue;
    const document = open.get(uri);
    if (document) {
      found.push(document);
      continue;
    }
    const text = fileSystem?.readFileNow(uri);
    // The kind of parse comes from the file's extension when the language id is empty.
    if (text !== undefined) found.push(TextDocument.create(uri, '', 0, text));
  }
  return found;
}
