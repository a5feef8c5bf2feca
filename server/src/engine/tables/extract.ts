import { finding, type Finding } from '../diagnostics';
import type { Pack, TableColumn, TableLayout, VocabularyTerm } from '../packs/model';
import { classifySchoolCode, listOf, normaliseLabel, parseWholeNumber } from '../text';
import { cellRef, type CellRange, type RawCell, type RawSheet, type RawWorkbook } from '../workbook/model';

/** One data cell of a recognised table. */
export interface TableCell {
  /** A1 reference in the sheet. */
  readonly ref: string;
  /** The value as read (cached value for formulas; merged ranges spread from their top-left). */
  readonly value: string | number | boolean | null;
  /** Display text, NFC, trimmed ('' for empty). */
  readonly text: string;
  /** The formula has no cached value: the cell's meaning is unknown, not empty. */
  readonly notCalculated?: string;
}

export interface TableRow {
  /** 1-based sheet row. */
  readonly row: number;
  readonly cells: Readonly<Record<string, TableCell | undefined>>;
}

/** A measured figure; `value` is undefined when it cannot be trusted (see `unavailable`). */
export interface MeasureValue {
  readonly id: string;
  /** Counts are whole numbers; percents are 0–100, rounded half-up to the pack's percentDecimals. */
  readonly value?: number;
  readonly unavailable?: 'not-calculated' | 'no-rows';
  /** For `distinctTerms`: the vocabulary ids found and those missing. */
  readonly termsFound?: readonly string[];
  readonly termsMissing?: readonly string[];
  /** For percent measures: the numerator and denominator used. */
  readonly ratio?: { readonly of: number; readonly over: number };
}

export interface SchoolListing {
  readonly code: string;
  readonly name: string;
  readonly row: number;
  readonly ref: string;
}

/** A table (X2.1 …) recognised in a workbook, with its figures and findings. */
export interface TableResult {
  readonly table: string;
  readonly path: string;
  readonly sheet?: string;
  /** 1-based row of the (last) header row. */
  readonly headerRow?: number;
  /** Column id → 1-based sheet column. */
  readonly columns: Readonly<Record<string, number>>;
  readonly rows: readonly TableRow[];
  readonly measures: Readonly<Record<string, MeasureValue>>;
  /** Schools by normalised code (tables with a school-code key column). */
  readonly schools: ReadonlyMap<string, SchoolListing>;
  readonly findings: readonly Finding[];
}

/** Merges larger than this many cells are not spread over their cells (a 6 KB file can declare A1:XFD1048576). */
const MAX_SPREAD_MERGE_CELLS = 10_000;
/** Header rows are looked for among the first rows of a sheet. */
const HEADER_SCAN_ROWS = 30;

/**
 * Finds `layout` in a workbook and reads its data rows: the preferred sheet by name, else
 * the sheet whose header matches best; the header row (one row, or two where a merged
 * group heading sits above sub-headings) by matching cell texts against column aliases
 * in any order, Thai or English; data rows below it, skipping blank rows and stopping at
 * a totals row. Computes the layout's measures. Findings are located by sheet and cell.
 */
export function extractTable(workbook: RawWorkbook, layout: TableLayout, pack: Pack, path: string): TableResult {
  const findings: Finding[] = [];
  const at = (sheet?: string, cell?: string) => ({ kind: 'cell' as const, path, ...(sheet ? { sheet } : {}), ...(cell ? { cell } : {}) });
  const empty = (sheet?: string): TableResult => ({ table: layout.id, path, ...(sheet ? { sheet } : {}), columns: {}, rows: [], measures: {}, schools: new Map(), findings });

  for (const issue of workbook.issues) {
    if (issue.code === 'workbook.macro-enabled') findings.push(finding(issue.code, at(), { file: basename(path) }));
    else if (issue.code === 'workbook.merge-clipped') findings.push(finding(issue.code, at(issue.sheet, issue.ref), { ref: issue.ref ?? '' }));
    else findings.push(finding(issue.code, at(issue.sheet), { sheet: issue.sheet ?? '' }));
  }

  const wanted = new Set(layout.sheetNames.map(normaliseLabel));
  const candidates = [...workbook.sheets].sort((a, b) => Number(wanted.has(normaliseLabel(b.name))) - Number(wanted.has(normaliseLabel(a.name))));
  let best: { sheet: RawSheet; header: HeaderMatch } | undefined;
  for (const sheet of candidates) {
    const header = findHeader(sheet, layout);
    if (!header) continue;
    const preferred = wanted.has(normaliseLabel(sheet.name));
    if (!best || header.score > best.header.score || (preferred && header.score === best.header.score)) best = { sheet, header };
    if (preferred && header.missing.length === 0) break;
  }
  const requiredTitles = layout.columns.filter((c) => c.required).map((c) => `"${c.title.th}"`);
  if (!best || best.header.found.size === 0) {
    findings.push(finding('table.header.not-found', at(candidates[0]?.name), { table: layout.id, columns: listOf(requiredTitles) }));
    return empty(candidates[0]?.name);
  }
  const { sheet, header } = best;
  for (const col of header.missing) {
    findings.push(
      finding('table.header.missing-column', at(sheet.name, cellRef(header.row, 1)), {
        table: layout.id,
        column: col.title,
        aliases: listOf(col.aliases.slice(0, 4).map((a) => `"${a}"`)),
      }),
    );
  }
  if (header.missing.length > 0) return { ...empty(sheet.name), headerRow: header.row, columns: Object.fromEntries(header.found) };

  const spreads = spreadableMerges(sheet.merges, header.row);
  // A merge too large to spread (a 6 KB file can declare A1:XFD1048576) is reported, not expanded.
  const clippedByReader = new Set(workbook.issues.filter((i) => i.code === 'workbook.merge-clipped' && i.sheet === sheet.name).map((i) => (i.ref ?? '').split(':')[0]));
  for (const m of sheet.merges) {
    if (clippedByReader.has(cellRef(m.startRow, m.startCol))) continue; // already reported by the reader
    if (m.endRow > header.row && (m.endRow - m.startRow + 1) * (m.endCol - m.startCol + 1) > MAX_SPREAD_MERGE_CELLS) {
      const ref = `${cellRef(m.startRow, m.startCol)}:${cellRef(m.endRow, m.endCol)}`;
      findings.push(finding('workbook.merge-clipped', at(sheet.name, cellRef(m.startRow, m.startCol)), { ref }));
    }
  }
  const columnsById = new Map(layout.columns.map((c) => [c.id, c]));
  const rows: TableRow[] = [];
  const totals = layout.totalsRowMarkers.map(normaliseLabel);
  const mappedCols = [...header.found.values()];
  const minCol = Math.min(...mappedCols);
  for (const raw of sheet.rows) {
    if (raw.index <= header.row) continue;
    const byCol = new Map(raw.cells.map((c) => [c.col, c]));
    const cells: Record<string, TableCell | undefined> = {};
    let any = false;
    for (const [id, col] of header.found) {
      const cell = readCell(byCol.get(col), raw.index, col, spreads, sheet);
      if (cell) {
        cells[id] = cell;
        if (cell.text !== '' || cell.notCalculated) any = true;
      }
    }
    if (!any) continue;
    // A totals row ("รวม", "รวม 112 แห่ง") ends the data; whatever follows is notes. A row
    // with a valid school code is a school, whatever its name ("รวมมิตรวิทยา").
    if (isTotalsRow(raw.cells, minCol, totals) && !isDataRow(cells, layout, pack)) break;
    rows.push({ row: raw.index, cells });
  }

  // Cell-level checks, column by column, as the layout types them.
  const schools = new Map<string, SchoolListing>();
  const nameColumn = layout.columns.find((c) => c.id === 'schoolName' || /name/i.test(c.id) && c.type === 'text');
  // Uncalculated formulas come in whole columns: one finding per column, at its first cell.
  const uncalculated = new Map<string, { ref: string; formula: string; count: number }>();
  for (const r of rows) {
    for (const [id, cell] of Object.entries(r.cells)) {
      if (!cell) continue;
      const col = columnsById.get(id)!;
      if (cell.notCalculated !== undefined) {
        const u = uncalculated.get(id);
        if (u) u.count++;
        else uncalculated.set(id, { ref: cell.ref, formula: cell.notCalculated, count: 1 });
        continue;
      }
      checkCell(col, cell, pack, (f) => findings.push(f(at(sheet.name, cell.ref))));
    }
    if (layout.keyColumn) {
      const keyCell = r.cells[layout.keyColumn];
      const nameText = nameColumn ? r.cells[nameColumn.id]?.text ?? '' : '';
      if (!keyCell || keyCell.text === '') {
        findings.push(finding('table.school-code.missing', at(sheet.name, cellRef(r.row, header.found.get(layout.keyColumn)!)), { row: r.row }));
      } else if (!keyCell.notCalculated) {
        const { code, kind } = classifySchoolCode(keyCell.value);
        if (!kind) {
          findings.push(finding('table.school-code.malformed', at(sheet.name, keyCell.ref), { code: keyCell.text }));
        } else {
          const first = schools.get(code);
          if (first) {
            findings.push(
              finding('table.school-code.duplicate', at(sheet.name, keyCell.ref), { code, firstRow: first.row }, {
                related: [{ location: at(sheet.name, first.ref), message: { th: `ใช้ครั้งแรกที่แถว ${first.row}`, en: `first used at row ${first.row}` } }],
              }),
            );
          } else schools.set(code, { code, name: nameText, row: r.row, ref: keyCell.ref });
        }
      }
    }
    // An empty yes/no cell counts as "no": say so, as for an empty area cell.
    for (const col of layout.columns) {
      if (col.type !== 'yesNo') continue;
      const cell = r.cells[col.id];
      if (cell?.notCalculated === undefined && (!cell || cell.text === '')) {
        findings.push(finding('table.yes-no.empty', at(sheet.name, cellRef(r.row, header.found.get(col.id)!)), { column: col.title }));
      }
    }
    // Empty area cells: "-" says "none", an empty cell may be a row not filled in.
    for (const col of layout.columns) {
      if (col.type !== 'systemList') continue;
      const cell = r.cells[col.id];
      if (cell?.notCalculated !== undefined) continue; // unknown, not empty: reported above
      if (!cell || cell.text === '') {
        const school = r.cells[layout.keyColumn ?? '']?.text || r.cells[nameColumn?.id ?? '']?.text || `แถว ${r.row}`;
        findings.push(finding('table.area.empty', at(sheet.name, cellRef(r.row, header.found.get(col.id)!)), { school, column: col.title }));
      }
    }
  }

  for (const u of uncalculated.values()) {
    findings.push(finding('table.formula.not-calculated', at(sheet.name, u.ref), { formula: u.formula, count: u.count }, { data: { cells: u.count } }));
  }
  const measures = computeMeasures(layout, pack, rows);
  if (rows.length === 0) findings.push(finding('table.no-rows', at(sheet.name, cellRef(header.row, 1)), { table: layout.id }));
  return { table: layout.id, path, sheet: sheet.name, headerRow: header.row, columns: Object.fromEntries(header.found), rows, measures, schools, findings };
}

/** A row that identifies itself as data: a valid school code, or (no key column) a known term. */
function isDataRow(cells: Readonly<Record<string, TableCell | undefined>>, layout: TableLayout, pack: Pack): boolean {
  if (layout.keyColumn) return classifySchoolCode(cells[layout.keyColumn]?.value).kind !== undefined;
  return layout.columns.some((c) => c.type === 'term' && c.required && cells[c.id] && termsOf(cells[c.id]!.text, pack.vocabularies[c.vocabulary ?? ''] ?? []) !== undefined);
}

function isTotalsRow(cells: readonly RawCell[], minCol: number, markers: readonly string[]): boolean {
  for (const c of cells) {
    if (c.col > minCol + 2 || typeof c.value !== 'string') continue;
    const t = normaliseLabel(c.value);
    // "รวม", "รวม 112 แห่ง", "รวมทั้งหมด", "ผลรวม", "Grand total": a row whose key cell holds
    // a valid school code is never a totals row (checked by the caller).
    if (markers.some((m) => t.startsWith(m) || t.endsWith(m))) return true;
  }
  return false;
}

function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

interface HeaderMatch {
  /** The last header row (data starts below it). */
  readonly row: number;
  readonly found: Map<string, number>;
  readonly missing: readonly TableColumn[];
  readonly score: number;
}

/** How well a header cell names a column: exact alias 3, starts with an alias 2, contains one 1. */
function matchScore(text: string, col: TableColumn): number {
  let best = 0;
  for (const alias of col.aliases) {
    const a = normaliseLabel(alias);
    if (!a) continue;
    if (text === a) return 3;
    if (text.startsWith(a) && a.length >= 3) best = Math.max(best, 2);
    else if (a.length >= 4 && text.includes(a)) best = Math.max(best, 1);
  }
  return best;
}

/** Texts of a row's string cells by column (numbers are data, not headings). */
function headingTexts(sheet: RawSheet, rowIndex: number): Map<number, string> {
  const out = new Map<number, string>();
  const row = sheet.rows.find((r) => r.index === rowIndex);
  if (!row) return out;
  for (const c of row.cells) if (typeof c.value === 'string' && c.value.trim()) out.set(c.col, normaliseLabel(c.value));
  return out;
}

/**
 * Picks the header: for each of the first rows, assign columns greedily by match score;
 * the row below joins as a sub-header when a merged group heading above spans the
 * columns it names (the two-row headers offices draw over the 4 area columns).
 */
function findHeader(sheet: RawSheet, layout: TableLayout): HeaderMatch | undefined {
  let best: HeaderMatch | undefined;
  const scanned = sheet.rows.filter((r) => r.index <= HEADER_SCAN_ROWS);
  for (const r of scanned) {
    const texts = headingTexts(sheet, r.index);
    if (texts.size === 0) continue;
    const found = new Map<string, number>();
    const exact = new Set<string>();
    let score = assign(texts, layout.columns, found, exact);
    let lastRow = r.index;
    const below = headingTexts(sheet, r.index + 1);
    if (below.size > 0) {
      const groupSpans = sheet.merges.filter((m) => m.startRow === r.index && m.endCol > m.startCol);
      const verticalSpans = sheet.merges.filter((m) => m.startRow === r.index && m.endRow > m.startRow);
      const underGroup = new Map([...below].filter(([col]) => groupSpans.some((m) => col >= m.startCol && col <= m.endCol)));
      if (underGroup.size > 0 && (verticalSpans.length > 0 || groupSpans.length > 0)) {
        const extra = assign(underGroup, layout.columns.filter((c) => !found.has(c.id)), found, exact);
        if (extra > 0) {
          score += extra;
          lastRow = r.index + 1;
        }
      }
    }
    const exactCount = exact.size;
    const missing = layout.columns.filter((c) => c.required && !found.has(c.id));
    // A header names its columns exactly; data rows only resemble headings (a school name
    // starting "โรงเรียน", a system "ระบบ …"). Exact matches rank first, then the total
    // score, then missing required columns weigh against a row.
    const total = exactCount * 100 + score - missing.length * 10;
    if (found.size >= 2 && (!best || total > best.score)) best = { row: lastRow, found, missing, score: total };
  }
  return best;
}

function assign(texts: Map<number, string>, columns: readonly TableColumn[], found: Map<string, number>, exact: Set<string>): number {
  const pairs: { col: TableColumn; at: number; score: number }[] = [];
  for (const [at, text] of texts) {
    for (const col of columns) {
      const s = matchScore(text, col);
      if (s > 0) pairs.push({ col, at, score: s });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.at - b.at);
  const usedCols = new Set(found.values());
  let score = 0;
  for (const p of pairs) {
    if (found.has(p.col.id) || usedCols.has(p.at)) continue;
    found.set(p.col.id, p.at);
    usedCols.add(p.at);
    if (p.score === 3) exact.add(p.col.id);
    score += p.score;
  }
  return score;
}

/** Merges below the header small enough to spread their top-left value over their cells. */
function spreadableMerges(merges: readonly CellRange[], headerRow: number): CellRange[] {
  return merges.filter((m) => m.endRow > headerRow && (m.endRow - m.startRow + 1) * (m.endCol - m.startCol + 1) <= MAX_SPREAD_MERGE_CELLS);
}

function readCell(raw: RawCell | undefined, row: number, col: number, spreads: readonly CellRange[], sheet: RawSheet): TableCell | undefined {
  let source = raw;
  if (!source) {
    const merge = spreads.find((m) => row >= m.startRow && row <= m.endRow && col >= m.startCol && col <= m.endCol && (row !== m.startRow || col !== m.startCol));
    if (merge) source = sheet.rows.find((r) => r.index === merge.startRow)?.cells.find((c) => c.col === merge.startCol);
  }
  if (!source) return undefined;
  const ref = cellRef(row, col);
  if (source.formula && !source.formula.cached) return { ref, value: null, text: '', notCalculated: source.formula.text || '…' };
  const v = source.value;
  const text = v === null ? '' : typeof v === 'string' ? v.normalize('NFC').trim() : String(v);
  return { ref, value: v, text };
}

type Emit = (make: (loc: { kind: 'cell'; path: string; sheet?: string; cell?: string }) => Finding) => void;

function checkCell(col: TableColumn, cell: TableCell, pack: Pack, emit: Emit): void {
  if (cell.text === '') return;
  switch (col.type) {
    case 'yesNo':
      if (readYesNo(cell, pack) === undefined) emit((loc) => finding('table.yes-no.unrecognised', loc, { value: cell.text }));
      break;
    case 'term': {
      const vocab = pack.vocabularies[col.vocabulary ?? ''] ?? [];
      if (!termsOf(cell.text, vocab)) {
        emit((loc) => finding('table.term.unknown', loc, { value: cell.text, column: col.title, known: listOf(vocab.map((t) => t.title.th)) }));
      }
      break;
    }
    case 'url':
      if (!isHttpUrl(cell.text)) emit((loc) => finding('table.url.malformed', loc, { url: cell.text }));
      break;
    case 'integer':
      if (parseWholeNumber(cell.value) === undefined) emit((loc) => finding('table.integer.invalid', loc, { value: cell.text }));
      break;
    case 'text':
    case 'schoolCode':
    case 'systemList':
      break;
  }
}

/** Reads a yes/no cell by the pack's markers; undefined when it is neither. */
export function readYesNo(cell: TableCell, pack: Pack): boolean | undefined {
  if (typeof cell.value === 'boolean') return cell.value;
  const t = normaliseLabel(cell.text);
  if (pack.yesMarkers.some((m) => normaliseLabel(m) === t)) return true;
  if (pack.noMarkers.some((m) => normaliseLabel(m) === t)) return false;
  return undefined;
}

/**
 * True when a system-list cell names at least one system: "-", "ไม่มี" (none markers) and
 * "✗", "x", "0", "no" (no markers) name none — offices mark a missing area either way.
 */
export function hasSystem(cell: TableCell | undefined, pack: Pack): boolean {
  if (!cell || cell.text === '') return false;
  if (typeof cell.value === 'boolean') return cell.value;
  const t = normaliseLabel(cell.text);
  return !pack.noneMarkers.some((m) => normaliseLabel(m) === t) && !pack.noMarkers.some((m) => normaliseLabel(m) === t);
}

/** The vocabulary term a cell text names (exact alias or title after normalisation). */
export function termOf(text: string, vocab: readonly VocabularyTerm[]): VocabularyTerm | undefined {
  const t = normaliseLabel(text);
  return vocab.find((term) => [term.id, term.title.th, term.title.en, ...term.aliases].some((a) => normaliseLabel(a) === t));
}

/**
 * The terms a cell names: one term, or several separated by commas, slashes, semicolons
 * or "และ" (one system may serve several areas — seed 000, หมายเหตุ). Undefined when any
 * part is not a term.
 */
export function termsOf(text: string, vocab: readonly VocabularyTerm[]): VocabularyTerm[] | undefined {
  const whole = termOf(text, vocab);
  if (whole) return [whole];
  const parts = text.split(/[,;/、\n]|\sและ\s?|^และ/).map((x) => x.trim()).filter(Boolean);
  if (parts.length < 2) return undefined;
  const terms = parts.map((x) => termOf(x, vocab));
  return terms.every((x): x is VocabularyTerm => !!x) ? terms : undefined;
}

/** An absolute http(s) URL with a host. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0 && (u.hostname.includes('.') || u.hostname === 'localhost');
  } catch {
    return false;
  }
}

/**
 * Percent of `of` over `over`, rounded half-up to `decimals` places, in exact integer
 * arithmetic: 1899/2000 = 94.95 → 94.95; 18999/20000 = 94.995 → 95.00. Returns the
 * scaled integer (percent × 10^decimals) and the number. `over` must be > 0.
 */
export function percentHalfUp(of: number, over: number, decimals: number): { scaled: number; value: number } {
  const scale = 10 ** decimals;
  // round(of * 100 * scale / over) half-up == floor((2 * of * 100 * scale + over) / (2 * over))
  const num = BigInt(of) * 200n * BigInt(scale) + BigInt(over);
  const scaled = Number(num / (2n * BigInt(over)));
  return { scaled, value: scaled / scale };
}

function computeMeasures(layout: TableLayout, pack: Pack, rows: readonly TableRow[]): Record<string, MeasureValue> {
  const out: Record<string, MeasureValue> = {};
  const notCalculated = (ids: readonly string[]): boolean => rows.some((r) => ids.some((id) => r.cells[id]?.notCalculated !== undefined));
  for (const m of layout.measures) {
    switch (m.kind) {
      case 'countRows':
        out[m.id] = rows.length ? { id: m.id, value: rows.length } : { id: m.id, value: 0, unavailable: 'no-rows' };
        break;
      case 'countRowsAllFilled':
        out[m.id] = notCalculated(m.columns)
          ? { id: m.id, unavailable: 'not-calculated' }
          : { id: m.id, value: rows.filter((r) => m.columns.every((c) => hasSystem(r.cells[c], pack))).length };
        break;
      case 'countRowsYes':
        out[m.id] = notCalculated([m.column])
          ? { id: m.id, unavailable: 'not-calculated' }
          : { id: m.id, value: rows.filter((r) => { const c = r.cells[m.column]; return c ? readYesNo(c, pack) === true : false; }).length };
        break;
      case 'distinctTerms': {
        const col = layout.columns.find((c) => c.id === m.column);
        const vocab = pack.vocabularies[col?.vocabulary ?? ''] ?? [];
        const foundTerms = new Set<string>();
        for (const r of rows) {
          const c = r.cells[m.column];
          // A row whose system is "-" or "ไม่มี" covers nothing.
          if (!hasSystem(r.cells[m.where], pack) || !c) continue;
          for (const term of termsOf(c.text, vocab) ?? []) foundTerms.add(term.id);
        }
        out[m.id] = notCalculated([m.column, m.where])
          ? { id: m.id, unavailable: 'not-calculated' }
          : {
              id: m.id,
              value: foundTerms.size,
              termsFound: vocab.filter((t) => foundTerms.has(t.id)).map((t) => t.id),
              termsMissing: vocab.filter((t) => !foundTerms.has(t.id)).map((t) => t.id),
            };
        break;
      }
      case 'percent': {
        const of = out[m.of];
        const over = out[m.over];
        if (of?.value === undefined || over?.value === undefined || over.value === 0) {
          out[m.id] = { id: m.id, unavailable: of?.unavailable ?? over?.unavailable ?? 'no-rows' };
        } else {
          out[m.id] = { id: m.id, value: percentHalfUp(of.value, over.value, pack.scoring.percentDecimals).value, ratio: { of: of.value, over: over.value } };
        }
        break;
      }
    }
  }
  return out;
}
