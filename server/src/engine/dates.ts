/**
 * Dates and the Thai fiscal year. A fiscal year (ปีงบประมาณ) runs 1 October – 30 September
 * and is named by the Buddhist-Era year it ends in: FY2567 = 1 Oct 2023 – 30 Sep 2024
 * (DOMAIN.md glossary). BE = CE + 543.
 */

export const BE_OFFSET = 543;

/** A calendar date with its year in the Common Era, and the era it was written in. */
export interface ParsedDate {
  readonly ceYear: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
  readonly writtenEra: 'BE' | 'CE';
}

/**
 * Reads `YYYY-MM-DD` or `D/M/YYYY` (Thai habit), with Arabic or Thai digits; years ≥ 2400
 * are Buddhist Era, 1900–2199 Common Era. Undefined when it is not a real date.
 */
export function parseEvidenceDate(raw: string): ParsedDate | undefined {
  const s = raw
    .trim()
    .replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  } else return undefined;
  let era: 'BE' | 'CE';
  if (y >= 2400 && y < 2800) era = 'BE';
  else if (y >= 1900 && y < 2200) era = 'CE';
  else return undefined;
  const ceYear = era === 'BE' ? y - BE_OFFSET : y;
  const check = new Date(Date.UTC(ceYear, mo - 1, d));
  if (check.getUTCFullYear() !== ceYear || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return { ceYear, month: mo, day: d, writtenEra: era };
}

/** Days since the epoch (UTC) of a parsed date, for comparisons. */
export function dayNumber(d: { ceYear: number; month: number; day: number }): number {
  return Math.floor(Date.UTC(d.ceYear, d.month - 1, d.day) / 86_400_000);
}

/**
 * First and last day of a fiscal year (BE), and of a round within it: a round of `months`
 * covers the first `months` months (6 → 1 Oct – 31 Mar; 12 → the whole year).
 */
export function fiscalYearSpan(fiscalYearBE: number, months = 12): { from: ParsedDate; to: ParsedDate } {
  const startCe = fiscalYearBE - BE_OFFSET - 1;
  const from: ParsedDate = { ceYear: startCe, month: 10, day: 1, writtenEra: 'BE' };
  const endMonthIndex = 9 + months; // months after January of startCe, 0-based month of the month after the round
  const end = new Date(Date.UTC(startCe, endMonthIndex, 0)); // day 0 = last day of the previous month
  const to: ParsedDate = { ceYear: end.getUTCFullYear(), month: end.getUTCMonth() + 1, day: end.getUTCDate(), writtenEra: 'BE' };
  return { from, to };
}

/** Formats a date in the Buddhist Era, `YYYY-MM-DD` (how offices write it). */
export function formatBE(d: { ceYear: number; month: number; day: number }): string {
  return `${d.ceYear + BE_OFFSET}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
