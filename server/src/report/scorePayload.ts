import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FindingLocation, ManifestCheckResult } from '../engine/index';
import type { MessageLanguage, ScorePayload, ScoreRound, SourceRef } from '../shared/protocol';

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
 * problems, in one language. `version` is the document version the result is for.
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
  const pack = result.pack;
  const s = result.summary;
  return {
    uri: uriOf(result.path),
    version,
    language: lang,
    ...(pack ? { framework: { id: pack.id, edition: pack.edition, title: pack.title[lang], indicator: pack.indicator } } : {}),
    ...(s.officeName || s.officeCode ? { office: { ...(s.officeName ? { name: s.officeName } : {}), ...(s.officeCode ? { code: s.officeCode } : {}) } } : {}),
    ...(s.fiscalYear !== undefined ? { fiscalYear: s.fiscalYear } : {}),
    ...(s.reporter ? { reporter: s.reporter } : {}),
    rounds,
    ...(result.score?.overall ? { overall: { score: result.score.overall.score, ...(result.score.overall.descriptor ? { descriptor: result.score.overall.descriptor[lang] } : {}) } } : {}),
    problems: {
      errors: result.findings.filter((f) => f.severity === 'error').length,
      warnings: result.findings.filter((f) => f.severity === 'warning').length,
      information: result.findings.filter((f) => f.severity === 'information' || f.severity === 'hint').length,
      items,
    },
  };
}
