import * as path from 'node:path';
import type { Finding, FindingLocation, ManifestCheckResult, RoundScore, TableResult } from '../engine/index';
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
    if (!m.score) continue;
    lines.push('');
    const head = lang === 'th' ? 'ผลการประเมิน' : 'Score';
    lines.push(c('1', `${head} ${rel(m.path, cwd)}${m.framework ? ` (${m.framework.id} ${m.framework.edition})` : ''}`));
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
  const scores = run.manifests
    .filter((m) => m.score)
    .map((m) => ({
      manifest: rel(m.path, cwd),
      framework: m.framework?.id,
      edition: m.framework?.edition,
      office: m.summary.officeName,
      fiscalYear: m.summary.fiscalYear,
      rounds: m.score!.rounds.map((r) => ({
        round: r.round,
        level: r.level,
        points: r.points.map((p) => ({ point: p.point, clear: p.clear, reasons: p.reasons.map((x) => x[lang]) })),
        figures: Object.fromEntries(r.figures.map((f) => [f.id, { value: f.value ?? null, source: f.source }])),
        conditions: (r.levels.find((l) => l.level === r.level)?.conditions ?? []).map((c) => ({ kind: c.condition.kind, holds: c.holds, description: c.description[lang] })),
        ...(r.next ? { next: { level: r.next.level, gaps: r.next.gaps.map((g) => g.message[lang]) } } : {}),
      })),
      overall: m.score!.overall ? { score: m.score!.overall.score, descriptor: m.score!.overall.descriptor?.[lang] ?? null, descriptors: m.score!.overall.descriptor ?? null } : null,
    }));
  const n = countBySeverity(allFindings(run));
  return `${JSON.stringify({ version: 1, lang, files: [...byFile.values()], tables: uniqueTables, scores, summary: n }, null, 2)}\n`;
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
