/**
 * How long an edit takes to reach the score preview panel, in two measured parts:
 *
 * (a) the language server: `textDocument/didChange` of the sample manifest sent to
 *     `dist/server.js --stdio` (a child process, `validationDelay` 0) until its
 *     `obecEvidence/scorePreviewChanged` notification for that version arrives: the check
 *     and the payload, over real JSON-RPC. Each edit flips a declared figure, so every
 *     edit changes the content and the payload.
 * (b) the webview: Chromium handling one `update` message (the real page and bundle, the
 *     payloads from (a)), timed inside the page with performance.now() from dispatch to
 *     the end of the forced layout, so it covers rendering, DOM replacement, state
 *     restoration and style/layout (painting the frame is the compositor's, not ours).
 *
 * The sum of the medians is the edit-to-panel time VS Code adds to its own message
 * passing (extension host → webview, not measured here), plus the debounce the extension
 * configures (`obecEvidence.validation.delay`, default 250 ms), which is stated apart.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { InitializationOptions, ScorePayload } from '../server/src/shared/protocol';
import { ScorePreviewChangedNotification } from '../server/src/shared/protocol';
import { launchChromium, PreviewPage } from '../test/preview/harness';

export interface PreviewBenchResult {
  readonly edits: number;
  readonly lspMedianMs: number;
  readonly lspP95Ms: number;
  readonly renderMedianMs: number;
  readonly renderP95Ms: number;
  /** lspMedianMs + renderMedianMs. */
  readonly totalMedianMs: number;
  /** The extension's default debounce, added on top in the editor. */
  readonly debounceMs: number;
}

/** `obecEvidence.validation.delay`'s default (package.json). */
const DEFAULT_DEBOUNCE_MS = 250;
const SAMPLE = 'samples/srinakhara-1/x2.evidence.yaml';
/** The two texts an edit alternates between: a declared figure, 104 (as X2.2) or 105 (a mismatch). */
const FIGURES = ['schoolsAllAreas: 104', 'schoolsAllAreas: 105'] as const;

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Part (a): the payload of each edit, and its latency, over LSP. */
async function lspEdits(root: string, edits: number): Promise<{ times: number[]; payloads: ScorePayload[] }> {
  const file = path.join(root, SAMPLE);
  const uri = pathToFileURL(file).toString();
  const text = readFileSync(file, 'utf8');
  if (!text.includes(FIGURES[0])) throw new Error(`"${FIGURES[0]}" is not in ${SAMPLE}: update the bench's edit`);

  const child = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  /** Resolvers waiting for the payload of a document version, and when it arrived. */
  const waiting = new Map<number, (arrival: { at: number; payload: ScorePayload }) => void>();
  connection.onNotification(ScorePreviewChangedNotification.method, (payload: ScorePayload) => {
    const at = performance.now();
    if (payload.uri === uri) waiting.get(payload.version)?.({ at, payload });
  });
  const arrival = (version: number): Promise<{ at: number; payload: ScorePayload }> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no scorePreviewChanged for version ${version} within 30 s`)), 30_000);
      waiting.set(version, (a) => {
        clearTimeout(timer);
        waiting.delete(version);
        resolve(a);
      });
    });
  connection.listen();
  try {
    const initializationOptions: InitializationOptions = { language: 'th', schemaPacks: [], validationDelay: 0 };
    const rootUri = pathToFileURL(root).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'root' }], capabilities: {}, initializationOptions });
    await connection.sendNotification('initialized', {});

    const opened = arrival(1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const first = await opened; // cold: packs, worker, workbooks; not part of an edit's latency
    const payloads = [first.payload];
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      const version = i + 2;
      const next = arrival(version);
      const edited = text.replace(FIGURES[0], FIGURES[(i + 1) % 2]!);
      const sent = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
      const got = await next;
      times.push(got.at - sent);
      if (payloads.length < 3) payloads.push(got.payload);
    }
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    return { times, payloads };
  } finally {
    connection.dispose();
    child.kill();
  }
}

/** Part (b): the page's time to handle one update, alternating between two payloads. */
async function renderUpdates(root: string, payloads: readonly ScorePayload[], updates: number): Promise<number[]> {
  const browser = await launchChromium();
  try {
    const page = await PreviewPage.open(browser, payloads[0]!, { script: path.join(root, 'dist', 'webview', 'preview.js'), viewport: { width: 900, height: 1000 } });
    try {
      // Read as the reader would be: scrolled into the first round.
      await page.eval('window.scrollTo(0, 400)');
      const times: number[] = [];
      for (let i = 0; i < updates; i++) {
        const payload = { ...payloads[1 + (i % 2)]!, version: 1000 + i };
        const ms = await page.eval<number>(`(() => {
          const data = ${JSON.stringify({ type: 'update', payload })};
          const t0 = performance.now();
          window.dispatchEvent(new MessageEvent('message', { data }));
          document.body.getBoundingClientRect(); // force style and layout now, inside the measurement
          return performance.now() - t0;
        })()`);
        times.push(ms);
      }
      if (page.errors.length > 0) throw new Error(`the page reported errors: ${page.errors.join('; ')}`);
      return times;
    } finally {
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

/** Runs both parts (`edits` each) and prints them, their sum and the debounce. */
export async function benchPreview(root = process.cwd(), edits = 50): Promise<PreviewBenchResult> {
  console.log('\n== score preview: from an edit to the panel ==');
  const lsp = await lspEdits(root, edits);
  if (lsp.payloads.length < 3) throw new Error('too few edits to bench the webview');
  const render = await renderUpdates(root, lsp.payloads, edits);
  const lspSorted = [...lsp.times].sort((a, b) => a - b);
  const renderSorted = [...render].sort((a, b) => a - b);
  const result: PreviewBenchResult = {
    edits,
    lspMedianMs: quantile(lspSorted, 0.5),
    lspP95Ms: quantile(lspSorted, 0.95),
    renderMedianMs: quantile(renderSorted, 0.5),
    renderP95Ms: quantile(renderSorted, 0.95),
    totalMedianMs: quantile(lspSorted, 0.5) + quantile(renderSorted, 0.5),
    debounceMs: DEFAULT_DEBOUNCE_MS,
  };
  console.log(`  (a) didChange → scorePreviewChanged over LSP, validationDelay 0, ${edits} edits: median ${result.lspMedianMs.toFixed(1)} ms, p95 ${result.lspP95Ms.toFixed(1)} ms`);
  console.log(`  (b) webview re-render of an update in Chromium, ${edits} updates:          median ${result.renderMedianMs.toFixed(1)} ms, p95 ${result.renderP95Ms.toFixed(1)} ms`);
  console.log(`  edit → panel (a + b, medians): ${result.totalMedianMs.toFixed(1)} ms`);
  console.log(`  + the default debounce (obecEvidence.validation.delay): ${result.debounceMs} ms → ${(result.totalMedianMs + result.debounceMs).toFixed(1)} ms as typed in VS Code`);
  return result;
}
