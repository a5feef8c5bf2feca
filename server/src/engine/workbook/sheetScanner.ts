/**
 * A hand-written XML scanner for the two big parts of a workbook: worksheets and the
 * shared strings table. saxes is correct but spends most of a 30,000-row read walking
 * the sheet one code point at a time and building an attribute object per element; this
 * scanner reads the decoded part as one JS string with `charCodeAt`, keeps attributes as
 * offsets into it, and only cuts out the substrings a cell actually needs.
 *
 * It is meant to give exactly what the saxes path in xlsxReader gives (an oracle test
 * compares the two on every fixture), including on odd but well-formed XML, and to reject
 * malformed XML as saxes does, with an {@link XmlSyntaxError}. What it does not handle,
 * it declines up front (returns null, before reading any cell) so that the caller uses
 * saxes: a DOCTYPE (entity declarations) and an XML declaration other than a plain 1.0
 * one (XML 1.1 has other character rules).
 *
 * The handlers here (element by element, state by state) mirror `parseWorksheet` and
 * `parseSharedStrings` in xlsxReader deliberately, quirks included, so the two paths can
 * be compared one-to-one. The worksheet helpers both paths share live here too, so that
 * xlsxReader imports from this module and not the other way round.
 *
 * V8 notes (WORKBOOKS.md warns of an optimisation cliff on a later warm run; two such
 * cliffs were found and fixed here, see `scanner` and `worksheetFrom`): hot code keeps
 * stable types (positions are small integers; the part is one flat string from
 * TextDecoder, never sliced or concatenated onto, since a sliced string scans about half
 * as fast), reads no properties of objects that die between reads, and the tests run a
 * warm loop with a full GC before each read of a 30k-row workbook to catch a regression.
 */
import type { CellRange, RawCell, RawCellValue, RawRow } from './model';

// ---------------------------------------------------------------------------------------
// Worksheet helpers shared with the saxes path
// ---------------------------------------------------------------------------------------

export interface SheetContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
  /** Shared by all sheets of the workbook: cells still allowed. */
  readonly cellBudget: { remaining: number };
}

export interface ParsedSheet {
  readonly rows: RawRow[];
  readonly merges: CellRange[];
  readonly droppedCells: number;
  readonly clippedMerges: string[];
}

export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

/** Decodes ST_Xstring escapes (`_x000D_` for characters XML cannot carry as-is). */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Column order within a row; on a repeated column the later cell wins. */
export function sortCells(cells: RawCell[]): RawCell[] {
  const sorted = cells.map((c, i) => ({ c, i })).sort((a, b) => a.c.col - b.c.col || a.i - b.i);
  const out: RawCell[] = [];
  for (const { c } of sorted) {
    if (out.length > 0 && out[out.length - 1]?.col === c.col) out[out.length - 1] = c;
    else out.push(c);
  }
  return out;
}

/** Row order; rows repeated in the XML are merged (later cells win). */
export function sortRows(rows: RawRow[]): RawRow[] {
  const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.index - b.r.index || a.i - b.i);
  const out: RawRow[] = [];
  for (const { r } of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last.index === r.index) {
      out[out.length - 1] = { index: r.index, cells: sortCells([...last.cells, ...r.cells]) };
    } else out.push(r);
  }
  return out;
}

// Results of parseRef, kept out of an object so the per-cell call allocates nothing.
export let refCol = 0;
export let refRow = 0;

/**
 * Parses `B12` / `$B$12` into refCol/refRow (row 0 when absent); false if malformed.
 * `from`/`to` delimit the reference inside a longer string; the scanner passes the
 * attribute's span of the whole part, which is safe because the character at `to` is
 * then the closing quote, never the `$` the two unbounded peeks look for.
 */
export function parseRef(ref: string, from = 0, to = ref.length): boolean {
  let i = from;
  let col = 0;
  let row = 0;
  if (ref.charCodeAt(i) === 36) i++;
  for (; i < to; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case letters
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (ref.charCodeAt(i) === 36) i++;
  for (; i < to; i++) {
    const c = ref.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    row = row * 10 + c;
  }
  if (col === 0 || col > 1e9 || row > 1e12) return false;
  refCol = col;
  refRow = row;
  return true;
}

export function parseRange(ref: string): { startRow: number; startCol: number; endRow: number; endCol: number } | undefined {
  const colon = ref.indexOf(':');
  const firstEnd = colon < 0 ? ref.length : colon;
  if (!parseRef(ref, 0, firstEnd) || refRow === 0) return undefined;
  const r1 = refRow;
  const c1 = refCol;
  if (colon < 0) return { startRow: r1, startCol: c1, endRow: r1, endCol: c1 };
  if (!parseRef(ref, colon + 1) || refRow === 0) return undefined;
  return {
    startRow: Math.min(r1, refRow),
    startCol: Math.min(c1, refCol),
    endRow: Math.max(r1, refRow),
    endCol: Math.max(c1, refCol),
  };
}

/**
 * A `t="d"` cell's ISO 8601 text in our form: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS`
 * when it has a time other than midnight. Fractions of seconds and zone suffixes are
 * dropped (Excel means wall-clock time). Anything else is returned unchanged.
 */
export function normalizeIsoDate(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  if (!m) return text;
  const [, date, hh, mm, ss = '00'] = m;
  if (date === undefined) return text;
  if (hh === undefined || mm === undefined || (hh === '00' && mm === '00' && ss === '00')) return date;
  return `${date}T${hh}:${mm}:${ss}`;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 31); // serial 1 = 1900-01-01
const EPOCH_1904 = Date.UTC(1904, 0, 1); // serial 0 = 1904-01-01
const LAST_SERIAL = 2_958_465; // 9999-12-31

/**
 * An Excel date serial as an ISO string (`YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` when it
 * has a time of day), computed in UTC so the host's time zone cannot shift it. In the
 * 1900 system Excel counts a 29 February 1900 that never existed (serial 60), so serials
 * from 60 on are one day ahead of the calendar (and 60 itself reads as 28 February). A
 * time alone (serial < 1) reads as that time on 1899-12-31, Excel's "day 0". Returns
 * undefined for serials no date format can show (negative, past 9999): they stay numbers.
 */
export function serialToIso(serial: number, date1904: boolean): string | undefined {
  if (!(serial >= 0) || serial >= LAST_SERIAL + 1) return undefined;
  // Whole seconds: stored times are binary fractions of a day (0.1 s noise).
  const seconds = Math.round(serial * 86_400);
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  const epoch = date1904 ? EPOCH_1904 : days >= 60 ? EPOCH_1900 - DAY_MS : EPOCH_1900;
  const iso = new Date(epoch + days * DAY_MS + secondOfDay * 1000).toISOString();
  return secondOfDay === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

// ---------------------------------------------------------------------------------------
// The tokenizer
// ---------------------------------------------------------------------------------------

/** Malformed XML, found by the scanner; `offset` is a UTF-16 index into the part. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at character ${offset})`);
    this.name = 'XmlSyntaxError';
  }
}

/** Past this many attributes in one tag, duplicates are looked up in a set. */
const MANY_ATTRIBUTES = 16;

// Token kinds returned by XmlScanner.next().
const TOKEN_END = 0;
const TOKEN_OPEN = 1;
const TOKEN_CLOSE = 2;
const TOKEN_TEXT = 3;

// Flags of a text run or an attribute value: what decoding it needs beyond a slice.
const HAS_ENTITY = 1; // `&...;` references
const HAS_CR = 2; // text: CR or CRLF, read as LF (XML end-of-line handling)
const HAS_WS = 4; // attribute value: tab, LF, CR, read as a space (attribute normalisation)
const IS_CDATA = 8; // text from a CDATA section: taken literally, no references

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const AMP = 38;
const SQUOTE = 39;
const SLASH = 47;
const COLON = 58;
const SEMI = 59;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;
const RBRACKET = 93;

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR;
}

/**
 * XML 1.0 NameStartChar. Astral characters come as surrogate pairs (TextDecoder never
 * leaves a lone one): a high surrogate up to U+DB7F starts U+10000..U+EFFFF, the range
 * XML allows, and the low half of a pair then passes too.
 */
function isNameStartChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xdb7f) ||
    (c >= 0xdc00 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

/** XML 1.0 NameChar. NaN (past the end) is not one, which ends every name loop. */
function isNameChar(c: number): boolean {
  if (c < 0x80) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46;
  }
  return c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040 || isNameStartChar(c);
}

/** XML 1.0 Char, for character references. */
function isXmlChar(cp: number): boolean {
  return (
    cp === TAB ||
    cp === LF ||
    cp === CR ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * A pull tokenizer over one XML document held in a string: `next()` returns OPEN,
 * CLOSE, TEXT or END and leaves the token's spans in public fields. A self-closing
 * element is an OPEN followed by a CLOSE, as saxes reports it. Comments, processing
 * instructions and whitespace outside the root are checked and skipped.
 *
 * Well-formedness is checked as saxes (XML 1.0, no namespaces) checks it, so that a part
 * saxes rejects is rejected here too: tag nesting and names, one root, quoted and unique
 * attributes, no `<` in values, known entities and valid character references, no
 * characters XML forbids, no `]]>` in text, no text outside the root.
 */
class XmlScanner {
  /** The part being read; '' between parts, so that a finished part is not kept alive. */
  xml = '';
  private pos = 0;
  private end = 0;
  /** Open elements: name start and end offsets, two ints per level. */
  private stack: Int32Array = new Int32Array(64);
  private depth = 0;
  private sawRoot = false;
  /** The last OPEN was self-closing: the next call reports its CLOSE. */
  private pendingClose = false;
  private rootPrefixLen = 0;

  /** The current element's qualified name, and where its local part starts. */
  nameStart = 0;
  nameEnd = 0;
  /**
   * Where the element's name starts once the root element's prefix is taken off (only
   * that prefix, and only when the root has one: how parseXml in xlsxReader matches
   * names, so `<x:c>` under `<x:worksheet>` is a `c`).
   */
  localStart = 0;

  /** The current text run (TEXT), and what decoding it needs. */
  textStart = 0;
  textEnd = 0;
  textFlags = 0;

  /**
   * After {@link plainCell}: the spans of the cell's `r`, `t` and `s` values (start -1
   * when absent), and its `<v>` text in textStart/textEnd (textStart -1: self-closing).
   */
  cellRefStart = -1;
  cellRefEnd = -1;
  cellTypeStart = -1;
  cellTypeEnd = -1;
  cellStyleStart = -1;
  cellStyleEnd = -1;

  /** Names of the attributes so far, only for a tag with more than MANY_ATTRIBUTES. */
  private attrNames: Set<string> | null = null;

  /** Attributes of the current OPEN: name start, name end, value start, value end. */
  attrCount = 0;
  attrSpans: Int32Array = new Int32Array(32);
  attrFlags: Int32Array = new Int32Array(8);

  /** Starts reading `xml` from the beginning (or, with '', lets go of the last part). */
  reset(xml: string): void {
    this.xml = xml;
    this.end = xml.length;
    this.pos = 0;
    this.depth = 0;
    this.sawRoot = false;
    this.pendingClose = false;
    this.rootPrefixLen = 0;
    this.attrCount = 0;
    this.attrNames = null;
    // A pathological part (deep nesting, thousands of attributes) may have grown these.
    if (this.stack.length > 4096) this.stack = new Int32Array(64);
    if (this.attrSpans.length > 4096) (this.attrSpans = new Int32Array(32)), (this.attrFlags = new Int32Array(8));
  }

  private fail(message: string, at: number): never {
    throw new XmlSyntaxError(message, at);
  }

  /**
   * Reads the prolog up to the root element. Returns false when the part needs a full
   * XML parser: a DOCTYPE, or an XML declaration other than a plain version 1.0 one.
   */
  prolog(): boolean {
    const xml = this.xml;
    let i = 0;
    // saxes skips one U+FEFF (TextDecoder has already removed the real byte-order mark).
    if (xml.charCodeAt(0) === 0xfeff) i = 1;
    if (xml.startsWith('<?xml', i) && (isSpace(xml.charCodeAt(i + 5)) || xml.charCodeAt(i + 5) === QUESTION)) {
      const close = xml.indexOf('?>', i + 5);
      if (close < 0) return false;
      if (!PLAIN_XML_DECL.test(xml.slice(i + 5, close))) return false;
      i = close + 2;
    }
    for (;;) {
      while (isSpace(xml.charCodeAt(i))) i++;
      if (xml.charCodeAt(i) !== LT) break;
      const c = xml.charCodeAt(i + 1);
      if (c === BANG && xml.startsWith('<!--', i)) i = this.skipComment(i);
      else if (c === QUESTION) {
        // A PI named xml in any case is an error for saxes: let it report that.
        if (xml.slice(i + 2, i + 5).toLowerCase() === 'xml' && !isNameChar(xml.charCodeAt(i + 5))) return false;
        i = this.skipProcessingInstruction(i);
      } else if (c === BANG && xml.startsWith('<!DOCTYPE', i)) return false;
      else break;
    }
    this.pos = i;
    return true;
  }

  /** The next token; END once the document is done (and checked complete). */
  next(): number {
    if (this.pendingClose) {
      this.pendingClose = false;
      return TOKEN_CLOSE;
    }
    const xml = this.xml;
    for (;;) {
      const pos = this.pos;
      if (pos >= this.end) {
        if (this.depth > 0) this.fail('unclosed tag', pos);
        if (!this.sawRoot) this.fail('document must contain a root element', pos);
        return TOKEN_END;
      }
      if (xml.charCodeAt(pos) !== LT) {
        if (this.depth === 0) {
          this.skipOutsideText(pos);
          continue;
        }
        this.scanText(pos);
        return TOKEN_TEXT;
      }
      const c = xml.charCodeAt(pos + 1);
      if (c === SLASH) {
        this.scanCloseTag(pos);
        return TOKEN_CLOSE;
      }
      if (c === BANG) {
        if (xml.startsWith('<!--', pos)) {
          this.pos = this.skipComment(pos);
          continue;
        }
        if (xml.startsWith('<![CDATA[', pos)) {
          if (this.depth === 0) this.fail('text data outside of root node', pos);
          this.scanCdata(pos);
          return TOKEN_TEXT;
        }
        this.fail(xml.startsWith('<!DOCTYPE', pos) ? 'inappropriately located doctype declaration' : 'incorrect syntax', pos);
      }
      if (c === QUESTION) {
        if (xml.slice(pos + 2, pos + 5).toLowerCase() === 'xml' && !isNameChar(xml.charCodeAt(pos + 5))) {
          this.fail('the XML declaration must appear at the start of the document', pos);
        }
        this.pos = this.skipProcessingInstruction(pos);
        continue;
      }
      this.scanOpenTag(pos);
      return TOKEN_OPEN;
    }
  }

  /**
   * The shortcut for the shape nearly every cell has, tried at each step inside
   * `<sheetData>`: `<c` with only one-letter `r`, `t`, `s` attributes (each at most once,
   * written `name="value"` with letters, digits or `$` in the value, single spaces or
   * more between), then either `/>` or `>` followed by `<v>` plain text `</v></c>` (plain
   * as in {@link plainChildThenClose}). When all of that is there, it consumes the whole
   * cell and returns true, with the spans in the cell* fields: the caller then does
   * what OPEN c, (OPEN v, TEXT, CLOSE v,) CLOSE c would have made it do. Otherwise it
   * returns false and consumes nothing; the cell then comes token by token, checked in
   * full. Everything it accepts is well-formed, so it needs no checks of its own.
   */
  plainCell(): boolean {
    const xml = this.xml;
    const p = this.pos;
    if (this.pendingClose || this.depth === 0 || xml.charCodeAt(p) !== LT || xml.charCodeAt(p + 1) !== 99) return false;
    let i = p + 2;
    let c = xml.charCodeAt(i);
    if (c !== SPACE && c !== GT && c !== SLASH) return false; // another name, or whitespace we leave to next()
    let refStart = -1;
    let refEnd = -1;
    let typeStart = -1;
    let typeEnd = -1;
    let styleStart = -1;
    let styleEnd = -1;
    while (c === SPACE) {
      do c = xml.charCodeAt(++i);
      while (c === SPACE);
      if (c === GT || c === SLASH) break;
      const name = c;
      const q = xml.charCodeAt(i + 2);
      if (xml.charCodeAt(i + 1) !== EQ || (q !== DQUOTE && q !== SQUOTE)) return false;
      const start = i + 3;
      i = start;
      for (;;) {
        c = xml.charCodeAt(i);
        if ((c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) || c === 36) i++;
        else break;
      }
      if (c !== q) return false;
      if (name === 114 && refStart < 0) (refStart = start), (refEnd = i);
      else if (name === 116 && typeStart < 0) (typeStart = start), (typeEnd = i);
      else if (name === 115 && styleStart < 0) (styleStart = start), (styleEnd = i);
      else return false; // another attribute, or a repeated one
      c = xml.charCodeAt(++i);
    }
    if (c === SLASH) {
      if (xml.charCodeAt(i + 1) !== GT) return false;
      this.textStart = -1;
      this.pos = i + 2;
    } else {
      if (c !== GT || xml.charCodeAt(i + 1) !== LT || xml.charCodeAt(i + 2) !== 118 || xml.charCodeAt(i + 3) !== GT) return false;
      const start = i + 4;
      i = start;
      for (;;) {
        c = xml.charCodeAt(i);
        if ((c >= 0x27 && c <= 0x3b) || (c >= 0x3f && c < 0xfffe)) i++;
        else if (c === LT) break;
        else if ((c >= SPACE && c < AMP) || c === EQ || c === LF || c === TAB) i++;
        else return false;
      }
      if (
        xml.charCodeAt(i + 1) !== SLASH ||
        xml.charCodeAt(i + 2) !== 118 ||
        xml.charCodeAt(i + 3) !== GT ||
        xml.charCodeAt(i + 4) !== LT ||
        xml.charCodeAt(i + 5) !== SLASH ||
        xml.charCodeAt(i + 6) !== 99 ||
        xml.charCodeAt(i + 7) !== GT
      ) {
        return false;
      }
      this.textStart = start;
      this.textEnd = i;
      this.pos = i + 8;
    }
    this.cellRefStart = refStart;
    this.cellRefEnd = refEnd;
    this.cellTypeStart = typeStart;
    this.cellTypeEnd = typeEnd;
    this.cellStyleStart = styleStart;
    this.cellStyleEnd = styleEnd;
    return true;
  }

  /**
   * A shortcut for the shape nearly every cell and shared string has. Right after the
   * OPEN of an element E, when what follows is exactly `<x>`, plain text, `</x>` and
   * E's close tag (`x` the one-letter name `child`, no attributes, no whitespace in the
   * tags; text without references, CR, `>` or forbidden characters), consumes all of it
   * and returns the text's length (its span in textStart/textEnd): the caller then does
   * what the four tokens OPEN x, TEXT, CLOSE x, CLOSE E would have made it do. Anything
   * else returns -1 and consumes nothing, and the tokens come one by one as usual.
   */
  plainChildThenClose(child: number): number {
    const xml = this.xml;
    const p = this.pos;
    if (this.pendingClose || xml.charCodeAt(p) !== LT || xml.charCodeAt(p + 1) !== child || xml.charCodeAt(p + 2) !== GT) {
      return -1;
    }
    const start = p + 3;
    let i = start;
    for (;;) {
      const c = xml.charCodeAt(i);
      // Digits and the usual punctuation first; past the end, c is NaN and fails all.
      if ((c >= 0x27 && c <= 0x3b) || (c >= 0x3f && c < 0xfffe)) {
        i++;
        continue;
      }
      if (c === LT) break;
      // Space to `%`, `=`, LF and tab are plain too; `&`, `>`, CR, other controls,
      // U+FFFE/U+FFFF and NaN (past the end) are for the token-by-token path.
      if ((c >= SPACE && c < AMP) || c === EQ || c === LF || c === TAB) {
        i++;
        continue;
      }
      return -1;
    }
    if (xml.charCodeAt(i + 1) !== SLASH || xml.charCodeAt(i + 2) !== child || xml.charCodeAt(i + 3) !== GT) return -1;
    if (xml.charCodeAt(i + 4) !== LT || xml.charCodeAt(i + 5) !== SLASH) return -1;
    const d = (this.depth - 1) * 2;
    const openStart = this.stack[d] ?? 0;
    const len = (this.stack[d + 1] ?? 0) - openStart;
    const closeName = i + 6;
    if (!sameChars(xml, closeName, openStart, len) || xml.charCodeAt(closeName + len) !== GT) return -1;
    this.textStart = start;
    this.textEnd = i;
    this.textFlags = 0;
    this.depth--;
    this.pos = closeName + len + 1;
    return i - start;
  }

  /** The current TEXT token, decoded. */
  text(): string {
    if (this.textFlags === 0) return this.xml.slice(this.textStart, this.textEnd);
    return this.decode(this.textStart, this.textEnd, this.textFlags);
  }

  /** Attribute `k` of the current OPEN, decoded. */
  attrValue(k: number): string {
    const start = this.attrSpans[k * 4 + 2] ?? 0;
    const end = this.attrSpans[k * 4 + 3] ?? 0;
    const flags = this.attrFlags[k] ?? 0;
    return flags === 0 ? this.xml.slice(start, end) : this.decode(start, end, flags);
  }

  /** Whether attribute `k`'s name is the one-letter name `code`. */
  attrIs1(k: number, code: number): boolean {
    const start = this.attrSpans[k * 4] ?? 0;
    return (this.attrSpans[k * 4 + 1] ?? 0) - start === 1 && this.xml.charCodeAt(start) === code;
  }

  /** Whether attribute `k`'s name is `name`. */
  attrIs(k: number, name: string): boolean {
    const start = this.attrSpans[k * 4] ?? 0;
    return (this.attrSpans[k * 4 + 1] ?? 0) - start === name.length && this.xml.startsWith(name, start);
  }

  /** Text with references, line ends or (in attribute values) whitespace to rewrite. */
  private decode(start: number, end: number, flags: number): string {
    const xml = this.xml;
    let out = '';
    let from = start;
    for (let i = start; i < end; i++) {
      const c = xml.charCodeAt(i);
      if (c === AMP && (flags & IS_CDATA) === 0) {
        out += xml.slice(from, i);
        const semi = xml.indexOf(';', i);
        out += decodeReference(xml, i + 1, semi);
        i = semi;
        from = semi + 1;
      } else if (c === CR) {
        out += xml.slice(from, i);
        out += flags & HAS_WS ? ' ' : '\n';
        if (xml.charCodeAt(i + 1) === LF) i++;
        from = i + 1;
      } else if ((c === LF || c === TAB) && flags & HAS_WS) {
        out += xml.slice(from, i);
        out += ' ';
        from = i + 1;
      }
    }
    return out + xml.slice(from, end);
  }

  /**
   * Character data inside the root, up to the next `<`. Checked in the same pass that
   * finds its end: references, forbidden characters, `]]>`.
   */
  private scanText(pos: number): void {
    const xml = this.xml;
    const end = this.end;
    let flags = 0;
    let i = pos;
    while (i < end) {
      const c = xml.charCodeAt(i);
      if (c === LT) break;
      if (c <= AMP) {
        if (c === AMP) {
          i = this.checkReference(i);
          flags |= HAS_ENTITY;
          continue;
        }
        if (c < SPACE) {
          if (c === CR) flags |= HAS_CR;
          else if (c !== LF && c !== TAB) this.fail('disallowed character', i);
        }
      } else if (c === GT) {
        if (i >= pos + 2 && xml.charCodeAt(i - 1) === RBRACKET && xml.charCodeAt(i - 2) === RBRACKET) {
          this.fail('the string "]]>" is disallowed in char data', i);
        }
      } else if (c >= 0xfffe) {
        this.fail('disallowed character', i);
      }
      i++;
    }
    this.textStart = pos;
    this.textEnd = i;
    this.textFlags = flags;
    this.pos = i;
  }

  /** Text before or after the root: only whitespace is allowed there. */
  private skipOutsideText(pos: number): void {
    const xml = this.xml;
    let i = pos;
    while (i < this.end && xml.charCodeAt(i) !== LT) {
      if (!isSpace(xml.charCodeAt(i))) this.fail('text data outside of root node', i);
      i++;
    }
    this.pos = i;
  }

  private scanCdata(pos: number): void {
    const xml = this.xml;
    const start = pos + 9;
    const close = xml.indexOf(']]>', start);
    if (close < 0) this.fail('unterminated CDATA section', pos);
    this.textStart = start;
    this.textEnd = close;
    this.textFlags = IS_CDATA | (this.checkChars(start, close) ? HAS_CR : 0);
    this.pos = close + 3;
  }

  /** Returns the offset after `-->`; `--` must not occur inside. */
  private skipComment(pos: number): number {
    const dashes = this.xml.indexOf('--', pos + 4);
    if (dashes < 0 || this.xml.charCodeAt(dashes + 2) !== GT) this.fail('malformed comment', pos);
    this.checkChars(pos + 4, dashes);
    return dashes + 3;
  }

  /** Returns the offset after `?>`. The target must be a name. */
  private skipProcessingInstruction(pos: number): number {
    const xml = this.xml;
    let i = pos + 2;
    if (!isNameStartChar(xml.charCodeAt(i))) this.fail('processing instruction without a target', pos);
    while (isNameChar(xml.charCodeAt(++i)));
    const c = xml.charCodeAt(i);
    if (c !== QUESTION && !isSpace(c)) this.fail('disallowed character in processing instruction name', i);
    const close = xml.indexOf('?>', i);
    if (close < 0) this.fail('unterminated processing instruction', pos);
    this.checkChars(i, close);
    return close + 2;
  }

  /** Fails on characters XML forbids in [start, end); returns whether there is a CR. */
  private checkChars(start: number, end: number): boolean {
    const xml = this.xml;
    let cr = false;
    for (let i = start; i < end; i++) {
      const c = xml.charCodeAt(i);
      if (c < SPACE) {
        if (c === CR) cr = true;
        else if (c !== LF && c !== TAB) this.fail('disallowed character', i);
      } else if (c >= 0xfffe) this.fail('disallowed character', i);
    }
    return cr;
  }

  /**
   * Checks the reference starting at `&` (offset `amp`) and returns the offset after
   * its `;`. saxes accepts the five predefined entities and character references to
   * XML characters (`&#x` with a lower-case x only).
   */
  private checkReference(amp: number): number {
    const xml = this.xml;
    let i = amp + 1;
    if (xml.charCodeAt(i) === HASH) {
      i++;
      const hex = xml.charCodeAt(i) === 120; // x
      if (hex) i++;
      const digits = i;
      let cp = 0;
      for (;; i++) {
        const c = xml.charCodeAt(i);
        let d: number;
        if (c >= 48 && c <= 57) d = c - 48;
        else if (hex && (c | 0x20) >= 97 && (c | 0x20) <= 102) d = (c | 0x20) - 87;
        else break;
        // Saturate: anything past U+10FFFF is invalid, however long the digit string.
        cp = Math.min(cp * (hex ? 16 : 10) + d, 0x110000);
      }
      if (i === digits || xml.charCodeAt(i) !== SEMI || !isXmlChar(cp)) this.fail('malformed character entity', amp);
      return i + 1;
    }
    if (!isNameStartChar(xml.charCodeAt(i))) this.fail(xml.charCodeAt(i) === SEMI ? 'empty entity name' : 'disallowed character in entity name', amp);
    while (isNameChar(xml.charCodeAt(++i)));
    if (xml.charCodeAt(i) !== SEMI) this.fail('disallowed character in entity name', amp);
    if (PREDEFINED_ENTITIES[xml.slice(amp + 1, i)] === undefined) this.fail('undefined entity', amp);
    return i + 1;
  }

  /**
   * An open tag at `pos` with its attributes. The hot path of the scanner (one per cell):
   * attributes are read inline, whitespace and ASCII name characters are tested inline,
   * because separate helpers here ran out of V8's inlining budget and stayed calls.
   */
  private scanOpenTag(pos: number): void {
    const xml = this.xml;
    if (this.depth === 0 && this.sawRoot) this.fail('documents may contain only one root', pos);
    const nameStart = pos + 1;
    let c = xml.charCodeAt(nameStart);
    if (!((c >= 97 && c <= 122) || isNameStartChar(c))) this.fail('disallowed character in tag name', nameStart);
    let i = nameStart + 1;
    for (;;) {
      c = xml.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58)) i++;
      else if (c === 95 || c === 45 || c === 46 || (c >= 0x80 && isNameChar(c))) i++;
      else break;
    }
    const nameEnd = i;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      c = xml.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (xml.charCodeAt(i + 1) !== GT) this.fail('forward-slash in opening tag not followed by >', i);
        i += 2;
        selfClosing = true;
        break;
      }
      // Past the name or a value only whitespace may come before the next attribute
      // (NaN, past the end of the part, fails here too).
      if (!(c === SPACE || c === LF || c === TAB || c === CR)) {
        this.fail(i >= this.end ? 'unexpected end' : 'disallowed character in tag', i);
      }
      do c = xml.charCodeAt(++i);
      while (c === SPACE || c === LF || c === TAB || c === CR);
      if (c === GT || c === SLASH) continue;

      // An attribute: name, optional whitespace, `=`, optional whitespace, quoted value.
      const attrStart = i;
      if (!((c >= 97 && c <= 122) || isNameStartChar(c))) this.fail('disallowed character in attribute name', i);
      for (;;) {
        c = xml.charCodeAt(++i);
        if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58)) continue;
        if (c === 95 || c === 45 || c === 46 || (c >= 0x80 && isNameChar(c))) continue;
        break;
      }
      const attrNameEnd = i;
      c = xml.charCodeAt(i);
      while (c === SPACE || c === LF || c === TAB || c === CR) c = xml.charCodeAt(++i);
      if (c !== EQ) this.fail('attribute without value', i);
      do c = xml.charCodeAt(++i);
      while (c === SPACE || c === LF || c === TAB || c === CR);
      if (c !== DQUOTE && c !== SQUOTE) this.fail('unquoted attribute value', i);
      const q = c;
      const valueStart = ++i;
      let flags = 0;
      for (;;) {
        c = xml.charCodeAt(i);
        if (c === q) break;
        // `(`..`;` (digits, `:`, `.`, `-`: most of what values hold) and `=`..U+FFFD
        // need no more tests; the rest (quotes, `&`, `<`, controls, NaN) does.
        if ((c >= 0x28 && c <= 0x3b) || (c >= 0x3d && c < 0xfffe)) {
          i++;
          continue;
        }
        if (c === AMP) {
          i = this.checkReference(i);
          flags |= HAS_ENTITY;
          continue;
        }
        if (c === TAB || c === LF || c === CR) flags |= HAS_WS;
        else if (c === LT || c < SPACE || c >= 0xfffe) this.fail('disallowed character', i);
        else if (c !== c) this.fail('unexpected end', i); // NaN: past the end of the part
        i++;
      }
      const nameLen = attrNameEnd - attrStart;
      let spans = this.attrSpans;
      if (count < MANY_ATTRIBUTES) {
        for (let j = 0; j < count; j++) {
          const other = spans[j * 4] ?? 0;
          if ((spans[j * 4 + 1] ?? 0) - other === nameLen && sameChars(xml, attrStart, other, nameLen)) {
            this.fail('duplicate attribute', attrStart);
          }
        }
      } else {
        this.checkDuplicate(count, attrStart, attrNameEnd);
      }
      if (count * 4 + 4 > spans.length) spans = this.growAttributes();
      spans[count * 4] = attrStart;
      spans[count * 4 + 1] = attrNameEnd;
      spans[count * 4 + 2] = valueStart;
      spans[count * 4 + 3] = i;
      this.attrFlags[count] = flags;
      count++;
      i++; // the closing quote
    }
    this.attrCount = count;
    this.pos = i;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    if (!this.sawRoot) this.openRoot(nameStart, nameEnd);
    this.localStart = this.rootPrefixLen === 0 ? nameStart : this.localOf(nameStart, nameEnd);
    if (selfClosing) {
      this.pendingClose = true;
      return;
    }
    const d = this.depth * 2;
    if (d + 2 > this.stack.length) this.growStack();
    this.stack[d] = nameStart;
    this.stack[d + 1] = nameEnd;
    this.depth++;
  }

  /**
   * The duplicate check for the attributes of a tag that has many: by a set of names,
   * so that a hostile tag with 100,000 attributes costs linear time, not quadratic.
   */
  private checkDuplicate(count: number, start: number, end: number): void {
    const xml = this.xml;
    if (count === MANY_ATTRIBUTES || this.attrNames === null) {
      this.attrNames = new Set();
      for (let j = 0; j < count; j++) {
        this.attrNames.add(xml.slice(this.attrSpans[j * 4] ?? 0, this.attrSpans[j * 4 + 1] ?? 0));
      }
    }
    const name = xml.slice(start, end);
    if (this.attrNames.has(name)) this.fail('duplicate attribute', start);
    this.attrNames.add(name);
  }

  /** The root element: from here on its prefix, if any, is taken off names. */
  private openRoot(nameStart: number, nameEnd: number): void {
    this.sawRoot = true;
    for (let k = nameStart; k < nameEnd; k++) {
      if (this.xml.charCodeAt(k) === COLON) {
        this.rootPrefixLen = k - nameStart + 1;
        break;
      }
    }
  }

  private growAttributes(): Int32Array {
    const spans = new Int32Array(this.attrSpans.length * 2);
    spans.set(this.attrSpans);
    this.attrSpans = spans;
    const flags = new Int32Array(this.attrFlags.length * 2);
    flags.set(this.attrFlags);
    this.attrFlags = flags;
    return spans;
  }

  private growStack(): void {
    const grown = new Int32Array(this.stack.length * 2);
    grown.set(this.stack);
    this.stack = grown;
  }

  /** Where the name's local part starts (see {@link localStart}). */
  private localOf(nameStart: number, nameEnd: number): number {
    const p = this.rootPrefixLen;
    if (p === 0 || nameEnd - nameStart < p) return nameStart;
    // The root's own name starts with its prefix, so comparing to it needs no string.
    const rootStart = this.depth > 0 ? (this.stack[0] ?? 0) : nameStart;
    return sameChars(this.xml, nameStart, rootStart, p) ? nameStart + p : nameStart;
  }

  private scanCloseTag(pos: number): void {
    const xml = this.xml;
    let i = pos + 2;
    if (!isNameStartChar(xml.charCodeAt(i))) this.fail('disallowed character in closing tag', i);
    while (isNameChar(xml.charCodeAt(++i)));
    const nameStart = pos + 2;
    const nameEnd = i;
    while (isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== GT) this.fail('disallowed character in closing tag', i);
    if (this.depth === 0) this.fail('unexpected close tag', pos);
    const d = (this.depth - 1) * 2;
    const openStart = this.stack[d] ?? 0;
    const len = nameEnd - nameStart;
    if ((this.stack[d + 1] ?? 0) - openStart !== len || !sameChars(xml, nameStart, openStart, len)) {
      this.fail('unmatched closing tag', pos);
    }
    this.depth--;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    this.localStart = this.localOf(nameStart, nameEnd);
    this.pos = i + 1;
  }
}

/**
 * The one scanner, kept for the life of the module. Why not one per part: when the last
 * instance dies, a full GC also collects its hidden class (V8 holds transitions weakly)
 * and throws away all optimised code that depended on it ("weak objects"), so the next
 * read runs in the interpreter again and takes ~3x as long: the cliff WORKBOOKS.md
 * warns of, reproduced here with a forced GC between reads. A live instance keeps its
 * hidden class and the code stays optimised. (saxes in xlsxReader is kept alive for
 * the same reason.)
 */
const scanner = new XmlScanner();

/** An XML declaration body saxes would accept as plain XML 1.0 (anything else: saxes). */
const PLAIN_XML_DECL =
  /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*$/;

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
});

/** The text of a reference already checked by the scanner; `semi` is its `;`. */
function decodeReference(xml: string, start: number, semi: number): string {
  if (xml.charCodeAt(start) !== HASH) return PREDEFINED_ENTITIES[xml.slice(start, semi)] ?? '';
  const hex = xml.charCodeAt(start + 1) === 120;
  return String.fromCodePoint(parseInt(xml.slice(start + (hex ? 2 : 1), semi), hex ? 16 : 10));
}

/** Whether the `len` characters at `a` and at `b` are the same. */
function sameChars(xml: string, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (xml.charCodeAt(a + k) !== xml.charCodeAt(b + k)) return false;
  return true;
}

/** The value of [start, end) when it is 1 to 15 ASCII digits (exact as a double), else -1. */
function digitsAt(xml: string, start: number, end: number): number {
  const len = end - start;
  if (len < 1 || len > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// Element names
// ---------------------------------------------------------------------------------------

const EL_OTHER = 0;
const EL_C = 1;
const EL_V = 2;
const EL_F = 3;
const EL_IS = 4;
const EL_T = 5;
const EL_RPH = 6;
const EL_ROW = 7;
const EL_SHEET_DATA = 8;
const EL_MERGE_CELL = 9;
const EL_SI = 10;

/** The local name [start, end) as one of the EL_ codes, without cutting it out. */
function elementAt(xml: string, start: number, end: number): number {
  const c = xml.charCodeAt(start);
  switch (end - start) {
    case 1:
      return c === 99 ? EL_C : c === 118 ? EL_V : c === 102 ? EL_F : c === 116 ? EL_T : EL_OTHER;
    case 2:
      if (c === 105) return xml.charCodeAt(start + 1) === 115 ? EL_IS : EL_OTHER; // is
      if (c === 115) return xml.charCodeAt(start + 1) === 105 ? EL_SI : EL_OTHER; // si
      return EL_OTHER;
    case 3:
      if (c !== 114) return EL_OTHER;
      if (xml.charCodeAt(start + 1) === 111 && xml.charCodeAt(start + 2) === 119) return EL_ROW;
      if (xml.charCodeAt(start + 1) === 80 && xml.charCodeAt(start + 2) === 104) return EL_RPH;
      return EL_OTHER;
    case 9:
      if (xml.startsWith('sheetData', start)) return EL_SHEET_DATA;
      if (xml.startsWith('mergeCell', start)) return EL_MERGE_CELL;
      return EL_OTHER;
    default:
      return EL_OTHER;
  }
}

// ---------------------------------------------------------------------------------------
// Worksheets
// ---------------------------------------------------------------------------------------

// Which text the parser is collecting (as in parseWorksheet).
const CAPTURE_NONE = 0;
const CAPTURE_VALUE = 1;
const CAPTURE_FORMULA = 2;
const CAPTURE_INLINE = 3;

// The `t` attribute of a cell.
const TYPE_NONE = 0; // absent, "n", or anything unknown: a number
const TYPE_S = 1;
const TYPE_INLINE = 2;
const TYPE_STR = 3;
const TYPE_B = 4;
const TYPE_E = 5;
const TYPE_D = 6;

function cellTypeOf(t: string): number {
  switch (t) {
    case 's':
      return TYPE_S;
    case 'inlineStr':
      return TYPE_INLINE;
    case 'str':
      return TYPE_STR;
    case 'b':
      return TYPE_B;
    case 'e':
      return TYPE_E;
    case 'd':
      return TYPE_D;
    default:
      return TYPE_NONE;
  }
}

/** The result of {@link typeCell}: one object, reused, so the hot path allocates nothing. */
export interface TypedCell {
  type: RawCell['type'];
  value: RawCellValue;
}
const typedScratch: TypedCell = { type: 'n', value: null };

/**
 * A cell's type and value from its `t` attribute (a code from {@link cellTypeCode}), its
 * `<v>` text (null when absent), its inline string, and whether its style is a date.
 * Shared by the scanner and the saxes parser, so both read cells the same way. The
 * returned object is reused by the next call: copy what you need.
 */
export function typeCell(cellType: number, v: string | null, inlineText: string | null, sharedStrings: readonly string[], isDate: boolean, date1904: boolean): TypedCell {
  const out = typedScratch;
  out.type = 'n';
  out.value = null;
  switch (cellType) {
    case TYPE_S:
      out.type = 's';
      if (v !== null && v !== '') out.value = sharedStrings[Number(v)] ?? null;
      break;
    case TYPE_INLINE:
      out.type = 's';
      out.value = inlineText !== null ? unescapeOoxml(inlineText) : v;
      break;
    case TYPE_STR:
      out.type = 's';
      out.value = v === null ? null : unescapeOoxml(v);
      break;
    case TYPE_B:
      out.type = 'b';
      if (v !== null && v !== '') out.value = v === '1' || v === 'true';
      break;
    case TYPE_E:
      out.type = 'e';
      out.value = v;
      break;
    case TYPE_D:
      out.type = 'd';
      out.value = v === null ? null : normalizeIsoDate(v);
      break;
    default:
      if (v !== null && v !== '') {
        const num = Number(v);
        if (!Number.isFinite(num)) {
          out.type = 's';
          out.value = v;
        } else if (isDate) {
          const iso = serialToIso(num, date1904);
          if (iso !== undefined) (out.type = 'd'), (out.value = iso);
          else out.value = num;
        } else {
          out.value = num;
        }
      }
  }
  return out;
}

/** The code {@link typeCell} takes for a cell's `t` attribute (absent: a number). */
export function cellTypeCode(t: string | undefined): number {
  return t === undefined ? TYPE_NONE : cellTypeOf(t);
}

// How the `<v>` text collected so far is held: parseWorksheet's `valueText` is null,
// '', a plain slice of the part (kept as offsets until needed), or a built string.
const VALUE_NULL = 0;
const VALUE_EMPTY = 1;
const VALUE_SPAN = 2;
const VALUE_STRING = 3;

/**
 * Scans one worksheet part: the same result as xlsxReader's saxes-based
 * `parseWorksheet`. Returns null when the part needs a full XML parser (see
 * {@link XmlScanner.prolog}); throws {@link XmlSyntaxError} on malformed XML.
 */
export function scanWorksheet(xml: string, ctx: SheetContext): ParsedSheet | null {
  scanner.reset(xml);
  let scanned: ScannedSheet;
  try {
    if (!scanner.prolog()) return null;
    scanned = worksheetFrom(scanner, ctx);
  } finally {
    scanner.reset('');
  }
  const merges: CellRange[] = [];
  const clippedMerges: string[] = [];
  for (const ref of scanned.mergeRefs) {
    const range = parseRange(ref);
    if (range) {
      if (range.endRow > MAX_ROW || range.endCol > MAX_COL) {
        clippedMerges.push(ref);
        range.endRow = Math.min(range.endRow, MAX_ROW);
        range.endCol = Math.min(range.endCol, MAX_COL);
      }
      if (range.startRow <= range.endRow && range.startCol <= range.endCol) merges.push(range);
    }
  }
  return { rows: scanned.rows, merges, droppedCells: scanned.droppedCells, clippedMerges };
}

interface ScannedSheet {
  readonly rows: RawRow[];
  /** `ref` of every `<mergeCell>`, in document order. */
  readonly mergeRefs: string[];
  readonly droppedCells: number;
}

/**
 * The scanning loop of {@link scanWorksheet}. Merges are only collected here, as
 * strings: reading the range objects parseRange returns in this function, once per
 * sheet after its cells, found the feedback for them cleared by the GC between reads
 * and deoptimised the whole loop at the end of every read, so that the next read ran
 * unoptimised (the V8 cliff again, as a steady 2-3x).
 */
function worksheetFrom(sc: XmlScanner, ctx: SheetContext): ScannedSheet {
  const xml = sc.xml;
  const { sharedStrings, dateStyles, date1904, cellBudget } = ctx;
  const rows: RawRow[] = [];
  const mergeRefs: string[] = [];
  let droppedCells = 0;
  let rowsSorted = true;

  let inSheetData = false;
  let rowIndex = 0; // current row, 1-based
  let rowHasIndex = false;
  let lastRowIndex = 0; // of the last row kept, to notice rows out of order
  // The current row's cells (parseWorksheet's rowCells, null there when count is 0),
  // gathered here and copied out at the row's end into an array of the exact size.
  const rowCells: RawCell[] = [];
  let rowCellCount = 0;
  let lastCol = 0; // of the last cell kept in the row
  let cellsSorted = true;
  let nextCol = 1;

  let inCell = false;
  let cellCol = 0;
  let cellType = TYPE_NONE;
  /**
   * `Number(s)` of the cell's style attribute, NaN when it has none. Only indexes >= 0
   * can name a date style; testing that first keeps NaN out of the array lookup.
   */
  let cellStyle = NaN;
  let capture = CAPTURE_NONE;
  let valueKind = VALUE_NULL;
  let valueStart = 0;
  let valueEnd = 0;
  let valueString = '';
  let formulaText: string | null = null;
  let inlineText: string | null = null;
  let inInline = false;
  let inPhonetic = false;

  for (;;) {
    // A whole plain cell at once (see plainCell), handled below as its OPEN c.
    const plain = inSheetData && sc.plainCell();
    const token = plain ? TOKEN_OPEN : sc.next();
    if (token === TOKEN_TEXT) {
      switch (capture) {
        case CAPTURE_VALUE:
          if (valueKind === VALUE_EMPTY && sc.textFlags === 0) {
            valueKind = VALUE_SPAN;
            valueStart = sc.textStart;
            valueEnd = sc.textEnd;
          } else {
            // parseWorksheet appends to a null valueText too (a `<c>` opened inside a
            // `<v>`), which JavaScript spells "null": kept for identical results.
            const before =
              valueKind === VALUE_STRING ? valueString : valueKind === VALUE_SPAN ? xml.slice(valueStart, valueEnd) : valueKind === VALUE_EMPTY ? '' : 'null';
            valueString = before + sc.text();
            valueKind = VALUE_STRING;
          }
          break;
        case CAPTURE_FORMULA:
          // As `+=` in parseWorksheet, null included.
          formulaText = `${formulaText}${sc.text()}`;
          break;
        case CAPTURE_INLINE:
          inlineText = `${inlineText}${sc.text()}`;
          break;
      }
      continue;
    }
    if (token === TOKEN_END) break;
    let element = plain ? EL_C : elementAt(xml, sc.localStart, sc.nameEnd);
    if (token === TOKEN_OPEN) {
      let closeCell = false;
      switch (element) {
        case EL_C: {
          if (!inSheetData) break;
          inCell = true;
          let hasRef = false;
          cellType = TYPE_NONE;
          cellStyle = NaN;
          if (plain) {
            // Plain values: no references or whitespace to decode (see plainCell).
            if (sc.cellRefStart >= 0) hasRef = parseRef(xml, sc.cellRefStart, sc.cellRefEnd);
            const t0 = sc.cellTypeStart;
            if (t0 >= 0) {
              cellType = sc.cellTypeEnd - t0 === 1 && xml.charCodeAt(t0) === 115 ? TYPE_S : cellTypeOf(xml.slice(t0, sc.cellTypeEnd));
            }
            if (sc.cellStyleStart >= 0) {
              const digits = digitsAt(xml, sc.cellStyleStart, sc.cellStyleEnd);
              cellStyle = digits >= 0 ? digits : Number(xml.slice(sc.cellStyleStart, sc.cellStyleEnd));
            }
          }
          // Only one-letter attributes matter here: r, t, s.
          const spans = sc.attrSpans;
          for (let k = 0, n = plain ? 0 : sc.attrCount; k < n; k++) {
            const nameAt = spans[k * 4] ?? 0;
            if ((spans[k * 4 + 1] ?? 0) - nameAt !== 1) continue;
            const start = spans[k * 4 + 2] ?? 0;
            const end = spans[k * 4 + 3] ?? 0;
            const plainValue = sc.attrFlags[k] === 0;
            switch (xml.charCodeAt(nameAt)) {
              case 114: // r
                hasRef = plainValue ? parseRef(xml, start, end) : parseRef(sc.attrValue(k));
                break;
              case 116: // t
                cellType = plainValue && end - start === 1 && xml.charCodeAt(start) === 115 ? TYPE_S : cellTypeOf(sc.attrValue(k));
                break;
              case 115: {
                // s
                const digits = plainValue ? digitsAt(xml, start, end) : -1;
                cellStyle = digits >= 0 ? digits : Number(sc.attrValue(k));
                break;
              }
            }
          }
          if (hasRef) {
            cellCol = refCol;
            // A row without `r` takes its index from its first referenced cell.
            if (!rowHasIndex && refRow > 0) (rowIndex = refRow), (rowHasIndex = true);
          } else {
            cellCol = nextCol;
          }
          nextCol = cellCol + 1;
          valueKind = VALUE_NULL;
          formulaText = null;
          inlineText = null;
          // The usual `<v>…</v></c>` in one step: OPEN v and TEXT as below, CLOSE v
          // (capture ends), then on to CLOSE c. A plain cell has been read whole.
          const length = plain ? (sc.textStart < 0 ? -2 : sc.textEnd - sc.textStart) : sc.plainChildThenClose(118);
          if (length >= 0) {
            valueKind = length === 0 ? VALUE_EMPTY : VALUE_SPAN;
            valueStart = sc.textStart;
            valueEnd = sc.textEnd;
            capture = CAPTURE_NONE;
          }
          closeCell = length !== -1;
          break;
        }
        case EL_V:
          if (inCell) (capture = CAPTURE_VALUE), (valueKind = VALUE_EMPTY);
          break;
        case EL_F:
          if (inCell) (capture = CAPTURE_FORMULA), (formulaText = '');
          break;
        case EL_IS:
          if (inCell) (inInline = true), (inlineText = '');
          break;
        case EL_T:
          if (inInline && !inPhonetic) capture = CAPTURE_INLINE;
          break;
        case EL_RPH:
          if (inInline) inPhonetic = true;
          break;
        case EL_ROW: {
          if (!inSheetData) break;
          let r = NaN; // Number(undefined) when there is no r
          for (let k = 0; k < sc.attrCount; k++) {
            if (!sc.attrIs1(k, 114)) continue;
            const digits = sc.attrFlags[k] === 0 ? digitsAt(xml, sc.attrSpans[k * 4 + 2] ?? 0, sc.attrSpans[k * 4 + 3] ?? 0) : -1;
            r = digits >= 0 ? digits : Number(sc.attrValue(k));
          }
          rowHasIndex = Number.isInteger(r) && r > 0;
          rowIndex = rowHasIndex ? r : rowIndex + 1;
          nextCol = 1;
          rowCellCount = 0;
          cellsSorted = true;
          break;
        }
        case EL_SHEET_DATA:
          inSheetData = true;
          break;
        case EL_MERGE_CELL:
          for (let k = 0; k < sc.attrCount; k++) if (sc.attrIs(k, 'ref')) mergeRefs.push(sc.attrValue(k));
          break;
      }
      if (!closeCell) continue;
      element = EL_C;
    }
    // TOKEN_CLOSE (or a cell's, after its value was consumed in one step)
    switch (element) {
      case EL_V:
      case EL_F:
      case EL_T:
        capture = CAPTURE_NONE;
        break;
      case EL_C:
        if (inCell) {
          // parseWorksheet's finishCell, with the common cases (a shared-string index,
          // a plain number) read straight from the part instead of from a substring.
          let value: RawCellValue = null;
          let type: RawCell['type'] = 'n';
          const fast = valueKind === VALUE_SPAN ? digitsAt(xml, valueStart, valueEnd) : -1;
          if (cellType === TYPE_S && fast >= 0) {
            type = 's';
            value = sharedStrings[fast] ?? null;
          } else if (cellType === TYPE_NONE && fast >= 0) {
            value = fast;
            if (cellStyle >= 0 && dateStyles[cellStyle] === true) {
              const iso = serialToIso(fast, date1904);
              if (iso !== undefined) (type = 'd'), (value = iso);
            }
          } else {
            const v =
              valueKind === VALUE_NULL ? null : valueKind === VALUE_EMPTY ? '' : valueKind === VALUE_SPAN ? xml.slice(valueStart, valueEnd) : valueString;
            const typed = typeCell(cellType, v, inlineText, sharedStrings, cellStyle >= 0 && dateStyles[cellStyle] === true, date1904);
            type = typed.type;
            value = typed.value;
          }
          const hasFormula = formulaText !== null;
          if (hasFormula || (value !== null && value !== '')) {
            if (cellBudget.remaining <= 0) {
              droppedCells++;
            } else {
              cellBudget.remaining--;
              const cell: RawCell = hasFormula
                ? { col: cellCol, value, type, formula: { text: formulaText ?? '', cached: valueKind !== VALUE_NULL } }
                : { col: cellCol, value, type };
              if (rowCellCount > 0 && lastCol >= cellCol) cellsSorted = false;
              rowCells[rowCellCount++] = cell;
              lastCol = cellCol;
            }
          }
        }
        inCell = false;
        inInline = false;
        inPhonetic = false;
        capture = CAPTURE_NONE;
        break;
      case EL_IS:
        inInline = false;
        break;
      case EL_RPH:
        inPhonetic = false;
        break;
      case EL_ROW:
        if (inSheetData) {
          if (rowCellCount > 0) {
            const kept = rowCells.slice(0, rowCellCount);
            const cells = cellsSorted ? kept : sortCells(kept);
            if (rows.length > 0 && lastRowIndex >= rowIndex) rowsSorted = false;
            rows.push({ index: rowIndex, cells });
            lastRowIndex = rowIndex;
          }
          rowCellCount = 0;
        }
        break;
      case EL_SHEET_DATA:
        inSheetData = false;
        break;
    }
  }

  return { rows: rowsSorted ? rows : sortRows(rows), mergeRefs, droppedCells };
}

// ---------------------------------------------------------------------------------------
// Shared strings
// ---------------------------------------------------------------------------------------

/**
 * Scans the shared strings part: the same list as xlsxReader's `parseSharedStrings`
 * (one string per `<si>`, runs concatenated, phonetic runs left out, `_xHHHH_` decoded).
 * Returns null when the part needs a full XML parser; throws {@link XmlSyntaxError}.
 */
export function scanSharedStrings(xml: string): string[] | null {
  scanner.reset(xml);
  try {
    return scanner.prolog() ? sharedStringsFrom(scanner) : null;
  } finally {
    scanner.reset('');
  }
}

function sharedStringsFrom(sc: XmlScanner): string[] {
  const xml = sc.xml;
  const strings: string[] = [];
  let inSi = false;
  let inPhonetic = false;
  let inT = false;
  let current = '';
  for (;;) {
    const token = sc.next();
    if (token === TOKEN_TEXT) {
      if (inT) current += sc.text();
      continue;
    }
    if (token === TOKEN_END) break;
    const element = elementAt(xml, sc.localStart, sc.nameEnd);
    if (token === TOKEN_OPEN) {
      if (element === EL_T) inT = inSi && !inPhonetic;
      else if (element === EL_SI) {
        inSi = true;
        current = '';
        // The usual `<t>…</t></si>` in one step: the text counts unless inside a
        // phonetic run, then CLOSE t and CLOSE si as below.
        if (sc.plainChildThenClose(116) >= 0) {
          if (!inPhonetic) current = sc.text();
          strings.push(unescapeOoxml(current));
          inT = false;
          inSi = false;
        }
      } else if (element === EL_RPH) inPhonetic = true;
    } else if (element === EL_T) inT = false;
    else if (element === EL_SI) {
      strings.push(unescapeOoxml(current));
      inSi = false;
    } else if (element === EL_RPH) inPhonetic = false;
  }
  return strings;
}

