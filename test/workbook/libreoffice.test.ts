/**
 * Workbooks written by LibreOffice Calc (see fixtures/libreoffice/README.md for how they
 * were made). The committed sample tables were round-tripped xlsx → ods → xlsx, so every
 * byte of each fixture is LibreOffice's own writing (shared strings, its styles, `<row
 * spans>`, `<sheetFormatPr>`, formulas with cached values, merges, `<dimension>` …), and
 * X2.2 was also imported from a UTF-8 CSV. LibreOffice is NOT needed to run this suite: it
 * only reads the committed fixtures.
 *
 * For each fixture: our reader reads it; exceljs (the oracle) reads the same cell values;
 * the engine recognises the same table with the same figures and findings as from the
 * original exceljs-written sample.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RawWorkbook } from '../../server/src/engine/workbook/model';
import { readXlsx } from '../../server/src/engine/workbook/xlsxReader';
import type { TableResult } from '../../server/src/engine/index';
import { MemoryHost, createEngine, where } from '../engine/helpers';
import { readWithExceljs, simplify, tempDir, writeFeatureWorkbook, type SimpleSheet } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/workbook/fixtures/libreoffice');
const SAMPLES = path.join(ROOT, 'samples');

interface Case {
  /** Fixture file name under fixtures/libreoffice/. */
  readonly fixture: string;
  /** The sample it was made from (relative to samples/). */
  readonly original: string;
  readonly table: 'X2.1' | 'X2.2' | 'X2.3';
  /** Figures the engine must give (samples/README.md). */
  readonly measures: Readonly<Record<string, number>>;
  /** Table findings (`code@sheet!cell`) of the original and, where the layout is kept, of the fixture. */
  readonly findings: readonly string[];
  /** The fixture keeps the original's sheet layout (not so for the CSV import). */
  readonly sameLayout: boolean;
}

const CASES: readonly Case[] = [
  {
    fixture: 'X2.1-office-systems.xlsx',
    original: 'srinakhara-1/tables/X2.1-office-systems.xlsx',
    table: 'X2.1',
    measures: { areasCovered: 4 },
    findings: [],
    sameLayout: true,
  },
  {
    fixture: 'X2.2-school-systems.xlsx',
    original: 'srinakhara-1/tables/X2.2-school-systems.xlsx',
    table: 'X2.2',
    measures: { schoolsTotal: 112, schoolsAllAreas: 104, percentAllAreas: 92.86 },
    findings: [],
    sameLayout: true,
  },
  {
    fixture: 'X2.3-realtime-use.xlsx',
    original: 'srinakhara-1/tables/X2.3-realtime-use.xlsx',
    table: 'X2.3',
    measures: { schoolsTotal: 112, schoolsUsingRealTime: 98, percentUsingRealTime: 87.5 },
    findings: [],
    sameLayout: true,
  },
  {
    fixture: 'broken-X2.2-school-systems.xlsx',
    original: 'broken/school-codes/X2.2-school-systems.xlsx',
    table: 'X2.2',
    // samples/README.md: 103 counted, 103/112 = 91.96 %.
    measures: { schoolsTotal: 112, schoolsAllAreas: 103, percentAllAreas: 91.96 },
    findings: [
      'table.school-code.duplicate@X2.2!B10',
      'table.school-code.malformed@X2.2!B14',
      'table.school-code.malformed@X2.2!B20',
      'table.area.empty@X2.2!E25',
    ],
    sameLayout: true,
  },
  {
    fixture: 'X2.2-school-systems-from-csv.xlsx',
    original: 'srinakhara-1/tables/X2.2-school-systems.xlsx',
    table: 'X2.2',
    measures: { schoolsTotal: 112, schoolsAllAreas: 104, percentAllAreas: 92.86 },
    findings: [],
    sameLayout: false,
  },
];

function readOk(file: string): RawWorkbook {
  const r = readXlsx(new Uint8Array(readFileSync(file)));
  if (!r.ok) assert.fail(`readXlsx(${path.basename(file)}) failed: ${r.code}: ${r.detail ?? ''}`);
  return r;
}

async function checkTable(file: string, table: string): Promise<TableResult> {
  const host = new MemoryHost();
  const at = `/ws/${path.basename(file)}`;
  host.addFile(at, new Uint8Array(readFileSync(file)));
  return createEngine(host).checkTable(at, table);
}

function figures(t: TableResult): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(t.measures).map(([k, m]) => [k, m.value]));
}

/** Data rows as `columnId=text|…` (column ids sorted), independent of sheet positions. */
function rowTexts(t: TableResult): string[] {
  return t.rows.map((r) =>
    Object.keys(r.cells)
      .sort()
      .map((k) => `${k}=${r.cells[k]?.text ?? ''}`)
      .join('|'),
  );
}

describe('workbooks written by LibreOffice Calc (committed fixtures)', () => {
  for (const c of CASES) {
    describe(c.fixture, () => {
      const file = path.join(FIXTURES, c.fixture);
      const original = path.join(SAMPLES, c.original);

      it('readXlsx reads it (no issues)', () => {
        const wb = readOk(file);
        assert.equal(wb.sheets.length, 1);
        assert.deepEqual(wb.issues, []);
        assert.ok(wb.sheets[0]!.rows.length >= 100 || c.table === 'X2.1', 'rows were read');
      });

      it('the scanner and the saxes reference parser read the same workbook', () => {
        const bytes = new Uint8Array(readFileSync(file));
        assert.deepEqual(readXlsx(bytes), readXlsx(bytes, undefined, { sheetParser: 'saxes' }));
      });

      it('exceljs reads the same cell values as our reader', async () => {
        const ours = simplify(readOk(file));
        const theirs = await readWithExceljs(file);
        assert.deepEqual(ours, theirs);
      });

      if (c.sameLayout) {
        it('holds the same cell values as the original sample (our reader on both)', () => {
          const a = simplify(readOk(file));
          const b = simplify(readOk(original));
          assert.deepEqual(a, b);
          const sorted = (w: RawWorkbook) => w.sheets[0]!.merges.slice().sort((x, y) => x.startRow - y.startRow || x.startCol - y.startCol);
          assert.deepEqual(sorted(readOk(file)), sorted(readOk(original)));
        });
      }

      it(`the engine gives the same ${c.table} figures and findings as the original`, async () => {
        const t = await checkTable(file, c.table);
        const o = await checkTable(original, c.table);
        for (const [id, v] of Object.entries(c.measures)) assert.equal(t.measures[id]?.value, v, `${id}`);
        assert.deepEqual(figures(t), figures(o));
        assert.deepEqual(t.findings.map(where), c.sameLayout ? c.findings : []);
        assert.deepEqual(o.findings.map(where), c.findings, 'the original sample itself');
        assert.deepEqual([...t.schools.keys()], [...o.schools.keys()]);
        assert.deepEqual(
          [...t.schools.values()].map((s) => s.name),
          [...o.schools.values()].map((s) => s.name),
        );
        assert.deepEqual(rowTexts(t), rowTexts(o));
        if (c.sameLayout) {
          assert.equal(t.sheet, o.sheet);
          assert.equal(t.headerRow, o.headerRow);
          assert.deepEqual(t.columns, o.columns);
        }
      });
    });
  }

  it('the CSV import kept the Thai text (UTF-8) and stored the codes as numbers', () => {
    const wb = readOk(path.join(FIXTURES, 'X2.2-school-systems-from-csv.xlsx'));
    const rows = wb.sheets[0]!.rows;
    assert.deepEqual(
      rows[0]!.cells.map((x) => x.value),
      ['ลำดับ', 'รหัสสถานศึกษา', 'ชื่อสถานศึกษา', 'ด้านบริหารทั่วไป', 'ด้านงบประมาณ', 'ด้านบริหารงานบุคคล', 'ด้านวิชาการ'],
    );
    assert.deepEqual(
      rows[1]!.cells.map((x) => x.value),
      ['๑', 1099010001, 'โรงเรียนอนุบาลศรีนครา', 'e-filing', 'e-budget', 'P-OBEC', 'DMC'],
    );
    assert.equal(rows.length, 113);
  });

  describe('feature-40-rows.xlsx (writeFeatureWorkbook, 40 rows, round-tripped: dates, booleans, errors, formulas)', () => {
    const file = path.join(FIXTURES, 'feature-40-rows.xlsx');
    /** Values without the formula flag (LibreOffice writes booleans as TRUE()/FALSE() and errors as formulas). */
    const values = (sheets: SimpleSheet[]) => sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => ({ index: r.index, cells: r.cells.map((c) => ({ col: c.col, value: c.value })) })) }));

    it('readXlsx reads the same values as from the exceljs-written original', async () => {
      const { dir, cleanup } = tempDir();
      try {
        const original = path.join(dir, 'feature.xlsx');
        await writeFeatureWorkbook(original, 40);
        assert.deepEqual(values(simplify(readOk(file))), values(simplify(readOk(original))));
      } finally {
        cleanup();
      }
    });

    it('reads LibreOffice dates, date-times, formula booleans and errors', () => {
      const wb = readOk(file);
      const cell = (sheet: string, row: number, col: number) => wb.sheets.find((s) => s.name === sheet)!.rows.find((r) => r.index === row)!.cells.find((c) => c.col === col);
      // <c r="E4" s="3" t="n"><v>45506</v></c> with a dd/mm/yyyy style
      assert.equal(cell('ข้อมูล', 4, 5)?.value, '2024-08-02');
      // <c r="C2" s="6" t="n"><v>45688.9999768519</v></c>
      assert.equal(cell('สรุป', 2, 3)?.value, '2025-01-31T23:59:58');
      assert.equal(cell('สรุป', 3, 3)?.value, '1900-03-01');
      // <c r="G4" s="4" t="b"><f aca="false">FALSE()</f><v>0</v></c>
      assert.equal(cell('ข้อมูล', 4, 7)?.value, false);
      assert.equal(cell('ข้อมูล', 5, 7)?.value, true);
      // <c r="C1" s="0" t="e"><f aca="false">#DIV/0!</f><v>#DIV/0!</v></c>
      assert.equal(cell('สรุป', 1, 3)?.value, '#DIV/0!');
    });

    it('exceljs agrees, except that it gives null for a formula whose cached boolean is FALSE (an exceljs quirk)', async () => {
      const ours = simplify(readOk(file));
      const theirs = await readWithExceljs(file);
      // <c t="b"><f>FALSE()</f><v>0</v></c>: ours false (the cached value), exceljs null.
      const falseAsNull = (sheets: SimpleSheet[]) =>
        sheets.map((s) => ({
          name: s.name,
          rows: s.rows.map((r) => ({ index: r.index, cells: r.cells.map((c) => (c.formula && c.value === false ? { ...c, value: null } : c)) })),
        }));
      assert.deepEqual(falseAsNull(ours), theirs);
      // The quirk itself (rows 4, 6, … hold FALSE()), so that this test notices when exceljs changes.
      assert.equal(theirs[0]!.rows.find((r) => r.index === 4)!.cells.find((c) => c.col === 7)?.value, null);
      assert.equal(theirs[0]!.rows.find((r) => r.index === 5)!.cells.find((c) => c.col === 7)?.value, true);
    });
  });
});
