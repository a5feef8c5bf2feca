/**
 * The packaged extension in a real VS Code (code-server), driven in Chromium as an officer
 * would: open the samples, read the Problems panel, hover a consideration point, apply a
 * quick fix from the lightbulb, watch the score preview follow edits and a workbook
 * replaced on disk. Screenshots of every step: test-results/e2e/editor/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { CodeServer, REPO } from './support/codeServer';
import { BROKEN, CLEAN, criterionText, manifestLines } from './support/samples';
import { endSession, launchBrowser, shotIfFailed, Workbench } from './support/workbench';

describe('OBEC Evidence in code-server (trusted folder)', function () {
  let browser: Browser;
  let server: CodeServer;
  let wb: Workbench;

  before(async function () {
    this.timeout(180_000);
    server = await CodeServer.start({ name: 'editor', settings: { 'obecEvidence.language': 'th' } });
    browser = await launchBrowser();
    wb = await Workbench.open(browser, server, 'editor');
    await wb.shot('workbench opened on samples');
  });

  after(async function () {
    this.timeout(30_000);
    await endSession({ wb, browser, server });
  });

  afterEach(async function () {
    await shotIfFailed(this.currentTest, wb);
  });

  const waitForLevels = (levels: string): Promise<void> => wb.waitForCodeLens(levels);

  it('the clean office: levels 4 / 5, and the Problems panel lists nothing for it', async function () {
    await wb.quickOpen(CLEAN);
    await waitForLevels('ระดับ 4');
    await wb.showProblems();
    const problems = await wb.problems();
    assert.deepEqual(problems, [], `Problems panel: ${JSON.stringify(problems)}`);
    assert.ok(await wb.page.locator('.markers-panel').getByText('No problems have been detected in the workspace.').isVisible());
    await wb.shot('clean manifest no problems');
    // The language status item ({} in the status bar) names the levels of both rounds.
    await wb.page.locator('.statusbar-item[id="status.languageStatus"]').click();
    // (Its words follow VS Code's display language, English here; the round titles come from the server, in Thai.)
    const hover = wb.page.locator('.workbench-hover, .monaco-hover');
    await wb.waitFor(
      'the language status to show "obec-x2 2566 · Level 4 / 5"',
      async () => (await hover.allInnerTexts()).join(' ').includes('obec-x2 2566 · Level 4 / 5'),
      15_000,
      async () => JSON.stringify(await hover.allInnerTexts()),
    );
    await wb.shot('language status levels 4 and 5');
    await wb.page.keyboard.press('Escape');
    await wb.closeAllEditors();
  });

  for (const [sample, expected] of Object.entries(BROKEN)) {
    it(`${sample}: the Problems panel lists the findings of samples/README.md`, async function () {
      await wb.quickOpen(sample);
      await wb.showProblems();
      const got = (await wb.waitForMarkers(sample, expected.markers))!;
      for (const cell of expected.cells ?? []) {
        assert.ok(
          got.markers.some((m) => m.message.includes(cell)),
          `a workbook finding names ${cell}: ${JSON.stringify(got.markers.map((m) => m.message))}`,
        );
      }
      await wb.shot(`problems ${path.basename(path.dirname(sample))} ${path.basename(sample)}`);
      await wb.closeAllEditors();
      // Closing the manifest clears its findings (the server checks open manifests).
      await wb.waitFor(`the Problems panel to drop ${sample}`, async () => (await wb.problemsFor(sample)) === undefined);
    });
  }

  it('hovering consideration point 2 of the 6-month round shows the Thai criterion', async function () {
    await wb.quickOpen(CLEAN);
    await waitForLevels('ระดับ 4');
    const line = manifestLines(path.join(server.workspace, CLEAN)).points['6m']?.['2'];
    assert.ok(line, 'the clean manifest has 6m point 2');
    const criterion = criterionText('6m', '2').replace(/\s+/g, ' ');
    await wb.hoverToken(line, '2');
    const text = await wb.waitFor(
      'the hover with the criterion of 6m point 2',
      async () => {
        const t = await wb.hoverText();
        return t?.includes(criterion) ? t : false;
      },
      20_000,
      async () => (await wb.hoverText()) ?? '(no hover)',
    );
    assert.match(text, /ประเด็นการพิจารณาที่ 2/);
    await wb.shot('hover 6m point 2 Thai criterion');
    await wb.page.mouse.move(5, 5);
    await wb.page.keyboard.press('Escape');
    await wb.closeAllEditors();
  });

  it('the lightbulb quick fix sets the declared figure to the table value, and the problem goes away', async function () {
    const sample = 'broken/figure-mismatch.evidence.yaml';
    await wb.quickOpen(sample);
    await wb.showProblems();
    await wb.waitFor('two figure mismatches', async () => (await wb.problemsFor(sample))?.count === 2);
    await wb.goTo(22, 24);
    // The lightbulb appears in the gutter once the cursor is on a diagnostic with fixes.
    await wb.waitFor('the lightbulb on line 22', () => wb.page.locator('.editor-group-container.active .lightBulbWidget').isVisible(), 20_000);
    await wb.shot('lightbulb on the mismatched figure');
    await wb.page.keyboard.press('Control+.');
    const fix = wb.page.locator('.action-widget .monaco-list-row').filter({ hasText: 'ใช้ค่าจากตาราง: 104' });
    await wb.waitFor(
      'the quick fix "ใช้ค่าจากตาราง: 104" in the lightbulb menu',
      () => fix.isVisible(),
      20_000,
      async () => JSON.stringify(await wb.page.locator('.action-widget .monaco-list-row').allInnerTexts()),
    );
    await wb.shot('quick fix menu');
    await fix.click();
    await wb.waitFor('line 22 to read 104', async () => (await wb.lineText(22))?.includes('schoolsAllAreas: 104'));
    const after = await wb.waitFor(
      'the mismatch on line 22 to go away (one left, on line 73)',
      async () => {
        const file = await wb.problemsFor(sample);
        return file && file.markers.length === 1 && file.markers[0]!.line === 73 ? file : false;
      },
      30_000,
      async () => JSON.stringify(await wb.problemsFor(sample)),
    );
    assert.equal(after.markers[0]!.code, 'rubric.figure.mismatch');
    await wb.shot('quick fix applied one problem left');
    // Save (Ctrl+S): the fix reaches the file on disk.
    await wb.page.keyboard.press('Control+S');
    await wb.waitFor('the manifest to be saved with 104', async () =>
      /schoolsAllAreas: 104\b/.test(fs.readFileSync(path.join(server.workspace, sample), 'utf8')),
    );
    await wb.closeAllEditors();
  });

  describe('the score preview', function () {
    const levelOf = (round: string) => wb.webview().locator(`section.round[data-round="${round}"] .level-value`);
    const levels = async (): Promise<string> => {
      const six = (await levelOf('6m').textContent({ timeout: 1000 }).catch(() => null)) ?? '?';
      const twelve = (await levelOf('12m').textContent({ timeout: 1000 }).catch(() => null)) ?? '?';
      return `${six.trim()}/${twelve.trim()}`;
    };
    const waitForPanel = (want: string, why: string) =>
      wb.waitFor(`the score preview to show levels ${want} (6m/12m) ${why}`, async () => (await levels()) === want, 45_000, levels);

    it('opens to the side with level 4 (6 months) and 5 (12 months)', async function () {
      await wb.quickOpen(CLEAN);
      await waitForLevels('ระดับ 4');
      await wb.command('OBEC Evidence: Open Score Preview to the Side');
      await waitForPanel('4/5', 'for the clean office');
      const overall = (await wb.webview().locator('.overall-score').textContent()) ?? '';
      assert.equal(overall.trim(), '4.50');
      await wb.shot('score preview levels 4 and 5');
    });

    it('follows an edit that drops a level, and the undo', async function () {
      // Without its access link, 12m point 2 is not clear, and every level above 1 of the
      // 12-month round needs it: 5 → 1. (Deleting 6m point 3's link would leave 6m at 4:
      // level 4 asks for 3 clear points of 4.)
      const manifest = path.join(server.workspace, CLEAN);
      const lines = manifestLines(manifest);
      const entry = lines.entry('12m', '2', 'access-link');
      const point2 = lines.points['12m']?.['2'];
      try {
        // Back to the manifest's editor (the preview opened beside it, in group 2).
        await wb.page.keyboard.press('Control+1');
        await wb.goTo(entry.line, 1);
        for (let i = 0; i < entry.length; i++) await wb.page.keyboard.press('Shift+ArrowDown');
        await wb.shot('access link entry of 12m point 2 selected');
        await wb.page.keyboard.press('Delete');
        await waitForPanel('4/1', 'after deleting the access link of 12m point 2');
        await wb.showProblems();
        await wb.waitFor('the Problems panel to report the missing access link', async () =>
          (await wb.problemsFor(CLEAN))?.markers.some((m) => m.code === 'rubric.point.missing-evidence' && m.line === point2),
        );
        await wb.webview().locator('section.round[data-round="12m"] .round-head').scrollIntoViewIfNeeded();
        await wb.shot('access link deleted 12m level 1');
        await wb.page.keyboard.press('Control+1');
        await wb.page.keyboard.press('Control+Z');
        await waitForPanel('4/5', 'after the undo');
        await wb.waitFor('the Problems panel to be empty again', async () => (await wb.problemsFor(CLEAN)) === undefined);
        assert.equal(await wb.lineText(entry.line), fs.readFileSync(manifest, 'utf8').split('\n')[entry.line - 1], 'the undo restored the line');
        await wb.webview().locator('section.round[data-round="12m"] .round-head').scrollIntoViewIfNeeded();
        await wb.shot('undo restored level 5');
      } finally {
        // Whatever happened, leave the manifest as it is on disk for the next test.
        if (await wb.page.locator('.tab.active.dirty').count()) await wb.command('File: Revert File');
      }
      assert.equal(fs.readFileSync(manifest, 'utf8'), fs.readFileSync(path.join(REPO, 'samples', CLEAN), 'utf8'), 'the file on disk was never changed');
    });

    it('follows a linked workbook replaced on disk, without reopening anything', async function () {
      const workbook = path.join(server.workspace, 'srinakhara-1', 'tables', 'X2.2-school-systems.xlsx');
      const linkLine = manifestLines(path.join(server.workspace, CLEAN)).fileLine('tables/X2.2-school-systems.xlsx');
      fs.copyFileSync(path.join(server.workspace, 'broken', 'school-codes', 'X2.2-school-systems.xlsx'), workbook);
      const file = await wb.waitFor(
        `the Problems panel to show the duplicate school code on line ${linkLine}`,
        async () => {
          const f = await wb.problemsFor(CLEAN);
          return f?.markers.some((m) => m.code === 'table.school-code.duplicate' && m.line === linkLine) ? f : false;
        },
        45_000,
        async () => JSON.stringify(await wb.problemsFor(CLEAN)),
      );
      assert.ok(file.markers.some((m) => m.code === 'rubric.figure.mismatch' && m.line === 22), 'the declared 104 now disagrees with the 103 counted');
      const panel = wb.webview();
      await wb.waitFor(
        'the score preview to list table.school-code.duplicate and 91.96 %',
        async () => {
          const codes = await panel.locator('li.problem code').allTextContents();
          const figures = (await panel.locator('table.figures').allInnerTexts()).join(' ');
          return codes.includes('table.school-code.duplicate') && figures.includes('91.96');
        },
        45_000,
        async () => JSON.stringify(await panel.locator('li.problem code').allTextContents()),
      );
      await panel.locator('section.round[data-round="6m"] table.figures').scrollIntoViewIfNeeded();
      await wb.shot('workbook replaced on disk diagnostics and preview follow');
      // And back: the office's own workbook again.
      fs.copyFileSync(path.join(REPO, 'samples', 'srinakhara-1', 'tables', 'X2.2-school-systems.xlsx'), workbook);
      await wb.waitFor('the Problems panel to be empty with the original workbook back', async () => (await wb.problemsFor(CLEAN)) === undefined, 45_000);
      await wb.waitFor('the preview to list no problems again', async () => (await panel.locator('li.problem').count()) === 0, 45_000);
      await wb.shot('original workbook back no problems');
    });
  });
});
