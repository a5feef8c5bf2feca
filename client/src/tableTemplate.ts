/**
 * "Write an Excel table template": the user picks one of the packs' tables, the server
 * builds the workbook (TableTemplateRequest, base64), the user chooses where it goes. The
 * server never writes files; the save dialog is the only consent to replace one.
 */
import * as vscode from 'vscode';
import type { ClientHost } from './clientHost';
import { reportFailure } from './failures';
import { isManifest } from './manifestSelector';
import { tableIds, tableTemplate } from './requests';
import { messageLanguage } from './settings';

/**
 * What the "create the missing table" quick fix passes: the table, and the absolute path
 * the manifest expects the workbook at (the save dialog's default).
 */
export interface TableTemplateArgs {
  readonly table?: string;
  readonly target?: string;
}

function parseArgs(x: unknown): TableTemplateArgs {
  if (typeof x !== 'object' || x === null) return {};
  const o = x as Record<string, unknown>;
  return { ...(typeof o['table'] === 'string' ? { table: o['table'] } : {}), ...(typeof o['target'] === 'string' ? { target: o['target'] } : {}) };
}

/** Runs the command; from a quick fix, `rawArgs` names the table and where it belongs. */
export async function writeTableTemplate(host: ClientHost, output: vscode.OutputChannel, rawArgs?: unknown): Promise<void> {
  const args = parseArgs(rawArgs);
  let table: string | undefined;
  let bytes: Uint8Array;
  let fileName: string;
  try {
    const client = await host.client();
    const { tables } = await client.sendRequest(tableIds);
    if (tables.length === 0) {
      await vscode.window.showWarningMessage(vscode.l10n.t('The loaded schema packs define no tables.'));
      return;
    }
    if (args.table !== undefined && tables.some((t) => t.id === args.table)) table = args.table;
    else {
      const picked = await vscode.window.showQuickPick(
        tables.map((t) => ({ label: t.id, description: t.title, id: t.id })),
        { title: vscode.l10n.t('Write an Excel table template'), placeHolder: vscode.l10n.t('Choose a table') },
      );
      table = picked?.id;
    }
    if (table === undefined) return;
    // Asked before the save dialog so that the dialog can offer the server's file name.
    const result = await client.sendRequest(tableTemplate, { table, language: messageLanguage() });
    bytes = Buffer.from(result.base64, 'base64');
    fileName = result.fileName;
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not make the template.'), error, output);
    return;
  }
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save the {0} template', table),
    defaultUri:
      args.target !== undefined ? vscode.Uri.file(args.target) : await defaultFolder().then((folder) => (folder === undefined ? undefined : vscode.Uri.joinPath(folder, fileName))),
    filters: { [vscode.l10n.t('Excel workbook')]: ['xlsx'] },
    saveLabel: vscode.l10n.t('Save'),
  });
  if (target === undefined) return;
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not write {0}.', target.fsPath), error, output);
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Wrote the {0} template to {1}.', table, vscode.workspace.asRelativePath(target)));
}

/**
 * Where tables usually live: `tables/` beside the active manifest (the samples' layout),
 * else the manifest's folder, else the first workspace folder.
 */
async function defaultFolder(): Promise<vscode.Uri | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (document !== undefined && isManifest(document)) {
    const manifestFolder = vscode.Uri.joinPath(document.uri, '..');
    const tables = vscode.Uri.joinPath(manifestFolder, 'tables');
    try {
      const stat = await vscode.workspace.fs.stat(tables);
      if (stat.type & vscode.FileType.Directory) return tables;
    } catch {
      // no tables/ folder: the manifest's own folder will do
    }
    return manifestFolder;
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}
