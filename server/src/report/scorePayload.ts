import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FindingLocation, ManifestCheckResult } from '../engine/index';
import type { MaturityScore } from '../engine/maturity';
import type { MessageLanguage, ScoreMaturity, ScorePayload, ScoreRound, SourceRef } from '../shared/protocol';

const uriOf = (p: string): string => pathToFileURL(p).toString();

/** A finding location as a payload source (manifest range or workbook cell). */
export function sourceOf(l: FindingLocation, anchor?: { line: number; character: number }): SourceRef {
  if (l.kind === 'text') {
    return { kind: 'manifest', uri: uriOf(l.path), line: l.range.start.line, character: l.range.start.character, endLine: l.range.end.line, endCharacter: l.range.end.character };
  }
  return { kind: 'workbook', uri: uriOf(l.path), file: path.basename(l.path), ...(l.sheet ? { sheet: l.sheet } : {}), ...(l.cell ? { cell: l.cell } : {}), ...(anchor ? { anchor } : {}) };
}

/**
 * The score payload of a checked manifest (see `ScorePayload`): levels, conditions,
 * points, figures with their sources, gaps for the next level, the overall score and the
 * problems, in one language; for a maturity framework (PMQA) the categories, sub-items,
 * sources and total instead. `version` is the document version the result is for.
 */
export function buildScorePayload(result: ManifestCheckResult, version: number, lang: MessageLanguage): ScorePayload {
  const doc = result.document;
  const manifestRange = (p: (string | number)[]): SourceRef | undefined => {
    if (!doc || !doc.has(p)) return undefined;
    return sourceOf({ kind: 'text', path: result.path, range: doc.keyRangeOf(p) });
  };
  const rounds: ScoreRound[] = (result.score?.rounds ?? []).map((r) => {
    const def = result.pack?.rounds.find((x) => x.id === r.round);
    const sorted = [...r.levels].sort((a, b) => b.level - a.level);
    const shown = r.next ? r.levels.find((l) => l.level === r.next!.level) : r.levels.find((l) => l.level === r.level);
    const roundSource = manifestRange(['rounds', r.round]);
    return {
      id: r.round,
      title: r.title[lang],
      level: r.level,
      ...(roundSource ? { source: roundSource } : {}),
      levels: sorted.map((l) => ({ level: l.level, text: l.text[lang], holds: l.holds, reached: l.level === r.level })),
      conditions: (shown?.conditions ?? []).map((c) => ({ description: c.description[lang], holds: c.holds, ...(c.actual !== undefined ? { actual: c.actual } : {}) })),
      points: r.points.map((p) => {
        const src = manifestRange(['rounds', r.round, 'points', p.point]) ?? roundSource;
        return {
          id: p.point,
          text: def?.points.find((x) => x.id === p.point)?.text[lang] ?? p.point,
          clear: p.clear,
          reasons: p.reasons.map((x) => x[lang]),
          ...(src ? { source: src } : {}),
        };
      }),
      figures: r.figures.map((f) => {
        const declared = manifestRange(['rounds', r.round, 'figures', f.id]);
        const anchor = declared?.kind === 'manifest' ? { line: declared.line, character: declared.character } : roundSource?.kind === 'manifest' ? { line: roundSource.line, character: roundSource.character } : undefined;
        const src = f.location ? sourceOf(f.location, anchor) : declared;
        return {
          id: f.id,
          title: f.title[lang],
          ...(f.value !== undefined ? { value: f.value } : {}),
          unit: f.unit,
          origin: f.source,
          ...(src ? { source: src } : {}),
          ...(f.ratio ? { note: `${f.ratio.of}/${f.ratio.over}` } : f.unknownReason ? { note: f.unknownReason[lang] } : {}),
        };
      }),
      ...(r.next ? { next: { level: r.next.level, gaps: r.next.gaps.map((g) => g.message[lang]) } } : {}),
    };
  });
  const items = result.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message[lang], source: sourceOf(f.location, f.anchor ? f.anchor.range.start : undefined) }));
  const pack = result.pack ?? result.maturityPack;
  const s = result.summary;
  const base = {
    uri: uriOf(result.path),
    version,
    language: lang,
    ...(pack ? { framework: { id: pack.id, edition: pack.edition, title: pack.title[lang], indicator: pack.indicator } } : {}),
    ...(s.officeName || s.officeCode ? { office: { ...(s.officeName ? { name: s.officeName } : {}), ...(s.officeCode ? { code: s.officeCode } : {}) } } : {}),
    ...(s.fiscalYear !== undefined ? { fiscalYear: s.fiscalYear } : {}),
    ...(s.reporter ? { reporter: s.reporter } : {}),
    rounds,
    problems: {
      errors: result.findings.filter((f) => f.severity === 'error').length,
      warnings: result.findings.filter((f) => f.severity === 'warning').length,
      information: result.findings.filter((f) => f.severity === 'information' || f.severity === 'hint').length,
      items,
    },
  };
  if (result.maturity) return { ...base, kind: 'maturity', maturity: maturityOf(result, lang) };
  return {
    ...base,
    kind: 'rounds',
    ...(result.score?.overall ? { overall: { score: result.score.overall.score, ...(result.score.overall.descriptor ? { descriptor: result.score.overall.descriptor[lang] } : {}) } } : {}),
  };
}

/** The level a maturity total reaches, as people read it: "Advance", or "below Basic" / "ต่ำกว่า Basic". */
export function maturityLevelText(m: MaturityScore, lang: MessageLanguage): string {
  const title = m.level !== undefined ? m.levels.find((l) => l.id === m.level)?.title[lang] : undefined;
  if (title !== undefined) return title;
  const first = m.levels[0]?.title[lang] ?? '';
  return lang === 'th' ? `ต่ำกว่า ${first}` : `below ${first}`;
}

/** The maturity part of the payload: categories with their sub-items, the sources, the total. */
function maturityOf(result: ManifestCheckResult, lang: MessageLanguage): ScoreMaturity {
  const m = result.maturity!;
  const pack = result.maturityPack;
  const at = (l: FindingLocation | undefined): SourceRef | undefined => (l ? sourceOf(l) : undefined);
  const sourceRefs = new Map(m.sources.map((x) => [x.id, at(x.location)]));
  // The sub-items a source scores: named on the sub-item, or on its whole category.
  const scoredBy = new Map<string, string>();
  for (const c of pack?.categories ?? []) for (const i of c.items) if (i.scoredBy ?? c.scoredBy) scoredBy.set(i.id, (i.scoredBy ?? c.scoredBy)!);
  return {
    ...(m.total !== undefined ? { total: m.total } : {}),
    unknownCategories: m.unknownCategories,
    max: m.max,
    decimals: pack?.points.decimals ?? 2,
    ...(m.level ? { level: m.level } : {}),
    ...(m.descriptor ? { descriptor: m.descriptor[lang] } : {}),
    levels: m.levels.map((l) => ({ id: l.id, title: l.title[lang], points: l.points })),
    ...(pack ? { rule: pack.points.text[lang] } : {}),
    categories: m.categories.map((c) => ({
      id: c.category,
      title: c.title[lang],
      weight: c.weight,
      ...(c.level ? { level: c.level } : {}),
      ...(c.points !== undefined ? { points: c.points } : {}),
      ...(c.unknownReason ? { unknownReason: c.unknownReason[lang] } : {}),
      weighted: c.weighted,
      ...(c.source ? { scoredBy: c.source } : {}),
      items: c.items.map((i) => {
        const by = i.from === 'source' ? scoredBy.get(i.item) : undefined;
        // A sourced sub-item has no key of its own in the manifest: it reveals its source.
        const src = at(i.location) ?? (by ? sourceRefs.get(by) : undefined);
        return {
          id: i.item,
          title: i.title[lang],
          from: i.from,
          ...(i.claimed ? { claimed: i.claimed } : {}),
          ...(i.level ? { level: i.level } : {}),
          points: i.points,
          reasons: i.reasons.map((r) => r[lang]),
          ...(i.next ? { next: { level: i.next.level, needs: i.next.needs.map((n) => n[lang]) } } : {}),
          ...(i.indicator ? { indicator: i.indicator } : {}),
          ...(by ? { scoredBy: by } : {}),
          ...(src ? { source: src } : {}),
        };
      }),
    })),
    sources: m.sources.map((x) => {
      const def = pack?.sources.find((d) => d.id === x.id);
      const src = sourceRefs.get(x.id);
      return {
        id: x.id,
        kind: x.kind,
        title: x.title[lang],
        ...(x.level ? { level: x.level } : {}),
        ...(x.points !== undefined ? { points: x.points } : {}),
        ...(x.value !== undefined ? { value: x.value } : {}),
        ...(def?.kind === 'weighted' ? { decimals: def.decimals } : {}),
        ...(x.inputs ? { inputs: x.inputs.map((n) => ({ id: n.id, title: n.title[lang], weight: n.weight, ...(n.score !== undefined ? { score: n.score } : {}) })) } : {}),
        ...(x.group !== undefined ? { group: x.group } : {}),
        ...(x.reason ? { reason: x.reason[lang] } : {}),
        items: [...scoredBy].filter(([, by]) => by === x.id).map(([item]) => item),
        ...(src ? { source: src } : {}),
      };
    }),
  };
}
