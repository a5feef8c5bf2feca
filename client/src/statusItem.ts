/**
 * The language status item of a manifest (the `{}` entry in the status bar): framework,
 * edition and the level of each round, or the number of errors, for the active editor's
 * manifest. The server computes everything and sends it with `ManifestStatusNotification`;
 * this only keeps the latest per document and renders the active one.
 */
import * as vscode from 'vscode';
import type { ManifestStatusNotification } from '../../server/src/shared/protocol';
import { manifestSelector } from './manifestSelector';

type Status = ManifestStatusNotification.Params;

/** The status item and the latest status of each open manifest. */
export class ManifestStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly statuses = new Map<string, Status>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('obecEvidence.status', manifestSelector);
    this.item.name = 'OBEC Evidence';
    this.item.command = { title: vscode.l10n.t('Show output'), command: 'obecEvidence.showOutput' };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.statuses.delete(document.uri.toString());
      }),
    );
    this.render();
  }

  /** Records a status from the server; re-renders when it is the active editor's. */
  update(status: Status): void {
    // Parse and print so the key matches `document.uri.toString()` whatever the server's encoding.
    const key = vscode.Uri.parse(status.uri).toString();
    this.statuses.set(key, status);
    if (vscode.window.activeTextEditor?.document.uri.toString() === key) this.render();
  }

  /** Forgets every status: a new server sends fresh ones, possibly in another language. */
  clear(): void {
    this.statuses.clear();
    this.render();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    // With no text editor focused (the Problems view, a webview) the item is hidden anyway;
    // keep what it showed for when the manifest's editor comes back.
    if (editor === undefined) return;
    const status = this.statuses.get(editor.document.uri.toString());
    const view = status === undefined ? pendingView() : statusView(status);
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.severity = view.severity;
    this.item.accessibilityInformation = { label: view.detail ? `${view.text}, ${view.detail}` : view.text };
  }
}

interface StatusView {
  readonly text: string;
  readonly detail: string;
  readonly severity: vscode.LanguageStatusSeverity;
}

function pendingView(): StatusView {
  return { text: 'OBEC Evidence', detail: vscode.l10n.t('Not checked yet'), severity: vscode.LanguageStatusSeverity.Information };
}

function statusView(status: Status): StatusView {
  const framework = [status.framework, status.edition].filter((s) => s !== undefined && s !== '').join(' ');
  const levels = status.levels.map((l) => l.level).join(' / ');
  const detail: string[] = [];
  if (status.errors > 0) {
    // The levels of a manifest with errors are not what the office would get: lead with the errors.
    const text = status.errors === 1 ? vscode.l10n.t('1 problem') : vscode.l10n.t('{0} problems', status.errors);
    if (framework !== '') detail.push(framework);
    detail.push(...roundDetails(status));
    return { text, detail: [...detail, ...counts(status)].join(' · '), severity: vscode.LanguageStatusSeverity.Error };
  }
  // A maturity framework (PMQA) has no rounds: its total out of the scale is the headline.
  const total = levels === '' && status.overall?.max !== undefined ? `${status.overall.score.toFixed(2)} / ${status.overall.max}` : '';
  const text = [framework, levels === '' ? total : vscode.l10n.t('Level {0}', levels)].filter((s) => s !== '').join(' · ');
  detail.push(...roundDetails(status));
  if (status.overall !== undefined) {
    const shown = status.overall.max !== undefined ? `${status.overall.score.toFixed(2)} / ${status.overall.max}` : status.overall.score.toFixed(2);
    const score = vscode.l10n.t('Score {0}', shown);
    detail.push(status.overall.descriptor ? `${score} ${status.overall.descriptor}` : score);
  }
  detail.push(...counts(status));
  return {
    text: text === '' ? 'OBEC Evidence' : text,
    detail: detail.join(' · '),
    severity: status.warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information,
  };
}

function roundDetails(status: Status): string[] {
  return status.levels.map((l) => vscode.l10n.t('{0}: level {1}', l.title, l.level));
}

function counts(status: Status): string[] {
  const out: string[] = [];
  if (status.errors > 0) out.push(status.errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', status.errors));
  if (status.warnings > 0) out.push(status.warnings === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', status.warnings));
  return out;
}
