/**
 * The exported score report (the panel's "Export" and `obec-evidence report`) opened in
 * headless Chromium: the office, levels, conditions and problems are visible without any
 * script, manifest and workbook strings stay text, and it prints to a PDF. Screenshots
 * and PDFs go to `test-results/`.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ScorePayload } from '../../server/src/shared/protocol';
import { renderStandaloneReport } from '../../server/src/shared/scoreView';
import { launchChromium, openReport, RESULTS_DIR, ROOT, SAMPLES, SamplePayloads } from './harness';
import { EVIL, injectedPayload, INJECTIONS } from './injection';

/** What every report must show, whatever made it. */
async function assertReport(page: Page, expected: { levels: Record<string, string>; overall: string }): Promise<void> {
  for (const [round, level] of Object.entries(expected.levels)) {
    assert.equal(await page.locator(`.round[data-round="${round}"] .level-value`).innerText(), level, `level of ${round}`);
    // Printed, the level table is open: the reached row is visible.
    assert.equal(await page.locator(`.round[data-round="${round}"] tr.reached th`).innerText(), level);
    assert.ok((await page.locator(`.round[data-round="${round}"] ul.conditions > li`).count()) > 0, `conditions of ${round}`);
  }
  assert.equal(await page.locator('.overall-score').innerText(), expected.overall);
  assert.ok(await page.locator('.problems .counts').isVisible());
  // A report is a document: no script at all, nothing clickable pretending to be a link.
  assert.equal(await page.evaluate<number>('document.scripts.length'), 0);
  assert.equal(await page.evaluate<number>('document.querySelectorAll("img").length'), 0);
  assert.equal(await page.evaluate<string>('typeof window.__pwned'), 'undefined');
  assert.deepEqual(await page.evaluate<string[]>('window.__violations'), []);
}

/** Prints the page to PDF (A4, as offices print) and checks a PDF came out. */
async function assertPrints(page: Page, file: string): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: file, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
}

describe('preview: the exported report in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let payloads: SamplePayloads;
  let clean: ScorePayload;

  before(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    browser = await launchChromium();
    payloads = new SamplePayloads();
    clean = await payloads.payload(SAMPLES.clean);
  });

  after(async () => {
    await browser?.close();
    await payloads?.dispose();
  });

  it('shows the office, levels, conditions and problems, and prints to PDF (report.png, report.pdf)', async () => {
    const report = await openReport(browser, renderStandaloneReport(clean));
    try {
      await assertReport(report.page, { levels: { '6m': '4', '12m': '5' }, overall: '4.50' });
      assert.match(await report.page.locator('.office').innerText(), /ศรีนครา เขต 1/);
      assert.match(await report.page.locator('.meta').innerText(), /ปีงบประมาณ 2567.*นางสาวพิมพ์ชนก ใจดี/);
      assert.match(await report.page.locator('.round[data-round="6m"] .gaps').innerText(), /107\/112/);
      assert.match(await report.page.title(), /รายงานผลการตรวจหลักฐาน/);
      await report.page.screenshot({ path: path.join(RESULTS_DIR, 'report.png'), fullPage: true });
      await assertPrints(report.page, path.join(RESULTS_DIR, 'report.pdf'));
      await report.page.screenshot({ path: path.join(RESULTS_DIR, 'report-print.png'), fullPage: true });
      assert.deepEqual(report.errors, []);
    } finally {
      await report.close();
    }
  });

  it('keeps injected office, reporter, message and sheet names as text', async () => {
    const payload = injectedPayload(clean);
    const html = renderStandaloneReport(payload);
    // The <title> is escaped too: the document's only raw-text element besides <style>.
    assert.ok(!html.includes('<img'), 'no raw <img> anywhere in the file');
    const report = await openReport(browser, html);
    try {
      await assertReport(report.page, { levels: { '6m': '4', '12m': '5' }, overall: '4.50' });
      for (const selector of ['.office', '.meta', '.round[data-round="6m"] tr.figure', '.problems li.problem']) {
        const content = await report.page.locator(selector).first().textContent();
        for (const s of INJECTIONS) assert.ok(content?.includes(s), `${selector} shows ${s} as text`);
      }
      assert.ok((await report.page.title()).includes(INJECTIONS[0]));
      assert.deepEqual(report.dialogs, []);
      assert.deepEqual(report.errors, []);
      await assertPrints(report.page, path.join(RESULTS_DIR, 'report-injection.pdf'));
    } finally {
      await report.close();
    }
  });

  it('the CLI writes the same report: `obec-evidence report` on an office with hostile names (report-cli.png)', async () => {
    // A copy of the clean office whose names and a key carry the injection strings.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'obec-report-cli-'));
    try {
      cpSync(path.join(ROOT, 'samples', 'srinakhara-1'), dir, { recursive: true });
      const manifest = path.join(dir, 'x2.evidence.yaml');
      const original = readFileSync(manifest, 'utf8');
      // JSON strings are YAML double-quoted scalars: the names reach the engine verbatim.
      const text = original
        .replace('  name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาศรีนครา เขต 1', `  name: ${JSON.stringify(`สพป. ${EVIL}`)}`)
        .replace('  name: นางสาวพิมพ์ชนก ใจดี', `  name: ${JSON.stringify(`นางสาว ${EVIL}`)}`)
        .concat(`${JSON.stringify(EVIL)}: 1\n`); // an unknown key: its problem message quotes it
      assert.notEqual(text.indexOf(`สพป. `), -1);
      writeFileSync(manifest, text);
      const out = path.join(dir, 'x2.report.html');
      const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'report', manifest, '-o', out, '--root', dir], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.status, 1, `exit 1: the unknown key is an error (${run.stderr})`);
      assert.equal(run.stdout.trim(), out);

      const report = await openReport(browser, readFileSync(out, 'utf8'));
      try {
        await assertReport(report.page, { levels: { '6m': '4', '12m': '5' }, overall: '4.50' });
        for (const selector of ['.office', '.meta', '.problems li.problem']) {
          const content = await report.page.locator(selector).first().textContent();
          for (const s of INJECTIONS) assert.ok(content?.includes(s), `${selector} shows ${s} as text`);
        }
        assert.match(await report.page.locator('.problems li.problem code').first().innerText(), /^manifest\.schema\.unknown-key$/);
        assert.deepEqual(report.dialogs, []);
        assert.deepEqual(report.errors, []);
        await report.page.screenshot({ path: path.join(RESULTS_DIR, 'report-cli.png') });
        await assertPrints(report.page, path.join(RESULTS_DIR, 'report-cli.pdf'));
      } finally {
        await report.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
