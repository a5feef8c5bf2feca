/**
 * Workbook-reading benchmark: how `readXlsx` compares with the cost of merely unzipping
 * the same file (the "floor"), on an X2.2-shaped workbook of 30,000 Thai rows.
 *
 * Run through `npm run bench` (scripts/bench.ts → dist/bench.js, with --expose-gc so
 * the warm runs start from a collected heap).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { readXlsx } from '../server/src/engine/workbook/xlsxReader';
import { WorkbookPool } from '../server/src/node/workbookPool';

/** One measured figure. */
export interface BenchResult {
  /** What was measured, e.g. `readXlsx warm median`. */
  readonly name: string;
  /** The figure, in `unit`; NaN when it could not be measured (see `note`). */
  readonly value: number;
  readonly unit: 'ms' | 'MB' | 'x' | 'rows';
  readonly note?: string;
}

/** Column headers of the X2.2 table (system use by school, per administration area). */
export const X22_HEADER = [
  'ลำดับ',
  'รหัสสถานศึกษา',
  'ชื่อสถานศึกษา',
  'ด้านบริหารวิชาการ',
  'ด้านบริหารงบประมาณ',
  'ด้านบริหารงานบุคคล',
  'ด้านบริหารทั่วไป',
] as const;

const SYSTEMS = ['AMSS++, e-filing', 'e-budget', 'P-OBEC', 'DMC, SGS', 'SchoolMIS', 'EMIS, DMC', 'e-office'];

/**
 * Writes an X2.2-shaped workbook with exceljs: a merged title row (A1:G1), a subtitle,
 * the {@link X22_HEADER} row, then `rows` data rows (sequence number, 10-digit school
 * code stored as text, Thai school name, four system-name columns).
 */
export async function writeX22Workbook(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('X2.2');
  ws.addRow(['ตัวชี้วัด X2.2 การใช้ระบบสารสนเทศเพื่อการบริหารจัดการของสถานศึกษา']);
  ws.mergeCells('A1:G1');
  ws.addRow(['สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต 1 ปีงบประมาณ พ.ศ. 2568']);
  ws.addRow([...X22_HEADER]);
  for (let i = 1; i <= rows; i++) {
    const pick = (k: number): string => SYSTEMS[(i + k) % SYSTEMS.length] ?? '';
    ws.addRow([i, String(1020080000 + i), `โรงเรียนบ้านหนองบัวทอง${i}`, pick(0), pick(1), pick(2), pick(3)]);
  }
  await wb.xlsx.writeFile(file);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** The floor: read the file, unzip the sheet entry, decode it, count `<row` tags. */
function floor(file: string): number {
  const bytes = readFileSync(file);
  const entry = unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' })['xl/worksheets/sheet1.xml'];
  const xml = new TextDecoder().decode(entry);
  let rows = 0;
  for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) rows++;
  return rows;
}

function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Runs the workbook benchmark and returns its figures (also printed as a table):
 * floor cold/warm, readXlsx cold/warm median/p95, warm ratio to the floor, peak RSS
 * after the cold read, the worker pool's warm read, and exceljs `readFile` once.
 *
 * The 30,000-row workbook is generated once into `<repo>/.bench/` and reused; when it is
 * generated in this run the peak-RSS figure includes exceljs writing it (noted).
 */
export async function benchWorkbook(options: { rows?: number; runs?: number } = {}): Promise<BenchResult[]> {
  const rows = options.rows ?? 30_000;
  const runs = options.runs ?? 10;
  const dir = path.resolve(__dirname, '..', '.bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `x22-${rows}.xlsx`);
  let generated = false;
  if (!existsSync(file)) {
    await writeX22Workbook(file, rows);
    generated = true;
  }
  const results: BenchResult[] = [];
  const add = (name: string, value: number, unit: BenchResult['unit'], note?: string): void => {
    results.push(note === undefined ? { name, value, unit } : { name, value, unit, note });
  };

  // Cold first: the figure a one-shot CLI run pays (module JIT included).
  gc();
  let rowCount = 0;
  const cold = time(() => {
    const r = readXlsx(readFileSync(file));
    rowCount = r.ok ? r.sheets.reduce((n, s) => n + s.rows.length, 0) : NaN;
  });
  const rssAfterCold = maxRssMb();
  const floorCold = time(() => floor(file));

  const warm: number[] = [];
  const floorWarm: number[] = [];
  // No forced GC between runs: a forced full GC is not what the worker sees, and after
  // one the floor's large buffers come back bimodally (22 or 45 ms) from the allocator.
  for (let i = 0; i < runs; i++) {
    floorWarm.push(time(() => floor(file)));
    warm.push(time(() => readXlsx(readFileSync(file))));
  }
  const rssAfterWarm = maxRssMb();

  let poolWarm = NaN;
  let poolNote: string | undefined;
  const pool = new WorkbookPool({ timeoutMs: 60_000 });
  try {
    const first = await pool.read(file);
    if (!first.ok) throw new Error(`${first.code} ${first.detail ?? ''}`);
    const times: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const t0 = performance.now();
      await pool.read(file);
      times.push(performance.now() - t0);
    }
    poolWarm = median(times);
  } catch (err) {
    poolNote = `pool read failed: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    await pool.dispose();
  }

  gc();
  const exceljs = await (async () => {
    const t0 = performance.now();
    await new ExcelJS.Workbook().xlsx.readFile(file);
    return performance.now() - t0;
  })();

  const floorMedian = median(floorWarm);
  const warmMedian = median(warm);
  add('rows read', rowCount, 'rows', path.relative(process.cwd(), file));
  add('floor cold (unzip sheet + count <row)', floorCold, 'ms', 'after the cold read: fflate already compiled');
  add('floor warm median', floorMedian, 'ms');
  add('readXlsx cold (first call)', cold, 'ms');
  add('readXlsx warm median', warmMedian, 'ms', `${runs} runs`);
  add('readXlsx warm p95', percentile(warm, 95), 'ms');
  add('ratio warm median / floor warm median', warmMedian / floorMedian, 'x', 'target <= 3');
  add('peak RSS after cold read', rssAfterCold, 'MB', generated ? 'includes generating the workbook with exceljs in this run; run again' : undefined);
  add('peak RSS after warm runs', rssAfterWarm, 'MB');
  add('WorkbookPool.read warm median (worker + transfer)', poolWarm, 'ms', poolNote);
  add('exceljs xlsx.readFile (reference, once)', exceljs, 'ms');
  printTable(results);
  return results;
}

/** Prints results as an aligned text table. */
export function printTable(results: readonly BenchResult[]): void {
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const value = Number.isNaN(r.value) ? 'n/a' : r.unit === 'x' ? r.value.toFixed(2) : r.value.toFixed(r.unit === 'rows' ? 0 : 1);
    console.log(`${r.name.padEnd(width)}  ${value.padStart(8)} ${r.unit.padEnd(4)}${r.note ? `  ${r.note}` : ''}`);
  }
}
