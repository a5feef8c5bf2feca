/**
 * The raw workbook model: what a workbook reader gives the engine, before any table
 * (X2.1–X2.3) is recognised in it. Readers are lenient and never throw on bad input: a
 * file that cannot be read at all is a {@link WorkbookReadFailure}; a file that reads
 * with reservations carries {@link WorkbookIssue}s next to its sheets.
 *
 * Coordinates are 1-based, as in Excel: row 1 is the first row, column 1 is column A.
 */

/** A cell value as the reader found it. Dates are ISO `YYYY-MM-DD` (or with time) strings. */
export type RawCellValue = string | number | boolean | null;

export interface RawCell {
  /** 1-based column index (A = 1). */
  readonly col: number;
  /**
   * The value: shared and inline strings as text, numbers as numbers, booleans, dates
   * (numeric cells with a date number format) as ISO strings, error cells as their
   * error text (`#DIV/0!`). A formula gives its cached value; see `formula`.
   */
  readonly value: RawCellValue;
  /** The cell's type as stored: s(tring), n(umber), b(oolean), d(ate), e(rror). */
  readonly type: 's' | 'n' | 'b' | 'd' | 'e';
  /**
   * Present when the cell holds a formula. `cached` is false when the file stores no
   * result for it (written by a tool that does not calculate): `value` is then null and
   * must not be read as 0.
   */
  readonly formula?: { readonly text: string; readonly cached: boolean };
}

export interface RawRow {
  /** 1-based row index. */
  readonly index: number;
  /** Non-empty cells, sorted by column. */
  readonly cells: readonly RawCell[];
}

/** An inclusive cell range, 1-based. */
export interface CellRange {
  readonly startRow: number;
  readonly startCol: number;
  readonly endRow: number;
  readonly endCol: number;
}

export interface RawSheet {
  readonly name: string;
  /** Rows that have at least one non-empty cell, in ascending order. */
  readonly rows: readonly RawRow[];
  /** Merged ranges as ranges: never materialised cell by cell. */
  readonly merges: readonly CellRange[];
}

/** Stable codes of workbook-level problems (the engine turns them into diagnostics). */
export type WorkbookProblemCode =
  | 'workbook.not-found'
  | 'workbook.empty-file'
  | 'workbook.not-zip'
  | 'workbook.legacy-xls'
  | 'workbook.encrypted'
  | 'workbook.truncated'
  | 'workbook.zip-bomb'
  | 'workbook.too-large'
  | 'workbook.not-xlsx'
  | 'workbook.no-sheets'
  | 'workbook.timeout'
  | 'workbook.out-of-memory'
  | 'workbook.read-failed';

export type WorkbookIssueCode =
  | 'workbook.macro-enabled'
  | 'workbook.merge-clipped'
  | 'workbook.cells-clipped';

export interface WorkbookReadFailure {
  readonly ok: false;
  readonly code: WorkbookProblemCode;
  /** Details for the message (English, technical): e.g. the entry count or ratio found. */
  readonly detail?: string;
}

export interface WorkbookIssue {
  readonly code: WorkbookIssueCode;
  readonly sheet?: string;
  /** A1-style reference or range, when the issue has a place. */
  readonly ref?: string;
  readonly detail?: string;
}

export interface RawWorkbook {
  readonly ok: true;
  /** `xlsm` when the package declares macros (read, but reported). */
  readonly format: 'xlsx' | 'xlsm';
  readonly sheets: readonly RawSheet[];
  readonly issues: readonly WorkbookIssue[];
}

export type WorkbookReadResult = RawWorkbook | WorkbookReadFailure;

/** Limits a reader enforces before and while parsing. Sizes in bytes. */
export interface WorkbookLimits {
  /** Largest file accepted, bytes. */
  readonly maxFileBytes: number;
  /** Most zip entries accepted (checked in the central directory, before inflating). */
  readonly maxEntries: number;
  /** Largest total uncompressed size of the entries we read, bytes. */
  readonly maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of one entry above 1 MiB uncompressed. */
  readonly maxCompressionRatio: number;
  /** Most non-empty cells kept per workbook; further cells are dropped with an issue. */
  readonly maxCells: number;
}

export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxEntries: 5_000,
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxCells: 3_000_000,
};

/** Converts a 1-based column index to letters (1 → A, 27 → AA). */
export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1-style reference of a 1-based row and column (row 7, col 2 → `B7`). */
export function cellRef(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}
