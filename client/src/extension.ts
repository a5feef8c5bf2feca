/**
 * The OBEC Evidence extension: starts the language server (`dist/server.js`) for evidence
 * manifests, shows each manifest's levels in a language status item and its score in a
 * preview panel, and contributes the commands. The server does all checking; this side owns the editor's UI and the files
 * the user asks to write.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkWorkspace } from './checkWorkspace';
import { ClientHost } from './clientHost';
import { SHOW_OUTPUT_COMMAND } from './failures';
import { isManifest } from './manifestSelector';
import { newManifest } from './newManifest';
import { ScorePreviewManager } from './preview/previewManager';
import { manifestStatus } from './requests';
import { RESTART_SETTINGS } from './settings';
import { ManifestStatusItem } from './statusItem';
import { writeTableTemplate } from './tableTemplate';

let host: ClientHost | undefined;

/** Called by VS Code on the first activation event (a manifest in the workspace, or a command). */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('OBEC Evidence');
  const status = new ManifestStatusItem();
  const clientHost = new ClientHost(context.asAbsolutePath(path.join('dist', 'server.js')), output, (client) => {
    // A new server re-sends each manifest's status; the old ones may be in the old language.
    status.clear();
    client.onNotification(manifestStatus, (params) => status.update(params));
  });
  host = clientHost;

  const restart = (): void => {
    void clientHost.restart();
  };
  const startForManifest = (document: vscode.TextDocument): void => {
    // The server is a separate process: start it only once there is a manifest to check.
    if (!clientHost.started && isManifest(document)) {
      clientHost.client().catch(() => undefined); // the client library reports start failures itself
    }
  };

  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('obecEvidence.checkWorkspace', () => checkWorkspace(clientHost, output)),
    vscode.commands.registerCommand('obecEvidence.newManifest', () => newManifest(clientHost, output)),
    vscode.commands.registerCommand('obecEvidence.writeTableTemplate', (args?: unknown) => writeTableTemplate(clientHost, output, args)),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((setting) => event.affectsConfiguration(setting))) restart();
    }),
    // Schema packs were withheld while the workspace was untrusted; a new server gets them.
    vscode.workspace.onDidGrantWorkspaceTrust(restart),
    vscode.workspace.onDidOpenTextDocument(startForManifest),
    // After the restart listener above: a language change restarts the server first, so the
    // panel's new page asks the new server.
    new ScorePreviewManager({ extensionUri: context.extensionUri, host: clientHost, output }),
  );
  vscode.workspace.textDocuments.forEach(startForManifest);
}

/** Stops the server; VS Code waits for the returned promise. */
export function deactivate(): Promise<void> | undefined {
  const stopping = host?.dispose();
  host = undefined;
  return stopping;
}
