/**
 * `npm run test:vscode`: the in-editor suite (test/vscode/suite) in desktop VS Code,
 * downloaded by @vscode/test-electron into a cache folder outside the repository, with
 * this repository as the extension under development and a copy of `samples/` as the
 * workspace. Needs to reach VS Code's download servers (and a display, e.g. xvfb-run, on
 * Linux). Where VS Code cannot be downloaded it stops with a message saying so; the same
 * suite also runs inside code-server as part of `npm run test:e2e`.
 *
 * Environment: VSCODE_TEST_VERSION (default "stable"; e.g. "1.90.0" for the oldest
 * supported), VSCODE_TEST_EXECUTABLE (a VS Code already on this machine: no download).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const REPO = path.resolve(__dirname, '..', '..');

async function main(): Promise<number> {
  const cache = path.join(process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache'), 'obec-evidence-e2e', 'vscode-test');
  const version = process.env['VSCODE_TEST_VERSION'] ?? 'stable';
  let executable = process.env['VSCODE_TEST_EXECUTABLE'];
  if (!executable) {
    try {
      executable = await downloadAndUnzipVSCode({ version, cachePath: cache, timeout: 60_000 });
    } catch (error) {
      console.error(
        [
          `test:vscode: could not download VS Code ${version} (${error instanceof Error ? error.message : String(error)}).`,
          'This runner needs VS Code\'s download servers, which this machine cannot reach (only the npm registry and',
          'Debian packages are reachable here). Run it where VS Code can be downloaded, or point',
          'VSCODE_TEST_EXECUTABLE at an installed VS Code. The same in-editor suite runs inside code-server',
          'in `npm run test:e2e` (test/e2e/inEditor.e2e.ts).',
        ].join('\n'),
      );
      return 1;
    }
  }

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'obec-vscode-test-'));
  const workspace = path.join(root, 'samples');
  const userData = path.join(root, 'user-data');
  fs.cpSync(path.join(REPO, 'samples'), workspace, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'obecEvidence.language': 'th', 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'update.mode': 'none', 'telemetry.telemetryLevel': 'off' }, null, 2),
  );
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(REPO, 'out', 'vscode-test', 'suite', 'index.js'),
      launchArgs: [workspace, '--user-data-dir', userData, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu'],
    });
    return 0;
  } catch (error) {
    console.error(`test:vscode: the in-editor suite failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
