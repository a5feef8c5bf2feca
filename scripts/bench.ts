/**
 * Benchmarks, run by `npm run bench` (bundled to dist/bench.js, run with --expose-gc from
 * the repository root). Prints, in one run: the sample office checked cold and warm, and
 * reading a generated 30,000-row X2.2 against the floor measured in the same run.
 */
import { benchCheck } from './benchCheck';
import { benchWorkbook } from './benchWorkbook';

async function main(): Promise<void> {
  console.log(`== obec-evidence bench (node ${process.version}, ${new Date().toISOString()}) ==`);
  console.log('\n== check of the sample office ==');
  await benchCheck();
  console.log('\n== workbook reading: 30,000-row X2.2 ==');
  await benchWorkbook();
  await (await import('./benchLsp')).benchLsp();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
