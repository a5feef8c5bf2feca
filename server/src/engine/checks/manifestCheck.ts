import * as path from 'node:path';
import { finding, type Finding, type FindingLocation, type MessageArgs, type Range } from '../diagnostics';
import { dayNumber, fiscalYearSpan, formatBE, parseEvidenceDate, type ParsedDate } from '../dates';
import type { EngineHost } from '../host';
import { ManifestSchema, MaturityManifestSchema, manifestKeysAt, maturityManifestKeysAt } from '../manifest/model';
import type { MaturityScore } from '../maturity';
import { checkMaturityManifest } from './maturityCheck';
import type { MessageCode } from '../messages';
import type { PackRegistry } from '../packs/loader';
import { isMaturityPack, type EvidenceRequirement, type LocalizedText, type MaturityPack, type Pack, type Round, type TableLayout } from '../packs/model';
import type { RawWorkbook } from '../workbook/model';
import { overallScore, scoreRound, type FigureValue, type OverallScore, type PointStatus, type RoundScore } from '../scoring';
import { extractTable, isHttpUrl, percentHalfUp, type TableResult } from '../tables/extract';
import { classifySchoolCode, hasThaiDigits, listOf, parseDecimal, parseWholeNumber } from '../text';
import { parseYaml, type ParsedYaml, type PathSegment } from '../yamlDocument';
import { zodIssuesToFindings } from '../zodFindings';
import { checkEvidenceFile, extensionOf } from './evidenceFiles';

/** Everything the engine says about one manifest. */
export interface ManifestCheckResult {
  readonly path: string;
  readonly findings: readonly Finding[];
  /** Tables the manifest links that were read (one per distinct file). */
  readonly tables: readonly TableResult[];
  /** The framework edition used, when the manifest names a known one. */
  readonly framework?: { readonly id: string; readonly edition: string };
  readonly summary: ManifestSummary;
  /** Scores of the rounds present; absent when the manifest could not be read. */
  readonly score?: { readonly rounds: readonly RoundScore[]; readonly overall?: OverallScore };
  /** The parsed text, with positions (for editor features; not serialised). */
  readonly document?: ParsedYaml;
  /** The pack edition used, for a rounds framework (for editor features; not serialised). */
  readonly pack?: Pack;
  /** The pack edition used, for a maturity framework (for editor features; not serialised). */
  readonly maturityPack?: MaturityPack;
  /** The score of a maturity framework (PMQA): categories, sub-items, sources, total. */
  readonly maturity?: MaturityScore;
}

export interface ManifestSummary {
  readonly officeName?: string;
  readonly officeCode?: string;
  readonly fiscalYear?: number;
  readonly reporter?: { readonly name?: string; readonly position?: string; readonly phone?: string; readonly email?: string };
}

/** How the evidence of one requirement of one point fared. */
interface RequirementTally {
  /** Entries without errors. */
  usable: number;
  /** For school-usage: distinct schools with usable evidence (and listed in the schools table). */
  readonly schools: Set<string>;
  /** At least one entry of this kind was given. */
  attempted: boolean;
  firstError?: LocalizedText;
}

export interface CheckContext {
  readonly host: EngineHost;
  readonly packs: PackRegistry;
  /** Evidence must lie inside this folder (real paths compared); undefined: not checked. */
  readonly workspaceRoot?: string;
  /**
   * Tables already extracted from a parsed workbook, by layout: the host's workbook cache
   * returns the same object while the file is unchanged, so a warm re-check skips this work.
   */
  readonly extracted?: WeakMap<RawWorkbook, Map<TableLayout, TableResult>>;
}

const YAML_CODES: Record<string, MessageCode> = {
  syntax: 'manifest.yaml.syntax',
  'tab-indent': 'manifest.yaml.tab-indent',
  'duplicate-key': 'manifest.yaml.duplicate-key',
  'alias-bomb': 'manifest.yaml.alias-bomb',
  'too-deep': 'manifest.yaml.too-deep',
  'too-large': 'manifest.yaml.too-large',
  'invisible-key': 'manifest.key.invisible-characters',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

const PASSWORD_KEY = /^(password|passwd|pwd|pass|รหัสผ่าน)$/i;
// "password: Snk1@2567" or "รหัสผ่าน = abc123": a keyword, a separator, then a token that
// is not an on-request phrase ("รหัสผ่านแจ้งเมื่อร้องขอ" has no separator and is fine).
const PASSWORD_TEXT = /(password|passwd|pwd|รหัสผ่าน)\s*(?:[:=：]|คือ)\s*(?!แจ้ง|ขอ|on request|given|available|ติดต่อ)[^\s,;]{3,}/i;
const ON_REQUEST = /(แจ้ง|ร้องขอ|on request|given|ติดต่อ|contact)/i;

/**
 * Checks a manifest end to end: YAML, shape, the framework's rounds, points and evidence,
 * evidence files and links, linked workbooks (read through the host), declared figures
 * against the workbooks, dates, passwords; then scores the rounds. Never throws for bad
 * input: everything wrong becomes a finding, and checks that can still run do.
 */
export async function checkManifest(ctx: CheckContext, manifestPath: string, text: string): Promise<ManifestCheckResult> {
  const findings: Finding[] = [];
  const doc = parseYaml(text);
  const loc = (p: readonly PathSegment[], key = false): FindingLocation => ({ kind: 'text', path: manifestPath, range: key ? doc.keyRangeOf(p) : doc.rangeOf(p) });
  const add = (code: MessageCode, p: readonly PathSegment[], args: MessageArgs = {}, extra: Parameters<typeof finding>[3] = {}, key = false): Finding => {
    const f = finding(code, loc(p, key), args, extra);
    findings.push(f);
    return f;
  };

  for (const p of doc.problems) {
    findings.push(finding(YAML_CODES[p.kind]!, { kind: 'text', path: manifestPath, range: p.range }, { detail: p.detail, key: p.key ?? '', chars: p.detail, depth: p.detail, max: 64, size: p.detail, ...(p.kind === 'too-large' ? { max: 2 * 1024 * 1024 } : {}) }));
  }
  const root = doc.value;
  if (root === undefined && doc.problems.length > 0) return { path: manifestPath, findings, tables: [], summary: {}, document: doc };
  if (!isObj(root)) {
    // An empty file, a comment-only file or a lone scalar: nothing to check, and that is an error.
    add('manifest.yaml.not-mapping', []);
    return { path: manifestPath, findings, tables: [], summary: {}, document: doc };
  }

  // The shape depends on the framework's model (rounds or maturity): checked once it is known.
  const checkShape = (maturity: boolean): void => {
    const shape = (maturity ? MaturityManifestSchema : ManifestSchema).safeParse(root);
    if (shape.success) return;
    findings.push(
      ...zodIssuesToFindings(shape.error.issues, doc, manifestPath, { unknownKey: 'manifest.schema.unknown-key', missingKey: 'manifest.schema.missing-key', wrongType: 'manifest.schema.wrong-type', invalid: 'manifest.schema.invalid-value' }, maturity ? maturityManifestKeysAt : manifestKeysAt),
    );
  };

  // --- office, reporter, fiscal year ---------------------------------------------------------
  const office = isObj(root['office']) ? root['office'] : {};
  const reporter = isObj(root['reporter']) ? root['reporter'] : {};
  let fiscalYear: number | undefined;
  const fyRaw = root['fiscalYear'];
  if (fyRaw !== undefined) {
    const fy = parseWholeNumber(fyRaw);
    if (typeof fyRaw === 'string' && hasThaiDigits(fyRaw) && fy !== undefined) add('manifest.thai-digits', ['fiscalYear'], { value: fyRaw, normalised: fy }, { data: { normalised: String(fy) } });
    if (fy === undefined) {
      // The shape check already reported a wrong type for non-numbers.
    } else if (fy >= 1900 && fy < 2200) {
      add('manifest.fiscal-year.common-era', ['fiscalYear'], { year: fy, suggestion: fy + 543 }, { data: { suggestion: fy + 543 } });
      fiscalYear = fy + 543;
    } else if (fy < 2500 || fy > 2700) {
      add('manifest.fiscal-year.implausible', ['fiscalYear'], { year: fy });
    } else fiscalYear = fy;
  }
  const email = str(reporter['email']);
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    add('manifest.schema.invalid-value', ['reporter', 'email'], { path: 'reporter.email', detail: 'not an e-mail address / ไม่ใช่ที่อยู่อีเมล' });
  }
  const phone = str(reporter['phone']);
  if (phone !== undefined && !/^[+()\d\s\u0E50-\u0E59-]{6,}(\s*(ต่อ|ext\.?)\s*[\d\u0E50-\u0E59]+)?$/i.test(phone)) {
    add('manifest.schema.invalid-value', ['reporter', 'phone'], { path: 'reporter.phone', detail: 'not a phone number / ไม่ใช่หมายเลขโทรศัพท์' });
  }
  const summary: ManifestSummary = {
    ...(str(office['name']) ? { officeName: str(office['name']) } : {}),
    ...(str(office['code']) ? { officeCode: str(office['code']) } : {}),
    ...(fiscalYear !== undefined ? { fiscalYear } : {}),
    reporter: { name: str(reporter['name']), position: str(reporter['position']), phone, email },
  };

  // Passwords anywhere in a shared manifest.
  const shared = root['sharing'] !== 'private';
  scanPasswords(root, [], doc, (p) => add('manifest.password.plain-text', p, {}, { severity: shared ? 'warning' : 'information', data: { path: p } }));

  // --- the framework ---------------------------------------------------------------------------
  const frameworkId = str(root['framework']);
  const resolved = frameworkId !== undefined ? ctx.packs.resolve(frameworkId, fiscalYear) : undefined;
  // An unknown framework: the shape of the manifest the keys suggest.
  checkShape(resolved ? isMaturityPack(resolved.pack) : !('rounds' in root) && 'items' in root);
  if (frameworkId === undefined) return { path: manifestPath, findings, tables: [], summary, document: doc };
  if (!resolved) {
    add('manifest.framework.unknown', ['framework'], { framework: frameworkId, known: listOf(ctx.packs.frameworks()) });
    return { path: manifestPath, findings, tables: [], summary, document: doc };
  }
  const anyPack = resolved.pack;
  if (!resolved.exact) add('manifest.framework.no-edition', ['fiscalYear'], { framework: frameworkId, year: fiscalYear ?? '?', edition: anyPack.edition });
  const manifestDir = path.dirname(manifestPath);
  // The workspace root's real path, resolved once for all the evidence files of this check.
  let realRootPromise: Promise<string | undefined> | undefined;
  const realRoot = (): Promise<string | undefined> | undefined => (ctx.workspaceRoot ? (realRootPromise ??= ctx.host.realpath(ctx.workspaceRoot)) : undefined);
  const dateEras: { era: 'BE' | 'CE'; p: PathSegment[]; raw: string; date: ParsedDate }[] = [];
  /** Checks a date's form and era; with `within`, that it lies in the fiscal year and the first `within.months` of it. */
  const checkDateIn = (raw: unknown, p: PathSegment[], within?: { months: number; title: LocalizedText }): void => {
    const s = str(raw);
    if (s === undefined) return;
    const d = parseEvidenceDate(s);
    if (!d) {
      // Well formed but not a real day (2566-02-29: 2023 is not a leap year), or not a date at all.
      const shaped = /^\s*[\d\u0E50-\u0E59]{4}-[\d\u0E50-\u0E59]{1,2}-[\d\u0E50-\u0E59]{1,2}\s*$|^\s*[\d\u0E50-\u0E59]{1,2}\/[\d\u0E50-\u0E59]{1,2}\/[\d\u0E50-\u0E59]{4}\s*$/.test(s);
      add(shaped ? 'evidence.date.no-such-day' : 'evidence.date.invalid', p, { date: s });
      return;
    }
    dateEras.push({ era: d.writtenEra, p, raw: s, date: d });
    if (within && fiscalYear !== undefined) {
      const span = fiscalYearSpan(fiscalYear);
      const roundSpan = fiscalYearSpan(fiscalYear, within.months);
      const n = dayNumber(d);
      if (n < dayNumber(span.from) || n > dayNumber(span.to)) {
        add('evidence.date.outside-fiscal-year', p, { date: s, year: fiscalYear, from: formatBE(span.from), to: formatBE(span.to) });
      } else if (n > dayNumber(roundSpan.to)) {
        add('evidence.date.outside-round', p, { date: s, round: within.title, to: formatBE(roundSpan.to) });
      }
    }
  };
  // Dates: offices write the Buddhist Era; a Common-Era date among BE ones is a likely slip.
  const checkEras = (): void => {
    const beCount = dateEras.filter((d) => d.era === 'BE').length;
    if (beCount > 0) {
      for (const d of dateEras) if (d.era === 'CE') add('evidence.date.era-mixed', d.p, { date: d.raw, converted: formatBE(d.date) }, { data: { converted: formatBE(d.date) } });
    }
  };

  if (isMaturityPack(anyPack)) {
    const maturity = await checkMaturityManifest({
      pack: anyPack,
      root,
      doc,
      manifestPath,
      findings,
      add: (code, p, args = {}, extra = {}, key = false) => add(code, p, args, extra, key),
      checkEntry: (req, entry, ep) => checkEntry(req, entry, ep),
      checkDate: (raw, p) => checkDateIn(raw, p, { months: 12, title: anyPack.title }),
    });
    checkEras();
    return { path: manifestPath, findings, tables: [], framework: { id: anyPack.id, edition: anyPack.edition }, summary, document: doc, maturityPack: anyPack, maturity };
  }
  const pack: Pack = anyPack;

  const rounds = isObj(root['rounds']) ? root['rounds'] : {};
  const knownRounds = pack.rounds.map((r) => r.id);
  for (const id of Object.keys(rounds)) {
    if (!knownRounds.includes(id)) add('manifest.round.unknown', ['rounds', id], { round: id, known: listOf(knownRounds) }, {}, true);
  }
  const present = pack.rounds.filter((r) => isObj(rounds[r.id]));
  if (present.length === 0 && isObj(root['rounds'])) add('manifest.round.none', ['rounds'], { known: listOf(knownRounds) }, {}, true);

  const tableCache = new Map<string, Promise<TableResult | undefined>>();
  const tablesByFile: TableResult[] = [];
  const tableForId = new Map<string, { result?: TableResult; entryPath: PathSegment[] }>();

  const readTable = (abs: string, tableId: string, entryPath: PathSegment[]): Promise<TableResult | undefined> => {
    const key = `${abs}\u0000${tableId}`;
    let pending = tableCache.get(key);
    if (!pending) {
      pending = (async () => {
        const layout = pack.tables.find((t) => t.id === tableId);
        if (!layout) return undefined;
        const anchor = { path: manifestPath, range: doc.rangeOf([...entryPath, 'file']) };
        const wb = await ctx.host.readWorkbook(abs);
        if (!wb.ok) {
          findings.push(finding(wb.code, { kind: 'cell', path: abs }, { file: path.basename(abs), detail: wb.detail ?? '' }, { anchor }));
          return undefined;
        }
        let byLayout = ctx.extracted?.get(wb);
        let result = byLayout?.get(layout);
        if (!result) {
          result = extractTable(wb, layout, pack, abs);
          if (ctx.extracted) {
            if (!byLayout) ctx.extracted.set(wb, (byLayout = new Map()));
            byLayout.set(layout, result);
          }
        }
        findings.push(...result.findings.map((f) => ({ ...f, anchor })));
        tablesByFile.push(result);
        return result;
      })();
      tableCache.set(key, pending);
    }
    return pending;
  };

  const roundScores: RoundScore[] = [];
  for (const round of present) {
    const roundObj = rounds[round.id] as Obj;
    const rp: PathSegment[] = ['rounds', round.id];
    const pointsObj = isObj(roundObj['points']) ? roundObj['points'] : {};
    const knownPoints = round.points.map((p) => p.id);
    for (const id of Object.keys(pointsObj)) {
      if (!knownPoints.includes(id)) add('manifest.point.unknown', [...rp, 'points', id], { round: round.title, point: id, known: listOf(knownPoints) }, {}, true);
    }
    const checkDate = (raw: unknown, p: PathSegment[], rangeCheck = true): void => checkDateIn(raw, p, rangeCheck ? { months: round.months, title: round.title } : undefined);
    // A round is submitted after it ends: only the date's form and era are checked.
    checkDate(roundObj['submitted'], [...rp, 'submitted'], false);

    // First every entry of every point is checked; then the schools named by usage
    // evidence are looked up in the schools table; then each point's clarity is decided.
    const tally = new Map<string, Map<string, RequirementTally>>();
    const schoolUsage: { code: string; p: PathSegment[]; req: EvidenceRequirement; point: string }[] = [];
    for (const point of round.points) {
      const pp: PathSegment[] = [...rp, 'points', point.id];
      const pointObj = isObj(pointsObj[point.id]) ? (pointsObj[point.id] as Obj) : undefined;
      const entries = pointObj && Array.isArray(pointObj['evidence']) ? (pointObj['evidence'] as unknown[]) : [];
      const perReq = new Map<string, RequirementTally>(point.evidence.map((r) => [r.id, { usable: 0, schools: new Set<string>(), attempted: false }]));
      tally.set(point.id, perReq);
      const kinds = point.evidence.map((e) => e.id);
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        const ep: PathSegment[] = [...pp, 'evidence', i];
        if (!isObj(entry)) continue; // shape already reported
        const kind = str(entry['kind']);
        if (kind === undefined) continue;
        const req = point.evidence.find((e) => e.id === kind);
        if (!req) {
          add('manifest.evidence.unknown-kind', [...ep, 'kind'], { point: point.id, kind, known: listOf(kinds) }, { data: { known: kinds } });
          continue;
        }
        const t = perReq.get(req.id)!;
        t.attempted = true;
        const before = findings.length;
        let usable = await checkEntry(req, entry, ep);
        checkDate(entry['date'], [...ep, 'date']);
        // Any error on an entry makes that entry unusable; other entries of the kind still count.
        const firstError = findings.slice(before).find((f) => f.severity === 'error');
        if (firstError) {
          usable = false;
          t.firstError ??= firstError.message;
        }
        if (!usable) continue;
        t.usable++;
        if (req.type === 'school-usage') {
          const code = classifySchoolCode(entry['school']).code;
          t.schools.add(code);
          schoolUsage.push({ code, p: [...ep, 'school'], req, point: point.id });
        }
      }
    }

    // Schools whose usage evidence is attached must be rows of the schools table.
    for (const u of schoolUsage) {
      const tableId = u.req.schoolsTable;
      if (!tableId) continue;
      const t = tableForId.get(tableId)?.result;
      if (t && t.rows.length > 0 && !t.schools.has(u.code)) {
        const f = add('rubric.school-usage.unknown-school', u.p, { school: u.code, table: tableId }, {
          related: [{ location: { kind: 'cell', path: t.path, ...(t.sheet ? { sheet: t.sheet } : {}) }, message: { th: `ตาราง ${tableId}`, en: `table ${tableId}` } }],
        });
        const rt = tally.get(u.point)?.get(u.req.id);
        if (rt) {
          rt.schools.delete(u.code);
          rt.firstError ??= f.message;
        }
      }
    }

    const pointStatus = new Map<string, PointStatus>();
    for (const point of round.points) {
      const pp: PathSegment[] = [...rp, 'points', point.id];
      const present = isObj(pointsObj[point.id]);
      const reasons: LocalizedText[] = [];
      for (const req of point.evidence) {
        if (req.optional) continue;
        const t = tally.get(point.id)!.get(req.id)!;
        const count = req.type === 'school-usage' ? t.schools.size : t.usable;
        if (count >= req.minCount) continue;
        if (req.type === 'school-usage' && t.attempted) {
          const f = add('rubric.school-usage.too-few', pp, { min: req.minCount, found: count }, { data: { requirement: req.id } }, true);
          reasons.push(f.message);
        } else if (t.attempted) {
          // Given, but none usable: its own errors say why.
          reasons.push(t.firstError ?? { th: `${req.title.th} ใช้ไม่ได้`, en: `${req.title.en} is not usable` });
        } else {
          const countText = req.minCount > 1 ? { th: ` (อย่างน้อย ${req.minCount})`, en: ` (at least ${req.minCount})` } : { th: '', en: '' };
          add('rubric.point.missing-evidence', present ? pp : rp, { round: round.title, point: point.id, requirement: req.title, count: countText }, { data: { round: round.id, point: point.id, requirement: req.id } }, true);
          reasons.push({ th: `ขาด ${req.title.th}`, en: `missing ${req.title.en}` });
        }
      }
      const pointEntries = present ? (pointsObj[point.id] as Obj)['evidence'] : undefined;
      const reported = Array.isArray(pointEntries) && pointEntries.length > 0;
      pointStatus.set(point.id, { point: point.id, clear: reasons.length === 0, reported, reasons });
    }

    const figures = resolveFigures(round, roundObj, rp, doc, manifestPath, tableForId, pack, add);
    roundScores.push(scoreRound(round, pointStatus, figures, pack));
  }

  checkEras();

  const tables = [...tablesByFile].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  return {
    path: manifestPath,
    findings,
    tables,
    framework: { id: pack.id, edition: pack.edition },
    summary,
    document: doc,
    pack,
    score: { rounds: roundScores, ...(() => { const o = overallScore(roundScores, pack); return o ? { overall: o } : {}; })() },
  };

  /** Checks one evidence entry against its requirement; true when it counts as evidence. */
  async function checkEntry(req: EvidenceRequirement, entry: Obj, ep: PathSegment[]): Promise<boolean> {
    const file = str(entry['file']);
    const url = str(entry['url']);
    let ok = true;
    const needs = (code: MessageCode): boolean => {
      add(code, ep, { kind: req.id }, { data: { requirement: req.id } });
      return false;
    };
    switch (req.type) {
      case 'file':
      case 'school-usage':
      case 'table':
        if (file === undefined) return needs('manifest.evidence.needs-file');
        break;
      case 'link':
        if (url === undefined) return needs('manifest.evidence.needs-url');
        break;
      case 'file-or-link':
        if (file === undefined && url === undefined) return needs('manifest.evidence.needs-file-or-url');
        break;
    }
    if (req.type === 'school-usage') {
      const school = entry['school'];
      if (school === undefined) ok = needs('manifest.evidence.needs-school');
      else {
        const c = classifySchoolCode(school);
        if (!c.kind) {
          add('rubric.school-code.malformed', [...ep, 'school'], { code: String(school) });
          ok = false;
        } else if (typeof school === 'string' && hasThaiDigits(school)) {
          add('manifest.thai-digits', [...ep, 'school'], { value: school, normalised: c.code }, { data: { normalised: c.code } });
        }
      }
    }
    if (url !== undefined) {
      if (!isHttpUrl(url)) {
        add('evidence.link.malformed', [...ep, 'url'], { url, detail: linkProblem(url) });
        ok = false;
      } else if (req.mayNeedLogin && entry['login'] === undefined) {
        add('evidence.link.login-undocumented', [...ep, 'url'], {}, { data: { requirement: req.id } });
      }
    }
    if (file !== undefined) {
      const abs = path.resolve(manifestDir, file);
      if (req.type === 'table') {
        const ext = extensionOf(abs);
        const st = await ctx.host.stat(abs);
        if (!st) {
          add('workbook.not-found', [...ep, 'file'], { file });
          if (req.table && !tableForId.has(req.table)) tableForId.set(req.table, { entryPath: ep });
          return false;
        }
        const fileCheck = await checkEvidenceFile(ctx.host, abs, file, ctx.workspaceRoot, undefined, realRoot());
        for (const pr of fileCheck.problems) if (pr.code !== 'evidence.file.content-mismatch') add(pr.code, [...ep, 'file'], pr.args);
        if (!fileCheck.usable) return false;
        if (ext !== 'xlsx' && ext !== 'xlsm') {
          add('workbook.wrong-extension', [...ep, 'file'], { table: req.table ?? '', ext: ext || '?' });
          return false;
        }
        const tableId = req.table!;
        const existing = tableForId.get(tableId);
        const result = await readTable(abs, tableId, ep);
        if (existing && existing.result && result && existing.result.path !== result.path) {
          add('manifest.table.conflict', [...ep, 'file'], { table: tableId, other: path.basename(existing.result.path) });
        } else if (!existing) tableForId.set(tableId, { ...(result ? { result } : {}), entryPath: ep });
        if (!result) return false;
        return !result.findings.some((f) => f.severity === 'error');
      }
      const fileCheck = await checkEvidenceFile(ctx.host, abs, file, ctx.workspaceRoot, req.fileTypes, realRoot());
      for (const pr of fileCheck.problems) add(pr.code, [...ep, 'file'], pr.args);
      if (!fileCheck.usable) ok = false;
    }
    return ok;
  }
}

function linkProblem(url: string): string {
  try {
    const u = new URL(url.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `protocol ${u.protocol} (http/https)`;
    return 'no host / ไม่มีชื่อโดเมน';
  } catch {
    return /\s/.test(url.trim()) ? 'contains spaces / มีช่องว่าง' : 'not an absolute http(s) URL / ไม่ใช่ลิงก์ http(s) แบบเต็ม';
  }
}

function scanPasswords(v: unknown, p: PathSegment[], doc: ParsedYaml, report: (p: PathSegment[]) => void): void {
  if (Array.isArray(v)) v.forEach((item, i) => scanPasswords(item, [...p, i], doc, report));
  else if (isObj(v)) {
    for (const [k, val] of Object.entries(v)) {
      const here = [...p, k];
      if (PASSWORD_KEY.test(k) && val !== null && val !== undefined && String(val).trim() !== '' && !ON_REQUEST.test(String(val))) report(here);
      else scanPasswords(val, here, doc, report);
    }
  } else if (typeof v === 'string' && PASSWORD_TEXT.test(v)) report(p);
}

/**
 * The figures of a round: declared values (manifest) cross-checked against the linked
 * tables; the table's value is used for scoring when it is known (it is the evidence),
 * else the declared one. Percents are computed from their two figures.
 */
function resolveFigures(
  round: Round,
  roundObj: Obj,
  rp: PathSegment[],
  doc: ParsedYaml,
  manifestPath: string,
  tables: Map<string, { result?: TableResult; entryPath: PathSegment[] }>,
  pack: Pack,
  add: (code: MessageCode, p: readonly PathSegment[], args?: MessageArgs, extra?: Parameters<typeof finding>[3], key?: boolean) => Finding,
): Map<string, FigureValue> {
  const declaredObj = isObj(roundObj['figures']) ? roundObj['figures'] : undefined;
  const fp: PathSegment[] = [...rp, 'figures'];
  const out = new Map<string, FigureValue>();
  const known = round.figures.map((f) => f.id);
  if (declaredObj) {
    for (const id of Object.keys(declaredObj)) if (!known.includes(id)) add('rubric.figure.unknown', [...fp, id], { id, round: round.title, known: listOf(known) }, {}, true);
  }
  const declared = new Map<string, number>();
  for (const def of round.figures) {
    const raw = declaredObj?.[def.id];
    if (raw === undefined) {
      if (def.declared === 'required') add('rubric.figure.missing', declaredObj ? fp : rp, { round: round.title, figure: def.title, id: def.id }, { data: { figure: def.id } }, true);
      continue;
    }
    if (typeof raw !== 'number' && typeof raw !== 'string') continue; // the shape check reported it
    const v = def.unit === 'percent' ? parseDecimal(raw) : parseWholeNumber(raw);
    if (v === undefined) {
      add('rubric.figure.not-a-number', [...fp, def.id], { figure: def.title, value: String(raw) });
      continue;
    }
    if (typeof raw === 'string' && hasThaiDigits(raw)) add('manifest.thai-digits', [...fp, def.id], { value: raw, normalised: v }, { data: { normalised: String(v) } });
    declared.set(def.id, v);
  }
  // Counts and areas first, then percents built on them.
  for (const def of round.figures.filter((f) => !f.percentOf)) {
    const d = declared.get(def.id);
    const link = def.measuredBy ? tables.get(def.measuredBy.table) : undefined;
    const measure = def.measuredBy && link?.result ? link.result.measures[def.measuredBy.measure] : undefined;
    const tableLoc: FindingLocation | undefined = link?.result ? { kind: 'cell', path: link.result.path, ...(link.result.sheet ? { sheet: link.result.sheet } : {}) } : undefined;
    if (measure?.value !== undefined && !measure.unavailable) {
      if (d !== undefined && d !== measure.value) {
        add('rubric.figure.mismatch', [...fp, def.id], { figure: def.title, declared: d, table: def.measuredBy!.table, measured: measure.value }, {
          data: { figure: def.id, expected: measure.value },
          related: tableLoc ? [{ location: tableLoc, message: { th: `ตาราง ${def.measuredBy!.table} ให้ค่า ${measure.value}`, en: `table ${def.measuredBy!.table} gives ${measure.value}` } }] : [],
        });
      }
      out.set(def.id, { id: def.id, title: def.title, unit: def.unit, value: measure.value, source: 'table', ...(tableLoc ? { location: tableLoc } : {}), ...(measure.termsMissing ? { missingTerms: measure.termsMissing } : {}) });
    } else if (d !== undefined && !link) {
      // No table linked at all: the declared value stands (the point lacks its table anyway).
      // A linked table that cannot give the figure leaves it unknown: nothing backs it.
      out.set(def.id, { id: def.id, title: def.title, unit: def.unit, value: d, source: 'manifest', location: { kind: 'text', path: manifestPath, range: doc.rangeOf([...fp, def.id]) } });
    } else {
      const why: LocalizedText =
        measure?.unavailable === 'not-calculated'
          ? { th: `ตาราง ${def.measuredBy?.table} ยังไม่ได้คำนวณสูตร`, en: `table ${def.measuredBy?.table} has uncalculated formulas` }
          : link
            ? { th: `อ่านตาราง ${def.measuredBy?.table ?? ''} ไม่ได้`, en: `table ${def.measuredBy?.table ?? ''} could not be read` }
            : { th: `ไม่มีตาราง ${def.measuredBy?.table ?? ''} และไม่ได้ระบุตัวเลข`, en: `no table ${def.measuredBy?.table ?? ''} and no declared value` };
      out.set(def.id, { id: def.id, title: def.title, unit: def.unit, source: 'none', unknownReason: why });
    }
  }
  for (const def of round.figures.filter((f) => f.percentOf)) {
    const of = out.get(def.percentOf!.of);
    const over = out.get(def.percentOf!.over);
    const d = declared.get(def.id);
    if (of?.value !== undefined && over?.value !== undefined && over.value > 0 && of.value > over.value) {
      // An impossible pair (more schools with all 4 areas than schools) gives no percent:
      // scoring it as 100 % would reward the mistake.
      add('rubric.figure.inconsistent', [...fp, def.percentOf!.of], { figure: of.title, value: of.value, other: over.title, otherValue: over.value });
      out.set(def.id, { id: def.id, title: def.title, unit: def.unit, source: 'none', unknownReason: { th: `${of.title.th} มากกว่า${over.title.th}`, en: `${of.title.en} exceeds ${over.title.en.toLowerCase()}` } });
    } else if (of?.value !== undefined && over?.value !== undefined && over.value > 0) {
      const pct = percentHalfUp(of.value, over.value, pack.scoring.percentDecimals).value;
      if (d !== undefined && Math.abs(d - pct) >= 0.01 + 1e-9) {
        const source = [of, over].map((x) => (x.location?.kind === 'cell' ? round.figures.find((y) => y.id === x.id)?.measuredBy?.table : undefined)).find(Boolean);
        const tableLoc = [of.location, over.location].find((l) => l?.kind === 'cell');
        add('rubric.figure.mismatch', [...fp, def.id], { figure: def.title, declared: d, table: `${source ?? ''} (${of.value}/${over.value})`.trim(), measured: pct.toFixed(2) }, {
          data: { figure: def.id, expected: pct },
          ...(tableLoc ? { related: [{ location: tableLoc, message: { th: `ตาราง ${source ?? ''} ให้ ${of.value}/${over.value} = ร้อยละ ${pct.toFixed(2)}`, en: `table ${source ?? ''} gives ${of.value}/${over.value} = ${pct.toFixed(2)} %` } }] } : {}),
        });
      }
      // Computed from table counts: it points at that table; from declared counts: at nothing.
      const fromTable = [of, over].find((x) => x.source === 'table' && x.location)?.location;
      out.set(def.id, { id: def.id, title: def.title, unit: def.unit, value: pct, source: 'computed', ratio: { of: of.value, over: over.value }, ...(fromTable ? { location: fromTable } : {}) });
    } else {
      out.set(def.id, { id: def.id, title: def.title, unit: def.unit, source: 'none', ...(of?.unknownReason ?? over?.unknownReason ? { unknownReason: (of?.unknownReason ?? over?.unknownReason)! } : {}) });
    }
  }
  return out;
}

export type { Range };
