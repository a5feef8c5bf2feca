import type { ManifestCheckResult } from '../checks/manifestCheck';
import type { Range } from '../diagnostics';
import { fiscalYearSpan, formatBE } from '../dates';
import type { MaturityItemScore, MaturityScore, SourceScore } from '../maturity';
import type { ConsiderationPoint, EvidenceRequirement, LocalizedText, MaturityAttachment, MaturityCategory, MaturityItem, MaturityPack, Round, ScoreSource } from '../packs/model';
import type { RoundScore } from '../scoring';
import { classifySchoolCode, normaliseLabel, parseWholeNumber } from '../text';
import type { YamlNodeAt } from '../yamlDocument';

/** A hover: Markdown text and the range it describes. */
export interface HoverContent {
  readonly markdown: string;
  readonly range?: Range;
}

type Lang = 'th' | 'en';

const L = {
  level: { th: 'ระดับ', en: 'Level' },
  criteria: { th: 'เกณฑ์การพิจารณา', en: 'Criteria' },
  current: { th: '◀ ระดับขณะนี้', en: '◀ current level' },
  evidence: { th: 'เอกสาร/หลักฐานที่ต้องนำส่ง', en: 'Evidence to submit' },
  source: { th: 'ที่มา', en: 'Source' },
  point: { th: 'ประเด็นการพิจารณาที่', en: 'Consideration point' },
  clear: { th: 'ชัดเจน', en: 'clear' },
  notClear: { th: 'ยังไม่ชัดเจน', en: 'not clear' },
  workbook: { th: 'ค่าจากตาราง', en: 'From the table' },
  computed: { th: 'คำนวณ', en: 'Computed' },
  declared: { th: 'ค่าที่ระบุ', en: 'Declared' },
  missingNext: { th: 'สิ่งที่ขาดสำหรับระดับ', en: 'Missing for level' },
} as const;

const t = (x: LocalizedText, lang: Lang): string => x[lang];
/** Thai first, then English in italics (or the reverse): the official text is Thai. */
const both = (x: LocalizedText, lang: Lang): string => (lang === 'th' ? `${x.th}\n\n_${x.en}_` : `${x.en}\n\n_${x.th}_`);
const cite = (s: { seed: string; section: string }, lang: Lang): string => `${t(L.source, lang)}: \`seeds/${s.seed}\` — ${s.section}`;
const escapeCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The hover at `offset` of a checked manifest: on a consideration point, the official Thai
 * text, its English rendering, the evidence required (with what this manifest gives), the
 * round's level table with the current level marked, and the seed; on a round, its level
 * table; on an evidence kind, the requirement; on a school code, the school's row in the
 * schools table; on a figure, the declared and the measured value; on the framework and
 * the fiscal year, what they mean. Undefined where there is nothing to say.
 *
 * On a maturity manifest (PMQA): on a sub-item, its title, its level texts with the level
 * claimed and the level reached marked, the attachments it needs, its status and what the
 * next level needs (or, for a sub-item a source scores, the source and its value; for a
 * results dimension, the indicator as read and the category's rules); on a level, a kind,
 * a source, `items:` or `totals:`, what they stand for and what they give now.
 */
export function hoverAt(result: ManifestCheckResult, offset: number, lang: Lang): HoverContent | undefined {
  const doc = result.document;
  const pack = result.pack;
  if (!doc) return undefined;
  const at = doc.nodeAt(offset);
  if (!at) return undefined;
  const p = at.path;
  const range = at.on === 'key' ? at.keyRange : at.valueRange;
  const wrap = (markdown: string): HoverContent => ({ markdown, ...(range ? { range } : {}) });

  if (p.length === 1 && p[0] === 'fiscalYear') {
    const fy = parseWholeNumber(at.value ?? (doc.value as Record<string, unknown> | undefined)?.['fiscalYear']);
    if (fy === undefined || fy < 2500 || fy > 2700) return wrap(lang === 'th' ? 'ปีงบประมาณ (พ.ศ.) เช่น 2567' : 'Fiscal year (Buddhist Era), e.g. 2567');
    const span = fiscalYearSpan(fy);
    const ce = (d: { ceYear: number; month: number; day: number }) => `${d.ceYear}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    return wrap(
      lang === 'th'
        ? `**ปีงบประมาณ ${fy}**: ${formatBE(span.from)} ถึง ${formatBE(span.to)} (ค.ศ. ${ce(span.from)} – ${ce(span.to)})`
        : `**Fiscal year ${fy}** (BE): ${ce(span.from)} to ${ce(span.to)} (BE ${formatBE(span.from)} – ${formatBE(span.to)})`,
    );
  }
  const anyPack = pack ?? result.maturityPack;
  if (anyPack && p.length === 1 && p[0] === 'framework') {
    return wrap(`**${t(anyPack.title, lang)}**\n\n${lang === 'th' ? 'ฉบับ' : 'Edition'} ${anyPack.edition} · ${cite(anyPack.source, lang)}`);
  }
  if (result.maturityPack) {
    const md = maturityHover(result.maturityPack, result.maturity, doc.value, at, lang);
    return md === undefined ? undefined : wrap(md);
  }
  if (!pack) return undefined;
  if (p[0] !== 'rounds' || p.length < 2) return undefined;
  const round = pack.rounds.find((r) => r.id === String(p[1]));
  if (!round) return undefined;
  const score = result.score?.rounds.find((r) => r.round === round.id);

  if (p.length === 2) return wrap(roundHover(round, score, lang));

  if (p[2] === 'figures' && p.length === 4) {
    const def = round.figures.find((f) => f.id === String(p[3]));
    if (!def) return undefined;
    const fig = score?.figures.find((f) => f.id === def.id);
    const lines = [`**${t(def.title, lang)}** (\`${def.id}\`)`];
    if (at.value !== undefined) lines.push(`${t(L.declared, lang)}: ${String(at.value)}`);
    if (fig?.value !== undefined) {
      const from = fig.source === 'table' && fig.location?.kind === 'cell' ? ` — ${fig.location.path.split(/[\\/]/).pop()}${fig.location.sheet ? `!${fig.location.sheet}` : ''}` : '';
      const shown = def.unit === 'percent' ? `${fig.value.toFixed(2)} %${fig.ratio ? ` (${fig.ratio.of}/${fig.ratio.over})` : ''}` : String(fig.value);
      const label = fig.source === 'table' ? t(L.workbook, lang) : fig.source === 'computed' ? t(L.computed, lang) : t(L.declared, lang);
      const where = fig.source === 'computed' && fig.location?.kind === 'cell' ? ` — ${fig.location.path.split(/[\\/]/).pop()}${fig.location.sheet ? `!${fig.location.sheet}` : ''}` : from;
      lines.push(`${label}: **${shown}**${where}`);
    } else if (fig?.unknownReason) lines.push(t(fig.unknownReason, lang));
    if (def.measuredBy) lines.push(`${lang === 'th' ? 'ตรวจสอบกับ' : 'Checked against'} ${def.measuredBy.table} (\`${def.measuredBy.measure}\`)`);
    return wrap(lines.join('\n\n'));
  }

  if (p[2] !== 'points' || p.length < 4) return undefined;
  const point = round.points.find((x) => x.id === String(p[3]));
  if (!point) return undefined;
  if (p.length === 4 || (p.length === 5 && p[4] === 'evidence' && at.on === 'key')) return wrap(pointHover(round, point, score, lang));

  if (p[4] === 'evidence' && p.length === 7) {
    const entry = valueAt(doc.value, p.slice(0, 6));
    const kind = typeof (entry as Record<string, unknown> | undefined)?.['kind'] === 'string' ? String((entry as Record<string, unknown>)['kind']) : undefined;
    const req = point.evidence.find((e) => e.id === kind);
    if (p[6] === 'kind' && req) return wrap(requirementHover(req, point, lang));
    if (p[6] === 'school' && at.value !== undefined) {
      const code = classifySchoolCode(at.value).code;
      const tableId = req?.schoolsTable ?? 'X2.2';
      const table = result.tables.find((x) => x.table === tableId);
      const school = table?.schools.get(code);
      if (school) {
        return wrap(`**${school.name || code}** (\`${code}\`)\n\n${tableId}: ${table!.path.split(/[\\/]/).pop()}!${table!.sheet ?? ''}!${school.ref} (${lang === 'th' ? 'แถว' : 'row'} ${school.row})`);
      }
      return wrap(lang === 'th' ? `ไม่พบรหัส \`${code}\` ในตาราง ${tableId}` : `Code \`${code}\` is not in table ${tableId}`);
    }
    if (p[6] === 'file' && req?.type === 'table') {
      const table = result.tables.find((x) => x.table === req.table);
      const layout = pack.tables.find((x) => x.id === req.table);
      const lines = [`**${layout ? t(layout.title, lang) : req.table}**`];
      if (table) {
        lines.push(`${lang === 'th' ? 'แผ่นงาน' : 'Sheet'} \`${table.sheet ?? '?'}\`, ${lang === 'th' ? 'หัวตารางแถว' : 'header row'} ${table.headerRow ?? '?'}, ${table.rows.length} ${lang === 'th' ? 'แถวข้อมูล' : 'data rows'}`);
        for (const m of Object.values(table.measures)) {
          const title = layout?.measures.find((x) => x.id === m.id)?.title;
          lines.push(`- ${title ? t(title, lang) : m.id}: **${m.value ?? '?'}**`);
        }
      }
      return wrap(lines.join('\n\n'));
    }
    if (req) return wrap(requirementHover(req, point, lang));
  }
  return undefined;
}

function valueAt(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const s of path) {
    if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[String(s)];
    else return undefined;
  }
  return cur;
}

function levelTable(round: Round, score: RoundScore | undefined, lang: Lang): string {
  const rows = [...round.levels].sort((a, b) => b.level - a.level).map((l) => {
    const mark = score?.level === l.level ? ` **${t(L.current, lang)}**` : '';
    return `| ${score?.level === l.level ? `**${l.level}**` : l.level} | ${escapeCell(t(l.text, lang))}${mark} |`;
  });
  return [`| ${t(L.level, lang)} | ${t(L.criteria, lang)} |`, '| :-: | --- |', ...rows].join('\n');
}

function gaps(score: RoundScore | undefined, lang: Lang): string {
  if (!score?.next) return '';
  return `\n\n**${t(L.missingNext, lang)} ${score.next.level}**\n${score.next.gaps.map((g) => `- ${t(g.message, lang)}`).join('\n')}`;
}

function roundHover(round: Round, score: RoundScore | undefined, lang: Lang): string {
  const head = `### ${t(round.title, lang)}${score ? ` — ${t(L.level, lang)} ${score.level}` : ''}`;
  return `${head}\n\n${levelTable(round, score, lang)}${gaps(score, lang)}\n\n${cite(round.source, lang)}`;
}

function pointHover(round: Round, point: ConsiderationPoint, score: RoundScore | undefined, lang: Lang): string {
  const status = score?.points.find((x) => x.point === point.id);
  const state = status ? ` — ${status.clear ? `✓ ${t(L.clear, lang)}` : `✗ ${t(L.notClear, lang)}`}` : '';
  const evidence = point.evidence
    .map((e) => `- \`${e.id}\` ${t(e.title, lang)}${e.minCount > 1 ? ` (×${e.minCount})` : ''}`)
    .join('\n');
  const reasons = status && !status.clear ? `\n\n${status.reasons.map((r) => `- ✗ ${t(r, lang)}`).join('\n')}` : '';
  return [
    `### ${t(round.title, lang)} · ${t(L.point, lang)} ${point.id}${state}`,
    both(point.text, lang),
    `**${t(L.evidence, lang)}**\n\n${both(point.evidenceText, lang)}\n\n${evidence}${reasons}`,
    levelTable(round, score, lang) + gaps(score, lang),
    cite(point.source, lang),
  ].join('\n\n');
}

function requirementHover(req: EvidenceRequirement, point: ConsiderationPoint, lang: Lang): string {
  const type: Record<EvidenceRequirement['type'], LocalizedText> = {
    file: { th: 'ไฟล์', en: 'a file' },
    link: { th: 'ลิงก์ (url:)', en: 'a link (url:)' },
    'file-or-link': { th: 'ไฟล์หรือลิงก์', en: 'a file or a link' },
    table: { th: `ตาราง ${req.table ?? ''} (ไฟล์ .xlsx)`, en: `table ${req.table ?? ''} (an .xlsx file)` },
    'school-usage': { th: 'ไฟล์ของสถานศึกษา พร้อมรหัสสถานศึกษา (school:)', en: 'a file per school, with its code (school:)' },
  };
  const lines = [`**\`${req.id}\`** — ${both(req.title, lang)}`, `${lang === 'th' ? 'รูปแบบ' : 'Form'}: ${t(type[req.type], lang)}${req.minCount > 1 ? ` × ${req.minCount}` : ''}`];
  if (req.fileTypes) lines.push(`${lang === 'th' ? 'ชนิดไฟล์' : 'File types'}: ${req.fileTypes.map((x) => `.${x}`).join(', ')}`);
  if (req.mayNeedLogin) lines.push(lang === 'th' ? 'หากต้องเข้าสู่ระบบ ให้ระบุวิธีรับชื่อผู้ใช้/รหัสผ่าน (login:) แต่อย่าเขียนรหัสผ่านลงในไฟล์' : 'If a login is needed, say how reviewers get it (login:), but never write the password here');
  lines.push(`${t(L.point, lang)} ${point.id}: ${t(point.evidenceText, lang)}`);
  lines.push(cite(req.source, lang));
  return lines.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Maturity frameworks (PMQA, seed 001)
// ---------------------------------------------------------------------------------------------

const M = {
  category: { th: 'หมวด', en: 'Category' },
  item: { th: 'ประเด็น', en: 'Sub-item' },
  dimension: { th: 'มิติ', en: 'Dimension' },
  points: { th: 'คะแนน', en: 'points' },
  claimed: { th: '◀ ระดับที่ประเมินตนเอง', en: '◀ claimed' },
  reached: { th: '✓ ระดับที่ได้', en: '✓ reached' },
  attachments: { th: 'เอกสารแนบ', en: 'Attachments' },
  perItem: { th: 'ต่อประเด็น', en: 'once per sub-item' },
  perLevel: { th: 'ทุกระดับที่ประเมิน (ระบุ level:)', en: 'for every level claimed (with level:)' },
  status: { th: 'สถานะ', en: 'Status' },
  claimedAs: { th: 'ประเมินตนเอง', en: 'claimed' },
  reachedAs: { th: 'ได้ระดับ', en: 'reaches' },
  below: { th: 'ต่ำกว่า', en: 'below' },
  unknown: { th: 'ยังไม่ทราบ', en: 'unknown' },
  notClaimed: { th: 'ยังไม่ได้ระบุระดับ', en: 'no level claimed' },
  notReported: { th: 'ยังไม่ได้รายงาน', en: 'not reported' },
  needsFor: { th: 'สิ่งที่ต้องมีสำหรับระดับ', en: 'Needed for' },
  byOffice: { th: 'สพท. ไม่ต้องรายงานประเด็นนี้ คะแนนมาจาก', en: 'The office does not report this sub-item; its score comes from' },
  current: { th: 'ค่าปัจจุบัน', en: 'Now' },
  notGiven: { th: 'ยังไม่ได้ระบุ', en: 'not given' },
  indicator: { th: 'ตัวชี้วัด', en: 'Indicator' },
  target: { th: 'ค่าเป้าหมาย', en: 'target' },
  result: { th: 'ผลการดำเนินการ', en: 'result' },
  baseline: { th: 'Baseline', en: 'baseline' },
  achieved: { th: '✓ บรรลุค่าเป้าหมาย', en: '✓ target reached' },
  notAchieved: { th: '✗ ไม่บรรลุค่าเป้าหมาย', en: '✗ target not reached' },
  rules: { th: 'ข้อปฏิบัติของหมวด', en: 'Rules of category' },
  usedFor: { th: 'ใช้กับประเด็น', en: 'Used for' },
  weight: { th: 'น้ำหนัก', en: 'weight' },
  weighted: { th: 'ผลถ่วงน้ำหนัก', en: 'Weighted result' },
  given: { th: 'ค่าที่ระบุ', en: 'Given' },
  group: { th: 'กลุ่ม', en: 'group' },
  total: { th: 'คะแนนรวม', en: 'Total' },
  stated: { th: 'ค่าที่ระบุ', en: 'stated' },
  computedAs: { th: 'คำนวณได้', en: 'computed' },
  form: { th: 'รูปแบบ', en: 'Form' },
  fileTypes: { th: 'ชนิดไฟล์', en: 'File types' },
  unknownLevel: { th: 'ไม่รู้จักระดับนี้ ที่ใช้ได้', en: 'Unknown level; known' },
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Points as the pack shows them: whole numbers plain, others at the pack's decimals. */
/** Points as shown; `—` when unknown (a source's result not given). */
const pts = (pack: MaturityPack, n: number | undefined): string => (n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(pack.points.decimals));
const fixed = (pack: MaturityPack, n: number | undefined): string => (n === undefined ? '—' : n.toFixed(pack.points.decimals));
/**
 * A level's title by id. With no id, the points tell: known points are below the first
 * level ("ต่ำกว่า Basic" / "below Basic", as the outline and the report say); unknown points
 * (a source's result not given) are `unknown` ("ยังไม่ทราบ" / "unknown" unless told).
 */
const levelName = (pack: MaturityPack, id: string | undefined, points: number | undefined, lang: Lang, unknown: string = t(M.unknown, lang)): string => {
  if (id) return pack.levels.find((l) => l.id === id)?.title[lang] ?? id;
  if (points === undefined) return unknown;
  const first = pack.levels[0];
  return `${t(M.below, lang)} ${first ? t(first.title, lang) : ''}`.trim();
};
/** A title in bold, with the other language below in italics. */
const titled = (x: LocalizedText, lang: Lang): string => `**${x[lang]}**\n\n_${x[lang === 'th' ? 'en' : 'th']}_`;

/** A level written in a manifest (id, title or alias, any case), as the checks read it. */
function findMaturityLevel(pack: MaturityPack, raw: unknown): MaturityPack['levels'][number] | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const n = normaliseLabel(String(raw));
  return pack.levels.find((l) => [l.id, l.title.th, l.title.en, ...l.aliases].some((a) => normaliseLabel(a) === n));
}

function itemDef(pack: MaturityPack, id: string): { category: MaturityCategory; item: MaturityItem } | undefined {
  for (const category of pack.categories) {
    const item = category.items.find((i) => i.id === id);
    if (item) return { category, item };
  }
  return undefined;
}

/** Hovers of a maturity manifest (see {@link hoverAt}); `at` is the node under the cursor. */
function maturityHover(pack: MaturityPack, score: MaturityScore | undefined, root: unknown, at: YamlNodeAt, lang: Lang): string | undefined {
  const p = at.path;
  const itemScore = (id: string): MaturityItemScore | undefined => score?.categories.flatMap((c) => c.items).find((i) => i.item === id);

  if (p[0] === 'items') {
    if (p.length === 1) return score ? totalsHover(pack, score, undefined, lang) : undefined;
    const def = itemDef(pack, String(p[1]));
    if (!def) return undefined;
    const status = itemScore(def.item.id);
    const entry = valueAt(root, p.slice(0, 2));
    if (p.length === 2 || (p.length === 3 && at.on === 'key' && p[2] !== 'level')) return itemHover(pack, def.category, def.item, status, score, lang);
    if (p[2] === 'level' && p.length === 3) return levelHover(pack, at.value ?? (isObj(entry) ? entry['level'] : undefined), def.item, status, lang);
    if (p[2] === 'indicator' && def.category.indicators) {
      const last = p[p.length - 1];
      if (last === 'type' && at.on === 'value') {
        const type = def.category.indicators.valueTypes.find((v) => normaliseLabel(v.id) === normaliseLabel(String(at.value ?? '')));
        if (type) return `**${t(type.title, lang)}** (\`${type.id}\`): ${type.min}–${type.max ?? '∞'}${type.integer ? (lang === 'th' ? ' จำนวนเต็ม' : ', whole numbers') : ''}`;
      }
      return indicatorHover(def.category, status, lang);
    }
    if (p[2] === 'evidence' && p.length >= 4) {
      const e = valueAt(root, p.slice(0, 4));
      const kind = isObj(e) && typeof e['kind'] === 'string' ? e['kind'] : undefined;
      if (p[4] === 'level' && p.length === 5) return levelHover(pack, at.value ?? (isObj(e) ? e['level'] : undefined), def.item, status, lang);
      const req = def.category.attachments.find((a) => a.id === kind);
      if (req) return attachmentHover(req, def.category, lang);
    }
    return undefined;
  }

  if (p[0] === 'sources' && p.length >= 2) {
    const def = pack.sources.find((s) => s.id === String(p[1]));
    if (!def) return undefined;
    const src = score?.sources.find((s) => s.id === def.id);
    if (p[2] === 'scores' && p.length === 4 && def.kind === 'weighted') {
      const input = def.inputs.find((i) => i.id === String(p[3]));
      if (input) {
        const given = src?.inputs?.find((i) => i.id === input.id)?.score;
        return [
          `**${t(input.title, lang)}** (\`${input.id}\`) · ${t(M.weight, lang)} ${input.weight} % · ${t(M.usedFor, lang)} ${input.items.join(', ')}`,
          `${t(M.given, lang)}: ${given === undefined ? t(M.notGiven, lang) : `**${given}**`} (${def.scale.min}–${def.scale.max})`,
          sourceNow(pack, def, src, lang),
          cite(def.source, lang),
        ].join('\n\n');
      }
    }
    if (p[2] === 'level' && p.length === 3 && def.kind === 'level') {
      const lv = findMaturityLevel(pack, at.value ?? (valueAt(root, p) as unknown));
      if (lv) return `${levelLine(pack, lv, lang)}\n\n${sourceHover(pack, def, src, lang)}`;
    }
    return sourceHover(pack, def, src, lang);
  }

  if (p[0] === 'totals' && score) {
    if (p[1] === 'categories' && p.length === 3) {
      const c = score.categories.find((x) => x.category === String(p[2]));
      if (!c) return undefined;
      const stated = at.on === 'value' && at.value !== undefined ? ` · ${t(M.stated, lang)} ${String(at.value)}` : '';
      return `**${t(M.category, lang)} ${c.category} ${t(c.title, lang)}** · ${t(M.weight, lang)} ${c.weight} %\n\n${t(M.computedAs, lang)}: **${fixed(pack, c.points)}** / ${pack.points.max} (${levelName(pack, c.level, c.points, lang)})${stated}`;
    }
    const stated = p[1] === 'total' && at.on === 'value' && at.value !== undefined ? String(at.value) : undefined;
    return totalsHover(pack, score, stated, lang);
  }
  return undefined;
}

function levelLine(pack: MaturityPack, lv: MaturityPack['levels'][number], lang: Lang): string {
  return `**${t(lv.title, lang)}** (\`${lv.id}\`) · ${lv.points} ${t(M.points, lang)} / ${pack.points.max}`;
}

/** A level value: its title and points, the sub-item's criterion at that level, the sub-item's status. */
function levelHover(pack: MaturityPack, raw: unknown, item: MaturityItem, status: MaturityItemScore | undefined, lang: Lang): string {
  const lv = findMaturityLevel(pack, raw);
  if (!lv) return `${t(M.unknownLevel, lang)}: ${pack.levels.map((l) => `\`${l.id}\` (${t(l.title, lang)} · ${l.points})`).join(', ')}`;
  const lines = [levelLine(pack, lv, lang)];
  const text = item.levels[lv.id];
  if (text) lines.push(both(text, lang));
  if (status) lines.push(statusLine(pack, status, lang));
  lines.push(cite(lv.source, lang));
  return lines.join('\n\n');
}

function statusLine(pack: MaturityPack, s: MaturityItemScore, lang: Lang): string {
  if (s.from === 'not-reported') return `**${t(M.status, lang)}**: ${t(M.notReported, lang)} · 0 ${t(M.points, lang)}`;
  const claim = s.from === 'source' ? '' : `${t(M.claimedAs, lang)} ${s.claimed ? levelName(pack, s.claimed, undefined, lang) : `— ${t(M.notClaimed, lang)}`} · `;
  // Unknown points (a source's result not given): no level reached to tell.
  const reached = s.level === undefined && s.points === undefined ? t(M.unknown, lang) : `${t(M.reachedAs, lang)} ${levelName(pack, s.level, s.points, lang)}`;
  return `**${t(M.status, lang)}**: ${claim}${reached} · **${pts(pack, s.points)}** ${t(M.points, lang)}`;
}

/** The status, why the sub-item is below its claim, and what the next level needs. */
function statusBlock(pack: MaturityPack, s: MaturityItemScore, lang: Lang): string {
  const lines = [statusLine(pack, s, lang)];
  if (s.reasons.length) lines.push(s.reasons.map((r) => `- ✗ ${t(r, lang)}`).join('\n'));
  if (s.next && s.next.needs.length) {
    const title = levelName(pack, s.next.level, undefined, lang);
    lines.push(`**${t(M.needsFor, lang)} ${title}**\n${s.next.needs.map((n) => `- ${t(n, lang)}`).join('\n')}`);
  }
  return lines.join('\n\n');
}

function levelsBlock(pack: MaturityPack, item: MaturityItem, status: MaturityItemScore | undefined, lang: Lang): string[] {
  const out: string[] = [];
  for (const lv of pack.levels) {
    const text = item.levels[lv.id];
    if (!text) continue;
    const marks = [status?.claimed === lv.id ? t(M.claimed, lang) : '', status?.level === lv.id ? t(M.reached, lang) : ''].filter(Boolean).join(' ');
    out.push(`**${t(lv.title, lang)}** · ${lv.points} ${t(M.points, lang)}${marks ? ` **${marks}**` : ''}\n\n${both(text, lang)}`);
  }
  return out;
}

function attachmentsBlock(category: MaturityCategory, lang: Lang): string {
  if (category.attachments.length === 0) return '';
  const rows = category.attachments.map((a) => `- \`${a.id}\` ${t(a.title, lang)} — ${t(a.per === 'level' ? M.perLevel : M.perItem, lang)}${a.minCount > 1 ? ` (×${a.minCount})` : ''}`);
  return `**${t(M.attachments, lang)}**\n\n${rows.join('\n')}`;
}

function itemHover(pack: MaturityPack, category: MaturityCategory, item: MaturityItem, status: MaturityItemScore | undefined, score: MaturityScore | undefined, lang: Lang): string {
  const unit = category.indicators ? M.dimension : M.item;
  const now = status && status.from !== 'not-reported' ? ` — ${levelName(pack, status.level, status.points, lang)} · ${pts(pack, status.points)} ${t(M.points, lang)}` : '';
  const parts = [`### ${t(M.category, lang)} ${category.id} ${t(category.title, lang)} · ${t(unit, lang)} ${item.id}${now}`, titled(item.title, lang)];
  const sourceId = item.scoredBy ?? category.scoredBy;
  const source = sourceId ? pack.sources.find((s) => s.id === sourceId) : undefined;
  if (source) {
    const src = score?.sources.find((s) => s.id === source.id);
    parts.push(`**${t(M.byOffice, lang)}${lang === 'th' ? '' : ' '}${t(source.title, lang)}** (\`sources.${source.id}\`)`);
    if (item.note) parts.push(both(item.note, lang));
    parts.push(both(source.text, lang));
    parts.push(sourceNow(pack, source, src, lang));
    parts.push(...levelsBlock(pack, item, status, lang));
    parts.push(`${cite(item.source, lang)}\n\n${cite(source.source, lang)}`);
    return parts.join('\n\n');
  }
  if (item.description) parts.push(both(item.description, lang));
  if (category.indicators) parts.push(indicatorBlock(category, status, lang), `**${t(M.rules, lang)} ${category.id}**\n\n${both(category.indicators.text, lang)}`);
  parts.push(...levelsBlock(pack, item, status, lang));
  const att = attachmentsBlock(category, lang);
  if (att) parts.push(att);
  if (status) parts.push(statusBlock(pack, status, lang));
  parts.push(cite(item.source, lang));
  return parts.join('\n\n');
}

/** The indicator of a results dimension as read: title, target, result, baseline, achieved. */
function indicatorBlock(category: MaturityCategory, status: MaturityItemScore | undefined, lang: Lang): string {
  const ind = status?.indicator;
  if (!ind) return `**${t(M.indicator, lang)}**: ${t(M.notGiven, lang)}`;
  const type = category.indicators?.valueTypes.find((v) => v.id === ind.type);
  const unit = type ? ` (${t(type.title, lang)})` : '';
  const bits = [
    ind.target !== undefined ? `${t(M.target, lang)} **${ind.target}**` : '',
    ind.result !== undefined ? `${t(M.result, lang)} **${ind.result}**` : '',
    ind.baseline !== undefined ? `${t(M.baseline, lang)} ${ind.baseline}` : '',
  ].filter(Boolean);
  const verdict = ind.achieved === undefined ? '' : ` · ${t(ind.achieved ? M.achieved : M.notAchieved, lang)}`;
  return `**${t(M.indicator, lang)}**: ${ind.title || '—'}\n\n${bits.join(' · ')}${unit}${verdict}`;
}

function indicatorHover(category: MaturityCategory, status: MaturityItemScore | undefined, lang: Lang): string {
  const rules = category.indicators!;
  return [indicatorBlock(category, status, lang), `**${t(M.rules, lang)} ${category.id}**\n\n${both(rules.text, lang)}`, cite(rules.source, lang)].join('\n\n');
}

function attachmentHover(req: MaturityAttachment, category: MaturityCategory, lang: Lang): string {
  const type: Record<EvidenceRequirement['type'], LocalizedText> = {
    file: { th: 'ไฟล์ (file:)', en: 'a file (file:)' },
    link: { th: 'ลิงก์ (url:)', en: 'a link (url:)' },
    'file-or-link': { th: 'ไฟล์ (file:) หรือลิงก์ (url:)', en: 'a file (file:) or a link (url:)' },
    table: { th: `ตาราง ${req.table ?? ''}`, en: `table ${req.table ?? ''}` },
    'school-usage': { th: 'ไฟล์ของสถานศึกษา', en: 'a file per school' },
  };
  const lines = [`**\`${req.id}\`** — ${both(req.title, lang)}`, `${t(M.form, lang)}: ${t(type[req.type], lang)} · ${t(req.per === 'level' ? M.perLevel : M.perItem, lang)}`];
  if (req.fileTypes) lines.push(`${t(M.fileTypes, lang)}: ${req.fileTypes.map((x) => `.${x}`).join(', ')}`);
  lines.push(`${t(M.category, lang)} ${category.id}: ${category.attachments.map((a) => `\`${a.id}\``).join(', ')}`);
  lines.push(cite(req.source, lang));
  return lines.join('\n\n');
}

/** What a source gives now: its value, the level it maps to, the points. */
function sourceNow(pack: MaturityPack, def: ScoreSource, src: SourceScore | undefined, lang: Lang): string {
  const head = `**${t(M.current, lang)}**: `;
  if (!src || src.points === undefined) return `${head}${src?.reason ? t(src.reason, lang) : t(M.notGiven, lang)}`;
  const tail = `${levelName(pack, src.level, src.points, lang)} · **${pts(pack, src.points)}** ${t(M.points, lang)}`;
  if (def.kind === 'weighted' && src.value !== undefined) {
    const inputs = (src.inputs ?? []).map((i) => `${i.id} = ${i.score ?? '?'} × ${i.weight} %`).join(' + ');
    return `${head}${t(M.weighted, lang)} ${src.value.toFixed(def.decimals)} (${inputs}) → ${tail}`;
  }
  if (def.kind === 'group' && src.group !== undefined) return `${head}${t(M.group, lang)} ${src.group} → ${tail}`;
  return `${head}${tail}`;
}

function sourceHover(pack: MaturityPack, def: ScoreSource, src: SourceScore | undefined, lang: Lang): string {
  const items = pack.categories.flatMap((c) => c.items.filter((i) => i.scoredBy === def.id || (c.scoredBy === def.id && !i.scoredBy)).map((i) => i.id));
  const lines = [`### ${t(def.title, lang)} (\`${def.id}\`)`, both(def.text, lang), sourceNow(pack, def, src, lang)];
  if (def.kind === 'weighted') {
    lines.push(def.inputs.map((i) => `- \`${i.id}\` ${t(i.title, lang)} · ${i.weight} % → ${i.items.join(', ')}`).join('\n'));
    lines.push(def.bands.map((b) => `${levelName(pack, b.level, undefined, lang)} ≥ ${b.min.toFixed(def.decimals)}`).join(' · '));
  }
  if (def.kind === 'group') lines.push(def.groups.map((g) => `${t(M.group, lang)} ${g.id} → ${levelName(pack, g.level, undefined, lang)}`).join(' · '));
  lines.push(`${t(M.usedFor, lang)}: ${items.join(', ')}`);
  lines.push(cite(def.source, lang));
  return lines.join('\n\n');
}

/** The total and the category table (on `items:` and `totals:`). */
function totalsHover(pack: MaturityPack, score: MaturityScore, stated: string | undefined, lang: Lang): string {
  // `—` is unknown only (a source's result not given); known points below Basic say so.
  const title = (id: string | undefined, points: number | undefined): string => levelName(pack, id, points, lang, '—');
  const rows = score.categories.map((c) => `| ${c.category} ${escapeCell(t(c.title, lang))} | ${c.weight} % | ${fixed(pack, c.points)} | ${title(c.level, c.points)} |`);
  return [
    `### ${t(M.total, lang)} ${fixed(pack, score.total)} / ${score.max}${score.total !== undefined || score.level ? ` — ${title(score.level, score.total)}` : ''}${stated !== undefined ? ` (${t(M.stated, lang)} ${stated})` : ''}`,
    [`| ${t(M.category, lang)} | ${t(M.weight, lang)} | ${t(M.points, lang)} | ${t(L.level, lang)} |`, '| --- | :-: | --: | --- |', ...rows].join('\n'),
    both(pack.points.text, lang),
    cite(pack.points.source, lang),
  ].join('\n\n');
}
