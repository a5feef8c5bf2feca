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
  if (result.maturityPack) out.push(...maturityOutline(result, root, sym, lang));
  return out;
}

type Sym = (p: (string | number)[], name: string, kind: OutlineSymbol['kind'], detail: string | undefined, children?: OutlineSymbol[]) => OutlineSymbol;

/**
 * The maturity part of the outline: sources (with the level each gives), then the items
 * grouped by category (category points and level) → each sub-item (level reached and
 * points) → its attachments; then the stated totals.
 */
function maturityOutline(result: ManifestCheckResult, root: Record<string, unknown>, sym: Sym, lang: Lang): OutlineSymbol[] {
  const pack = result.maturityPack!;
  const score = result.maturity;
  const doc = result.document!;
  const th = lang === 'th';
  // No level: below the first one when the points are known; unknown (a source's result
  // not given) when they are not — never "below Basic" for points nobody knows.
  const first = pack.levels[0]?.title[lang] ?? '';
  const levelTitle = (id: string | undefined, n: number | undefined): string =>
    id ? (pack.levels.find((l) => l.id === id)?.title[lang] ?? id) : n === undefined ? (th ? 'ยังไม่ทราบ' : 'unknown') : th ? `ต่ำกว่า ${first}` : `below ${first}`;
  const points = (n: number | undefined): string => `${n === undefined ? '—' : Number.isInteger(n) ? n : n.toFixed(pack.points.decimals)} ${th ? 'คะแนน' : 'pts'}`;
  const out: OutlineSymbol[] = [];
  const sources = root['sources'];
  if (sources && typeof sources === 'object' && !Array.isArray(sources)) {
    const children = Object.keys(sources).map((id) => {
      const src = score?.sources.find((s) => s.id === id);
      const def = pack.sources.find((s) => s.id === id);
      const detail = src?.points !== undefined ? `${levelTitle(src.level, src.points)} · ${points(src.points)}` : def ? def.title[lang] : undefined;
      return sym(['sources', id], id, 'object', detail);
    });
    out.push(sym(['sources'], 'sources', 'object', undefined, children));
  }
  const items = root['items'];
  if (items && typeof items === 'object' && !Array.isArray(items)) {
    const present = Object.keys(items);
    const categories: OutlineSymbol[] = [];
    const placed = new Set<string>();
    for (const category of pack.categories) {
      const ids = category.items.map((i) => i.id).filter((id) => present.includes(id));
      if (ids.length === 0) continue;
      const cs = score?.categories.find((c) => c.category === category.id);
      const children = ids.map((id) => {
        placed.add(id);
        const s = cs?.items.find((i) => i.item === id);
        const v = (items as Record<string, unknown>)[id];
        const evidence = v && typeof v === 'object' && Array.isArray((v as Record<string, unknown>)['evidence']) ? ((v as Record<string, unknown>)['evidence'] as unknown[]) : [];
        const entries = evidence.map((e, i) => {
          const o = e && typeof e === 'object' ? (e as Record<string, unknown>) : {};
          const r = doc.rangeOf(['items', id, 'evidence', i]);
          const target = o['file'] ?? o['url'];
          const detail = [o['level'] !== undefined ? String(o['level']) : '', target ? path.basename(String(target)) : ''].filter(Boolean).join(' · ');
          return { name: String(o['kind'] ?? '?'), kind: 'file' as const, ...(detail ? { detail } : {}), range: r, selectionRange: r, children: [] };
        });
        const mark = s ? (s.from === 'source' ? '↗' : s.level !== undefined && s.level === s.claimed ? '✓' : '✗') : '';
        const detail = s ? `${levelTitle(s.level, s.points)} · ${points(s.points)}` : undefined;
        const label = category.indicators ? (th ? 'มิติ' : 'Dimension') : th ? 'ประเด็น' : 'Sub-item';
        return sym(['items', id], `${label} ${id} ${mark}`.trim(), 'namespace', detail, entries);
      });
      const first = children[0]!;
      const range = children.reduce((acc, ch) => ({ start: before(ch.range.start, acc.start) ? ch.range.start : acc.start, end: before(acc.end, ch.range.end) ? ch.range.end : acc.end }), first.range);
      const name = `${th ? 'หมวด' : 'Category'} ${category.id} ${category.title[lang]}`;
      const detail = cs ? `${levelTitle(cs.level, cs.points)} · ${points(cs.points)}` : undefined;
      categories.push({ name, kind: 'namespace', ...(detail ? { detail } : {}), range, selectionRange: first.selectionRange, children });
    }
    // Unknown ids (reported by the checks) still show, after the categories.
    for (const id of present.filter((x) => !placed.has(x))) categories.push(sym(['items', id], id, 'namespace', undefined));
    const total = score ? `${th ? 'คะแนนรวม' : 'Total'} ${score.total === undefined ? '—' : score.total.toFixed(pack.points.decimals)} / ${score.max}` : undefined;
    out.push(sym(['items'], 'items', 'object', total, categories));
  }
  if ('totals' in root) out.push(sym(['totals'], 'totals', 'object', undefined));
  return out;
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
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

/**
 * Lenses of a maturity manifest: the total above `items:` (e.g. "คะแนนรวม 412.50 / 500"),
 * and each category's points above its first sub-item.
 */
export function maturityLenses(result: ManifestCheckResult, lang: Lang): RoundLens[] {
  const doc = result.document;
  const score = result.maturity;
  const pack = result.maturityPack;
  if (!doc || !score || !pack) return [];
  const th = lang === 'th';
  const d = pack.points.decimals;
  const levelTitle = (id: string | undefined): string => (id ? (pack.levels.find((l) => l.id === id)?.title[lang] ?? id) : '');
  const at = doc.has(['items']) ? doc.keyRangeOf(['items']) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const level = score.level ? ` · ${th ? 'ระดับ' : 'level'} ${levelTitle(score.level)}` : '';
  const out: RoundLens[] = [{ range: at, title: `${th ? 'คะแนนรวม' : 'Total'} ${score.total === undefined ? '—' : score.total.toFixed(d)} / ${score.max}${level}` }];
  for (const c of score.categories) {
    const first = c.items.find((i) => doc.has(['items', i.item]));
    if (!first) continue;
    const lv = c.level ? ` · ${levelTitle(c.level)}` : '';
    out.push({ range: doc.keyRangeOf(['items', first.item]), title: `${th ? 'หมวด' : 'Category'} ${c.category} ${c.title[lang]}: ${c.points === undefined ? '—' : c.points.toFixed(d)}${lv} (${th ? 'น้ำหนัก' : 'weight'} ${c.weight} %)` });
  }
  return out;
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
