/**
 * The score view, rendered from a {@link ScorePayload} to an HTML string. Shared by the
 * preview webview (which re-renders it on every update) and the exported report (the CLI's
 * `report` command and the panel's export). Pure: no DOM, no Node. Every string that comes
 * from a manifest or a workbook is escaped here, in one place.
 */
import type { MaturityScorePayload, MessageLanguage, ScoreCategory, ScoreItem, ScoreMaturity, ScorePayload, ScoreRound, ScoreSourceResult, SourceRef } from './protocol';

const LABELS = {
  th: {
    level: 'ระดับ',
    overall: 'ค่าคะแนนเฉลี่ย',
    fiscalYear: 'ปีงบประมาณ',
    reporter: 'ผู้รายงานข้อมูล',
    levelTable: 'เกณฑ์การพิจารณา',
    conditionsNext: 'เงื่อนไขของระดับ',
    conditionsReached: 'เงื่อนไขที่ผ่าน (ระดับ',
    points: 'ประเด็นการพิจารณา',
    point: 'ประเด็นที่',
    clear: 'ชัดเจน',
    notClear: 'ยังไม่ชัดเจน',
    figures: 'ตัวเลข',
    value: 'ค่า',
    source: 'ที่มา',
    missing: 'สิ่งที่ขาดสำหรับระดับ',
    top: 'ได้ระดับสูงสุดแล้ว',
    problems: 'ปัญหา',
    errors: 'ข้อผิดพลาด',
    warnings: 'คำเตือน',
    information: 'ข้อมูล',
    noProblems: 'ไม่พบปัญหา',
    noScore: 'ยังคำนวณระดับไม่ได้: แก้ข้อผิดพลาดของไฟล์ก่อน',
    line: 'บรรทัด',
    fromTable: 'จากตาราง',
    fromManifest: 'จากไฟล์หลักฐาน',
    computed: 'คำนวณ',
    unknown: 'ไม่ทราบ',
    current: 'ระดับขณะนี้',
    reportTitle: 'รายงานผลการตรวจหลักฐาน',
    generated: 'สร้างโดย OBEC Evidence',
    total: 'คะแนนรวม',
    outOf: 'เต็ม',
    category: 'หมวด',
    categories: 'คะแนนรายหมวด',
    weight: 'ค่าน้ำหนัก',
    pointsUnit: 'คะแนน',
    weighted: 'ถ่วงน้ำหนัก',
    below: 'ต่ำกว่า',
    claimed: 'ประเมินตนเอง',
    reached: 'ได้',
    notClaimed: 'ยังไม่ได้ระบุระดับที่ถูกต้อง',
    notReported: 'ยังไม่ได้รายงาน',
    scoredBy: 'คะแนนจาก',
    nextFor: 'สำหรับระดับ',
    toNext: 'ขาดอีก {points} คะแนนสำหรับระดับ {level}',
    notComputable: 'ยังคำนวณไม่ได้: หมวด {categories} ยังไม่มีผลที่ใช้ได้จากแหล่งคะแนน',
    unknownPoints: 'ยังไม่ทราบ',
    indicator: 'ตัวชี้วัด',
    target: 'ค่าเป้าหมาย',
    result: 'ผล',
    baseline: 'ผลปีที่ผ่านมา',
    achieved: 'บรรลุค่าเป้าหมาย',
    notAchieved: 'ไม่บรรลุค่าเป้าหมาย',
    sources: 'ผลจากแหล่งอื่น',
    group: 'กลุ่ม',
    items: 'ประเด็น',
    rule: 'วิธีคิดคะแนน',
  },
  en: {
    level: 'Level',
    overall: 'Overall score',
    fiscalYear: 'Fiscal year',
    reporter: 'Reporter',
    levelTable: 'Criteria',
    conditionsNext: 'Conditions of level',
    conditionsReached: 'Conditions met (level',
    points: 'Consideration points',
    point: 'Point',
    clear: 'clear',
    notClear: 'not clear',
    figures: 'Figures',
    value: 'Value',
    source: 'Source',
    missing: 'Missing for level',
    top: 'The top level is reached',
    problems: 'Problems',
    errors: 'errors',
    warnings: 'warnings',
    information: 'information',
    noProblems: 'No problems',
    noScore: 'No level yet: fix the errors in the file first',
    line: 'line',
    fromTable: 'from the table',
    fromManifest: 'declared',
    computed: 'computed',
    unknown: 'unknown',
    current: 'current level',
    reportTitle: 'Evidence check report',
    generated: 'Made with OBEC Evidence',
    total: 'Total',
    outOf: 'of',
    category: 'Category',
    categories: 'Categories',
    weight: 'weight',
    pointsUnit: 'points',
    weighted: 'weighted',
    below: 'below',
    claimed: 'claimed',
    reached: 'reached',
    notClaimed: 'no valid level claimed',
    notReported: 'not reported',
    scoredBy: 'Scored from',
    nextFor: 'For',
    toNext: '{points} more points for {level}',
    notComputable: 'Not computable yet: categories {categories} have no valid result from their source',
    unknownPoints: 'unknown',
    indicator: 'Indicator',
    target: 'target',
    result: 'result',
    baseline: 'last year',
    achieved: 'target reached',
    notAchieved: 'target not reached',
    sources: 'Results from other sources',
    group: 'group',
    items: 'sub-items',
    rule: 'How points are worked out',
  },
} as const;

type Labels = (typeof LABELS)[MessageLanguage];

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

/** Where a source lives, shown to people: "บรรทัด 22" or "X2.2.xlsx!X2.2!B10". */
export function sourceLabel(s: SourceRef | undefined, l: Labels): string {
  if (!s) return '';
  if (s.kind === 'manifest') return `${l.line} ${s.line + 1}`;
  return [s.file, s.sheet, s.cell].filter(Boolean).join('!');
}

/** The manifest position an element reveals when clicked, as a data attribute (or ''). */
function revealAttr(s: SourceRef | undefined): string {
  const at = s?.kind === 'manifest' ? { line: s.line, character: s.character } : s?.kind === 'workbook' ? s.anchor : undefined;
  if (!at) return '';
  return ` data-reveal-line="${at.line}" data-reveal-character="${at.character}" tabindex="0" role="link"`;
}

function formatValue(v: number | undefined, unit: string, l: Labels): string {
  if (v === undefined) return l.unknown;
  return unit === 'percent' ? `${v.toFixed(2)} %` : String(v);
}

function roundSection(r: ScoreRound, l: Labels): string {
  const table = r.levels
    .map(
      (x) =>
        `<tr class="${x.reached ? 'reached' : ''}"${x.reached ? ' aria-current="true"' : ''}><th scope="row">${x.level}</th><td>${escapeHtml(x.text)}${x.reached ? ` <span class="badge">${escapeHtml(l.current)}</span>` : ''}</td></tr>`,
    )
    .join('');
  const condHead = r.next ? `${l.conditionsNext} ${r.next.level}` : `${l.conditionsReached} ${r.level})`;
  const conditions = r.conditions
    .map((c) => `<li class="${c.holds ? 'pass' : 'fail'}"><span class="mark" aria-hidden="true">${c.holds ? '✓' : '✗'}</span> ${escapeHtml(c.description)}</li>`)
    .join('');
  const figures = r.figures
    .map((f) => {
      const origin = f.origin === 'table' ? l.fromTable : f.origin === 'manifest' ? l.fromManifest : f.origin === 'computed' ? l.computed : l.unknown;
      const where = sourceLabel(f.source, l);
      return `<tr${revealAttr(f.source)} class="figure"><td>${escapeHtml(f.title)}</td><td class="num">${escapeHtml(formatValue(f.value, f.unit, l))}${f.note ? ` <span class="note">(${escapeHtml(f.note)})</span>` : ''}</td><td>${escapeHtml(origin)}${where ? ` · <span class="src">${escapeHtml(where)}</span>` : ''}</td></tr>`;
    })
    .join('');
  const points = r.points
    .map(
      (p) =>
        `<li class="point ${p.clear ? 'pass' : 'fail'}"${revealAttr(p.source)}><span class="mark" aria-hidden="true">${p.clear ? '✓' : '✗'}</span> <strong>${escapeHtml(l.point)} ${escapeHtml(p.id)}</strong> <span class="state">${escapeHtml(p.clear ? l.clear : l.notClear)}</span><div class="ptext">${escapeHtml(p.text)}</div>${p.reasons.length ? `<ul class="reasons">${p.reasons.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>` : ''}</li>`,
    )
    .join('');
  const gaps = r.next
    ? `<section class="gaps"><h4>${escapeHtml(l.missing)} ${r.next.level}</h4><ul>${r.next.gaps.map((g) => `<li>${escapeHtml(g)}</li>`).join('')}</ul></section>`
    : `<p class="top">${escapeHtml(l.top)}</p>`;
  return `<section class="round" id="round-${escapeHtml(r.id)}" data-round="${escapeHtml(r.id)}">
<header class="round-head"${revealAttr(r.source)}><h2>${escapeHtml(r.title)}</h2><div class="level" aria-label="${escapeHtml(l.level)} ${r.level}"><span class="level-label">${escapeHtml(l.level)}</span><span class="level-value" data-level="${r.level}">${r.level}</span></div></header>
${gaps}
<h3>${escapeHtml(condHead)}</h3><ul class="conditions">${conditions}</ul>
<h3>${escapeHtml(l.figures)}</h3><table class="figures"><thead><tr><th>${escapeHtml(l.figures)}</th><th>${escapeHtml(l.value)}</th><th>${escapeHtml(l.source)}</th></tr></thead><tbody>${figures}</tbody></table>
<h3>${escapeHtml(l.points)}</h3><ul class="points">${points}</ul>
<details class="criteria"><summary>${escapeHtml(l.levelTable)}</summary><table class="levels"><tbody>${table}</tbody></table></details>
</section>`;
}

/** The body of the score view (no `<html>`): header, the score (rounds or maturity), problems. */
export function renderScoreBody(p: ScorePayload): string {
  const l = LABELS[p.language];
  const office = [p.office?.name, p.office?.code ? `(${p.office.code})` : ''].filter(Boolean).join(' ');
  const reporter = p.reporter ? [p.reporter.name, p.reporter.position, p.reporter.phone, p.reporter.email].filter(Boolean).join(' · ') : '';
  const head = `<header class="doc-head">
<p class="framework">${escapeHtml(p.framework?.title ?? '')}</p>
<h1 class="office">${escapeHtml(office || '—')}</h1>
<p class="meta">${p.fiscalYear !== undefined ? `${escapeHtml(l.fiscalYear)} ${p.fiscalYear}` : ''}${reporter ? ` · ${escapeHtml(l.reporter)}: ${escapeHtml(reporter)}` : ''}</p>
</header>`;
  const items = p.problems.items
    .map((x) => `<li class="problem ${x.severity}"${revealAttr(x.source)}><span class="sev">${escapeHtml(x.severity === 'error' ? l.errors : x.severity === 'warning' ? l.warnings : l.information)}</span> <code>${escapeHtml(x.code)}</code> ${escapeHtml(x.message)} <span class="src">${escapeHtml(sourceLabel(x.source, l))}</span></li>`)
    .join('');
  const problems = `<section class="problems"><h2>${escapeHtml(l.problems)}</h2><p class="counts"><span class="count errors">${p.problems.errors} ${escapeHtml(l.errors)}</span> · <span class="count warnings">${p.problems.warnings} ${escapeHtml(l.warnings)}</span> · <span class="count information">${p.problems.information} ${escapeHtml(l.information)}</span></p>${items ? `<ul>${items}</ul>` : `<p>${escapeHtml(l.noProblems)}</p>`}</section>`;
  switch (p.kind) {
    case 'maturity':
      return `${head}\n${maturityBody(p, l)}\n${problems}`;
    case 'rounds':
    case undefined: {
      const overall = p.overall
        ? `<section class="overall"><span class="overall-label">${escapeHtml(l.overall)}</span> <span class="overall-score">${p.overall.score.toFixed(2)}</span> <span class="descriptor">${escapeHtml(p.overall.descriptor ?? '')}</span></section>`
        : `<section class="overall none"><p>${escapeHtml(l.noScore)}</p></section>`;
      return `${head}\n${overall}\n${p.rounds.map((r) => roundSection(r, l)).join('\n')}\n${problems}`;
    }
    default: {
      // Exhaustive: a new payload kind must be rendered here.
      const never: never = p;
      return never;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Maturity frameworks (PMQA): a total in points, a bar per category, the sub-items
// ---------------------------------------------------------------------------------------

/** A level id as shown: its title, or "below Basic" when absent. */
function levelName(m: ScoreMaturity, id: string | undefined, l: Labels): string {
  if (id === undefined) return `${l.below} ${m.levels[0]?.title ?? ''}`.trim();
  return m.levels.find((x) => x.id === id)?.title ?? id;
}

function levelBadge(m: ScoreMaturity, id: string | undefined, l: Labels, unknown = false): string {
  if (unknown) return `<span class="level-badge below" data-level="unknown">${escapeHtml(l.unknownPoints)}</span>`;
  return `<span class="level-badge${id === undefined ? ' below' : ''}" data-level="${escapeHtml(id ?? 'none')}">${escapeHtml(levelName(m, id, l))}</span>`;
}

/** Percent of the scale, a whole number 0–100: what the stylesheet's `data-w` / `data-x` rules size. */
const percentOf = (points: number, max: number): number => (max > 0 ? Math.max(0, Math.min(100, Math.round((points / max) * 100))) : 0);

/**
 * A horizontal bar of `points` out of `max`, with a tick at each level's points. Sized by
 * attributes the stylesheet maps to widths (the panel's CSP allows no inline styles).
 */
function bar(m: ScoreMaturity, points: number | undefined, extra = ''): string {
  const ticks = m.levels
    .filter((x) => x.points < m.max)
    .map((x) => `<span class="tick" data-x="${percentOf(x.points, m.max)}"></span>`)
    .join('');
  return `<span class="bar${extra}" aria-hidden="true"><span class="fill" data-w="${percentOf(points ?? 0, m.max)}"></span>${ticks}</span>`;
}

/** Points as shown; `—` when unknown (a source's result not given). */
const fmt = (x: number | undefined, decimals: number): string => (x === undefined ? '—' : x.toFixed(decimals));
/** A weighted share, exact as computed (up to 2 more decimals than points: 148.332), never fewer than `decimals`. */
const fmtWeighted = (x: number | undefined, decimals: number): string => {
  if (x === undefined) return '—';
  const exact = String(Number(x.toFixed(decimals + 2)));
  const places = exact.includes('.') ? exact.length - exact.indexOf('.') - 1 : 0;
  return places > decimals ? exact : x.toFixed(decimals);
};

function maturityBody(p: MaturityScorePayload, l: Labels): string {
  const m = p.maturity;
  const d = m.decimals;
  const total0 = m.total;
  const next = total0 !== undefined ? m.levels.find((x) => x.points > total0) : undefined;
  const toNext =
    total0 === undefined
      ? `<p class="to-next not-computable">${escapeHtml(l.notComputable.replace('{categories}', m.unknownCategories.join(', ')))}</p>`
      : next
        ? `<p class="to-next">${escapeHtml(l.toNext.replace('{points}', fmt(next.points - total0, d)).replace('{level}', `${next.title} (${next.points})`))}</p>`
        : '';
  const legend = m.levels.map((x) => `${escapeHtml(x.title)} ${x.points}`).join(' · ');
  const total = `<section class="overall total" aria-label="${escapeHtml(`${l.total} ${fmt(m.total, d)} / ${m.max}`)}">
<div class="total-line"><span class="overall-label">${escapeHtml(l.total)}</span> <span class="total-score">${fmt(m.total, d)}</span><span class="total-max">/ ${m.max}</span> ${levelBadge(m, m.level, l, m.total === undefined)}${m.descriptor ? ` <span class="descriptor">${escapeHtml(m.descriptor)}</span>` : ''}</div>
${bar(m, m.total, ' big')}
<p class="legend">${legend}</p>${toNext}
</section>`;
  const bars = m.categories
    .map(
      (c) => `<li class="category-bar" data-category="${escapeHtml(c.id)}">
<div class="cb-head"><a class="cb-title" href="#category-${escapeHtml(c.id)}">${escapeHtml(l.category)} ${escapeHtml(c.id)} ${escapeHtml(c.title)}</a> <span class="cb-weight">${escapeHtml(l.weight)} ${c.weight}\u00a0%</span></div>
<div class="cb-row">${bar(m, c.points)}<span class="cb-points"><strong class="points">${fmt(c.points, d)}</strong> / ${m.max}</span> ${levelBadge(m, c.level, l, c.points === undefined)} <span class="cb-weighted" title="${escapeHtml(`${fmt(c.points, d)} × ${c.weight} %`)}">${escapeHtml(l.weighted)} <span class="weighted">${fmtWeighted(c.weighted, d)}</span></span></div>
</li>`,
    )
    .join('\n');
  const sources = m.sources.length
    ? `<section class="sources"><h2>${escapeHtml(l.sources)}</h2><ul>${m.sources.map((s) => `<li class="source-result ${s.points === undefined ? 'fail' : 'pass'}" data-source="${escapeHtml(s.id)}"${revealAttr(s.source)}>${sourceLine(m, s, l)}</li>`).join('')}</ul></section>`
    : '';
  const rule = m.rule
    ? `<details class="criteria"><summary>${escapeHtml(l.rule)}</summary><p class="rule">${escapeHtml(m.rule)}</p></details>`
    : '';
  return `${total}
<section class="categories"><h2>${escapeHtml(l.categories)}</h2><ol class="category-bars">${bars}</ol>${rule}</section>
${sources}
${m.categories.map((c) => categorySection(m, c, l)).join('\n')}`;
}

/** One source's result: "4.1150 = KPI 4.1.2 4.25 × 70 % + KPI 8 3.80 × 30 % → Advance (400.00)". */
function sourceLine(m: ScoreMaturity, s: ScoreSourceResult, l: Labels): string {
  const parts: string[] = [];
  if (s.kind === 'weighted' && s.inputs) {
    const inputs = s.inputs.map((i) => `${i.title} ${i.score !== undefined ? i.score.toFixed(s.decimals ?? 4) : '?'} ×\u00a0${i.weight}\u00a0%`).join(' + ');
    parts.push(s.value !== undefined ? `${s.value.toFixed(s.decimals ?? 4)} = ${inputs}` : inputs);
  }
  if (s.group !== undefined) parts.push(`${l.group} ${s.group}`);
  const result = s.points !== undefined ? `${levelName(m, s.level, l)} (${fmt(s.points, m.decimals)})` : '';
  const line = [parts.join(' '), result].filter(Boolean).join(' → ');
  const where = sourceLabel(s.source, l);
  const note = [s.items.length ? `${l.items} ${s.items.join(', ')}` : '', where].filter(Boolean).join(' · ');
  const reason = s.reason ? `<div class="reasons">${escapeHtml(s.reason)}</div>` : '';
  return `<strong>${escapeHtml(s.title)}</strong>${line ? `: <span class="source-value">${escapeHtml(line)}</span>` : ''}${note ? ` <span class="note">(${escapeHtml(note)})</span>` : ''}${reason}`;
}

function itemState(i: ScoreItem): 'pass' | 'fail' {
  return i.level !== undefined && i.reasons.length === 0 ? 'pass' : 'fail';
}

function formatIndicatorValue(v: number | undefined, type: string | undefined): string {
  if (v === undefined) return '?';
  return type === 'percent' ? `${v}\u00a0%` : String(v);
}

/** One sub-item; `category` is the category's own source, which its header already names. */
function itemLine(m: ScoreMaturity, i: ScoreItem, categorySource: string | undefined, l: Labels): string {
  const state = itemState(i);
  const d = m.decimals;
  const reached = i.level !== undefined ? `${l.reached} ${levelName(m, i.level, l)}` : levelName(m, i.level, l);
  let how: string;
  if (i.from === 'not-reported') how = l.notReported;
  else if (i.from === 'source') how = i.scoredBy === categorySource ? reached : `${l.scoredBy} ${m.sources.find((s) => s.id === i.scoredBy)?.title ?? i.scoredBy ?? ''} → ${levelName(m, i.level, l)}`;
  else how = `${i.claimed !== undefined ? `${l.claimed} ${levelName(m, i.claimed, l)}` : l.notClaimed} → ${reached}`;
  const ind = i.indicator;
  const indicator = ind
    ? `<div class="indicator"><span class="ind-label">${escapeHtml(l.indicator)}:</span> ${escapeHtml(ind.title)} · ${escapeHtml(l.target)} ${escapeHtml(formatIndicatorValue(ind.target, ind.type))} · ${escapeHtml(l.result)} ${escapeHtml(formatIndicatorValue(ind.result, ind.type))}${ind.baseline !== undefined ? ` · ${escapeHtml(l.baseline)} ${escapeHtml(formatIndicatorValue(ind.baseline, ind.type))}` : ''}${ind.achieved !== undefined ? ` · <span class="${ind.achieved ? 'ok' : 'bad'}">${escapeHtml(ind.achieved ? l.achieved : l.notAchieved)}</span>` : ''}</div>`
    : '';
  // "not reported" is said once, by `how`.
  const reasons = i.reasons.length && i.from !== 'not-reported' ? `<ul class="reasons">${i.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '';
  const next = i.next && i.next.needs.length ? `<div class="next"><span class="next-label">${escapeHtml(l.nextFor)} ${escapeHtml(levelName(m, i.next.level, l))}:</span> ${escapeHtml(i.next.needs.join('; '))}</div>` : '';
  return `<li class="item ${state}" data-item="${escapeHtml(i.id)}"${revealAttr(i.source)}><span class="mark" aria-hidden="true">${state === 'pass' ? '✓' : '✗'}</span> <strong class="item-id">${escapeHtml(i.id)}</strong> ${escapeHtml(i.title)}
<div class="item-score"><span class="how">${escapeHtml(how)}</span> · <span class="item-points">${fmt(i.points, d)}</span> ${escapeHtml(l.pointsUnit)}</div>${indicator}${reasons}${next}</li>`;
}

function categorySection(m: ScoreMaturity, c: ScoreCategory, l: Labels): string {
  const source = c.scoredBy ? m.sources.find((s) => s.id === c.scoredBy) : undefined;
  const scored = source ? `<p class="scored-by"${revealAttr(source.source)}>${escapeHtml(l.scoredBy)} ${sourceLine(m, source, l)}</p>` : '';
  return `<section class="round category" id="category-${escapeHtml(c.id)}" data-category="${escapeHtml(c.id)}">
<header class="round-head"><div><h2>${escapeHtml(l.category)} ${escapeHtml(c.id)} ${escapeHtml(c.title)}</h2><p class="note">${escapeHtml(l.weight)} ${c.weight}\u00a0% · ${escapeHtml(l.weighted)} ${fmtWeighted(c.weighted, m.decimals)}</p></div><div class="level" aria-label="${escapeHtml(`${fmt(c.points, m.decimals)} ${l.pointsUnit}, ${levelName(m, c.level, l)}`)}"><span class="level-value cat-points">${fmt(c.points, m.decimals)}</span>${levelBadge(m, c.level, l, c.points === undefined)}</div></header>${c.unknownReason ? `
<p class="reasons unknown-reason">${escapeHtml(c.unknownReason)}</p>` : ''}
${scored}<ul class="items">${c.items.map((i) => itemLine(m, i, c.scoredBy, l)).join('\n')}</ul>
</section>`;
}

/**
 * The view's stylesheet. Colours come from VS Code's theme variables (light, dark, high
 * contrast) with fallbacks for a plain browser and for print.
 */
export const SCORE_CSS = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family, "Sarabun", "Noto Sans Thai", system-ui, sans-serif); font-size: var(--vscode-font-size, 15px); color: var(--vscode-foreground, #1f2328); background: var(--vscode-editor-background, #ffffff); line-height: 1.55; margin: 0; padding: 16px 20px 40px; max-width: 980px; }
h1 { font-size: 1.45em; margin: 0.1em 0; } h2 { font-size: 1.2em; margin: 0; } h3 { font-size: 1em; margin: 1.1em 0 0.4em; color: var(--vscode-descriptionForeground, #57606a); }
.framework, .meta { margin: 0; color: var(--vscode-descriptionForeground, #57606a); }
.overall { margin: 14px 0; padding: 10px 14px; border: 1px solid var(--vscode-panel-border, #d0d7de); border-radius: 6px; }
.overall-score { font-size: 2em; font-weight: 700; margin: 0 0.3em; }
.descriptor { font-size: 1.2em; font-weight: 600; }
.round { margin: 18px 0; padding: 12px 14px; border: 1px solid var(--vscode-panel-border, #d0d7de); border-radius: 6px; }
.round-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
.level { text-align: center; min-width: 4.5em; }
.level-label { display: block; font-size: 0.85em; color: var(--vscode-descriptionForeground, #57606a); }
.level-value { display: block; font-size: 2.6em; font-weight: 800; line-height: 1; color: var(--vscode-textLink-foreground, #0969da); }
ul { padding-left: 1.2em; } ul.conditions, ul.points { list-style: none; padding-left: 0; }
ul.conditions > li { padding-left: 1.2em; text-indent: -1.2em; } ul.conditions .mark { text-indent: 0; } /* a wrapped condition stays clear of the ✓/✗ column */
.mark { display: inline-block; width: 1.2em; font-weight: 700; }
.pass .mark { color: var(--vscode-testing-iconPassed, #1a7f37); }
.fail .mark { color: var(--vscode-testing-iconFailed, #cf222e); }
.point { margin: 6px 0; } .ptext { color: var(--vscode-descriptionForeground, #57606a); margin-left: 1.2em; font-size: 0.95em; }
.reasons { margin: 2px 0 0 1.2em; color: var(--vscode-errorForeground, #cf222e); }
.gaps { margin-top: 10px; padding: 8px 12px; border-left: 4px solid var(--vscode-editorWarning-foreground, #bf8700); background: var(--vscode-textBlockQuote-background, #f6f8fa); }
.gaps h4 { margin: 0 0 4px; } .top { color: var(--vscode-testing-iconPassed, #1a7f37); font-weight: 600; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, #d0d7de); vertical-align: top; }
td { overflow-wrap: anywhere; } h1, .meta, .problem { overflow-wrap: anywhere; } /* a long file or sheet name wraps instead of widening the page */
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; } td.num .note { white-space: normal; }
tr.reached { background: var(--vscode-editor-selectionBackground, #ddf4ff); color: var(--vscode-editor-selectionForeground, inherit); font-weight: 600; } /* high contrast selects in white: its foreground is set */
.badge { display: inline-block; font-size: 0.8em; padding: 0 6px; border-radius: 8px; background: var(--vscode-badge-background, #0969da); color: var(--vscode-badge-foreground, #fff); }
.note, .src { color: var(--vscode-descriptionForeground, #57606a); font-size: 0.9em; }
.problems ul { list-style: none; padding-left: 0; } .problem { margin: 3px 0; }
.problem .sev { font-weight: 600; } .problem.error .sev { color: var(--vscode-errorForeground, #cf222e); } .problem.warning .sev { color: var(--vscode-editorWarning-foreground, #9a6700); }
[data-reveal-line] { cursor: pointer; } [data-reveal-line]:hover, [data-reveal-line]:focus { outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: 1px; }
code { font-family: var(--vscode-editor-font-family, monospace); font-size: 0.9em; }
details.criteria summary { cursor: pointer; margin-top: 10px; }
/* Maturity frameworks: the total, a bar per category, the sub-items. */
.total-line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.4em; }
.total-score { font-size: 2.2em; font-weight: 800; line-height: 1.1; color: var(--vscode-textLink-foreground, #0969da); font-variant-numeric: tabular-nums; }
.total-max { font-size: 1.2em; color: var(--vscode-descriptionForeground, #57606a); }
.level-badge { display: inline-block; padding: 0 0.5em; border-radius: 0.8em; font-weight: 600; font-size: 0.9em; white-space: nowrap; border: 1px solid var(--vscode-textLink-foreground, #0969da); color: var(--vscode-textLink-foreground, #0969da); }
.level-badge.below { border-color: var(--vscode-errorForeground, #cf222e); color: var(--vscode-errorForeground, #cf222e); }
.bar { position: relative; display: block; height: 0.7em; min-width: 6em; border: 1px solid var(--vscode-panel-border, #d0d7de); border-radius: 3px; background: var(--vscode-textBlockQuote-background, #f6f8fa); overflow: hidden; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar.big { height: 1em; margin: 8px 0 2px; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--vscode-textLink-foreground, #0969da); }
.bar .tick { position: absolute; top: 0; bottom: 0; width: 2px; margin-left: -1px; background: var(--vscode-foreground, #1f2328); opacity: 0.55; }
.legend, .to-next { margin: 2px 0 0; color: var(--vscode-descriptionForeground, #57606a); font-size: 0.9em; }
.to-next { color: inherit; font-weight: 600; }
.categories { margin: 18px 0; }
/* One grid for every category, so that the bars line up and compare at a glance. */
ol.category-bars { list-style: none; padding-left: 0; margin: 8px 0; display: grid; grid-template-columns: minmax(6em, 1fr) auto auto auto; gap: 2px 10px; align-items: center; }
.category-bar, .cb-row { display: contents; }
.cb-head { grid-column: 1 / -1; display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 12px; margin-top: 8px; }
.cb-row .level-badge { justify-self: start; }
@media (max-width: 520px) { ol.category-bars { grid-template-columns: 1fr auto auto; } .cb-weighted { display: none; } }
.cb-title { font-weight: 600; color: inherit; text-decoration: none; } .cb-title:hover, .cb-title:focus { text-decoration: underline; }
.cb-weight, .cb-weighted { color: var(--vscode-descriptionForeground, #57606a); font-size: 0.9em; white-space: nowrap; }
.cb-points { font-variant-numeric: tabular-nums; white-space: nowrap; }
.category .level { display: flex; flex-direction: column; align-items: center; gap: 4px; }
.category .level-value { font-size: 1.9em; font-variant-numeric: tabular-nums; }
.category .round-head .note { margin: 2px 0 0; }
.scored-by { margin: 8px 0 0; }
ul.items { list-style: none; padding-left: 0; margin: 10px 0 0; }
.item { margin: 0 0 8px; padding-left: 1.2em; text-indent: -1.2em; overflow-wrap: anywhere; } .item > * { text-indent: 0; }
.item-id { font-variant-numeric: tabular-nums; }
.item-score { color: var(--vscode-descriptionForeground, #57606a); } .item-points { font-weight: 700; color: var(--vscode-foreground, #1f2328); font-variant-numeric: tabular-nums; }
.item .reasons { margin: 2px 0 0; padding-left: 1.2em; }
.indicator { font-size: 0.95em; } .indicator .ok, .indicator .bad { font-weight: 600; white-space: nowrap; } .indicator .ok { color: var(--vscode-testing-iconPassed, #1a7f37); } .indicator .bad { color: var(--vscode-errorForeground, #cf222e); }
.next { font-size: 0.92em; color: var(--vscode-descriptionForeground, #57606a); } .next-label { font-weight: 600; }
.sources ul { list-style: none; padding-left: 0; } .source-result { margin: 4px 0; overflow-wrap: anywhere; }
.rule { font-size: 0.92em; color: var(--vscode-descriptionForeground, #57606a); }
${Array.from({ length: 101 }, (_, i) => `.fill[data-w="${i}"]{width:${i}%}.tick[data-x="${i}"]{left:${i}%}`).join('')}
@media print { body { max-width: none; color: #000; background: #fff; } .round, .overall, .category-bar, .item { break-inside: avoid; } details.criteria { display: block; } details.criteria > summary { display: none; } [data-reveal-line] { cursor: auto; outline: none; } }
`;

/** A standalone HTML report (no scripts), for export and the CLI's `report` command. */
export function renderStandaloneReport(p: ScorePayload): string {
  const l = LABELS[p.language];
  const title = `${l.reportTitle} — ${p.office?.name ?? ''} ${p.fiscalYear ?? ''}`.trim();
  // Printing shows the criteria too: open every <details>.
  const body = renderScoreBody(p).replace(/<details class="criteria">/g, '<details class="criteria" open>');
  return `<!DOCTYPE html>
<html lang="${p.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${SCORE_CSS}</style>
</head>
<body>
${body}
<footer class="note">${escapeHtml(l.generated)}</footer>
</body>
</html>
`;
}
