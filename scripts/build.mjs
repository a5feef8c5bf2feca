// One esbuild script for every bundle: the CLI, the workbook worker, the bench and the
// sample generator (later: the language server, the extension client, the webview).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/node/workbookWorker.ts', out: 'workbookWorker' },
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
    }),
  ),
);
