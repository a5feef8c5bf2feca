/**
 * The messages between the score preview webview and the extension, defined once and
 * imported by both sides (the webview bundle and `client/src/preview/`), as VS Code's
 * Markdown preview does. Plain shapes and plain functions only: no `vscode`, no DOM, no
 * Node, so both the browser and the extension host can import this module.
 *
 * The webview is treated as untrusted input: manifest and workbook text is rendered in it,
 * so a rendering bug could let that text post messages. The host therefore accepts only
 * what {@link parseWebviewMessage} returns, never the raw message.
 */
import type { MessageLanguage, ScorePayload } from './protocol';

/** The webview panel's type, also the key of its serializer and of `activeWebviewPanelId`. */
export const SCORE_PREVIEW_VIEW_TYPE = 'obecEvidence.scorePreview';

/** Id of the element whose `data-state` attribute carries the {@link PreviewInitialState}. */
export const PREVIEW_STATE_ELEMENT_ID = 'obec-evidence-preview-state';

/** Id of the element the webview renders the score view into (its content is replaced on each update). */
export const PREVIEW_ROOT_ELEMENT_ID = 'score-root';

// ---------------------------------------------------------------------------------------
// Host → webview
// ---------------------------------------------------------------------------------------

/** Host → webview: a new payload for the previewed manifest (or another manifest, when following the editor). */
export interface UpdateMessage {
  readonly type: 'update';
  readonly payload: ScorePayload;
}

/** Host → webview: the panel's lock changed (the webview shows it and keeps it in its state). */
export interface StateMessage {
  readonly type: 'state';
  readonly locked: boolean;
}

/** Everything the host posts to the webview. */
export type HostToWebview = UpdateMessage | StateMessage;

// ---------------------------------------------------------------------------------------
// Webview → host
// ---------------------------------------------------------------------------------------

/** Webview → host: the script has loaded and listens; the host answers with the latest payload. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Webview → host: show this 0-based position of the previewed manifest in its editor. */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly line: number;
  readonly character: number;
}

/** Webview → host: the toolbar's "Export" button (same as the export command). */
export interface ExportMessage {
  readonly type: 'export';
}

/** Webview → host: the toolbar's lock button. */
export interface ToggleLockMessage {
  readonly type: 'toggleLock';
}

/** Everything the webview posts to the host. */
export type WebviewToHost = ReadyMessage | RevealMessage | ExportMessage | ToggleLockMessage;

/**
 * The largest line or character a reveal may name. Far beyond any real manifest, and well
 * inside the safe-integer range, so a huge number is refused here rather than handed to
 * the editor; the host still checks the line against the document.
 */
export const MAX_POSITION = 10_000_000;

const isPosition = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_POSITION;

/** True when `o` has exactly the keys `keys` (own, enumerable): extra fields are refused, not ignored. */
function hasExactKeys(o: object, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

/**
 * Validates a message received from the webview. Returns a fresh object with only the
 * known fields, or undefined for anything else: an unknown `type`, a missing or extra
 * field, a line or character that is not a non-negative integer. The host acts only on
 * what this returns.
 */
export function parseWebviewMessage(x: unknown): WebviewToHost | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined;
  const m = x as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
    case 'export':
    case 'toggleLock':
      return hasExactKeys(m, ['type']) ? { type: m['type'] } : undefined;
    case 'reveal': {
      const line = m['line'];
      const character = m['character'];
      if (!hasExactKeys(m, ['type', 'line', 'character']) || !isPosition(line) || !isPosition(character)) return undefined;
      return { type: 'reveal', line, character };
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------

/**
 * What the webview keeps with `vscode.setState`, and what VS Code hands the panel
 * serializer after a reload: enough to reopen the same manifest with the same lock.
 */
export interface PreviewState {
  readonly uri: string;
  readonly locked: boolean;
  /** Where the page was scrolled, so a panel brought back from the background opens at the same place. */
  readonly scrollY?: number;
}

/** Validates a saved {@link PreviewState} (it comes back from disk after a reload). */
export function parsePreviewState(x: unknown): PreviewState | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const s = x as Record<string, unknown>;
  const uri = s['uri'];
  const locked = s['locked'];
  const scrollY = s['scrollY'];
  if (typeof uri !== 'string' || uri === '' || typeof locked !== 'boolean') return undefined;
  const validScroll = typeof scrollY === 'number' && Number.isFinite(scrollY) && scrollY >= 0;
  return { uri, locked, ...(validScroll ? { scrollY } : {}) };
}

/**
 * The state the host writes into the page (escaped, in a `data-state` attribute): the
 * payload to render first, so the panel shows the score without waiting for a message.
 */
export interface PreviewInitialState {
  readonly uri: string;
  readonly locked: boolean;
  readonly language: MessageLanguage;
  /** Null until the server has computed the manifest (the page then shows a placeholder). */
  readonly payload: ScorePayload | null;
}
