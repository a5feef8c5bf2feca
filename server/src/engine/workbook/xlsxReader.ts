/**
 * Reads an .xlsx (or .xlsm) package from memory into the {@link RawWorkbook} model.
 *
 * Pure: no file system, no threads; fflate inflates, saxes parses the small parts and a
 * hand-written scanner (sheetScanner.ts) the worksheets and shared strings, where saxes
 * spent most of a large read; the saxes path for those stays as the scanner's reference
 * (`sheetParser: 'saxes'`, compared on every fixture in the tests). The zip container is
 * checked from its central directory before anything is inflated, so hostile files (zip
 * bombs, absurd entry counts, truncated downloads) fail fast with a specific code instead
 * of exhausting memory. Entry CRC-32s are not verified: inflated sizes are, which catches
 * truncation, and damaged deflate data nearly always fails to inflate. WORKBOOKS.md (the
 * shared notes) has the measurements behind the choices here: why not exceljs, why
 * whole-buffer UTF-8 decoding, why central-directory sizes.
 */
import { Inflate } from 'fflate';
import { SaxesParser } from 'saxes';
import {
  DEFAULT_WORKBOOK_LIMITS,
  type CellRange,
  type RawCell,
  type RawRow,
  type RawSheet,
  type WorkbookIssue,
  type WorkbookLimits,
  type WorkbookProblemCode,
  type WorkbookReadResult,
} from './model';
import {
  MAX_COL,
  MAX_ROW,
  XmlSyntaxError,
  parseRange,
  parseRef,
  refCol,
  refRow,
  scanSharedStrings,
  scanWorksheet,
  sortCells,
  sortRows,
  unescapeOoxml,
  type ParsedSheet,
  type SheetContext,
  cellTypeCode,
  typeCell,
} from './sheetScanner';

export { serialToIso } from './sheetScanner';

/**
 * Internal options of {@link readXlsx}, for tests and measurements.
 * @internal
 */
export interface ReadXlsxOptions {
  /**
   * Which parser reads the worksheets and the shared strings table: the hand-written
   * scanner (default, fast) or saxes (the reference the scanner is tested against). The
   * small parts (workbook, relationships, styles, content types) always go to saxes.
   */
  readonly sheetParser?: 'scanner' | 'saxes';
}

/**
 * Reads an .xlsx/.xlsm file given as bytes.
 *
 * @param bytes the whole file.
 * @param limits size and count limits (bytes, entries, ratio, cells); defaults to
 *   {@link DEFAULT_WORKBOOK_LIMITS}.
 * @returns a {@link RawWorkbook} (`ok: true`; sheets in workbook order, each with its
 *   non-empty rows and merged ranges; issues `workbook.macro-enabled`,
 *   `workbook.cells-clipped` (per sheet past `maxCells`), `workbook.merge-clipped` (a
 *   merge reaching past XFD1048576)), or a failure `{ ok: false, code, detail }` with one of
 *   `workbook.empty-file`, `too-large`, `not-zip`, `legacy-xls`, `encrypted`, `truncated`,
 *   `zip-bomb`, `not-xlsx`, `no-sheets`, `out-of-memory` (an allocation failed) or
 *   `read-failed` (malformed XML, unsupported compression, anything unexpected).
 *   Never throws.
 * @param options internal: see {@link ReadXlsxOptions}.
 */
export function readXlsx(
  bytes: Uint8Array,
  limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS,
  options: ReadXlsxOptions = {},
): WorkbookReadResult {
  try {
    return readPackage(bytes, limits, options.sheetParser !== 'saxes');
  } catch (err) {
    if (err instanceof ReadFailure) {
      return { ok: false, code: err.code, detail: err.message };
    }
    // A RangeError from a typed-array or string allocation means the input needed more
    // memory than this isolate has; that is a different message for the user than a bug.
    if (err instanceof RangeError && /allocat|invalid (typed )?array length|string length/i.test(err.message)) {
      return { ok: false, code: 'workbook.out-of-memory', detail: err.message };
    }
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { ok: false, code: 'workbook.read-failed', detail };
  }
}

/** Thrown inside the reader to unwind to {@link readXlsx} with a stable code. */
class ReadFailure extends Error {
  constructor(
    readonly code: WorkbookProblemCode,
    detail: string,
  ) {
    super(detail);
  }
}

// ---------------------------------------------------------------------------------------
// Package level
// ---------------------------------------------------------------------------------------

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function readPackage(bytes: Uint8Array, limits: WorkbookLimits, useScanner: boolean): WorkbookReadResult {
  if (bytes.length === 0) return { ok: false, code: 'workbook.empty-file' };
  if (bytes.length > limits.maxFileBytes) {
    return {
      ok: false,
      code: 'workbook.too-large',
      detail: `file is ${bytes.length} bytes; the limit is ${limits.maxFileBytes}`,
    };
  }
  if (startsWith(bytes, CFB_MAGIC)) {
    // Password-protected .xlsx files are CFB containers holding an `EncryptedPackage`
    // stream; every other CFB file we could be given is a BIFF .xls (or not a workbook
    // at all, which the user fixes the same way: save as .xlsx).
    return findUtf16Le(bytes, 'EncryptedPackage')
      ? { ok: false, code: 'workbook.encrypted', detail: 'CFB container with an EncryptedPackage stream' }
      : { ok: false, code: 'workbook.legacy-xls', detail: 'CFB (OLE2) container, not an Office Open XML package' };
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return { ok: false, code: 'workbook.not-zip' };
  }

  const zip = readCentralDirectory(bytes, limits);
  const budget = new InflateBudget(limits.maxUncompressedBytes);

  // The small structural parts first; the big ones are only inflated once the whole set
  // we need is known and its declared total fits the budget.
  const contentTypes = zip.get('[content_types].xml');
  const workbookEntry = zip.get('xl/workbook.xml') ?? findMainPart(zip, budget);
  if (!workbookEntry) {
    return { ok: false, code: 'workbook.not-xlsx', detail: 'no xl/workbook.xml in the package' };
  }
  const workbookDir = workbookEntry.name.slice(0, workbookEntry.name.lastIndexOf('/') + 1);
  const relsEntry = zip.get(`${workbookDir}_rels/${baseName(workbookEntry.name)}.rels`.toLowerCase());

  budget.reserve([contentTypes, workbookEntry, relsEntry]);
  const macroTypes = contentTypes ? declaresMacros(xmlText(bytes, contentTypes)) : false;
  const workbook = parseWorkbookPart(xmlText(bytes, workbookEntry), workbookEntry.name);
  const rels = relsEntry ? parseRelationships(xmlText(bytes, relsEntry), relsEntry.name) : [];

  const relById = new Map<string, Relationship>();
  for (const rel of rels) relById.set(rel.id, rel);
  const relOfType = (suffix: string): Relationship | undefined =>
    rels.find((r) => r.type.endsWith(suffix) && !r.external);

  const sheetParts: { name: string; entry: ZipEntry }[] = [];
  for (const sheet of workbook.sheets) {
    const rel = sheet.relId !== undefined ? relById.get(sheet.relId) : undefined;
    // Chart sheets, dialog sheets and macro sheets hold no cells for us.
    if (!rel || rel.external || !rel.type.endsWith('/worksheet')) continue;
    const partName = resolvePartName(workbookDir, rel.target);
    const entry = zip.get(partName.toLowerCase());
    if (!entry) {
      throw new ReadFailure(
        'workbook.read-failed',
        `sheet "${sheet.name}" points to ${partName}, which is not in the package`,
      );
    }
    sheetParts.push({ name: sheet.name, entry });
  }
  if (sheetParts.length === 0) {
    return { ok: false, code: 'workbook.no-sheets', detail: `workbook lists ${workbook.sheets.length} sheet(s), none of them a worksheet` };
  }

  const sstRel = relOfType('/sharedStrings');
  const stylesRel = relOfType('/styles');
  const sstEntry = zip.get(
    (sstRel ? resolvePartName(workbookDir, sstRel.target) : `${workbookDir}sharedStrings.xml`).toLowerCase(),
  );
  const stylesEntry = zip.get(
    (stylesRel ? resolvePartName(workbookDir, stylesRel.target) : `${workbookDir}styles.xml`).toLowerCase(),
  );
  budget.reserve([sstEntry, stylesEntry, ...sheetParts.map((p) => p.entry)]);

  const sharedStrings = sstEntry ? readSharedStrings(xmlText(bytes, sstEntry), sstEntry.name, useScanner) : [];
  const dateStyles = stylesEntry ? parseDateStyles(xmlText(bytes, stylesEntry), stylesEntry.name) : [];

  const issues: WorkbookIssue[] = [];
  const format = macroTypes || zip.has('xl/vbaproject.bin') ? 'xlsm' : 'xlsx';
  if (format === 'xlsm') {
    issues.push({ code: 'workbook.macro-enabled', detail: 'the package declares VBA macros; they are not run' });
  }

  const cellBudget = { remaining: limits.maxCells };
  const sheets: RawSheet[] = [];
  for (const part of sheetParts) {
    const parsed = readWorksheet(xmlText(bytes, part.entry), part.entry.name, useScanner, {
      sharedStrings,
      dateStyles,
      date1904: workbook.date1904,
      cellBudget,
    });
    sheets.push({ name: part.name, rows: parsed.rows, merges: parsed.merges });
    if (parsed.droppedCells > 0) {
      issues.push({
        code: 'workbook.cells-clipped',
        sheet: part.name,
        detail: `the workbook limit of ${limits.maxCells} cells was reached; ${parsed.droppedCells} further cell(s) of this sheet were dropped`,
      });
    }
    for (const clip of parsed.clippedMerges) {
      issues.push({
        code: 'workbook.merge-clipped',
        sheet: part.name,
        ref: clip,
        detail: 'merged range extends beyond XFD1048576; clipped to the sheet bounds',
      });
    }
  }
  return { ok: true, format, sheets, issues };
}

/** Follows `_rels/.rels` to the office document when it is not at `xl/workbook.xml`. */
function findMainPart(zip: ZipDirectory, budget: InflateBudget): ZipEntry | undefined {
  const rootRels = zip.get('_rels/.rels');
  if (!rootRels) return undefined;
  budget.reserve([rootRels]);
  const main = parseRelationships(xmlText(zip.bytes, rootRels), rootRels.name).find(
    (r) => r.type.endsWith('/officeDocument') && !r.external,
  );
  if (!main) return undefined;
  const entry = zip.get(resolvePartName('', main.target).toLowerCase());
  // Only a SpreadsheetML main part counts; a .docx also has an officeDocument relation.
  return entry && /workbook[^/]*\.xml$/i.test(entry.name) ? entry : undefined;
}

/** Running total of declared uncompressed sizes of the entries we inflate. */
class InflateBudget {
  private readonly counted = new Set<ZipEntry>();
  private total = 0;
  constructor(private readonly max: number) {}

  /** Adds entries (once each) to the total; fails before anything too big is inflated. */
  reserve(entries: readonly (ZipEntry | undefined)[]): void {
    for (const e of entries) {
      if (!e || this.counted.has(e)) continue;
      this.counted.add(e);
      this.total += e.uncompressedSize;
    }
    if (this.total > this.max) {
      throw new ReadFailure(
        'workbook.zip-bomb',
        `the parts to read declare ${this.total} uncompressed bytes in total; the limit (maxUncompressedBytes) is ${this.max}`,
      );
    }
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Whether `text` occurs in `bytes` encoded as UTF-16LE (how CFB directory names are stored). */
function findUtf16Le(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  const last = bytes.length - text.length * 2;
  for (let i = bytes.indexOf(first); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    let j = 0;
    while (j < text.length && bytes[i + 2 * j] === text.charCodeAt(j) && bytes[i + 2 * j + 1] === 0) j++;
    if (j === text.length) return true;
  }
  return false;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Resolves a relationship target against the source part's folder (`xl/`). Targets are
 * relative URIs (`worksheets/sheet1.xml`, `../xl/x.xml`) or absolute (`/xl/...`).
 */
function resolvePartName(baseDir: string, target: string): string {
  let t = target;
  if (t.includes('%')) {
    try {
      t = decodeURIComponent(t);
    } catch {
      // Not valid percent-encoding: use the target literally.
    }
  }
  const joined = t.startsWith('/') ? t.slice(1) : baseDir + t;
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

// ---------------------------------------------------------------------------------------
// Zip container
// ---------------------------------------------------------------------------------------

interface ZipEntry {
  /** Entry name as stored. */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

interface ZipDirectory {
  readonly bytes: Uint8Array;
  /** Entry by lower-cased name: OPC part names compare case-insensitively. */
  get(lowerName: string): ZipEntry | undefined;
  has(lowerName: string): boolean;
}

const MIB = 1024 * 1024;
const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16)) + (b[o + 3] ?? 0) * 0x1000000;
}
/** Little-endian u64 as a double; exact up to 2^53, which covers any size we compare. */
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

/**
 * Reads the end-of-central-directory record and the central directory, and applies the
 * entry-count and compression-ratio limits, all before any data is inflated. Sizes are
 * taken from here because streaming writers leave them 0 in the local headers.
 */
function readCentralDirectory(bytes: Uint8Array, limits: WorkbookLimits): ZipDirectory {
  const len = bytes.length;
  let eocd = -1;
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let i = len - 22, stop = Math.max(0, len - 22 - 0xffff); i >= stop; i--) {
    if (bytes[i] === 0x50 && u32(bytes, i) === EOCD_SIG && i + 22 + u16(bytes, i + 20) <= len) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new ReadFailure('workbook.truncated', 'no end-of-central-directory record: the file is cut short or damaged');
  }
  let entryCount = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  let cdLimit = eocd;
  if (entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && u32(bytes, loc) === ZIP64_LOCATOR_SIG) {
      const z64 = u64(bytes, loc + 8);
      if (z64 + 56 > loc || u32(bytes, z64) !== ZIP64_EOCD_SIG) {
        throw new ReadFailure('workbook.truncated', 'zip64 end-of-central-directory record is missing or misplaced');
      }
      entryCount = u64(bytes, z64 + 32);
      cdSize = u64(bytes, z64 + 40);
      cdOffset = u64(bytes, z64 + 48);
      cdLimit = z64;
    }
  }
  if (entryCount > limits.maxEntries) {
    throw new ReadFailure(
      'workbook.zip-bomb',
      `the package has ${entryCount} entries; the limit (maxEntries) is ${limits.maxEntries}`,
    );
  }
  if (cdOffset + cdSize > cdLimit) {
    throw new ReadFailure(
      'workbook.truncated',
      `central directory (offset ${cdOffset}, ${cdSize} bytes) runs past its end record at ${cdLimit}`,
    );
  }

  const entries = new Map<string, ZipEntry>();
  const cdEnd = cdOffset + cdSize;
  let p = cdOffset;
  for (let n = 0; n < entryCount; n++) {
    if (p + 46 > cdEnd || u32(bytes, p) !== CENTRAL_SIG) {
      throw new ReadFailure('workbook.truncated', `central directory entry ${n + 1} of ${entryCount} is damaged`);
    }
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let uncompressedSize = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localHeaderOffset = u32(bytes, p + 42);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLen;
    const next = extraStart + extraLen + commentLen;
    if (next > cdEnd) {
      throw new ReadFailure('workbook.truncated', `central directory entry ${n + 1} runs past the directory`);
    }
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // Zip64 extended information: only the fields saturated above are present, in order.
      for (let e = extraStart; e + 4 <= extraStart + extraLen; ) {
        const id = u16(bytes, e);
        const size = u16(bytes, e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          if (uncompressedSize === 0xffffffff) (uncompressedSize = u64(bytes, f)), (f += 8);
          if (compressedSize === 0xffffffff) (compressedSize = u64(bytes, f)), (f += 8);
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(bytes, f);
          break;
        }
        e += 4 + size;
      }
    }
    const name = decodeEntryName(bytes, nameStart, nameLen);
    const entry: ZipEntry = { name, method, flags, compressedSize, uncompressedSize, localHeaderOffset };
    if (uncompressedSize > MIB) {
      const ratio = compressedSize === 0 ? Infinity : uncompressedSize / compressedSize;
      if (ratio > limits.maxCompressionRatio) {
        throw new ReadFailure(
          'workbook.zip-bomb',
          `entry ${name} declares ${uncompressedSize} bytes from ${compressedSize} compressed (ratio ${ratio.toFixed(0)}); the limit (maxCompressionRatio) is ${limits.maxCompressionRatio}`,
        );
      }
    }
    // Some Windows zip tools store `xl\worksheets\sheet1.xml`; OPC names use `/`.
    const key = (name.includes('\\') ? name.replace(/\\/g, '/') : name).toLowerCase();
    // Duplicate names make a package ambiguous; the first one wins, as in most readers.
    if (!entries.has(key)) entries.set(key, entry);
    p = next;
  }
  return {
    bytes,
    get: (k) => entries.get(k),
    has: (k) => entries.has(k),
  };
}

function decodeEntryName(bytes: Uint8Array, start: number, len: number): string {
  let ascii = true;
  for (let i = start; i < start + len; i++) if ((bytes[i] ?? 0) >= 0x80) ascii = false;
  if (ascii) return String.fromCharCode(...bytes.subarray(start, start + len));
  return new TextDecoder('utf-8').decode(bytes.subarray(start, start + len));
}

/**
 * The last inflater that took more than one step, kept for the life of the module. Why:
 * fflate's stream state gains its fields as a stream goes, so its hidden classes exist
 * only while some inflater has them; once the last one died, a full GC collected them
 * and fflate's inflate loop, optimised for them, deoptimised on the next big entry:
 * measured on the 30k-row bench with a full GC between reads, the 3.4 MB shared strings
 * took ~100 ms instead of ~6 ms on every third read. An inflater that stays alive keeps
 * them (and holds only its 32 KiB window). The same reason keeps one saxes parser alive.
 */
let keptInflater: Inflate | undefined;

/** Compressed input handed to the inflater per step; bounds the output of one step. */
const INFLATE_STEP = 64 * 1024;

/**
 * Returns the entry's data, inflated, and checks it has exactly the declared size. Data
 * is inflated in steps so that an entry lying about its size (inflating far beyond what
 * it declares) is stopped within one step instead of after burning through all of it.
 */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL_SIG) {
    throw new ReadFailure('workbook.truncated', `local header of ${entry.name} is missing or damaged`);
  }
  if (entry.flags & 1) {
    throw new ReadFailure('workbook.encrypted', `zip entry ${entry.name} is encrypted`);
  }
  const dataStart = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) {
    throw new ReadFailure(
      'workbook.truncated',
      `entry ${entry.name} needs ${entry.compressedSize} bytes from offset ${dataStart}, past the end of the file (${bytes.length})`,
    );
  }
  const data = bytes.subarray(dataStart, dataEnd);
  const expected = entry.uncompressedSize;
  if (entry.method === 0) {
    if (expected !== entry.compressedSize) {
      throw new ReadFailure('workbook.truncated', `stored entry ${entry.name} has inconsistent sizes`);
    }
    return data;
  }
  if (entry.method !== 8) {
    throw new ReadFailure('workbook.read-failed', `entry ${entry.name} uses unsupported compression method ${entry.method}`);
  }
  const out = new Uint8Array(expected);
  let filled = 0;
  let overflow = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (filled + chunk.length > expected) overflow = true;
    else out.set(chunk, filled);
    filled += chunk.length;
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < data.length && !overflow && !ended; i += INFLATE_STEP) {
      const end = Math.min(data.length, i + INFLATE_STEP);
      inflater.push(data.subarray(i, end), end === data.length);
    }
  } catch (err) {
    throw new ReadFailure(
      'workbook.truncated',
      `entry ${entry.name} does not inflate: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (data.length > INFLATE_STEP) {
    // Its output is ours now: the callback (which holds it) goes, the inflater stays.
    inflater.ondata = () => undefined;
    keptInflater = inflater;
  }
  if (overflow || filled !== expected) {
    throw new ReadFailure(
      'workbook.truncated',
      overflow
        ? `entry ${entry.name} inflates beyond its declared ${expected} bytes`
        : `entry ${entry.name} inflates to ${filled} bytes, not the declared ${expected}`,
    );
  }
  return out;
}

/**
 * The entry's text. Decoded in one piece: decoding chunk by chunk would split the 3-byte
 * UTF-8 sequences of Thai characters (the exceljs streaming reader's bug).
 */
function xmlText(bytes: Uint8Array, entry: ZipEntry): string {
  const data = entryData(bytes, entry);
  // OPC allows UTF-16 parts (with a byte-order mark); a few generators write them.
  if (data[0] === 0xff && data[1] === 0xfe) return utf16le.decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return utf16be.decode(data);
  return utf8.decode(data);
}

const utf8 = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

// ---------------------------------------------------------------------------------------
// XML parts
// ---------------------------------------------------------------------------------------

type Attributes = Record<string, string>;
/** An element as saxes reports it (or with its prefix stripped). */
interface Tag {
  readonly name: string;
  readonly attributes: Attributes;
}
/** No namespace processing: attributes arrive as a plain name → value record. */
type PlainOptions = { position: false; xmlns: false };

/**
 * One parser for every part, kept for the life of the module. Why not one per part: on
 * the 30k-row bench, after a full (forced) GC had collected all earlier parsers, fresh
 * instances ran about 3x slower (V8 stopped inlining saxes' per-character `getCode`);
 * a parser that stays alive keeps its hidden class and stays fast.
 */
let sharedParser: SaxesParser<PlainOptions> | undefined;

/**
 * Runs saxes over a whole part. Malformed XML fails the read: Excel itself refuses such
 * a part, so a lenient guess here would check data the user never saw.
 */
function parseXml(
  xml: string,
  partName: string,
  onOpen: (tag: Tag) => void,
  onClose?: (tag: Tag) => void,
  onText?: (text: string) => void,
): void {
  // Position tracking costs ~10% and we report no line numbers.
  const parser = (sharedParser ??= new SaxesParser<PlainOptions>({ position: false, xmlns: false }));
  parser.on('error', (err) => {
    throw new ReadFailure('workbook.read-failed', `${partName}: malformed XML: ${err.message}`);
  });
  // Writers normally leave SpreadsheetML elements unprefixed, but some prefix every one
  // (`<x:c>`). The root element tells which; only then are names rewritten, so the
  // common case pays nothing per element. Foreign elements (`x14:...`) keep their
  // prefix either way and so never match the names we look for.
  parser.on('opentag', (root) => {
    const colon = root.name.indexOf(':');
    if (colon < 0) {
      // Handlers go straight to saxes: no wrapper call per element on the hot path.
      parser.on('opentag', onOpen);
      if (onClose) parser.on('closetag', onClose);
      onOpen(root);
    } else {
      const prefix = root.name.slice(0, colon + 1);
      const strip = (name: string): string => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
      parser.on('opentag', (tag) => onOpen({ name: strip(tag.name), attributes: tag.attributes }));
      if (onClose) parser.on('closetag', (tag) => onClose({ name: strip(tag.name), attributes: tag.attributes }));
      onOpen({ name: strip(root.name), attributes: root.attributes });
    }
  });
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  let completed = false;
  try {
    parser.write(xml).close();
    completed = true;
  } finally {
    // Handlers close over the part's results; drop them so nothing outlives the read.
    for (const event of ['opentag', 'closetag', 'text', 'cdata', 'error'] as const) parser.off(event);
    // A parse abandoned half-way leaves the parser mid-document: start afresh next time.
    if (!completed) sharedParser = undefined;
  }
}

/** An attribute by local name, for the few prefixed ones (`r:id`, whatever the prefix). */
function prefixedAttr(attrs: Attributes, local: string): string | undefined {
  for (const key in attrs) {
    if (key === local || (key.endsWith(local) && key.charCodeAt(key.length - local.length - 1) === 58)) {
      return attrs[key];
    }
  }
  return undefined;
}

function declaresMacros(xml: string): boolean {
  let macros = false;
  parseXml(xml, '[Content_Types].xml', ({ name, attributes: attrs }) => {
    if ((name === 'Override' || name === 'Default') && /macroEnabled/i.test(attrs['ContentType'] ?? '')) {
      macros = true;
    }
  });
  return macros;
}

interface WorkbookPart {
  readonly sheets: { name: string; relId: string | undefined }[];
  readonly date1904: boolean;
}

function parseWorkbookPart(xml: string, partName: string): WorkbookPart {
  const sheets: { name: string; relId: string | undefined }[] = [];
  let date1904 = false;
  parseXml(xml, partName, ({ name, attributes: attrs }) => {
    if (name === 'sheet') {
      sheets.push({ name: attrs['name'] ?? `Sheet${sheets.length + 1}`, relId: prefixedAttr(attrs, 'id') });
    } else if (name === 'workbookPr') {
      const v = attrs['date1904'];
      date1904 = v === '1' || v === 'true';
    }
  });
  return { sheets, date1904 };
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

function parseRelationships(xml: string, partName: string): Relationship[] {
  const rels: Relationship[] = [];
  parseXml(xml, partName, ({ name, attributes: attrs }) => {
    if (name !== 'Relationship') return;
    rels.push({
      id: attrs['Id'] ?? '',
      type: attrs['Type'] ?? '',
      target: attrs['Target'] ?? '',
      external: attrs['TargetMode'] === 'External',
    });
  });
  return rels;
}

/**
 * Shared strings table: one string per `<si>`, rich-text runs concatenated, phonetic
 * runs (`<rPh>`, furigana-style readings) left out. Text inside `<t>` is kept verbatim;
 * whitespace between elements never reaches it.
 */
function parseSharedStrings(xml: string, partName: string): string[] {
  const strings: string[] = [];
  let inSi = false;
  let inPhonetic = false;
  let inT = false;
  let current = '';
  parseXml(
    xml,
    partName,
    ({ name }) => {
      if (name === 't') inT = inSi && !inPhonetic;
      else if (name === 'si') (inSi = true), (current = '');
      else if (name === 'rPh') inPhonetic = true;
    },
    ({ name }) => {
      if (name === 't') inT = false;
      else if (name === 'si') {
        strings.push(unescapeOoxml(current));
        inSi = false;
      } else if (name === 'rPh') inPhonetic = false;
    },
    (text) => {
      if (inT) current += text;
    },
  );
  return strings;
}

/**
 * Built-in number formats that show dates or times: 14–22 and 45–47 everywhere, plus the
 * locale-reserved ids Excel writes without a definition: 27–36 and 50–58 (East Asian
 * dates) and 71–81 (Thai dates and times, e.g. 71 = `ว/ด/ปปปป`).
 */
function isBuiltInDateFormat(id: number): boolean {
  return (
    (id >= 14 && id <= 22) ||
    (id >= 27 && id <= 36) ||
    (id >= 45 && id <= 47) ||
    (id >= 50 && id <= 58) ||
    (id >= 71 && id <= 81)
  );
}

/**
 * Whether a custom format code shows a date or time: a d/m/y/h/s (or Buddhist-year b)
 * token outside quoted literals, `[...]` sections (colours, locales, conditions),
 * escaped characters and fill/padding characters.
 */
export function isDateFormatCode(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 34 /* " */) {
      const close = code.indexOf('"', i + 1);
      if (close < 0) return false;
      i = close;
    } else if (c === 91 /* [ */) {
      const close = code.indexOf(']', i + 1);
      if (close < 0) return false;
      i = close;
    } else if (c === 92 /* \ */ || c === 95 /* _ */ || c === 42 /* * */) {
      i++;
    } else {
      switch (c | 0x20) {
        case 100: // d
        case 109: // m
        case 121: // y
        case 104: // h
        case 115: // s
        case 98: // b
          return true;
      }
    }
  }
  return false;
}

/** Per cell style (`cellXfs` index): whether numbers in it are dates. */
function parseDateStyles(xml: string, partName: string): boolean[] {
  const customFormats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  parseXml(
    xml,
    partName,
    ({ name, attributes: attrs }) => {
      if (name === 'numFmt') {
        const id = Number(attrs['numFmtId']);
        if (Number.isInteger(id)) customFormats.set(id, attrs['formatCode'] ?? '');
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(attrs['numFmtId'] ?? 0);
        xfFormats.push(Number.isInteger(id) ? id : 0);
      }
    },
    ({ name }) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  );
  return xfFormats.map((id) => {
    const custom = customFormats.get(id);
    return custom !== undefined ? isDateFormatCode(custom) : isBuiltInDateFormat(id);
  });
}

// ---------------------------------------------------------------------------------------
// Worksheets
// ---------------------------------------------------------------------------------------

/**
 * One worksheet, by the scanner when asked and able (see sheetScanner.ts), else by
 * saxes. The scanner declines only in the prolog, before it has used any cell budget.
 */
function readWorksheet(xml: string, partName: string, useScanner: boolean, ctx: SheetContext): ParsedSheet {
  const scanned = useScanner ? scanPart(partName, () => scanWorksheet(xml, ctx)) : null;
  return scanned ?? parseWorksheet(xml, partName, ctx);
}

/** The shared strings table, by the scanner when asked and able, else by saxes. */
function readSharedStrings(xml: string, partName: string, useScanner: boolean): string[] {
  const scanned = useScanner ? scanPart(partName, () => scanSharedStrings(xml)) : null;
  return scanned ?? parseSharedStrings(xml, partName);
}

/** Runs a scanner, reporting malformed XML the way parts read by saxes report it. */
function scanPart<T>(partName: string, scan: () => T | null): T | null {
  try {
    return scan();
  } catch (err) {
    if (err instanceof XmlSyntaxError) {
      throw new ReadFailure('workbook.read-failed', `${partName}: malformed XML: ${err.message}`);
    }
    throw err;
  }
}

// Which text the parser is collecting.
const CAPTURE_NONE = 0;
const CAPTURE_VALUE = 1;
const CAPTURE_FORMULA = 2;
const CAPTURE_INLINE = 3;

/**
 * Parses one worksheet part. Only `<sheetData>` cells and `<mergeCells>` are read; the
 * `<dimension>` element is ignored (writers get it wrong), and nothing is allocated in
 * proportion to coordinates, so a cell at XFD1048576 or a merge over the whole sheet
 * costs what any other cell or merge costs.
 */
function parseWorksheet(xml: string, partName: string, ctx: SheetContext): ParsedSheet {
  const { sharedStrings, dateStyles, date1904, cellBudget } = ctx;
  const rows: RawRow[] = [];
  const merges: CellRange[] = [];
  const clippedMerges: string[] = [];
  let droppedCells = 0;
  let rowsSorted = true;

  let inSheetData = false;
  let rowIndex = 0; // current row, 1-based
  let rowHasIndex = false;
  let rowCells: RawCell[] | null = null;
  let cellsSorted = true;
  let nextCol = 1;

  let inCell = false;
  let cellCol = 0;
  let cellType: string | undefined;
  let cellStyle: string | undefined;
  let capture = CAPTURE_NONE;
  let valueText: string | null = null;
  let formulaText: string | null = null;
  let inlineText: string | null = null;
  let inInline = false;
  let inPhonetic = false;

  // Style attribute strings repeat; remember which are dates instead of parsing each.
  const styleIsDate = new Map<string, boolean>();
  const isDateStyle = (s: string): boolean => {
    let known = styleIsDate.get(s);
    if (known === undefined) {
      known = dateStyles[Number(s)] === true;
      styleIsDate.set(s, known);
    }
    return known;
  };

  const finishCell = (): void => {
    const typed = typeCell(cellTypeCode(cellType), valueText, inlineText, sharedStrings, cellStyle !== undefined && isDateStyle(cellStyle), date1904);
    const { type, value } = typed;
    const hasFormula = formulaText !== null;
    if (!hasFormula && (value === null || value === '')) return;
    if (cellBudget.remaining <= 0) {
      droppedCells++;
      return;
    }
    cellBudget.remaining--;
    const cell: RawCell = hasFormula
      ? { col: cellCol, value, type, formula: { text: formulaText ?? '', cached: valueText !== null } }
      : { col: cellCol, value, type };
    if (rowCells === null) rowCells = [cell];
    else {
      const last = rowCells[rowCells.length - 1];
      if (last !== undefined && last.col >= cellCol) cellsSorted = false;
      rowCells.push(cell);
    }
  };

  const finishRow = (): void => {
    if (rowCells !== null) {
      const cells = cellsSorted ? rowCells : sortCells(rowCells);
      const last = rows[rows.length - 1];
      if (last !== undefined && last.index >= rowIndex) rowsSorted = false;
      rows.push({ index: rowIndex, cells });
    }
    rowCells = null;
  };

  parseXml(
    xml,
    partName,
    ({ name, attributes: attrs }) => {
      switch (name) {
        case 'c': {
          if (!inSheetData) return;
          inCell = true;
          const r = attrs['r'];
          if (r !== undefined && parseRef(r)) {
            cellCol = refCol;
            // A row without `r` takes its index from its first referenced cell.
            if (!rowHasIndex && refRow > 0) (rowIndex = refRow), (rowHasIndex = true);
          } else {
            cellCol = nextCol;
          }
          nextCol = cellCol + 1;
          cellType = attrs['t'];
          cellStyle = attrs['s'];
          valueText = null;
          formulaText = null;
          inlineText = null;
          return;
        }
        case 'v':
          if (inCell) (capture = CAPTURE_VALUE), (valueText = '');
          return;
        case 'f':
          if (inCell) (capture = CAPTURE_FORMULA), (formulaText = '');
          return;
        case 'is':
          if (inCell) (inInline = true), (inlineText = '');
          return;
        case 't':
          if (inInline && !inPhonetic) capture = CAPTURE_INLINE;
          return;
        case 'rPh':
          if (inInline) inPhonetic = true;
          return;
        case 'row': {
          if (!inSheetData) return;
          const r = Number(attrs['r']);
          rowHasIndex = Number.isInteger(r) && r > 0;
          rowIndex = rowHasIndex ? r : rowIndex + 1;
          nextCol = 1;
          rowCells = null;
          cellsSorted = true;
          return;
        }
        case 'sheetData':
          inSheetData = true;
          return;
        case 'mergeCell': {
          const ref = attrs['ref'];
          const range = ref !== undefined ? parseRange(ref) : undefined;
          if (range) {
            if (range.endRow > MAX_ROW || range.endCol > MAX_COL) {
              clippedMerges.push(ref ?? '');
              range.endRow = Math.min(range.endRow, MAX_ROW);
              range.endCol = Math.min(range.endCol, MAX_COL);
            }
            if (range.startRow <= range.endRow && range.startCol <= range.endCol) merges.push(range);
          }
          return;
        }
      }
    },
    ({ name }) => {
      switch (name) {
        case 'v':
        case 'f':
        case 't':
          capture = CAPTURE_NONE;
          return;
        case 'c':
          if (inCell) finishCell();
          inCell = false;
          inInline = false;
          inPhonetic = false;
          capture = CAPTURE_NONE;
          return;
        case 'is':
          inInline = false;
          return;
        case 'rPh':
          inPhonetic = false;
          return;
        case 'row':
          if (inSheetData) finishRow();
          return;
        case 'sheetData':
          inSheetData = false;
          return;
      }
    },
    (text) => {
      switch (capture) {
        case CAPTURE_VALUE:
          valueText += text;
          return;
        case CAPTURE_FORMULA:
          formulaText += text;
          return;
        case CAPTURE_INLINE:
          inlineText += text;
          return;
      }
    },
  );

  return { rows: rowsSorted ? rows : sortRows(rows), merges, droppedCells, clippedMerges };
}
