/**
 * Restricted Mode: code-server with workspace trust on, the samples folder not trusted.
 * What README.md ("Workspace trust") documents: the extension still checks manifests
 * (it declares `untrustedWorkspaces: limited`), with the packs it ships only —
 * `obecEvidence.schemaPacks` is ignored from the workspace's settings *and* from the
 * user's; trusting the folder restarts the server with the packs.
 *
 * Two team packs make the setting observable: a copy of the X2 pack with the id
 * `obec-x2-team` in the workspace (named by `.vscode/settings.json`), and one with the id
 * `obec-x2-user` outside it (named by the user settings), each used by a manifest. In
 * Restricted Mode VS Code itself drops the folder's value of a restricted setting, so the
 * user's value is what the extension is given: that it is ignored too is the extension's
 * own rule (client/src/settings.ts).
 * Screenshots: test-results/e2e/restricted/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { CodeServer, REPO } from './support/codeServer';
import { CLEAN } from './support/samples';
import { endSession, launchBrowser, shotIfFailed, Workbench } from './support/workbench';

const TEAM = 'srinakhara-1/team-pack.evidence.yaml';
const USER = 'srinakhara-1/user-pack.evidence.yaml';

/** A copy of the shipped X2 pack under another framework id, in `folder`. */
function writePack(folder: string, id: string): void {
  const pack = fs.readFileSync(path.join(REPO, 'schemas', 'obec-x2.pack.yaml'), 'utf8');
  if (!/^id: obec-x2$/m.test(pack)) throw new Error('schemas/obec-x2.pack.yaml has no "id: obec-x2" line');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `${id}.pack.yaml`), pack.replace(/^id: obec-x2$/m, `id: ${id}`));
}

/** The clean office's manifest, declaring framework `id`. */
function writeManifest(workspace: string, rel: string, id: string): void {
  const text = fs.readFileSync(path.join(workspace, CLEAN), 'utf8');
  if (!/^framework: obec-x2\b/m.test(text)) throw new Error(`${CLEAN} has no "framework: obec-x2" line`);
  fs.writeFileSync(path.join(workspace, rel), text.replace(/^framework: obec-x2\b/m, `framework: ${id}`));
}

describe('OBEC Evidence in Restricted Mode (untrusted folder)', function () {
  let browser: Browser;
  let server: CodeServer;
  let wb: Workbench;
  let frameworkLine = 0;
  let frameworkColumn = 0;

  before(async function () {
    this.timeout(180_000);
    server = await CodeServer.start({
      name: 'restricted',
      settings: (root) => ({
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'always',
        'obecEvidence.language': 'th',
        'obecEvidence.schemaPacks': [path.join(root, 'user-packs')],
      }),
      prepareWorkspace: (workspace, root) => {
        writePack(path.join(workspace, 'team-packs'), 'obec-x2-team');
        writePack(path.join(root, 'user-packs'), 'obec-x2-user');
        fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
        fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'obecEvidence.schemaPacks': ['team-packs'] }, null, 2));
        writeManifest(workspace, TEAM, 'obec-x2-team');
        writeManifest(workspace, USER, 'obec-x2-user');
      },
    });
    const lines = fs.readFileSync(path.join(server.workspace, TEAM), 'utf8').split('\n');
    frameworkLine = lines.findIndex((l) => l.startsWith('framework:')) + 1;
    frameworkColumn = 'framework: '.length + 1;
    browser = await launchBrowser();
    wb = await Workbench.open(browser, server, 'restricted');
  });

  after(async function () {
    this.timeout(30_000);
    await endSession({ wb, browser, server });
  });

  afterEach(async function () {
    await shotIfFailed(this.currentTest, wb);
  });

  it('asks whether to trust the folder; "No" opens it in Restricted Mode', async function () {
    const no = wb.page.getByRole('button', { name: "No, I don't trust the authors" });
    await wb.waitFor('the workspace trust dialog', () => no.isVisible(), 60_000);
    await wb.shot('trust dialog');
    await no.click();
    await wb.waitFor('"Restricted Mode" in the status bar', () => wb.page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).first().isVisible());
    await wb.shot('restricted mode');
  });

  it('still checks manifests with the packs it ships: levels, and the findings of a broken sample', async function () {
    await wb.quickOpen(CLEAN);
    await wb.waitForCodeLens('ระดับ 4');
    await wb.showProblems();
    await wb.waitForMarkers(CLEAN, []);
    await wb.shot('restricted clean manifest checked');
    await wb.closeAllEditors();
    await wb.quickOpen('broken/figure-mismatch.evidence.yaml');
    await wb.waitForMarkers('broken/figure-mismatch.evidence.yaml', ['error rubric.figure.mismatch 22:24', 'error rubric.figure.mismatch 73:29']);
    await wb.shot('restricted broken manifest findings');
    await wb.closeAllEditors();
  });

  it('ignores obecEvidence.schemaPacks from the workspace settings and from the user settings', async function () {
    const unknown = [`error manifest.framework.unknown ${frameworkLine}:${frameworkColumn}`];
    await wb.quickOpen(TEAM);
    await wb.showProblems();
    const team = await wb.waitForMarkers(TEAM, unknown);
    // "(known: obec-x2)": the shipped pack only.
    assert.match(team!.markers[0]!.message, /"obec-x2-team".*\(ที่มี: esao-2557, obec-pmqa, obec-x2\)/);
    await wb.shot('restricted workspace pack ignored');
    await wb.closeAllEditors();
    await wb.quickOpen(USER);
    const user = await wb.waitForMarkers(USER, unknown);
    assert.match(user!.markers[0]!.message, /"obec-x2-user".*\(ที่มี: esao-2557, obec-pmqa, obec-x2\)/);
    await wb.shot('restricted user pack ignored');
  });

  it('trusting the folder restarts the server with the packs of the setting', async function () {
    // VS Code's precedence: the folder's value of a setting replaces the user's, so once
    // trusted the effective value is ['team-packs'] and the user's pack stays unused.
    await wb.command('Workspaces: Manage Workspace Trust');
    const trust = wb.page.locator('.workspace-trust-editor').getByRole('button', { name: 'Trust', exact: true });
    await wb.waitFor('the Trust button of the workspace trust editor', () => trust.isVisible());
    await wb.shot('workspace trust editor');
    await trust.click();
    await wb.waitFor('"Restricted Mode" to leave the status bar', async () => (await wb.page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).count()) === 0);
    // The trust editor may stay open as a modal over the workbench: dismiss it first.
    let attempt = 0;
    await wb.waitFor('the workspace trust editor to close', async () => {
      const editor = wb.page.locator('.workspace-trust-editor');
      if (!(await editor.isVisible())) return true;
      attempt++;
      if (attempt % 2 === 1) {
        // Focus the modal (its heading), then Escape closes it.
        await editor.locator('h1, .workspace-trust-title').first().click({ timeout: 2_000 }).catch(() => undefined);
        await wb.page.keyboard.press('Escape');
      } else {
        // Else its title bar's close button: the right-most close icon above the editor.
        const box = await editor.boundingBox();
        const closes = wb.page.locator('.codicon-close:visible, .codicon-panel-close:visible');
        let best: { x: number; y: number } | undefined;
        for (let i = 0; i < (await closes.count()); i++) {
          const b = await closes.nth(i).boundingBox();
          if (box && b && b.y < box.y + 5 && b.y > box.y - 60 && (!best || b.x > best.x)) best = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
        if (best) await wb.page.mouse.click(best.x, best.y);
      }
      return false;
    });
    await wb.closeAllEditors();
    await wb.quickOpen(TEAM);
    await wb.waitForCodeLens('ระดับ 4');
    await wb.waitForMarkers(TEAM, []);
    await wb.shot('trusted workspace pack used');
    await wb.closeAllEditors();
    await wb.quickOpen(USER);
    const user = await wb.waitForMarkers(USER, [`error manifest.framework.unknown ${frameworkLine}:${frameworkColumn}`]);
    assert.match(user!.markers[0]!.message, /obec-x2-team/, 'the unknown-framework message now lists the team pack among the known ones');
    await wb.shot('trusted user pack overridden by the folder setting');
  });
});
