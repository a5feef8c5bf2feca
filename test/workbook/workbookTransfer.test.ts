import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readXlsx } from '../../server/src/engine/workbook/xlsxReader';
import { decodeWorkbook, encodeWorkbook } from '../../server/src/node/workbookTransfer';
import { craftXlsx, sheetXml, tempDir, writeFeatureWorkbook } from './fixtures';

/** What the pool does: encode in the worker, move across a thread boundary, decode. */
function roundTrip(bytes: Uint8Array): { before: ReturnType<typeof readXlsx>; after: ReturnType<typeof readXlsx> } {
  const before = readXlsx(bytes);
  const { message, transfer } = encodeWorkbook(before);
  return { before, after: decodeWorkbook(structuredClone(message, { transfer })) };
}

function xlsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? xlsxFiles(p) : n.endsWith('.xlsx') ? [p] : [];
  });
}

describe('workbook transfer between the worker and the main thread', () => {
  it('gives back exactly the workbook read, for every sample workbook (including failures)', () => {
    const files = xlsxFiles(path.resolve(__dirname, '../../samples'));
    assert.ok(files.length >= 6);
    for (const f of files) {
      const { before, after } = roundTrip(readFileSync(f));
      assert.deepStrictEqual(after, before, f);
    }
  });

  it('keeps Thai text, dates, booleans, errors, empty and cached/uncached formulas', async () => {
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'feature.xlsx');
      await writeFeatureWorkbook(file, 300);
      const feature = roundTrip(readFileSync(file));
      assert.ok(feature.before.ok);
      assert.deepStrictEqual(feature.after, feature.before);
    } finally {
      t.cleanup();
    }
    const crafted = craftXlsx({
      sheets: [
        {
          name: 'X2.3',
          xml: sheetXml(
            '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#DIV/0!</v></c>' +
              '<c r="D1" t="str"><f>IF(F1&gt;0,"ใช้","ไม่ใช้")</f></c><c r="E1"><f>SUM(1,2)</f><v>3</v></c>' +
              '<c r="F1" t="inlineStr"><is><t>โรงเรียนบ้าน\u0E01</t></is></c><c r="G1"><v>-0.5</v></c></row>',
            '<mergeCells count="1"><mergeCell ref="A3:H3"/></mergeCells>',
          ),
        },
      ],
    });
    const { before, after } = roundTrip(crafted);
    assert.ok(before.ok, JSON.stringify(before));
    assert.deepStrictEqual(after, before);
    const cells = before.ok ? before.sheets[0]!.rows[0]!.cells : [];
    assert.deepEqual(
      cells.map((c) => [c.type, c.value, c.formula?.cached ?? null]),
      [
        ['b', true, null],
        ['b', false, null],
        ['e', '#DIV/0!', null],
        ['s', null, false],
        ['n', 3, true],
        ['s', 'โรงเรียนบ้านก', null],
        ['n', -0.5, null],
      ],
    );
  });

  it('moves the column buffers instead of copying them', () => {
    const bytes = readFileSync(path.resolve(__dirname, '../../samples/srinakhara-1/tables/X2.2-school-systems.xlsx'));
    const { message, transfer } = encodeWorkbook(readXlsx(bytes));
    assert.ok(transfer.length >= 5);
    structuredClone(message, { transfer });
    // A transferred buffer is detached on the sending side.
    assert.equal(transfer[0]!.byteLength, 0);
  });
});
