import type { ManifestCheckResult } from '../checks/manifestCheck';
import type { Range } from '../diagnostics';
import { fiscalYearSpan, formatBE } from '../dates';
import type { ConsiderationPoint, EvidenceRequirement, LocalizedText, Round } from '../packs/model';
import type { RoundScore } from '../scoring';
import { classifySchoolCode, parseWholeNumber } from '../text';

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
  if (!pack) return undefined;
  if (p.length === 1 && p[0] === 'framework') {
    return wrap(`**${t(pack.title, lang)}**\n\n${lang === 'th' ? 'ฉบับ' : 'Edition'} ${pack.edition} · ${cite(pack.source, lang)}`);
  }
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
