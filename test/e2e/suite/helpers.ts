import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The extension under test, as `publisher.name` in package.json. */
export const EXTENSION_ID = 'api-error-contracts.api-error-contracts';

/**
 * Polls `probe` every 100 ms until it returns something other than `undefined`; fails after
 * `timeoutMs` with `what` and the last error the probe threw, if any. The language server starts
 * asynchronously, so every assertion on its answers goes through this.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A file of the e2e workspace (`test/e2e/workspace`, copied to a temp folder for each run). */
export function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e workspace is open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Opens a workspace file in an editor, as a user would. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  return vscode.window.showTextDocument(document);
}

/** The position inside the `occurrence`-th (0-based) match of `needle`, one character in. */
export function positionOf(
  document: vscode.TextDocument,
  needle: string,
  occurrence = 0,
): vscode.Position {
  let offset = -1;
  for (let index = 0; index <= occurrence; index++) {
    offset = document.getText().indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `${document.uri.path} contains ${needle} ${occurrence + 1} time(s)`);
  }
  return document.positionAt(offset + 1);
}

/** All the hover contents at a position, as the markdown a user would read. */
async function hoverTextAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    position,
  );
  return hoverText(hovers ?? []);
}

/** Joins hover contents, separating hovers with `---`. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}

/** Polls the hover at a position until it contains `expected`, and returns its whole text. */
export async function waitForHover(
  uri: vscode.Uri,
  position: vscode.Position,
  expected: string,
  timeoutMs?: number,
): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      `a hover containing "${expected}" at ${uri.path}:${position.line + 1}:${position.character + 1}`,
      async () => {
        last = await hoverTextAt(uri, position);
        return last.includes(expected) ? last : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    // Say what the user would have seen instead.
    const seen = last ? `the hover read:\n${last}` : 'there was no hover';
    throw new Error(`${error instanceof Error ? error.message : String(error)}; ${seen}`, {
      cause: error,
    });
  }
}

/** The diagnostics of this extension on a document. */
export function ownDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((each) => each.source === 'api-error-contracts');
}

/** A diagnostic's code as a string, whether VS Code holds it plain or with a link. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}
