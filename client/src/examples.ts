import * as vscode from 'vscode';

/** The file to open once the examples folder is open: the window reloads in between. */
const pendingKey = 'apiErrorContracts.exampleToOpen';

/**
 * "Open the Example Project" (the walkthrough's first step): copies the examples the extension
 * ships to its own storage, so nothing of the user's changes, and opens that folder; with a
 * file (`src/damImages.ts`), opens it there too. A copy already made is kept, with its edits.
 */
export function registerExamples(context: vscode.ExtensionContext): vscode.Disposable {
  const folder = vscode.Uri.joinPath(context.globalStorageUri, 'examples');
  const isOpen = () =>
    vscode.workspace.workspaceFolders?.some((each) => each.uri.toString() === folder.toString()) ===
    true;
  const openFile = (file: string) =>
    vscode.window.showTextDocument(vscode.Uri.joinPath(folder, file), { preview: false });

  const pending = context.globalState.get<string>(pendingKey);
  if (pending && isOpen()) {
    void context.globalState.update(pendingKey, undefined);
    void openFile(pending);
  }

  return vscode.commands.registerCommand(
    'apiErrorContracts.openExamples',
    async (file: string = 'src/damImages.ts') => {
      if (isOpen()) {
        await openFile(file);
        return;
      }
      const exists = await vscode.workspace.fs.stat(folder).then(
        () => true,
        () => false,
      );
      if (!exists)
        await vscode.workspace.fs.copy(
          vscode.Uri.joinPath(context.extensionUri, 'examples'),
          folder,
        );
      await context.globalState.update(pendingKey, file);
      await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: false });
    },
  );
}
