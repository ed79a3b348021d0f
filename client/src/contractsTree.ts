import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  contractsOverviewRequest,
  type ApiOverview,
  type ContractsOverview,
  type OperationOverview,
  type StatusOverview,
  type WorkspaceStatus,
} from '../../common/protocol';
import { toRange } from './showContract';

/** The view's id in `contributes.views.explorer`. */
const contractsViewId = 'apiErrorContracts.contracts';

/** The workspace's source files whose calls are counted (dependencies and build output left out). */
const sourceGlob = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const excludedGlob = '{**/node_modules/**,**/dist/**,**/out/**,**/build/**,**/.*/**}';
const maxFiles = 2000;

type Node =
  | { kind: 'api'; api: ApiOverview }
  | { kind: 'operation'; operation: OperationOverview }
  | { kind: 'status'; status: StatusOverview }
  | { kind: 'message'; text: string };

/** The contracts view, told when the server's contracts change (the language status owns that notification). */
export interface ContractsTree extends vscode.Disposable {
  onWorkspaceStatus(status: WorkspaceStatus): void;
}

/**
 * The API Contracts view in the Explorer: APIs → operations → statuses, each status with how
 * many of the workspace's calls handle it and how many do not. Asked of the server when shown,
 * and again when the contracts reload or a file is saved.
 */
export function createContractsTree(client: LanguageClient): ContractsTree {
  const changed = new vscode.EventEmitter<void>();
  let overview: Promise<ContractsOverview> | undefined;
  const load = async (): Promise<ContractsOverview> => {
    const files = await vscode.workspace.findFiles(sourceGlob, excludedGlob, maxFiles);
    return client.sendRequest<ContractsOverview>(contractsOverviewRequest, {
      uris: files.map((uri) => uri.toString()),
    });
  };
  const refresh = () => {
    overview = undefined;
    changed.fire();
  };
  let timer: NodeJS.Timeout | undefined;
  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    async getChildren(node) {
      if (!node) {
        overview ??= load();
        const loaded = await overview.catch(() => undefined);
        if (!loaded) return [{ kind: 'message', text: 'The language server is not running.' }];
        if (loaded.apis.length === 0)
          return [{ kind: 'message', text: 'No spec, catalog or call to a known API yet.' }];
        // Those the workspace calls first, then the rest by name.
        return [...loaded.apis]
          .sort((a, b) => callsOf(b) - callsOf(a) || a.name.localeCompare(b.name))
          .map((api) => ({ kind: 'api', api }));
      }
      if (node.kind === 'api')
        return node.api.operations.map((operation) => ({ kind: 'operation', operation }));
      if (node.kind === 'operation')
        return node.operation.statuses.map((status) => ({ kind: 'status', status }));
      return [];
    },
    getTreeItem(node) {
      return treeItem(node);
    },
  };
  const view = vscode.window.createTreeView(contractsViewId, {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  const disposable = vscode.Disposable.from(
    view,
    changed,
    vscode.commands.registerCommand('apiErrorContracts.refreshContracts', refresh),
    vscode.workspace.onDidSaveTextDocument(() => {
      if (!view.visible) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, 500);
    }),
    { dispose: () => clearTimeout(timer) },
  );
  return {
    dispose: () => disposable.dispose(),
    onWorkspaceStatus(status) {
      if (status.state === 'ready') refresh();
    },
  };
}

function callsOf(api: ApiOverview): number {
  return api.operations.reduce((sum, operation) => sum + operation.calls, 0);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function treeItem(node: Node): vscode.TreeItem {
  switch (node.kind) {
    case 'message':
      return new vscode.TreeItem(node.text);
    case 'api': {
      const { api } = node;
      const calls = callsOf(api);
      const item = new vscode.TreeItem(
        api.name,
        calls > 0
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = `api:${api.id}`;
      item.description = `${plural(api.operations.length, 'operation')} · ${plural(calls, 'call')}`;
      item.iconPath = new vscode.ThemeIcon(api.kind === 'openapi' ? 'file-code' : 'book');
      item.contextValue = 'api';
      if (api.uri) {
        item.tooltip = vscode.workspace.asRelativePath(vscode.Uri.parse(api.uri));
        item.resourceUri = vscode.Uri.parse(api.uri);
      } else item.tooltip = 'Built-in catalog';
      return item;
    }
    case 'operation': {
      const { operation } = node;
      const item = new vscode.TreeItem(
        `${operation.method} ${operation.path}`,
        operation.statuses.length > 0
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.None,
      );
      const missed = operation.statuses.some((status) => status.notHandled > 0);
      item.description = [
        plural(operation.calls, 'call'),
        ...(operation.summary ? [operation.summary] : []),
      ].join(' · ');
      item.iconPath = new vscode.ThemeIcon(
        missed ? 'warning' : operation.calls > 0 ? 'pass' : 'symbol-method',
      );
      if (operation.location) {
        item.command = {
          command: 'vscode.open',
          title: 'Open in the spec',
          arguments: [
            vscode.Uri.parse(operation.location.uri),
            { selection: toRange(operation.location.range) },
          ],
        };
      }
      return item;
    }
    case 'status': {
      const { status } = node;
      const item = new vscode.TreeItem(`${status.key} ${status.title}`);
      const counts = [
        ...(status.handled > 0 ? [`${status.handled} handled`] : []),
        ...(status.notHandled > 0 ? [`${status.notHandled} not handled`] : []),
      ];
      item.description = counts.length > 0 ? counts.join(' · ') : 'no calls';
      item.tooltip = `Client action: ${status.action}`;
      item.iconPath = new vscode.ThemeIcon(
        status.notHandled > 0 ? 'warning' : status.handled > 0 ? 'pass' : 'circle-outline',
      );
      return item;
    }
  }
}
