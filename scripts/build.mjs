// One esbuild script for every bundle: the CLI, the workbook worker, the language server,
// the extension client, the bench and the sample generator (later: the webview).
// Entries whose source does not exist yet are skipped, so the build works while they are written.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/node/workbookWorker.ts', out: 'workbookWorker' },
  { in: 'server/src/server.ts', out: 'server' },
  // `vscode` is provided by the extension host at run time; it has no package to bundle.
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'scripts/bench.ts', out: 'bench' },
  { in: 'scripts/generateSamples.ts', out: 'generateSamples' },
].filter((e) => existsSync(e.in));

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: true,
      logLevel: 'warning',
      banner: e.banner ? { js: e.banner } : undefined,
      external: e.external ?? [],
    }),
  ),
);
