import ExcelJS from 'exceljs';
import type { Pack, TableColumn, TableLayout, LocalizedText } from '../engine/packs/model';

/**
 * Writes the blank Excel templates of a pack's prescribed tables (X2.1 … for `obec-x2`).
 *
 * Everything comes from the pack's `tables[]` layouts — column titles, widths, types,
 * vocabularies, yes/no markers, instructions and the seed citation — so a new edition or
 * framework gets its templates without code changes. The layout written here is one the
 * workbook readers accept by construction: a title row, an office-name row, then a
 * single header row whose texts are the columns' titles.
 */

/** Options of {@link writeTableTemplate}. */
export interface TableTemplateOptions {
  /**
   * Language of the visible titles (default `th`). The other language is always present
   * too: as a note on each header cell and as a second line on the instructions sheet.
   */
  lang?: 'th' | 'en';
  /** Written in the office-name row; a dotted blank line to fill in when omitted. */
  officeName?: string;
}

/** Row of the table title on the data sheet (1-based). */
export const TEMPLATE_TITLE_ROW = 1;
/** Row of the office name on the data sheet (1-based). */
export const TEMPLATE_OFFICE_ROW = 2;
/** Row of the column headers on the data sheet (1-based); the pane is frozen below it. */
export const TEMPLATE_HEADER_ROW = 3;
/**
 * How many rows below the header get data validation and cell formats. Generous for the
 * largest offices (a few hundred schools) while keeping the file small.
 */
export const TEMPLATE_DATA_ROWS = 2000;

/** Sheet names of the instructions sheet, by visible language. */
const INSTRUCTIONS_SHEET: Record<'th' | 'en', string> = { th: 'คำอธิบาย', en: 'Instructions' };
/** Hidden sheet holding list values too long (or comma-laden) for an inline list formula. */
const LISTS_SHEET = 'lists';
/** Excel rejects inline list validations whose quoted text exceeds 255 characters. */
const MAX_INLINE_LIST_CHARS = 255;

const HEADER_FILL = 'FFDDEBF7';
const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The ids of the tables a pack prescribes, in pack order (e.g. `['X2.1', 'X2.2', 'X2.3']`). */
export function tableIds(pack: Pack): string[] {
  return pack.tables.map((t) => t.id);
}

/**
 * Builds the template workbook (.xlsx bytes) of one prescribed table.
 *
 * Sheets: the data sheet, named by the layout's first `sheetNames` entry (title in row
 * {@link TEMPLATE_TITLE_ROW}, office name in row {@link TEMPLATE_OFFICE_ROW}, headers in
 * row {@link TEMPLATE_HEADER_ROW}, frozen below; list validations on `term` and `yesNo`
 * columns and text format on `schoolCode` columns for {@link TEMPLATE_DATA_ROWS} rows),
 * then an instructions sheet ("คำอธิบาย", or "Instructions" when `lang` is `en`), and,
 * only when a list is too long to write inline, a hidden sheet "lists".
 *
 * @param pack a validated pack (`PackSchema.parse` output, defaults applied)
 * @param tableId a layout id of `pack.tables`, e.g. `X2.2`
 * @throws Error when `pack` has no table `tableId` (callers are expected to check first)
 */
export async function writeTableTemplate(
  pack: Pack,
  tableId: string,
  options: TableTemplateOptions = {},
): Promise<Buffer> {
  const layout = pack.tables.find((t) => t.id === tableId);
  if (!layout) {
    const known = tableIds(pack).join(', ') || '(none)';
    throw new Error(`Unknown table "${tableId}" in pack ${pack.id}; known tables: ${known}`);
  }
  const lang = options.lang ?? 'th';

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OBEC Evidence';
  workbook.lastModifiedBy = 'OBEC Evidence';
  workbook.title = layout.title[lang];

  const lists = new ListSheet(workbook);
  writeDataSheet(workbook, pack, layout, lang, options.officeName, lists);
  writeInstructionsSheet(workbook, pack, layout, lang);

  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** The title in the visible language and the other one. */
function pick(text: LocalizedText, lang: 'th' | 'en'): { main: string; other: string } {
  return lang === 'th' ? { main: text.th, other: text.en } : { main: text.en, other: text.th };
}

function writeDataSheet(
  workbook: ExcelJS.Workbook,
  pack: Pack,
  layout: TableLayout,
  lang: 'th' | 'en',
  officeName: string | undefined,
  lists: ListSheet,
): void {
  const sheetName = layout.sheetNames[0] ?? layout.id; // the model guarantees min(1)
  const headerRow = TEMPLATE_HEADER_ROW;
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const lastCol = layout.columns.length;

  // Column formats first: cells created afterwards inherit the column style, and Excel
  // applies it to whatever the user types below the header. Text format on school codes
  // is what keeps "0100…" codes from losing their leading zeros.
  layout.columns.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.width;
    if (column.type === 'schoolCode') col.numFmt = '@';
  });

  const title = sheet.getCell(TEMPLATE_TITLE_ROW, 1);
  title.value = layout.title[lang];
  title.font = { bold: true, size: 14 };
  title.alignment = { vertical: 'middle', horizontal: 'left' };
  if (lastCol > 1) sheet.mergeCells(TEMPLATE_TITLE_ROW, 1, TEMPLATE_TITLE_ROW, lastCol);
  sheet.getRow(TEMPLATE_TITLE_ROW).height = 24;

  const office = sheet.getCell(TEMPLATE_OFFICE_ROW, 1);
  const officeLabel = lang === 'th' ? 'สำนักงานเขตพื้นที่การศึกษา' : 'Educational Service Area Office';
  office.value = `${officeLabel}: ${officeName ?? '....................................................'}`;
  office.font = { bold: true };
  if (lastCol > 1) sheet.mergeCells(TEMPLATE_OFFICE_ROW, 1, TEMPLATE_OFFICE_ROW, lastCol);

  layout.columns.forEach((column, i) => {
    const cell = sheet.getCell(headerRow, i + 1);
    const { main, other } = pick(column.title, lang);
    cell.value = main;
    // The other language rides along as a note so the header text stays exactly the
    // title (which is what the readers match) while non-Thai reviewers can still read it.
    cell.note = other;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = THIN_BORDER;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  sheet.getRow(headerRow).height = 36;
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;

  const first = headerRow + 1;
  const last = headerRow + TEMPLATE_DATA_ROWS;
  layout.columns.forEach((column, i) => {
    const validation = columnValidation(pack, column, lang, lists);
    if (!validation) return;
    const letter = sheet.getColumn(i + 1).letter;
    addRangeValidation(sheet, `${letter}${first}:${letter}${last}`, validation);
  });
}

/**
 * exceljs writes a range key of `worksheet.dataValidations` as one `<dataValidation
 * sqref="B4:B2003">`, but its typings only expose per-cell validation (which would
 * materialise thousands of cells). This narrow view names the one method used.
 */
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function addRangeValidation(sheet: ExcelJS.Worksheet, range: string, validation: ExcelJS.DataValidation): void {
  (sheet as unknown as RangeValidations).dataValidations.add(range, validation);
}

/** The validation of a column's data cells, or undefined when its type has none. */
function columnValidation(
  pack: Pack,
  column: TableColumn,
  lang: 'th' | 'en',
  lists: ListSheet,
): ExcelJS.DataValidation | undefined {
  const title = pick(column.title, lang).main;
  switch (column.type) {
    case 'term': {
      const terms = column.vocabulary ? pack.vocabularies[column.vocabulary] : undefined;
      if (!terms || terms.length === 0) return undefined;
      // Thai titles even for English templates: they are what reviewers expect to read.
      return listValidation(
        terms.map((t) => t.title.th),
        title,
        lang,
        lists,
      );
    }
    case 'yesNo':
      return listValidation(yesNoChoices(pack), title, lang, lists);
    case 'integer':
      // A warning, not a stop: the readers also accept Thai digits typed as text.
      return {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        allowBlank: true,
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: title,
        error: lang === 'th' ? 'กรอกตัวเลขจำนวนเต็ม' : 'Enter a whole number',
      };
    default:
      return undefined;
  }
}

/**
 * The two choices of a yes/no column: "ใช้" and "ไม่ใช้" when the pack accepts them (the
 * wording the X2.3 instructions use), else the pack's first yes and first no marker.
 */
export function yesNoChoices(pack: Pack): [string, string] {
  const yes = pack.yesMarkers.includes('ใช้') ? 'ใช้' : (pack.yesMarkers[0] ?? 'yes');
  const no = pack.noMarkers.includes('ไม่ใช้') ? 'ไม่ใช้' : (pack.noMarkers[0] ?? 'no');
  return [yes, no];
}

function listValidation(values: string[], title: string, lang: 'th' | 'en', lists: ListSheet): ExcelJS.DataValidation {
  const inline = `"${values.join(',')}"`;
  // An inline list cannot hold commas or quotes inside a value, nor exceed 255 chars.
  const fitsInline = inline.length <= MAX_INLINE_LIST_CHARS && values.every((v) => !/[",]/.test(v));
  return {
    type: 'list',
    allowBlank: true,
    formulae: [fitsInline ? inline : lists.add(values)],
    showErrorMessage: true,
    // Warning rather than stop: the readers accept aliases the list does not show.
    errorStyle: 'warning',
    errorTitle: title,
    error: lang === 'th' ? `เลือกจากรายการ: ${values.join(' / ')}` : `Choose one of: ${values.join(' / ')}`,
  };
}

/** Collects long lists on a hidden sheet, one column per list; the sheet exists only if needed. */
class ListSheet {
  private sheet: ExcelJS.Worksheet | undefined;
  private columns = 0;

  constructor(private readonly workbook: ExcelJS.Workbook) {}

  /** Writes `values` into the next column and returns an absolute range formula to it. */
  add(values: string[]): string {
    // Added lazily, after the data sheet, so the data sheet stays first (and active).
    const sheet = (this.sheet ??= this.workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' }));
    this.columns += 1;
    const col = this.columns;
    values.forEach((v, i) => {
      sheet.getCell(i + 1, col).value = v;
    });
    const letter = sheet.getColumn(col).letter;
    return `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${Math.max(values.length, 1)}`;
  }
}

/** How a column type is explained on the instructions sheet. */
const TYPE_TEXT: Record<TableColumn['type'], LocalizedText> = {
  text: { th: 'ข้อความ', en: 'Text' },
  integer: { th: 'ตัวเลขจำนวนเต็ม (ใช้เลขไทยได้)', en: 'Whole number (Thai digits accepted)' },
  schoolCode: {
    th: 'รหัสสถานศึกษา 10 หลัก (รหัสกระทรวง) 8 หลัก (SMIS) หรือ 6 หลัก (OBEC) จัดรูปแบบเป็นข้อความเพื่อไม่ให้เลข 0 นำหน้าหาย',
    en: 'School code: 10-digit national, 8-digit SMIS or 6-digit OBEC; formatted as text so leading zeros are kept',
  },
  term: { th: 'เลือกจากรายการ', en: 'One value from a list' },
  systemList: {
    th: 'ชื่อระบบที่ใช้ หากมีหลายระบบให้คั่นด้วยจุลภาค (,)',
    en: 'Name(s) of the system(s) used, comma-separated',
  },
  yesNo: { th: 'ใช้ / ไม่ใช้', en: 'Yes / no' },
  url: { th: 'ลิงก์ (ที่อยู่เว็บไซต์ เช่น https://…)', en: 'Link (web address, e.g. https://…)' },
};

/** The values a column accepts, in both languages, derived from the pack. */
function acceptedValues(pack: Pack, column: TableColumn): LocalizedText {
  switch (column.type) {
    case 'term': {
      const terms = column.vocabulary ? (pack.vocabularies[column.vocabulary] ?? []) : [];
      if (terms.length === 0) return { th: '-', en: '-' };
      return {
        th: terms.map((t) => t.title.th).join(' / '),
        en: terms.map((t) => t.title.en).join(' / '),
      };
    }
    case 'yesNo': {
      const yes = pack.yesMarkers.join(', ');
      const no = pack.noMarkers.join(', ');
      return { th: `ใช้: ${yes}\nไม่ใช้: ${no}`, en: `Yes: ${yes}\nNo: ${no}` };
    }
    case 'systemList': {
      const none = pack.noneMarkers.join(', ');
      return {
        th: `ชื่อระบบ; ไม่มีระบบให้กรอก ${none} หรือเว้นว่าง`,
        en: `System names; for none write ${none} or leave empty`,
      };
    }
    case 'schoolCode':
      return { th: 'ตัวเลข 10, 8 หรือ 6 หลัก', en: '10, 8 or 6 digits' };
    case 'integer':
      return { th: '1, 2, 3 … หรือ ๑, ๒, ๓ …', en: '1, 2, 3 … or Thai digits ๑, ๒, ๓ …' };
    case 'url':
      return { th: 'https://…', en: 'https://…' };
    case 'text':
      return { th: 'ข้อความใดก็ได้', en: 'Any text' };
  }
}

function writeInstructionsSheet(workbook: ExcelJS.Workbook, pack: Pack, layout: TableLayout, lang: 'th' | 'en'): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET[lang]);
  sheet.columns = [{ width: 8 }, { width: 34 }, { width: 44 }, { width: 16 }, { width: 48 }];
  const both = (t: LocalizedText): string => {
    const { main, other } = pick(t, lang);
    return `${main}\n${other}`;
  };
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

  let row = 1;
  const heading = (t: LocalizedText, size = 12): void => {
    const { main, other } = pick(t, lang);
    const cell = sheet.getCell(row, 1);
    cell.value = main;
    cell.font = { bold: true, size };
    sheet.mergeCells(row, 1, row, 5);
    row += 1;
    const sub = sheet.getCell(row, 1);
    sub.value = other;
    sub.font = { italic: true, color: { argb: 'FF595959' } };
    sheet.mergeCells(row, 1, row, 5);
    row += 2;
  };

  heading(layout.title, 14);
  heading({ th: 'รายละเอียดคอลัมน์', en: 'Columns' });

  const headers: LocalizedText[] = [
    { th: 'ลำดับ', en: 'No.' },
    { th: 'คอลัมน์', en: 'Column' },
    { th: 'ชนิดข้อมูล', en: 'Type' },
    { th: 'จำเป็นต้องกรอก', en: 'Required' },
    { th: 'ค่าที่รับได้', en: 'Accepted values' },
  ];
  headers.forEach((h, i) => {
    const cell = sheet.getCell(row, i + 1);
    cell.value = both(h);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = THIN_BORDER;
    cell.alignment = wrap;
  });
  row += 1;

  layout.columns.forEach((column, i) => {
    const required: LocalizedText = column.required
      ? { th: 'ต้องกรอก', en: 'Required' }
      : { th: 'ไม่บังคับ', en: 'Optional' };
    const values = [
      String(i + 1),
      both(column.title),
      both(TYPE_TEXT[column.type]),
      both(required),
      both(acceptedValues(pack, column)),
    ];
    values.forEach((v, j) => {
      const cell = sheet.getCell(row, j + 1);
      cell.value = v;
      cell.border = THIN_BORDER;
      cell.alignment = wrap;
    });
    row += 1;
  });
  row += 1;

  if (layout.instructions.length > 0) {
    heading({ th: 'คำแนะนำการกรอกข้อมูล', en: 'How to fill in the table' });
    layout.instructions.forEach((text, i) => {
      const { main, other } = pick(text, lang);
      sheet.getCell(row, 1).value = `${i + 1}.`;
      sheet.getCell(row, 2).value = main;
      sheet.mergeCells(row, 2, row, 5);
      sheet.getCell(row, 2).alignment = wrap;
      row += 1;
      const sub = sheet.getCell(row, 2);
      sub.value = other;
      sub.font = { italic: true, color: { argb: 'FF595959' } };
      sheet.mergeCells(row, 2, row, 5);
      sub.alignment = wrap;
      row += 1;
    });
    row += 1;
  }

  heading({ th: 'ที่มา', en: 'Source' });
  const citation = `${pack.id} ${pack.edition}: ${layout.source.seed} — ${layout.source.section}`;
  sheet.getCell(row, 1).value = citation;
  sheet.mergeCells(row, 1, row, 5);
}
