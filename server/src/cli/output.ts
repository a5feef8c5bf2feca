import * as path from 'node:path';
import type { Finding, FindingLocation, ManifestCheckResult, RoundScore, TableResult } from '../engine/index';
import type { MaturityItemScore, MaturityScore } from '../engine/maturity';
import type { MaturityPack } from '../engine/packs/model';
import { MESSAGES } from '../engine/index';

export type Lang = 'th' | 'en';

/** What one `check` run found: manifests, standalone tables, and pack problems. */
export interface RunResult {
  readonly manifests: readonly ManifestCheckResult[];
  readonly tables: readonly TableResult[];
  readonly packFindings: readonly Finding[];
}

/** Every finding of the run, each once (a table linked twice is read once per manifest). */
export function allFindings(run: RunResult): Finding[] {
  return [...run.packFindings, ...run.manifests.flatMap((m) => m.findings), ...run.tables.flatMap((t) => t.findings)];
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number; information: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    information: findings.filter((f) => f.severity === 'information' || f.severity === 'hint').length,
  };
}

const rel = (p: string, cwd: string): string => {
  const r = path.relative(cwd, p);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r.split(path.sep).join('/') : p;
};

/** `file:line:col` (1-based) or `file!Sheet!B7`. */
export function formatLocation(l: FindingLocation, cwd: string): string {
  const file = rel(l.path, cwd);
  if (l.kind === 'text') return `${file}:${l.range.start.line + 1}:${l.range.start.character + 1}`;
  return [file, l.sheet, l.cell].filter((x) => x !== undefined).join('!');
}

const SEVERITY_TH: Record<Finding['severity'], string> = { error: 'ข้อผิดพลาด', warning: 'คำเตือน', information: 'ข้อมูล', hint: 'คำแนะนำ' };

/** The human report: one line per finding, then each manifest's score, then a count. */
export function formatText(run: RunResult, lang: Lang, cwd: string, color: boolean): string {
  const c = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sev = (s: Finding['severity']): string => {
    const word = lang === 'th' ? SEVERITY_TH[s] : s;
    return s === 'error' ? c('31', word) : s === 'warning' ? c('33', word) : c('36', word);
  };
  const lines: string[] = [];
  for (const f of allFindings(run)) {
    lines.push(`${formatLocation(f.location, cwd)} ${sev(f.severity)} ${c('2', f.code)} ${f.message[lang]}`);
  }
  for (const t of run.tables) {
    const figures = Object.values(t.measures)
      .map((m) => `${m.id}=${m.value ?? '?'}`)
      .join(' ');
    lines.push(`${rel(t.path, cwd)} ${t.table}${t.sheet ? ` (${t.sheet})` : ''}: ${figures}`);
  }
  for (const m of run.manifests) {
    if (!m.score && !m.maturity) continue;
    lines.push('');
    const head = lang === 'th' ? 'ผลการประเมิน' : 'Score';
    lines.push(c('1', `${head} ${rel(m.path, cwd)}${m.framework ? ` (${m.framework.id} ${m.framework.edition})` : ''}`));
    if (m.maturity) {
      lines.push(...formatMaturity(m.maturity, m.maturityPack, lang, c));
      continue;
    }
    if (!m.score) continue;
    for (const r of m.score.rounds) lines.push(...formatRound(r, lang));
    const o = m.score.overall;
    if (o) {
      const label = lang === 'th' ? 'ค่าคะแนนเฉลี่ย' : 'Overall score';
      lines.push(`  ${label}: ${c('1', o.score.toFixed(2))}${o.descriptor ? ` ${o.descriptor[lang]}` : ''}`);
    }
  }
  const n = countBySeverity(allFindings(run));
  // Every workbook read, once: those the manifests link and those checked on their own.
  const tablesRead = new Set([...run.manifests.flatMap((m) => m.tables), ...run.tables].map((t) => `${t.path}\u0000${t.table}`)).size;
  lines.push('');
  lines.push(
    lang === 'th'
      ? `ข้อผิดพลาด ${n.errors} คำเตือน ${n.warnings} ข้อมูล ${n.information} ใน ${run.manifests.length} ไฟล์หลักฐาน และ ${tablesRead} ตาราง`
      : `${n.errors} errors, ${n.warnings} warnings, ${n.information} information in ${run.manifests.length} manifests and ${tablesRead} tables`,
  );
  return lines.join('\n') + '\n';
}

function formatRound(r: RoundScore, lang: Lang): string[] {
  const lines = [`  ${r.title[lang]}: ${lang === 'th' ? 'ระดับ' : 'level'} ${r.level}`];
  const reached = r.levels.find((l) => l.level === r.level);
  for (const cond of reached?.conditions ?? []) lines.push(`    ✓ ${cond.description[lang]}`);
  if (r.next) {
    lines.push(`    ${lang === 'th' ? `สิ่งที่ขาดสำหรับระดับ ${r.next.level}` : `Missing for level ${r.next.level}`}:`);
    for (const g of r.next.gaps) lines.push(`    ✗ ${g.message[lang]}`);
  }
  return lines;
}

/** A level id as people read it: "Advance" / "ระดับ Advance", or "below Basic" / "ต่ำกว่าระดับ Basic" when absent. */
function levelText(m: MaturityScore, id: string | undefined, lang: Lang): string {
  const th = lang === 'th';
  if (id === undefined) return th ? `ต่ำกว่าระดับ ${m.levels[0]?.title.th ?? ''}` : `below ${m.levels[0]?.title.en ?? ''}`;
  const title = m.levels.find((l) => l.id === id)?.title[lang] ?? id;
  return th ? `ระดับ ${title}` : title;
}

/** The sub-items worth a line: below their claim, or below the first level. */
function isShort(i: MaturityItemScore): boolean {
  return i.level === undefined || i.reasons.length > 0 || (i.claimed !== undefined && i.claimed !== i.level);
}

/**
 * A maturity score (PMQA): per category its weight, level and points; under it the
 * sub-items that fall short, with why and what the next level needs; the sources; the total.
 */
function formatMaturity(m: MaturityScore, pack: MaturityPack | undefined, lang: Lang, c: (code: string, s: string) => string): string[] {
  const th = lang === 'th';
  const decimals = pack?.points.decimals ?? 2;
  const scoredBy = (item: string): MaturityScore['sources'][number] | undefined => {
    const cat = pack?.categories.find((x) => x.items.some((i) => i.id === item));
    const id = cat?.items.find((i) => i.id === item)?.scoredBy ?? cat?.scoredBy;
    return m.sources.find((s) => s.id === id);
  };
  const pts = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(decimals));
  const lines: string[] = [];
  for (const cat of m.categories) {
    const source = cat.source ? m.sources.find((s) => s.id === cat.source) : undefined;
    const weight = th ? `ค่าน้ำหนัก ${cat.weight} %` : `weight ${cat.weight} %`;
    const unknown = cat.points === undefined ? ` (${th ? 'ยังคำนวณไม่ได้' : 'not computable yet'}${cat.unknownReason ? `: ${cat.unknownReason[lang]}` : ''})` : '';
    const head = `  ${th ? 'หมวด' : 'Category'} ${cat.category} ${cat.title[lang]} (${weight}): ${pts(cat.points)}`;
    lines.push(cat.points === undefined ? `${head} ${th ? 'คะแนน' : 'points'}${unknown}` : `${head} ${th ? 'คะแนน' : 'points,'} ${levelText(m, cat.level, lang)}`);
    if (source) lines.push(`    ${sourceText(m, source, pack, lang, [])}`);
    // Sources scoring single sub-items (ITA for 1.2) are shown under the category of the sub-item.
    for (const s of m.sources) {
      if (m.categories.some((x) => x.source === s.id)) continue;
      const items = pack?.categories.find((x) => x.id === cat.category)?.items.filter((i) => i.scoredBy === s.id).map((i) => i.id) ?? [];
      if (items.length) lines.push(`    ${sourceText(m, s, pack, lang, items)}`);
    }
    for (const i of cat.items) {
      if (!isShort(i) || (source && i.from === 'source')) continue;
      const how =
        i.from === 'not-reported'
          ? th ? 'ยังไม่ได้รายงาน' : 'not reported'
          : i.from === 'source'
            ? `${th ? 'จาก' : 'from'} ${scoredBy(i.item)?.title[lang] ?? '?'} → ${levelText(m, i.level, lang)}`
            : `${i.claimed !== undefined ? `${th ? 'ประเมินตนเอง' : 'claims'}${th ? '' : ' '}${levelText(m, i.claimed, lang)}` : th ? 'ยังไม่ได้ระบุระดับที่ถูกต้อง' : 'no valid level claimed'} → ${th && i.level !== undefined ? 'ได้' : ''}${levelText(m, i.level, lang)}`;
      lines.push(`    ✗ ${i.item} ${i.title[lang]}: ${how} (${pts(i.points)})`);
      // "not reported" is the line itself: its reason says the same.
      if (i.from !== 'not-reported') for (const r of i.reasons) lines.push(`      ${r[lang]}`);
      if (i.next && i.next.needs.length) lines.push(`      ${th ? `สำหรับ${levelText(m, i.next.level, lang)}` : `For ${levelText(m, i.next.level, lang)}`}: ${i.next.needs.map((n) => n[lang]).join('; ')}`);
    }
  }
  if (m.total === undefined) {
    const cats = m.unknownCategories.join(', ');
    lines.push(`  ${th ? 'คะแนนรวม' : 'Total'}: ${c('1', '—')} / ${m.max} ${th ? `(ยังคำนวณไม่ได้: หมวด ${cats} ยังไม่มีผลที่ใช้ได้จากแหล่งคะแนน)` : `(not computable yet: categories ${cats} have no valid result from their source)`}`);
    return lines;
  }
  const total = m.total;
  const next = m.levels.find((l) => l.points > total);
  const toNext = next ? (th ? ` (อีก ${pts(next.points - total)} คะแนนถึงระดับ ${next.title.th} ที่ ${next.points})` : ` (${pts(next.points - total)} points short of ${next.title.en} at ${next.points})`) : '';
  lines.push(`  ${th ? 'คะแนนรวม' : 'Total'}: ${c('1', pts(total))} / ${m.max} ${levelText(m, m.level, lang)}${m.descriptor ? ` ${m.descriptor[lang]}` : ''}${toNext}`);
  return lines;
}

/**
 * A source's result, naming the sub-items it scores: "from the KPIs: 4.1150 = KPI 4.1.2
 * 4.2500 × 70 % + KPI 8 3.8000 × 30 % → Advance (400.00)"; without a result, why, marked ✗
 * (the source's own sentence names it): "✗ the result from the monitoring … is not given".
 */
function sourceText(m: MaturityScore, s: MaturityScore['sources'][number], pack: MaturityPack | undefined, lang: Lang, items: readonly string[]): string {
  const th = lang === 'th';
  const decimals = pack?.points.decimals ?? 2;
  const def = pack?.sources.find((x) => x.id === s.id);
  const parts: string[] = [];
  if (s.inputs) {
    const d = def?.kind === 'weighted' ? def.decimals : 4;
    const inputs = s.inputs.map((i) => `${i.title[lang]} ${i.score !== undefined ? i.score.toFixed(d) : '?'} × ${i.weight} %`).join(' + ');
    parts.push(s.value !== undefined ? `${s.value.toFixed(d)} = ${inputs}` : inputs);
  }
  if (s.group !== undefined) parts.push(`${th ? 'กลุ่ม' : 'group'} ${s.group}`);
  const of = items.length ? (th ? ` (ประเด็น ${items.join(', ')})` : ` (sub-item${items.length > 1 ? 's' : ''} ${items.join(', ')})`) : '';
  const given = parts.join(' ');
  if (s.points === undefined) return `✗ ${s.reason?.[lang] ?? s.title[lang]}${of}${given ? `: ${given}` : ''}`;
  const result = `${levelText(m, s.level, lang)} (${s.points.toFixed(decimals)})`;
  return `${th ? 'จาก' : 'from'} ${s.title[lang]}${of}: ${given ? `${given} → ` : ''}${result}`;
}

interface JsonDiagnostic {
  code: string;
  severity: Finding['severity'];
  message: string;
  messages: { th: string; en: string };
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  sheet?: string;
  cell?: string;
  anchor?: { path: string; line: number; column: number };
  related?: { path: string; line?: number; column?: number; sheet?: string; cell?: string; message: string }[];
  data?: Readonly<Record<string, unknown>>;
}

function jsonLocation(l: FindingLocation): Pick<JsonDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn' | 'sheet' | 'cell'> {
  if (l.kind === 'text') return { line: l.range.start.line + 1, column: l.range.start.character + 1, endLine: l.range.end.line + 1, endColumn: l.range.end.character + 1 };
  return { ...(l.sheet ? { sheet: l.sheet } : {}), ...(l.cell ? { cell: l.cell } : {}) };
}

/**
 * The `--format json` document (version 1). Lines and columns are 1-based; percents are
 * 0–100 with 2 decimals; paths are relative to the working directory when inside it.
 */
export function formatJson(run: RunResult, lang: Lang, cwd: string): string {
  const byFile = new Map<string, { path: string; kind: string; diagnostics: JsonDiagnostic[] }>();
  const kindOf = (f: Finding): string => (f.code.startsWith('pack.') ? 'pack' : f.location.kind === 'cell' ? 'workbook' : 'manifest');
  for (const m of run.manifests) byFile.set(m.path, { path: rel(m.path, cwd), kind: 'manifest', diagnostics: [] });
  for (const f of allFindings(run)) {
    const entry = byFile.get(f.location.path) ?? { path: rel(f.location.path, cwd), kind: kindOf(f), diagnostics: [] };
    byFile.set(f.location.path, entry);
    entry.diagnostics.push({
      code: f.code,
      severity: f.severity,
      message: f.message[lang],
      messages: { th: f.message.th, en: f.message.en },
      ...jsonLocation(f.location),
      ...(f.anchor ? { anchor: { path: rel(f.anchor.path, cwd), line: f.anchor.range.start.line + 1, column: f.anchor.range.start.character + 1 } } : {}),
      ...(f.related?.length ? { related: f.related.map((r) => ({ path: rel(r.location.path, cwd), ...jsonLocation(r.location), message: r.message[lang] })) } : {}),
      ...(f.data ? { data: f.data } : {}),
    });
  }
  const tables = [...run.manifests.flatMap((m) => m.tables), ...run.tables].map((t) => ({
    path: rel(t.path, cwd),
    table: t.table,
    ...(t.sheet ? { sheet: t.sheet } : {}),
    ...(t.headerRow ? { headerRow: t.headerRow } : {}),
    rows: t.rows.length,
    figures: Object.fromEntries(Object.values(t.measures).map((m) => [m.id, m.value ?? null])),
    ...(Object.values(t.measures).some((m) => m.termsMissing?.length) ? { areasMissing: Object.values(t.measures).flatMap((m) => m.termsMissing ?? []) } : {}),
  }));
  const seen = new Set<string>();
  const uniqueTables = tables.filter((t) => (seen.has(`${t.path}|${t.table}`) ? false : (seen.add(`${t.path}|${t.table}`), true)));
  const scores = run.manifests.flatMap<ReturnType<typeof roundsJson> | ReturnType<typeof maturityJson>>((m) => (m.maturity ? [maturityJson(m, m.maturity, lang, cwd)] : m.score ? [roundsJson(m, m.score, lang, cwd)] : []));
  const n = countBySeverity(allFindings(run));
  return `${JSON.stringify({ version: 1, lang, files: [...byFile.values()], tables: uniqueTables, scores, summary: n }, null, 2)}\n`;
}

/** What every entry in `scores` starts with: the manifest, its model, framework, office and year. */
function scoreHead<M extends 'rounds' | 'maturity'>(m: ManifestCheckResult, model: M, cwd: string) {
  return { manifest: rel(m.path, cwd), model, framework: m.framework?.id, edition: m.framework?.edition, office: m.summary.officeName, fiscalYear: m.summary.fiscalYear };
}

/** A rounds manifest's entry in `scores` (X2): a level per round, the overall score. */
function roundsJson(m: ManifestCheckResult, score: NonNullable<ManifestCheckResult['score']>, lang: Lang, cwd: string) {
  return {
    ...scoreHead(m, 'rounds', cwd),
    rounds: score.rounds.map((r) => ({
      round: r.round,
      level: r.level,
      points: r.points.map((p) => ({ point: p.point, clear: p.clear, reasons: p.reasons.map((x) => x[lang]) })),
      figures: Object.fromEntries(r.figures.map((f) => [f.id, { value: f.value ?? null, source: f.source }])),
      conditions: (r.levels.find((l) => l.level === r.level)?.conditions ?? []).map((c) => ({ kind: c.condition.kind, holds: c.holds, description: c.description[lang] })),
      ...(r.next ? { next: { level: r.next.level, gaps: r.next.gaps.map((g) => g.message[lang]) } } : {}),
    })),
    overall: score.overall ? { score: score.overall.score, descriptor: score.overall.descriptor?.[lang] ?? null, descriptors: score.overall.descriptor ?? null } : null,
  };
}

/**
 * A maturity manifest's entry in `scores` (PMQA): the categories with their sub-items, the
 * total out of `max`, and the sources. Levels are ids (`basic`, `advance`, `significance`)
 * or null below the first level; points are on the pack's scale, weights percent.
 */
function maturityJson(m: ManifestCheckResult, s: MaturityScore, lang: Lang, cwd: string) {
  const pack = m.maturityPack;
  const scoredBy = (item: string): string | null => {
    const cat = pack?.categories.find((x) => x.items.some((i) => i.id === item));
    return cat?.items.find((i) => i.id === item)?.scoredBy ?? cat?.scoredBy ?? null;
  };
  return {
    ...scoreHead(m, 'maturity', cwd),
    categories: s.categories.map((c) => ({
      category: c.category,
      title: c.title[lang],
      weight: c.weight,
      level: c.level ?? null,
      points: c.points ?? null,
      weighted: c.weighted ?? null,
      ...(c.unknownReason ? { unknownReason: c.unknownReason[lang] } : {}),
      source: c.source ?? null,
      items: c.items.map((i) => ({
        item: i.item,
        title: i.title[lang],
        from: i.from,
        claimed: i.claimed ?? null,
        level: i.level ?? null,
        points: i.points ?? null,
        reasons: i.reasons.map((r) => r[lang]),
        next: i.next ? { level: i.next.level, needs: i.next.needs.map((n) => n[lang]) } : null,
        ...(i.from === 'source' ? { source: scoredBy(i.item) } : {}),
        ...(i.indicator ? { indicator: { ...i.indicator } } : {}),
      })),
    })),
    total: s.total ?? null,
    unknownCategories: s.unknownCategories,
    max: s.max,
    level: s.level ?? null,
    descriptor: s.descriptor?.[lang] ?? null,
    sources: s.sources.map((x) => ({
      source: x.id,
      kind: x.kind,
      title: x.title[lang],
      level: x.level ?? null,
      points: x.points ?? null,
      ...(x.value !== undefined ? { value: x.value } : {}),
      ...(x.inputs ? { inputs: x.inputs.map((n) => ({ input: n.id, weight: n.weight, score: n.score ?? null })) } : {}),
      ...(x.group !== undefined ? { group: x.group } : {}),
      ...(x.reason ? { reason: x.reason[lang] } : {}),
    })),
  };
}

/** SARIF 2.1.0 for code-scanning tools; workbook cells become logical locations. */
export function formatSarif(run: RunResult, lang: Lang, cwd: string, version: string): string {
  const findings = allFindings(run);
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const level = (s: Finding['severity']): string => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const results = findings.map((f) => {
    const uri = rel(f.location.path, cwd);
    const physical =
      f.location.kind === 'text'
        ? { artifactLocation: { uri }, region: { startLine: f.location.range.start.line + 1, startColumn: f.location.range.start.character + 1, endLine: f.location.range.end.line + 1, endColumn: f.location.range.end.character + 1 } }
        : { artifactLocation: { uri } };
    return {
      ruleId: f.code,
      ruleIndex: codes.indexOf(f.code),
      level: level(f.severity),
      message: { text: f.message[lang] },
      locations: [
        {
          physicalLocation: physical,
          ...(f.location.kind === 'cell' && (f.location.sheet || f.location.cell)
            ? { logicalLocations: [{ fullyQualifiedName: [f.location.sheet, f.location.cell].filter(Boolean).join('!'), kind: 'element' }] }
            : {}),
        },
      ],
      ...(f.anchor ? { relatedLocations: [{ id: 1, physicalLocation: { artifactLocation: { uri: rel(f.anchor.path, cwd) }, region: { startLine: f.anchor.range.start.line + 1, startColumn: f.anchor.range.start.character + 1 } } }] } : {}),
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'obec-evidence',
            version,
            informationUri: 'https://obec-evidence.invalid/',
            rules: codes.map((code) => {
              const m = MESSAGES[code as keyof typeof MESSAGES];
              return { id: code, shortDescription: { text: code }, defaultConfiguration: { level: level(m.severity) } };
            }),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
