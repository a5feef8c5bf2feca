import type { Finding, FindingLocation, MessageArgs } from '../diagnostics';
import type { MessageCode } from '../messages';
import {
  bandLevel,
  categoryPoints,
  levelForPoints,
  roundPoints,
  totalPoints,
  type MaturityCategoryScore,
  type MaturityItemScore,
  type MaturityScore,
  type SourceScore,
} from '../maturity';
import type { EvidenceRequirement, LocalizedText, MaturityAttachment, MaturityCategory, MaturityItem, MaturityPack, ScoreSource } from '../packs/model';
import { weightedHalfUp } from '../maturity';
import { hasThaiDigits, identityKey, listOf, normaliseLabel, parseDecimal } from '../text';
import type { ParsedYaml, PathSegment } from '../yamlDocument';

/**
 * The checks of a maturity-framework manifest (PMQA, seed 001) and its score. The common
 * checks (YAML, shape, office, reporter, fiscal year, passwords, each evidence entry's file
 * or link, dates) are the caller's (`manifestCheck.ts`), handed in as {@link MaturityToolkit};
 * what is here is only what the maturity model adds:
 *
 * - sub-items: known ids; reported unless a source scores them; a self-assessed level from
 *   the pack's levels; the attachments each level needs, levels cumulative (a level claimed
 *   above one without evidence is "skipped"); one project throughout a sub-item;
 * - sources (ITA level, weighted KPI scores, monitoring group): given and valid;
 * - results dimensions: exactly one indicator each, never the same in two dimensions,
 *   typed target and result, a baseline when the indicator repeats last year's;
 * - totals the office states, against the computed ones.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export interface MaturityToolkit {
  readonly pack: MaturityPack;
  readonly root: Obj;
  readonly doc: ParsedYaml;
  readonly manifestPath: string;
  /** Every finding so far (entries with an error since a mark are unusable). */
  readonly findings: readonly Finding[];
  add(code: MessageCode, p: readonly PathSegment[], args?: MessageArgs, extra?: Partial<Pick<Finding, 'related' | 'data' | 'severity'>>, key?: boolean): Finding;
  /** Checks one evidence entry's file or link; true when it counts. */
  checkEntry(req: EvidenceRequirement, entry: Obj, ep: PathSegment[]): Promise<boolean>;
  /** Checks a date's form and that it lies in the fiscal year. */
  checkDate(raw: unknown, p: PathSegment[]): void;
}

const t2 = (th: string, en: string): LocalizedText => ({ th, en });
/** Not given: absent, null, or an empty / blank string (the new-manifest template's placeholder). */
const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
/** A value as the user wrote it, for messages (never "[object Object]"). */
const shown = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? String(v));

/** Checks the maturity part of a manifest and scores it. Never throws. */
export async function checkMaturityManifest(tk: MaturityToolkit): Promise<MaturityScore> {
  const { pack, root, doc, add } = tk;
  const levels = pack.levels;
  const levelIds = levels.map((l) => l.id);
  const levelTitle = (i: number): LocalizedText => levels[i]?.title ?? t2('-', '-');
  const belowFirst = t2(`ต่ำกว่า ${levels[0]!.title.th}`, `below ${levels[0]!.title.en}`);
  const reachedTitle = (i: number): LocalizedText => (i >= 0 ? levelTitle(i) : belowFirst);
  const knownLevels = listOf(levelIds);
  const loc = (p: readonly PathSegment[], key = false): FindingLocation => ({ kind: 'text', path: tk.manifestPath, range: key ? doc.keyRangeOf(p) : doc.rangeOf(p) });

  /** A level written in the manifest (id, title or alias, any case) → its index; -1 when unknown. */
  const levelIndex = (raw: unknown): number => {
    const s = str(raw);
    if (s === undefined) return -1;
    const n = normaliseLabel(s);
    return levels.findIndex((l) => [l.id, l.title.th, l.title.en, ...l.aliases].some((a) => normaliseLabel(a) === n));
  };

  const itemsObj = isObj(root['items']) ? root['items'] : {};
  const allItems = pack.categories.flatMap((c) => c.items.map((i) => ({ category: c, item: i })));
  const known = allItems.map((x) => x.item.id);
  for (const id of Object.keys(itemsObj)) {
    if (!known.includes(id)) add('pmqa.item.unknown', ['items', id], { item: id, known: listOf(known) }, {}, true);
  }

  // --- sources ---------------------------------------------------------------------------------
  const sourcesObj = isObj(root['sources']) ? root['sources'] : {};
  for (const id of Object.keys(sourcesObj)) {
    if (!pack.sources.some((s) => s.id === id)) add('pmqa.source.unknown', ['sources', id], { sourceId: id, known: listOf(pack.sources.map((s) => s.id)) }, {}, true);
  }
  const itemsOfSource = (s: ScoreSource): string[] =>
    allItems.filter((x) => x.item.scoredBy === s.id || (x.category.scoredBy === s.id && !x.item.scoredBy)).map((x) => x.item.id);
  const sourceScores = new Map<string, SourceScore>();
  for (const s of pack.sources) sourceScores.set(s.id, await scoreSource(s));

  async function scoreSource(s: ScoreSource): Promise<SourceScore> {
    const sp: PathSegment[] = ['sources', s.id];
    const given = isObj(sourcesObj[s.id]) ? (sourcesObj[s.id] as Obj) : undefined;
    const base = { id: s.id, kind: s.kind, title: s.title, ...(given ? { location: loc(sp, true) } : {}) };
    const anchor: PathSegment[] = given ? sp : root['sources'] !== undefined ? ['sources'] : ['items'];
    const missing = (field: string): SourceScore => {
      add('pmqa.source.missing', anchor, { source: s.title, sourceId: s.id, field, items: listOf(itemsOfSource(s)) }, { data: { source: s.id, field } }, true);
      return { ...base, reason: t2(`ยังไม่ได้ระบุผลจาก${s.title.th}`, `the result from ${s.title.en} is not given`) };
    };
    const invalid = (p: PathSegment[], value: unknown, detail: LocalizedText): SourceScore => {
      add('pmqa.source.invalid', p, { source: s.title, value: String(value), detail });
      return { ...base, reason: t2(`ผลจาก${s.title.th} ไม่ถูกต้อง`, `the result from ${s.title.en} is invalid`) };
    };
    if (given && (given['file'] !== undefined || given['url'] !== undefined)) {
      await tk.checkEntry({ id: s.id, title: s.title, type: 'file-or-link', minCount: 1, mayNeedLogin: false, optional: true, source: s.source }, given, sp);
    }
    switch (s.kind) {
      case 'level': {
        if (!given || blank(given['level'])) return missing('level');
        const i = levelIndex(given['level']);
        if (i < 0) {
          add('pmqa.level.unknown', [...sp, 'level'], { level: shown(given['level']), known: knownLevels }, { data: { known: levelIds } });
          return { ...base, reason: t2('ระดับไม่ถูกต้อง', 'unknown level') };
        }
        return { ...base, level: levelIds[i]!, points: levels[i]!.points };
      }
      case 'group': {
        if (!given || blank(given['group'])) return missing('group');
        const g = String(given['group']).trim().toUpperCase();
        const hit = s.groups.find((x) => x.id.toUpperCase() === g);
        if (!hit) return invalid([...sp, 'group'], given['group'], t2(`กลุ่มที่ใช้ได้: ${s.groups.map((x) => x.id).join(', ')}`, `groups: ${s.groups.map((x) => x.id).join(', ')}`));
        const li = levelIds.indexOf(hit.level);
        return { ...base, group: hit.id, level: hit.level, points: levels[li]!.points };
      }
      case 'weighted': {
        const scores = given && isObj(given['scores']) ? (given['scores'] as Obj) : undefined;
        if (!scores) return missing('scores');
        for (const id of Object.keys(scores)) {
          if (!s.inputs.some((i) => i.id === id)) add('pmqa.source.unknown', [...sp, 'scores', id], { sourceId: id, known: listOf(s.inputs.map((i) => i.id)) }, {}, true);
        }
        const inputs: { id: string; title: LocalizedText; weight: number; score?: number }[] = [];
        let bad: SourceScore | undefined;
        for (const inp of s.inputs) {
          const raw = scores[inp.id];
          if (blank(raw)) {
            bad ??= missing(`scores.${inp.id}`);
            inputs.push({ id: inp.id, title: inp.title, weight: inp.weight });
            continue;
          }
          const v = parseDecimal(raw);
          if (v === undefined) {
            bad ??= invalid([...sp, 'scores', inp.id], shown(raw), t2('ไม่ใช่ตัวเลข (ใช้จุดทศนิยม เช่น 4.25)', 'not a number (use a decimal point, e.g. 4.25)'));
            inputs.push({ id: inp.id, title: inp.title, weight: inp.weight });
            continue;
          }
          if (v < s.scale.min || v > s.scale.max) {
            bad ??= invalid([...sp, 'scores', inp.id], shown(raw), t2(`ต้องเป็นคะแนน ${s.scale.min}–${s.scale.max}`, `a score ${s.scale.min}–${s.scale.max} is expected`));
            inputs.push({ id: inp.id, title: inp.title, weight: inp.weight });
            continue;
          }
          if (typeof raw === 'string' && hasThaiDigits(raw)) add('manifest.thai-digits', [...sp, 'scores', inp.id], { value: raw, normalised: v }, { data: { normalised: String(v) } });
          inputs.push({ id: inp.id, title: inp.title, weight: inp.weight, score: v });
        }
        if (bad) return { ...bad, inputs };
        const value = weightedHalfUp(inputs.map((i) => ({ score: i.score!, weight: i.weight })), s.decimals);
        const level = bandLevel(s, value);
        const points = level ? levels[levelIds.indexOf(level)]!.points : roundPoints(value * s.pointsPerUnit, pack.points.decimals);
        return { ...base, inputs, value, ...(level ? { level } : {}), points };
      }
    }
  }

  // --- sub-items ---------------------------------------------------------------------------------
  /** Indicators seen so far, by normalised code or title, for the one-dimension rule. */
  const indicatorsSeen = new Map<string, { item: string; p: PathSegment[] }>();
  const categoryScores: MaturityCategoryScore[] = [];
  for (const category of pack.categories) {
    const itemScores: MaturityItemScore[] = [];
    for (const item of category.items) {
      const ip: PathSegment[] = ['items', item.id];
      const entry = isObj(itemsObj[item.id]) ? (itemsObj[item.id] as Obj) : undefined;
      const present = item.id in itemsObj;
      const location = present ? { location: loc(ip, true) } : {};
      const sourceId = item.scoredBy ?? category.scoredBy;
      if (sourceId) {
        const src = sourceScores.get(sourceId)!;
        const def = pack.sources.find((x) => x.id === sourceId)!;
        if (present) add('pmqa.item.not-reported', ip, { item: item.id, source: def.title, sourceId }, { data: { item: item.id } }, true);
        itemScores.push({
          item: item.id,
          title: item.title,
          from: 'source',
          ...(src.level ? { level: src.level } : {}),
          ...(src.points !== undefined ? { points: src.points } : {}),
          reasons: src.reason ? [src.reason] : [],
          ...location,
        });
        continue;
      }
      if (!entry) {
        if (!present) add('pmqa.item.missing', isObj(root['items']) ? ['items'] : [], { item: item.id, title: item.title }, { data: { item: item.id } }, true);
        itemScores.push({ item: item.id, title: item.title, from: 'not-reported', points: 0, reasons: [t2('ยังไม่ได้รายงาน', 'not reported')], ...location });
        continue;
      }
      itemScores.push(await checkItem(category, item, entry, ip));
    }
    const source = category.scoredBy ? sourceScores.get(category.scoredBy) : undefined;
    const points = source ? source.points : categoryPoints(pack, itemScores);
    const level = source ? source.level : points !== undefined ? levelForPoints(pack, points) : undefined;
    const unknownReason = points === undefined ? (source?.reason ?? itemScores.find((i) => i.points === undefined)?.reasons[0]) : undefined;
    categoryScores.push({
      category: category.id,
      title: category.title,
      weight: category.weight,
      ...(level ? { level } : {}),
      ...(points !== undefined ? { points, weighted: roundPoints((points * category.weight) / 100, pack.points.decimals + 2) } : {}),
      ...(unknownReason ? { unknownReason } : {}),
      items: itemScores,
      ...(category.scoredBy ? { source: category.scoredBy } : {}),
    });
  }

  const total = totalPoints(pack, categoryScores);
  checkStatedTotals(categoryScores, total);
  const level = total !== undefined ? levelForPoints(pack, total) : undefined;
  const descriptor = total !== undefined ? pack.descriptors.find((d) => total >= d.min && total <= d.max)?.label : undefined;
  return {
    framework: pack.id,
    categories: categoryScores,
    ...(total !== undefined ? { total } : {}),
    unknownCategories: categoryScores.filter((c) => c.points === undefined).map((c) => c.category),
    max: pack.points.max,
    ...(level ? { level } : {}),
    ...(descriptor ? { descriptor } : {}),
    sources: [...sourceScores.values()],
    levels: levels.map((l) => ({ id: l.id, title: l.title, points: l.points })),
  };

  /** One self-assessed sub-item or results dimension: its checks and its score. */
  async function checkItem(category: MaturityCategory, item: MaturityItem, entry: Obj, ip: PathSegment[]): Promise<MaturityItemScore> {
    const perItem = category.attachments.filter((a) => a.per === 'item');
    const perLevel = category.attachments.filter((a) => a.per === 'level');
    const reasons: LocalizedText[] = [];

    // The level claimed.
    let claimed = -1;
    if (entry['level'] === undefined || entry['level'] === null || (typeof entry['level'] === 'string' && entry['level'].trim() === '')) {
      add('pmqa.level.missing', ip, { item: item.id, known: knownLevels }, { data: { item: item.id, known: levelIds } }, true);
      reasons.push(t2('ยังไม่ได้ระบุระดับ', 'no level claimed'));
    } else {
      claimed = levelIndex(entry['level']);
      if (claimed < 0) {
        add('pmqa.level.unknown', [...ip, 'level'], { level: shown(entry['level']), known: knownLevels }, { data: { known: levelIds } });
        reasons.push(t2('ระดับไม่ถูกต้อง', 'unknown level'));
      }
    }

    // The project: one throughout the sub-item (seed 001: "โครงการต้องเป็นโครงการเดียวกับที่ยกมาอ้างอิง").
    const needsProject = category.attachments.length > 0 && !category.indicators;
    const itemProject = blank(entry['project']) ? undefined : str(entry['project']);
    if (needsProject && itemProject === undefined) add('pmqa.project.missing', ip, { item: item.id }, { data: { item: item.id } }, true);

    // Attachments, tallied per kind and per level.
    const usableItem = new Map<string, number>(perItem.map((a) => [a.id, 0]));
    const attempted = new Set<string>();
    const usableLevel: Map<string, number>[] = levels.map(() => new Map(perLevel.map((a) => [a.id, 0])));
    const entries = Array.isArray(entry['evidence']) ? (entry['evidence'] as unknown[]) : [];
    let firstProject: { name: string; p: PathSegment[] } | undefined = itemProject !== undefined ? { name: itemProject, p: [...ip, 'project'] } : undefined;
    let highestEvidence = -1;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const ep: PathSegment[] = [...ip, 'evidence', i];
      if (!isObj(e)) continue;
      const kind = str(e['kind']);
      const project = blank(e['project']) ? undefined : str(e['project']);
      // An entry with an error (another project, a missing file…) does not count.
      const before = tk.findings.length;
      if (project !== undefined && needsProject) {
        if (!firstProject) firstProject = { name: project, p: [...ep, 'project'] };
        else if (identityKey(project) !== identityKey(firstProject.name)) {
          add('pmqa.project.mismatch', [...ep, 'project'], { project, item: item.id, expected: firstProject.name }, { related: [{ location: loc(firstProject.p), message: t2(`โครงการของประเด็น ${item.id}`, `the project of ${item.id}`) }], data: { expected: firstProject.name } });
        }
      }
      if (kind === undefined) continue;
      const req = category.attachments.find((a) => a.id === kind);
      if (!req) {
        const kinds = category.attachments.map((a) => a.id);
        add('manifest.evidence.unknown-kind', [...ep, 'kind'], { point: item.id, kind, known: listOf(kinds) }, { data: { known: kinds } });
        continue;
      }
      attempted.add(req.id);
      let at = -1;
      if (req.per === 'level') {
        if (e['level'] === undefined || e['level'] === null || String(e['level']).trim() === '') add('pmqa.evidence.level-missing', [...ep, 'kind'], { kind: req.title, known: knownLevels }, { data: { known: levelIds } });
        else {
          at = levelIndex(e['level']);
          if (at < 0) add('pmqa.level.unknown', [...ep, 'level'], { level: shown(e['level']), known: knownLevels }, { data: { known: levelIds } });
        }
      }
      let usable = await tk.checkEntry(req, e, ep);
      tk.checkDate(e['date'], [...ep, 'date']);
      if (tk.findings.slice(before).some((f) => f.severity === 'error')) usable = false;
      if (!usable) continue;
      if (req.per === 'item') usableItem.set(req.id, usableItem.get(req.id)! + 1);
      else if (at >= 0) {
        usableLevel[at]!.set(req.id, usableLevel[at]!.get(req.id)! + 1);
        if (at > highestEvidence) highestEvidence = at;
      }
    }

    // What each level lacks; levels are cumulative.
    const itemMissing = perItem.filter((a) => !a.optional && usableItem.get(a.id)! < a.minCount);
    for (const a of itemMissing) {
      if (!attempted.has(a.id)) add('pmqa.attachment.missing', ip, { item: item.id, attachment: a.title }, { data: { item: item.id, requirement: a.id } }, true);
      reasons.push(t2(`ขาด${a.title.th}`, `missing ${a.title.en}`));
    }
    const levelMissing = (k: number): MaturityAttachment[] => perLevel.filter((a) => !a.optional && usableLevel[k]!.get(a.id)! < a.minCount);
    const names = (as: readonly MaturityAttachment[], k: number): LocalizedText =>
      t2(as.map((a) => `${a.title.th} ระดับ ${levels[k]!.title.th}`).join(', '), as.map((a) => `${a.title.en} for ${levels[k]!.title.en}`).join(', '));
    let reached = -1;
    if (itemMissing.length === 0) {
      for (let k = 0; k <= claimed; k++) {
        if (levelMissing(k).length > 0) break;
        reached = k;
      }
    }

    /**
     * share-of-first-level-requirements: of the per-item attachments, the first level's own
     * evidence and the claim itself, the share met — so a sub-item with every attachment but
     * no valid level claimed stays below the first level's points.
     */
    function firstLevelShare(): number {
      const reqs = perItem.filter((a) => !a.optional).length + perLevel.filter((a) => !a.optional).length + 1;
      const met = perItem.filter((a) => !a.optional && usableItem.get(a.id)! >= a.minCount).length + perLevel.filter((a) => !a.optional && usableLevel[0]!.get(a.id)! >= a.minCount).length + (claimed >= 0 ? 1 : 0);
      return met / reqs;
    }

    // Results dimensions: the indicator decides whether the claim counts.
    let indicatorView: MaturityItemScore['indicator'];
    let notAchievedPoints: number | undefined;
    let indicatorBroken = false;
    if (category.indicators) {
      const r = checkIndicator(category, item, entry, ip);
      indicatorView = r.view;
      indicatorBroken = r.broken;
      if (r.broken) {
        reasons.push(r.reason ?? t2('ตัวชี้วัดไม่ครบถ้วน', 'the indicator is incomplete'));
        reached = -1;
      } else if (r.view && r.view.achieved === false && r.ratio !== undefined) {
        // Never more than reaching the target with the same evidence: the ratio of the
        // first level's points, times the share of its requirements met (1 when complete).
        notAchievedPoints = roundPoints(levels[0]!.points * r.ratio * firstLevelShare(), pack.points.decimals);
        reasons.push(t2(`ผลการดำเนินการไม่บรรลุค่าเป้าหมาย`, `the result does not reach the target`));
        add('pmqa.indicator.not-achieved', [...r.path, 'result', 'value'], {
          item: item.id,
          result: r.view.result ?? '?',
          target: r.view.target ?? '?',
          points: notAchievedPoints.toFixed(pack.points.decimals),
          first: levels[0]!.title,
        });
        reached = -1;
      }
    }

    // Findings on the claim.
    if (claimed >= 0 && reached < claimed && !indicatorBroken && notAchievedPoints === undefined && itemMissing.length === 0) {
      const skipped = [...Array(claimed).keys()].find((k) => levelMissing(k).length > 0);
      const claimedMissing = levelMissing(claimed);
      if (skipped !== undefined && (claimedMissing.length === 0 || skipped < claimed)) {
        const mk = levelMissing(skipped);
        const f = add('pmqa.level.skipped', [...ip, 'level'], { item: item.id, level: levelTitle(claimed), skipped: levelTitle(skipped), missing: names(mk, skipped), reached: reachedTitle(reached) }, { data: { item: item.id, level: levelIds[skipped]!, requirement: mk[0]?.id } });
        reasons.push(f.message);
      } else if (claimedMissing.length > 0) {
        const f = add('pmqa.level.unsupported', [...ip, 'level'], { item: item.id, level: levelTitle(claimed), missing: names(claimedMissing, claimed), reached: reachedTitle(reached) }, { data: { item: item.id, level: levelIds[claimed]!, requirement: claimedMissing[0]?.id } });
        reasons.push(f.message);
      }
    }
    if (highestEvidence > claimed && claimed >= 0) {
      add('pmqa.evidence.above-claimed', [...ip, 'level'], { level: levelTitle(highestEvidence), item: item.id, claimed: levelTitle(claimed) }, { data: { item: item.id, level: levelIds[highestEvidence] } });
    }

    // Points: the level reached, or partial credit below the first level.
    let points: number;
    if (reached >= 0) points = levels[reached]!.points;
    else if (notAchievedPoints !== undefined) points = notAchievedPoints;
    else if (indicatorBroken) points = 0;
    else {
      points = roundPoints(levels[0]!.points * firstLevelShare(), pack.points.decimals);
    }

    // What the next level needs.
    let next: MaturityItemScore['next'];
    if (reached < levels.length - 1) {
      const n = reached + 1;
      const needs: LocalizedText[] = [];
      for (const a of itemMissing) needs.push(t2(`แนบ${a.title.th}`, `attach ${a.title.en}`));
      for (let k = 0; k <= n; k++) {
        const mk = levelMissing(k);
        if (mk.length > 0) needs.push(t2(`แนบ${names(mk, k).th}`, `attach ${names(mk, k).en}`));
      }
      if (claimed < n) needs.push(t2(`ประเมินตนเองระดับ ${levels[n]!.title.th} (level: ${levelIds[n]})`, `claim ${levels[n]!.title.en} (level: ${levelIds[n]})`));
      if (notAchievedPoints !== undefined) needs.push(t2('ผลการดำเนินการต้องบรรลุค่าเป้าหมาย', 'the result must reach the target'));
      if (indicatorBroken) needs.push(t2('แก้ไขตัวชี้วัดให้ครบถ้วน', 'complete the indicator'));
      next = { level: levelIds[n]!, needs };
    }

    return {
      item: item.id,
      title: item.title,
      from: category.indicators ? 'indicator' : 'self-assessment',
      ...(claimed >= 0 ? { claimed: levelIds[claimed]! } : {}),
      ...(reached >= 0 ? { level: levelIds[reached]! } : {}),
      points,
      reasons: reached >= claimed && claimed >= 0 ? [] : reasons,
      ...(next ? { next } : {}),
      ...(indicatorView ? { indicator: indicatorView } : {}),
      location: loc(ip, true),
    };
  }

  /** A results dimension's indicator: count, types, values, baseline, uniqueness; achieved or not. */
  function checkIndicator(
    category: MaturityCategory,
    item: MaturityItem,
    entry: Obj,
    ip: PathSegment[],
  ): { view?: MaturityItemScore['indicator']; broken: boolean; ratio?: number; reason?: LocalizedText; path: PathSegment[] } {
    const rules = category.indicators!;
    const raw = entry['indicator'];
    if (raw === undefined) {
      add('pmqa.indicator.missing', ip, { item: item.id }, { data: { item: item.id } }, true);
      return { broken: true, reason: t2('ยังไม่มีตัวชี้วัด', 'no indicator'), path: [...ip, 'indicator'] };
    }
    let ind: Obj | undefined;
    let p: PathSegment[] = [...ip, 'indicator'];
    if (Array.isArray(raw)) {
      if (raw.length !== rules.perDimension) {
        add('pmqa.indicator.count', [...ip, 'indicator'], { item: item.id, expected: rules.perDimension, found: raw.length }, {}, true);
        return { broken: true, reason: t2(`ต้องมีตัวชี้วัด ${rules.perDimension} ตัว`, `exactly ${rules.perDimension} indicator`), path: [...ip, 'indicator'] };
      }
      ind = isObj(raw[0]) ? raw[0] : undefined;
      p = [...p, 0];
    } else ind = isObj(raw) ? raw : undefined;
    if (!ind) return { broken: true, path: p }; // the shape check reported it
    const title = str(ind['title']) ?? '';
    const view: { title: string; type?: string; target?: number; result?: number; baseline?: number; achieved?: boolean } = { title };
    let broken = false;

    // One dimension per indicator.
    const code = str(ind['code']);
    // The same indicator: the same code, or the same title (as written, spacing and case aside).
    const keys = [...(code !== undefined && !blank(code) ? [{ key: `code:${identityKey(code)}`, field: 'code' }] : []), ...(title.trim() !== '' ? [{ key: `title:${identityKey(title)}`, field: 'title' }] : [])];
    const hit = keys.map((k) => ({ ...k, seen: indicatorsSeen.get(k.key) })).find((k) => k.seen && k.seen.item !== item.id);
    if (hit && rules.uniqueAcrossDimensions) {
      add('pmqa.indicator.duplicate', [...p, hit.field], { indicator: hit.field === 'code' ? code! : title, other: hit.seen!.item }, { related: [{ location: loc([...hit.seen!.p, hit.field]), message: t2(`ตัวชี้วัดในมิติ ${hit.seen!.item}`, `the indicator of ${hit.seen!.item}`) }] });
      broken = true;
    } else for (const k of keys) if (!indicatorsSeen.has(k.key)) indicatorsSeen.set(k.key, { item: item.id, p });

    // Typed target and result.
    const typeIds = rules.valueTypes.map((v) => v.id);
    const readValue = (which: 'target' | 'result'): { type?: (typeof rules.valueTypes)[number]; value?: number } => {
      const v = ind![which];
      if (!isObj(v)) return {};
      const typeRaw = str(v['type']);
      const type = rules.valueTypes.find((x) => normaliseLabel(x.id) === normaliseLabel(typeRaw ?? '') || normaliseLabel(x.title.th) === normaliseLabel(typeRaw ?? '') || normaliseLabel(x.title.en) === normaliseLabel(typeRaw ?? ''));
      if (typeRaw !== undefined && !type) {
        add('pmqa.indicator.type-unknown', [...p, which, 'type'], { type: typeRaw, known: listOf(typeIds) }, { data: { known: typeIds } });
        broken = true;
        return {};
      }
      const rawValue = v['value'];
      const value = parseDecimal(rawValue);
      const bad = (detail: LocalizedText): { type?: (typeof rules.valueTypes)[number] } => {
        add('pmqa.indicator.value-invalid', [...p, which, 'value'], { value: String(rawValue), type: type ? type.title : t2('ตัวเลข', 'number'), detail });
        broken = true;
        return type ? { type } : {};
      };
      if (value === undefined) return bad(t2('ต้องเป็นตัวเลข', 'a number is expected'));
      if (type) {
        if (value < type.min || (type.max !== undefined && value > type.max)) return bad(t2(`ช่วง ${type.min}–${type.max ?? '∞'}`, `range ${type.min}–${type.max ?? '∞'}`));
        if (type.integer && !Number.isInteger(value)) return bad(t2('ต้องเป็นจำนวนเต็ม', 'a whole number is expected'));
      }
      if (typeof rawValue === 'string' && hasThaiDigits(rawValue)) add('manifest.thai-digits', [...p, which, 'value'], { value: rawValue, normalised: value }, { data: { normalised: String(value) } });
      return { ...(type ? { type } : {}), value };
    };
    const target = readValue('target');
    const result = readValue('result');
    if (target.type && result.type && target.type.id !== result.type.id) {
      add('pmqa.indicator.type-mismatch', [...p, 'result', 'type'], { result: result.type.title, target: target.type.title }, { data: { expected: target.type.id } });
      broken = true;
    }
    if (target.type) view.type = target.type.id;
    if (target.value !== undefined) view.target = target.value;
    if (result.value !== undefined) view.result = result.value;

    // The baseline, when the indicator repeats last year's.
    if (rules.baselineWhenRepeated && ind['repeatsLastYear'] === true) {
      if (blank(ind['baseline'])) {
        add('pmqa.indicator.baseline-missing', [...p, 'repeatsLastYear'], { item: item.id }, { data: { item: item.id } }, true);
        broken = true;
      } else {
        const b = parseDecimal(ind['baseline']);
        const tt = target.type;
        if (b === undefined) {
          add('pmqa.indicator.value-invalid', [...p, 'baseline'], { value: shown(ind['baseline']), type: tt?.title ?? t2('ตัวเลข', 'number'), detail: t2('ต้องเป็นตัวเลข', 'a number is expected') });
          broken = true;
        } else if (tt && (b < tt.min || (tt.max !== undefined && b > tt.max))) {
          add('pmqa.indicator.value-invalid', [...p, 'baseline'], { value: shown(ind['baseline']), type: tt.title, detail: t2(`ช่วง ${tt.min}–${tt.max ?? '∞'}`, `range ${tt.min}–${tt.max ?? '∞'}`) });
          broken = true;
        } else view.baseline = b;
      }
    }
    if (target.value === undefined || result.value === undefined) broken = true;
    if (broken) return { view, broken: true, path: p };

    const lower = ind['direction'] === 'lower';
    const t = target.value!;
    const r = result.value!;
    const achieved = lower ? r <= t : r >= t;
    view.achieved = achieved;
    const ratio = achieved ? 1 : lower ? (r === 0 ? 1 : t / r) : t === 0 ? 1 : r / t;
    return { view, broken: false, ratio: Math.max(0, Math.min(1, ratio)), path: p };
  }

  /** Totals the office states (`totals:`), against the computed ones (compared at the pack's decimals). */
  function checkStatedTotals(categories: readonly MaturityCategoryScore[], total: number | undefined): void {
    const totals = isObj(root['totals']) ? root['totals'] : undefined;
    if (!totals) return;
    const d = pack.points.decimals;
    const compare = (raw: unknown, computed: number | undefined, p: PathSegment[], what: LocalizedText): void => {
      const v = parseDecimal(raw);
      if (v === undefined) {
        add('manifest.schema.invalid-value', p, { path: p.join('.'), detail: t2('ไม่ใช่ตัวเลข', 'not a number') });
        return;
      }
      if (computed === undefined) return; // not computable yet: its source's finding says why
      if (roundPoints(v, d) !== roundPoints(computed, d)) add('pmqa.total.mismatch', p, { what, stated: String(raw), computed: computed.toFixed(d) }, { data: { computed: computed.toFixed(d) } });
    };
    const cats = isObj(totals['categories']) ? totals['categories'] : {};
    for (const [id, raw] of Object.entries(cats)) {
      const c = categories.find((x) => x.category === id);
      if (!c) {
        add('pmqa.category.unknown', ['totals', 'categories', id], { category: id, known: listOf(categories.map((x) => x.category)) }, {}, true);
        continue;
      }
      compare(raw, c.points, ['totals', 'categories', id], t2(`คะแนนหมวด ${id}`, `Category ${id} points`));
    }
    if (totals['total'] !== undefined) compare(totals['total'], total, ['totals', 'total'], t2('คะแนนรวม', 'The total'));
  }
}
