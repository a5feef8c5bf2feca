/**
 * The score preview's HTML document. Pure (no `vscode`): the panel and the Chromium tests
 * build the very same page, so what the tests check is what the panel shows.
 *
 * The page is inert until our one script runs: the payload travels in an escaped
 * `data-state` attribute (never inside a `<script>`, where a `</script>` in an office name
 * would end it), and the policy allows only the stylesheet and the script carrying this
 * render's nonce. No images, fonts, frames or connections: the panel needs none, so a
 * markup injection that slipped past escaping still could not load or run anything.
 */
import { randomBytes } from 'node:crypto';
import type { MessageLanguage, ScorePayload } from '../../../server/src/shared/protocol';
import { escapeHtml, SCORE_CSS } from '../../../server/src/shared/scoreView';
import { PREVIEW_ROOT_ELEMENT_ID, PREVIEW_STATE_ELEMENT_ID, type PreviewInitialState } from '../../../server/src/shared/webviewMessages';

/** What {@link buildPreviewHtml} needs besides the payload. */
export interface PreviewHtmlOptions {
  /** A fresh nonce for this render ({@link newNonce}); it allows our stylesheet and script only. */
  readonly nonce: string;
  /** The webview's URI of `dist/webview/preview.js` (`webview.asWebviewUri`), or a file URL in tests. */
  readonly scriptUri: string;
  /** The manifest shown: kept by the webview for the serializer even while the payload is null. */
  readonly uri: string;
  readonly locked: boolean;
  /** Language of the toolbar and placeholder: the same as the payload's (the `obecEvidence.language` setting). */
  readonly lang: MessageLanguage;
}

/** The toolbar's words. The score view itself is localised by `scoreView.ts` from the payload. */
const PANEL_LABELS = {
  th: {
    toolbar: 'เครื่องมือตัวอย่างคะแนน',
    export: 'ส่งออกรายงาน',
    exportTitle: 'ส่งออกรายงานคะแนนเป็นไฟล์ HTML (พิมพ์เป็น PDF ได้)',
    unlocked: 'ล็อก',
    locked: 'ล็อกอยู่',
    unlockedTitle: 'ตัวอย่างเปลี่ยนตามไฟล์หลักฐานที่กำลังแก้ไข คลิกเพื่อล็อกไว้ที่ไฟล์นี้',
    lockedTitle: 'ตัวอย่างล็อกไว้ที่ไฟล์นี้ คลิกเพื่อให้เปลี่ยนตามไฟล์ที่กำลังแก้ไข',
    waiting: 'กำลังคำนวณคะแนน…',
  },
  en: {
    toolbar: 'Score preview tools',
    export: 'Export report',
    exportTitle: 'Export the score report as an HTML file (prints to PDF)',
    unlocked: 'Lock',
    locked: 'Locked',
    unlockedTitle: 'The preview follows the manifest being edited. Click to keep it on this one.',
    lockedTitle: 'The preview is locked to this manifest. Click to follow the manifest being edited.',
    waiting: 'Computing the score…',
  },
} as const;

/**
 * The panel's own rules, after the shared view's: a toolbar that stays in sight while
 * scrolling, drawn with the theme's button colours (outlined in high contrast, where
 * VS Code draws every control with a border).
 */
const PANEL_CSS = `
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; justify-content: flex-end; gap: 6px; margin: -16px -20px 8px; padding: 6px 20px; background: var(--vscode-editor-background, #ffffff); border-bottom: 1px solid var(--vscode-panel-border, #d0d7de); }
.toolbar button { font: inherit; font-size: 0.92em; line-height: 1.4; padding: 2px 10px; border-radius: 2px; cursor: pointer; border: 1px solid var(--vscode-button-border, transparent); color: var(--vscode-button-secondaryForeground, #1f2328); background: var(--vscode-button-secondaryBackground, #e7e9eb); }
.toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, #d8dadd); }
.toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: 2px; }
.toolbar button[aria-pressed="true"] { color: var(--vscode-button-foreground, #ffffff); background: var(--vscode-button-background, #0969da); }
body.vscode-high-contrast .toolbar button, body.vscode-high-contrast-light .toolbar button { border-color: var(--vscode-contrastBorder, currentColor); }
.placeholder { color: var(--vscode-descriptionForeground, #57606a); }
`;

/** A fresh nonce (128 random bits): a new one for every render, so an old page's nonce is useless. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The content security policy of the page: our nonce'd stylesheet and script, nothing else. */
export function previewCsp(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'`;
}

/**
 * The whole page of the score preview for `payload` (null: not computed yet). Every value
 * that reaches the markup goes through `escapeHtml`; the payload itself is rendered later,
 * by the webview script, with the shared `renderScoreBody`.
 */
export function buildPreviewHtml(payload: ScorePayload | null, opts: PreviewHtmlOptions): string {
  const l = PANEL_LABELS[opts.lang];
  const nonce = escapeHtml(opts.nonce);
  const state: PreviewInitialState = { uri: opts.uri, locked: opts.locked, language: opts.lang, payload };
  const lockLabel = opts.locked ? l.locked : l.unlocked;
  const lockTitle = opts.locked ? l.lockedTitle : l.unlockedTitle;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(opts.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(opts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta id="${PREVIEW_STATE_ELEMENT_ID}" data-state="${escapeHtml(JSON.stringify(state))}">
<style nonce="${nonce}">${SCORE_CSS}${PANEL_CSS}</style>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="${escapeHtml(l.toolbar)}">
<button type="button" id="export" title="${escapeHtml(l.exportTitle)}">${escapeHtml(l.export)}</button>
<button type="button" id="lock" aria-pressed="${opts.locked}" title="${escapeHtml(lockTitle)}" data-label-locked="${escapeHtml(l.locked)}" data-label-unlocked="${escapeHtml(l.unlocked)}" data-title-locked="${escapeHtml(l.lockedTitle)}" data-title-unlocked="${escapeHtml(l.unlockedTitle)}">${escapeHtml(lockLabel)}</button>
</div>
<main id="${PREVIEW_ROOT_ELEMENT_ID}"><p class="placeholder">${escapeHtml(l.waiting)}</p></main>
<script nonce="${nonce}" src="${escapeHtml(opts.scriptUri)}"></script>
</body>
</html>
`;
}
