/**
 * code-server for the end-to-end tests: installed by `scripts/e2e/installCodeServer.sh`
 * into a cache folder outside the repository, then started per scenario group with its
 * own user-data and extensions folders, a copy of `samples/`, and settings that keep
 * VS Code's first-run noise (welcome page, tips, chat, trust prompt) out of the way.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const VSIX = path.join(REPO, 'obec-evidence.vsix');
export const RESULTS = path.join(REPO, 'test-results', 'e2e');

let launcher: string | undefined;

/** Installs code-server when it is not in the cache yet; returns the launcher's path. */
export function codeServerLauncher(): string {
  if (launcher !== undefined) return launcher;
  const fromEnv = process.env['OBEC_E2E_CODE_SERVER'];
  if (fromEnv) return (launcher = fromEnv);
  const script = path.join(REPO, 'scripts', 'e2e', 'installCodeServer.sh');
  // stderr goes to the terminal (progress, errors); stdout's last line is the launcher.
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const last = out.trim().split('\n').pop() ?? '';
  if (!fs.existsSync(last)) throw new Error(`installCodeServer.sh printed no launcher path (got ${JSON.stringify(out)})`);
  return (launcher = last);
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** User settings for a test profile: nothing pops up that a test did not ask for. */
export function baseSettings(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'editor.minimap.enabled': false,
    'editor.hover.delay': 300,
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
    ...extra,
  };
}

export interface StartOptions {
  /** Name of the run: folders are made under a fresh temp folder with this prefix. */
  readonly name: string;
  /** User settings (merged over {@link baseSettings}); a function gets the run's temp folder. */
  readonly settings?: Record<string, unknown> | ((root: string) => Record<string, unknown>);
  /** More .vsix files to install besides the extension's. */
  readonly extraVsix?: readonly string[];
  /** Extra environment for code-server and its extension host. */
  readonly env?: Record<string, string>;
  /** Called with the workspace folder (after `samples/` was copied into it) and the run's temp folder. */
  readonly prepareWorkspace?: (workspace: string, root: string) => void;
}

/** A running code-server with a fresh profile and a copy of `samples/`. */
export class CodeServer {
  readonly url: string;
  private exited: Promise<void>;
  private output = '';

  private constructor(
    readonly root: string,
    readonly workspace: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    this.url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** code-server's own log so far (for failure messages). */
  get log(): string {
    return this.output;
  }

  static async start(opts: StartOptions): Promise<CodeServer> {
    const bin = codeServerLauncher();
    if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first (npm run test:e2e does).`);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `obec-e2e-${opts.name}-`));
    const workspace = path.join(root, 'samples');
    const userDataDir = path.join(root, 'user-data');
    const extensionsDir = path.join(root, 'extensions');
    fs.cpSync(path.join(REPO, 'samples'), workspace, { recursive: true });
    opts.prepareWorkspace?.(workspace, root);
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(baseSettings(typeof opts.settings === 'function' ? opts.settings(root) : opts.settings), null, 2));
    // Its own config file: code-server would otherwise write one into ~/.config.
    const config = path.join(root, 'config.yaml');
    fs.writeFileSync(config, 'auth: none\n');
    const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
    const env = { ...process.env, ...opts.env };
    for (const vsix of [VSIX, ...(opts.extraVsix ?? [])]) {
      try {
        execFileSync(bin, [...common, '--install-extension', vsix], { env, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        throw new Error(`code-server --install-extension ${vsix} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
      }
    }
    const port = await freePort();
    const child = spawn(bin, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', ...common, workspace], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: stop() ends code-server and everything it started
    });
    const server = new CodeServer(root, workspace, userDataDir, extensionsDir, port, child);
    await server.waitUntilAnswering();
    return server;
  }

  private async waitUntilAnswering(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < deadline) {
      if (exited) throw new Error(`code-server exited before answering:\n${this.output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`code-server did not answer on port ${this.port} within ${timeoutMs / 1000} s:\n${this.output}`);
  }

  /** Stops code-server and everything it started (its extension hosts, our language server). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGTERM'); // the process group: detached above
    } catch {
      return;
    }
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000));
    if ((await Promise.race([this.exited, timeout])) === 'timeout') {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Removes the temp folders (kept when OBEC_E2E_KEEP=1, for a look after a failure). */
  cleanup(): void {
    if (process.env['OBEC_E2E_KEEP'] === '1') return;
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
