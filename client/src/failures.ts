/** How a command tells the user that the server could not do what was asked. */
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';

/** The output channel's command, also the status item's link. */
export const SHOW_OUTPUT_COMMAND = 'obecEvidence.showOutput';

/** True for a request the user cancelled: nothing to report. */
export function isCancellation(error: unknown): boolean {
  if (error instanceof vscode.CancellationError) return true;
  return error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
}

/**
 * Shows `message` with the cause, logs the details to the output channel, and offers to
 * open it: the stack and the server's log are what a maintainer asks for first.
 */
export async function reportFailure(message: string, error: unknown, output: vscode.OutputChannel): Promise<void> {
  if (isCancellation(error)) return;
  const cause = error instanceof Error ? error.message : String(error);
  output.appendLine(`${message}: ${error instanceof Error && error.stack ? error.stack : cause}`);
  const showOutput = vscode.l10n.t('Show output');
  const choice = await vscode.window.showErrorMessage(`${message} ${cause}`, showOutput);
  if (choice === showOutput) output.show(true);
}
