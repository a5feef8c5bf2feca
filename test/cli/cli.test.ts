/**
 * The built CLI (`node dist/cli.js`) run as a child process from the repository root on
 * the committed samples: findings per sample manifest (checked against each sample's
 * header comment and DOMAIN.md), levels and overall scores, the JSON and SARIF shapes,
 * exit codes, `--table`, `template` and `schema`.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MESSAGES } from '../../server/src/engine/messages';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  messages: { th: string; en: string };
  line?: number;
  column?: number;
  sheet?: string;
  cell?: string;
  anchor?: { path: string; line: number; column: number };
}
interface JsonReport {
  version: number;
  lang: string;
  files: { path: string; kind: string; diagnostics: JsonDiagnostic[] }[];
  tables: { path: string; table: string; sheet?: string; headerRow?: number; rows: number; figures: Record<string, number | null> }[];
  scores: (RoundsScoreJson | MaturityScoreJson)[];
  summary: { errors: number; warnings: number; information: number };
}
/** A rounds framework's score (X2, ESAO): a level per round, the overall score. */
interface RoundsScoreJson {
  manifest: string;
  model: 'rounds';
  framework?: string;
  rounds: { round: string; level: number; next?: { level: number; gaps: string[] } }[];
  overall: { score: number; descriptor: string | null; descriptors: { th: string; en: string } | null } | null;
}
/** A maturity framework's score (PMQA): points per category and sub-item, the total. */
interface MaturityScoreJson {
  manifest: string;
  model: 'maturity';
  framework?: string;
  categories: { category: string; points: number | null; items: { item: string; points: number | null }[] }[];
  total: number | null;
}

/** The score of a rounds manifest in the report (fails the test when it is not one). */
function roundsScore(report: JsonReport, manifest: string): RoundsScoreJson {
  const s = report.scores.find((x) => x.manifest === manifest);
  assert.ok(s, `a score for ${manifest}`);
  assert.equal(s.model, 'rounds', manifest);
  return s as RoundsScoreJson;
}

/** `code@line` for manifest findings, `code@Sheet!Cell` (or `code@(file)`) for workbook ones. */
function key(d: JsonDiagnostic): string {
  if (d.line !== undefined) return `${d.code}@${d.line}`;
  if (d.sheet) return `${d.code}@${d.sheet}${d.cell ? `!${d.cell}` : ''}`;
  return `${d.code}@(file)`;
}

/** Each manifest's findings: its own, plus those of the workbooks it links (by anchor). */
function findingsByManifest(report: JsonReport): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      const owner = f.kind === 'manifest' ? f.path : d.anchor?.path ?? f.path;
      out.set(owner, [...(out.get(owner) ?? []), key(d)]);
    }
    if (f.kind === 'manifest' && !out.has(f.path)) out.set(f.path, []);
  }
  for (const [k, v] of out) out.set(k, [...v].sort());
  return out;
}

/** A rounds framework's expected score: levels per round (X2's 6m and 12m unless `rounds` says otherwise), the overall. */
interface RoundsExpected {
  readonly findings: string[];
  /** Default obec-x2. */
  readonly framework?: string;
  /** Round ids in pack order; default ['6m', '12m']. */
  readonly rounds?: readonly string[];
  readonly levels: readonly number[];
  readonly score: number;
  readonly descriptor: { th: string; en: string };
}
/** A maturity framework's expected score (PMQA): every category's points, the total, and the sub-items worth naming. */
interface MaturityExpected {
  readonly findings: string[];
  readonly framework: string;
  readonly categories: Readonly<Record<string, number | null>>;
  readonly items?: Readonly<Record<string, number | null>>;
  /** null: not computable (a source's result is not given). */
  readonly total: number | null;
}

/** PMQA category points of the clean sample (samples/README.md): the broken variants differ from them in one or two. */
const PMQA_CLEAN: Readonly<Record<string, number>> = { '1': 425, '2': 375, '3': 400, '4': 300, '5': 375, '6': 400, '7': 433.33 };

/**
 * What each sample must produce. Lines are 1-based. Checked against the header comment of
 * each sample and DOMAIN.md's level tables (6m: clear points + all 4 areas + % of schools;
 * 12m: points 2, 3 (4) + % using the real-time system; overall = mean, bands of seed 003;
 * ESAO: clear points of 6; PMQA: Basic 300 / Advance 400 / Significance 500, a category the
 * mean of its sub-items, the total Σ points × weight / 100, worked out by hand in samples/README.md).
 */
const EXPECTED: Record<string, RoundsExpected | MaturityExpected> = {
  // The clean office: no finding; 104/112 = 92.86 % → 6m level 4; 98/112 = 87.50 % → 12m level 5.
  'samples/srinakhara-1/x2.evidence.yaml': { findings: [], levels: [4, 5], score: 4.5, descriptor: { th: 'ดีเยี่ยม', en: 'Excellent' } },
  // Fiscal year in the Common Era (error), a CE date among BE ones and a date two years
  // early (warnings): no point loses its evidence, so the levels are the clean ones.
  'samples/broken/dates-and-years.evidence.yaml': {
    findings: ['evidence.date.era-mixed@49', 'evidence.date.outside-fiscal-year@65', 'manifest.fiscal-year.common-era@5'],
    levels: [4, 5],
    score: 4.5,
    descriptor: { th: 'ดีเยี่ยม', en: 'Excellent' },
  },
  // Declared 108 (X2.2 gives 104) and 90.00 % (X2.3 gives 98/112 = 87.50 %): scored on the tables.
  'samples/broken/figure-mismatch.evidence.yaml': {
    findings: ['rubric.figure.mismatch@22', 'rubric.figure.mismatch@73'],
    levels: [4, 5],
    score: 4.5,
    descriptor: { th: 'ดีเยี่ยม', en: 'Excellent' },
  },
  // 6m: points 1 (missing file) and 2 (empty file) have no usable evidence; point 4's .zip
  // is an error but its report PDF still counts → 2 clear points at 92.86 % → 3;
  // 12m: point 2's link is malformed → 1; (3 + 1) / 2 = 2.00 พอใช้.
  'samples/broken/files-and-links.evidence.yaml': {
    findings: [
      'evidence.file.content-mismatch@90',
      'evidence.file.empty@47',
      'evidence.file.missing@27',
      'evidence.file.outside-workspace@99',
      'evidence.file.wrong-type@67',
      'evidence.file.wrong-type@99',
      'evidence.link.malformed@85',
    ],
    levels: [3, 1],
    score: 2,
    descriptor: { th: 'พอใช้', en: 'Fair' },
  },
  // 6m point 3 lacks its access link, point 4 is absent → 2 clear points → 3; (3 + 5) / 2 = 4.00 ดีมาก.
  'samples/broken/missing-evidence.evidence.yaml': {
    findings: ['rubric.point.missing-evidence@17', 'rubric.point.missing-evidence@50'],
    levels: [3, 5],
    score: 4,
    descriptor: { th: 'ดีมาก', en: 'Very good' },
  },
  // A password in a shared manifest: a warning; the levels are the clean ones.
  'samples/broken/password.evidence.yaml': {
    findings: ['manifest.password.plain-text@59'],
    levels: [4, 5],
    score: 4.5,
    descriptor: { th: 'ดีเยี่ยม', en: 'Excellent' },
  },
  // X2.2 with a duplicated code, two malformed codes and an empty budget cell (103 schools
  // with all areas, not the declared 104), and usage evidence for a school X2.2 lacks:
  // point 1 not clear → 3 clear points at 103/112 = 91.96 % → 4.
  'samples/broken/school-codes/x2.evidence.yaml': {
    findings: [
      'rubric.figure.mismatch@22',
      'rubric.school-usage.unknown-school@40',
      'table.area.empty@X2.2!E25',
      'table.school-code.duplicate@X2.2!B10',
      'table.school-code.malformed@X2.2!B14',
      'table.school-code.malformed@X2.2!B20',
    ],
    levels: [4, 5],
    score: 4.5,
    descriptor: { th: 'ดีเยี่ยม', en: 'Excellent' },
  },
  // An unknown key, a missing key, a wrong type, an unknown evidence kind (point 2 then
  // lacks its evidence) → 3 clear points → 4.
  'samples/broken/shape.evidence.yaml': {
    findings: [
      'manifest.evidence.unknown-kind@46',
      'manifest.schema.missing-key@11',
      'manifest.schema.unknown-key@10',
      'manifest.schema.wrong-type@21',
      'rubric.point.missing-evidence@44',
    ],
    levels: [4, 5],
    score: 4.5,
    descriptor: { th: 'ดีเยี่ยม', en: 'Excellent' },
  },
  // X2.1 is not a workbook, X2.2 has no X2.2 header, X2.3's formulas were never
  // calculated: the office areas and both percents are unknown (never 0) → 1 and 1.
  'samples/broken/workbooks.evidence.yaml': {
    findings: ['table.formula.not-calculated@X2.3!D4', 'table.header.not-found@Sheet1', 'workbook.not-zip@(file)'],
    levels: [1, 1],
    score: 1,
    descriptor: { th: 'ปรับปรุง', en: 'Needs improvement' },
  },
  // A tab (office.code, read as a root key) and a duplicate key: 12m schoolsTotal is
  // declared 112 on line 72 and 110 on line 73; the value read is 110, so the mismatch
  // with X2.3 (112) belongs on line 73.
  'samples/broken/yaml-syntax.evidence.yaml': {
    findings: ['manifest.schema.unknown-key@10', 'manifest.yaml.duplicate-key@73', 'manifest.yaml.tab-indent@10', 'rubric.figure.mismatch@73'],
    levels: [4, 5],
    score: 4.5,
    descriptor: { th: 'ดีเยี่ยม', en: 'Excellent' },
  },
  // ESAO standard 1: point 5's file is not in the folder → 6 reported, 5 clear → level 4.
  'samples/esao-2557/standard-1.evidence.yaml': {
    findings: ['evidence.file.missing@67'],
    framework: 'esao-2557',
    rounds: ['annual'],
    levels: [4],
    score: 4,
    descriptor: { th: 'ดีมาก', en: 'Very good' },
  },
  // PMQA, the clean office: no finding; KPI 0.7 × 4.2 + 0.3 × 3.5 = 3.9900 → Basic;
  // category 7 = 2600 / 6 = 433.33; total 402.082 → 402.08; the stated totals agree.
  'samples/srinakhara-1/pmqa.evidence.yaml': { findings: [], framework: 'obec-pmqa', categories: PMQA_CLEAN, total: 402.08 },
  // Below Basic, 300 × Basic's requirements met ÷ 5 (form, letter, report, Basic's media,
  // a valid claim): 1.4's letter cites another project and does not count (→ 240), 2.1
  // skips Basic (→ 240), 5.3 lacks its summary report (→ 240), 5.4's level is unknown
  // (→ 240); 3.2 lacks Advance's media (→ Basic 300).
  'samples/broken/pmqa-levels.evidence.yaml': {
    findings: ['pmqa.attachment.missing@150', 'pmqa.level.skipped@61', 'pmqa.level.unknown@159', 'pmqa.level.unsupported@106', 'pmqa.project.mismatch@54'],
    framework: 'obec-pmqa',
    categories: { ...PMQA_CLEAN, '1': 385, '2': 335, '3': 375, '5': 295 },
    items: { '1.4': 240, '2.1': 240, '3.2': 300, '5.3': 240, '5.4': 240 },
    total: 384.13,
  },
  // 1.2 and 4.1 reported by the office (warnings; the sources still score them); no
  // monitoring group → category 6 unknown; KPI 8 = 5.5 is off the 1–5 scale → category 4
  // unknown; so the total is unknown (null), never computed as if they scored 0.
  'samples/broken/pmqa-sources.evidence.yaml': {
    findings: ['pmqa.item.not-reported@138', 'pmqa.item.not-reported@37', 'pmqa.source.invalid@23', 'pmqa.source.missing@24'],
    framework: 'obec-pmqa',
    categories: { ...PMQA_CLEAN, '4': null, '6': null },
    items: { '1.2': 400, '4.1': null, '6.1': null },
    total: null,
  },
  // 7.2, 7.3, 7.4, 7.5 are not scored (0); 7.6 reaches 70 of 80 → 300 × 70 / 80 = 262.50;
  // category 7 = 662.5 / 6 = 110.4166… → 110.42.
  'samples/broken/pmqa-results.evidence.yaml': {
    findings: ['pmqa.indicator.baseline-missing@214', 'pmqa.indicator.count@183', 'pmqa.indicator.duplicate@203', 'pmqa.indicator.not-achieved@222', 'pmqa.indicator.type-mismatch@197'],
    framework: 'obec-pmqa',
    categories: { ...PMQA_CLEAN, '7': 110.42 },
    items: { '7.1': 400, '7.2': 0, '7.3': 0, '7.4': 0, '7.5': 0, '7.6': 262.5 },
    total: 272.92,
  },
  // Stated category 1 (433.33, without 1.2) and total (403.08) disagree with the computed ones.
  'samples/broken/pmqa-totals.evidence.yaml': { findings: ['pmqa.total.mismatch@225', 'pmqa.total.mismatch@226'], framework: 'obec-pmqa', categories: PMQA_CLEAN, total: 402.08 },
};

describe('cli', function () {
  let report: JsonReport;
  let jsonRun: Run;

  before(function () {
    this.timeout(120_000);
    if (!existsSync(CLI)) {
      const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
      assert.equal(b.status, 0, `build failed: ${b.stderr}`);
    }
    jsonRun = cli('check', 'samples', '--format', 'json', '--lang', 'en');
    report = JSON.parse(jsonRun.stdout) as JsonReport;
  });

  describe('cli: check samples --format json', function () {
    this.timeout(60_000);

    it('exits 1 (the broken samples have errors) and writes valid JSON version 1', () => {
      assert.equal(jsonRun.status, 1, jsonRun.stderr);
      assert.equal(report.version, 1);
      assert.equal(report.lang, 'en');
    });

    it('checks every sample manifest', () => {
      assert.deepEqual(report.scores.map((s) => s.manifest).sort(), Object.keys(EXPECTED).sort());
      const manifests = report.files.filter((f) => f.kind === 'manifest').map((f) => f.path).sort();
      assert.deepEqual(manifests, Object.keys(EXPECTED).sort());
    });

    for (const [manifest, want] of Object.entries(EXPECTED)) {
      describe(manifest, () => {
        it('has exactly the expected findings', () => {
          assert.deepEqual(findingsByManifest(report).get(manifest) ?? [], [...want.findings].sort());
        });
        if ('total' in want) {
          it(`scores ${want.framework}: categories ${Object.values(want.categories).map((p) => (p === null ? '—' : p.toFixed(2))).join(' / ')} → total ${want.total === null ? '—' : want.total.toFixed(2)}`, () => {
            const s = report.scores.find((x) => x.manifest === manifest);
            assert.ok(s, `a score for ${manifest}`);
            assert.equal(s.model, 'maturity');
            const m = s as MaturityScoreJson;
            assert.equal(m.framework, want.framework);
            assert.deepEqual(Object.fromEntries(m.categories.map((c) => [c.category, c.points])), want.categories);
            const items = new Map(m.categories.flatMap((c) => c.items.map((i) => [i.item, i.points] as const)));
            for (const [item, points] of Object.entries(want.items ?? {})) assert.equal(items.get(item), points, `sub-item ${item}`);
            assert.equal(m.total, want.total);
          });
          return;
        }
        const rounds = want.rounds ?? ['6m', '12m'];
        it(`scores ${rounds.map((r, i) => `${r} ${want.levels[i]}`).join(', ')}, overall ${want.score.toFixed(2)} ${want.descriptor.th}`, () => {
          const s = roundsScore(report, manifest);
          assert.equal(s.framework, want.framework ?? 'obec-x2');
          assert.deepEqual(s.rounds.map((r) => [r.round, r.level]), rounds.map((r, i) => [r, want.levels[i]]));
          assert.equal(s.overall?.score, want.score);
          assert.equal(s.overall?.descriptor, want.descriptor.en);
          assert.deepEqual(s.overall?.descriptors, want.descriptor);
        });
      });
    }

    it('the clean sample gap: 3 more schools with all 4 areas (107/112 = 95.54 %) for level 5', () => {
      const s = roundsScore(report, 'samples/srinakhara-1/x2.evidence.yaml');
      const six = s.rounds.find((r) => r.round === '6m')!;
      assert.equal(six.next?.level, 5);
      assert.equal(six.next?.gaps.length, 1);
      assert.match(six.next!.gaps[0]!, /^3 more: .*\(107\/112 = 95\.54 %\) → level 5$/);
    });

    it('has the diagnostic fields: path, code, severity, message, line/column or sheet/cell', () => {
      assert.ok(report.files.length > 0);
      for (const f of report.files) {
        assert.equal(typeof f.path, 'string');
        assert.ok(!path.isAbsolute(f.path), `${f.path} is relative to the working folder`);
        for (const d of f.diagnostics) {
          assert.ok(d.code in MESSAGES, `${d.code} is a catalogue code`);
          assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
          assert.equal(typeof d.message, 'string');
          assert.ok(d.message.length > 0);
          assert.equal(d.message, d.messages.en);
          if (f.kind === 'manifest') {
            assert.ok(Number.isInteger(d.line) && d.line! >= 1, `${f.path} ${d.code} line`);
            assert.ok(Number.isInteger(d.column) && d.column! >= 1, `${f.path} ${d.code} column`);
          } else if (!d.code.startsWith('workbook.')) {
            assert.equal(typeof d.sheet, 'string', `${f.path} ${d.code} sheet`);
          }
        }
      }
      const cellFinding = report.files.flatMap((f) => f.diagnostics).find((d) => d.code === 'table.school-code.duplicate')!;
      assert.deepEqual([cellFinding.sheet, cellFinding.cell], ['X2.2', 'B10']);
      assert.deepEqual(cellFinding.anchor, { path: 'samples/broken/school-codes/x2.evidence.yaml', line: 43, column: 19 });
    });

    it('has the table figures (X2.1, X2.2, X2.3 of the clean sample)', () => {
      const t = (p: string) => report.tables.find((x) => x.path === p);
      const x21 = t('samples/srinakhara-1/tables/X2.1-office-systems.xlsx');
      const x22 = t('samples/srinakhara-1/tables/X2.2-school-systems.xlsx');
      const x23 = t('samples/srinakhara-1/tables/X2.3-realtime-use.xlsx');
      assert.ok(x21 && x22 && x23, JSON.stringify(report.tables.map((x) => x.path)));
      assert.equal(x21.table, 'X2.1');
      assert.equal(x21.figures['areasCovered'], 4);
      assert.equal(x22.table, 'X2.2');
      assert.equal(x22.figures['schoolsTotal'], 112);
      assert.equal(x22.figures['schoolsAllAreas'], 104);
      assert.equal(x22.figures['percentAllAreas'], 92.86);
      assert.equal(x23.table, 'X2.3');
      assert.equal(x23.figures['schoolsTotal'], 112);
      assert.equal(x23.figures['schoolsUsingRealTime'], 98);
      assert.equal(x23.figures['percentUsingRealTime'], 87.5);
      // Each table file appears once, however many manifests link it.
      const keys = report.tables.map((x) => `${x.path}|${x.table}`);
      assert.equal(new Set(keys).size, keys.length);
    });

    it('reports an uncalculated figure as null, never 0', () => {
      const x23 = report.tables.find((x) => x.path === 'samples/broken/workbooks/X2.3-not-calculated.xlsx')!;
      assert.equal(x23.figures['schoolsTotal'], 112);
      assert.equal(x23.figures['schoolsUsingRealTime'], null);
      assert.equal(x23.figures['percentUsingRealTime'], null);
    });

    it('the summary counts every diagnostic by severity', () => {
      const all = report.files.flatMap((f) => f.diagnostics);
      assert.equal(report.summary.errors, all.filter((d) => d.severity === 'error').length);
      assert.equal(report.summary.warnings, all.filter((d) => d.severity === 'warning').length);
      assert.equal(report.summary.information, all.filter((d) => d.severity === 'information' || d.severity === 'hint').length);
    });
  });

  describe('cli: exit codes', function () {
    this.timeout(60_000);

    it('0 for the clean sample', () => {
      const r = cli('check', 'samples/srinakhara-1');
      assert.equal(r.status, 0, r.stdout + r.stderr);
    });
    it('1 for the samples folder (broken samples)', () => {
      const r = cli('check', 'samples', '--lang', 'en');
      assert.equal(r.status, 1);
    });
    it('2 for --format xml', () => {
      const r = cli('check', 'samples', '--format', 'xml');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--format must be text, json or sarif/);
      assert.equal(r.stdout, '');
    });
    it('2 for an unknown command', () => {
      const r = cli('frobnicate');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /unknown command "frobnicate"/);
    });
    it('2 for a missing path and for a workbook without --table', () => {
      assert.equal(cli('check', 'samples/nowhere').status, 2);
      assert.equal(cli('check', 'samples/srinakhara-1/tables/X2.2-school-systems.xlsx').status, 2);
    });
    it('2 for --table with no workbook to apply it to', () => {
      const r = cli('check', 'samples/srinakhara-1', '--table', 'X2.2');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--table X2\.2 applies to workbooks/);
    });
    it('2, not an internal error, for an output path that cannot be written', () => {
      for (const args of [['template', 'X2.2', '-o', '/nonexistent-dir/x.xlsx'], ['schema', '-o', '/nonexistent-dir/x.json'], ['report', 'samples/srinakhara-1/x2.evidence.yaml', '-o', '/nonexistent-dir/r.html']]) {
        const r = cli(...args);
        assert.equal(r.status, 2, args.join(' '));
        assert.match(r.stderr, /cannot write \/nonexistent-dir\/.* \(ENOENT\)/, args.join(' '));
        assert.doesNotMatch(r.stderr, /internal error/);
      }
    });
  });

  describe('cli: formats', function () {
    this.timeout(60_000);

    it('--format sarif: version 2.1.0, results whose ruleId are catalogue codes', () => {
      const r = cli('check', 'samples', '--format', 'sarif', '--lang', 'en');
      assert.equal(r.status, 1);
      const sarif = JSON.parse(r.stdout) as {
        version: string;
        runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[];
      };
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs.length, 1);
      const run = sarif.runs[0]!;
      assert.equal(run.tool.driver.name, 'obec-evidence');
      const total = report.files.reduce((n, f) => n + f.diagnostics.length, 0);
      assert.equal(run.results.length, total);
      const ruleIds = run.tool.driver.rules.map((x) => x.id);
      for (const res of run.results) {
        assert.ok(res.ruleId in MESSAGES, res.ruleId);
        assert.equal(ruleIds[res.ruleIndex], res.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(res.level));
      }
      const missing = run.results.find((x) => x.ruleId === 'evidence.file.missing')!;
      assert.equal(missing.locations[0]!.physicalLocation.artifactLocation.uri, 'samples/broken/files-and-links.evidence.yaml');
      assert.equal(missing.locations[0]!.physicalLocation.region?.startLine, 27);
    });

    it('human output: "path:line:col severity code message" and "path!Sheet!B10 …"', () => {
      const r = cli('check', 'samples', '--lang', 'en', '--no-color');
      const lines = r.stdout.split('\n');
      assert.ok(lines.includes('samples/broken/missing-evidence.evidence.yaml:50:7 error rubric.point.missing-evidence 6-month round, point 3: missing evidence "Access link to the system"'), r.stdout);
      assert.ok(lines.includes('samples/broken/school-codes/X2.2-school-systems.xlsx!X2.2!B10 error table.school-code.duplicate School code 1099010004 duplicates row 9'), r.stdout);
      assert.ok(lines.includes('samples/broken/password.evidence.yaml:59:25 warning manifest.password.plain-text A password is written in plain text in a manifest meant to be shared; remove it and say it is given on request'));
      const findingLines = lines.filter((l) => / (error|warning|information) [a-z0-9-]+\.[a-z0-9.-]+ /.test(l));
      assert.equal(findingLines.length, report.files.reduce((n, f) => n + f.diagnostics.length, 0));
      for (const l of findingLines) {
        assert.match(l, /^(\S+\.evidence\.yaml:\d+:\d+|\S+\.xlsx(!\S+)?) (error|warning|information) [a-z0-9.-]+ \S/, l);
      }
      assert.ok(!r.stdout.includes('\u001b['), 'no colour codes');
      assert.ok(lines.some((l) => /^Score samples\/srinakhara-1\/x2\.evidence\.yaml \(obec-x2 2566\)$/.test(l)));
      assert.ok(lines.includes('  Overall score: 4.50 Excellent'));
    });

    it('human output defaults to Thai', () => {
      const r = cli('check', 'samples/broken/missing-evidence.evidence.yaml', '--no-color');
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^samples\/broken\/missing-evidence\.evidence\.yaml:50:7 ข้อผิดพลาด rubric\.point\.missing-evidence /m);
      assert.match(r.stdout, /ค่าคะแนนเฉลี่ย: 4\.00 ดีมาก/);
    });
  });

  describe('cli: tables, templates, schema', function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'obec-cli-'));
    });
    after(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('check X2.2-school-systems.xlsx --table X2.2 --format json gives the X2.2 figures', () => {
      const r = cli('check', 'samples/srinakhara-1/tables/X2.2-school-systems.xlsx', '--table', 'X2.2', '--format', 'json');
      assert.equal(r.status, 0, r.stderr);
      const j = JSON.parse(r.stdout) as JsonReport;
      assert.deepEqual(j.files, []);
      assert.equal(j.tables.length, 1);
      const t = j.tables[0]!;
      assert.equal(t.path, 'samples/srinakhara-1/tables/X2.2-school-systems.xlsx');
      assert.equal(t.table, 'X2.2');
      assert.equal(t.rows, 112);
      assert.deepEqual(t.figures, { schoolsTotal: 112, schoolsAllAreas: 104, percentAllAreas: 92.86 });
    });

    it('--table with an unknown id → 2', () => {
      assert.equal(cli('check', 'samples/srinakhara-1/tables/X2.2-school-systems.xlsx', '--table', 'X9.9').status, 2);
    });

    for (const table of ['X2.1', 'X2.2', 'X2.3'] as const) {
      it(`template ${table} -o FILE writes a workbook that check --table ${table} reads (header found, no rows)`, () => {
        const file = path.join(dir, `${table}.xlsx`);
        const w = cli('template', table, '-o', file);
        assert.equal(w.status, 0, w.stderr);
        assert.ok(existsSync(file));
        const r = cli('check', file, '--table', table, '--format', 'json', '--lang', 'en');
        assert.equal(r.status, 1, r.stderr);
        const j = JSON.parse(r.stdout) as JsonReport;
        const diags = j.files.flatMap((f) => f.diagnostics);
        assert.deepEqual(diags.filter((d) => d.severity === 'error').map((d) => d.code), ['table.no-rows']);
        assert.equal(j.tables.length, 1);
        assert.equal(j.tables[0]!.table, table);
        assert.ok(Number.isInteger(j.tables[0]!.headerRow), 'header found');
        assert.equal(j.tables[0]!.rows, 0);
      });
    }

    it('template with an unknown table → 2', () => {
      assert.equal(cli('template', 'X9.9', '-o', path.join(dir, 'x.xlsx')).status, 2);
    });

    it('schema prints the manifest JSON Schema: a rounds manifest or a maturity manifest', () => {
      const r = cli('schema');
      assert.equal(r.status, 0);
      type Obj = { properties: Record<string, unknown>; required?: string[] };
      const s = JSON.parse(r.stdout) as { anyOf: [Obj, Obj] };
      const [rounds, maturity] = s.anyOf;
      assert.ok(rounds.properties['rounds'], 'properties.rounds');
      assert.ok(rounds.properties['framework'] && rounds.properties['fiscalYear'] && rounds.properties['reporter']);
      assert.ok(rounds.required?.includes('rounds'));
      assert.ok(maturity.properties['items'] && maturity.properties['sources'] && maturity.properties['totals']);
      assert.ok(maturity.required?.includes('items') && !maturity.required?.includes('rounds'));
    });
  });
});
