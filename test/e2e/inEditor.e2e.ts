/**
 * The in-editor suite (test/vscode/suite, the one `npm run test:vscode` runs in desktop
 * VS Code) inside code-server's extension host: a small test-only extension
 * (test/e2e/runner-extension) is installed beside the packaged extension, runs the suite
 * when the workbench starts, and writes the results to a file this test waits for.
 * Screenshots: test-results/e2e/in-editor/.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { CodeServer, REPO } from './support/codeServer';
import { endSession, launchBrowser, shotIfFailed, Workbench } from './support/workbench';

interface SuiteResult {
  passed: number;
  failed: number;
  tests: { title: string; state: 'passed' | 'failed'; ms: number; error?: string }[];
}

describe('the in-editor suite inside code-server', function () {
  let browser: Browser;
  let server: CodeServer;
  let wb: Workbench;
  let scratch: string;
  let resultsFile: string;

  before(async function () {
    this.timeout(240_000);
    execFileSync(process.execPath, [path.join(REPO, 'scripts', 'e2e', 'buildVscodeSuite.mjs')], { cwd: REPO, stdio: 'inherit' });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'obec-e2e-runner-'));
    const runnerVsix = path.join(scratch, 'obec-evidence-test-runner.vsix');
    execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', runnerVsix], {
      cwd: path.join(__dirname, 'runner-extension'),
      stdio: 'pipe',
    });
    resultsFile = path.join(scratch, 'results.json');
    server = await CodeServer.start({
      name: 'in-editor',
      settings: { 'obecEvidence.language': 'th' },
      extraVsix: [runnerVsix],
      env: { OBEC_E2E_SUITE: path.join(REPO, 'out', 'vscode-test', 'suite', 'index.js'), OBEC_VSCODE_RESULTS: resultsFile },
    });
    browser = await launchBrowser();
    // The extension host (and so the suite) starts when a window connects.
    wb = await Workbench.open(browser, server, 'in-editor');
  });

  after(async function () {
    this.timeout(30_000);
    await endSession({ wb, browser, server });
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('passes every scenario through the vscode API', async function () {
    this.timeout(600_000);
    // A glimpse of the suite at work: the score preview it opens beside the manifest.
    // (Stop looking once the suite has finished: a fast run may close the preview first.)
    const seen = await wb
      .waitFor(
        'the suite to open the score preview (or to finish)',
        async () => ((await wb.page.locator('.tab').filter({ hasText: 'Score:' }).count()) > 0 ? 'preview' : fs.existsSync(resultsFile) ? 'finished' : undefined),
        300_000,
      )
      .catch(() => undefined); // only a picture: the results below decide
    if (seen === 'preview') await wb.shot('suite opened the score preview');
    const result = await wb.waitFor(
      'the in-editor suite to write its results',
      async () => (fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResult) : undefined),
      300_000,
    );
    await wb.shot('in-editor suite finished');
    for (const t of result.tests) console.log(`      ${t.state === 'passed' ? '✔' : '✘'} [in editor] ${t.title} (${t.ms} ms)`);
    const failures = result.tests.filter((t) => t.state === 'failed');
    assert.equal(result.failed, 0, `in-editor failures:\n${failures.map((f) => `${f.title}\n${f.error ?? ''}`).join('\n\n')}`);
    assert.ok(result.passed >= 14, `only ${result.passed} in-editor tests ran`);
  });
});
