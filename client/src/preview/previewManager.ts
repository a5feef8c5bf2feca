/**
 * The score preview's commands and lifecycle: one panel at a time, opened beside the
 * manifest (or in its column), following the active manifest editor unless locked, fed by
 * the server's `scorePreviewChanged` notifications, and restored after a reload by a
 * serializer. The panel itself is `ScorePreview`; the page is `html.ts` + the webview
 * bundle.
 */
import * as vscode from 'vscode';
import { parsePreviewState, SCORE_PREVIEW_VIEW_TYPE } from '../../../server/src/shared/webviewMessages';
import { scorePreviewChanged } from '../requests';
import { RESTART_SETTINGS } from '../settings';
import { exportScoreReport } from './exportReport';
import { ScorePreview, type PreviewContext } from './scorePreview';

/** The preview's command ids (package.json contributes them). */
export const PREVIEW_COMMANDS = {
  showPreview: 'obecEvidence.showPreview',
  showPreviewToSide: 'obecEvidence.showPreviewToSide',
  togglePreviewLock: 'obecEvidence.togglePreviewLock',
  exportScoreReport: 'obecEvidence.exportScoreReport',
} as const;

/**
 * A manifest the preview can show: a file on disk named `*.evidence.yaml` (or `.yml`, as
 * the server accepts). Evidence paths are relative to it, so untitled or virtual documents
 * cannot be scored.
 */
export function isManifestUri(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && /\.evidence\.ya?ml$/i.test(uri.path);
}

/** A URI from saved state, or undefined when it does not parse. */
function parseUri(text: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(text, true);
  } catch {
    return undefined;
  }
}

/** Owns the score preview panel and registers its commands, serializer and listeners. */
export class ScorePreviewManager implements vscode.Disposable {
  private preview: ScorePreview | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: PreviewContext) {
    this.disposables.push(
      vscode.commands.registerCommand(PREVIEW_COMMANDS.showPreview, (uri?: unknown) => this.show(uri, false)),
      vscode.commands.registerCommand(PREVIEW_COMMANDS.showPreviewToSide, (uri?: unknown) => this.show(uri, true)),
      vscode.commands.registerCommand(PREVIEW_COMMANDS.togglePreviewLock, () => this.preview?.setLocked(!this.preview.isLocked)),
      vscode.commands.registerCommand(PREVIEW_COMMANDS.exportScoreReport, (uri?: unknown) => this.exportReport(uri)),
      vscode.window.registerWebviewPanelSerializer(SCORE_PREVIEW_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => this.restore(panel, state) }),
      ctx.host.onNotification(scorePreviewChanged, (payload) => this.preview?.accept(payload)),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        // The toolbar is in the panel's language; the server restarts and sends payloads in it.
        if (RESTART_SETTINGS.some((setting) => event.affectsConfiguration(setting))) this.preview?.reload();
      }),
    );
  }

  dispose(): void {
    this.preview?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  /** "Open Score Preview" / "… to the Side": for `arg` (an editor-title click passes the file) or the active editor. */
  private async show(arg: unknown, toSide: boolean): Promise<void> {
    const resource = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (resource === undefined || !isManifestUri(resource)) {
      await vscode.window.showWarningMessage(vscode.l10n.t('Open an evidence manifest (*.evidence.yaml) first.'));
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    if (this.preview !== undefined) {
      // An explicit command shows what was asked for, locked or not.
      this.preview.setResource(resource);
      this.preview.panel.reveal(toSide ? undefined : column, true);
      return;
    }
    this.adopt(ScorePreview.create(this.ctx, resource, column, false));
  }

  /** Follows the active editor to another manifest, unless the panel is locked. */
  private follow(editor: vscode.TextEditor | undefined): void {
    const preview = this.preview;
    if (preview === undefined || preview.isLocked || editor === undefined) return;
    if (isManifestUri(editor.document.uri)) preview.setResource(editor.document.uri);
  }

  /** Restores a panel after a reload, when its manifest is still there. */
  private async restore(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = parsePreviewState(raw);
    const resource = state === undefined ? undefined : parseUri(state.uri);
    const exists = resource !== undefined && isManifestUri(resource) && (await vscode.workspace.fs.stat(resource).then(() => true, () => false));
    // One panel at a time: a second restored panel (from an older window layout) is closed too.
    if (!exists || this.preview !== undefined) {
      panel.dispose();
      return;
    }
    this.adopt(ScorePreview.revive(this.ctx, panel, resource, state!.locked));
  }

  private adopt(preview: ScorePreview): void {
    this.preview = preview;
    preview.onDidDispose(() => {
      if (this.preview === preview) this.preview = undefined;
    });
  }

  /** "Export score report": for `arg`, the panel's manifest when the panel is active, or the active manifest editor's. */
  private async exportReport(arg: unknown): Promise<void> {
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    const resource =
      arg instanceof vscode.Uri
        ? arg
        : this.preview?.panel.active
          ? this.preview.resource
          : editorUri !== undefined && isManifestUri(editorUri)
            ? editorUri
            : this.preview?.resource;
    if (resource === undefined || !isManifestUri(resource)) {
      await vscode.window.showWarningMessage(vscode.l10n.t('Open an evidence manifest (*.evidence.yaml) first.'));
      return;
    }
    await exportScoreReport(this.ctx.host, this.ctx.output, resource);
  }
}
