import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { clientId, supportedLanguages } from '../../common/protocol';
import { createContractsTree } from './contractsTree';
import { registerExamples } from './examples';
import { createContractsStatus } from './languageStatus';
import { registerShowContract } from './showContract';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('API Error Contracts', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...supportedLanguages.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // YAML OpenAPI documents get their load problems (a `$ref` that does not resolve) as diagnostics.
      { scheme: 'file', language: 'yaml' },
    ],
    outputChannel,
    synchronize: {
      // The config, OpenAPI documents (JSON or YAML, with the files their `$ref`s reach) and catalog files: the server re-indexes what changed.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/*.{json,jsonc,yaml,yml,ts,tsx,mts,cts,js,jsx,mjs,cjs}',
      ),
    },
  };
  client = new LanguageClient(clientId, 'API Error Contracts', serverOptions, clientOptions);

  const contractsTree = createContractsTree(client);
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('apiErrorContracts.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('apiErrorContracts.restartServer', () => client?.restart()),
    createContractsStatus(client, (status) => contractsTree.onWorkspaceStatus(status)),
    registerShowContract(client),
    registerExamples(context),
    contractsTree,
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
