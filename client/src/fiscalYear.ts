/**
 * The fiscal year the guided "new manifest" asks for: Buddhist Era, as every OBEC form
 * writes it. Pure (no `vscode`), so the rules are unit-tested without an editor.
 */
import { BE_OFFSET } from '../../server/src/engine/dates';
import { thaiDigitsToArabic } from '../../server/src/engine/text';

/** The range the input box accepts: wide enough for old and future editions, narrow enough to catch typos. */
export const FISCAL_YEAR_MIN = 2500;
export const FISCAL_YEAR_MAX = 2700;

/**
 * The current fiscal year in the Buddhist Era. A Thai fiscal year ends on 30 September
 * and is named by the year it ends in, so from 1 October on it is next calendar year's.
 */
export function currentFiscalYear(today: Date): number {
  const OCTOBER = 9; // Date months are 0-based
  const ceYear = today.getMonth() >= OCTOBER ? today.getFullYear() + 1 : today.getFullYear();
  return ceYear + BE_OFFSET;
}

/** What the user typed, read as a fiscal year; every failure kind gets its own hint. */
export type FiscalYearInput =
  | { readonly kind: 'ok'; readonly year: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'not-a-year' }
  /** A Christian-era year (2024): the commonest mistake, so the hint offers the BE year. */
  | { readonly kind: 'christian-era'; readonly year: number; readonly buddhistEra: number }
  | { readonly kind: 'out-of-range'; readonly year: number };

/** Reads a fiscal year typed with Arabic or Thai digits, optionally prefixed "พ.ศ." or "BE". */
export function parseFiscalYear(text: string): FiscalYearInput {
  const s = thaiDigitsToArabic(text)
    .trim()
    .replace(/^(?:พ\.\s*ศ\.|B\.?\s*E\.?)\s*/i, '');
  if (s === '') return { kind: 'empty' };
  if (!/^\d{4}$/.test(s)) return { kind: 'not-a-year' };
  const year = Number(s);
  // The same CE window the engine's date reader uses (dates.ts): 1900–2199 is a CE year.
  if (year >= 1900 && year < 2200) return { kind: 'christian-era', year, buddhistEra: year + BE_OFFSET };
  if (year < FISCAL_YEAR_MIN || year > FISCAL_YEAR_MAX) return { kind: 'out-of-range', year };
  return { kind: 'ok', year };
}
