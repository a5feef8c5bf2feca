/**
 * The hand-written worksheet / shared-strings scanner (sheetScanner.ts) against the saxes
 * path it replaced, which stays in xlsxReader as the oracle (`sheetParser: 'saxes'`):
 * identical results on every fixture, sample and crafted case, the same refusals of
 * malformed XML, termination on damaged input, and no V8 optimisation cliff over a warm
 * loop (WORKBOOKS.md).
 */
import { strict as assert } from 'node:assert';
import { mulberry32 } from '../../scripts/prng';
import { existsSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { unzipSync } from 'fflate';
import {
  DEFAULT_WORKBOOK_LIMITS,
  type RawCell,
  type RawWorkbook,
  type WorkbookLimits,
  type WorkbookReadResult,
} from '../../server/src/engine/workbook/model';
import { XmlSyntaxError, scanSharedStrings, scanWorksheet, type SheetContext } from '../../server/src/engine/workbook/sheetScanner';
import { readXlsx } from '../../server/src/engine/workbook/xlsxReader';
import {
  craftXlsx,
  escapeXml,
  sheetXml,
  stylesXml,
  tempDir,
  writeEmptyWorkbook,
  writeFeatureWorkbook,
  writeX22Workbook,
  type CraftOptions,
} from './fixtures';

const repo = path.resolve(__dirname, '../..');
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Reads with both parsers; identical workbooks, or failures with the same code. */
function readBoth(bytes: Uint8Array, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): WorkbookReadResult {
  const scanner = readXlsx(bytes, limits, { sheetParser: 'scanner' });
  const saxes = readXlsx(bytes, limits, { sheetParser: 'saxes' });
  if (scanner.ok && saxes.ok) {
    assert.deepStrictEqual(scanner, saxes);
  } else {
    // Messages differ (each parser words its own); the outcome must not.
    assert.deepStrictEqual(
      { ok: scanner.ok, code: scanner.ok ? undefined : scanner.code },
      { ok: saxes.ok, code: saxes.ok ? undefined : saxes.code },
      `scanner: ${scanner.ok ? 'ok' : scanner.detail}\nsaxes: ${saxes.ok ? 'ok' : saxes.detail}`,
    );
  }
  return scanner;
}

function okBoth(bytes: Uint8Array, limits?: WorkbookLimits): RawWorkbook {
  const r = readBoth(bytes, limits);
  if (!r.ok) assert.fail(`expected a workbook, got ${r.code}: ${r.detail ?? ''}`);
  return r;
}

/** A one-sheet workbook around `sheetData` content (see fixtures' sheetXml). */
function oneSheet(data: string, opts: Partial<CraftOptions> & { after?: string; before?: string } = {}): Uint8Array {
  return craftXlsx({ ...opts, sheets: [{ name: 'S', xml: sheetXml(data, opts.after ?? '', opts.before ?? '') }] });
}

/** A one-sheet workbook with the whole worksheet part given. */
function rawSheet(xml: string, opts: Partial<CraftOptions> = {}): Uint8Array {
  return craftXlsx({ ...opts, sheets: [{ name: 'S', xml }] });
}

function cellsOf(wb: RawWorkbook): [number, number, RawCell['value'], RawCell['type'], RawCell['formula']?][] {
  return (wb.sheets[0]?.rows ?? []).flatMap((r) =>
    r.cells.map((c): [number, number, RawCell['value'], RawCell['type'], RawCell['formula']?] =>
      c.formula ? [r.index, c.col, c.value, c.type, c.formula] : [r.index, c.col, c.value, c.type],
    ),
  );
}

function findXlsx(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findXlsx(p));
    else if (entry.name.toLowerCase().endsWith('.xlsx')) out.push(p);
  }
  return out.sort();
}


/**
 * The 30,000-row X2.2 workbook, generated once per machine into the OS temp folder
 * (exceljs takes seconds to write it). Written under a temporary name and renamed, so a
 * concurrent run never reads a half-written file.
 */
async function cachedX22(rows: number): Promise<string> {
  const file = path.join(os.tmpdir(), `obec-evidence-x22-${rows}-v1.xlsx`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`;
    await writeX22Workbook(partial, rows);
    renameSync(partial, file);
  }
  return file;
}

/** `gc()` even when node runs without --expose-gc (mocha does); undefined if refused. */
function exposedGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** A context for scanning a part directly; `cells` is the cell budget. */
const ctx = (cells = Number.MAX_SAFE_INTEGER): SheetContext => ({
  sharedStrings: [],
  dateStyles: [],
  date1904: false,
  cellBudget: { remaining: cells },
});

/** The part scanned directly: a result, or an XmlSyntaxError; anything else fails. */
function scanOutcome(scan: () => unknown): 'ok' | 'syntax' {
  try {
    scan();
    return 'ok';
  } catch (err) {
    if (err instanceof XmlSyntaxError) return 'syntax';
    throw err;
  }
}

describe('sheet scanner', function () {
  this.timeout(60_000);
  const tmp = tempDir('obec-scan-');
  after(() => tmp.cleanup());

  describe('oracle: the same result as the saxes path', () => {
    const generated: [string, string][] = [
      ['feature workbook (1200 Thai rows, formulas, dates, merges)', path.join(tmp.dir, 'feature.xlsx')],
      ['X2.2-shaped workbook (1100 rows)', path.join(tmp.dir, 'x22.xlsx')],
      ['empty workbook', path.join(tmp.dir, 'empty.xlsx')],
    ];
    before(async () => {
      await Promise.all([
        writeFeatureWorkbook(generated[0]?.[1] ?? '', 1200),
        writeX22Workbook(generated[1]?.[1] ?? '', 1100),
        writeEmptyWorkbook(generated[2]?.[1] ?? ''),
      ]);
    });

    for (const [label, file] of generated) {
      it(`generated: ${label}`, () => {
        readBoth(readFileSync(file));
      });
    }

    it('every committed sample under samples/**/*.xlsx', () => {
      const files = findXlsx(path.join(repo, 'samples'));
      assert.ok(files.length > 0, 'no samples found');
      for (const file of files) {
        try {
          readBoth(readFileSync(file));
        } catch (err) {
          throw new Error(`${path.relative(repo, file)}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    });

    it('every crafted sheet of the reader tests, with limits', () => {
      const four = sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c></row>');
      const threeSheets = craftXlsx({ sheets: [{ name: 'หนึ่ง', xml: four }, { name: 'สอง', xml: four }, { name: 'สาม', xml: four }] });
      for (const maxCells of [0, 1, 4, 5, 8, 12]) readBoth(threeSheets, { ...DEFAULT_WORKBOOK_LIMITS, maxCells });
      const sst =
        `<?xml version="1.0"?><sst xmlns="${MAIN_NS}">` +
        '<si><r><rPr><b/></rPr><t>ก</t></r>\n  <r><t xml:space="preserve"> ข </t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>' +
        '<si><t>บรรทัด_x000D__x000A_ใหม่</t></si><si><t><![CDATA[<ค&ง>]]></t></si></sst>';
      readBoth(
        craftXlsx({
          sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><r><t>จ</t></r><r><t>ฉ</t></r><rPh><t>x</t></rPh></is></c></row>') }],
          sharedStrings: sst,
        }),
      );
      for (const data of [
        '<row r="2"><c r="A2"><f>SUM(B1:B3)</f></c><c r="B2" t="str"><f>"ก"&amp;"ข"</f></c></row>',
        '<row><c><v>1</v></c><c/><c><v>3</v></c></row><row><c t="inlineStr"><is><t>ข</t></is></c></row><row r="7"><c><v>7</v></c></row><row><c r="C8"><v>8</v></c></row>',
        '<row r="3"><c r="B3"><v>2</v></c><c r="A3"><v>1</v></c></row><row r="1"><c r="A1"><v>0</v></c></row>',
        '<row r="1"><c r="A1" t="d"><v>2024-02-29T00:00:00Z</v></c><c r="B1" t="d"><v>2024-02-29T13:45:30.250</v></c><c r="C1" t="s"><v></v></c><c r="D1"><v>Infinity</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="b"><v>0</v></c></row>',
        '<row r="1"><c r="A1"><v>1</v></row>',
      ]) {
        readBoth(oneSheet(data));
      }
      readBoth(oneSheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', { before: '<dimension ref="A1:XFD1048576"/>' }));
      readBoth(oneSheet('', { after: '<mergeCells><mergeCell ref="B2:XFE2"/><mergeCell ref="C3:A1"/><mergeCell ref="bogus"/></mergeCells>' }));
      readBoth(
        oneSheet('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="2"><v>1.25</v></c><c r="C1" s="0"><v>5</v></c></row>', {
          styles: stylesXml({}, [0, 14, 22]),
          workbookPr: 'date1904="1"',
        }),
      );
      readBoth(
        oneSheet('<row r="1"><c r="A1" s="0"><v>45000</v></c><c r="B1" s="1"><v>45000</v></c><c r="C1" s="2"><v>45000</v></c></row>', {
          styles: stylesXml({ 14: '0.00', 164: 'd/m/yyyy' }, [14, 164, 71]),
        }),
      );
    });
  });

  describe('worksheet XML the scanner must read exactly', () => {
    it('attributes in any order, single or double quotes', () => {
      const wb = okBoth(
        oneSheet(`<row r='1'><c t='s' r='B1'><v>0</v></c><c s="0" t = "n"  r = 'C1' ><v>2</v></c><c t="s" r="D1" s='0'><v>1</v></c></row>`, {
          sharedStrings: ['ก', 'ข'],
          styles: stylesXml({}, [0]),
        }),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 2, 'ก', 's'],
        [1, 3, 2, 'n'],
        [1, 4, 'ข', 's'],
      ]);
    });

    it('self-closing cells, cells and rows without r (sequential positions)', () => {
      const wb = okBoth(
        oneSheet('<row><c r="A1" s="1"/><c><v>1</v></c><c/><c><v>3</v></c></row><row><c><v>2</v></c></row><row r="5"><c><v>5</v></c></row><row><c r="C6"><v>6</v></c><c><v>7</v></c></row>'),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 2, 1, 'n'],
        [1, 4, 3, 'n'],
        [2, 1, 2, 'n'],
        [5, 1, 5, 'n'],
        [6, 3, 6, 'n'],
        [6, 4, 7, 'n'],
      ]);
    });

    it('every cell type: s, inlineStr, str, b, e, n, d, and unknown', () => {
      const wb = okBoth(
        oneSheet(
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c><c r="C1" t="str"><v>y_x000D_</v></c>' +
            '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#REF!</v></c><c r="F1" t="n"><v>1.5</v></c><c r="G1" t="d"><v>2024-01-02T03:04:05Z</v></c>' +
            '<c r="H1" t="b"><v>true</v></c><c r="I1" t="b"><v>0</v></c><c r="J1" t="weird"><v>9</v></c><c r="K1" t="inlineStr"><v>plain v</v></c></row>',
          { sharedStrings: ['ศูนย์'] },
        ),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, 'ศูนย์', 's'],
        [1, 2, 'x', 's'],
        [1, 3, 'y\r', 's'],
        [1, 4, true, 'b'],
        [1, 5, '#REF!', 'e'],
        [1, 6, 1.5, 'n'],
        [1, 7, '2024-01-02T03:04:05', 'd'],
        [1, 8, true, 'b'],
        [1, 9, false, 'b'],
        [1, 10, 9, 'n'],
        [1, 11, 'plain v', 's'],
      ]);
    });

    it('formulas with and without cached values, shared formulas, entities in formula text', () => {
      const wb = okBoth(
        oneSheet(
          '<row r="1"><c r="A1"><f>SUM(B1:B3)</f><v>6</v></c><c r="B1"><f>A1&amp;"&lt;x&gt;"</f></c>' +
            '<c r="C1" t="str"><f t="shared" ref="C1:C2" si="0">"ก"&amp;A1</f><v>ก6</v></c></row>' +
            '<row r="2"><c r="C2" t="str"><f t="shared" si="0"/><v>ก7</v></c><c r="D2"><f t="shared" si="0"/></c></row>',
        ),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, 6, 'n', { text: 'SUM(B1:B3)', cached: true }],
        [1, 2, null, 'n', { text: 'A1&"<x>"', cached: false }],
        [1, 3, 'ก6', 's', { text: '"ก"&A1', cached: true }],
        [2, 3, 'ก7', 's', { text: '', cached: true }],
        [2, 4, null, 'n', { text: '', cached: false }],
      ]);
    });

    it('inline strings: plain, rich runs, phonetic runs left out, xml:space', () => {
      const wb = okBoth(
        oneSheet(
          '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>ตัว</t></r><r><t xml:space="preserve"> หนา </t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>' +
            '<c r="B1" t="inlineStr"><is><t xml:space="preserve">  สอง  </t></is></c><c r="C1" t="inlineStr"><is/></c><c r="D1" t="inlineStr"><is>loose</is></c></row>',
        ),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, 'ตัว หนา ', 's'],
        [1, 2, '  สอง  ', 's'],
      ]);
    });

    it('XML entities and character references in values, inline strings and attributes', () => {
      const wb = okBoth(
        oneSheet(
          '<row r="1"><c r="A1" t="inlineStr"><is><t>&amp;&lt;&gt;&quot;&apos;&#3585;&#x0E01;&#x1F600;&#xe01;</t></is></c>' +
            '<c r="B1" t="str"><v>a&amp;b</v></c><c r="C1"><v>&#49;&#50;</v></c><c r="&#68;1" t="&#115;"><v>0</v></c>' +
            '<c r="E1" t="e"><v>#N/A&#10;</v></c></row>',
          { sharedStrings: ['ก&ข'] },
        ),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, '&<>"\'กก😀ก', 's'],
        [1, 2, 'a&b', 's'],
        [1, 3, 12, 'n'],
        [1, 4, 'ก&ข', 's'],
        [1, 5, '#N/A\n', 'e'],
      ]);
    });

    it('CDATA sections in values, inline strings and formulas', () => {
      const wb = okBoth(
        oneSheet(
          '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<ค&ง>]]></t></is></c><c r="B1"><v><![CDATA[42]]></v></c>' +
            '<c r="C1" t="str"><f><![CDATA[A1&"x"]]></f></c><c r="D1" t="inlineStr"><is><t>a<![CDATA[]]]]><![CDATA[>]]>b</t></is></c></row>',
        ),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, '<ค&ง>', 's'],
        [1, 2, 42, 'n'],
        [1, 3, null, 's', { text: 'A1&"x"', cached: false }],
        [1, 4, 'a]]>b', 's'],
      ]);
    });

    it('whitespace and newlines between tags; CR and CRLF in text read as LF, &#13; kept', () => {
      const pretty =
        '\n  <row r="1">\n    <c r="A1" t="inlineStr">\n      <is>\n        <t xml:space="preserve">  สอง  </t>\n      </is>\n    </c>\n' +
        '    <c r="B1">\n      <v>7</v>\n    </c>\n  </row>\r\n  <row r="2"><c r="A2" t="inlineStr"><is><t>a\r\nb\rc</t></is></c>' +
        '<c r="B2" t="inlineStr"><is><t>a&#13;&#10;b</t></is></c><c r="C2" t="str"><v>\tx\n</v></c></row>\n';
      const wb = okBoth(oneSheet(pretty));
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, '  สอง  ', 's'],
        [1, 2, 7, 'n'],
        [2, 1, 'a\nb\nc', 's'],
        [2, 2, 'a\r\nb', 's'],
        [2, 3, '\tx\n', 's'],
      ]);
      // Attribute values: tab, LF, CR (and CRLF) normalise to one space each.
      const attrs = okBoth(oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>', { after: '<mergeCells><mergeCell ref="A1:B1\r\n"/></mergeCells>' }));
      assert.deepStrictEqual(attrs.sheets[0]?.merges, []);
    });

    it('namespace prefixes: the root prefix is stripped, foreign prefixes are not ours', () => {
      const prefixed =
        `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN_NS}" xmlns:y="urn:y"><x:sheetData>` +
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>คำนำหน้า</x:t></x:is></x:c><c r="B1"><v>2</v></c><y:c r="C1"><y:v>3</y:v></y:c>' +
        '<x:c r="D1"><x:v>4</x:v></x:c><x:c r="E1" t="s"><x:v>0</x:v></x:c><x:c r="F1"><x:f>A1</x:f><x:v>5</x:v></x:c></x:row>' +
        '</x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>';
      const sst = `<?xml version="1.0"?><s:sst xmlns:s="${MAIN_NS}"><s:si><s:t>ร่วม</s:t></s:si></s:sst>`;
      const wb = okBoth(rawSheet(prefixed, { sharedStrings: sst }));
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, 'คำนำหน้า', 's'],
        [1, 2, 2, 'n'],
        [1, 4, 4, 'n'],
        [1, 5, 'ร่วม', 's'],
        [1, 6, 5, 'n', { text: 'A1', cached: true }],
      ]);
      assert.equal(wb.sheets[0]?.merges.length, 1);
      const foreign = okBoth(oneSheet('<row r="1"><x:c xmlns:x="urn:x" r="A1"><x:v>1</x:v></x:c><c r="B1"><v>2</v></c></row>'));
      assert.deepStrictEqual(cellsOf(foreign), [[1, 2, 2, 'n']]);
    });

    it('numbers and shared-string indexes in every spelling Number() accepts', () => {
      const wb = okBoth(
        oneSheet(
          '<row r="1"><c r="A1"><v>3.25</v></c><c r="B1"><v>-1</v></c><c r="C1"><v>1E3</v></c><c r="D1"><v> 7 </v></c><c r="E1"><v>007</v></c>' +
            '<c r="F1"><v>0x10</v></c><c r="G1"><v>1e400</v></c><c r="H1"><v>12345678901234567890</v></c><c r="I1"><v>999999999999999</v></c>' +
            '<c r="J1"><v></v></c><c r="K1"><v>abc</v></c><c r="L1"><v>-0</v></c></row>' +
            '<row r="2"><c r="A2" t="s"><v> 1</v></c><c r="B2" t="s"><v>1.0</v></c><c r="C2" t="s"><v>-0</v></c><c r="D2" t="s"><v></v></c>' +
            '<c r="E2" t="s"><v>99</v></c><c r="F2" t="s"><v>1e0</v></c><c r="G2" t="s"><v>01</v></c><c r="H2" t="s"><v>0.5</v></c><c r="I2" t="s"/></row>',
          { sharedStrings: ['ศูนย์', 'หนึ่ง'] },
        ),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, 3.25, 'n'],
        [1, 2, -1, 'n'],
        [1, 3, 1000, 'n'],
        [1, 4, 7, 'n'],
        [1, 5, 7, 'n'],
        [1, 6, 16, 'n'],
        [1, 7, '1e400', 's'],
        [1, 8, 12345678901234567000, 'n'],
        [1, 9, 999999999999999, 'n'],
        [1, 11, 'abc', 's'],
        [1, 12, -0, 'n'],
        [2, 1, 'หนึ่ง', 's'],
        [2, 2, 'หนึ่ง', 's'],
        [2, 3, 'ศูนย์', 's'],
        [2, 6, 'หนึ่ง', 's'],
        [2, 7, 'หนึ่ง', 's'],
      ]);
    });

    it('style indexes in every spelling decide dates the same way', () => {
      const wb = okBoth(
        oneSheet(
          '<row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s=" 1"><v>45000</v></c><c r="C1" s="1.0"><v>45000</v></c><c r="D1" s=""><v>45000</v></c>' +
            '<c r="E1" s="-0"><v>45000</v></c><c r="F1" s="01"><v>45000.5</v></c><c r="G1" s="x"><v>45000</v></c><c r="H1" s="9"><v>45000</v></c>' +
            '<c r="I1" s="1"><v>-5</v></c><c r="J1" s="1"><v>99999999</v></c><c r="K1" s="0"><v>45000</v></c></row>',
          { styles: stylesXml({}, [14, 14]) },
        ),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, '2023-03-15', 'd'],
        [1, 2, '2023-03-15', 'd'],
        [1, 3, '2023-03-15', 'd'],
        [1, 4, '2023-03-15', 'd'],
        [1, 5, '2023-03-15', 'd'],
        [1, 6, '2023-03-15T12:00:00', 'd'],
        [1, 7, 45000, 'n'],
        [1, 8, 45000, 'n'],
        [1, 9, -5, 'n'],
        [1, 10, 99999999, 'n'],
        [1, 11, '2023-03-15', 'd'],
      ]);
    });

    it('huge coordinates and merges without allocating by coordinates', () => {
      const wb = okBoth(
        oneSheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c><c r="$B$1048576"><v>2</v></c></row>', {
          after: '<mergeCells count="4"><mergeCell ref="A1:H1"/><mergeCell ref=\'B2:XFE2\'/><mergeCell ref="C3:A1"/><mergeCell ref="bogus"/><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        }),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1_048_576, 2, 2, 'n'],
        [1_048_576, 16_384, 1, 'n'],
      ]);
      assert.deepStrictEqual(wb.sheets[0]?.merges, [
        { startRow: 1, startCol: 1, endRow: 1, endCol: 8 },
        { startRow: 2, startCol: 2, endRow: 2, endCol: 16_384 },
        { startRow: 1, startCol: 1, endRow: 3, endCol: 3 },
        { startRow: 1, startCol: 1, endRow: 1_048_576, endCol: 16_384 },
      ]);
      assert.deepStrictEqual(
        wb.issues.map((i) => [i.code, i.ref]),
        [['workbook.merge-clipped', 'B2:XFE2']],
      );
    });

    it('comments and processing instructions anywhere, text split around them', () => {
      const wb = okBoth(
        rawSheet(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- before --><?pi before?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>` +
            '<row r="1"><!-- note --><c r="A1"><v>1<!-- x -->2</v></c><?pi data?><c r="B1" t="inlineStr"><is><t>a<!--y-->b<?z?>c</t></is></c></row>' +
            '</sheetData></worksheet>\n<!-- after -->\n',
        ),
      );
      assert.deepStrictEqual(cellsOf(wb), [
        [1, 1, 12, 'n'],
        [1, 2, 'abc', 's'],
      ]);
    });

    it('prologs: byte-order marks, XML declarations, a DOCTYPE (left to saxes)', () => {
      const body = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
      for (const prolog of [
        '',
        '\uFEFF',
        '\uFEFF\uFEFF',
        "<?xml version='1.0' encoding='utf-8'?>",
        '<?xml  version="1.0" ?>\n',
        '<?xml version="1.0"?><!DOCTYPE worksheet>',
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "x">]>',
        '<?xml version="1.1"?>',
      ]) {
        const wb = okBoth(rawSheet(prolog + body));
        assert.deepStrictEqual(cellsOf(wb), [[1, 1, 1, 'n']], JSON.stringify(prolog));
      }
    });

    it('odd nestings behave as in the saxes path, quirks included', () => {
      for (const data of [
        '<row r="1"><c r="A1"><v>1<c r="B1">2</c></v></c></row>',
        '<row r="1"><c r="A1"><v>1<c r="B1"/>2</v></c></row>',
        '<row r="1"><c r="A1"><t>x</t></c><c r="B1"><v>1</v><v>2</v></c><c r="C1"><f>A1</f><f>B1</f></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t><rPh><t>b</t></rPh><t>c</t></is><v>9</v></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><v>1</v><is><r><t>x</t></r></is></c></row>',
        '<row r="1"><row r="3"><c><v>1</v></c></row><c><v>2</v></c></row>',
        '<row r="2"><c r="A2"><v>1</v></c></row><mergeCell ref="A1:B2"/>',
        '<row r="3"><c r="B3"><v>2</v></c><c r="A3"><v>1</v></c><c r="A3"><v>9</v></c></row><row r="1"><c r="A1"><v>0</v></c></row><row r="3"><c r="C3"><v>3</v></c></row>',
        '<row r="0"><c><v>1</v></c></row><row r="1.0"><c><v>2</v></c></row><row r=" 4 "><c><v>4</v></c></row><row r="x"><c r="C9"><v>9</v></c></row>',
        '<row r="1"><c r="1A"><v>1</v></c><c r=""><v>2</v></c><c r="$"><v>3</v></c><c r="B"><v>4</v></c></row>',
      ]) {
        okBoth(oneSheet(data));
      }
      okBoth(oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>', { after: '<extra><c r="B1"><v>2</v></c><v>3</v></extra>' }));
      okBoth(rawSheet(`<worksheet xmlns="${MAIN_NS}"><row r="1"><c r="A1"><v>1</v></c></row></worksheet>`));
      okBoth(rawSheet(`<worksheet xmlns="${MAIN_NS}"/>`));
    });

    it('cells at the edges of the plain-cell shortcut read as token by token', () => {
      const cells = [
        '<c r="A1" t="s" s="1"><v>0</v></c>',
        '<c  r="B1"  t="n"   ><v>1</v></c>',
        '<c r="C1" />',
        '<c/>',
        '<c><v>5</v></c>',
        "<c r='F1' t='s'><v>0</v></c>",
        '<c r="G1" t="str"><v>x y</v></c>',
        '<c r="H1" s="x1"><v>5</v></c>',
        '<c r="I1"><v></v></c>',
        '<c r="J1"><v>1</v> </c>',
        '<c r="K1"><v>a&amp;b</v></c>',
        '<c r="L1" cm="1"><v>1</v></c>',
        '<c r="$M$1"><v>1</v></c>',
        '<c r="N1"\tt="s"><v>0</v></c>',
        '<c r="O1" t="inlineStr"><is><t>x</t></is></c>',
        '<c r="P1"><f>1+1</f><v>2</v></c>',
        '<c r="Q1"><v>1\n2</v></c>',
        '<c r="R1"><v>1</v></c><cc r="S1"/>',
        '<c r="T1" t="b"><v>1</v></c>',
        '<c r="U1" s="1"><v>45000.25</v></c>',
        '<c r="V1"><v>1&gt;0</v></c>',
        '<c r="W1" t=""><v>1</v></c>',
        '<c r="X1" r2="1"><v>1</v></c>',
      ];
      const wb = okBoth(oneSheet(`<row r="1">${cells.join('')}</row>`, { sharedStrings: ['ก'], styles: stylesXml({}, [0, 14]) }));
      assert.equal(wb.sheets[0]?.rows[0]?.cells.length, 20);
      for (const bad of [
        '<c r="A1" r="B1"><v>1</v></c>',
        '<c r="A1" t="s" t="n"><v>1</v></c>',
        '<c r="A1"><v>1</v></cx>',
        '<c r="A1"><v>1</v></c',
        '<c r="A1"><v>1</c></v>',
        '<c r="A1" s=1><v>1</v></c>',
        '<c r="A1"t="s"><v>1</v></c>',
        '<c r="A1"><v>1\u0001</v></c>',
      ]) {
        const r = readBoth(oneSheet(`<row r="1">${bad}</row>`));
        assert.equal(r.ok ? 'ok' : r.code, 'workbook.read-failed', bad);
      }
    });

    it('tags with many attributes, and a duplicate among many', () => {
      const many = (n: number): string => Array.from({ length: n }, (_, i) => `x${i}="${i}"`).join(' ');
      const wb = okBoth(oneSheet(`<row ${many(20)} r="2"><c ${many(9)} r="B2" ${many(30).replace(/x/g, 'y')} t="s"><v>0</v></c></row>`, { sharedStrings: ['ก'] }));
      assert.deepStrictEqual(cellsOf(wb), [[2, 2, 'ก', 's']]);
      for (const dup of [`<row ${many(20)} x3="again"/>`, `<row ${many(20)} x19="again"/>`, `<row ${many(5)} x3="again"/>`]) {
        const r = readBoth(oneSheet(dup));
        assert.equal(r.ok ? 'ok' : r.code, 'workbook.read-failed');
      }
    });

    it('a tag with 100,000 attributes costs linear time', () => {
      const tag = `<row r="1" ${Array.from({ length: 100_000 }, (_, i) => `a${i}="${i}"`).join(' ')}><c r="A1"><v>1</v></c></row>`;
      const xml = sheetXml(tag);
      const t0 = performance.now();
      const scanned = scanWorksheet(xml, ctx());
      const ms = performance.now() - t0;
      assert.equal(scanned?.rows.length, 1);
      assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
      assert.equal(scanOutcome(() => scanWorksheet(sheetXml(tag.replace('a99999=', 'a5=')), ctx())), 'syntax');
    });

    it('shared strings parts in every shape', () => {
      for (const sst of [
        `<sst xmlns="${MAIN_NS}"><si><t>ก</t></si>\n<si><t/></si><si/><si><r><t>ข</t></r><r><t xml:space="preserve"> ค</t></r></si></sst>`,
        `<sst xmlns="${MAIN_NS}"><si><t>a&amp;b&#x0E01;</t></si><si><t><![CDATA[x]]></t></si><si><t>l1\r\nl2</t></si><si><t>_x0041__x005f_</t></si></sst>`,
        `<x:sst xmlns:x="${MAIN_NS}"><x:si><x:t>p</x:t></x:si><si><t>q</t></si><y:si xmlns:y="urn:y"><y:t>r</y:t></y:si></x:sst>`,
        `<sst xmlns="${MAIN_NS}"><si><t>a</t><rPh><t>b</t></rPh><phoneticPr fontId="1"/></si><rPh><si><t>c</t></si></rPh><si><t>d</t></si></sst>`,
        `<sst xmlns="${MAIN_NS}"><si><t>a<!--c-->b</t></si><t>stray</t><si>loose<t>c</t></si></sst>`,
      ]) {
        okBoth(
          craftXlsx({
            sheets: [{ name: 'S', xml: sheetXml('<row r="1">' + [0, 1, 2, 3, 4].map((i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('') + '</row>') }],
            sharedStrings: sst,
          }),
        );
      }
    });
  });

  describe('malformed XML fails the read, as with saxes', () => {
    const malformed: string[] = [
      '<row r="1"><c r="A1"><v>1</v></row>',
      '<row r="1"><c r="A1"><v>1</v></c>',
      '<row r="1"><c r="A1"><v>1</V></c></row>',
      '<row r="1"><c r="A1"><v>&bogus;</v></c></row>',
      '<row r="1"><c r="A1"><v>a & b</v></c></row>',
      '<row r="1"><c r="A1"><v>&amp</v></c></row>',
      '<row r="1"><c r="A1"><v>&#0;</v></c></row>',
      '<row r="1"><c r="A1"><v>&#X41;</v></c></row>',
      '<row r="1"><c r="A1"><v>&#xD800;</v></c></row>',
      '<row r="1"><c r="A1"><v>&#;</v></c></row>',
      '<row r="1"><c r="A1"><v>&;</v></c></row>',
      '<row r="1"><c r="A<1"><v>1</v></c></row>',
      '<row r="1"><c r=A1><v>1</v></c></row>',
      '<row r="1"><c r="A1" r="B1"><v>1</v></c></row>',
      '<row r="1"><c r="A1"t="s"><v>1</v></c></row>',
      '<row r="1"><c r><v>1</v></c></row>',
      '<row r="1"><c r="A1"/ ></row>',
      '<row r="1"><c r="A1"><v>\u0001</v></c></row>',
      '<row r="1"><c r="A1" t="\u0002"><v>1</v></c></row>',
      '<row r="1"><c r="A1"><v>\uFFFE</v></c></row>',
      '<row r="1"><c r="A1"><v>]]></v></c></row>',
      '<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet><worksheet><sheetData>',
      '<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>trailing<x><sheetData>',
      '<row r="1"><!-- a -- b --></row>',
      '<row r="1"><!-- a ---></row>',
      '<row r="1"><!DOCTYPE x></row>',
      '<row r="1"><?xml version="1.0"?></row>',
      '<row r="1"><?XML x?></row>',
      '<row r="1"><? x?></row>',
      '<row r="1"><1c/></row>',
      '<row r="1"></></row>',
      '<row r="1"><c r="A1"></c ></row x>',
      '<row r="1"><![CDATA[x]]</row>',
      '<row r="1"><!x></row>',
      '<row r="1"><c r="A1"><v>1</v></c></row',
      '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="s"',
      '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="',
      '<row r="1"><c r="A1"><v>1</v></c></row><!-- unterminated',
      '<row r="1"><c r="A1"><v><![CDATA[unterminated',
      '<row r="1"><c r="A1"><v>1</v></c></row><?pi unterminated',
      '<row r="1"><a\u{F0000}/></row>',
    ];
    it(`${malformed.length} malformed worksheets → workbook.read-failed with both parsers`, () => {
      for (const data of malformed) {
        const r = readBoth(oneSheet(data));
        assert.equal(r.ok, false, JSON.stringify(data));
        if (!r.ok) assert.equal(r.code, 'workbook.read-failed', JSON.stringify(data));
      }
      for (const whole of [
        '',
        '   ',
        'text',
        `<?xml version="1.0"?>`,
        ` <?xml version="1.0"?><worksheet xmlns="${MAIN_NS}"/>`,
        `<?xml version="1.0" standalone="yes" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"/>`,
        `<worksheet xmlns="${MAIN_NS}"/><worksheet/>`,
        `<![CDATA[x]]><worksheet xmlns="${MAIN_NS}"/>`,
      ]) {
        const r = readBoth(rawSheet(whole));
        assert.equal(r.ok, false, JSON.stringify(whole));
      }
    });

    it('malformed shared strings → workbook.read-failed with both parsers', () => {
      for (const sst of [
        `<sst xmlns="${MAIN_NS}"><si><t>a</si></sst>`,
        `<sst xmlns="${MAIN_NS}"><si><t>a & b</t></si></sst>`,
        `<sst xmlns="${MAIN_NS}"><si><t>a</t></si>`,
      ]) {
        const r = readBoth(craftXlsx({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }], sharedStrings: sst }));
        assert.equal(r.ok ? 'ok' : r.code, 'workbook.read-failed', sst);
      }
    });

    it('agrees with saxes on 300 randomly damaged small sheets (seeded)', () => {
      const base = sheetXml(
        '\n<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t xml:space="preserve">ก &amp; ข</t></r><rPh><t>x</t></rPh></is></c>' +
          '<c r="C1" s="1"><v>45000</v></c><c r="D1" t="str"><f>A1&amp;"&lt;"</f><v>x&#x0E01;</v></c></row>\n' +
          "<row><c><v>1.5</v></c><c t='b'><v>1</v></c><c/><c r='E2' t=\"e\"><v>#N/A</v></c><!-- c --><c r=\"F2\"><v><![CDATA[7]]></v></c></row>" +
          '<row r="9"><c r="XFD9"><f t="shared" si="0"/><v>2</v></c></row>',
        '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
      );
      const alphabet = ['<', '>', '&', '"', "'", '/', '=', ' ', ';', '#', 'x', ']', '!', '?', '-', '\u0001', 'ก', 'a', '1', ':', '\r', '[', 'v', 'c'];
      const rand = mulberry32(0x5eed);
      const pick = (n: number): number => Math.floor(rand() * n);
      let failures = 0;
      for (let n = 0; n < 300; n++) {
        let xml = base;
        const edits = 1 + pick(3);
        for (let e = 0; e < edits; e++) {
          const at = pick(xml.length);
          const kind = pick(4);
          const ch = alphabet[pick(alphabet.length)] ?? '<';
          if (kind === 0) xml = xml.slice(0, at) + ch + xml.slice(at + 1);
          else if (kind === 1) xml = xml.slice(0, at) + xml.slice(at + 1);
          else if (kind === 2) xml = xml.slice(0, at) + ch + xml.slice(at);
          else xml = xml.slice(0, at);
        }
        const r = (() => {
          try {
            return readBoth(craftXlsx({ sheets: [{ name: 'S', xml }], sharedStrings: ['ศูนย์'], styles: stylesXml({}, [0, 14]) }));
          } catch (err) {
            throw new Error(`case ${n}: ${JSON.stringify(xml)}\n${err instanceof Error ? err.message : String(err)}`);
          }
        })();
        if (!r.ok) failures++;
      }
      // Most damage breaks the XML; some lands in text or values and still reads.
      assert.ok(failures > 100 && failures < 300, `${failures} failures`);
    });
  });

  describe('damaged 30k-row sheet: terminates, result or XmlSyntaxError', () => {
    let sheetBytes = new Uint8Array(0);
    let sstBytes = new Uint8Array(0);
    let sheet = '';
    const decoder = new TextDecoder();
    before(async () => {
      const parts = unzipSync(readFileSync(await cachedX22(30_000)));
      sheetBytes = parts['xl/worksheets/sheet1.xml'] ?? sheetBytes;
      sstBytes = parts['xl/sharedStrings.xml'] ?? sstBytes;
      sheet = decoder.decode(sheetBytes);
    });

    it('truncated at 200 random offsets: every one fails cleanly and quickly', () => {
      const rand = mulberry32(200);
      let slowest = 0;
      for (let n = 0; n < 200; n++) {
        const at = Math.floor(rand() * sheetBytes.length);
        // Cut bytes, decoded as the reader decodes a part: a flat string (a JS slice of
        // the whole would be a sliced string, which scans half as fast), and a cut
        // UTF-8 sequence turns into U+FFFD as it would in a damaged file.
        const cut = decoder.decode(sheetBytes.subarray(0, at));
        const t0 = performance.now();
        // A zero cell budget: the same scan, without building cells (the test's time).
        assert.equal(scanOutcome(() => scanWorksheet(cut, ctx(0))), 'syntax', `cut at ${at}`);
        slowest = Math.max(slowest, performance.now() - t0);
      }
      for (let n = 0; n < 50; n++) {
        const at = Math.floor(rand() * sstBytes.length);
        const cut = decoder.decode(sstBytes.subarray(0, at));
        assert.equal(scanOutcome(() => scanSharedStrings(cut)), 'syntax', `sst cut at ${at}`);
      }
      assert.ok(slowest < 2000, `slowest truncated scan took ${slowest.toFixed(0)} ms`);
    });

    it('garbage-mutated in 40 ways: every one gives a result or a syntax error, quickly', () => {
      const rand = mulberry32(40);
      const garbage = ['<', '>', '&', '"', '/', '\u0000', '\uFFFF', ']]>', '<![CDATA[', '<!--', '</c>', '<c>', '<v>', 'ก', '\r\n'];
      let outcomes = { ok: 0, syntax: 0 };
      let slowest = 0;
      for (let n = 0; n < 40; n++) {
        let xml = sheet;
        for (let e = 0; e < 1 + Math.floor(rand() * 4); e++) {
          const at = Math.floor(rand() * xml.length);
          const g = garbage[Math.floor(rand() * garbage.length)] ?? '<';
          xml = xml.slice(0, at) + g + xml.slice(at + Math.floor(rand() * 3));
        }
        // Flat, as TextDecoder gives parts to the reader (see above).
        xml = decoder.decode(new TextEncoder().encode(xml));
        const t0 = performance.now();
        const outcome = scanOutcome(() => scanWorksheet(xml, ctx()));
        slowest = Math.max(slowest, performance.now() - t0);
        outcomes = { ...outcomes, [outcome]: outcomes[outcome] + 1 };
      }
      assert.ok(outcomes.syntax > 0, JSON.stringify(outcomes));
      assert.ok(slowest < 2000, `slowest mutated scan took ${slowest.toFixed(0)} ms`);
    });

    it('a truncated part through readXlsx is workbook.read-failed, not a throw', () => {
      const rows = Array.from({ length: 300 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${escapeXml(`โรงเรียน ${i}`)}</t></is></c></row>`).join('');
      const xml = sheetXml(rows);
      const rand = mulberry32(7);
      for (let n = 0; n < 20; n++) {
        const cut = xml.slice(0, 1 + Math.floor(rand() * (xml.length - 2)));
        const r = readXlsx(rawSheet(cut));
        assert.equal(r.ok ? 'ok' : r.code, 'workbook.read-failed');
      }
    });
  });

  describe('scanner warm loop (V8 optimisation cliff)', function () {
    this.timeout(180_000);

    it('60 reads of a 30k-row X2.2 workbook: slowest of the last 50 <= 4x their median, same result every time', async () => {
      const bytes = readFileSync(await cachedX22(30_000));
      const gc = exposedGc();
      let expected: string | undefined;
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
        // A full collection before every read: it is after one that V8 had dropped the
        // optimised code of scanners whose hidden classes had died (WORKBOOKS.md).
        gc?.();
        // CPU time, not wall time: the ratio is about V8, and on a shared machine a
        // neighbour taking the core would otherwise look like a cliff.
        const cpu0 = process.cpuUsage();
        const result = readXlsx(bytes);
        const cpu = process.cpuUsage(cpu0);
        times.push((cpu.user + cpu.system) / 1000);
        if (!result.ok) assert.fail(`${result.code}: ${result.detail ?? ''}`);
        if (expected === undefined) {
          assert.deepStrictEqual(result, readXlsx(bytes, DEFAULT_WORKBOOK_LIMITS, { sheetParser: 'saxes' }), 'scanner and saxes differ on the 30k-row workbook');
          assert.equal(result.sheets[0]?.rows.length, 30_003);
          expected = fingerprint(result);
        } else {
          // A fingerprint, not the first result: keeping 200k cells alive would make
          // every forced GC (and so the test) slower, and prove nothing more.
          assert.equal(fingerprint(result), expected, `read ${i + 1} differs from the first`);
        }
      }
      const last = times.slice(10).sort((a, b) => a - b);
      const median = ((last[24] ?? 0) + (last[25] ?? 0)) / 2;
      const slowest = last[last.length - 1] ?? 0;
      assert.ok(
        slowest <= 4 * median,
        `slowest ${slowest.toFixed(1)} ms > 4 x median ${median.toFixed(1)} ms; all: ${times.map((t) => t.toFixed(0)).join(' ')}`,
      );
    });
  });
});

/**
 * Everything a workbook holds, hashed (two 32-bit lanes over every field of every cell,
 * row, merge and issue; numbers by their bits), with the counts: equal fingerprints mean
 * equal workbooks for this test's purpose, and it takes a few ms where a deep comparison
 * or a JSON dump of 200k cells takes tens.
 */
function fingerprint(wb: RawWorkbook): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  let cells = 0;
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const mix = (x: number): void => {
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 ^ x, 0x85ebca6b) ^ (h2 >>> 13);
  };
  const mixNumber = (n: number): void => {
    bits[0] = n;
    mix(words[0] ?? 0);
    mix(words[1] ?? 0);
  };
  const mixString = (str: string): void => {
    mix(str.length);
    for (let i = 0; i < str.length; i++) mix(str.charCodeAt(i));
  };
  mixString(`${wb.format}|${JSON.stringify(wb.issues)}`);
  for (const sheet of wb.sheets) {
    mixString(`${sheet.name}|${JSON.stringify(sheet.merges)}`);
    mix(sheet.rows.length);
    for (const row of sheet.rows) {
      mixNumber(row.index);
      mix(row.cells.length);
      for (const c of row.cells) {
        cells++;
        mixNumber(c.col);
        mix(c.type.charCodeAt(0));
        const v = c.value;
        if (typeof v === 'number') mixNumber(v);
        else if (typeof v === 'string') mixString(v);
        else mix(v === null ? 3 : v ? 1 : 2);
        if (c.formula) {
          mixString(c.formula.text);
          mix(c.formula.cached ? 5 : 6);
        } else mix(7);
      }
    }
  }
  return `${wb.sheets.length} sheets, ${cells} cells, ${(h1 >>> 0).toString(16)}.${(h2 >>> 0).toString(16)}`;
}
