import type { FindingLocation } from './diagnostics';
import type { FigureDef, LevelCondition, LocalizedText, Pack, Round } from './packs/model';
import { percentHalfUp } from './tables/extract';

/**
 * Scoring: the quality level of a round from the pack's level rules (conjunctive: the
 * level is the highest whose every condition holds — DOMAIN.md, seed 000 "เกณฑ์การพิจารณา"),
 * what is missing for the next level, and the indicator's overall score (mean of the
 * assessed rounds, seed 003) with its descriptor band.
 *
 * Rounding, stated once: percent figures are rounded half-up to `scoring.percentDecimals`
 * (2) places in exact integer arithmetic and the rounded value is compared with the
 * threshold — what a report prints is what is judged (18999/20000 = 94.995 → 95.00 passes;
 * 94.99 fails 95). The overall score is rounded half-up to `scoring.decimals` (2) before
 * its band is looked up.
 */

/** Whether a consideration point has clear evidence, and why not. */
export interface PointStatus {
  readonly point: string;
  readonly clear: boolean;
  /** Listed in the manifest with at least one evidence entry (clear or not). */
  readonly reported?: boolean;
  /** Reasons it is not clear (missing evidence, errors on its evidence). */
  readonly reasons: readonly LocalizedText[];
}

/** A figure's value as used for scoring, with where it came from. */
export interface FigureValue {
  readonly id: string;
  readonly title: LocalizedText;
  readonly unit: FigureDef['unit'];
  /** Counts and areas are whole numbers; percent is 0–100 (rounded as above). */
  readonly value?: number;
  readonly source: 'table' | 'manifest' | 'computed' | 'none';
  readonly location?: FindingLocation;
  /** Why the value is unknown, when it is. */
  readonly unknownReason?: LocalizedText;
  /** For percents: numerator and denominator. */
  readonly ratio?: { readonly of: number; readonly over: number };
  /** For area figures: vocabulary ids missing. */
  readonly missingTerms?: readonly string[];
}

export interface ConditionResult {
  readonly condition: LevelCondition;
  readonly holds: boolean;
  readonly description: LocalizedText;
  /** The figure's value or the clear-point count, as shown. */
  readonly actual?: string;
}

export interface LevelEvaluation {
  readonly level: number;
  readonly text: LocalizedText;
  readonly holds: boolean;
  readonly conditions: readonly ConditionResult[];
}

export interface Gap {
  readonly kind: LevelCondition['kind'];
  readonly message: LocalizedText;
}

export interface RoundScore {
  readonly round: string;
  readonly title: LocalizedText;
  readonly level: number;
  readonly levels: readonly LevelEvaluation[];
  readonly points: readonly PointStatus[];
  readonly figures: readonly FigureValue[];
  /** What is missing for the next level up; absent at the top level. */
  readonly next?: { readonly level: number; readonly gaps: readonly Gap[] };
}

export interface OverallScore {
  /** Mean of the assessed rounds' levels, rounded half-up to the pack's decimals. */
  readonly score: number;
  readonly descriptor?: LocalizedText;
  readonly roundsAssessed: readonly string[];
}

/** Rounds `x` half-up to `decimals` places without binary-float surprises (2.675 → 2.68). */
export function roundHalfUp(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round((x * scale + Number.EPSILON * Math.abs(x * scale)) ) / scale;
}

export function scoreRound(round: Round, points: ReadonlyMap<string, PointStatus>, figures: ReadonlyMap<string, FigureValue>, pack: Pack): RoundScore {
  const evaluations: LevelEvaluation[] = round.levels.map((rule) => {
    const conditions = rule.all.map((c) => evaluate(c, round, points, figures, pack));
    return { level: rule.level, text: rule.text, holds: conditions.every((c) => c.holds), conditions };
  });
  const sorted = [...evaluations].sort((a, b) => b.level - a.level);
  const reached = sorted.find((e) => e.holds);
  const level = reached?.level ?? Math.min(...round.levels.map((l) => l.level));
  const nextRule = [...sorted].reverse().find((e) => e.level > level);
  const next = nextRule ? { level: nextRule.level, gaps: nextRule.conditions.filter((c) => !c.holds).map((c) => gapFor(c.condition, round, points, figures, pack, nextRule.level)) } : undefined;
  return {
    round: round.id,
    title: round.title,
    level,
    levels: evaluations,
    points: round.points.map((p) => points.get(p.id) ?? { point: p.id, clear: false, reasons: [] }),
    figures: round.figures.map((f) => figures.get(f.id) ?? { id: f.id, title: f.title, unit: f.unit, source: 'none' }),
    ...(next ? { next } : {}),
  };
}

/** The overall score of the assessed rounds (seed 003: mean of the 6- and 12-month levels). */
export function overallScore(rounds: readonly RoundScore[], pack: Pack): OverallScore | undefined {
  if (rounds.length === 0) return undefined;
  const mean = rounds.reduce((s, r) => s + r.level, 0) / rounds.length;
  const score = roundHalfUp(mean, pack.scoring.decimals);
  const band = pack.scoring.descriptors.find((d) => score >= d.min && score <= d.max);
  return { score, ...(band ? { descriptor: band.label } : {}), roundsAssessed: rounds.map((r) => r.round) };
}

function clearCount(round: Round, points: ReadonlyMap<string, PointStatus>, of?: readonly string[]): number {
  const ids = of ?? round.points.map((p) => p.id);
  return ids.filter((id) => points.get(id)?.clear).length;
}

function reportedCount(round: Round, points: ReadonlyMap<string, PointStatus>, of?: readonly string[]): number {
  const ids = of ?? round.points.map((p) => p.id);
  return ids.filter((id) => points.get(id)?.reported).length;
}

function formatValue(f: FigureValue): string {
  if (f.value === undefined) return '?';
  return f.unit === 'percent' ? `${f.value.toFixed(2)} %` : String(f.value);
}

function evaluate(c: LevelCondition, round: Round, points: ReadonlyMap<string, PointStatus>, figures: ReadonlyMap<string, FigureValue>, pack: Pack): ConditionResult {
  switch (c.kind) {
    case 'clearPoints': {
      const n = clearCount(round, points, c.of);
      return {
        condition: c,
        holds: n >= c.min,
        actual: String(n),
        description: { th: `ประเด็นการพิจารณาชัดเจนอย่างน้อย ${c.min} ประเด็น (ชัดเจน ${n})`, en: `at least ${c.min} consideration points clear (${n} clear)` },
      };
    }
    case 'reportedPoints': {
      const n = reportedCount(round, points, c.of);
      return {
        condition: c,
        holds: n >= c.min,
        actual: String(n),
        description: { th: `ดำเนินการตามประเด็นการพิจารณาอย่างน้อย ${c.min} ประเด็น (รายงาน ${n})`, en: `at least ${c.min} consideration points reported (${n} reported)` },
      };
    }
    case 'pointsClear': {
      const unclear = c.points.filter((id) => !points.get(id)?.clear);
      return {
        condition: c,
        holds: unclear.length === 0,
        actual: unclear.length ? unclear.join(', ') : 'ok',
        description: { th: `ประเด็นที่ ${c.points.join(', ')} ชัดเจน`, en: `points ${c.points.join(', ')} clear` },
      };
    }
    case 'figureAtLeast': {
      const f = figures.get(c.figure);
      const def = round.figures.find((x) => x.id === c.figure);
      const title = def?.title ?? { th: c.figure, en: c.figure };
      const holds = f?.value !== undefined && atLeast(f.value, c.min, def?.unit === 'percent' ? pack.scoring.percentDecimals : 0);
      const unit = def?.unit === 'percent' ? { th: `ร้อยละ ${c.min} ขึ้นไป`, en: `≥ ${c.min} %` } : { th: `อย่างน้อย ${c.min}`, en: `≥ ${c.min}` };
      const shown = f ? formatValue(f) : '?';
      return { condition: c, holds, actual: shown, description: { th: `${title.th} ${unit.th} (${shown})`, en: `${title.en} ${unit.en} (${shown})` } };
    }
  }
}

/** Compares at the stated precision: both sides scaled to integers, so 95 vs 94.99 is exact. */
function atLeast(value: number, min: number, decimals: number): boolean {
  const scale = 10 ** decimals;
  return Math.round(value * scale) >= Math.round(min * scale);
}

function gapFor(c: LevelCondition, round: Round, points: ReadonlyMap<string, PointStatus>, figures: ReadonlyMap<string, FigureValue>, pack: Pack, level: number): Gap {
  const toLevel = { th: ` → ระดับ ${level}`, en: ` → level ${level}` };
  const reasonsOf = (ids: readonly string[]): LocalizedText => {
    const parts = ids
      .filter((id) => !points.get(id)?.clear)
      .map((id) => {
        const r = points.get(id)?.reasons[0];
        return { th: `ประเด็นที่ ${id}${r ? `: ${r.th}` : ''}`, en: `point ${id}${r ? `: ${r.en}` : ''}` };
      });
    return { th: parts.map((p) => p.th).join('; '), en: parts.map((p) => p.en).join('; ') };
  };
  switch (c.kind) {
    case 'clearPoints': {
      const need = c.min - clearCount(round, points, c.of);
      const r = reasonsOf(c.of ?? round.points.map((p) => p.id));
      return { kind: c.kind, message: { th: `ต้องมีประเด็นที่ชัดเจนเพิ่มอีก ${need} ประเด็น${toLevel.th} (${r.th})`, en: `${need} more clear point${need > 1 ? 's' : ''}${toLevel.en} (${r.en})` } };
    }
    case 'reportedPoints': {
      const need = c.min - reportedCount(round, points, c.of);
      const missing = (c.of ?? round.points.map((p) => p.id)).filter((id) => !points.get(id)?.reported);
      return { kind: c.kind, message: { th: `ต้องรายงานประเด็นเพิ่มอีก ${need} ประเด็น (ประเด็นที่ ${missing.join(', ')})${toLevel.th}`, en: `${need} more point${need > 1 ? 's' : ''} to report (${missing.join(', ')})${toLevel.en}` } };
    }
    case 'pointsClear': {
      const r = reasonsOf(c.points);
      return { kind: c.kind, message: { th: `ต้องทำให้ชัดเจน: ${r.th}${toLevel.th}`, en: `make clear: ${r.en}${toLevel.en}` } };
    }
    case 'figureAtLeast': {
      const def = round.figures.find((x) => x.id === c.figure);
      const f = figures.get(c.figure);
      const title = def?.title ?? { th: c.figure, en: c.figure };
      if (!f || f.value === undefined) {
        const why = f?.unknownReason;
        return { kind: c.kind, message: { th: `ยังไม่ทราบ${title.th}${why ? ` (${why.th})` : ''}${toLevel.th}`, en: `${title.en} is unknown${why ? ` (${why.en})` : ''}${toLevel.en}` } };
      }
      if (def?.unit === 'percent' && def.percentOf && f.ratio) {
        const ofDef = round.figures.find((x) => x.id === def.percentOf!.of);
        const { of, over } = f.ratio;
        let k = 0;
        while (of + k <= over && !atLeast(percentHalfUp(of + k, over, pack.scoring.percentDecimals).value, c.min, pack.scoring.percentDecimals)) k++;
        const reach = percentHalfUp(of + k, over, pack.scoring.percentDecimals).value.toFixed(2);
        const what = ofDef?.title ?? { th: def.percentOf.of, en: def.percentOf.of };
        return {
          kind: c.kind,
          message: { th: `${what.th} เพิ่มอีก ${k} แห่ง (${of + k}/${over} = ร้อยละ ${reach})${toLevel.th}`, en: `${k} more: ${what.en.charAt(0).toLowerCase()}${what.en.slice(1)} (${of + k}/${over} = ${reach} %)${toLevel.en}` },
        };
      }
      if (f.missingTerms && f.missingTerms.length > 0) {
        const vocab = pack.vocabularies['areas'] ?? [];
        const names = f.missingTerms.map((id) => vocab.find((t) => t.id === id)?.title ?? { th: id, en: id });
        return {
          kind: c.kind,
          message: { th: `${title.th}: ยังขาด ${names.map((n) => n.th).join(', ')}${toLevel.th}`, en: `${title.en}: missing ${names.map((n) => n.en).join(', ')}${toLevel.en}` },
        };
      }
      const diff = c.min - f.value;
      return { kind: c.kind, message: { th: `${title.th} ต้องเพิ่มอีก ${diff} (ปัจจุบัน ${formatValue(f)})${toLevel.th}`, en: `${title.en}: ${diff} more needed (now ${formatValue(f)})${toLevel.en}` } };
    }
  }
}
