/**
 * "Export score report": the standalone HTML report of a manifest (office, fiscal year,
 * reporter, levels, conditions, problems), the file a reviewer attaches to a review. The
 * server computes the payload; the report is rendered here with the same renderer as the
 * CLI's `report` command, so both files are identical for the same manifest.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScorePayload } from '../../../server/src/shared/protocol';
import { renderStandaloneReport } from '../../../server/src/shared/scoreView';
import type { ClientHost } from '../clientHost';
import { reportFailure } from '../failures';
import { scorePreview } from '../requests';

/** `x2.evidence.yaml` → `x2.report.html`: the report sits beside its manifest with a related name. */
export function reportFileName(manifestPath: string): string {
  const base = path.basename(manifestPath).replace(/\.evidence\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
  return `${base === '' ? 'score' : base}.report.html`;
}

/**
 * Asks the server for the manifest's current payload, then where to save the report, and
 * writes it. `fallback` (the payload the panel shows) is used when the server cannot
 * answer, so an export from the panel never fails for a transient reason.
 */
export async function exportScoreReport(host: ClientHost, output: vscode.OutputChannel, manifest: vscode.Uri, fallback?: ScorePayload): Promise<void> {
  let payload: ScorePayload | null | undefined;
  try {
    const client = await host.client();
    payload = await client.sendRequest(scorePreview, { uri: manifest.toString() });
  } catch (error) {
    if (fallback === undefined) {
      await reportFailure(vscode.l10n.t('Could not compute the score of {0}.', path.basename(manifest.fsPath)), error, output);
      return;
    }
    payload = fallback;
  }
  if (payload === null || payload === undefined) {
    await vscode.window.showWarningMessage(vscode.l10n.t('{0} is not an evidence manifest that can be scored.', path.basename(manifest.fsPath)));
    return;
  }
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export score report'),
    defaultUri: vscode.Uri.joinPath(manifest, '..', reportFileName(manifest.path)),
    filters: { [vscode.l10n.t('HTML report')]: ['html', 'htm'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (target === undefined) return;
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderStandaloneReport(payload)));
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not write {0}.', target.fsPath), error, output);
    return;
  }
  const open = vscode.l10n.t('Open in browser');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Exported the score report to {0}.', vscode.workspace.asRelativePath(target)), open);
  // The browser prints it to PDF; VS Code would only show the HTML source.
  if (choice === open) await vscode.env.openExternal(target);
}
