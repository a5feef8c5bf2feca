// One esbuild script for every bundle: the CLI, the workbook worker, the language server,
// the extension client, the score preview's webview script, the bench and the sample generator.
// Entries whose source does not exist yet are skipped, so the build works while they are written.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/node/workbookWorker.ts', out: 'workbookWorker' },
  { in: 'server/src/server.ts', out: 'server' },
  // `vscode` is provided by the extension host at run time; it has no package to bundle.
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
  // The webview runs in a browser page (VS Code's webview, or Chromium in the tests): one
  // self-contained script, loaded by a <script nonce> tag; no Node built-ins may leak in.
  { in: 'client/webview/preview.ts', out: 'webview/preview', platform: 'browser', format: 'iife', target: 'es2020' },
  // playwright-core locates its own files at run time: it is required from node_modules, not bundled.
  { in: 'scripts/bench.ts', out: 'bench', external: ['playwright-core'] },
  { in: 'scripts/generateSamples.ts', out: 'generateSamples' },
].filter((e) => existsSync(e.in));

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      bundle: true,
      platform: e.platform ?? 'node',
      target: e.target ?? 'node20',
      format: e.format ?? 'cjs',
      sourcemap: true,
      logLevel: 'warning',
      banner: e.banner ? { js: e.banner } : undefined,
      external: e.external ?? [],
    }),
  ),
);
