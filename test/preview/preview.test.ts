/**
 * The score preview panel rendered in headless Chromium, exactly as the extension builds
 * it (`buildPreviewHtml` + the built `dist/webview/preview.js`, under its CSP), with
 * payloads from the real engine on the committed samples: levels, conditions, gaps,
 * problem counts, reveal on click and keyboard, live updates that keep the scroll
 * position, the toolbar, markup injection, themes and 200 % zoom. Screenshots go to
 * `test-results/` (look at them after a change to the view).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { ScorePayload } from '../../server/src/shared/protocol';
import { launchChromium, PreviewPage, RESULTS_DIR, SAMPLES, SamplePayloads, ROOT, type ThemeName } from './harness';
import { injectedPayload, INJECTIONS } from './injection';

/** An edit of the clean manifest that makes two 6-month points unclear (files gone): level 4 → 3. */
function editedCleanText(): string {
  const text = readFileSync(path.join(ROOT, SAMPLES.clean), 'utf8');
  const edited = text.replace('evidence/6m/p2-minutes-realtime-concept.pdf', 'evidence/6m/p2-gone.pdf').replace('evidence/6m/p3-data-center-manual.pdf', 'evidence/6m/p3-gone.pdf');
  assert.notEqual(edited, text);
  return edited;
}

describe('preview: the score panel in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let payloads: SamplePayloads;
  let clean: ScorePayload;
  const pages: PreviewPage[] = [];

  const open = async (...args: Parameters<typeof PreviewPage.open> extends [Browser, ...infer R] ? R : never): Promise<PreviewPage> => {
    const page = await PreviewPage.open(browser, ...args);
    pages.push(page);
    return page;
  };
  const text = (page: PreviewPage, selector: string): Promise<string> => page.page.locator(selector).first().innerText();
  const level = (page: PreviewPage, round: string): Promise<string> => text(page, `.round[data-round="${round}"] .level-value`);

  before(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    browser = await launchChromium();
    payloads = new SamplePayloads();
    clean = await payloads.payload(SAMPLES.clean);
  });

  afterEach(async () => {
    // Every page, whatever it did: no CSP violation, no script error, nothing run by markup.
    for (const page of pages.splice(0)) {
      try {
        assert.deepEqual(await page.violations(), [], 'CSP violations');
        assert.deepEqual(page.errors, [], 'console errors');
        assert.equal(await page.eval('typeof window.__pwned'), 'undefined');
      } finally {
        await page.close();
      }
    }
  });

  after(async () => {
    await browser?.close();
    await payloads?.dispose();
  });

  it('shows the clean office: 6 months level 4, 12 months level 5, overall 4.50 ดีเยี่ยม', async () => {
    const page = await open(clean);
    assert.equal(await level(page, '6m'), '4');
    assert.equal(await level(page, '12m'), '5');
    assert.equal(await text(page, '.overall-score'), '4.50');
    assert.equal(await text(page, '.descriptor'), 'ดีเยี่ยม');
    assert.match(await text(page, '.office'), /ศรีนครา เขต 1/);
    // The reached row of the level table is marked.
    assert.equal(await page.page.locator('.round[data-round="6m"] tr.reached th').textContent(), '4');
  });

  it('lists the conditions of the next level as pass/fail, and what is missing for it', async () => {
    const page = await open(clean);
    const six = page.page.locator('.round[data-round="6m"]');
    const conditions = await six.locator('ul.conditions > li').evaluateAll((els) => els.map((e) => `${e.className}: ${e.textContent ?? ''}`));
    assert.equal(conditions.length, 3, conditions.join('\n'));
    assert.equal(conditions.filter((c) => c.startsWith('pass')).length, 2, conditions.join('\n'));
    assert.match(conditions.find((c) => c.startsWith('fail')) ?? '', /95.*92\.86 %/);
    assert.match(await six.locator('.gaps').innerText(), /107\/112/);
    // At the top level there is nothing missing, and every condition holds.
    const twelve = page.page.locator('.round[data-round="12m"]');
    assert.equal(await twelve.locator('.gaps').count(), 0);
    assert.equal(await twelve.locator('ul.conditions > li.fail').count(), 0);
    assert.ok((await twelve.locator('ul.conditions > li.pass').count()) > 0);
    // Every consideration point of the clean office is clear.
    assert.equal(await page.page.locator('li.point.fail').count(), 0);
    assert.equal(await page.page.locator('li.point.pass').count(), 8);
    assert.match(await text(page, '.problems .count.errors'), /^0 /);
  });

  it('shows the missing-evidence variant at level 3, with the unclear points and their reasons', async () => {
    const page = await open(await payloads.payload(SAMPLES.missingEvidence));
    assert.equal(await level(page, '6m'), '3');
    assert.equal(await level(page, '12m'), '5');
    assert.equal(await text(page, '.overall-score'), '4.00');
    const unclear = page.page.locator('.round[data-round="6m"] li.point.fail');
    assert.equal(await unclear.count(), 2);
    assert.ok((await unclear.locator('.reasons li').count()) >= 2);
    assert.match(await text(page, '.problems .count.errors'), /^2 /);
    assert.equal(await page.page.locator('.problems li.problem.error').count(), 2);
  });

  it('shows the files-and-links variant at levels 3 and 1, with 6 errors and 1 warning', async () => {
    const payload = await payloads.payload(SAMPLES.filesAndLinks);
    const page = await open(payload);
    assert.equal(await level(page, '6m'), '3');
    assert.equal(await level(page, '12m'), '1');
    assert.equal(await text(page, '.overall-score'), '2.00');
    assert.equal(await text(page, '.descriptor'), 'พอใช้');
    assert.match(await text(page, '.problems .count.errors'), /^6 /);
    assert.match(await text(page, '.problems .count.warnings'), /^1 /);
    const codes = await page.page.locator('.problems li.problem code').allInnerTexts();
    assert.deepEqual(codes.sort(), payload.problems.items.map((i) => i.code).sort());
    assert.ok(codes.includes('evidence.file.missing'));
  });

  it('posts reveal with the line of a clicked point, and of a figure on Enter or Space', async () => {
    const page = await open(clean);
    const point = clean.rounds[0]!.points[2]!;
    assert.equal(point.source?.kind, 'manifest');
    await page.clearPosted();
    await page.page.locator('.round[data-round="6m"] li.point').nth(2).click();
    assert.deepEqual(await page.posted(), [{ type: 'reveal', line: point.source.line, character: point.source.character }]);

    // A figure from a workbook reveals the manifest line that links the workbook.
    const figure = clean.rounds[0]!.figures[1]!;
    assert.ok(figure.source?.kind === 'workbook' && figure.source.anchor);
    const row = page.page.locator('.round[data-round="6m"] tr.figure').nth(1);
    await page.clearPosted();
    await row.focus();
    await page.page.keyboard.press('Enter');
    await page.page.keyboard.press(' ');
    const at = { type: 'reveal', line: figure.source.anchor.line, character: figure.source.anchor.character };
    assert.deepEqual(await page.posted(), [at, at]);

    // Everything revealable is reachable with Tab.
    const focusable = await page.page.locator('[data-reveal-line]').evaluateAll((els) => els.every((e) => e.getAttribute('tabindex') === '0'));
    assert.ok(focusable);
  });

  it('sends only the fixed actions from the toolbar, and shows the lock the host reports', async () => {
    const page = await open(clean);
    assert.deepEqual((await page.posted()).filter((m) => (m as { type: string }).type === 'ready').length, 1);
    await page.clearPosted();
    await page.page.locator('#export').click();
    await page.page.locator('#lock').click();
    assert.deepEqual(await page.posted(), [{ type: 'export' }, { type: 'toggleLock' }]);
    // The page does not lock itself: the host decides and answers with 'state'.
    const lock = page.page.locator('#lock');
    assert.equal(await lock.getAttribute('aria-pressed'), 'false');
    await page.post({ type: 'state', locked: true });
    assert.equal(await lock.getAttribute('aria-pressed'), 'true');
    assert.equal(await lock.innerText(), 'ล็อกอยู่');
    assert.deepEqual(await page.state(), { uri: clean.uri, locked: true, scrollY: 0 });
  });

  it('re-renders an update in place: new level, same scroll position, focus and open criteria', async () => {
    const page = await open(clean, { viewport: { width: 800, height: 600 } });
    await page.page.locator('.round[data-round="12m"] details.criteria summary').click();
    await page.eval('window.scrollTo(0, 900)');
    const before = await page.eval<number>('window.scrollY');
    assert.equal(before, 900);
    await page.page.locator('.round[data-round="12m"] li.point').first().focus({ timeout: 1000 });
    await page.eval('window.scrollTo(0, 900)');
    await page.eval(`document.querySelector('#score-root').dataset.marker = 'same-root'`);

    const edited = await payloads.payload(SAMPLES.clean, 'th', { text: editedCleanText(), version: 2 });
    assert.equal(edited.rounds[0]!.level, 3);
    await page.post({ type: 'update', payload: edited });

    assert.equal(await level(page, '6m'), '3');
    assert.equal(await page.eval<number>('window.scrollY'), before);
    assert.equal(await page.eval('document.querySelector("#score-root").dataset.marker'), 'same-root');
    assert.equal(await page.eval('document.activeElement.matches(".round[data-round=\\"12m\\"] li.point")'), true);
    assert.equal(await page.page.locator('.round[data-round="12m"] details.criteria').getAttribute('open'), '');
    assert.equal(await page.page.locator('.round[data-round="6m"] li.point.fail').count(), 2);

    // Another manifest (the editor moved on) starts at the top.
    await page.post({ type: 'update', payload: await payloads.payload(SAMPLES.missingEvidence) });
    assert.equal(await page.eval<number>('window.scrollY'), 0);
  });

  it('renders manifest and workbook strings as text: no markup, no script, no dialog', async () => {
    const payload = injectedPayload(clean);
    const page = await open(payload);
    // The element count proves nothing was parsed as markup: one script (ours), no image.
    assert.equal(await page.eval('document.querySelectorAll("img").length'), 0);
    assert.equal(await page.eval('document.scripts.length'), 1);
    for (const selector of ['.office', '.meta', '.round[data-round="6m"] tr.figure', '.round[data-round="6m"] .gaps', '.problems li.problem']) {
      const content = await page.page.locator(selector).first().textContent();
      for (const s of INJECTIONS) assert.ok(content?.includes(s), `${selector} shows ${s} as text: ${content}`);
    }
    assert.match((await page.page.locator('.round[data-round="6m"] tr.figure .src').first().textContent()) ?? '', /!<img src=x onerror="window.__pwned=1">/);
    assert.deepEqual(page.dialogs, []);
    // Long unbroken names wrap inside the panel instead of widening it.
    assert.ok((await page.eval<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')) <= 0, 'no horizontal scrolling');
    // The data-state attribute carried the payload intact (the script parsed and rendered it).
    assert.equal(await page.eval('JSON.parse(document.getElementById("obec-evidence-preview-state").dataset.state).payload.office.name'), payload.office?.name);
    await page.page.screenshot({ path: path.join(RESULTS_DIR, 'preview-injection.png') });
  });

  it('shows a placeholder until the first payload, then renders it', async () => {
    const page = await open(null);
    assert.match(await text(page, '#score-root'), /กำลังคำนวณคะแนน/);
    await page.post({ type: 'update', payload: clean });
    assert.equal(await level(page, '6m'), '4');
  });

  it('follows the panel language for the toolbar (English)', async () => {
    const page = await open(await payloads.payload(SAMPLES.clean, 'en'));
    assert.equal(await page.page.locator('#export').innerText(), 'Export report');
    assert.equal(await text(page, '.descriptor'), 'Excellent');
    assert.match(await text(page, '.round[data-round="6m"] .level-label'), /^Level$/i);
  });

  for (const theme of ['light', 'dark', 'hc'] as const satisfies readonly ThemeName[]) {
    it(`is legible in the ${theme} theme (screenshot test-results/preview-${theme}.png)`, async () => {
      const page = await open(await payloads.payload(SAMPLES.missingEvidence), { theme, viewport: { width: 900, height: 1500 } });
      // The theme's colours are the ones in use: text and background differ, and follow the variables.
      const colours = await page.eval<{ fg: string; bg: string }>('({ fg: getComputedStyle(document.body).color, bg: getComputedStyle(document.body).backgroundColor })');
      assert.notEqual(colours.fg, colours.bg);
      const expectedBg = { light: 'rgb(255, 255, 255)', dark: 'rgb(31, 31, 31)', hc: 'rgb(0, 0, 0)' }[theme];
      assert.equal(colours.bg, expectedBg);
      // The level table too (reached row marked), and a focused point (its outline).
      await page.page.locator('.round[data-round="6m"] details.criteria summary').click();
      await page.page.locator('.round[data-round="6m"] li.point').first().focus();
      await page.eval('window.scrollTo(0, 0)');
      await page.page.screenshot({ path: path.join(RESULTS_DIR, `preview-${theme}.png`) });
    });
  }

  it('fits a narrow panel at 200 % zoom without horizontal scrolling (screenshot preview-zoom200.png)', async () => {
    // VS Code at 200 %: twice the device pixels, half the CSS width of a 900-pixel panel.
    const page = await open(await payloads.payload(SAMPLES.filesAndLinks), { viewport: { width: 450, height: 700 }, deviceScaleFactor: 2 });
    const overflow = await page.eval<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the panel`);
    await page.page.screenshot({ path: path.join(RESULTS_DIR, 'preview-zoom200.png') });
  });
});
