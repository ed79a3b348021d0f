import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  supportedLanguages,
  workspaceStatusNotification,
  type WorkspaceStatus,
} from '../../common/protocol';

/** The documents whose language status shows the workspace's contracts: those the server reads. */
const statusSelector: vscode.DocumentSelector = [...supportedLanguages, 'yaml'];

/**
 * The language status item ("API contracts: 3 specs, 2 catalogs, 412 operations"), busy while
 * the server loads the workspace, with a link to the log; a warning or error when a spec, catalog
 * or the config has problems; `onStatus` hears every status too. Call before the client starts,
 * so the first load is seen.
 */
export function createContractsStatus(
  client: LanguageClient,
  onStatus: (status: WorkspaceStatus) => void = () => undefined,
): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem(
    'apiErrorContracts.status',
    statusSelector,
  );
  item.name = 'API Error Contracts';
  item.command = { command: 'apiErrorContracts.showOutput', title: 'Show Log' };
  const showLoading = () => {
    item.text = 'API contracts: loading…';
    item.detail = 'Reading OpenAPI documents, catalogs and the project config';
    item.busy = true;
    item.severity = vscode.LanguageStatusSeverity.Information;
  };
  showLoading();
  const notifications = client.onNotification(
    workspaceStatusNotification,
    (status: WorkspaceStatus) => {
      // The one handler of the notification (the client keeps one per method): others hear it here.
      onStatus(status);
      if (status.state === 'loading') return showLoading();
      item.busy = false;
      item.text = `API contracts: ${count(status.specs, 'spec')}, ${count(status.catalogs, 'catalog')}, ${count(status.operations, 'operation')}`;
      item.severity =
        status.errors > 0
          ? vscode.LanguageStatusSeverity.Error
          : status.warnings > 0
            ? vscode.LanguageStatusSeverity.Warning
            : vscode.LanguageStatusSeverity.Information;
      const problems = [
        ...(status.errors > 0 ? [count(status.errors, 'error')] : []),
        ...(status.warnings > 0 ? [count(status.warnings, 'warning')] : []),
      ];
      // Short: the hover is narrow, and the command link must stay in view.
      item.detail =
        problems.length > 0
          ? `${problems.join(', ')}${status.problemUri ? ` · ${vscode.workspace.asRelativePath(vscode.Uri.parse(status.problemUri))}` : ''}`
          : 'loaded without problems';
    },
  );
  // A restarted server loads the workspace again.
  const states = client.onDidChangeState((event) => {
    if (event.newState === State.Starting) showLoading();
  });
  return vscode.Disposable.from(item, notifications, states);
}

function count(value: number, noun: string): string {
  return `${value.toLocaleString('en-US')} ${noun}${value === 1 ? '' : 's'}`;
}
