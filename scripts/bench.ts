/**
 * Benchmarks, run by `npm run bench` (bundled to dist/bench.js, run with --expose-gc from
 * the repository root). Prints, in one run: the sample office checked cold and warm;
 * reading a generated 30,000-row X2.2 against the floor measured in the same run; the
 * language server's cold start and edit-to-diagnostics latency; and an edit's way to the
 * score preview (server notification + the panel's re-render in Chromium).
 */
import { benchCheck } from './benchCheck';
import { benchLsp } from './benchLsp';
import { benchPreview } from './benchPreview';
import { benchWorkbook } from './benchWorkbook';

async function main(): Promise<void> {
  console.log(`== obec-evidence bench (node ${process.version}, ${new Date().toISOString()}) ==`);
  console.log('\n== check of the sample office ==');
  await benchCheck();
  console.log('\n== workbook reading: 30,000-row X2.2 ==');
  await benchWorkbook();
  await benchLsp();
  await benchPreview();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
