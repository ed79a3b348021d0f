import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  callContractRequest,
  showContractCommand,
  type CallContract,
  type LspRange,
} from '../../common/protocol';

/**
 * "API Error Contracts: Show Contract for Call", also what a code lens runs: the operation in
 * its OpenAPI file when a description defines it, else (a built-in or catalog API) the
 * contract rendered as the URL hover renders it, in a panel beside the editor.
 */
export function registerShowContract(client: LanguageClient): vscode.Disposable {
  let panel: vscode.WebviewPanel | undefined;
  const show = async (uri?: string, position?: { line: number; character: number }) => {
    const editor = vscode.window.activeTextEditor;
    const documentUri = uri ?? editor?.document.uri.toString();
    const at = position ?? editor?.selection.active;
    if (!documentUri || !at) {
      void vscode.window.showInformationMessage(
        'Put the cursor on an HTTP call to see its contract.',
      );
      return;
    }
    const contract = await client.sendRequest<CallContract | null>(callContractRequest, {
      textDocument: { uri: documentUri },
      position: { line: at.line, character: at.character },
    });
    if (!contract) {
      void vscode.window.showInformationMessage(
        'No call to an API with a known contract at the cursor.',
      );
      return;
    }
    if (contract.location) {
      await vscode.window.showTextDocument(vscode.Uri.parse(contract.location.uri), {
        selection: toRange(contract.location.range),
        preview: true,
      });
      return;
    }
    const title = `Contract: ${contract.operation}`;
    if (panel) {
      panel.title = title;
      panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      panel = vscode.window.createWebviewPanel(
        'apiErrorContracts.contract',
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableFindWidget: true },
      );
      panel.onDidDispose(() => (panel = undefined));
    }
    panel.webview.html = await renderPage(panel.webview, title, contract.markdown);
  };
  return vscode.commands.registerCommand(showContractCommand, show);
}

/** Converts a protocol range to the editor's. */
export function toRange(range: LspRange): vscode.Range {
  return new vscode.Range(
    range.start.line,
    range.start.character,
    range.end.line,
    range.end.character,
  );
}

async function renderPage(webview: vscode.Webview, title: string, markdown: string) {
  // The built-in Markdown extension renders as the hover does; without it, the text as written.
  const body = await vscode.commands.executeCommand<string>('markdown.api.render', markdown).then(
    (html) => html,
    () => `<pre>${escapeHtml(markdown)}</pre>`,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; img-src ${webview.cspSource} https:;">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px; }
  table { border-collapse: collapse; margin: 8px 0; }
  th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 4px 8px; text-align: left; }
  code { font-family: var(--vscode-editor-font-family); }
  a { color: var(--vscode-textLink-foreground); }
</style>
</head>
<body>${body}</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
