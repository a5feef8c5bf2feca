/**
 * The score preview's script, running inside the webview (a browser page, no Node, no
 * `vscode`). It renders the payload the host sends with the shared `renderScoreBody`,
 * and turns clicks and key presses into the few messages the host accepts.
 *
 * Updates replace the content of one root element in one assignment, then put back what
 * the reader had: the scroll position, the focused element and the opened `<details>`.
 * The browser lays out once, after the handler, so nothing flickers.
 */
import type { ScorePayload } from '../../server/src/shared/protocol';
import { renderScoreBody } from '../../server/src/shared/scoreView';
import {
  PREVIEW_ROOT_ELEMENT_ID,
  PREVIEW_STATE_ELEMENT_ID,
  type HostToWebview,
  type PreviewInitialState,
  type PreviewState,
  type WebviewToHost,
} from '../../server/src/shared/webviewMessages';

/** The part of VS Code's webview API this page uses. */
interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function readInitialState(): PreviewInitialState {
  const raw = document.getElementById(PREVIEW_STATE_ELEMENT_ID)?.dataset['state'];
  if (raw === undefined) throw new Error(`#${PREVIEW_STATE_ELEMENT_ID} has no data-state`);
  return JSON.parse(raw) as PreviewInitialState;
}

/** The saved scroll position of this panel, if the webview was recreated (hidden and shown again). */
/** A saved scroll position waiting for the first payload of the re-created page. */
let pendingScrollY: number | undefined;

function savedScrollY(uri: string): number | undefined {
  const saved = vscode.getState() as Partial<PreviewState> | undefined;
  return saved?.uri === uri && typeof saved.scrollY === 'number' ? saved.scrollY : undefined;
}

const initial = readInitialState();
const root = document.getElementById(PREVIEW_ROOT_ELEMENT_ID)!;
const lockButton = document.getElementById('lock') as HTMLButtonElement;
const exportButton = document.getElementById('export') as HTMLButtonElement;

let uri = initial.uri;
let locked = initial.locked;
let shown: ScorePayload | null = null;

function saveState(): void {
  vscode.setState({ uri, locked, scrollY: Math.round(window.scrollY) });
}

/** The elements that keep their identity across renders: same markup order, same index. */
const FOCUSABLE = '[tabindex], summary';

/**
 * Renders `payload`. For the same manifest, the scroll position, the focused element and
 * the open `<details>` survive; a different manifest starts at the top.
 */
function render(payload: ScorePayload): void {
  const sameDocument = shown !== null && shown.uri === payload.uri;
  // The page is re-created (empty) when the panel comes back into view: the first payload
  // for the manifest it showed goes back to where the reader was.
  const resume = shown === null && pendingScrollY !== undefined && payload.uri === initial.uri ? pendingScrollY : undefined;
  pendingScrollY = undefined;
  const scrollY = window.scrollY;
  const focusables = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
  const focused = document.activeElement instanceof HTMLElement ? focusables.indexOf(document.activeElement) : -1;
  const open = Array.from(root.querySelectorAll('details'), (d) => d.open);

  root.innerHTML = renderScoreBody(payload);
  shown = payload;
  uri = payload.uri;

  if (sameDocument) {
    root.querySelectorAll('details').forEach((d, i) => {
      if (open[i] !== undefined) d.open = open[i];
    });
    if (focused >= 0) root.querySelectorAll<HTMLElement>(FOCUSABLE)[focused]?.focus({ preventScroll: true });
    window.scrollTo(window.scrollX, scrollY);
  } else {
    window.scrollTo(0, resume ?? 0);
  }
  saveState();
}

function showLock(value: boolean): void {
  locked = value;
  lockButton.setAttribute('aria-pressed', String(value));
  lockButton.textContent = lockButton.dataset[value ? 'labelLocked' : 'labelUnlocked'] ?? '';
  lockButton.title = lockButton.dataset[value ? 'titleLocked' : 'titleUnlocked'] ?? '';
  saveState();
}

/** The manifest position an element reveals, from the attributes `scoreView.ts` writes. */
function revealTarget(target: EventTarget | null): { line: number; character: number } | undefined {
  if (!(target instanceof Element)) return undefined;
  const el = target.closest<HTMLElement>('[data-reveal-line]');
  if (el === null || !root.contains(el)) return undefined;
  const line = Number(el.dataset['revealLine']);
  const character = Number(el.dataset['revealCharacter'] ?? '0');
  return Number.isInteger(line) && Number.isInteger(character) ? { line, character } : undefined;
}

function reveal(target: EventTarget | null): boolean {
  const at = revealTarget(target);
  if (at === undefined) return false;
  vscode.postMessage({ type: 'reveal', line: at.line, character: at.character });
  return true;
}

root.addEventListener('click', (event) => {
  // A click that selects text is for copying, not for jumping to the editor.
  if (window.getSelection()?.toString()) return;
  reveal(event.target);
});

root.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  // Only the focused element itself, as for a link: not a key pressed in a nested control.
  if (!(event.target instanceof HTMLElement) || !event.target.matches('[data-reveal-line]')) return;
  if (reveal(event.target)) event.preventDefault(); // Space would scroll the page
});

exportButton.addEventListener('click', () => vscode.postMessage({ type: 'export' }));
lockButton.addEventListener('click', () => vscode.postMessage({ type: 'toggleLock' }));

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null) return;
  switch (message.type) {
    case 'update':
      render(message.payload);
      break;
    case 'state':
      showLock(message.locked);
      break;
    default: {
      // Exhaustive: a new host message must be handled here.
      const never: never = message;
      void never;
    }
  }
});

// Keep the position for when VS Code recreates the page (the panel is not kept alive while hidden).
let scrollSave: number | undefined;
window.addEventListener(
  'scroll',
  () => {
    if (scrollSave !== undefined) return;
    scrollSave = window.setTimeout(() => {
      scrollSave = undefined;
      saveState();
    }, 200);
  },
  { passive: true },
);

// Read before the first render, which saves the position it shows.
pendingScrollY = savedScrollY(initial.uri);
if (initial.payload !== null) render(initial.payload);
showLock(initial.locked);
vscode.postMessage({ type: 'ready' });
