/**
 * The score view, rendered from a {@link ScorePayload} to an HTML string. Shared by the
 * preview webview (which re-renders it on every update) and the exported report (the CLI's
 * `report` command and the panel's export). Pure: no DOM, no Node. Every string that comes
 * from a manifest or a workbook is escaped here, in one place.
 */
import type { MessageLanguage, ScorePayload, ScoreRound, SourceRef } from './protocol';

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

/** The body of the score view (no `<html>`): header, overall, rounds, problems. */
export function renderScoreBody(p: ScorePayload): string {
  const l = LABELS[p.language];
  const office = [p.office?.name, p.office?.code ? `(${p.office.code})` : ''].filter(Boolean).join(' ');
  const reporter = p.reporter ? [p.reporter.name, p.reporter.position, p.reporter.phone, p.reporter.email].filter(Boolean).join(' · ') : '';
  const head = `<header class="doc-head">
<p class="framework">${escapeHtml(p.framework?.title ?? '')}</p>
<h1 class="office">${escapeHtml(office || '—')}</h1>
<p class="meta">${p.fiscalYear !== undefined ? `${escapeHtml(l.fiscalYear)} ${p.fiscalYear}` : ''}${reporter ? ` · ${escapeHtml(l.reporter)}: ${escapeHtml(reporter)}` : ''}</p>
</header>`;
  const overall = p.overall
    ? `<section class="overall"><span class="overall-label">${escapeHtml(l.overall)}</span> <span class="overall-score">${p.overall.score.toFixed(2)}</span> <span class="descriptor">${escapeHtml(p.overall.descriptor ?? '')}</span></section>`
    : `<section class="overall none"><p>${escapeHtml(l.noScore)}</p></section>`;
  const items = p.problems.items
    .map((x) => `<li class="problem ${x.severity}"${revealAttr(x.source)}><span class="sev">${escapeHtml(x.severity === 'error' ? l.errors : x.severity === 'warning' ? l.warnings : l.information)}</span> <code>${escapeHtml(x.code)}</code> ${escapeHtml(x.message)} <span class="src">${escapeHtml(sourceLabel(x.source, l))}</span></li>`)
    .join('');
  const problems = `<section class="problems"><h2>${escapeHtml(l.problems)}</h2><p class="counts"><span class="count errors">${p.problems.errors} ${escapeHtml(l.errors)}</span> · <span class="count warnings">${p.problems.warnings} ${escapeHtml(l.warnings)}</span> · <span class="count information">${p.problems.information} ${escapeHtml(l.information)}</span></p>${items ? `<ul>${items}</ul>` : `<p>${escapeHtml(l.noProblems)}</p>`}</section>`;
  return `${head}\n${overall}\n${p.rounds.map((r) => roundSection(r, l)).join('\n')}\n${problems}`;
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
@media print { body { max-width: none; color: #000; background: #fff; } .round, .overall { break-inside: avoid; } details.criteria { display: block; } details.criteria > summary { display: none; } [data-reveal-line] { cursor: auto; outline: none; } }
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
