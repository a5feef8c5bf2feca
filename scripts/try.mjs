#!/usr/bin/env node
// `npm run try`: try the extension in a browser, no VS Code needed. Builds and packages
// the extension, installs code-server (cached, see scripts/e2e/installCodeServer.sh),
// installs the fresh .vsix into a profile of its own, opens a copy of samples/ and prints
// the URL. Runs until Ctrl+C.
//
//   npm run try                      # a fresh copy of samples/, messages in Thai
//   npm run try -- --lang en         # findings in English
//   npm run try -- --here            # open the repository's samples/ itself (edits are real)
//   npm run try -- --port 8080       # default: 8080, or a free port when it is taken
//   npm run try -- --keep            # keep the copy of samples/ from the last run
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
if (flag('--help') || flag('-h')) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 12).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const lang = option('--lang', 'th');
if (!['th', 'en', 'auto'].includes(lang)) {
  console.error(`--lang must be th, en or auto (got ${lang})`);
  process.exit(2);
}
const host = option('--host', '127.0.0.1');

const step = (message) => console.log(`\n[try] ${message}`);
const started = Date.now();

step('building and packaging the extension (npm run package)');
execFileSync('npm', ['run', '-s', 'package'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
const vsix = path.join(repo, 'obec-evidence.vsix');

step('code-server (installed once into a cache folder, then reused)');
const installed = execFileSync('bash', [path.join(repo, 'scripts', 'e2e', 'installCodeServer.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const bin = installed.trim().split('\n').pop();

const cache = path.join(process.env.OBEC_E2E_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'obec-evidence-e2e'), 'try');
const userData = path.join(cache, 'user-data');
const extensions = path.join(cache, 'extensions');
const config = path.join(cache, 'config.yaml');
let workspace = path.join(repo, 'samples');
if (!flag('--here')) {
  workspace = path.join(cache, 'samples');
  if (!flag('--keep') || !fs.existsSync(workspace)) {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.cpSync(path.join(repo, 'samples'), workspace, { recursive: true });
  }
}
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.mkdirSync(extensions, { recursive: true });
fs.writeFileSync(config, 'auth: none\n');
const settingsFile = path.join(userData, 'User', 'settings.json');
let settings = {};
try {
  settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
} catch {
  // first run, or a file edited into something else: start over
}
fs.writeFileSync(
  settingsFile,
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.ignoreRecommendations': true,
      ...settings,
      'obecEvidence.language': lang,
    },
    null,
    2,
  ),
);

step('installing the fresh .vsix into the try profile');
const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
execFileSync(bin, [...common, '--install-extension', vsix, '--force'], { stdio: ['ignore', 'ignore', 'inherit'] });

let stopping = false;
const port = await choosePort(Number(option('--port', '8080')));
const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/?folder=${encodeURIComponent(workspace)}`;
const child = spawn(bin, ['--bind-addr', `${host}:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', ...common, workspace], {
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let log = '';
child.stdout.on('data', (d) => (log += d));
child.stderr.on('data', (d) => (log += d));
child.on('exit', (code, signal) => {
  if (!stopping) {
    console.error(`\n[try] code-server stopped (${signal ?? `exit ${code}`}):\n${log}`);
    process.exit(1);
  }
});

await waitForHealth(port);
console.log(`
[try] ready in ${((Date.now() - started) / 1000).toFixed(0)} s.

    Open ${url}

  The samples are open (${flag('--here') ? 'the repository\'s own samples/: edits change them' : `a copy: ${workspace}`});
  messages in ${lang === 'th' ? 'Thai' : lang === 'en' ? 'English' : "VS Code's language"}. Try:
    - Ctrl+P srinakhara-1/x2.evidence.yaml — the clean office: no problems, levels 4 / 5 in the code lens
    - Ctrl+P broken/figure-mismatch.evidence.yaml — Ctrl+Shift+M (Problems), Ctrl+. for the quick fix
    - hover a point key (1:, 2:, …), a figure, a school code
    - F1 "OBEC Evidence: Open Score Preview to the Side"
  ${host === '127.0.0.1' ? 'Listening on this machine only' : `Listening on ${host} WITHOUT a password`}; code-server's log: ${path.join(userData, 'logs')}.
  Ctrl+C stops it.
`);

const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('\n[try] stopping code-server');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  setTimeout(() => process.exit(0), 3000).unref();
  child.once('exit', () => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

function choosePort(preferred) {
  const tryPort = (p) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(p, host, () => {
        const got = server.address().port;
        server.close(() => resolve(got));
      });
    });
  return tryPort(preferred).then((p) => p ?? tryPort(0));
}

async function waitForHealth(p) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${p}/healthz`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.error(`[try] code-server did not answer on port ${p} within 60 s:\n${log}`);
  stop();
}
