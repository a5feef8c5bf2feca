/**
 * The score preview and the standalone report for a maturity framework (PMQA), rendered in
 * headless Chromium like test/preview/preview.test.ts: the total, a bar per category with
 * its weight, points and level, the sub-items with reasons and next-level needs, reveal on
 * click and keyboard, markup injection, switching payload kinds, themes and 200 % zoom. The
 * payloads come from the real engine on the manifest of test/cli/pmqaFixture.ts (expected
 * values worked out by hand there). Screenshots go to `test-results/` (look at them).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { createEvidenceEngine } from '../../server/src/engine/index';
import { NodeHost, readPackSources } from '../../server/src/node/nodeHost';
import { buildScorePayload } from '../../server/src/report/scorePayload';
import type { MaturityScorePayload, MessageLanguage, ScorePayload } from '../../server/src/shared/protocol';
import { renderStandaloneReport } from '../../server/src/shared/scoreView';
import { PMQA_EXPECTED, writePmqaFixture, type FixtureOptions } from '../cli/pmqaFixture';
import { launchChromium, openReport, PreviewPage, RESULTS_DIR, ROOT, SAMPLES, SamplePayloads, type ThemeName } from './harness';
import { EVIL, INJECTIONS } from './injection';

/** The fixture written into a temporary folder, checked by the engine with that folder as the workspace. */
async function fixturePayload(options: FixtureOptions = {}, lang: MessageLanguage = 'th'): Promise<{ payload: MaturityScorePayload; text: string; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'obec-pmqa-preview-'));
  const manifest = writePmqaFixture(dir, options);
  const host = new NodeHost();
  try {
    const engine = createEvidenceEngine(host, { packs: readPackSources([path.join(ROOT, 'schemas')]) });
    const text = readFileSync(manifest, 'utf8');
    const payload = buildScorePayload(await engine.checkManifest(manifest, text, { workspaceRoot: dir }), 1, lang);
    assert.equal(payload.kind, 'maturity');
    return { payload: payload as MaturityScorePayload, text, dir };
  } finally {
    await host.dispose();
  }
}

/** Each category's share of the total as shown: 2 decimals, or as computed when it has more (370.83 × 40 % = 148.332). */
const WEIGHTED: Readonly<Record<string, string>> = { '1': '43.20', '2': '22.00', '3': '33.00', '4': '40.00', '5': '31.50', '6': '40.00', '7': '148.332' };

/** The 0-based line of a line of `text`, exactly. */
function lineOf(text: string, line: string): number {
  const i = text.split('\n').indexOf(line);
  assert.ok(i >= 0, `no line ${JSON.stringify(line)}`);
  return i;
}

describe('preview: PMQA (maturity) scores in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let fixture: { payload: MaturityScorePayload; text: string; dir: string };
  const dirs: string[] = [];
  const pages: PreviewPage[] = [];

  const open = async (payload: ScorePayload, opts: Parameters<typeof PreviewPage.open>[2] = {}): Promise<PreviewPage> => {
    const page = await PreviewPage.open(browser, payload, opts);
    pages.push(page);
    return page;
  };
  const text = (page: PreviewPage, selector: string): Promise<string> => page.page.locator(selector).first().innerText();

  before(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    browser = await launchChromium();
    fixture = await fixturePayload();
    dirs.push(fixture.dir);
  });

  afterEach(async () => {
    // Every page: no CSP violation (the bars are sized without inline styles), no script error, nothing run by markup.
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
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('shows the total 358.03 / 500, Basic, and how far Advance is', async () => {
    const page = await open(fixture.payload);
    assert.equal(await text(page, '.total .total-score'), PMQA_EXPECTED.total.toFixed(2));
    assert.equal(await text(page, '.total .total-max'), '/ 500');
    assert.equal(await page.page.locator('.total .level-badge').getAttribute('data-level'), 'basic');
    assert.equal(await text(page, '.total .level-badge'), 'Basic');
    assert.equal(await text(page, '.total .to-next'), 'ขาดอีก 41.97 คะแนนสำหรับระดับ Advance (400)');
    // No rounds: the X2 parts are not there.
    assert.equal(await page.page.locator('.round[data-round]').count(), 0);
    assert.equal(await page.page.locator('.overall-score').count(), 0);
  });

  it('a source result not given: its category and the total show "—" and say why, never 0', async () => {
    const missing = await fixturePayload({ withoutKpi: true }, 'en');
    dirs.push(missing.dir);
    const page = await open(missing.payload);
    assert.equal(await text(page, '.total .total-score'), '—');
    assert.equal(await page.page.locator('.total .level-badge').getAttribute('data-level'), 'unknown');
    assert.equal(await text(page, '.total .to-next'), 'Not computable yet: categories 4 have no valid result from their source');
    const four = page.page.locator('.category-bar[data-category="4"]');
    assert.equal(await four.locator('.points').innerText(), '—');
    assert.equal(await four.locator('.level-badge').innerText(), 'unknown');
    assert.equal(await four.locator('.weighted').innerText(), '—');
    assert.match(await text(page, '.category[data-category="4"] .unknown-reason'), /is not given/);
  });

  it('draws a bar per category with its weight, points out of 500, level and weighted share', async () => {
    const page = await open(fixture.payload);
    const bars = page.page.locator('.category-bar');
    assert.deepEqual(await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-category'))), ['1', '2', '3', '4', '5', '6', '7']);
    for (const c of PMQA_EXPECTED.categories) {
      const row = page.page.locator(`.category-bar[data-category="${c.category}"]`);
      assert.equal(await row.locator('.points').innerText(), c.points.toFixed(2), `category ${c.category} points`);
      assert.match(await row.locator('.cb-weight').innerText(), new RegExp(`^ค่าน้ำหนัก ${c.weight}\\s%$`));
      assert.equal(await row.locator('.level-badge').getAttribute('data-level'), c.level ?? 'none');
      assert.equal(await row.locator('.weighted').innerText(), WEIGHTED[c.category], `category ${c.category} weighted`);
      // The fill is as wide as the points are of 500 (laid out by the stylesheet, not inline styles).
      const ratio = await row.locator('.bar').evaluate((bar) => bar.querySelector('.fill')!.getBoundingClientRect().width / bar.getBoundingClientRect().width);
      assert.ok(Math.abs(ratio - c.points / 500) < 0.015, `category ${c.category}: bar ${ratio} for ${c.points}`);
    }
    assert.equal(await text(page, '.category-bar[data-category="2"] .level-badge'), 'ต่ำกว่า Basic');
    // Ticks at Basic (300 = 60 %) and Advance (400 = 80 %).
    assert.deepEqual(await page.page.locator('.category-bar[data-category="1"] .tick').evaluateAll((els) => els.map((e) => e.getAttribute('data-x'))), ['60', '80']);
    // Every bar starts and ends at the same place: one grid for all categories.
    const edges = await bars.evaluateAll((els) => els.map((e) => { const r = e.querySelector('.bar')!.getBoundingClientRect(); return `${Math.round(r.left)}-${Math.round(r.right)}`; }));
    assert.equal(new Set(edges).size, 1, edges.join(' '));
  });

  it('lists each category\'s sub-items: claimed → reached, points, reasons and what the next level needs', async () => {
    const page = await open(fixture.payload);
    const one = page.page.locator('section.category[data-category="1"]');
    assert.equal(await one.locator('.cat-points').innerText(), '360.00');
    assert.deepEqual(await one.locator('li.item').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-item')}:${e.classList.contains('pass') ? 'pass' : 'fail'}`)), ['1.1:pass', '1.2:pass', '1.3:fail', '1.4:fail']);
    const item = (id: string) => page.page.locator(`li.item[data-item="${id}"]`);
    for (const c of PMQA_EXPECTED.categories) {
      for (const [id, want] of Object.entries(c.items)) assert.equal(await item(id).locator('.item-points').innerText(), want.points.toFixed(2), `${id} points`);
    }
    assert.equal(await item('1.3').locator('.how').innerText(), 'ประเมินตนเอง Significance → ได้ Advance');
    assert.equal(await item('1.4').locator('.how').innerText(), 'ประเมินตนเอง Basic → ต่ำกว่า Basic');
    assert.deepEqual(await item('1.4').locator('.reasons li').allInnerTexts(), ['ขาดรายงานสรุปผลนำเสนอ ผอ.สพท./รูปเล่มรายงาน']);
    assert.equal(await item('1.4').locator('.next').innerText(), 'สำหรับระดับ Basic: แนบรายงานสรุปผลนำเสนอ ผอ.สพท./รูปเล่มรายงาน');
    assert.match(await item('1.2').locator('.how').innerText(), /^คะแนนจาก รายงานผล ITA ของ สนก\. → Advance$/);
    assert.equal(await item('2.4').locator('.how').innerText(), 'ยังไม่ได้รายงาน');
    assert.equal(await item('2.4').locator('.reasons').count(), 0);
    // A category scored from a source says so once; its sub-items only their level.
    assert.match(await text(page, 'section.category[data-category="4"] .scored-by'), /4\.1150 = KPI 4\.1\.2 .* 4\.2500 ×\s70\s% \+ KPI 8 .* 3\.8000 ×\s30\s% → Advance \(400\.00\)/);
    assert.equal(await item('4.1').locator('.how').innerText(), 'ได้ Advance');
    // A results dimension shows its indicator.
    assert.match(await item('7.4').locator('.indicator').innerText(), /ค่าเป้าหมาย 80\s% · ผล 60\s% · ไม่บรรลุค่าเป้าหมาย$/);
    assert.equal(await item('7.4').locator('.indicator .bad').count(), 1);
    // The sources, each with what it scores.
    assert.deepEqual(await page.page.locator('.sources li.source-result').evaluateAll((els) => els.map((e) => e.getAttribute('data-source'))), ['ita', 'kpi', 'monitoring']);
    assert.match(await text(page, '.sources li[data-source="monitoring"]'), /กลุ่ม B → Advance \(400\.00\) \(ประเด็น 6\.1, 6\.2, 6\.3, 6\.4 · บรรทัด \d+\)/);
    // Problem counts, as for X2.
    assert.match(await text(page, '.problems .count.errors'), /^2 /);
    assert.match(await text(page, '.problems .count.warnings'), /^2 /);
  });

  it('a click on a sub-item reveals its line in the manifest; a sourced one reveals its source; Enter too', async () => {
    const page = await open(fixture.payload);
    await page.clearPosted();
    await page.page.locator('li.item[data-item="1.4"] .item-id').click();
    assert.deepEqual(await page.posted(), [{ type: 'reveal', line: lineOf(fixture.text, '  "1.4":'), character: 2 }]);

    await page.clearPosted();
    await page.page.locator('li.item[data-item="4.2"]').click();
    await page.page.locator('.sources li[data-source="monitoring"]').click();
    assert.deepEqual(await page.posted(), [
      { type: 'reveal', line: lineOf(fixture.text, '  kpi: { scores: { kpi-4.1.2: 4.2500, kpi-8: 3.8000 } }'), character: 2 },
      { type: 'reveal', line: lineOf(fixture.text, '  monitoring: { group: B }'), character: 2 },
    ]);

    await page.clearPosted();
    await page.page.locator('li.item[data-item="7.4"]').focus();
    await page.page.keyboard.press('Enter');
    assert.deepEqual(await page.posted(), [{ type: 'reveal', line: lineOf(fixture.text, '  "7.4":'), character: 2 }]);

    // A sub-item that is not in the manifest has nothing to reveal.
    assert.equal(await page.page.locator('li.item[data-item="2.4"]').getAttribute('data-reveal-line'), null);
  });

  it('renders an office name, a project and an indicator title with markup as text (panel and report)', async () => {
    const evil = await fixturePayload({ officeName: `สพป. ${EVIL}`, project: `โครงการ ${EVIL}`, otherProject: 'โครงการอื่น', indicatorTitle: `ตัวชี้วัด ${EVIL}` });
    dirs.push(evil.dir);
    assert.ok(evil.payload.problems.items.some((p) => p.code === 'pmqa.project.mismatch' && p.message.includes(EVIL)), 'the project reaches the view through its finding');
    const page = await open(evil.payload);
    assert.equal(await page.eval('document.querySelectorAll("img").length'), 0);
    assert.equal(await page.eval('document.scripts.length'), 1);
    const shown = [await text(page, '.office'), await text(page, 'li.item[data-item="7.1"] .indicator'), await page.page.locator('.problems li.problem', { hasText: 'pmqa.project.mismatch' }).innerText()];
    for (const content of shown) for (const s of INJECTIONS) assert.ok(content.includes(s), `shows ${s} as text: ${content}`);
    assert.deepEqual(page.dialogs, []);

    const report = await openReport(browser, renderStandaloneReport(evil.payload));
    try {
      assert.equal(await report.page.evaluate('document.querySelectorAll("img, script").length'), 0);
      assert.ok((await report.page.locator('.office').innerText()).includes(INJECTIONS[0]));
      assert.deepEqual(await report.page.evaluate('window.__violations'), []);
      assert.equal(await report.page.evaluate('typeof window.__pwned'), 'undefined');
      assert.deepEqual([report.errors, report.dialogs], [[], []]);
    } finally {
      await report.close();
    }
  });

  it('switches between an X2 payload and a PMQA payload in place', async () => {
    const samples = new SamplePayloads();
    try {
      const x2 = await samples.payload(SAMPLES.clean);
      const page = await open(x2);
      assert.equal(await page.page.locator('.round[data-round]').count(), 2);
      await page.post({ type: 'update', payload: fixture.payload });
      assert.equal(await page.page.locator('.category-bar').count(), 7);
      assert.equal(await page.page.locator('.round[data-round]').count(), 0);
      assert.equal(await text(page, '.total-score'), PMQA_EXPECTED.total.toFixed(2));
      await page.post({ type: 'update', payload: x2 });
      assert.equal(await page.page.locator('.category-bar').count(), 0);
      assert.equal(await text(page, '.overall-score'), '4.50');
    } finally {
      await samples.dispose();
    }
  });

  for (const theme of ['light', 'dark', 'hc'] as ThemeName[]) {
    it(`${theme} theme: the bars and badges use the theme's colours (screenshot)`, async () => {
      const page = await open(fixture.payload, { theme });
      const [fill, link] = await page.eval<[string, string]>(`[getComputedStyle(document.querySelector('.fill')).backgroundColor, getComputedStyle(document.querySelector('.total-score')).color]`);
      assert.equal(fill, link, 'the fill has the link colour of the theme');
      await page.page.screenshot({ path: path.join(RESULTS_DIR, `pmqa-panel-${theme}.png`) });
    });
  }

  it('at 200 % zoom in a narrow panel nothing is wider than the panel, and the bars stay readable', async () => {
    const page = await open((await fixturePayload({}, 'en').then((f) => (dirs.push(f.dir), f))).payload, { deviceScaleFactor: 2, viewport: { width: 450, height: 800 } });
    assert.ok((await page.eval<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')) <= 0, 'no horizontal scrolling');
    const width = await page.page.locator('.category-bar[data-category="7"] .bar').evaluate((e) => e.getBoundingClientRect().width);
    assert.ok(width >= 100, `bar ${width}px wide`);
    assert.equal(await text(page, '.category-bar[data-category="2"] .level-badge'), 'below Basic');
    await page.page.screenshot({ path: path.join(RESULTS_DIR, 'pmqa-panel-zoom200.png') });
  });

  it('the CLI report of the sample office: no CSP violation, every category; screenshot test-results/pmqa-preview.png', async function () {
    const manifest = path.join(ROOT, 'samples', 'srinakhara-1', 'pmqa.evidence.yaml');
    // The sample office is committed with the PMQA pack; the fixture stands in until then.
    const source = existsSync(manifest) ? { cwd: ROOT, file: manifest } : { cwd: fixture.dir, file: path.join(fixture.dir, 'pmqa.evidence.yaml') };
    const out = path.join(fixture.dir, 'report.html');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'report', source.file, '-o', out], { cwd: source.cwd, encoding: 'utf8', timeout: 60_000 });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const report = await openReport(browser, readFileSync(out, 'utf8'));
    try {
      assert.deepEqual(await report.page.evaluate('window.__violations'), []);
      assert.deepEqual(report.errors, []);
      assert.equal(await report.page.locator('.category-bar').count(), 7);
      assert.equal(await report.page.locator('section.category').count(), 7);
      // Printing shows how points are worked out too.
      assert.equal(await report.page.locator('details.criteria').getAttribute('open'), '');
      await report.page.screenshot({ path: path.join(RESULTS_DIR, 'pmqa-preview.png'), fullPage: true });
    } finally {
      await report.close();
    }
  });
});
