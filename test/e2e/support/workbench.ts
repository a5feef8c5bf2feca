/**
 * Drives the VS Code workbench in Chromium as a person would: Quick Open, the Command
 * Palette, Go to Line, the mouse over the editor's text, the Problems panel, the lightbulb.
 * Every wait polls for a condition and, on time-out, saves a screenshot and says what it
 * waited for and what it saw last. Every step can save a numbered screenshot.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { RESULTS, type CodeServer } from './codeServer';

/** Debian's Chromium, with the flags that let it run headless as root in a container. */
export const CHROMIUM = process.env['OBEC_E2E_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** One diagnostic as the Problems panel shows it. */
export interface Marker {
  readonly severity: 'error' | 'warning' | 'info' | 'unknown';
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** One file node of the Problems panel and its markers. */
export interface ProblemFile {
  readonly name: string;
  /** The folder shown after the name (relative to the workspace), e.g. `broken/school-codes`. */
  readonly folder: string;
  /** The count badge. */
  readonly count: number;
  readonly markers: Marker[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** Launches Chromium (one per test file). */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (scripts/e2e/installCodeServer.sh does).`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export class Workbench {
  private step = 0;
  readonly shotsDir: string;

  private constructor(
    readonly page: Page,
    readonly server: CodeServer,
    group: string,
  ) {
    this.shotsDir = path.join(RESULTS, group);
    fs.mkdirSync(this.shotsDir, { recursive: true });
  }

  /** Opens the workbench of `server` in a new page and waits until the Explorer lists the folder. */
  static async open(browser: Browser, server: CodeServer, group: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const wb = new Workbench(page, server, group);
    await page.goto(server.url);
    await wb.waitFor('the workbench to load and the Explorer to list the folder', async () => (await page.locator('.explorer-folders-view .monaco-list-row').count()) > 0, 90_000);
    return wb;
  }

  /** Saves a numbered screenshot of the whole window; returns its path. */
  async shot(name: string): Promise<string> {
    this.step++;
    const file = path.join(this.shotsDir, `${String(this.step).padStart(2, '0')}-${slug(name)}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Polls `probe` (every 150 ms) until it returns something other than undefined, null or
   * false, and returns that. On time-out: a screenshot `TIMEOUT-…png`, and an error that
   * names the condition and the last thing `describe` saw.
   */
  async waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, describe?: () => Promise<string>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined && value !== null && value !== false) return value;
        lastError = undefined;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() > deadline) break;
      await sleep(150);
    }
    const file = path.join(this.shotsDir, `TIMEOUT-${slug(what)}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    let seen = '';
    if (describe) seen = await describe().catch((e: unknown) => `(could not describe: ${String(e)})`);
    throw new Error(
      `Timed out after ${timeoutMs / 1000} s waiting for ${what}.` +
        (seen ? `\nLast seen: ${seen}` : '') +
        (lastError ? `\nLast error: ${String(lastError)}` : '') +
        `\nScreenshot: ${path.relative(process.cwd(), file)}`,
    );
  }

  // ------------------------------------------------------------------ keyboard-driven UI

  /** Quick Open (Ctrl+P): types the path and opens the matching file; waits until its editor is active. */
  async quickOpen(relPath: string): Promise<void> {
    const base = path.posix.basename(relPath);
    const folder = path.posix.dirname(relPath);
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.waitFor('Quick Open to show its input', () => input.isVisible());
    await input.fill(relPath);
    // The first row is the one Enter opens: check it is the file asked for.
    await this.waitFor(`Quick Open to offer ${relPath} first`, async () => {
      const row = this.page.locator('.quick-input-list .monaco-list-row').first();
      if (!(await row.isVisible())) return false;
      const label = (await row.locator('.label-name').textContent()) ?? '';
      const description = (await row.locator('.label-description').textContent().catch(() => '')) ?? '';
      return label === base && (folder === '.' || description.endsWith(folder));
    });
    await this.page.keyboard.press('Enter');
    await this.waitForActiveEditor(relPath);
  }

  /** Waits until the active editor shows `relPath` (its breadcrumbs end with the path's parts). */
  async waitForActiveEditor(relPath: string): Promise<void> {
    const parts = relPath.split('/');
    await this.waitFor(
      `the editor of ${relPath} to be active`,
      async () => {
        const crumbs = await this.page.locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item').allTextContents();
        const tail = crumbs.map((c) => c.trim()).slice(0, parts.length);
        return tail.length === parts.length && tail.every((c, i) => c === parts[i]) && (await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().isVisible());
      },
      20_000,
      async () => JSON.stringify(await this.page.locator('.editor-group-container.active .breadcrumbs-control').allTextContents()),
    );
  }

  /** Runs a command from the Command Palette (F1) by its title. */
  async command(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // Always open it afresh (a quick input still visible may be closing). An overlay such
    // as a modal editor can swallow F1: only after a long wait, press Escape and F1 again.
    await this.page.keyboard.press('F1');
    let pressedAt = Date.now();
    await this.waitFor('the Command Palette to open', async () => {
      if (await input.isVisible()) return true;
      if (Date.now() - pressedAt > 10_000) {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('F1');
        pressedAt = Date.now();
      }
      return false;
    });
    await input.fill(`>${title}`);
    await this.waitFor(
      `the Command Palette to offer "${title}" first`,
      async () => {
        const row = this.page.locator('.quick-input-list .monaco-list-row').first();
        const label = (await row.locator('.label-name').textContent().catch(() => '')) ?? '';
        // "Category: Title" or just "Title"
        return label === title || label.endsWith(`: ${title}`);
      },
      15_000,
      async () => JSON.stringify(await this.page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents()),
    );
    await this.page.keyboard.press('Enter');
    await this.waitFor('the Command Palette to close', async () => !(await input.isVisible()));
  }

  /** Go to Line (Ctrl+G) `line[:column]` in the active editor. */
  async goTo(line: number, column?: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.waitFor('Go to Line to open', () => input.isVisible());
    // Ctrl+G opens Quick Open with ':' typed: keep it.
    await input.fill(column === undefined ? `:${line}` : `:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.waitFor(`the cursor to be at line ${line}`, async () => {
      const status = (await this.page.locator('.statusbar-item[id="status.editor.selection"]').textContent()) ?? '';
      return status.includes(`Ln ${line},`) && (column === undefined || status.includes(`Col ${column}`));
    });
  }

  async closeAllEditors(): Promise<void> {
    await this.command('View: Close All Editors');
    await this.waitFor('every editor to close', async () => (await this.page.locator('.tabs-container .tab').count()) === 0);
  }

  /** The text of line `line` (1-based) of the active editor, as rendered (the line must be in view). */
  async lineText(line: number): Promise<string | undefined> {
    return this.page.evaluate((wanted) => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      const numbers = Array.from(editor?.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers') ?? []);
      const number = numbers.find((n) => n.textContent?.trim() === String(wanted));
      if (!number) return undefined;
      const top = (number.closest<HTMLElement>('[style*="top"]') ?? number.parentElement)?.style.top;
      const lines = Array.from(editor?.querySelectorAll<HTMLElement>('.view-lines .view-line') ?? []);
      return lines.find((l) => l.style.top === top)?.textContent?.replace(/\u00a0/g, ' ');
    }, line);
  }

  /** Waits until a code lens of the active editor contains `text` (the round lenses: the server has checked it). */
  async waitForCodeLens(text: string, timeoutMs = 45_000): Promise<void> {
    const lenses = this.page.locator('.editor-group-container.active .codelens-decoration');
    await this.waitFor(`a code lens showing "${text}"`, async () => (await lenses.allTextContents()).some((t) => t.includes(text)), timeoutMs, async () =>
      JSON.stringify(await lenses.allTextContents()),
    );
  }

  // ------------------------------------------------------------------ the Problems panel

  /** Opens the Problems panel unless it is showing. */
  async showProblems(): Promise<void> {
    if (await this.page.locator('.markers-panel').isVisible()) return;
    await this.command('View: Focus Problems (Errors, Warnings, Infos)');
    await this.waitFor('the Problems panel to show', () => this.page.locator('.markers-panel').isVisible());
  }

  /** What the Problems panel lists now (its tree, expanded as VS Code shows it). */
  async problems(): Promise<ProblemFile[]> {
    return this.page.evaluate(() => {
      const files: {
        name: string;
        folder: string;
        count: number;
        markers: { severity: 'error' | 'warning' | 'info' | 'unknown'; code: string; line: number; column: number; message: string }[];
      }[] = [];
      const rows = Array.from(document.querySelectorAll<HTMLElement>('.markers-panel .monaco-list-row')).sort(
        (a, b) => Number(a.dataset['index']) - Number(b.dataset['index']),
      );
      for (const row of rows) {
        const level = row.getAttribute('aria-level');
        if (level === '1') {
          files.push({
            name: row.querySelector('.label-name')?.textContent?.trim() ?? '',
            folder: row.querySelector('.label-description')?.textContent?.trim() ?? '',
            count: Number(row.querySelector('.monaco-count-badge')?.textContent ?? '0'),
            markers: [],
          });
        } else if (level === '2' && files.length) {
          const where = /Ln (\d+), Col (\d+)/.exec(row.querySelector('.marker-line')?.textContent ?? '');
          const icon = row.querySelector('.marker-icon')?.className ?? '';
          files[files.length - 1]!.markers.push({
            severity: icon.includes('error') ? 'error' : icon.includes('warning') ? 'warning' : icon.includes('info') ? 'info' : 'unknown',
            code: row.querySelector('.marker-code')?.textContent?.trim() ?? '',
            line: where ? Number(where[1]) : 0,
            column: where ? Number(where[2]) : 0,
            message: row.querySelector('.marker-message')?.textContent?.trim() ?? '',
          });
        }
      }
      return files;
    });
  }

  /** The Problems panel's node for `relPath`, or undefined when it lists nothing for it. */
  async problemsFor(relPath: string): Promise<ProblemFile | undefined> {
    const base = path.posix.basename(relPath);
    const folder = path.posix.dirname(relPath);
    return (await this.problems()).find((f) => f.name === base && (folder === '.' ? f.folder === '' : f.folder === folder || f.folder.endsWith(`/${folder}`)));
  }

  /**
   * Waits until the Problems panel lists exactly `want` ("severity code line:col") for
   * `relPath` ([] = nothing listed for it); returns its node.
   */
  async waitForMarkers(relPath: string, want: readonly string[], timeoutMs = 45_000): Promise<ProblemFile | undefined> {
    const sorted = [...want].sort();
    return this.waitFor(
      want.length ? `the Problems panel to list ${want.length} finding(s) for ${relPath}: ${sorted.join(', ')}` : `the Problems panel to list nothing for ${relPath}`,
      async () => {
        const file = await this.problemsFor(relPath);
        if (!file) return sorted.length === 0 ? { found: undefined } : false;
        const keys = file.markers.map((m) => `${m.severity} ${m.code} ${m.line}:${m.column}`).sort();
        return JSON.stringify(keys) === JSON.stringify(sorted) && file.count === sorted.length ? { found: file } : false;
      },
      timeoutMs,
      async () => JSON.stringify(await this.problems()),
    ).then((r) => r.found);
  }

  /** "code line:col" of each marker, sorted: what the tests compare. */
  static keys(markers: readonly Marker[]): string[] {
    return markers.map((m) => `${m.code} ${m.line}:${m.column}`).sort();
  }

  // ------------------------------------------------------------------ the mouse over text

  /**
   * Moves the mouse over the first occurrence of `token` on line `line` of the active
   * editor (the line is brought into view with Go to Line first).
   */
  async hoverToken(line: number, token: string): Promise<void> {
    await this.goTo(line);
    const box = await this.waitFor(`line ${line} to be rendered with "${token}"`, () =>
      this.page.evaluate(
        ({ wanted, token }) => {
          const editor = document.querySelector('.editor-group-container.active .monaco-editor');
          const numbers = Array.from(editor?.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers') ?? []);
          const number = numbers.find((n) => n.textContent?.trim() === String(wanted));
          if (!number) return undefined;
          const top = number.getBoundingClientRect().top;
          const lines = Array.from(editor?.querySelectorAll<HTMLElement>('.view-lines .view-line') ?? []);
          const viewLine = lines.find((l) => Math.abs(l.getBoundingClientRect().top - top) < 2);
          const span = Array.from(viewLine?.querySelectorAll<HTMLElement>('span span') ?? []).find((s) => s.textContent?.trim().startsWith(token));
          if (!span) return undefined;
          const r = span.getBoundingClientRect();
          return { x: r.left + Math.min(r.width / 2, 6), y: r.top + r.height / 2 };
        },
        { wanted: line, token },
      ),
    );
    await this.page.mouse.move(5, 5);
    await this.page.mouse.move(box.x, box.y, { steps: 5 });
  }

  /** The text of the visible editor hover, or undefined. */
  async hoverText(): Promise<string | undefined> {
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
    if (!(await hover.isVisible().catch(() => false))) return undefined;
    return (await hover.innerText()).replace(/\s+/g, ' ');
  }

  // ------------------------------------------------------------------ webviews

  /**
   * The document inside the webview panel: VS Code nests it twice (the webview's host
   * iframe, then the `active-frame` holding the extension's HTML).
   */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}

/** Everything one e2e suite starts, to stop in `after` (in reverse order of starting). */
export interface E2eSession {
  readonly wb?: Workbench;
  readonly browser?: Browser;
  readonly server?: CodeServer;
}

/** Closes the workbench page, the browser and code-server, and removes code-server's folders. */
export async function endSession(s: E2eSession): Promise<void> {
  await s.wb?.close();
  await s.browser?.close();
  await s.server?.stop();
  s.server?.cleanup();
}

/** In `afterEach`: a screenshot of the workbench when the test just failed. */
export async function shotIfFailed(test: Mocha.Test | undefined, wb: Workbench | undefined): Promise<void> {
  if (test?.state === 'failed' && wb) await wb.shot(`failed ${test.title}`).catch(() => undefined);
}
