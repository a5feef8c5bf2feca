/**
 * "Check the whole workspace": the server checks every manifest in the workspace folders,
 * not only the open ones (CheckWorkspaceRequest), publishing diagnostics as it goes; the
 * counts are then shown and the Problems view brought forward, where the findings are.
 */
import * as vscode from 'vscode';
import type { CheckWorkspaceRequest } from '../../server/src/shared/protocol';
import type { ClientHost } from './clientHost';
import { reportFailure } from './failures';
import { checkWorkspace as checkWorkspaceRequest } from './requests';

/** Runs the command. */
export async function checkWorkspace(host: ClientHost, output: vscode.OutputChannel): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    await vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the check looks for *.evidence.yaml files in the workspace folders.'));
    return;
  }
  let result: CheckWorkspaceRequest.Result | undefined;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('OBEC Evidence: checking the workspace…'), cancellable: true },
      async (_progress, token) => {
        const client = await host.client();
        // Cancel sends $/cancelRequest, but a server may still finish the check: stop
        // waiting at once so the notification goes away, and show no summary.
        let listener: vscode.Disposable | undefined;
        const cancelled = new Promise<undefined>((resolve) => {
          listener = token.onCancellationRequested(() => resolve(undefined));
        });
        try {
          return await Promise.race([client.sendRequest(checkWorkspaceRequest, {}, token), cancelled]);
        } finally {
          listener?.dispose();
        }
      },
    );
  } catch (error) {
    await reportFailure(vscode.l10n.t('The workspace check failed.'), error, output);
    return;
  }
  if (result === undefined) return; // cancelled
  if (result.manifests === 0) {
    const create = vscode.l10n.t('New evidence manifest');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('No *.evidence.yaml files in the workspace.'), create);
    if (choice === create) await vscode.commands.executeCommand('obecEvidence.newManifest');
    return;
  }
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const message =
    result.errors === 0 && result.warnings === 0
      ? vscode.l10n.t('Checked {0} manifest(s): no problems.', result.manifests)
      : vscode.l10n.t('Checked {0} manifest(s): {1} error(s), {2} warning(s).', result.manifests, result.errors, result.warnings);
  // Not awaited: the message stays while the user reads the Problems view.
  void vscode.window.showInformationMessage(message);
}
