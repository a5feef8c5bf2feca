/**
 * Workbook fixtures for the reader and pool tests: good files written by exceljs, odd
 * but valid packages crafted as XML, and broken or hostile files built byte by byte.
 * Everything is generated into a temporary directory; nothing is checked in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { Deflate, deflateSync, strToU8, zipSync } from 'fflate';
import type { RawCellValue, RawWorkbook } from '../../server/src/engine/workbook/model';

export { writeX22Workbook } from '../../scripts/benchWorkbook';

/** A fresh temporary directory and a function removing it. */
export function tempDir(prefix = 'obec-wb-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const THAI_DIGIT_CODE = '๑๐๒๐๐๘๐๐๐๕';
export const TITLE = 'แบบรายงานผลการดำเนินงาน ตัวชี้วัดที่ ๒.๒ ปีงบประมาณ พ.ศ. ๒๕๖๘';

/**
 * A workbook exercising what the reader must get right, on sheet `ข้อมูล`: title merged
 * over A1:H1, header on row 3, then `rows` Thai data rows from row 4 (school code as a
 * number in B, Thai digits as text in C, a Thai name in D with a combining-mark-heavy
 * suffix, a date in E, a formula in F, a boolean in G, a shared-string system list in H),
 * plus a second sheet `สรุป` with shared formulas, an error and a date-time.
 */
export async function writeFeatureWorkbook(file: string, rows = 1200): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('ข้อมูล');
  ws.getCell('A1').value = TITLE;
  ws.mergeCells('A1:H1');
  ws.getRow(3).values = ['ลำดับ', 'รหัส', 'รหัส (เลขไทย)', 'ชื่อสถานศึกษา', 'วันที่รายงาน', 'คะแนน×2', 'ผ่าน', 'ระบบ'];
  for (let i = 1; i <= rows; i++) {
    const r = ws.getRow(i + 3);
    r.getCell(1).value = i;
    r.getCell(2).value = 1020080000 + i;
    r.getCell(3).value = i === 5 ? THAI_DIGIT_CODE : `๑๐๒๐${toThaiDigits(i)}`;
    r.getCell(4).value = `โรงเรียนบ้านหนองน้ำใส${i % 7 === 0 ? 'วิทยาคม' : 'ศึกษา'} (สพป.ตัวอย่าง เขต ${(i % 3) + 1})`;
    r.getCell(5).value = new Date(Date.UTC(2024, (i * 7) % 12, (i % 28) + 1));
    r.getCell(5).numFmt = 'dd/mm/yyyy';
    r.getCell(6).value = { formula: `A${i + 3}*2`, result: i * 2 };
    r.getCell(7).value = i % 2 === 0;
    r.getCell(8).value = ['AMSS++, e-filing', 'e-budget', 'P-OBEC', 'DMC, SGS'][i % 4] ?? '';
  }
  const summary = wb.addWorksheet('สรุป');
  summary.getCell('A1').value = 10;
  summary.getCell('A2').value = 20;
  summary.getCell('A3').value = 30;
  summary.getCell('B1').value = { formula: 'A1*3', result: 30, shareType: 'shared', ref: 'B1:B3' } as ExcelJS.CellValue;
  summary.getCell('B2').value = { sharedFormula: 'B1', result: 60 } as ExcelJS.CellValue;
  summary.getCell('B3').value = { sharedFormula: 'B1', result: 90 } as ExcelJS.CellValue;
  summary.getCell('C1').value = { error: '#DIV/0!' } as ExcelJS.CellValue;
  summary.getCell('C2').value = new Date(Date.UTC(2025, 0, 31, 23, 59, 58));
  summary.getCell('C2').numFmt = 'yyyy-mm-dd hh:mm:ss';
  summary.getCell('C3').value = new Date(Date.UTC(1900, 2, 1));
  summary.getCell('C3').numFmt = 'yyyy-mm-dd';
  summary.getCell('D1').value = { richText: [{ text: 'ตัว', font: { bold: true } }, { text: 'หนา' }] };
  summary.getCell('D2').value = 3.25;
  summary.getCell('D3').value = '0012';
  await wb.xlsx.writeFile(file);
}

/** A workbook whose only sheet has no rows at all. */
export async function writeEmptyWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('ว่าง');
  await wb.xlsx.writeFile(file);
}

function toThaiDigits(n: number): string {
  return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
}

// ---------------------------------------------------------------------------------------
// Oracle: exceljs readFile mapped onto our value conventions
// ---------------------------------------------------------------------------------------

/** A cell reduced to what both readers can be compared on. */
export interface SimpleCell {
  readonly col: number;
  readonly value: RawCellValue;
  readonly formula: boolean;
}
export interface SimpleSheet {
  readonly name: string;
  readonly rows: { readonly index: number; readonly cells: SimpleCell[] }[];
}

function isoOf(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

function plain(v: unknown): { value: RawCellValue; formula: boolean } {
  if (v === null || v === undefined) return { value: null, formula: false };
  if (v instanceof Date) return { value: isoOf(v), formula: false };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v, formula: false };
  const o = v as Record<string, unknown>;
  if (Array.isArray(o['richText'])) {
    return { value: (o['richText'] as { text: string }[]).map((r) => r.text).join(''), formula: false };
  }
  if ('formula' in o || 'sharedFormula' in o) return { value: plain(o['result']).value, formula: true };
  if ('error' in o) return { value: String(o['error']), formula: false };
  if ('text' in o) return plain(o['text']);
  return { value: JSON.stringify(v), formula: false };
}

/**
 * Reads `file` with exceljs `readFile` (which decodes Thai correctly; only its streaming
 * reader does not) and returns non-empty cells as {@link SimpleSheet}s. Merged cells
 * other than a range's top-left are skipped: exceljs copies the top-left value into them.
 */
export async function readWithExceljs(file: string): Promise<SimpleSheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows: SimpleSheet['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, index) => {
      const cells: SimpleCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const p = plain(cell.value);
        if (!p.formula && (p.value === null || p.value === '')) return;
        cells.push({ col, value: p.value, formula: p.formula });
      });
      if (cells.length > 0) rows.push({ index, cells });
    });
    return { name: ws.name, rows };
  });
}

/** Our workbook reduced to {@link SimpleSheet}s. */
export function simplify(wb: RawWorkbook): SimpleSheet[] {
  return wb.sheets.map((s) => ({
    name: s.name,
    rows: s.rows.map((r) => ({
      index: r.index,
      cells: r.cells.map((c) => ({ col: c.col, value: c.value, formula: c.formula !== undefined })),
    })),
  }));
}

// ---------------------------------------------------------------------------------------
// Crafted packages
// ---------------------------------------------------------------------------------------

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface CraftSheet {
  readonly name: string;
  /** The whole worksheet part; see {@link sheetXml}. */
  readonly xml: string;
  /** Relationship target; default `worksheets/sheetN.xml`. */
  readonly target?: string;
}

export interface CraftOptions {
  readonly sheets: readonly CraftSheet[];
  /** Strings for the shared strings part (plain text, escaped here), or a whole part. */
  readonly sharedStrings?: readonly string[] | string;
  /** Whole styles part. */
  readonly styles?: string;
  /** Extra attributes of `<workbookPr>`, e.g. `date1904="1"`. */
  readonly workbookPr?: string;
  /** Content type of the workbook part; default the plain .xlsx one. */
  readonly workbookContentType?: string;
  /** More entries, by name. */
  readonly extra?: Readonly<Record<string, string | Uint8Array>>;
  /** Entry names to leave out. */
  readonly omit?: readonly string[];
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A worksheet part around `sheetData` content, with optional parts after it (merges). */
export function sheetXml(sheetData: string, after = '', before = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${before}<sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

/** The parts of an .xlsx package, uncompressed, by entry name. */
export function craftParts(opts: CraftOptions): Record<string, Uint8Array> {
  const parts: Record<string, string | Uint8Array> = {};
  const wbType = opts.workbookContentType ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  const overrides = [`<Override PartName="/xl/workbook.xml" ContentType="${wbType}"/>`];
  const rels: string[] = [];
  const sheets: string[] = [];
  opts.sheets.forEach((s, i) => {
    const target = s.target ?? `worksheets/sheet${i + 1}.xml`;
    const part = path.posix.normalize(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    parts[part] = s.xml;
    overrides.push(
      `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${escapeXml(target)}"/>`);
    sheets.push(`<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  });
  if (opts.sharedStrings !== undefined) {
    parts['xl/sharedStrings.xml'] =
      typeof opts.sharedStrings === 'string'
        ? opts.sharedStrings
        : `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN_NS}" count="${opts.sharedStrings.length}">${opts.sharedStrings
            .map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`)
            .join('')}</sst>`;
    rels.push(`<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  if (opts.styles !== undefined) {
    parts['xl/styles.xml'] = opts.styles;
    rels.push(`<Relationship Id="rIdY" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  }
  parts['[Content_Types].xml'] =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`;
  parts['_rels/.rels'] =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<workbookPr ${opts.workbookPr ?? ''}/><sheets>${sheets.join('')}</sheets></workbook>`;
  parts['xl/_rels/workbook.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
  Object.assign(parts, opts.extra ?? {});
  for (const name of opts.omit ?? []) delete parts[name];
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) out[name] = typeof data === 'string' ? strToU8(data) : data;
  return out;
}

/** An .xlsx package built from {@link CraftOptions} with fflate. */
export function craftXlsx(opts: CraftOptions): Uint8Array {
  return zipSync(craftParts(opts), { level: 6 });
}

/** A styles part with the given custom formats and one cell style (`xf`) per format id. */
export function stylesXml(customFormats: Readonly<Record<number, string>>, xfFormatIds: readonly number[]): string {
  const fmts = Object.entries(customFormats)
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
    .join('');
  const xfs = xfFormatIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="${MAIN_NS}"><numFmts count="${Object.keys(customFormats).length}">${fmts}</numFmts>` +
    `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="${xfFormatIds.length}">${xfs}</cellXfs></styleSheet>`
  );
}

// ---------------------------------------------------------------------------------------
// Hand-made zip containers (for what zipSync cannot express)
// ---------------------------------------------------------------------------------------

export interface RawZipEntry {
  readonly name: string;
  /** Entry data as stored (already deflated when `method` is 8). */
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  /** Uncompressed size to declare. */
  readonly size: number;
}

/** Deflates `data` into a {@link RawZipEntry} declaring its true size. */
export function deflatedEntry(name: string, data: Uint8Array | string): RawZipEntry {
  const raw = typeof data === 'string' ? strToU8(data) : data;
  return { name, data: deflateSync(raw, { level: 6 }), method: 8, size: raw.length };
}

/**
 * Writes a zip container: local headers, data, central directory, end record. CRCs are
 * left 0 (the reader does not check them). With `zip64`, central sizes and offsets are
 * saturated and carried in zip64 extra fields; with `dataDescriptors`, local headers
 * carry zero sizes, as streaming writers do.
 */
export function buildZip(entries: readonly RawZipEntry[], opts: { zip64?: boolean; dataDescriptors?: boolean } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const push = (b: Uint8Array): void => {
    chunks.push(b);
    offset += b.length;
  };
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, opts.dataDescriptors ? 0x0808 : 0x0800, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(18, opts.dataDescriptors ? 0 : Math.min(e.data.length, 0xffffffff), true);
    lv.setUint32(22, opts.dataDescriptors ? 0 : Math.min(e.size, 0xffffffff), true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const localOffset = offset;
    push(local);
    push(e.data);
    if (opts.dataDescriptors) {
      const dd = new Uint8Array(16);
      const dv = new DataView(dd.buffer);
      dv.setUint32(0, 0x08074b50, true);
      dv.setUint32(8, e.data.length, true);
      dv.setUint32(12, e.size, true);
      push(dd);
    }
    const extra = opts.zip64 ? new Uint8Array(4 + 24) : new Uint8Array(0);
    if (opts.zip64) {
      const xv = new DataView(extra.buffer);
      xv.setUint16(0, 0x0001, true);
      xv.setUint16(2, 24, true);
      xv.setBigUint64(4, BigInt(e.size), true);
      xv.setBigUint64(12, BigInt(e.data.length), true);
      xv.setBigUint64(20, BigInt(localOffset), true);
    }
    const cd = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 45, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, opts.dataDescriptors ? 0x0808 : 0x0800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(20, opts.zip64 ? 0xffffffff : Math.min(e.data.length, 0xffffffff), true);
    cv.setUint32(24, opts.zip64 ? 0xffffffff : Math.min(e.size, 0xffffffff), true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(42, opts.zip64 ? 0xffffffff : localOffset, true);
    cd.set(name, 46);
    cd.set(extra, 46 + name.length);
    central.push(cd);
  }
  const cdOffset = offset;
  for (const c of central) push(c);
  const cdSize = offset - cdOffset;
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries.length, 0xffff), true);
  ev.setUint16(10, Math.min(entries.length, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, cdOffset, true);
  push(eocd);
  const out = new Uint8Array(offset);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** Raw-deflates `megabytes` MiB of zeros in 1 MiB steps (never holding them all). */
export function deflatedZeros(megabytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflater = new Deflate({ level: 1 }, (chunk) => parts.push(chunk));
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) deflater.push(zeros, i === megabytes - 1);
  const out = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of parts) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/**
 * A minimal-looking CFB (OLE2) file: the 8-byte signature, a header sector, then one
 * directory sector naming `Root Entry` and the given streams (UTF-16LE names, 128-byte
 * entries), as a legacy .xls (`Workbook`) or an encrypted .xlsx (`EncryptedPackage`,
 * `EncryptionInfo`) carries them.
 */
export function cfbFile(streams: readonly string[]): Uint8Array {
  const out = new Uint8Array(512 * 3);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const view = new DataView(out.buffer);
  view.setUint16(0x18, 0x3e, true); // minor version
  view.setUint16(0x1a, 3, true); // major version 3: 512-byte sectors
  view.setUint16(0x1c, 0xfffe, true); // little-endian
  view.setUint16(0x1e, 9, true); // sector shift
  ['Root Entry', ...streams].forEach((name, i) => {
    const at = 512 + i * 128;
    for (let j = 0; j < name.length; j++) view.setUint16(at + j * 2, name.charCodeAt(j), true);
    view.setUint16(at + 64, (name.length + 1) * 2, true);
    out[at + 66] = i === 0 ? 5 : 2; // root storage, or stream
  });
  return out;
}
