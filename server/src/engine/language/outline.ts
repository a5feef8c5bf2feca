import * as path from 'node:path';
import type { ManifestCheckResult } from '../checks/manifestCheck';
import type { Range } from '../diagnostics';
import type { LocalizedText } from '../packs/model';

/** A document symbol, editor-neutral. */
export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: 'file' | 'namespace' | 'object' | 'number' | 'string' | 'array' | 'key';
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children: readonly OutlineSymbol[];
}

type Lang = 'th' | 'en';

const spanOf = (key: Range, value: Range): Range => ({ start: key.start, end: value.end.line > key.end.line || (value.end.line === key.end.line && value.end.character > key.end.character) ? value.end : key.end });

/**
 * The outline of a manifest: office, reporter, then each round (with its level) → its
 * figures and points (clear or not) → each point's evidence entries.
 */
export function outline(result: ManifestCheckResult, lang: Lang): OutlineSymbol[] {
  const doc = result.document;
  if (!doc || !doc.value || typeof doc.value !== 'object') return [];
  const root = doc.value as Record<string, unknown>;
  const t = (x: LocalizedText): string => x[lang];
  const sym = (p: (string | number)[], name: string, kind: OutlineSymbol['kind'], detail: string | undefined, children: OutlineSymbol[] = []): OutlineSymbol => {
    const key = doc.keyRangeOf(p);
    return { name, kind, ...(detail ? { detail } : {}), range: spanOf(key, doc.rangeOf(p)), selectionRange: key, children };
  };
  const out: OutlineSymbol[] = [];
  for (const k of ['framework', 'fiscalYear', 'office', 'reporter', 'sharing']) {
    if (!(k in root)) continue;
    const v = root[k];
    const detail = v && typeof v === 'object' ? String((v as Record<string, unknown>)['name'] ?? '') : String(v);
    out.push(sym([k], k, typeof v === 'object' ? 'object' : 'key', detail || undefined));
  }
  const rounds = root['rounds'];
  if (rounds && typeof rounds === 'object') {
    const roundSymbols: OutlineSymbol[] = [];
    for (const [rid, rv] of Object.entries(rounds as Record<string, unknown>)) {
      const def = result.pack?.rounds.find((r) => r.id === rid);
      const score = result.score?.rounds.find((r) => r.round === rid);
      const children: OutlineSymbol[] = [];
      const rObj = rv && typeof rv === 'object' ? (rv as Record<string, unknown>) : {};
      const figures = rObj['figures'];
      if (figures && typeof figures === 'object') {
        children.push(
          sym(['rounds', rid, 'figures'], 'figures', 'object', undefined,
            Object.entries(figures as Record<string, unknown>).map(([fid, fv]) => sym(['rounds', rid, 'figures', fid], fid, 'number', String(fv)))),
        );
      }
      const points = rObj['points'];
      if (points && typeof points === 'object') {
        for (const [pid, pv] of Object.entries(points as Record<string, unknown>)) {
          const status = score?.points.find((x) => x.point === pid);
          const evidence = pv && typeof pv === 'object' && Array.isArray((pv as Record<string, unknown>)['evidence']) ? ((pv as Record<string, unknown>)['evidence'] as unknown[]) : [];
          const entries = evidence.map((e, i) => {
            const o = e && typeof e === 'object' ? (e as Record<string, unknown>) : {};
            const p = ['rounds', rid, 'points', pid, 'evidence', i];
            const r = doc.rangeOf(p);
            const target = o['file'] ?? o['url'];
            return { name: String(o['kind'] ?? '?'), kind: 'file' as const, ...(target ? { detail: path.basename(String(target)) } : {}), range: r, selectionRange: r, children: [] };
          });
          const mark = status ? (status.clear ? '✓' : '✗') : '';
          const label = lang === 'th' ? `ประเด็นที่ ${pid}` : `Point ${pid}`;
          children.push(sym(['rounds', rid, 'points', pid], `${label} ${mark}`.trim(), 'namespace', def?.points.find((p) => p.id === pid)?.text[lang].slice(0, 60), entries));
        }
      }
      const level = score ? `${lang === 'th' ? 'ระดับ' : 'level'} ${score.level}` : undefined;
      roundSymbols.push(sym(['rounds', rid], def ? t(def.title) : rid, 'namespace', level, children));
    }
    out.push(sym(['rounds'], 'rounds', 'array', undefined, roundSymbols));
  }
  return out;
}

/** A link from an evidence path to its file. */
export interface EvidenceLink {
  readonly range: Range;
  /** Absolute path of the file. */
  readonly target: string;
}

/** Links for every `file:` value of the manifest, resolved against the manifest's folder. */
export function evidenceLinks(result: ManifestCheckResult): EvidenceLink[] {
  const doc = result.document;
  if (!doc) return [];
  const dir = path.dirname(result.path);
  return doc
    .pairs()
    .filter((p) => p.path[p.path.length - 1] === 'file' && typeof p.value === 'string' && p.value.trim() !== '')
    .map((p) => ({ range: p.range, target: path.resolve(dir, String(p.value)) }));
}

/** A lens above a round: its current level and the first thing missing for the next. */
export interface RoundLens {
  readonly range: Range;
  readonly title: string;
}

export function roundLenses(result: ManifestCheckResult, lang: Lang): RoundLens[] {
  const doc = result.document;
  if (!doc || !result.score) return [];
  return result.score.rounds.map((r) => {
    const gap = r.next?.gaps[0];
    const head = lang === 'th' ? `${r.title.th}: ระดับ ${r.level}` : `${r.title.en}: level ${r.level}`;
    const tail = gap ? ` · ${lang === 'th' ? `ระดับ ${r.next!.level} ต้อง` : `for level ${r.next!.level}`}: ${gap.message[lang]}` : '';
    return { range: doc.keyRangeOf(['rounds', r.round]), title: `${head}${tail}` };
  });
}
