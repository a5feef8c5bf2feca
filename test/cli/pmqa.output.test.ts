/**
 * The built CLI (`node dist/cli.js`) on a PMQA manifest written into a temporary folder
 * (test/cli/pmqaFixture.ts): the JSON score (categories, sub-items, levels, points, total,
 * sources) against values worked out by hand from the pack's rules, the text report, SARIF,
 * the HTML report, and that X2 entries keep their shape.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PMQA_EXPECTED, writePmqaFixture } from './pmqaFixture';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonItem {
  item: string;
  title: string;
  from: string;
  claimed: string | null;
  level: string | null;
  points: number;
  reasons: string[];
  next: { level: string; needs: string[] } | null;
  source?: string | null;
  indicator?: { title: string; type?: string; target?: number; result?: number; achieved?: boolean };
}
interface JsonCategory {
  category: string;
  title: string;
  weight: number;
  level: string | null;
  points: number;
  weighted: number;
  source: string | null;
  items: JsonItem[];
}
interface JsonSource {
  source: string;
  kind: string;
  title: string;
  level: string | null;
  points: number | null;
  value?: number;
  inputs?: { input: string; weight: number; score: number | null }[];
  group?: string;
  reason?: string;
}
interface MaturityEntry {
  manifest: string;
  model: 'maturity';
  framework: string;
  edition: string;
  office: string;
  fiscalYear: number;
  categories: JsonCategory[];
  total: number;
  max: number;
  level: string | null;
  descriptor: string | null;
  sources: JsonSource[];
}
interface JsonReport {
  files: { path: string; kind: string; diagnostics: { code: string; line?: number }[] }[];
  scores: (MaturityEntry | { manifest: string; model: 'rounds'; framework: string; rounds: unknown[]; overall: unknown })[];
  summary: { errors: number; warnings: number; information: number };
}

/** The score as compared: categories with their sub-items' claimed level, level and points. */
function shape(e: MaturityEntry): unknown {
  return e.categories.map((c) => ({
    category: c.category,
    weight: c.weight,
    level: c.level,
    points: c.points,
    weighted: c.weighted,
    items: Object.fromEntries(c.items.map((i) => [i.item, { claimed: i.claimed, level: i.level, points: i.points }])),
  }));
}

describe('cli: PMQA (maturity) scores', function () {
  this.timeout(60_000);
  let dir: string;
  let en: JsonReport;
  let entry: MaturityEntry;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'obec-pmqa-cli-'));
    writePmqaFixture(dir);
    const r = cli(dir, 'check', 'pmqa.evidence.yaml', '--format', 'json', '--lang', 'en');
    assert.equal(r.status, 1, r.stderr); // 1.3 and 1.4 have errors
    en = JSON.parse(r.stdout) as JsonReport;
    assert.equal(en.scores.length, 1);
    entry = en.scores[0] as MaturityEntry;
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('--format json', () => {
    it('has the findings of the manifest, exactly', () => {
      const found = en.files.flatMap((f) => f.diagnostics.map((d) => `${d.code}@${d.line}`)).sort();
      assert.deepEqual(found, PMQA_EXPECTED.findings);
      assert.deepEqual(en.summary, { errors: 2, warnings: 2, information: 0 });
    });

    it('names the manifest, the model and the framework', () => {
      assert.equal(entry.manifest, 'pmqa.evidence.yaml');
      assert.equal(entry.model, 'maturity');
      assert.equal(entry.framework, 'obec-pmqa');
      assert.equal(entry.edition, '2565');
      assert.equal(entry.fiscalYear, 2567);
      assert.equal(entry.office, 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาศรีนครา เขต 1');
    });

    it('scores every category and sub-item as worked out by hand', () => {
      assert.deepEqual(shape(entry), PMQA_EXPECTED.categories);
    });

    it('totals 358.03 of 500, Basic', () => {
      assert.equal(entry.total, PMQA_EXPECTED.total);
      assert.equal(entry.max, PMQA_EXPECTED.max);
      assert.equal(entry.level, PMQA_EXPECTED.level);
      assert.equal(entry.descriptor, null);
    });

    it('gives the sources: ITA Advance, KPI 4.1150 (4.25 × 70 % + 3.80 × 30 %) Advance, monitoring group B Advance', () => {
      assert.deepEqual(
        entry.sources.map(({ title: _title, ...rest }) => rest),
        [
          { source: 'ita', kind: 'level', level: 'advance', points: 400 },
          {
            source: 'kpi',
            kind: 'weighted',
            level: 'advance',
            points: 400,
            value: 4.115,
            inputs: [
              { input: 'kpi-4.1.2', weight: 70, score: 4.25 },
              { input: 'kpi-8', weight: 30, score: 3.8 },
            ],
          },
          { source: 'monitoring', kind: 'group', level: 'advance', points: 400, group: 'B' },
        ],
      );
      assert.deepEqual(
        entry.categories.map((c) => c.source),
        [null, null, null, 'kpi', null, 'monitoring', null],
      );
      const item = (id: string): JsonItem => entry.categories.flatMap((c) => c.items).find((i) => i.item === id)!;
      assert.equal(item('1.2').from, 'source');
      assert.equal(item('1.2').source, 'ita');
      assert.equal(item('4.4').source, 'kpi');
      assert.equal(item('1.1').source, undefined);
    });

    it('says why a sub-item falls short and what the next level needs', () => {
      const item = (id: string): JsonItem => entry.categories.flatMap((c) => c.items).find((i) => i.item === id)!;
      // At its claim: no reasons; the next level asks for its evidence and the claim.
      assert.deepEqual(item('1.1').reasons, []);
      assert.equal(item('1.1').next?.level, 'significance');
      assert.equal(item('1.1').next?.needs.length, 2);
      // Claimed Significance, reached Advance.
      assert.equal(item('1.3').reasons.length, 1);
      assert.match(item('1.3').reasons[0]!, /claims Significance/);
      assert.equal(item('1.3').next?.level, 'significance');
      // Below Basic: the summary report is missing.
      assert.deepEqual(item('1.4').reasons, ['missing Summary report presented to the office director / bound report']);
      assert.deepEqual(item('1.4').next, { level: 'basic', needs: ['attach Summary report presented to the office director / bound report'] });
      // Not reported: 0, no next level.
      assert.equal(item('2.4').from, 'not-reported');
      assert.equal(item('2.4').next, null);
      // At the top: no next level.
      assert.equal(item('2.1').next, null);
      // A results dimension below its target: the indicator as read.
      assert.equal(item('7.4').from, 'indicator');
      assert.deepEqual(item('7.4').indicator, { title: 'ตัวชี้วัดมิติ 7.4', type: 'percent', target: 80, result: 60, achieved: false });
      assert.equal(item('7.4').next?.level, 'basic');
    });

    it('--lang th: Thai titles, the same ids and numbers', () => {
      const r = cli(dir, 'check', 'pmqa.evidence.yaml', '--format', 'json');
      const th = (JSON.parse(r.stdout) as JsonReport).scores[0] as MaturityEntry;
      assert.deepEqual(shape(th), PMQA_EXPECTED.categories);
      assert.equal(th.categories[0]!.title, 'การนำองค์การ');
      assert.equal(th.categories[0]!.items[3]!.reasons[0], 'ขาดรายงานสรุปผลนำเสนอ ผอ.สพท./รูปเล่มรายงาน');
      assert.equal(th.total, PMQA_EXPECTED.total);
    });

    it('a missing source leaves its category and the total unknown (null, never 0) and says why', () => {
      const other = mkdtempSync(path.join(os.tmpdir(), 'obec-pmqa-cli-'));
      try {
        writePmqaFixture(other, { withoutKpi: true });
        const r = cli(other, 'check', 'pmqa.evidence.yaml', '--format', 'json', '--lang', 'en');
        const report = JSON.parse(r.stdout) as JsonReport;
        assert.ok(report.files.some((f) => f.diagnostics.some((d) => d.code === 'pmqa.source.missing')));
        const e = report.scores[0] as MaturityEntry;
        const four = e.categories.find((c) => c.category === '4')!;
        assert.deepEqual([four.level, four.points, four.weighted], [null, null, null]);
        assert.ok(four.items.every((i) => i.level === null && i.points === null));
        const kpi = e.sources.find((s) => s.source === 'kpi')!;
        assert.deepEqual([kpi.level, kpi.points], [null, null]);
        assert.equal(typeof kpi.reason, 'string');
        // The text report says why, with the inputs given.
        const text = cli(other, 'check', 'pmqa.evidence.yaml', '--lang', 'en').stdout.split('\n');
        assert.ok(text.some((l) => /^ {4}✗ the result from the government agency performance assessment KPIs .* is not given$/.test(l)), text.join('\n'));
        assert.ok(text.includes('  Total: — / 500 (not computable yet: categories 4 have no valid result from their source)'), text.join('\n'));
        assert.equal(e.total, null);
        assert.equal(e.level, null);
        assert.deepEqual((e as unknown as { unknownCategories: string[] }).unknownCategories, ['4']);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });

    it('keeps the X2 entries as they were (rounds, overall), with model "rounds"', () => {
      const r = cli(ROOT, 'check', 'samples/srinakhara-1/x2.evidence.yaml', '--format', 'json', '--lang', 'en');
      const x2 = (JSON.parse(r.stdout) as JsonReport).scores[0]!;
      assert.equal(x2.model, 'rounds');
      assert.equal(x2.framework, 'obec-x2');
      assert.ok('rounds' in x2 && 'overall' in x2);
      assert.ok(!('categories' in x2) && !('total' in x2));
    });
  });

  describe('text', () => {
    it('--lang en: categories with weight, points and level; the sub-items that fall short; the sources; the total', () => {
      const r = cli(dir, 'check', 'pmqa.evidence.yaml', '--lang', 'en');
      assert.equal(r.status, 1);
      const lines = r.stdout.split('\n');
      const has = (line: string): void => assert.ok(lines.includes(line), `missing line:\n${line}\nin:\n${r.stdout}`);
      has('Score pmqa.evidence.yaml (obec-pmqa 2565)');
      has('  Category 1 Leadership (weight 12 %): 360.00 points, Basic');
      has('  Category 2 Strategic planning (weight 8 %): 275.00 points, below Basic');
      has('  Category 7 Results (weight 40 %): 370.83 points, Basic');
      has('    ✗ 1.4 Regard for social responsibility: claims Basic → below Basic (240.00)');
      has('      missing Summary report presented to the office director / bound report');
      has('      For Basic: attach Summary report presented to the office director / bound report');
      has('    ✗ 2.4 Fast follow-up and problem solving: not reported (0.00)');
      has('    from the monitoring by สตผ. (the OBEC Secretary-General\'s policy, all 4 areas): group B → Advance (400.00)');
      has('  Total: 358.03 / 500 Basic (41.97 points short of Advance at 400)');
      assert.ok(lines.some((l) => l.startsWith('    from the government agency performance assessment KPIs') && l.includes('4.1150 = KPI 4.1.2 (online ปพ.3 records) 4.2500 × 70 % + KPI 8 Cyber security 3.8000 × 30 % → Advance (400.00)')));
      // The ITA result, which scores only 1.2, right under category 1.
      const ita = lines.findIndex((l) => l.startsWith('    from the ITA') && l.endsWith('(sub-item 1.2): Advance (400.00)'));
      assert.equal(ita, lines.indexOf('  Category 1 Leadership (weight 12 %): 360.00 points, Basic') + 1);
      // A sub-item at its claim gets no line of its own.
      assert.ok(!lines.some((l) => l.includes('✗ 1.1 ')), 'no line for 1.1');
      // The flagged sub-items, in pack order.
      assert.deepEqual(lines.filter((l) => l.startsWith('    ✗ ')).map((l) => l.split(' ')[5]), ['1.3', '1.4', '2.4', '7.4']);
    });

    it('Thai by default', () => {
      const r = cli(dir, 'check', 'pmqa.evidence.yaml');
      const lines = r.stdout.split('\n');
      assert.ok(lines.includes('  หมวด 1 การนำองค์การ (ค่าน้ำหนัก 12 %): 360.00 คะแนน ระดับ Basic'), r.stdout);
      assert.ok(lines.includes('  คะแนนรวม: 358.03 / 500 ระดับ Basic (อีก 41.97 คะแนนถึงระดับ Advance ที่ 400)'), r.stdout);
      assert.ok(lines.includes('    ✗ 1.4 การคำนึงถึงความรับผิดชอบต่อสังคม: ประเมินตนเองระดับ Basic → ต่ำกว่าระดับ Basic (240.00)'), r.stdout);
    });
  });

  it('--format sarif: the maturity findings are ordinary results with their rules', () => {
    const r = cli(dir, 'check', 'pmqa.evidence.yaml', '--format', 'sarif', '--lang', 'en');
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const run = sarif.runs[0]!;
    assert.deepEqual(run.results.map((x) => `${x.ruleId}@${x.locations[0]!.physicalLocation.region.startLine}`).sort(), PMQA_EXPECTED.findings);
    assert.deepEqual(
      run.tool.driver.rules.map((x) => `${x.id}:${x.defaultConfiguration.level}`),
      ['pmqa.attachment.missing:error', 'pmqa.indicator.not-achieved:warning', 'pmqa.item.missing:warning', 'pmqa.level.unsupported:error'],
    );
  });

  it('report: one standalone HTML file with the total and a bar per category', () => {
    const out = path.join(dir, 'report.html');
    const r = cli(dir, 'report', 'pmqa.evidence.yaml', '-o', out, '--lang', 'en');
    assert.equal(r.status, 1, r.stderr); // errors in the manifest, as for check
    const html = readFileSync(out, 'utf8');
    assert.ok(html.includes(`<span class="total-score">${PMQA_EXPECTED.total.toFixed(2)}</span><span class="total-max">/ 500</span>`));
    assert.equal(html.match(/<li class="category-bar"/g)?.length, 7);
    assert.equal(html.match(/<section class="round category"/g)?.length, 7);
    assert.ok(!/<script\b/.test(html), 'no script in the report');
  });

  it('report: an office name with markup stays text', () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'obec-pmqa-cli-'));
    try {
      writePmqaFixture(other, { officeName: 'สพป. <img src=x onerror=alert(1)>' });
      const out = path.join(other, 'report.html');
      cli(other, 'report', 'pmqa.evidence.yaml', '-o', out);
      const html = readFileSync(out, 'utf8');
      assert.ok(html.includes('สพป. &lt;img src=x onerror=alert(1)&gt;'));
      assert.ok(!html.includes('<img'));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('a claim above the evidence adds a reason, not points (2.2 claims Advance with Basic media only)', () => {
    const manifest = path.join(dir, 'pmqa.evidence.yaml');
    const text = readFileSync(manifest, 'utf8');
    try {
      writeFileSync(manifest, text.replace('"2.2":\n    level: basic', '"2.2":\n    level: advance'));
      const e = (JSON.parse(cli(dir, 'check', 'pmqa.evidence.yaml', '--format', 'json').stdout) as JsonReport).scores[0] as MaturityEntry;
      const i = e.categories[1]!.items.find((x) => x.item === '2.2')!;
      // Still Basic (300): the claim is unsupported, the category and total unchanged.
      assert.deepEqual([i.claimed, i.level, i.points, i.reasons.length], ['advance', 'basic', 300, 1]);
      assert.equal(e.total, PMQA_EXPECTED.total);
    } finally {
      writeFileSync(manifest, text);
    }
  });
});
