/**
 * Generates the sample submission of a fictional office, "สำนักงานเขตพื้นที่การศึกษา
 * ประถมศึกษาศรีนครา เขต 1" (Srinakhara Primary ESAO 1, 112 schools), plus broken
 * variants that each show one class of mistake, under `samples/`: the X2 workbooks and
 * evidence, and the evidence files of its PMQA self-assessment (`evidence/pmqa/`).
 *
 * Run from the repository root: `node scripts/build.mjs && node dist/generateSamples.js`
 * (or `npm run samples:generate`). Re-runnable: it overwrites its own files and leaves any
 * other file under `samples/` (manifests written by hand) alone.
 *
 * Deterministic: a seeded PRNG picks every "random" choice, workbook dates are fixed, and
 * each .xlsx is re-packed with fixed ZIP timestamps, so re-running gives byte-identical
 * files (exceljs's own ZIP writer stamps entries with the current time).
 *
 * Everything here is fiction made to look like a real submission: names, codes and links
 * are invented (school codes use the unassigned prefix 1099010).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { unzipSync, zipSync } from 'fflate';
import { MaturityPackSchema, PackSchema, type MaturityPack, type Pack, type TableLayout } from '../server/src/engine/packs/model';
import { mulberry32 } from './prng';

// ---------------------------------------------------------------------------------------
// Fixed facts of the fictional office

const OFFICE_TH = 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาศรีนครา เขต 1';
const OFFICE_EN = 'Srinakhara Primary Educational Service Area Office 1';
const SCHOOL_COUNT = 112;
/** Schools whose usage evidence is attached (6m point 1, 12m point 4): always complete. */
const EVIDENCE_SCHOOLS = [1, 5, 17, 42];
/** Schools whose rows the broken X2.2 variant alters: kept complete so each change shows alone. */
const BROKEN_ROW_SCHOOLS = [4, 5, 9, 15, 20, 25];
const INCOMPLETE_SCHOOLS = 8; // 104 of 112 have a system in all 4 areas (92.86 %)
const NOT_USING_REALTIME = 14; // 98 of 112 use real-time data (87.50 %)
const SCHOOLS_WITH_NUMERIC_CODES = 20; // codes typed into General-format cells
/** Rows 1..N of X2.2 number themselves in Thai digits (pasted from a Word table). */
const THAI_DIGIT_ORDER_ROWS = 30;

/** Fixed workbook dates: the 6-month round closes 31 March 2566, the 12-month one 29 Sep 2566. */
const DATE_6M = new Date(Date.UTC(2023, 2, 31, 2, 0, 0));
const DATE_12M = new Date(Date.UTC(2023, 8, 29, 2, 0, 0));
/**
 * ZIP timestamps are DOS local time and fflate reads them with local-time getters, so a
 * Date built from local components gives the same bytes in every time zone.
 */
const ZIP_MTIME = new Date(2023, 8, 29, 9, 0, 0);

const FONT: Partial<ExcelJS.Font> = { name: 'TH SarabunPSK', size: 16 };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };

// ---------------------------------------------------------------------------------------
// Deterministic randomness


class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Weighted pick: `[value, weight]` pairs. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const a = out[i] as T;
      out[i] = out[j] as T;
      out[j] = a;
    }
    return out;
  }
  /** `count` distinct values of `pool`, in ascending order. */
  sample(pool: readonly number[], count: number): number[] {
    return this.shuffle(pool)
      .slice(0, count)
      .sort((x, y) => x - y);
  }
}

// ---------------------------------------------------------------------------------------
// Schools

interface School {
  /** 1..112, the order of the office's school list. */
  readonly index: number;
  /** 10-digit national code, `1099010` + 3-digit index. */
  readonly code: string;
  readonly name: string;
}

const VILLAGES = [
  'หนองบัว', 'โนนสูง', 'ดอนแดง', 'นาดี', 'หนองแวง', 'โคกกลาง', 'ห้วยทราย', 'ท่าช้าง',
  'หนองหญ้าปล้อง', 'โพนทอง', 'ป่าแดง', 'นาคำ', 'หัวขัว', 'ดงเย็น', 'โคกสว่าง', 'สร้างแป้น',
  'หนองไผ่', 'คำบอน', 'นาสีนวล', 'ดอนหัน', 'หนองเม็ก', 'โนนแดง', 'ท่าลาด', 'หนองคู',
  'ห้วยหิน', 'วังน้ำเย็น', 'โคกก่อง', 'นาเลา', 'ดงบัง', 'หนองนกเขียน', 'ม่วงหวาน', 'หนองกุง',
  'โนนเขวา', 'กุดเรือ', 'สามแยก', 'หนองจาน', 'หัวนา', 'โพธิ์ชัย', 'ป่าหวาย', 'นาโพธิ์',
];
const PATRON_SUFFIXES = [
  'ราษฎร์บำรุง', 'ประชาสามัคคี', 'คุรุราษฎร์อุทิศ', 'ประชาบำรุง', 'ราษฎร์พัฒนา',
  'มิตรภาพที่ 52', 'ประชานุกูล', 'สามัคคีวิทยา',
];
const TEMPLES = [
  'วัดกลางศรีนครา', 'วัดโพธิ์ศรี', 'วัดสว่างอารมณ์', 'วัดป่าประดู่', 'วัดศรีสุมังค์',
  'วัดบูรพาราม', 'วัดมัชฌิมาวาส', 'วัดใต้', 'วัดเหนือ', 'วัดศรีบุญเรือง',
];
const COMMUNITIES = ['หนองบัว', 'โนนสูง', 'บ้านท่าช้าง', 'ศรีนครา', 'ดงเย็น', 'ห้วยทราย'];

/** 112 unique, plausible school names; the kindergarten-model school is number 1, as usual. */
function makeSchools(rng: Rng): School[] {
  const names: string[] = [];
  for (const t of TEMPLES) names.push(`โรงเรียน${t}`);
  for (const c of COMMUNITIES) names.push(`โรงเรียนชุมชน${c}`);
  VILLAGES.forEach((v) => names.push(`โรงเรียนบ้าน${v}`));
  VILLAGES.forEach((v, i) => names.push(`โรงเรียนบ้าน${v}${i % 5 === 4 ? 'น้อย' : ''} (${PATRON_SUFFIXES[i % PATRON_SUFFIXES.length]})`));
  VILLAGES.slice(0, SCHOOL_COUNT - 1 - names.length).forEach((v) => names.push(`โรงเรียนบ้าน${v}วิทยา`));
  const ordered = ['โรงเรียนอนุบาลศรีนครา', ...rng.shuffle(names)];
  if (ordered.length !== SCHOOL_COUNT || new Set(ordered).size !== SCHOOL_COUNT) {
    throw new Error(`school names: ${ordered.length} built, ${new Set(ordered).size} unique`);
  }
  return ordered.map((name, i) => ({ index: i + 1, code: schoolCode(i + 1), name }));
}

function schoolCode(index: number): string {
  return `1099010${String(index).padStart(3, '0')}`;
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
function thaiDigits(n: number): string {
  return String(n).replace(/\d/g, (d) => THAI_DIGITS[Number(d)] ?? d);
}

// ---------------------------------------------------------------------------------------
// Workbook helpers

function loadPack(): Pack {
  return PackSchema.parse(YAML.parse(fs.readFileSync('schemas/obec-x2.pack.yaml', 'utf8')));
}

function loadPmqaPack(): MaturityPack {
  return MaturityPackSchema.parse(YAML.parse(fs.readFileSync('schemas/obec-pmqa.pack.yaml', 'utf8')));
}

function layoutOf(pack: Pack, id: string): TableLayout {
  const layout = pack.tables.find((t) => t.id === id);
  if (!layout) throw new Error(`pack has no table ${id}`);
  return layout;
}

function newWorkbook(date: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'กลุ่มนโยบายและแผน สพป.ศรีนครา เขต 1';
  wb.lastModifiedBy = 'กลุ่มนโยบายและแผน สพป.ศรีนครา เขต 1';
  wb.created = date;
  wb.modified = date;
  return wb;
}

/** Sets a cell's value with the sheet's Thai font and a border; returns the cell for more styling. */
function put(sheet: ExcelJS.Worksheet, row: number, col: number, value: ExcelJS.CellValue): ExcelJS.Cell {
  const cell = sheet.getCell(row, col);
  cell.value = value;
  cell.font = FONT;
  cell.border = BORDER;
  return cell;
}

/** A title line merged across `cols` columns (rows above the header). */
function titleRow(sheet: ExcelJS.Worksheet, row: number, cols: number, text: string, bold = true): void {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = { ...FONT, bold, size: bold ? 18 : 16 };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.mergeCells(row, 1, row, cols);
}

function headerCell(sheet: ExcelJS.Worksheet, row: number, col: number, text: string): void {
  const cell = put(sheet, row, col, text);
  cell.font = { ...FONT, bold: true };
  cell.fill = HEADER_FILL;
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/**
 * exceljs's bytes, re-packed with fixed ZIP timestamps (entry order kept, so
 * `[Content_Types].xml` stays first) so that re-running gives identical files.
 */
async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const raw = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const entries = unzipSync(raw);
  return zipSync(entries, { level: 9, mtime: ZIP_MTIME });
}

function writeFile(rel: string, bytes: Uint8Array | string): void {
  const file = path.join(process.cwd(), rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}

/**
 * A school-code cell: codes kept as text get the text format ('@'), as in a column the
 * office formatted before typing; numeric ones keep General, as when typed into a fresh
 * sheet (a number the readers must turn back into a code).
 */
function putCode(sheet: ExcelJS.Worksheet, row: number, col: number, code: string | number): ExcelJS.Cell {
  const cell = put(sheet, row, col, code);
  if (typeof code === 'string') cell.numFmt = '@';
  return cell;
}

// ---------------------------------------------------------------------------------------
// X2.1 — the office's systems

interface OfficeSystem {
  area: string; // as typed: a vocabulary title or alias
  name: string;
  owner: string; // as typed: an owner title or alias
  link: string;
  asHyperlink: boolean;
}

const OFFICE_SYSTEMS: OfficeSystem[] = [
  { area: 'ด้านบริหารทั่วไป', name: 'AMSS++ ระบบสารบรรณอิเล็กทรอนิกส์', owner: 'สพท. พัฒนาขึ้นเอง', link: 'https://amss.snk1.go.th', asHyperlink: true },
  { area: 'ด้านบริหารทั่วไป', name: 'E-Office (e-filing) สพฐ.', owner: 'ระบบของ สพฐ.', link: 'https://eoffice.obec.go.th', asHyperlink: true },
  { area: 'บริหารทั่วไป', name: 'Smart Area ศรีนครา 1', owner: 'พัฒนาขึ้นเอง', link: 'https://smartarea.snk1.go.th', asHyperlink: false },
  { area: 'บริหารทั่วไป', name: 'B-OBEC ระบบข้อมูลสิ่งก่อสร้าง', owner: 'สพฐ.', link: 'https://bobec.obec.go.th', asHyperlink: false },
  { area: 'ด้านงบประมาณ', name: 'e-budget ระบบบริหารงบประมาณ', owner: 'ระบบจัดการข้อมูลอื่น', link: 'https://ebudget.snk1.go.th', asHyperlink: true },
  { area: 'ด้านงบประมาณ', name: 'GFMIS ระบบบริหารการเงินการคลังภาครัฐ', owner: 'อื่นๆ', link: 'https://gfmis.snk1.go.th', asHyperlink: false },
  { area: 'งบประมาณ', name: 'E-Money ระบบจ่ายเงินเดือนและค่าจ้าง', owner: 'ระบบของสพฐ.', link: 'https://emoney.obec.go.th', asHyperlink: false },
  { area: 'ด้านบริหารงานบุคคล', name: 'P-OBEC ระบบข้อมูลบุคลากร', owner: 'ระบบของ สพฐ.', link: 'https://pobec.obec.go.th', asHyperlink: true },
  { area: 'ด้านบริหารงานบุคคล', name: 'ระบบทะเบียนประวัติอิเล็กทรอนิกส์ (ก.พ.7 อิเล็กทรอนิกส์)', owner: 'สพฐ.', link: 'https://kp7.obec.go.th', asHyperlink: false },
  { area: 'ด้านวิชาการ', name: 'DMC ระบบจัดเก็บข้อมูลนักเรียนรายบุคคล', owner: 'ระบบของ สพฐ.', link: 'https://dmc.obec.go.th', asHyperlink: true },
  { area: 'ด้านวิชาการ', name: 'EMIS ระบบสารสนเทศเพื่อการบริหารการศึกษา', owner: 'สพฐ.', link: 'https://emis.obec.go.th', asHyperlink: false },
  { area: 'วิชาการ', name: 'SGS ระบบบริหารจัดการสถานศึกษา (งานวัดผล)', owner: 'ระบบของ สพฐ.', link: 'https://sgs.obec.go.th', asHyperlink: false },
  { area: 'วิชาการ', name: 'ปพ.3 online', owner: 'สพฐ.', link: 'https://por3.obec.go.th', asHyperlink: true },
];

/** Headers as an office would type them: accepted aliases, not the pack's titles. */
const X21_HEADERS = ['ลำดับที่', 'ด้านการบริหาร', 'ชื่อระบบบริหารจัดการที่เป็นดิจิทัล', 'ผู้พัฒนาระบบ', 'ลิงก์'];
const X21_HEADER_ROW = 4;

async function writeX21(pack: Pack): Promise<Uint8Array> {
  const layout = layoutOf(pack, 'X2.1');
  const wb = newWorkbook(DATE_6M);
  const sheet = wb.addWorksheet('X2.1');
  const cols = X21_HEADERS.length;
  sheet.columns = [{ width: 9 }, { width: 22 }, { width: 52 }, { width: 22 }, { width: 34 }];
  titleRow(sheet, 1, cols, layout.title.th);
  titleRow(sheet, 2, cols, OFFICE_TH, false);
  X21_HEADERS.forEach((h, i) => headerCell(sheet, X21_HEADER_ROW, i + 1, h));
  OFFICE_SYSTEMS.forEach((s, i) => {
    const r = X21_HEADER_ROW + 1 + i;
    // The first five rows were numbered in Thai digits, the rest by Excel's fill.
    const order = put(sheet, r, 1, i < 5 ? thaiDigits(i + 1) : i + 1);
    order.alignment = { horizontal: 'center' };
    put(sheet, r, 2, s.area);
    put(sheet, r, 3, s.name);
    put(sheet, r, 4, s.owner);
    const link = put(sheet, r, 5, s.asHyperlink ? { text: s.link, hyperlink: s.link } : s.link);
    if (s.asHyperlink) link.font = { ...FONT, color: { argb: 'FF0563C1' }, underline: true };
  });
  return xlsxBytes(wb);
}

// ---------------------------------------------------------------------------------------
// X2.2 — the schools' systems

type AreaId = 'general' | 'budget' | 'personnel' | 'academic';
const AREAS: AreaId[] = ['general', 'budget', 'personnel', 'academic'];

const AREA_SYSTEMS: Record<AreaId, ReadonlyArray<readonly [string, number]>> = {
  general: [['AMSS++', 5], ['AMSS++, E-Office', 3], ['e-filing', 2]],
  budget: [['e-budget', 4], ['e-budget, E-Money', 3], ['ระบบบัญชีโรงเรียน', 2]],
  personnel: [['P-OBEC', 6], ['P-OBEC, ก.พ.7', 4]],
  academic: [['DMC', 3], ['DMC, SGS', 5], ['SGS, ปพ.3 online', 2]],
};

/** One X2.2 data row as it will be written: `''` leaves the cell empty. */
interface X22Row {
  order: string | number;
  code: string | number;
  name: string;
  areas: Record<AreaId, string>;
}

const X22_HEADER_ROW = 4; // two header rows: 4 and 5
const X22_FIRST_DATA_ROW = 6;
/** Cells meaning "no system" in the sample (both in the pack's noneMarkers). */
const NONE_VALUES = ['-', 'ไม่มี'];

function hasSystem(value: string): boolean {
  return value.trim() !== '' && !NONE_VALUES.includes(value.trim());
}

interface SchoolFacts {
  schools: School[];
  x22: X22Row[];
  incomplete: number[];
  numericCodes: number[];
  x23: X23Row[];
  notUsing: number[];
}

function makeX22Rows(rng: Rng, schools: School[]): { rows: X22Row[]; incomplete: number[]; numericCodes: number[] } {
  const protectedSchools = new Set([...EVIDENCE_SCHOOLS, ...BROKEN_ROW_SCHOOLS]);
  const pool = schools.map((s) => s.index).filter((i) => !protectedSchools.has(i));
  const incomplete = rng.sample(pool, INCOMPLETE_SCHOOLS);
  // School 25 (row 30) stays text here: the broken variant turns it into a number.
  const numericCodes = rng.sample(
    schools.map((s) => s.index).filter((i) => i !== 25),
    SCHOOLS_WITH_NUMERIC_CODES,
  );
  const rows = schools.map((s): X22Row => {
    const areas = {} as Record<AreaId, string>;
    for (const a of AREAS) areas[a] = rng.weighted(AREA_SYSTEMS[a]);
    if (incomplete.includes(s.index)) {
      // Small schools lacking one or two areas, written "-" or "ไม่มี" (never left empty).
      const missing = rng.shuffle(AREAS).slice(0, 1 + rng.int(2));
      for (const a of missing) areas[a] = rng.pick(NONE_VALUES);
    }
    return {
      order: s.index <= THAI_DIGIT_ORDER_ROWS ? thaiDigits(s.index) : s.index,
      code: numericCodes.includes(s.index) ? Number(s.code) : s.code,
      name: s.name,
      areas,
    };
  });
  return { rows, incomplete, numericCodes };
}

async function writeX22(pack: Pack, rows: X22Row[]): Promise<Uint8Array> {
  const layout = layoutOf(pack, 'X2.2');
  const areaTitle = (a: AreaId): string => {
    const col = layout.columns.find((c) => c.area === a);
    if (!col) throw new Error(`X2.2 has no column for area ${a}`);
    return col.title.th;
  };
  const wb = newWorkbook(DATE_6M);
  const sheet = wb.addWorksheet('X2.2', {
    views: [{ state: 'frozen', ySplit: X22_FIRST_DATA_ROW - 1, xSplit: 0 }],
  });
  sheet.columns = [{ width: 8 }, { width: 15 }, { width: 40 }, { width: 22 }, { width: 22 }, { width: 22 }, { width: 22 }];
  const cols = 3 + AREAS.length;
  titleRow(sheet, 1, cols, layout.title.th);
  titleRow(sheet, 2, cols, OFFICE_TH, false);
  titleRow(sheet, 3, cols, 'ข้อมูล ณ วันที่ 31 มีนาคม 2566', false);

  // Two-row header: the identifying columns span both rows, the areas sit under a group heading.
  const top = X22_HEADER_ROW;
  const sub = X22_HEADER_ROW + 1;
  ['ลำดับ', 'รหัสสถานศึกษา', 'ชื่อสถานศึกษา'].forEach((h, i) => {
    headerCell(sheet, top, i + 1, h);
    headerCell(sheet, sub, i + 1, '');
    sheet.mergeCells(top, i + 1, sub, i + 1);
  });
  headerCell(sheet, top, 4, 'ระบบบริหารจัดการที่เป็นดิจิทัล');
  for (let c = 5; c <= cols; c++) headerCell(sheet, top, c, '');
  sheet.mergeCells(top, 4, top, cols);
  AREAS.forEach((a, i) => headerCell(sheet, sub, 4 + i, areaTitle(a)));

  rows.forEach((row, i) => {
    const r = X22_FIRST_DATA_ROW + i;
    put(sheet, r, 1, row.order).alignment = { horizontal: 'center' };
    putCode(sheet, r, 2, row.code);
    put(sheet, r, 3, row.name);
    AREAS.forEach((a, j) => put(sheet, r, 4 + j, row.areas[a] === '' ? null : row.areas[a]));
  });

  // One blank row, then the totals the office's Excel computed (cached results included,
  // as Excel saves them). COUNTA minus the "none" markers = schools with a system.
  const lastData = X22_FIRST_DATA_ROW + rows.length - 1;
  const totals = lastData + 2;
  put(sheet, totals, 1, 'รวม').font = { ...FONT, bold: true };
  sheet.mergeCells(totals, 1, totals, 3);
  AREAS.forEach((a, j) => {
    const letter = String.fromCharCode('D'.charCodeAt(0) + j);
    const range = `${letter}${X22_FIRST_DATA_ROW}:${letter}${lastData}`;
    const result = rows.filter((r) => hasSystem(r.areas[a])).length;
    const cell = put(sheet, totals, 4 + j, {
      formula: `COUNTA(${range})-COUNTIF(${range},"-")-COUNTIF(${range},"ไม่มี")`,
      result,
    });
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center' };
  });
  return xlsxBytes(wb);
}

// ---------------------------------------------------------------------------------------
// X2.3 — real-time use

interface X23Row {
  code: string;
  name: string;
  order: number;
  uses: boolean;
  marker: string;
  system: string;
  /** Logins in the last 30 days (only the not-calculated variant shows them). */
  logins: number;
}

const X23_HEADERS = ['School code', 'School name', 'No.', 'Uses real-time data', 'System used'];
const X23_HEADER_ROW = 3;
const YES_MARKERS: ReadonlyArray<readonly [string, number]> = [['ใช้', 6], ['✓', 2], ['/', 1], ['yes', 1]];
const NO_MARKERS: ReadonlyArray<readonly [string, number]> = [['ไม่ใช้', 2], ['-', 1]];
const REALTIME_SYSTEMS: ReadonlyArray<readonly [string, number]> = [
  ['Data Center สพป.ศรีนครา 1', 6],
  ['Smart Area', 2],
  ['DMC', 1],
  ['Data Center สพป.ศรีนครา 1, DMC', 1],
];

function makeX23Rows(rng: Rng, schools: School[]): { rows: X23Row[]; notUsing: number[] } {
  const pool = schools.map((s) => s.index).filter((i) => !EVIDENCE_SCHOOLS.includes(i));
  const notUsing = rng.sample(pool, NOT_USING_REALTIME);
  const rows = schools.map((s): X23Row => {
    const uses = !notUsing.includes(s.index);
    return {
      code: s.code,
      name: s.name,
      order: s.index,
      uses,
      marker: uses ? rng.weighted(YES_MARKERS) : rng.weighted(NO_MARKERS),
      system: uses ? rng.weighted(REALTIME_SYSTEMS) : '',
      logins: uses ? 3 + rng.int(240) : 0,
    };
  });
  return { rows, notUsing };
}

/**
 * Writes X2.3 with English headings in an unusual order. With `calculated: false` the
 * yes/no column holds formulas over a logins column and, like files saved by tools that
 * never calculate, no cached results (no `<v>` in the XML).
 */
async function writeX23(pack: Pack, rows: X23Row[], calculated: boolean): Promise<Uint8Array> {
  const layout = layoutOf(pack, 'X2.3');
  const wb = newWorkbook(DATE_12M);
  const sheet = wb.addWorksheet('X2.3');
  const headers = calculated ? X23_HEADERS : [...X23_HEADERS, 'Logins (30 days)'];
  const cols = headers.length;
  sheet.columns = [{ width: 15 }, { width: 40 }, { width: 7 }, { width: 20 }, { width: 32 }, { width: 16 }].slice(0, cols);
  titleRow(sheet, 1, cols, layout.title.th);
  titleRow(sheet, 2, cols, `${OFFICE_TH} (${OFFICE_EN})`, false);
  headers.forEach((h, i) => headerCell(sheet, X23_HEADER_ROW, i + 1, h));

  const first = X23_HEADER_ROW + 1;
  rows.forEach((row, i) => {
    const r = first + i;
    putCode(sheet, r, 1, row.code);
    put(sheet, r, 2, row.name);
    put(sheet, r, 3, row.order).alignment = { horizontal: 'center' };
    const uses = calculated
      ? put(sheet, r, 4, row.marker)
      : put(sheet, r, 4, { formula: `IF(F${r}>0,"ใช้","ไม่ใช้")` });
    uses.alignment = { horizontal: 'center' };
    put(sheet, r, 5, row.system === '' ? null : row.system);
    if (!calculated) put(sheet, r, 6, row.logins);
  });

  const last = first + rows.length - 1;
  const totals = last + 1;
  put(sheet, totals, 1, 'รวม').font = { ...FONT, bold: true };
  const range = `D${first}:D${last}`;
  const yesWords = YES_MARKERS.map(([m]) => m);
  const formula = calculated
    ? yesWords.map((m) => `COUNTIF(${range},"${m}")`).join('+')
    : `COUNTIF(${range},"ใช้")`;
  const result = rows.filter((r) => r.uses).length;
  const total = put(sheet, totals, 4, calculated ? { formula, result } : { formula });
  total.font = { ...FONT, bold: true };
  total.alignment = { horizontal: 'center' };
  return xlsxBytes(wb);
}

// ---------------------------------------------------------------------------------------
// Broken workbooks

/** The cells the broken X2.2 changes, for the report and the summary. */
interface BrokenChange {
  cell: string;
  change: string;
}

function breakX22(rows: X22Row[], schools: School[]): { rows: X22Row[]; changes: BrokenChange[] } {
  const out = rows.map((r) => ({ ...r, areas: { ...r.areas } }));
  const at = (sheetRow: number): X22Row => {
    const row = out[sheetRow - X22_FIRST_DATA_ROW];
    if (!row) throw new Error(`no data row ${sheetRow}`);
    return row;
  };
  const codeAt = (sheetRow: number): string => schools[sheetRow - X22_FIRST_DATA_ROW]?.code ?? '';
  const changes: BrokenChange[] = [];
  at(10).code = codeAt(9);
  changes.push({ cell: 'X2.2!B10', change: `duplicate: ${codeAt(9)} (same as B9; was ${codeAt(10)})` });
  at(14).code = '109901001';
  changes.push({ cell: 'X2.2!B14', change: `malformed, 9 digits: 109901001 (was ${codeAt(14)})` });
  at(20).code = '10990A0020';
  changes.push({ cell: 'X2.2!B20', change: `letters: 10990A0020 (was ${codeAt(20)})` });
  const budgetWas = at(25).areas.budget;
  at(25).areas.budget = '';
  changes.push({ cell: 'X2.2!E25', change: `budget cell left empty (was "${budgetWas}")` });
  at(30).code = Number(codeAt(30));
  changes.push({ cell: 'X2.2!B30', change: `code stored as a number: ${codeAt(30)} (was text)` });
  return { rows: out, changes };
}

async function writeWrongLayout(): Promise<Uint8Array> {
  const wb = newWorkbook(DATE_6M);
  const sheet = wb.addWorksheet('Sheet1');
  const data = [
    ['ชื่อ', 'นามสกุล', 'ตำแหน่ง'],
    ['สมชาย', 'ใจดี', 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา'],
    ['สุดารัตน์', 'ศรีสุข', 'นักวิเคราะห์นโยบายและแผนชำนาญการ'],
    ['ประเสริฐ', 'วงศ์ไทย', 'นักวิชาการคอมพิวเตอร์'],
    ['มาลี', 'แก้วมณี', 'เจ้าพนักงานธุรการ'],
  ];
  data.forEach((row, r) => row.forEach((v, c) => (sheet.getCell(r + 1, c + 1).value = v)));
  sheet.columns = [{ width: 16 }, { width: 16 }, { width: 40 }];
  return xlsxBytes(wb);
}

const NOT_A_WORKBOOK = `<!DOCTYPE html>
<html lang="th">
<head><meta charset="utf-8"><title>404 ไม่พบไฟล์ที่ต้องการ</title></head>
<body>
<h1>404 Not Found</h1>
<p>ไม่พบไฟล์ที่ต้องการ หรือลิงก์หมดอายุแล้ว กรุณาติดต่อผู้ดูแลระบบ</p>
<p>The requested file was not found or the sharing link has expired.</p>
<hr><address>snk1.go.th file service</address>
</body>
</html>
`;

// ---------------------------------------------------------------------------------------
// Evidence files: minimal but valid PDF 1.4 and PNG

/** Escapes text for a PDF literal string (ASCII only: the base-14 fonts have no Thai). */
function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?')})`;
}

interface PdfBox {
  /** Points from the bottom-left of an A4 page (595 × 842). */
  x: number;
  y: number;
  w: number;
  h: number;
  /** RGB, 0–1. */
  rgb: [number, number, number];
}

/**
 * A one-page PDF 1.4 with a heading, text lines and optional filled boxes (mock screens).
 * Offsets in the xref table are computed from the bytes written, so readers that check
 * them (pdf.js, qpdf) accept the file.
 */
function makePdf(title: string, lines: string[], boxes: PdfBox[] = [], created = "D:20230331090000+07'00'"): Buffer {
  const ops: string[] = [];
  for (const b of boxes) {
    ops.push(`${b.rgb.map((v) => v.toFixed(2)).join(' ')} rg ${b.x} ${b.y} ${b.w} ${b.h} re f`);
  }
  ops.push('0 0 0 rg', 'BT', '/F2 16 Tf', '56 780 Td', `${pdfString(title)} Tj`, '/F1 11 Tf', '0 -28 Td');
  for (const line of lines) ops.push(`${pdfString(line)} Tj`, '0 -16 Td');
  ops.push('ET');
  const content = ops.join('\n');

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Title ${pdfString(title)} /Producer (OBEC Evidence sample generator) /CreationDate (${created}) >>`,
  ];
  // The binary-comment line marks the file as binary for transfer tools, as the spec advises.
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG chunks use). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A simple RGB canvas for mock screenshots. */
class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.rect(0, 0, width, height, background);
  }
  /** Fills a rectangle with colour 0xRRGGBB, clipped to the canvas. */
  rect(x: number, y: number, w: number, h: number, rgb: number): void {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) {
        const p = (yy * this.width + xx) * 3;
        this.pixels[p] = (rgb >> 16) & 0xff;
        this.pixels[p + 1] = (rgb >> 8) & 0xff;
        this.pixels[p + 2] = rgb & 0xff;
      }
    }
  }
  /** An 8-bit truecolour PNG, every scanline with filter 0 (zlib compresses the runs well). */
  toPng(): Buffer {
    const stride = this.width * 3;
    const raw = Buffer.alloc((stride + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (stride + 1)] = 0;
      raw.set(this.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type: truecolour
    ihdr[10] = 0; // deflate
    ihdr[11] = 0; // adaptive filtering
    ihdr[12] = 0; // no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
      pngChunk('IEND', new Uint8Array(0)),
    ]);
  }
}

/** A mock web-app screenshot: title bar, sidebar, and a bar chart of `bars` (0–1). */
function screenshotPng(accent: number, bars: number[]): Buffer {
  const c = new Canvas(320, 200, 0xf3f4f6);
  c.rect(0, 0, 320, 22, accent);
  c.rect(6, 7, 8, 8, 0xffffff);
  c.rect(20, 9, 90, 4, 0xe5e7eb);
  c.rect(0, 22, 64, 178, 0x1f2937);
  for (let i = 0; i < 6; i++) c.rect(8, 34 + i * 18, 46, 6, i === 1 ? accent : 0x6b7280);
  c.rect(74, 32, 236, 158, 0xffffff);
  c.rect(84, 40, 120, 6, 0x374151);
  const slot = Math.floor(210 / Math.max(bars.length, 1));
  bars.forEach((v, i) => {
    const h = Math.round(110 * Math.min(1, Math.max(0, v)));
    c.rect(86 + i * slot, 178 - h, slot - 6, h, i % 2 === 0 ? accent : 0x10b981);
  });
  c.rect(84, 178, 216, 1, 0x9ca3af);
  return c.toPng();
}

/** A mock photo sheet: a grid of "photos" (one per tone, up to 6) with a caption bar under each. */
function photoSheetPng(tones: readonly number[] = [0x8fbc8f, 0x87ceeb, 0xdeb887, 0xb0c4de, 0xf4a460, 0x9acd32]): Buffer {
  const c = new Canvas(320, 200, 0xffffff);
  tones.forEach((tone, i) => {
    const x = 10 + (i % 3) * 102;
    const y = 10 + Math.floor(i / 3) * 95;
    c.rect(x, y, 96, 70, tone);
    c.rect(x + 30, y + 25, 36, 30, 0x4b5563); // the "people" in front of the screen
    c.rect(x + 10, y + 8, 76, 14, 0xf9fafb); // the projected slide
    c.rect(x, y + 74, 80, 6, 0x9ca3af);
  });
  return c.toPng();
}

interface EvidenceFile {
  path: string;
  bytes: Buffer;
}

function makeEvidence(schools: School[]): EvidenceFile[] {
  const nameOf = (i: number): string => (i === 1 ? 'Anuban Srinakhara School' : `school no. ${i} of the X2.2 list`);
  const sample = 'SAMPLE - fictional office, generated by scripts/generateSamples.ts';
  const dir6 = 'samples/srinakhara-1/evidence/6m';
  const dir12 = 'samples/srinakhara-1/evidence/12m';
  const screens: PdfBox[] = [
    { x: 56, y: 420, w: 230, h: 150, rgb: [0.85, 0.9, 0.97] },
    { x: 310, y: 420, w: 230, h: 150, rgb: [0.88, 0.95, 0.88] },
    { x: 56, y: 240, w: 230, h: 150, rgb: [0.97, 0.92, 0.85] },
    { x: 310, y: 240, w: 230, h: 150, rgb: [0.93, 0.88, 0.96] },
  ];
  const schoolUsage = (i: number): Buffer => {
    const school = schools[i - 1];
    if (!school) throw new Error(`no school ${i}`);
    return makePdf(`School ${school.code}: use of digital systems in 4 areas`, [
      OFFICE_EN,
      `School code ${school.code} (${nameOf(i)})`,
      'General administration: AMSS++ - incoming letters, March 2023',
      'Budget: e-budget - school budget plan FY2566',
      'Personnel: P-OBEC - staff records updated 15 March 2023',
      'Academic: DMC - student records as of 10 November 2022',
      sample,
    ], screens);
  };
  return [
    {
      path: `${dir6}/p1-office-systems-screens.pdf`,
      bytes: makePdf('Office digital management systems - screenshots', [
        OFFICE_EN,
        'Indicator X2, 6-month round, consideration point 1',
        'General administration: AMSS++ (https://amss.snk1.go.th), E-Office, Smart Area',
        'Budget: e-budget, GFMIS, E-Money',
        'Personnel: P-OBEC, electronic civil-service records (K.P.7)',
        'Academic: DMC, EMIS, SGS, Por.3 online',
        sample,
      ], screens),
    },
    { path: `${dir6}/p1-school-1099010001-usage.pdf`, bytes: schoolUsage(1) },
    { path: `${dir6}/p1-school-1099010017-usage.png`, bytes: screenshotPng(0x2563eb, [0.9, 0.7, 0.8, 0.6, 0.95, 0.75]) },
    { path: `${dir6}/p1-school-1099010042-usage.pdf`, bytes: schoolUsage(42) },
    {
      path: `${dir6}/p2-minutes-realtime-concept.pdf`,
      bytes: makePdf('Minutes of the ICT committee meeting 2/2566', [
        OFFICE_EN,
        'Date: 14 February 2023, meeting room 1',
        'Agenda 3: bringing a real-time data linkage system (Data Center) into management',
        'Resolution: build the office Data Center on Smart Area, link DMC, EMIS and P-OBEC data',
        'and share dashboards with all 112 schools by the 12-month round.',
        sample,
      ]),
    },
    {
      path: `${dir6}/p3-data-center-manual.pdf`,
      bytes: makePdf('Data Center user manual, version 1', [
        OFFICE_EN,
        'Access link: https://datacenter.snk1.go.th',
        'Login: username guest-obec / password shown to reviewers on request',
        '1. Dashboards: students, teachers, budget, buildings - refreshed nightly',
        '2. Reports: export to Excel and PDF',
        sample,
      ]),
    },
    {
      path: `${dir6}/p4-training-report.pdf`,
      bytes: makePdf('Report: training on the real-time Data Center', [
        OFFICE_EN,
        'Date: 8 March 2023; participants: 64 office staff, 112 school data officers',
        'Content: using dashboards, updating school data, sharing reports',
        'Evaluation: 92 percent satisfied or very satisfied',
        sample,
      ]),
    },
    { path: `${dir6}/p4-training-photos.png`, bytes: photoSheetPng() },
    {
      path: `${dir12}/p2-data-center-manual-v2.pdf`,
      bytes: makePdf('Data Center user manual, version 2', [
        OFFICE_EN,
        'Access link: https://datacenter.snk1.go.th (data updated daily at 02:00)',
        'Login for reviewers: username reviewer-obec, password given in the submission form',
        'New in version 2: school self-service updates, API for school websites',
        sample,
      ]),
    },
    {
      path: `${dir12}/p3-usage-statistics.pdf`,
      bytes: makePdf('Data Center usage statistics, October 2022 - September 2023', [
        OFFICE_EN,
        'Sessions: 48,215; distinct users: 1,342; schools with logins: 98 of 112',
        'Shared with: Provincial Education Office, Srinakhara Provincial Administration',
        sample,
      ], [
        { x: 56, y: 500, w: 40, h: 80, rgb: [0.15, 0.39, 0.92] },
        { x: 106, y: 500, w: 40, h: 120, rgb: [0.15, 0.39, 0.92] },
        { x: 156, y: 500, w: 40, h: 150, rgb: [0.15, 0.39, 0.92] },
        { x: 206, y: 500, w: 40, h: 190, rgb: [0.06, 0.73, 0.51] },
      ]),
    },
    { path: `${dir12}/p3-website-publicity.png`, bytes: screenshotPng(0x7c3aed, [0.3, 0.5, 0.65, 0.8, 0.9]) },
    {
      path: `${dir12}/p4-office-analysis.pdf`,
      bytes: makePdf('Office analysis of Data Center data, FY2566', [
        OFFICE_EN,
        'Example: teacher shortage by school computed from P-OBEC and DMC data',
        'Action: 6 teachers reassigned to small schools in June 2023',
        sample,
      ]),
    },
    {
      path: `${dir12}/p4-school-analysis-1099010005.pdf`,
      bytes: makePdf('School analysis of Data Center data', [
        `School code ${schools[4]?.code ?? schoolCode(5)} (${nameOf(5)})`,
        'Example: reading scores by grade compared with the area average',
        'Action: remedial reading hour for grade 2 from July 2023',
        sample,
      ]),
    },
  ];
}

// ---------------------------------------------------------------------------------------
// PMQA evidence (srinakhara-1/pmqa.evidence.yaml, fiscal year 2567)
//
// The manifest is written by hand; these are the files it names. Each self-assessed
// sub-item of categories 1, 2, 3 and 5 has its three per-item attachments (response form,
// approval letter, summary report) and activity media for every level up to the one
// claimed; a medium that is a link in the manifest has no file here. Category 7 has one
// results form per dimension. No PRNG: the X2 files above keep their bytes.

type PmqaLevel = 'basic' | 'advance' | 'significance';

/** One activity medium: photos or a screenshot (PNG), a PDF, or a link (no file). */
interface PmqaMedium {
  readonly level: PmqaLevel;
  readonly kind: 'photos' | 'screen' | 'pdf' | 'link';
  /** File name part after `<item>-<level>-`; unused for links. */
  readonly slug?: string;
  /** What the PDF shows (kind `pdf`). */
  readonly caption?: string;
}

interface PmqaSelfItem {
  readonly id: string;
  /** The project, in English (the PDFs' base-14 fonts have no Thai glyphs). */
  readonly project: string;
  readonly claim: PmqaLevel;
  /** The approval letter as a PDF, or as a scanned page (PNG). */
  readonly approval: 'pdf' | 'png';
  readonly media: readonly PmqaMedium[];
}

/** Same sub-items, projects, levels and media as pmqa.evidence.yaml. */
const PMQA_SELF: readonly PmqaSelfItem[] = [
  { id: '1.1', project: 'Driving policy into practice through digital communication', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'photos', slug: 'policy-announcement' },
    { level: 'advance', kind: 'link' },
  ] },
  { id: '1.3', project: 'Srinakhara Together: a partnership network for education', claim: 'significance', approval: 'pdf', media: [
    { level: 'basic', kind: 'photos', slug: 'network-meeting' },
    { level: 'advance', kind: 'pdf', slug: 'mou-signing', caption: 'MOU with 14 local administrative organisations, signed 19 January 2024' },
    { level: 'significance', kind: 'link' },
  ] },
  { id: '1.4', project: 'Green Office: saving energy and reducing waste at the office', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'photos', slug: 'big-cleaning-day' },
    { level: 'advance', kind: 'pdf', slug: 'energy-dashboard', caption: 'Electricity use dashboard: -12.4 percent against FY2566' },
  ] },
  { id: '2.1', project: 'Action plan for fiscal year 2567', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'pdf', slug: 'plan-workshop', caption: 'Planning workshop, 9-10 November 2023: 42 participants' },
    { level: 'advance', kind: 'screen', slug: 'plan-tracking' },
  ] },
  { id: '2.2', project: 'Review of the 5-year education development plan (2023-2027)', claim: 'basic', approval: 'png', media: [
    { level: 'basic', kind: 'photos', slug: 'swot-workshop' },
  ] },
  { id: '2.3', project: 'Budget follow-up with e-budget', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'pdf', slug: 'disbursement-report', caption: 'Disbursement by quarter: 31.2 / 55.8 / 79.4 / 98.1 percent' },
    { level: 'advance', kind: 'link' },
  ] },
  { id: '2.4', project: 'Supervision, follow-up and reporting through Smart Area', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'screen', slug: 'follow-up-system' },
    { level: 'advance', kind: 'pdf', slug: 'plan-revision', caption: 'Mid-year plan revision approved 2 April 2024: 3 projects re-timed' },
  ] },
  { id: '3.1', project: 'Education Data Center of Srinakhara 1', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'pdf', slug: 'stakeholder-data', caption: 'Stakeholder groups and their needs: schools, parents, communities, agencies' },
    { level: 'advance', kind: 'link' },
  ] },
  { id: '3.2', project: 'Online satisfaction survey of service users', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'screen', slug: 'survey-form' },
    { level: 'advance', kind: 'pdf', slug: 'survey-analysis', caption: '1,206 responses; 3 services to improve first' },
  ] },
  { id: '3.3', project: 'One Stop Service counter improvement', claim: 'basic', approval: 'png', media: [
    { level: 'basic', kind: 'photos', slug: 'service-counter' },
  ] },
  { id: '3.4', project: 'Srinakhara Cares: online complaint system', claim: 'significance', approval: 'pdf', media: [
    { level: 'basic', kind: 'pdf', slug: 'complaint-process', caption: 'Complaint handling: 5 steps, answer within 15 working days' },
    { level: 'advance', kind: 'link' },
    { level: 'significance', kind: 'pdf', slug: 'complaint-statistics', caption: '87 complaints in FY2567, 0 repeated on the same issue' },
  ] },
  { id: '5.1', project: 'Workforce planning aligned with the strategy', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'pdf', slug: 'workforce-plan', caption: 'Workforce plan 2024-2026: 64 office posts, 5 critical skills' },
    { level: 'advance', kind: 'screen', slug: 'workforce-dashboard' },
  ] },
  { id: '5.2', project: 'Agile paperless work with AMSS++', claim: 'basic', approval: 'pdf', media: [
    { level: 'basic', kind: 'screen', slug: 'amss-workflow' },
  ] },
  { id: '5.3', project: 'One Team Srinakhara (Happy Workplace)', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'photos', slug: 'team-activity' },
    { level: 'advance', kind: 'pdf', slug: 'engagement-survey', caption: 'Staff engagement survey: 4.31 of 5 (FY2566: 4.05)' },
  ] },
  { id: '5.4', project: 'Individual Development Plans (ID Plan) for all staff', claim: 'advance', approval: 'pdf', media: [
    { level: 'basic', kind: 'pdf', slug: 'id-plan-summary', caption: 'ID Plans made: 64 of 64 office staff' },
    { level: 'advance', kind: 'link' },
  ] },
];

/** Category 7: one indicator per dimension, as the results forms state them (English). */
const PMQA_RESULTS: readonly { id: string; indicator: string; unit: string; target: number; result: number; baseline?: number }[] = [
  { id: '7.1', indicator: 'Percentage of FY2567 action-plan projects that reached their goals', unit: 'percent', target: 80, result: 86.67, baseline: 82.14 },
  { id: '7.2', indicator: 'Percentage of service users satisfied with the office services', unit: 'percent', target: 85, result: 91.2 },
  { id: '7.3', indicator: 'Number of office staff developed under their ID Plan (20 hours or more)', unit: 'persons', target: 55, result: 61 },
  { id: '7.4', indicator: 'Success level of scaling up the model schools management innovations', unit: 'success level (1-5)', target: 4, result: 4 },
  { id: '7.5', indicator: 'Number of schools running Zero Waste School activities with their communities', unit: 'schools', target: 40, result: 47, baseline: 35 },
  { id: '7.6', indicator: 'Percentage of services with fewer steps and shorter service times', unit: 'percent', target: 80, result: 83.33 },
];

const PMQA_DIR = 'samples/srinakhara-1/evidence/pmqa';
/** PDFs of fiscal year 2567 (the X2 ones keep their 2023 stamp). */
const PMQA_PDF_DATE = "D:20240920090000+07'00'";
const PMQA_TONES: readonly (readonly number[])[] = [
  [0x8fbc8f, 0x87ceeb, 0xdeb887, 0xb0c4de],
  [0xf4a460, 0x9acd32, 0x87ceeb, 0xd8bfd8, 0x8fbc8f],
  [0xb0c4de, 0xdeb887, 0x9acd32, 0xf4a460, 0x87ceeb, 0x8fbc8f],
];
const PMQA_ACCENTS = [0x0f766e, 0x2563eb, 0x9333ea, 0xc2410c, 0x15803d];

/** A scanned memo: letterhead, the Garuda seal's place, text lines and a signature. */
function letterScanPng(seed: number): Buffer {
  const c = new Canvas(240, 320, 0xfdfdf8);
  c.rect(104, 14, 32, 32, 0x374151); // the seal
  c.rect(24, 56, 120, 6, 0x111827); // "บันทึกข้อความ"
  for (let i = 0; i < 14; i++) {
    const w = 150 + ((seed * 37 + i * 53) % 40);
    c.rect(24 + (i % 5 === 0 ? 20 : 0), 76 + i * 12, w - (i % 5 === 0 ? 20 : 0), 4, 0x6b7280);
  }
  c.rect(130, 262, 80, 10, 0x1d4ed8); // the signature, in blue ink
  c.rect(120, 280, 100, 4, 0x6b7280);
  return c.toPng();
}

/** The PMQA pack's English title of a sub-item, so the PDFs name it as the pack does. */
function itemTitle(pack: MaturityPack, id: string): string {
  const item = pack.categories.flatMap((c) => c.items).find((i) => i.id === id);
  if (!item) throw new Error(`the PMQA pack has no sub-item ${id}`);
  return item.title.en;
}

function makePmqaEvidence(pack: MaturityPack): EvidenceFile[] {
  const sample = 'SAMPLE - fictional office, generated by scripts/generateSamples.ts';
  const pdf = (title: string, lines: string[], boxes: PdfBox[] = []): Buffer => makePdf(title, [OFFICE_EN, ...lines, sample], boxes, PMQA_PDF_DATE);
  const screens: PdfBox[] = [
    { x: 56, y: 420, w: 230, h: 150, rgb: [0.85, 0.93, 0.92] },
    { x: 310, y: 420, w: 230, h: 150, rgb: [0.92, 0.9, 0.97] },
  ];
  const levelName = (l: PmqaLevel): string => l[0]!.toUpperCase() + l.slice(1);
  const files: EvidenceFile[] = [];
  PMQA_SELF.forEach((it, n) => {
    const head = `PMQA FY2567, sub-item ${it.id}: ${itemTitle(pack, it.id)}`;
    files.push({
      path: `${PMQA_DIR}/${it.id}-response-form.pdf`,
      bytes: pdf(`Response form, PMQA sub-item ${it.id}`, [head, `Project: ${it.project}`, `Level claimed: ${levelName(it.claim)}`, 'How the project meets each level, from Basic up to the level claimed']),
    });
    files.push(
      it.approval === 'png'
        ? { path: `${PMQA_DIR}/${it.id}-approval-letter.png`, bytes: letterScanPng(n) }
        : {
            path: `${PMQA_DIR}/${it.id}-approval-letter.pdf`,
            bytes: pdf(`Memo: request for approval to carry out a project`, [`Project: ${it.project}`, 'Budget: from the FY2567 action plan', 'Approved by the director of the office']),
          },
    );
    files.push({
      path: `${PMQA_DIR}/${it.id}-summary-report.pdf`,
      bytes: pdf(`Project summary report to the director`, [head, `Project: ${it.project}`, 'Objectives, activities, results against the indicators, lessons learned'], screens),
    });
    for (const m of it.media) {
      const base = `${PMQA_DIR}/${it.id}-${m.level}-${m.slug}`;
      if (m.kind === 'photos') files.push({ path: `${base}.png`, bytes: photoSheetPng(PMQA_TONES[n % PMQA_TONES.length]) });
      else if (m.kind === 'screen') files.push({ path: `${base}.png`, bytes: screenshotPng(PMQA_ACCENTS[n % PMQA_ACCENTS.length]!, [0.35 + (n % 4) * 0.1, 0.55, 0.7, 0.6 + (n % 3) * 0.1, 0.85]) });
      else if (m.kind === 'pdf') files.push({ path: `${base}.pdf`, bytes: pdf(`${levelName(m.level)} evidence, sub-item ${it.id}`, [`Project: ${it.project}`, m.caption ?? ''], screens) });
    }
  });
  for (const r of PMQA_RESULTS) {
    files.push({
      path: `${PMQA_DIR}/${r.id}-results-form.pdf`,
      bytes: pdf(`Category 7 results form, dimension ${r.id}`, [
        itemTitle(pack, r.id),
        `Indicator: ${r.indicator}`,
        `Target: ${r.target} ${r.unit}; result: ${r.result} ${r.unit}${r.baseline !== undefined ? `; baseline FY2566: ${r.baseline}` : ''}`,
        r.result >= r.target ? 'Achieved' : 'Not achieved',
      ]),
    });
  }
  files.push({
    path: `${PMQA_DIR}/ita-2567.pdf`,
    bytes: pdf('ITA FY2567 result (Integrity and Transparency Assessment)', ['Score: 92.47 of 100 (A)', 'PMQA sub-item 1.2: Advance, as reported by the OBEC office (sor.nor.kor.)'], [
      { x: 56, y: 560, w: 425, h: 24, rgb: [0.9, 0.9, 0.9] },
      { x: 56, y: 560, w: 393, h: 24, rgb: [0.06, 0.73, 0.51] },
    ]),
  });
  return files;
}

// ---------------------------------------------------------------------------------------
// Main

function percent(of: number, over: number): string {
  return ((of * 100) / over).toFixed(2);
}

async function main(): Promise<void> {
  const pack = loadPack();
  const rng = new Rng(20230331);
  const schools = makeSchools(rng);
  const { rows: x22, incomplete, numericCodes } = makeX22Rows(rng, schools);
  const { rows: x23, notUsing } = makeX23Rows(rng, schools);
  const facts: SchoolFacts = { schools, x22, incomplete, numericCodes, x23, notUsing };

  const tables = 'samples/srinakhara-1/tables';
  writeFile(`${tables}/X2.1-office-systems.xlsx`, await writeX21(pack));
  writeFile(`${tables}/X2.2-school-systems.xlsx`, await writeX22(pack, x22));
  writeFile(`${tables}/X2.3-realtime-use.xlsx`, await writeX23(pack, x23, true));

  for (const file of makeEvidence(schools)) writeFile(file.path, file.bytes);
  for (const file of makePmqaEvidence(loadPmqaPack())) writeFile(file.path, file.bytes);

  const broken = breakX22(x22, schools);
  writeFile('samples/broken/school-codes/X2.2-school-systems.xlsx', await writeX22(pack, broken.rows));
  writeFile('samples/broken/workbooks/X2.2-wrong-layout.xlsx', await writeWrongLayout());
  writeFile('samples/broken/workbooks/X2.3-not-calculated.xlsx', await writeX23(pack, x23, false));
  writeFile('samples/broken/workbooks/X2.1-not-a-workbook.xlsx', NOT_A_WORKBOOK);
  writeFile('samples/broken/evidence/empty-report.pdf', new Uint8Array(0));
  writeFile(
    'samples/broken/evidence/photos.zip',
    zipSync({ 'photo-01.png': photoSheetPng(), 'photo-02.png': screenshotPng(0xdc2626, [0.4, 0.6]) }, { level: 9, mtime: ZIP_MTIME }),
  );
  writeFile('samples/broken/evidence/not-really.pdf', screenshotPng(0x0891b2, [0.5, 0.7, 0.9]));

  printSummary(facts, broken.changes);
}

function printSummary(f: SchoolFacts, changes: BrokenChange[]): void {
  const total = f.schools.length;
  const allAreas = f.x22.filter((r) => AREAS.every((a) => hasSystem(r.areas[a]))).length;
  const using = f.x23.filter((r) => r.uses).length;
  const areas = new Set(OFFICE_SYSTEMS.map((s) => s.area.replace(/^ด้าน/, '')));
  const x22Row = (i: number): number => X22_FIRST_DATA_ROW + i - 1;
  const x23Row = (i: number): number => X23_HEADER_ROW + i;
  const lines = [
    `${OFFICE_TH} (${OFFICE_EN})`,
    `X2.1: ${OFFICE_SYSTEMS.length} systems in rows ${X21_HEADER_ROW + 1}-${X21_HEADER_ROW + OFFICE_SYSTEMS.length}; areas covered ${areas.size} of 4`,
    `X2.2: schools ${total}; with all 4 areas ${allAreas} (${percent(allAreas, total)} %); data rows ${x22Row(1)}-${x22Row(total)}, totals row ${x22Row(total) + 2}`,
    `      per area: ${AREAS.map((a) => `${a} ${f.x22.filter((r) => hasSystem(r.areas[a])).length}`).join(', ')}`,
    `      lacking an area: ${f.incomplete
      .map((i) => {
        const row = f.x22[i - 1];
        const lacks = row ? AREAS.filter((a) => !hasSystem(row.areas[a])).join('+') : '?';
        return `${schoolCode(i)} (row ${x22Row(i)}: ${lacks})`;
      })
      .join(', ')}`,
    `      codes stored as numbers: rows ${f.numericCodes.map(x22Row).join(', ')}`,
    `X2.3: schools ${total}; using real-time data ${using} (${percent(using, total)} %); data rows ${x23Row(1)}-${x23Row(total)}, totals row ${x23Row(total) + 1}`,
    `      not using: ${f.notUsing.map((i) => `${schoolCode(i)} (row ${x23Row(i)})`).join(', ')}`,
    'Evidence schools:',
    ...EVIDENCE_SCHOOLS.map((i) => {
      const s = f.schools[i - 1];
      return `  ${s?.code} ${s?.name}: X2.2!B${x22Row(i)} (row ${x22Row(i)}), X2.3!A${x23Row(i)} (row ${x23Row(i)})`;
    }),
    'Broken X2.2 (samples/broken/school-codes/X2.2-school-systems.xlsx):',
    ...changes.map((c) => `  ${c.cell}: ${c.change}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`generateSamples failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
