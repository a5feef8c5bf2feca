/**
 * Test helpers for the engine suites: an in-memory {@link EngineHost}, workbook builders
 * (exceljs, in memory) for tables X2.1–X2.3 with exact counts, a builder of minimal valid
 * X2 manifests, and small utilities to locate text in a manifest (0-based line/character,
 * as the engine's ranges are).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { createEvidenceEngine, type EvidenceEngine, type Finding, type PackSource } from '../../server/src/engine/index';
import type { EngineHost, FileStat } from '../../server/src/engine/host';
import { parsePack } from '../../server/src/engine/packs/loader';
import type { Pack } from '../../server/src/engine/packs/model';
import type { WorkbookLimits, WorkbookReadFailure, WorkbookReadResult } from '../../server/src/engine/workbook/model';
import { readXlsx } from '../../server/src/engine/workbook/xlsxReader';
import { defaultSchemasDir, readPackSources } from '../../server/src/node/nodeHost';
import { locate } from '../support/locate';

// ---------------------------------------------------------------------------------------
// Packs and the engine
// ---------------------------------------------------------------------------------------

let packSources: PackSource[] | undefined;

/** The bundled packs (`schemas/*.pack.yaml`), read once. */
export function packs(): PackSource[] {
  if (!packSources) {
    let found = readPackSources([defaultSchemasDir()]);
    if (found.length === 0) found = readPackSources([path.resolve(process.cwd(), 'schemas')]);
    if (found.length === 0) throw new Error('no schema packs found (schemas/*.pack.yaml)');
    packSources = found;
  }
  return packSources;
}

let x2Pack: Pack | undefined;

/** The parsed X2 pack (throws when it does not validate). */
export function loadX2Pack(): Pack {
  if (!x2Pack) {
    const src = packs().find((p) => p.path.endsWith('obec-x2.pack.yaml'));
    if (!src) throw new Error('schemas/obec-x2.pack.yaml not found');
    const r = parsePack(src.text, src.path);
    if (!r.pack) throw new Error(`X2 pack invalid: ${JSON.stringify(r.findings.map((f) => f.message.en))}`);
    x2Pack = r.pack as Pack;
  }
  return x2Pack;
}

export function createEngine(host: EngineHost): EvidenceEngine {
  return createEvidenceEngine(host, { packs: packs() });
}

// ---------------------------------------------------------------------------------------
// In-memory host
// ---------------------------------------------------------------------------------------

const enc = new TextEncoder();

/**
 * An {@link EngineHost} over a map of absolute paths to bytes. Folders exist implicitly
 * (every parent of a file) or explicitly (`addDir`). `realpaths` maps a path to the path a
 * symlink would resolve to; `workbookFailures` makes `readWorkbook` fail with a given code
 * (for failures only a real host produces: timeouts, memory). Otherwise `readWorkbook`
 * runs the pure reader `readXlsx` on the stored bytes.
 */
export class MemoryHost implements EngineHost {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(['/']);
  readonly realpaths = new Map<string, string>();
  readonly workbookFailures = new Map<string, WorkbookReadFailure>();
  /** Paths passed to `readWorkbook`, in order. */
  readonly workbookReads: string[] = [];
  mtimeMs = Date.UTC(2024, 3, 1);

  /** `limits` are passed to `readXlsx` (default: the reader's own). */
  constructor(readonly limits?: WorkbookLimits) {}

  addFile(p: string, content: Uint8Array | string): this {
    const abs = path.resolve(p);
    this.files.set(abs, typeof content === 'string' ? enc.encode(content) : content);
    for (let d = path.dirname(abs); ; d = path.dirname(d)) {
      this.dirs.add(d);
      if (d === path.dirname(d)) break;
    }
    return this;
  }

  addDir(p: string): this {
    const abs = path.resolve(p);
    for (let d = abs; ; d = path.dirname(d)) {
      this.dirs.add(d);
      if (d === path.dirname(d)) break;
    }
    return this;
  }

  /** Makes `p` resolve (as a symlink would) to `target`. */
  link(p: string, target: string): this {
    this.realpaths.set(path.resolve(p), path.resolve(target));
    return this;
  }

  /** Copies every file below `dir` on disk into memory at the same absolute path. */
  mirrorFromDisk(dir: string): this {
    const abs = path.resolve(dir);
    for (const name of readdirSync(abs)) {
      const p = path.join(abs, name);
      if (statSync(p).isDirectory()) this.mirrorFromDisk(p);
      else this.addFile(p, new Uint8Array(readFileSync(p)));
    }
    return this;
  }

  async stat(p: string): Promise<FileStat | undefined> {
    const abs = path.resolve(p);
    const bytes = this.files.get(abs);
    if (bytes) return { isFile: true, isDirectory: false, size: bytes.length, mtimeMs: this.mtimeMs };
    if (this.dirs.has(abs)) return { isFile: false, isDirectory: true, size: 0, mtimeMs: this.mtimeMs };
    return undefined;
  }

  async realpath(p: string): Promise<string | undefined> {
    const abs = path.resolve(p);
    if (!this.files.has(abs) && !this.dirs.has(abs)) return undefined;
    return this.realpaths.get(abs) ?? abs;
  }

  async readHead(p: string, length: number): Promise<Uint8Array | undefined> {
    const bytes = this.files.get(path.resolve(p));
    return bytes ? bytes.subarray(0, length) : undefined;
  }

  async readWorkbook(p: string): Promise<WorkbookReadResult> {
    const abs = path.resolve(p);
    this.workbookReads.push(abs);
    const failure = this.workbookFailures.get(abs);
    if (failure) return failure;
    const bytes = this.files.get(abs);
    if (!bytes) return { ok: false, code: 'workbook.not-found', detail: `no file at ${abs}` };
    return this.limits ? readXlsx(bytes, this.limits) : readXlsx(bytes);
  }
}

// ---------------------------------------------------------------------------------------
// Evidence file contents
// ---------------------------------------------------------------------------------------

export const PDF_BYTES = enc.encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
export const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
/** The start of an OLE2 (CFB) container, as .xls/.doc files and encrypted .xlsx have. */
export const CFB_MAGIC = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

// ---------------------------------------------------------------------------------------
// Workbooks
// ---------------------------------------------------------------------------------------

/** A cell as tests write it: a value, or a formula with an optional cached result. */
export type CellInput = string | number | boolean | null | undefined | { formula: string; result?: string | number | boolean };

export interface SheetInput {
  readonly name: string;
  /** Rows from row 1; `undefined`/`null` cells are left empty; an empty array is a blank row. */
  readonly rows: readonly (readonly CellInput[])[];
  /** Merged ranges, e.g. `A1:G1`. */
  readonly merges?: readonly string[];
}

/** Writes a workbook with exceljs, in memory. */
export async function workbookBytes(sheets: readonly SheetInput[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((cells, r) => {
      cells.forEach((v, c) => {
        if (v === undefined || v === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof v === 'object') {
          cell.value = (v.result === undefined ? { formula: v.formula } : { formula: v.formula, result: v.result }) as ExcelJS.CellValue;
        } else cell.value = v;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** The 10-digit national code of the i-th school (0-based) of a test office. */
export function schoolCode(i: number): string {
  return String(1099010001 + i);
}

export const X22_HEADER = ['ลำดับ', 'รหัสสถานศึกษา', 'ชื่อสถานศึกษา', 'ด้านบริหารทั่วไป', 'ด้านงบประมาณ', 'ด้านบริหารงานบุคคล', 'ด้านวิชาการ'];
export const X23_HEADER = ['ลำดับ', 'รหัสสถานศึกษา', 'ชื่อสถานศึกษา', 'ใช้ข้อมูลจากระบบเชื่อมโยงข้อมูลแบบ Real Time (ใช้/ไม่ใช้)', 'ชื่อระบบที่ใช้'];
export const X21_HEADER = ['ลำดับ', 'ด้าน', 'ชื่อระบบ', 'เจ้าของระบบ', 'ลิงก์เข้าถึงระบบ'];
export const AREA_LABELS = ['บริหารทั่วไป', 'งบประมาณ', 'บริหารงานบุคคล', 'วิชาการ'] as const;

/** X2.1 rows: one system per area, for the first `areas` of the 4 areas. */
export function x21Sheet(areas = 4): SheetInput {
  const systems = ['AMSS++', 'e-budget', 'P-OBEC', 'DMC'];
  const rows: CellInput[][] = [X21_HEADER];
  for (let i = 0; i < areas; i++) rows.push([i + 1, AREA_LABELS[i]!, systems[i]!, 'ระบบของ สพฐ.', `https://sys${i + 1}.example.go.th`]);
  return { name: 'X2.1', rows };
}

/** X2.2 rows: `total` schools, the first `allAreas` with systems in all 4 areas, the rest "-" in academic. */
export function x22Sheet(total: number, allAreas: number): SheetInput {
  const rows: CellInput[][] = [X22_HEADER];
  for (let i = 0; i < total; i++) rows.push([i + 1, schoolCode(i), `โรงเรียนทดสอบ ${i + 1}`, 'AMSS++', 'e-budget', 'P-OBEC', i < allAreas ? 'DMC' : '-']);
  return { name: 'X2.2', rows };
}

/** X2.3 rows: `total` schools, the first `using` marked "ใช้", the rest "ไม่ใช้". */
export function x23Sheet(total: number, using: number): SheetInput {
  const rows: CellInput[][] = [X23_HEADER];
  for (let i = 0; i < total; i++) rows.push([i + 1, schoolCode(i), `โรงเรียนทดสอบ ${i + 1}`, i < using ? 'ใช้' : 'ไม่ใช้', i < using ? 'Data Center' : null]);
  return { name: 'X2.3', rows };
}

const cache = new Map<string, Promise<Uint8Array>>();
function cached(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  let p = cache.get(key);
  if (!p) {
    p = make();
    cache.set(key, p);
  }
  return p;
}

export const x21Workbook = (areas = 4): Promise<Uint8Array> => cached(`x21:${areas}`, () => workbookBytes([x21Sheet(areas)]));
export const x22Workbook = (total: number, allAreas: number): Promise<Uint8Array> => cached(`x22:${total}:${allAreas}`, () => workbookBytes([x22Sheet(total, allAreas)]));
export const x23Workbook = (total: number, using: number): Promise<Uint8Array> => cached(`x23:${total}:${using}`, () => workbookBytes([x23Sheet(total, using)]));

// ---------------------------------------------------------------------------------------
// Manifests
// ---------------------------------------------------------------------------------------

export const WORKSPACE = '/ws';
export const OFFICE_DIR = '/ws/office';
export const MANIFEST_PATH = '/ws/office/x2.evidence.yaml';

type Scalar = string | number;

export interface ManifestOptions {
  readonly framework?: string;
  /** Written as is (a number, or a string such as "๒๕๖๗"); default 2567. */
  readonly fiscalYear?: Scalar;
  /** Rounds present; default both. */
  readonly rounds?: readonly ('6m' | '12m')[];
  /** Declared figures per round; `null` leaves `figures:` out. Default: the office's table figures. */
  readonly figures?: { readonly '6m'?: Record<string, Scalar> | null; readonly '12m'?: Record<string, Scalar> | null };
  /**
   * Evidence left out: a whole point (`6m.4`) or one kind of a point (`6m.3.access-link`,
   * `6m.1.school-usage`, `12m.1.table-x2.3`).
   */
  readonly drop?: readonly string[];
  /** Dates of dated entries by `round.point.kind` (defaults in {@link DEFAULT_DATES}); `null` removes one. */
  readonly dates?: Readonly<Record<string, string | null>>;
  /** `submitted:` per round; default 2567-04-05 / 2567-09-20. */
  readonly submitted?: { readonly '6m'?: string | null; readonly '12m'?: string | null };
  /** Schools whose usage evidence is attached; default the first two of the office. */
  readonly usageSchools?: readonly string[];
  /** `sharing:` (omitted by default). */
  readonly sharing?: 'shared' | 'private';
  /** The `login:` line of both access links (default a given-on-request note). */
  readonly login?: string;
}

export const DEFAULT_DATES: Readonly<Record<string, string>> = {
  '6m.1.office-usage': '2567-02-12',
  '6m.2.concept': '2566-11-15',
  '6m.4.dissemination': '2567-01-20',
  '12m.2.manual': '2567-06-03',
};

export interface OfficeFigures {
  readonly officeAreas: number;
  readonly schools: number;
  readonly schoolsAllAreas: number;
  readonly schools12m: number;
  readonly schoolsUsingRealTime: number;
}

export const SAMPLE_FIGURES: OfficeFigures = { officeAreas: 4, schools: 112, schoolsAllAreas: 104, schools12m: 112, schoolsUsingRealTime: 98 };

/** Relative paths (to the office folder) of every evidence file the manifest names. */
export function evidencePaths(schools: readonly string[]): Record<string, string> {
  return {
    '6m.1.office-usage': 'evidence/6m/p1-office-screens.pdf',
    '6m.1.table-x2.1': 'tables/X2.1.xlsx',
    ...Object.fromEntries(schools.map((s) => [`6m.1.school-usage.${s}`, `evidence/6m/p1-school-${s}.pdf`])),
    '6m.1.table-x2.2': 'tables/X2.2.xlsx',
    '6m.2.concept': 'evidence/6m/p2-concept.pdf',
    '6m.3.manual': 'evidence/6m/p3-manual.pdf',
    '6m.4.dissemination': 'evidence/6m/p4-dissemination.pdf',
    '12m.1.table-x2.3': 'tables/X2.3.xlsx',
    '12m.2.manual': 'evidence/12m/p2-manual.pdf',
    '12m.3.sharing': 'evidence/12m/p3-sharing.png',
    '12m.4.office-analysis': 'evidence/12m/p4-office-analysis.pdf',
    '12m.4.school-analysis': 'evidence/12m/p4-school-analysis.pdf',
  };
}

/**
 * The text of a minimal valid X2 manifest: both rounds, every point with its evidence
 * (files under `evidence/` and `tables/` that {@link setupOffice} creates).
 */
export function manifestText(fig: OfficeFigures = SAMPLE_FIGURES, o: ManifestOptions = {}): string {
  const drop = new Set(o.drop ?? []);
  const dates = { ...DEFAULT_DATES, ...(o.dates ?? {}) };
  const schools = o.usageSchools ?? [schoolCode(0), schoolCode(1)];
  const files = evidencePaths(schools);
  const rounds = o.rounds ?? ['6m', '12m'];
  const login = o.login ?? 'แจ้งชื่อผู้ใช้และรหัสผ่านเมื่อผู้ตรวจร้องขอ';
  const out: string[] = [];
  out.push(`framework: ${o.framework ?? 'obec-x2'}`);
  out.push(`fiscalYear: ${typeof o.fiscalYear === 'string' ? JSON.stringify(o.fiscalYear) : (o.fiscalYear ?? 2567)}`);
  out.push('office:');
  out.push('  name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1');
  out.push('  code: "9901"');
  out.push('reporter:');
  out.push('  name: นางสาวทดสอบ ใจดี');
  out.push('  position: นักวิชาการคอมพิวเตอร์ชำนาญการ');
  out.push('  phone: "0 7751 1234 ต่อ 205"');
  out.push('  email: tester@example.go.th');
  if (o.sharing) out.push(`sharing: ${o.sharing}`);
  out.push('rounds:');

  const entry = (round: string, point: string, kind: string, lines: string[]): void => {
    if (drop.has(`${round}.${point}`) || drop.has(`${round}.${point}.${kind}`)) return;
    out.push(`          - kind: ${kind}`);
    for (const l of lines) out.push(`            ${l}`);
    const d = dates[`${round}.${point}.${kind}`];
    if (d !== undefined && d !== null) out.push(`            date: ${d}`);
  };
  const point = (round: string, id: string, body: () => void): void => {
    if (drop.has(`${round}.${id}`)) return;
    out.push(`      ${id}:`);
    out.push('        evidence:');
    body();
  };
  const figures = (declared: Record<string, Scalar> | null | undefined, defaults: Record<string, Scalar>): void => {
    const f = declared === undefined ? defaults : declared;
    if (f === null) return;
    out.push('    figures:');
    for (const [k, v] of Object.entries(f)) out.push(`      ${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}`);
  };

  if (rounds.includes('6m')) {
    out.push('  6m:');
    const sub = o.submitted?.['6m'] === undefined ? '2567-04-05' : o.submitted['6m'];
    if (sub !== null) out.push(`    submitted: ${sub}`);
    figures(o.figures?.['6m'], { officeAreas: fig.officeAreas, schoolsTotal: fig.schools, schoolsAllAreas: fig.schoolsAllAreas });
    out.push('    points:');
    point('6m', '1', () => {
      entry('6m', '1', 'office-usage', [`file: ${files['6m.1.office-usage']}`, 'title: ภาพหน้าจอระบบทั้ง 4 ด้าน']);
      entry('6m', '1', 'table-x2.1', [`file: ${files['6m.1.table-x2.1']}`]);
      for (const s of schools) entry('6m', '1', 'school-usage', [`school: "${s}"`, `file: ${files[`6m.1.school-usage.${s}`]}`]);
      entry('6m', '1', 'table-x2.2', [`file: ${files['6m.1.table-x2.2']}`]);
    });
    point('6m', '2', () => entry('6m', '2', 'concept', [`file: ${files['6m.2.concept']}`]));
    point('6m', '3', () => {
      entry('6m', '3', 'manual', [`file: ${files['6m.3.manual']}`]);
      entry('6m', '3', 'access-link', ['url: https://datacenter.example.go.th', `login: ${login}`]);
    });
    point('6m', '4', () => entry('6m', '4', 'dissemination', [`file: ${files['6m.4.dissemination']}`]));
  }
  if (rounds.includes('12m')) {
    out.push('  12m:');
    const sub = o.submitted?.['12m'] === undefined ? '2567-09-20' : o.submitted['12m'];
    if (sub !== null) out.push(`    submitted: ${sub}`);
    figures(o.figures?.['12m'], { schoolsTotal: fig.schools12m, schoolsUsingRealTime: fig.schoolsUsingRealTime });
    out.push('    points:');
    point('12m', '1', () => entry('12m', '1', 'table-x2.3', [`file: ${files['12m.1.table-x2.3']}`]));
    point('12m', '2', () => {
      entry('12m', '2', 'manual', [`file: ${files['12m.2.manual']}`]);
      entry('12m', '2', 'access-link', ['url: https://datacenter.example.go.th/dashboard', `login: ${login}`]);
    });
    point('12m', '3', () => entry('12m', '3', 'sharing', [`file: ${files['12m.3.sharing']}`]));
    point('12m', '4', () => {
      entry('12m', '4', 'office-analysis', [`file: ${files['12m.4.office-analysis']}`]);
      entry('12m', '4', 'school-analysis', [`file: ${files['12m.4.school-analysis']}`]);
    });
  }
  return `${out.join('\n')}\n`;
}

export interface Office {
  readonly host: MemoryHost;
  readonly engine: EvidenceEngine;
  readonly path: string;
  readonly text: string;
  /** Checks `text` (default: the office's manifest) with the workspace root `/ws`. */
  check(text?: string): ReturnType<EvidenceEngine['checkManifest']>;
}

export interface OfficeOptions extends ManifestOptions {
  readonly figuresOf?: OfficeFigures;
  /** Workbooks replacing the generated tables, by table id. */
  readonly workbooks?: Partial<Record<'X2.1' | 'X2.2' | 'X2.3', Uint8Array>>;
  /** Reader limits of the host. */
  readonly limits?: WorkbookLimits;
}

/**
 * An office in memory: the evidence files and tables the manifest names (tables built
 * from `figuresOf`), the manifest itself at {@link MANIFEST_PATH}, and an engine.
 */
export async function setupOffice(o: OfficeOptions = {}): Promise<Office> {
  const fig = o.figuresOf ?? SAMPLE_FIGURES;
  const host = new MemoryHost(o.limits);
  host.addDir(WORKSPACE);
  const schools = o.usageSchools ?? [schoolCode(0), schoolCode(1)];
  for (const [key, rel] of Object.entries(evidencePaths(schools))) {
    const abs = path.join(OFFICE_DIR, rel);
    if (key.includes('table-x2.1')) host.addFile(abs, o.workbooks?.['X2.1'] ?? (await x21Workbook(fig.officeAreas)));
    else if (key.includes('table-x2.2')) host.addFile(abs, o.workbooks?.['X2.2'] ?? (await x22Workbook(fig.schools, fig.schoolsAllAreas)));
    else if (key.includes('table-x2.3')) host.addFile(abs, o.workbooks?.['X2.3'] ?? (await x23Workbook(fig.schools12m, fig.schoolsUsingRealTime)));
    else host.addFile(abs, rel.endsWith('.png') ? PNG_BYTES : PDF_BYTES);
  }
  const text = manifestText(fig, o);
  host.addFile(MANIFEST_PATH, text);
  const engine = createEngine(host);
  return { host, engine, path: MANIFEST_PATH, text, check: (t = text) => engine.checkManifest(MANIFEST_PATH, t, { workspaceRoot: WORKSPACE }) };
}

// ---------------------------------------------------------------------------------------
// Locating things
// ---------------------------------------------------------------------------------------

export { locate };

export interface Pos {
  readonly line: number;
  readonly character: number;
}


/** Position of the value after `key: ` on the `occurrence`-th line containing `key:`. */
export function valueAt(text: string, key: string, occurrence = 0): Pos {
  const p = locate(text, `${key}:`, occurrence);
  const lineText = text.split('\n')[p.line]!;
  const m = /^\s*(?:-\s+)?[^:]+:\s*/.exec(lineText.slice(p.character));
  return { line: p.line, character: p.character + (m ? m[0].length : key.length + 2) };
}

/** `code@line:character` (0-based) of a text finding, `code@sheet!cell` of a workbook one. */
export function where(f: Finding): string {
  if (f.location.kind === 'text') return `${f.code}@${f.location.range.start.line}:${f.location.range.start.character}`;
  return `${f.code}@${[f.location.sheet, f.location.cell].filter(Boolean).join('!')}`;
}

export function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}

/** The single finding with `code` (fails the test when there are none or several). */
export function only(findings: readonly Finding[], code: string): Finding {
  const hits = findings.filter((f) => f.code === code);
  if (hits.length !== 1) {
    throw new Error(`expected exactly one ${code}, found ${hits.length}: ${findings.map(where).join(', ') || '(no findings)'}`);
  }
  return hits[0]!;
}

/** The start position of a text finding. */
export function startOf(f: Finding): Pos {
  if (f.location.kind !== 'text') throw new Error(`${f.code} is not located in text (${where(f)})`);
  return f.location.range.start;
}

