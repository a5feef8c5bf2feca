/**
 * Text normalisation shared by manifest and workbook checks: Thai digits, invisible
 * characters, header matching, school codes.
 */

const THAI_ZERO = 0x0e50; // ๐

/** Replaces Thai digits ๐–๙ with 0–9; other characters unchanged. */
export function thaiDigitsToArabic(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c >= THAI_ZERO && c <= THAI_ZERO + 9 ? String.fromCharCode(48 + c - THAI_ZERO) : ch;
  }
  return out;
}

/** True when `s` contains a Thai digit. */
export function hasThaiDigits(s: string): boolean {
  return /[\u0E50-\u0E59]/.test(s);
}

/**
 * Reads a whole number written with Arabic or Thai digits, optional thousands separators
 * and surrounding spaces ("๑๑๒", "1,120", " 98 "). Undefined when it is not one.
 */
export function parseWholeNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = thaiDigitsToArabic(v).replace(/\s/g, '');
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(s)) return undefined; // a comma only between groups of three (1,234)
  return Number(s.replace(/,/g, ''));
}

/** Reads a decimal number (percent figures), Thai digits accepted, a trailing % allowed. */
export function parseDecimal(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = thaiDigitsToArabic(v).replace(/[\s%]/g, '');
  // A comma only between groups of three (1,234.5); "5,5" is not 55 (nor 5.5: ambiguous).
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/.test(s)) return undefined;
  return Number(s.replace(/,/g, ''));
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/**
 * Normal form for matching headers and markers: NFC, invisible characters removed, Thai
 * digits as Arabic, lower case, whitespace collapsed, a trailing parenthetical and
 * punctuation such as `:` and `*` dropped ("ชื่อระบบ (ระบุ)*" → "ชื่อระบบ").
 */
export function normaliseLabel(s: string): string {
  // Header and marker matching normalises the same few hundred texts (aliases, markers,
  // headings) on every check: a small memo keeps warm re-checks fast.
  const hit = labelMemo.get(s);
  if (hit !== undefined) return hit;
  const out = computeLabel(s);
  if (labelMemo.size >= LABEL_MEMO_MAX) labelMemo.clear();
  labelMemo.set(s, out);
  return out;
}

const LABEL_MEMO_MAX = 20_000;
const labelMemo = new Map<string, string>();

function computeLabel(s: string): string {
  return thaiDigitsToArabic(s.normalize('NFC').replace(INVISIBLE, ''))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/[:*：]+/g, '')
    .trim();
}

/** Kinds of school code in use (DOMAIN.md, "Tables X2.1–X2.3"). */
export type SchoolCodeKind = 'national' | 'smis' | 'obec';

/**
 * Normalises and classifies a school code: 10 digits = national (e.g. 1020080005),
 * 8 = SMIS (4-digit area + 4-digit number), 6 = OBEC. Numbers as Excel stores them are
 * accepted. `code` is the normalised text; `kind` is undefined for a malformed code.
 */
export function classifySchoolCode(v: unknown): { code: string; kind?: SchoolCodeKind } {
  let s: string;
  if (typeof v === 'number') s = Number.isInteger(v) ? String(v) : String(v);
  else s = thaiDigitsToArabic(String(v ?? '').normalize('NFC').replace(INVISIBLE, '')).trim().replace(/[\s-]/g, '');
  if (/^\d{10}$/.test(s)) return { code: s, kind: 'national' };
  if (/^\d{8}$/.test(s)) return { code: s, kind: 'smis' };
  if (/^\d{6}$/.test(s)) return { code: s, kind: 'obec' };
  return { code: s };
}

/**
 * Normal form for telling names apart (projects, indicators): NFC, invisible characters
 * removed, Thai digits as Arabic, whitespace collapsed, case folded — and nothing else
 * dropped (unlike {@link normaliseLabel}, a trailing "(รุ่นที่ 2)" still counts).
 */
export function identityKey(s: string): string {
  return thaiDigitsToArabic(s.normalize('NFC').replace(INVISIBLE, '')).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Lists items in a sentence: "a, b, c". */
export function listOf(items: readonly string[]): string {
  return items.join(', ');
}
