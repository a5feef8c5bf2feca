import type { FindingLocation } from './diagnostics';
import type { LocalizedText, MaturityPack, ScoreSource } from './packs/model';

/**
 * Scoring of maturity frameworks (PMQA, seed 001): sub-item points from cumulative levels,
 * category points as the mean of their sub-items, the total as the weighted sum.
 *
 * Units: points are on the pack's scale (`points.max`, 500 for PMQA: Basic 300, Advance 400,
 * Significance 500); weights are percent 0–100; source scores are on their own scale (KPI
 * 1–5). Rounding, stated once: a weighted source result is rounded half-up to the source's
 * `decimals` (4: 3.99995 → 4.0000 → Advance; 3.99994 → 3.9999 → Basic) in exact decimal
 * arithmetic before its band is looked up; category points and the total are rounded
 * half-up to `points.decimals` (2); the total is computed from the rounded category points,
 * so a reviewer can reproduce it by hand from what is shown.
 *
 * Unknown is not 0: a sub-item scored by a source whose result is not given (or invalid)
 * has no points, nor has its category, nor the total — they are absent, with the reason,
 * never computed as if the source had scored 0 (the office does not control that score).
 */

/** Where a sub-item's score comes from. */
export type ItemScoreFrom = 'self-assessment' | 'source' | 'indicator' | 'not-reported';

export interface MaturityItemScore {
  readonly item: string;
  readonly title: LocalizedText;
  readonly from: ItemScoreFrom;
  /** The level the office claims (self-assessment), by level id. */
  readonly claimed?: string;
  /** The level reached, by level id; absent below the first level. */
  readonly level?: string;
  /** Points on the pack's scale (0–500 for PMQA); absent when its source's result is unknown. */
  readonly points?: number;
  /** Why the item is below the level claimed or below the next level. */
  readonly reasons: readonly LocalizedText[];
  /** What the next level needs; absent at the top level. */
  readonly next?: { readonly level: string; readonly needs: readonly LocalizedText[] };
  /** For results dimensions: the indicator as read (numbers in the indicator's own unit). */
  readonly indicator?: {
    readonly title: string;
    readonly type?: string;
    readonly target?: number;
    readonly result?: number;
    readonly baseline?: number;
    readonly achieved?: boolean;
  };
  /** The sub-item's key in the manifest, when it is there. */
  readonly location?: FindingLocation;
}

export interface SourceScore {
  readonly id: string;
  readonly kind: ScoreSource['kind'];
  readonly title: LocalizedText;
  /** For weighted sources: the weighted result after rounding (e.g. 3.9999), on the inputs' scale. */
  readonly value?: number;
  /** For weighted sources: each input as given. */
  readonly inputs?: readonly { readonly id: string; readonly title: LocalizedText; readonly weight: number; readonly score?: number }[];
  /** For group sources: the group letter given. */
  readonly group?: string;
  /** The level the source gives; absent when unknown or below the first level. */
  readonly level?: string;
  /** Points the source earns its sub-items; absent when the source is not given. */
  readonly points?: number;
  /** Why the source gives no score, when it does not. */
  readonly reason?: LocalizedText;
  readonly location?: FindingLocation;
}

export interface MaturityCategoryScore {
  readonly category: string;
  readonly title: LocalizedText;
  /** Weight in percent (0–100). */
  readonly weight: number;
  /** The highest level whose points the category's points reach; absent below the first level. */
  readonly level?: string;
  /** Mean of the sub-items' points (or the source's points), rounded to `points.decimals`; absent when one is unknown. */
  readonly points?: number;
  /** points × weight / 100: the category's share of the total; absent when the points are. */
  readonly weighted?: number;
  /** Why the points are unknown, when they are. */
  readonly unknownReason?: LocalizedText;
  readonly items: readonly MaturityItemScore[];
  /** The source scoring the whole category (หมวด 4, 6), if any. */
  readonly source?: string;
}

export interface MaturityScore {
  readonly framework: string;
  readonly categories: readonly MaturityCategoryScore[];
  /** Σ category points × weight / 100, rounded to `points.decimals`; out of `max`. Absent while a category's points are unknown. */
  readonly total?: number;
  /** The categories whose points are unknown (the total is then absent). */
  readonly unknownCategories: readonly string[];
  readonly max: number;
  /** The highest level whose points the total reaches. */
  readonly level?: string;
  readonly descriptor?: LocalizedText;
  readonly sources: readonly SourceScore[];
  readonly levels: readonly { readonly id: string; readonly title: LocalizedText; readonly points: number }[];
}

/** Exact decimal value of a finite number, as a scaled BigInt (value × 10^scale, half-up). */
function scaled(x: number, scale: number): bigint {
  const neg = x < 0;
  // Six guard digits absorb binary noise (366.665 is stored as 366.66499999999996: read as
  // 366.665000, so it rounds up, as written); then half-up by hand on the decimal digits.
  const guard = 6;
  const s = Math.abs(x).toFixed(Math.min(scale + guard, 100));
  const [int, frac = ''] = s.split('.');
  const digits = BigInt(int! + frac.slice(0, scale));
  const rest = frac.slice(scale);
  const v = rest !== '' && rest >= '5'.padEnd(rest.length, '0') ? digits + 1n : digits;
  return neg ? -v : v;
}

/**
 * Weighted result of scores (each on the source's scale) with weights in percent, rounded
 * half-up to `decimals` in exact decimal arithmetic (inputs are read to 6 decimals, weights
 * to 4). 0.7 × 4 + 0.3 × 3.9999 = 3.99997 → 4.0000 at 4 decimals.
 */
export function weightedHalfUp(inputs: readonly { readonly score: number; readonly weight: number }[], decimals: number): number {
  // Σ (score × 10^6) × (weight × 10^4) has scale 10^10, and weights are percent: /100 → 10^12.
  let sum = 0n;
  for (const i of inputs) sum += scaled(i.score, 6) * scaled(i.weight, 4);
  const totalScale = 12;
  const drop = 10n ** BigInt(totalScale - decimals);
  const q = sum / drop;
  const r = sum % drop;
  const rounded = r * 2n >= drop ? q + 1n : q;
  return Number(rounded) / 10 ** decimals;
}

/** `x` rounded half-up to `decimals` places, exactly (2.675 → 2.68). */
export function roundPoints(x: number, decimals: number): number {
  const v = scaled(x, decimals);
  return Number(v) / 10 ** decimals;
}

/** The highest level of the pack whose points `points` reaches (compared at the pack's decimals). */
export function levelForPoints(pack: MaturityPack, points: number): string | undefined {
  let hit: string | undefined;
  for (const l of pack.levels) if (scaled(points, pack.points.decimals) >= scaled(l.points, pack.points.decimals)) hit = l.id;
  return hit;
}

/** The band a weighted result falls in (bands highest first, `min` inclusive). */
export function bandLevel(source: Extract<ScoreSource, { kind: 'weighted' }>, value: number): string | undefined {
  for (const b of source.bands) if (scaled(value, source.decimals) >= scaled(b.min, source.decimals)) return b.level;
  return undefined;
}

/** Category points: the mean of its sub-items' points, rounded half-up; undefined when one is unknown. */
export function categoryPoints(pack: MaturityPack, items: readonly { readonly points?: number }[]): number | undefined {
  if (items.length === 0) return 0;
  if (items.some((i) => i.points === undefined)) return undefined;
  return roundPoints(items.reduce((s, i) => s + i.points!, 0) / items.length, pack.points.decimals);
}

/** The total: Σ category points × weight / 100 (from the rounded category points), rounded half-up; undefined when a category's points are unknown. */
export function totalPoints(pack: MaturityPack, categories: readonly { readonly points?: number; readonly weight: number }[]): number | undefined {
  if (categories.some((c) => c.points === undefined)) return undefined;
  const inputs = categories.map((c) => ({ score: c.points!, weight: c.weight }));
  return weightedHalfUp(inputs, pack.points.decimals);
}
