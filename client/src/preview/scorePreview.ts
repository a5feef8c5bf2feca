/**
 * One score preview panel: the manifest it shows, its lock, the latest payload, and the
 * webview's messages. The server computes every payload; this only forwards it, after
 * dropping results older than the one shown.
 *
 * Everything the webview posts is validated (`parseWebviewMessage`) before use, and a
 * reveal can only move the cursor inside the previewed manifest: the page renders text
 * from manifests and workbooks, which must not be able to steer the editor anywhere else.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScorePayload } from '../../../server/src/shared/protocol';
import { parseWebviewMessage, SCORE_PREVIEW_VIEW_TYPE, type HostToWebview, type WebviewToHost } from '../../../server/src/shared/webviewMessages';
import type { ClientHost } from '../clientHost';
import { scorePreview } from '../requests';
import { messageLanguage } from '../settings';
import { exportScoreReport } from './exportReport';
import { buildPreviewHtml, newNonce } from './html';

/** What every panel needs from the extension. */
export interface PreviewContext {
  readonly extensionUri: vscode.Uri;
  readonly host: ClientHost;
  readonly output: vscode.OutputChannel;
}

/** The only folder the webview may load from: the bundle of its script. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/** The options of every score preview webview, new or restored (VS Code does not keep them). */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

/** Payload URIs come from the server: compare them in VS Code's own spelling. */
const sameUri = (a: string, b: vscode.Uri): boolean => vscode.Uri.parse(a).toString() === b.toString();

/** Files whose change on disk may change a manifest's score (the server watches the same kinds). */
const AFFECTING_FILES = '**/*.{xlsx,xlsm,xls,pdf,png,jpg,jpeg,docx,yaml,yml}';

/** The panel of one manifest's score. */
export class ScorePreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  /** Fired once, when the panel is closed or the preview disposed. */
  readonly onDidDispose = this.disposeEmitter.event;
  private latest: ScorePayload | undefined;
  private watcher: vscode.Disposable | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  /** A new panel for `resource` in `column`. */
  static create(ctx: PreviewContext, resource: vscode.Uri, column: vscode.ViewColumn, locked: boolean): ScorePreview {
    const panel = vscode.window.createWebviewPanel(SCORE_PREVIEW_VIEW_TYPE, '', { viewColumn: column, preserveFocus: true }, {
      ...webviewOptions(ctx.extensionUri),
      // Not kept alive while hidden: the page is cheap to rebuild and tells us when it is back ('ready').
      retainContextWhenHidden: false,
      enableFindWidget: true,
    });
    return new ScorePreview(ctx, panel, resource, locked);
  }

  /** A panel VS Code restored after a reload (its state already validated by the serializer). */
  static revive(ctx: PreviewContext, panel: vscode.WebviewPanel, resource: vscode.Uri, locked: boolean): ScorePreview {
    panel.webview.options = webviewOptions(ctx.extensionUri);
    return new ScorePreview(ctx, panel, resource, locked);
  }

  private constructor(
    private readonly ctx: PreviewContext,
    readonly panel: vscode.WebviewPanel,
    private currentResource: vscode.Uri,
    private locked: boolean,
  ) {
    // Versions count again from 1 when a document is reopened (and a manifest read from disk
    // is version 0): forget the last version then, or newer payloads would look older.
    const forgetVersion = (document: vscode.TextDocument): void => {
      if (document.uri.toString() === this.currentResource.toString()) this.latest = undefined;
    };
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      vscode.workspace.onDidOpenTextDocument(forgetVersion),
      vscode.workspace.onDidCloseTextDocument(forgetVersion),
    );
    this.updateTitle();
    this.watchDisk();
    this.renderPage();
  }

  /** The manifest shown. */
  get resource(): vscode.Uri {
    return this.currentResource;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /** Shows another manifest (following the editor, or an explicit command). */
  setResource(resource: vscode.Uri): void {
    if (resource.toString() === this.currentResource.toString()) return;
    this.currentResource = resource;
    this.latest = undefined;
    this.updateTitle();
    this.watchDisk();
    void this.refresh();
  }

  /** Locks the panel to its manifest, or lets it follow the active editor again. */
  setLocked(locked: boolean): void {
    this.locked = locked;
    this.updateTitle();
    this.post({ type: 'state', locked });
  }

  /**
   * A payload from the server (notification or request). Kept and shown when it is for
   * this manifest and not older than the one shown; the same version is accepted, since a
   * saved workbook changes the result without changing the manifest.
   */
  accept(payload: ScorePayload): void {
    if (!sameUri(payload.uri, this.currentResource)) return;
    if (this.latest !== undefined && payload.version < this.latest.version) return;
    this.latest = payload;
    this.post({ type: 'update', payload });
  }

  /** Asks the server for the manifest's current payload. */
  async refresh(): Promise<void> {
    const resource = this.currentResource;
    try {
      const client = await this.ctx.host.client();
      const payload = await client.sendRequest(scorePreview, { uri: resource.toString() });
      if (payload !== null && !this.disposed) this.accept(payload);
    } catch (error) {
      // The server logs its side; a failed refresh leaves the last payload on screen.
      this.ctx.output.appendLine(`Score preview of ${resource.toString()}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Starts over in a new language: the page's toolbar, and payloads from the restarted server. */
  reload(): void {
    this.latest = undefined;
    this.renderPage();
  }

  /** Builds the page (a new nonce each time); its script then asks for the latest payload ('ready'). */
  private renderPage(): void {
    this.panel.webview.html = buildPreviewHtml(this.latest ?? null, {
      nonce: newNonce(),
      scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(this.ctx.extensionUri), 'preview.js')).toString(),
      uri: this.currentResource.toString(),
      locked: this.locked,
      lang: messageLanguage(),
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.watcher?.dispose();
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  private post(message: HostToWebview): void {
    // A hidden page is gone (not retained): the message is dropped, and 'ready' resends the latest.
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private updateTitle(): void {
    const name = path.basename(this.currentResource.fsPath);
    this.panel.title = this.locked ? vscode.l10n.t('[Locked] Score: {0}', name) : vscode.l10n.t('Score: {0}', name);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message: WebviewToHost | undefined = parseWebviewMessage(raw);
    if (message === undefined) {
      this.ctx.output.appendLine(`Score preview: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.post({ type: 'state', locked: this.locked });
        if (this.latest !== undefined) this.post({ type: 'update', payload: this.latest });
        await this.refresh();
        break;
      case 'reveal':
        await this.reveal(message.line, message.character);
        break;
      case 'export':
        await exportScoreReport(this.ctx.host, this.ctx.output, this.currentResource, this.latest);
        break;
      case 'toggleLock':
        this.setLocked(!this.locked);
        break;
      default: {
        const never: never = message;
        void never;
      }
    }
  }

  /**
   * Shows the previewed manifest with the cursor on `line`/`character`: in the editor
   * that already shows it, else beside the panel. A position outside the document is
   * ignored (the payload may be older than the text).
   */
  private async reveal(line: number, character: number): Promise<void> {
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(this.currentResource);
    } catch {
      // The manifest was moved or deleted since the panel showed it.
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} can no longer be opened.', vscode.workspace.asRelativePath(this.currentResource)));
      return;
    }
    if (line >= document.lineCount) return;
    const position = document.validatePosition(new vscode.Position(line, character));
    // Select the key or value the source points at, as a hint of what the finding is about.
    const range = document.getWordRangeAtPosition(position, /[^\s:#,{}[\]]+/) ?? new vscode.Range(position, position);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.currentResource.toString());
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /**
   * A manifest that is open in an editor is re-checked by the server as it changes, and
   * its payloads arrive as notifications. One that is not open (a panel restored after a
   * reload) is not: watch its folder and ask again when a file that may matter changes.
   */
  private watchDisk(): void {
    this.watcher?.dispose();
    const folder = vscode.workspace.getWorkspaceFolder(this.currentResource)?.uri ?? vscode.Uri.joinPath(this.currentResource, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, AFFECTING_FILES));
    const changed = (): void => {
      const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === this.currentResource.toString());
      if (open) return; // the server re-checks open manifests itself and notifies us
      if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
      // Saving a workbook writes several files in a row: ask once they are written.
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = undefined;
        void this.refresh();
      }, 300);
    };
    watcher.onDidChange(changed);
    watcher.onDidCreate(changed);
    watcher.onDidDelete(changed);
    this.watcher = watcher;
  }
}
