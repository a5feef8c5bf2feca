/**
 * Benchmarks, run by `npm run bench` (bundled to dist/bench.js, run with --expose-gc).
 * Each benchmark prints its own table and returns its figures.
 */
import { benchWorkbook } from './benchWorkbook';

async function main(): Promise<void> {
  console.log('== workbook reading ==');
  await benchWorkbook();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
