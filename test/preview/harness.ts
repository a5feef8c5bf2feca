/**
 * Drives the score preview page in headless Chromium (Debian's `chromium`, through
 * `playwright-core`): the page is built with the panel's own `buildPreviewHtml` and
 * loads the built `dist/webview/preview.js`, under the panel's real content security
 * policy. A fake `acquireVsCodeApi` records what the page posts; VS Code's theme is
 * imitated with its CSS variables and body classes. Payloads come from the real engine on
 * the committed samples. Shared by the preview tests, the preview bench and the README
 * screenshot script.
 *
 * The test code has no DOM types (it runs in Node): what runs in the page is written as
 * small expression strings, wrapped here once.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildPreviewHtml, newNonce } from '../../client/src/preview/html';
import { createEvidenceEngine, type EvidenceEngine } from '../../server/src/engine/index';
import { NodeHost, readPackSources } from '../../server/src/node/nodeHost';
import { buildScorePayload } from '../../server/src/report/scorePayload';
import type { MessageLanguage, ScorePayload } from '../../server/src/shared/protocol';
import type { HostToWebview } from '../../server/src/shared/webviewMessages';

export const ROOT = path.resolve(__dirname, '..', '..');
export const WEBVIEW_SCRIPT = path.join(ROOT, 'dist', 'webview', 'preview.js');
export const CHROMIUM = '/usr/bin/chromium';
/** Headless, offline and quiet: no sandbox (CI runs as root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Starts Debian's Chromium. Without it the preview cannot be tested, and a skipped test
 * would hide that: fail, saying how to install it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    const hint = process.env['CI']
      ? `${CHROMIUM} is missing on the CI machine: .ci/run must install it (apt-get install -y chromium fonts-thai-tlwg) before npm test.`
      : `${CHROMIUM} is missing: install it with \`sudo apt-get install -y chromium fonts-thai-tlwg\` (the preview tests render the panel in it).`;
    throw new Error(hint);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

// ---------------------------------------------------------------------------------------
// Payloads from the real engine
// ---------------------------------------------------------------------------------------

/** The engine over the real files, as the server and the CLI run it. Dispose when done. */
export class SamplePayloads {
  private readonly host = new NodeHost({ workerScript: path.join(ROOT, 'dist', 'workbookWorker.js') });
  private readonly engine: EvidenceEngine = createEvidenceEngine(this.host, { packs: readPackSources([path.join(ROOT, 'schemas')]) });

  /**
   * The payload of the manifest at `relPath` (from the repository root, which is the
   * workspace root, as for `npm run check:samples`), optionally with edited `text`.
   */
  async payload(relPath: string, lang: MessageLanguage = 'th', options: { text?: string; version?: number } = {}): Promise<ScorePayload> {
    const file = path.join(ROOT, relPath);
    const text = options.text ?? readFileSync(file, 'utf8');
    const result = await this.engine.checkManifest(file, text, { workspaceRoot: ROOT });
    return buildScorePayload(result, options.version ?? 1, lang);
  }

  dispose(): Promise<void> {
    return this.host.dispose();
  }
}

export const SAMPLES = {
  clean: 'samples/srinakhara-1/x2.evidence.yaml',
  missingEvidence: 'samples/broken/missing-evidence.evidence.yaml',
  filesAndLinks: 'samples/broken/files-and-links.evidence.yaml',
} as const;

// ---------------------------------------------------------------------------------------
// Themes
// ---------------------------------------------------------------------------------------

export type ThemeName = 'light' | 'dark' | 'hc';

interface Theme {
  readonly bodyClass: string;
  readonly vars: Readonly<Record<string, string>>;
}

/** Shared by every theme: VS Code's default workbench font settings. */
const FONT_VARS = {
  '--vscode-font-family': "-apple-system, BlinkMacSystemFont, 'Segoe WPC', 'Segoe UI', 'Ubuntu', 'Droid Sans', sans-serif",
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': "'Droid Sans Mono', 'monospace', monospace",
};

/**
 * The variables VS Code sets on a webview's `<html>` for its default themes (Light Modern,
 * Dark Modern, Dark High Contrast), limited to the ones the score view uses.
 */
export const THEMES: Readonly<Record<ThemeName, Theme>> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      ...FONT_VARS,
      '--vscode-foreground': '#3b3b3b',
      '--vscode-editor-background': '#ffffff',
      '--vscode-descriptionForeground': '#717171',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-testing-iconPassed': '#388a34',
      '--vscode-testing-iconFailed': '#f14c4c',
      '--vscode-errorForeground': '#f85149',
      '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-textBlockQuote-background': '#f8f8f8',
      '--vscode-editor-selectionBackground': '#add6ff',
      '--vscode-badge-background': '#cccccc',
      '--vscode-badge-foreground': '#3b3b3b',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#0000001a',
      '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-button-secondaryHoverBackground': '#cccccc',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      ...FONT_VARS,
      '--vscode-foreground': '#cccccc',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-testing-iconPassed': '#73c991',
      '--vscode-testing-iconFailed': '#f14c4c',
      '--vscode-errorForeground': '#f85149',
      '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-textBlockQuote-background': '#2b2b2b',
      '--vscode-editor-selectionBackground': '#264f78',
      '--vscode-badge-background': '#616161',
      '--vscode-badge-foreground': '#f8f8f8',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#ffffff12',
      '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-button-secondaryHoverBackground': '#3c3c3c',
    },
  },
  hc: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      ...FONT_VARS,
      '--vscode-foreground': '#ffffff',
      '--vscode-editor-background': '#000000',
      '--vscode-descriptionForeground': '#ffffffb3',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-panel-border': '#6fc3df',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-testing-iconPassed': '#73c991',
      '--vscode-testing-iconFailed': '#f14c4c',
      '--vscode-errorForeground': '#f48771',
      '--vscode-editorWarning-foreground': '#fff560',
      '--vscode-textBlockQuote-background': '#000000',
      '--vscode-textBlockQuote-border': '#ffffff',
      '--vscode-editor-selectionBackground': '#ffffff',
      '--vscode-editor-selectionForeground': '#000000',
      '--vscode-badge-background': '#000000',
      '--vscode-badge-foreground': '#ffffff',
      '--vscode-focusBorder': '#f38518',
      '--vscode-button-background': '#000000',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#6fc3df',
      '--vscode-button-secondaryBackground': '#000000',
      '--vscode-button-secondaryForeground': '#ffffff',
    },
  },
};

// ---------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------

/**
 * Runs before the page's own script: VS Code's `acquireVsCodeApi` (recording messages and
 * state), the theme (variables on `<html>`, class on `<body>`, as VS Code sets them before
 * the content runs), and a record of every CSP violation.
 */
function initScript(theme: Theme): string {
  return `(() => {
  window.__posted = [];
  window.__state = undefined;
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__state,
      setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
    };
  };
  const vars = ${JSON.stringify(theme.vars)};
  const applyVars = () => { for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v); };
  // Init scripts run before the parser has made <html>: set the variables as soon as it exists.
  if (document.documentElement) applyVars();
  else new MutationObserver((_, observer) => { if (document.documentElement) { observer.disconnect(); applyVars(); } }).observe(document, { childList: true });
  document.addEventListener('DOMContentLoaded', () => document.body.classList.add(${JSON.stringify(theme.bodyClass)}));
})();`;
}

export interface OpenOptions {
  readonly locked?: boolean;
  readonly theme?: ThemeName;
  readonly lang?: MessageLanguage;
  /** CSS pixels. */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** 2 = VS Code at 200 % zoom. */
  readonly deviceScaleFactor?: number;
  /** The webview bundle to load (default: this checkout's `dist/webview/preview.js`). */
  readonly script?: string;
}

/** A score preview page in Chromium, with what it posted and any CSP violation. */
export class PreviewPage {
  /** Browser console errors and uncaught page errors. */
  readonly errors: string[] = [];
  readonly dialogs: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly dir: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') this.errors.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      this.dialogs.push(d.message());
      void d.dismiss();
    });
  }

  /** Builds the panel's HTML for `payload`, writes it to a temp folder and loads it. */
  static async open(browser: Browser, payload: ScorePayload | null, opts: OpenOptions = {}): Promise<PreviewPage> {
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 900, height: 1100 },
      deviceScaleFactor: opts.deviceScaleFactor ?? 1,
      colorScheme: opts.theme === 'light' || opts.theme === undefined ? 'light' : 'dark',
    });
    const page = await context.newPage();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'obec-preview-'));
    const preview = new PreviewPage(page, dir);
    await page.addInitScript(initScript(THEMES[opts.theme ?? 'light']));
    const html = buildPreviewHtml(payload, {
      nonce: newNonce(),
      scriptUri: pathToFileURL(opts.script ?? WEBVIEW_SCRIPT).toString(),
      uri: payload?.uri ?? pathToFileURL(path.join(ROOT, SAMPLES.clean)).toString(),
      locked: opts.locked ?? false,
      lang: opts.lang ?? payload?.language ?? 'th',
    });
    const file = path.join(dir, 'preview.html');
    writeFileSync(file, html);
    await page.goto(pathToFileURL(file).toString());
    // The script posts 'ready' once it has rendered and listens.
    await page.waitForFunction('window.__posted.some((m) => m.type === "ready")', undefined, { timeout: 10_000 });
    return preview;
  }

  /** What the page posted to the host, in order. */
  posted(): Promise<unknown[]> {
    return this.page.evaluate<unknown[]>('window.__posted');
  }

  /** Forgets the recorded messages (to look at what one action posts). */
  async clearPosted(): Promise<void> {
    await this.page.evaluate('window.__posted.length = 0');
  }

  /** What the page saved with `setState`. */
  state(): Promise<unknown> {
    return this.page.evaluate<unknown>('window.__state');
  }

  /** CSP violations reported in the page (blocked script, style or image). */
  violations(): Promise<string[]> {
    return this.page.evaluate<string[]>('window.__violations');
  }

  /**
   * Delivers a host message the way the webview receives one (a `message` event) and
   * returns once the page has handled it: handling is synchronous.
   */
  async post(message: HostToWebview): Promise<void> {
    await this.page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }))`);
  }

  /** Evaluates an expression in the page. */
  eval<T>(expression: string): Promise<T> {
    return this.page.evaluate<T>(expression);
  }

  async close(): Promise<void> {
    await this.page.context().close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Loads a standalone report (HTML text) in a new page; returns the page and its error log. */
export async function openReport(browser: Browser, html: string): Promise<{ page: Page; errors: string[]; dialogs: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 900, height: 1100 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(`window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'obec-report-'));
  const file = path.join(dir, 'report.html');
  writeFileSync(file, html);
  await page.goto(pathToFileURL(file).toString());
  return {
    page,
    errors,
    dialogs,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where the tests save screenshots and PDFs (ignored by git; CI keeps them as artefacts). */
export const RESULTS_DIR = path.join(ROOT, 'test-results');
