import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import {
  DEFAULT_WORKBOOK_LIMITS,
  type RawCell,
  type RawSheet,
  type RawWorkbook,
  type WorkbookReadResult,
} from '../../server/src/engine/workbook/model';
import { isDateFormatCode, readXlsx, serialToIso } from '../../server/src/engine/workbook/xlsxReader';
import {
  THAI_DIGIT_CODE,
  TITLE,
  buildZip,
  cfbFile,
  craftParts,
  craftXlsx,
  deflatedEntry,
  deflatedZeros,
  readWithExceljs,
  sheetXml,
  simplify,
  stylesXml,
  tempDir,
  writeEmptyWorkbook,
  writeFeatureWorkbook,
  writeX22Workbook,
} from './fixtures';

function ok(result: WorkbookReadResult): RawWorkbook {
  if (!result.ok) assert.fail(`expected a workbook, got ${result.code}: ${result.detail ?? ''}`);
  return result;
}

function fails(result: WorkbookReadResult, code: string): string {
  assert.equal(result.ok, false, `expected ${code}, got a workbook`);
  if (result.ok) return '';
  assert.equal(result.code, code, result.detail);
  return result.detail ?? '';
}

function sheet(wb: RawWorkbook, name: string): RawSheet {
  const s = wb.sheets.find((x) => x.name === name);
  assert.ok(s, `sheet ${name}`);
  return s;
}

function cellAt(s: RawSheet, row: number, col: number): RawCell | undefined {
  return s.rows.find((r) => r.index === row)?.cells.find((c) => c.col === col);
}

/** The parts of a package zipped again after `edit`. */
function rezip(parts: Record<string, Uint8Array>, edit: (p: Record<string, Uint8Array>) => void): Uint8Array {
  const copy = { ...parts };
  edit(copy);
  return zipSync(copy);
}

const oneSheet = (data: string, after = '', before = ''): Uint8Array =>
  craftXlsx({ sheets: [{ name: 'S', xml: sheetXml(data, after, before) }] });

describe('readXlsx', function () {
  this.timeout(30_000);
  const tmp = tempDir();
  const featureFile = path.join(tmp.dir, 'feature.xlsx');
  const x22File = path.join(tmp.dir, 'x22.xlsx');
  const emptyFile = path.join(tmp.dir, 'empty.xlsx');
  let feature: RawWorkbook;

  before(async () => {
    await Promise.all([writeFeatureWorkbook(featureFile, 1200), writeX22Workbook(x22File, 1100), writeEmptyWorkbook(emptyFile)]);
    feature = ok(readXlsx(readFileSync(featureFile)));
  });
  after(() => tmp.cleanup());

  describe('agrees with exceljs readFile on good files', () => {
    for (const [label, file] of [
      ['feature workbook (1200 Thai rows, formulas, dates, merges)', featureFile],
      ['X2.2-shaped workbook (1100 rows)', x22File],
      ['empty workbook', emptyFile],
    ] as const) {
      it(label, async () => {
        const ours = simplify(ok(readXlsx(readFileSync(file))));
        const theirs = await readWithExceljs(file);
        assert.deepEqual(ours, theirs);
      });
    }
  });

  describe('Thai text and cell values', () => {
    it('keeps every Thai string intact (no U+FFFD) across > 1000 rows', () => {
      const data = sheet(feature, 'ข้อมูล');
      assert.equal(data.rows.length, 1 + 1 + 1200);
      let strings = 0;
      for (const row of data.rows) {
        for (const c of row.cells) {
          if (typeof c.value !== 'string') continue;
          strings++;
          assert.ok(!c.value.includes('\uFFFD'), `U+FFFD in row ${row.index}`);
        }
      }
      assert.ok(strings > 4800, `${strings} string cells`);
      assert.equal(cellAt(data, 1, 1)?.value, TITLE);
      assert.equal(cellAt(data, 10, 4)?.value, 'โรงเรียนบ้านหนองน้ำใสวิทยาคม (สพป.ตัวอย่าง เขต 2)');
    });

    it('reads Thai digits as text, exactly', () => {
      const c = cellAt(sheet(feature, 'ข้อมูล'), 8, 3);
      assert.deepEqual(c, { col: 3, value: THAI_DIGIT_CODE, type: 's' });
    });

    it('keeps a merged title as one range with the value in its first cell only', () => {
      const data = sheet(feature, 'ข้อมูล');
      assert.deepEqual(data.merges, [{ startRow: 1, startCol: 1, endRow: 1, endCol: 8 }]);
      assert.deepEqual(
        data.rows[0]?.cells.map((c) => c.col),
        [1],
      );
    });

    it('returns numeric codes as numbers and numeric-looking text as text', () => {
      assert.deepEqual(cellAt(sheet(feature, 'ข้อมูล'), 8, 2), { col: 2, value: 1020080005, type: 'n' });
      assert.deepEqual(cellAt(sheet(feature, 'สรุป'), 3, 4), { col: 4, value: '0012', type: 's' });
    });

    it('gives a formula its cached value', () => {
      assert.deepEqual(cellAt(sheet(feature, 'ข้อมูล'), 4, 6), {
        col: 6,
        value: 2,
        type: 'n',
        formula: { text: 'A4*2', cached: true },
      });
    });

    it('reads shared formulas: text on the master, cached values on all', () => {
      const s = sheet(feature, 'สรุป');
      assert.deepEqual(cellAt(s, 1, 2)?.formula, { text: 'A1*3', cached: true });
      assert.deepEqual(cellAt(s, 2, 2), { col: 2, value: 60, type: 'n', formula: { text: '', cached: true } });
      assert.deepEqual(cellAt(s, 3, 2)?.value, 90);
    });

    it('reads booleans, errors and rich text', () => {
      const s = sheet(feature, 'สรุป');
      assert.deepEqual(cellAt(sheet(feature, 'ข้อมูล'), 5, 7), { col: 7, value: true, type: 'b' });
      assert.deepEqual(cellAt(s, 1, 3), { col: 3, value: '#DIV/0!', type: 'e' });
      assert.deepEqual(cellAt(s, 1, 4), { col: 4, value: 'ตัวหนา', type: 's' });
      assert.deepEqual(cellAt(s, 2, 4), { col: 4, value: 3.25, type: 'n' });
    });

    describe('dates, under TZ=Asia/Bangkok', () => {
      let savedTz: string | undefined;
      before(() => {
        savedTz = process.env.TZ;
        process.env.TZ = 'Asia/Bangkok';
      });
      after(() => {
        if (savedTz === undefined) delete process.env.TZ;
        else process.env.TZ = savedTz;
      });

      it('runs in UTC+7 indeed', () => {
        assert.equal(new Date(2024, 0, 1).getTimezoneOffset(), -420);
      });

      it('reads date-formatted numbers as ISO dates and date-times', () => {
        const wb = ok(readXlsx(readFileSync(featureFile)));
        // Row 4 is data row 1: 2024-08-02 (month (1*7)%12 = 7, day 1%28+1 = 2).
        assert.deepEqual(cellAt(sheet(wb, 'ข้อมูล'), 4, 5), { col: 5, value: '2024-08-02', type: 'd' });
        assert.deepEqual(cellAt(sheet(wb, 'สรุป'), 2, 3), { col: 3, value: '2025-01-31T23:59:58', type: 'd' });
        assert.deepEqual(cellAt(sheet(wb, 'สรุป'), 3, 3), { col: 3, value: '1900-03-01', type: 'd' });
      });

      it('converts serials in UTC with the 1900 leap-year bug and the 1904 system', () => {
        assert.equal(serialToIso(1, false), '1900-01-01');
        assert.equal(serialToIso(59, false), '1900-02-28');
        assert.equal(serialToIso(61, false), '1900-03-01');
        assert.equal(serialToIso(45351, false), '2024-02-29');
        assert.equal(serialToIso(45351.5, false), '2024-02-29T12:00:00');
        assert.equal(serialToIso(45351.999999999, false), '2024-03-01');
        assert.equal(serialToIso(0, true), '1904-01-01');
        assert.equal(serialToIso(-1, false), undefined);
        assert.equal(serialToIso(3e6, false), undefined);
      });

      it('honours date1904 and built-in date formats', () => {
        const bytes = craftXlsx({
          sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="2"><v>1.25</v></c><c r="C1" s="0"><v>5</v></c></row>') }],
          styles: stylesXml({}, [0, 14, 22]),
          workbookPr: 'date1904="1"',
        });
        assert.deepEqual(ok(readXlsx(bytes)).sheets[0]?.rows[0]?.cells, [
          { col: 1, value: '1904-01-01', type: 'd' },
          { col: 2, value: '1904-01-02T06:00:00', type: 'd' },
          { col: 3, value: 5, type: 'n' },
        ]);
      });
    });

    it('tells date format codes from number format codes', () => {
      for (const code of ['dd/mm/yyyy', 'yyyy-mm-dd hh:mm:ss', '[$-th-TH]d mmm yy', '[h]:mm:ss', 'B2dd/mm/yyyy', 'mmm-yy']) {
        assert.equal(isDateFormatCode(code), true, code);
      }
      for (const code of ['General', '0.00', '#,##0 "บาท"', '[Red]0.00', '0.00E+00', '_(* #,##0_)', '"day "0', '0\\d', '@']) {
        assert.equal(isDateFormatCode(code), false, code);
      }
    });

    it('uses custom format codes over built-in ids and reads Thai built-in date ids', () => {
      const bytes = craftXlsx({
        sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" s="0"><v>45000</v></c><c r="B1" s="1"><v>45000</v></c><c r="C1" s="2"><v>45000</v></c></row>') }],
        styles: stylesXml({ 14: '0.00', 164: 'd/m/yyyy' }, [14, 164, 71]),
      });
      assert.deepEqual(
        ok(readXlsx(bytes)).sheets[0]?.rows[0]?.cells.map((c) => c.value),
        [45000, '2023-03-15', '2023-03-15'],
      );
    });
  });

  describe('crafted packages', () => {
    it('reads a formula without a cached value as null, cached: false', () => {
      const wb = ok(readXlsx(oneSheet('<row r="2"><c r="A2"><f>SUM(B1:B3)</f></c><c r="B2" t="str"><f>"ก"&amp;"ข"</f></c></row>')));
      assert.deepEqual(wb.sheets[0]?.rows, [
        {
          index: 2,
          cells: [
            { col: 1, value: null, type: 'n', formula: { text: 'SUM(B1:B3)', cached: false } },
            { col: 2, value: null, type: 's', formula: { text: '"ก"&"ข"', cached: false } },
          ],
        },
      ]);
    });

    it('infers positions of cells and rows without r attributes, and skips empty cells', () => {
      const wb = ok(readXlsx(oneSheet('<row><c><v>1</v></c><c/><c><v>3</v></c></row><row><c t="inlineStr"><is><t>ข</t></is></c></row><row r="7"><c><v>7</v></c></row><row><c r="C8"><v>8</v></c></row>')));
      assert.deepEqual(wb.sheets[0]?.rows, [
        { index: 1, cells: [{ col: 1, value: 1, type: 'n' }, { col: 3, value: 3, type: 'n' }] },
        { index: 2, cells: [{ col: 1, value: 'ข', type: 's' }] },
        { index: 7, cells: [{ col: 1, value: 7, type: 'n' }] },
        { index: 8, cells: [{ col: 3, value: 8, type: 'n' }] },
      ]);
    });

    it('concatenates rich-text runs, drops phonetic runs, keeps spaces, decodes _xHHHH_', () => {
      const sst =
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<si><r><rPr><b/></rPr><t>ก</t></r>\n  <r><t xml:space="preserve"> ข </t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>' +
        '<si><t>บรรทัด_x000D__x000A_ใหม่</t></si><si><t><![CDATA[<ค&ง>]]></t></si></sst>';
      const bytes = craftXlsx({
        sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><r><t>จ</t></r><r><t>ฉ</t></r><rPh><t>x</t></rPh></is></c></row>') }],
        sharedStrings: sst,
      });
      assert.deepEqual(
        ok(readXlsx(bytes)).sheets[0]?.rows[0]?.cells.map((c) => c.value),
        ['ก ข ', 'บรรทัด\r\nใหม่', '<ค&ง>', 'จฉ'],
      );
    });

    it('reads a cell at XFD1048576 without allocating by coordinates', () => {
      const wb = ok(readXlsx(oneSheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', '', '<dimension ref="A1:XFD1048576"/>')));
      assert.deepEqual(wb.sheets[0]?.rows, [{ index: 1_048_576, cells: [{ col: 16_384, value: 1, type: 'n' }] }]);
    });

    it('keeps a merge over the whole sheet as one range, quickly and in little memory', () => {
      const bytes = oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>ทั้งแผ่น</t></is></c></row>', '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>');
      assert.ok(bytes.length < 2000);
      const heapBefore = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const wb = ok(readXlsx(bytes));
      const ms = performance.now() - t0;
      const grown = process.memoryUsage().heapUsed - heapBefore;
      assert.deepEqual(wb.sheets[0]?.merges, [{ startRow: 1, startCol: 1, endRow: 1_048_576, endCol: 16_384 }]);
      assert.deepEqual(wb.issues, []);
      assert.ok(ms < 200, `${ms} ms`);
      assert.ok(grown < 20 * 1024 * 1024, `${grown} bytes`);
    });

    it('clips merges past the sheet bounds and says so', () => {
      const wb = ok(readXlsx(oneSheet('', '<mergeCells><mergeCell ref="B2:XFE2"/><mergeCell ref="C3:A1"/><mergeCell ref="bogus"/></mergeCells>')));
      assert.deepEqual(wb.sheets[0]?.merges, [
        { startRow: 2, startCol: 2, endRow: 2, endCol: 16_384 },
        { startRow: 1, startCol: 1, endRow: 3, endCol: 3 },
      ]);
      assert.deepEqual(
        wb.issues.map((i) => [i.code, i.sheet, i.ref]),
        [['workbook.merge-clipped', 'S', 'B2:XFE2']],
      );
    });

    it('ignores <dimension>', () => {
      const wb = ok(readXlsx(oneSheet('<row r="5"><c r="E5"><v>5</v></c></row>', '', '<dimension ref="A1"/>')));
      assert.deepEqual(wb.sheets[0]?.rows, [{ index: 5, cells: [{ col: 5, value: 5, type: 'n' }] }]);
    });

    it('sorts rows and cells written out of order', () => {
      const wb = ok(readXlsx(oneSheet('<row r="3"><c r="B3"><v>2</v></c><c r="A3"><v>1</v></c></row><row r="1"><c r="A1"><v>0</v></c></row>')));
      assert.deepEqual(
        wb.sheets[0]?.rows.map((r) => [r.index, r.cells.map((c) => c.col)]),
        [
          [1, [1]],
          [3, [1, 2]],
        ],
      );
    });

    it('resolves absolute and relative sheet targets, keeping workbook order and names', () => {
      const wb = ok(
        readXlsx(
          craftXlsx({
            sheets: [
              { name: 'แผ่นที่ ๑', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'), target: '/xl/worksheets/a.xml' },
              { name: 'แผ่นที่ ๒', xml: sheetXml('<row r="1"><c r="A1"><v>2</v></c></row>'), target: './worksheets/../worksheets/b.xml' },
            ],
          }),
        ),
      );
      assert.deepEqual(
        wb.sheets.map((s) => [s.name, s.rows[0]?.cells[0]?.value]),
        [
          ['แผ่นที่ ๑', 1],
          ['แผ่นที่ ๒', 2],
        ],
      );
    });

    it('reads parts whose elements carry a namespace prefix', () => {
      const xml =
        '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>คำนำหน้า</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row>' +
        '</x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>';
      const wb = ok(readXlsx(craftXlsx({ sheets: [{ name: 'S', xml }] })));
      assert.deepEqual(wb.sheets[0]?.rows[0]?.cells.map((c) => c.value), ['คำนำหน้า', 2]);
      assert.equal(wb.sheets[0]?.merges.length, 1);
    });

    it('reads an .xlsm: format xlsm plus a macro-enabled issue', () => {
      const declared = ok(
        readXlsx(
          craftXlsx({
            sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }],
            workbookContentType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
          }),
        ),
      );
      assert.equal(declared.format, 'xlsm');
      assert.deepEqual(declared.issues.map((i) => i.code), ['workbook.macro-enabled']);
      assert.equal(declared.sheets[0]?.rows.length, 1);
      const vbaOnly = ok(
        readXlsx(craftXlsx({ sheets: [{ name: 'S', xml: sheetXml('') }], extra: { 'xl/vbaProject.bin': new Uint8Array(64) } })),
      );
      assert.equal(vbaOnly.format, 'xlsm');
      const plain = ok(readXlsx(oneSheet('')));
      assert.equal(plain.format, 'xlsx');
      assert.deepEqual(plain.issues, []);
    });

    it('stops keeping cells at maxCells and names the clipped sheets', () => {
      const four = sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c></row>');
      const bytes = craftXlsx({ sheets: [{ name: 'หนึ่ง', xml: four }, { name: 'สอง', xml: four }, { name: 'สาม', xml: four }] });
      const wb = ok(readXlsx(bytes, { ...DEFAULT_WORKBOOK_LIMITS, maxCells: 5 }));
      assert.deepEqual(
        wb.sheets.map((s) => s.rows.reduce((n, r) => n + r.cells.length, 0)),
        [4, 1, 0],
      );
      assert.deepEqual(
        wb.issues.map((i) => [i.code, i.sheet]),
        [
          ['workbook.cells-clipped', 'สอง'],
          ['workbook.cells-clipped', 'สาม'],
        ],
      );
    });

    it('normalises t="d" cells and keeps odd values honest', () => {
      const wb = ok(
        readXlsx(
          oneSheet(
            '<row r="1"><c r="A1" t="d"><v>2024-02-29T00:00:00Z</v></c><c r="B1" t="d"><v>2024-02-29T13:45:30.250</v></c>' +
              '<c r="C1" t="s"><v></v></c><c r="D1"><v>Infinity</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="b"><v>0</v></c></row>',
          ),
        ),
      );
      assert.deepEqual(wb.sheets[0]?.rows[0]?.cells, [
        { col: 1, value: '2024-02-29', type: 'd' },
        { col: 2, value: '2024-02-29T13:45:30', type: 'd' },
        { col: 4, value: 'Infinity', type: 's' },
        { col: 5, value: '#N/A', type: 'e' },
        { col: 6, value: false, type: 'b' },
      ]);
    });

    it('reads UTF-16 parts and backslash-separated entry names', () => {
      const xml = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>ยูทีเอฟสิบหก</t></is></c></row>').replace('UTF-8', 'UTF-16');
      const utf16 = new Uint8Array(2 + xml.length * 2);
      utf16.set([0xff, 0xfe]);
      for (let i = 0; i < xml.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, xml.charCodeAt(i), true);
      const parts = craftParts({ sheets: [{ name: 'S', xml: '' }], extra: { 'xl/worksheets/sheet1.xml': utf16 } });
      assert.equal(ok(readXlsx(zipSync(parts))).sheets[0]?.rows[0]?.cells[0]?.value, 'ยูทีเอฟสิบหก');
      const renamed = rezip(parts, (p) => {
        p['xl\\worksheets\\sheet1.xml'] = p['xl/worksheets/sheet1.xml'] ?? new Uint8Array(0);
        delete p['xl/worksheets/sheet1.xml'];
      });
      assert.equal(ok(readXlsx(renamed)).sheets[0]?.rows[0]?.cells[0]?.value, 'ยูทีเอฟสิบหก');
    });

    it('reads zips written with data descriptors and with zip64 fields', () => {
      const parts = craftParts({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>สตรีม</t></is></c></row>') }] });
      const entries = Object.entries(parts).map(([name, data]) => deflatedEntry(name, data));
      for (const opts of [{ dataDescriptors: true }, { zip64: true }]) {
        const wb = ok(readXlsx(buildZip(entries, opts)));
        assert.equal(wb.sheets[0]?.rows[0]?.cells[0]?.value, 'สตรีม', JSON.stringify(opts));
      }
    });

    it('fails on malformed XML, a missing sheet part, or no worksheets', () => {
      fails(readXlsx(oneSheet('<row r="1"><c r="A1"><v>1</v></row>')), 'workbook.read-failed');
      const parts = craftParts({ sheets: [{ name: 'S', xml: sheetXml('') }] });
      fails(readXlsx(rezip(parts, (p) => delete p['xl/worksheets/sheet1.xml'])), 'workbook.read-failed');
      fails(readXlsx(craftXlsx({ sheets: [] })), 'workbook.no-sheets');
    });
  });

  describe('rejects bad files', () => {
    it('0-byte file → empty-file', () => {
      fails(readXlsx(new Uint8Array(0)), 'workbook.empty-file');
    });

    it('random bytes → not-zip', () => {
      const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
      fails(readXlsx(random), 'workbook.not-zip');
      fails(readXlsx(strToU8('ลำดับ,รหัส\n1,1020080001\n')), 'workbook.not-zip');
    });

    it('CFB with a Workbook stream → legacy-xls; with EncryptedPackage → encrypted', () => {
      fails(readXlsx(cfbFile(['Workbook', 'SummaryInformation'])), 'workbook.legacy-xls');
      fails(readXlsx(cfbFile(['EncryptionInfo', 'EncryptedPackage'])), 'workbook.encrypted');
    });

    it('larger than maxFileBytes → too-large', () => {
      const bytes = readFileSync(featureFile);
      const detail = fails(readXlsx(bytes, { ...DEFAULT_WORKBOOK_LIMITS, maxFileBytes: 1000 }), 'workbook.too-large');
      assert.match(detail, /1000/);
    });

    it('a valid file cut in half → truncated', () => {
      const bytes = readFileSync(featureFile);
      fails(readXlsx(bytes.subarray(0, bytes.length >> 1)), 'workbook.truncated');
    });

    it('inconsistent directory offsets, damaged data or wrong declared sizes → truncated', () => {
      const parts = craftParts({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }] });
      const good = zipSync(parts);
      const badOffset = good.slice();
      const eocd = badOffset.length - 22;
      new DataView(badOffset.buffer).setUint32(eocd + 16, eocd + 100, true);
      fails(readXlsx(badOffset), 'workbook.truncated');

      const entries = Object.entries(parts).map(([name, data]) => deflatedEntry(name, data));
      const sheetEntry = (edit: (e: ReturnType<typeof deflatedEntry>) => ReturnType<typeof deflatedEntry>): Uint8Array =>
        buildZip(entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? edit(e) : e)));
      assert.match(fails(readXlsx(sheetEntry((e) => ({ ...e, size: e.size + 10 }))), 'workbook.truncated'), /not the declared/);
      assert.match(fails(readXlsx(sheetEntry((e) => ({ ...e, size: e.size - 10 }))), 'workbook.truncated'), /beyond/);
      fails(readXlsx(sheetEntry((e) => ({ ...e, data: e.data.map((b, i) => (i > 2 ? 0xff : b)) }))), 'workbook.truncated');
    });

    it('an entry that inflates far beyond its declared size is stopped early', () => {
      const parts = craftParts({ sheets: [{ name: 'S', xml: sheetXml('') }] });
      const entries = Object.entries(parts).map(([name, data]) =>
        name === 'xl/worksheets/sheet1.xml'
          ? { name, data: deflatedZeros(16), method: 8 as const, size: 1000 }
          : deflatedEntry(name, data),
      );
      const t0 = performance.now();
      assert.match(fails(readXlsx(buildZip(entries)), 'workbook.truncated'), /beyond its declared 1000/);
      assert.ok(performance.now() - t0 < 500);
    });

    it('a 200 MB sheet of zeros (ratio ~1000) → zip-bomb, before inflating', () => {
      const parts = craftParts({ sheets: [{ name: 'S', xml: sheetXml('') }] });
      const bomb = deflatedZeros(200);
      const entries = Object.entries(parts).map(([name, data]) =>
        name === 'xl/worksheets/sheet1.xml' ? { name, data: bomb, method: 8 as const, size: 200 * 1024 * 1024 } : deflatedEntry(name, data),
      );
      const t0 = performance.now();
      const detail = fails(readXlsx(buildZip(entries)), 'workbook.zip-bomb');
      assert.ok(performance.now() - t0 < 100);
      assert.match(detail, /maxCompressionRatio/);
      assert.match(detail, /209715200/);
    });

    it('declared sizes over maxUncompressedBytes → zip-bomb', () => {
      const parts = craftParts({ sheets: [{ name: 'S', xml: sheetXml('') }] });
      const entries = Object.entries(parts).map(([name, data]) =>
        // 4 GiB declared at a plausible ratio: only the total-size limit can catch it.
        name === 'xl/worksheets/sheet1.xml'
          ? { name, data: new Uint8Array(30 * 1024 * 1024), method: 8 as const, size: 4 * 1024 ** 3 }
          : deflatedEntry(name, data),
      );
      const detail = fails(readXlsx(buildZip(entries, { zip64: true })), 'workbook.zip-bomb');
      assert.match(detail, /maxUncompressedBytes/);
    });

    it('6000 entries → zip-bomb', () => {
      const parts = craftParts({ sheets: [{ name: 'S', xml: sheetXml('') }] });
      for (let i = 0; i < 6000; i++) parts[`xl/media/pad${i}.txt`] = new Uint8Array(1);
      const detail = fails(readXlsx(zipSync(parts, { level: 0 })), 'workbook.zip-bomb');
      assert.match(detail, /maxEntries/);
      assert.match(detail, /6005/);
    });

    it('a zip that is not a workbook → not-xlsx', () => {
      fails(readXlsx(zipSync({ 'hello.txt': strToU8('สวัสดี') })), 'workbook.not-xlsx');
      const docx = zipSync({
        '[Content_Types].xml': strToU8('<Types/>'),
        '_rels/.rels': strToU8(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        ),
        'word/document.xml': strToU8('<document/>'),
      });
      fails(readXlsx(docx), 'workbook.not-xlsx');
    });
  });
});
