import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { PackSchema, type Pack } from '../../server/src/engine/packs/model';
import {
  TEMPLATE_HEADER_ROW,
  tableIds,
  writeTableTemplate,
  yesNoChoices,
} from '../../server/src/templates/templateWriter';

const PACK_FILE = path.join(__dirname, '..', '..', 'schemas', 'obec-x2.pack.yaml');

/** The text of a cell whether exceljs gives it as a string or as rich text. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

describe('templates/templateWriter', () => {
  let pack: Pack;
  let dir: string;

  before(() => {
    pack = PackSchema.parse(YAML.parse(fs.readFileSync(PACK_FILE, 'utf8')));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obec-templates-'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the pack tables in order', () => {
    assert.deepEqual(tableIds(pack), ['X2.1', 'X2.2', 'X2.3']);
  });

  it('rejects an unknown table id with a clear message', async () => {
    await assert.rejects(writeTableTemplate(pack, 'X9.9'), /Unknown table "X9\.9".*X2\.1, X2\.2, X2\.3/);
  });

  for (const id of ['X2.1', 'X2.2', 'X2.3']) {
    describe(id, () => {
      let book: ExcelJS.Workbook;
      let layout: Pack['tables'][number];

      before(async () => {
        const found = pack.tables.find((t) => t.id === id);
        assert.ok(found, `pack has ${id}`);
        layout = found;
        const file = path.join(dir, `${id}.xlsx`);
        fs.writeFileSync(file, await writeTableTemplate(pack, id, { officeName: 'สพป.ทดสอบ เขต 1' }));
        book = new ExcelJS.Workbook();
        await book.xlsx.readFile(file);
      });

      function dataSheet(): ExcelJS.Worksheet {
        const sheet = book.getWorksheet(layout.sheetNames[0] ?? '');
        assert.ok(sheet, `sheet ${layout.sheetNames[0]} exists`);
        return sheet;
      }

      it('has the creator set', () => {
        assert.equal(book.creator, 'OBEC Evidence');
      });

      it('writes the Thai column titles in order in the header row', () => {
        const row = dataSheet().getRow(TEMPLATE_HEADER_ROW);
        const texts = layout.columns.map((_, i) => cellText(row.getCell(i + 1)));
        assert.deepEqual(
          texts,
          layout.columns.map((c) => c.title.th),
        );
        assert.equal(cellText(row.getCell(layout.columns.length + 1)), '', 'nothing after the last column');
      });

      it('writes the title and the office name above the header', () => {
        const sheet = dataSheet();
        assert.equal(cellText(sheet.getCell(1, 1)), layout.title.th);
        assert.match(cellText(sheet.getCell(2, 1)), /สพป\.ทดสอบ เขต 1/);
      });

      it('freezes the pane below the header', () => {
        const view = dataSheet().views[0];
        assert.ok(view);
        assert.equal(view.state, 'frozen');
        assert.equal((view as { ySplit?: number }).ySplit, TEMPLATE_HEADER_ROW);
      });

      it('sets column widths from the pack', () => {
        const sheet = dataSheet();
        layout.columns.forEach((c, i) => assert.equal(sheet.getColumn(i + 1).width, c.width, c.id));
      });

      it('validates yes/no and term columns with lists', () => {
        const sheet = dataSheet();
        const listed = layout.columns
          .map((c, i) => ({ c, i }))
          .filter(({ c }) => c.type === 'yesNo' || c.type === 'term');
        for (const { c, i } of listed) {
          const dv = sheet.getCell(TEMPLATE_HEADER_ROW + 1, i + 1).dataValidation;
          assert.ok(dv, `validation on the first data cell of ${c.id}`);
          assert.equal(dv.type, 'list');
          const formula = String(dv.formulae[0]);
          if (c.type === 'yesNo') {
            const [yes, no] = yesNoChoices(pack);
            assert.equal(formula, `"${yes},${no}"`);
          } else {
            for (const term of pack.vocabularies[c.vocabulary ?? ''] ?? []) {
              assert.ok(formula.includes(term.title.th), `${c.id} list offers ${term.title.th}`);
            }
          }
          assert.ok(sheet.getCell(TEMPLATE_HEADER_ROW + 500, i + 1).dataValidation, `${c.id} deeper rows too`);
        }
        if (id !== 'X2.2') assert.ok(listed.length > 0, `${id} has a list column`);
      });

      it('formats school-code columns as text', () => {
        const sheet = dataSheet();
        layout.columns.forEach((c, i) => {
          if (c.type === 'schoolCode') assert.equal(sheet.getColumn(i + 1).numFmt, '@', c.id);
        });
      });

      it('has an instructions sheet naming every column, the instructions and the seed', () => {
        const sheet = book.getWorksheet('คำอธิบาย');
        assert.ok(sheet, 'instructions sheet');
        const texts: string[] = [];
        sheet.eachRow((row) => row.eachCell((cell) => texts.push(cellText(cell))));
        const all = texts.join('\n');
        for (const c of layout.columns) {
          assert.ok(all.includes(c.title.th), `mentions ${c.title.th}`);
          assert.ok(all.includes(c.title.en), `mentions ${c.title.en}`);
        }
        for (const ins of layout.instructions) assert.ok(all.includes(ins.th), `instruction ${ins.th}`);
        assert.ok(all.includes(layout.source.seed) && all.includes(layout.source.section), 'cites the seed');
      });
    });
  }

  it('moves a list with commas in its values to a hidden sheet', async () => {
    const owners = pack.vocabularies['owners'] ?? [];
    const edited: Pack = {
      ...pack,
      vocabularies: {
        ...pack.vocabularies,
        owners: owners.map((t, i) => (i === 0 ? { ...t, title: { ...t.title, th: 'ระบบของ สพฐ., ส่วนกลาง' } } : t)),
      },
    };
    const file = path.join(dir, 'X2.1-lists.xlsx');
    fs.writeFileSync(file, await writeTableTemplate(edited, 'X2.1'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const lists = book.getWorksheet('lists');
    assert.ok(lists, 'hidden lists sheet');
    assert.equal(lists.state, 'hidden');
    assert.equal(cellText(lists.getCell('A1')), 'ระบบของ สพฐ., ส่วนกลาง');
    const ownerCol = (pack.tables[0]?.columns.findIndex((c) => c.id === 'owner') ?? -1) + 1;
    const dv = book.getWorksheet('X2.1')?.getCell(TEMPLATE_HEADER_ROW + 1, ownerCol).dataValidation;
    assert.equal(dv?.formulae[0], `'lists'!$A$1:$A$${owners.length}`);
    assert.equal(book.worksheets[0]?.name, 'X2.1', 'the data sheet stays first');
  });

  it('writes English titles (Thai in the notes) when asked', async () => {
    const file = path.join(dir, 'X2.3-en.xlsx');
    fs.writeFileSync(file, await writeTableTemplate(pack, 'X2.3', { lang: 'en' }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const layout = pack.tables.find((t) => t.id === 'X2.3');
    assert.ok(layout);
    const row = book.getWorksheet('X2.3')?.getRow(TEMPLATE_HEADER_ROW);
    assert.ok(row);
    assert.deepEqual(
      layout.columns.map((_, i) => cellText(row.getCell(i + 1))),
      layout.columns.map((c) => c.title.en),
    );
    assert.ok(book.getWorksheet('Instructions'));
  });
});
