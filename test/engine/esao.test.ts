/**
 * ESAO Standard 2557, standard 1 indicator 1 (schemas/esao-2557.pack.yaml, seed 002) through
 * the unchanged engine: the framework is data only. In-memory offices (helpers.ts) give the
 * exact level at every boundary of the quality-level table — all 6 points must be carried
 * out (reported), and 6 / 5 / 4 / 3 of them clear give levels 5 / 4 / 3 / 2, otherwise 1 —
 * with the exact findings; then the committed sample (samples/esao-2557/) on disk through a
 * NodeHost.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createEvidenceEngine } from '../../server/src/engine/index';
import { NodeHost, readPackSources } from '../../server/src/node/nodeHost';
import { MemoryHost, PDF_BYTES, PNG_BYTES, createEngine, locate, valueAt, where, type Pos } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const WS = '/ws';
const DIR = '/ws/office';
const MANIFEST = '/ws/office/standard-1.evidence.yaml';
const POINTS = ['1', '2', '3', '4', '5', '6'] as const;

/**
 * What a point has in the manifest:
 * - `clear`: a PDF that exists;
 * - `png`: a PNG that exists;
 * - `link`: a URL (file-or-link);
 * - `missing-file`: a PDF path with no file (reported, not clear);
 * - `wrong-type`: a .zip that exists (reported, not clear);
 * - `empty`: the point with `evidence: []` (not reported);
 * - `absent`: the point left out (not reported).
 */
type PointState = 'clear' | 'png' | 'link' | 'missing-file' | 'wrong-type' | 'empty' | 'absent';

const fileOf = (id: string, s: PointState): string | undefined =>
  s === 'clear' || s === 'missing-file' ? `evidence/p${id}-report.pdf` : s === 'png' ? `evidence/p${id}-screen.png` : s === 'wrong-type' ? `evidence/p${id}-photos.zip` : undefined;

function manifestText(states: Record<string, PointState>, fiscalYear = 2567): string {
  const out = [
    'framework: esao-2557',
    `fiscalYear: ${fiscalYear}`,
    'office:',
    '  name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1',
    '  code: "9901"',
    'reporter:',
    '  name: นางสาวทดสอบ ใจดี',
    '  position: นักวิชาการคอมพิวเตอร์ชำนาญการ',
    '  phone: "0 7751 1234 ต่อ 205"',
    '  email: tester@example.go.th',
    'rounds:',
    '  annual:',
    `    submitted: ${fiscalYear}-10-15`,
    '    points:',
  ];
  for (const id of POINTS) {
    const s = states[id]!;
    if (s === 'absent') continue;
    out.push(`      ${id}:`);
    if (s === 'empty') {
      out.push('        evidence: []');
      continue;
    }
    out.push('        evidence:');
    out.push('          - kind: document');
    if (s === 'link') out.push(`            url: https://www.example.go.th/esao/p${id}`);
    else out.push(`            file: ${fileOf(id, s)!}`);
    out.push(`            title: เอกสาร/หลักฐานอ้างอิง ประเด็นที่ ${id}`);
    out.push(`            date: ${fiscalYear}-03-15`);
  }
  return `${out.join('\n')}\n`;
}

/** Checks a manifest whose points are in `states` (default: all six clear). */
async function check(states: Partial<Record<string, PointState>> = {}, fiscalYear = 2567) {
  const all = Object.fromEntries(POINTS.map((id) => [id, states[id] ?? 'clear'])) as Record<string, PointState>;
  const host = new MemoryHost();
  host.addDir(WS);
  for (const id of POINTS) {
    const s = all[id]!;
    const f = fileOf(id, s);
    if (!f || s === 'missing-file') continue;
    host.addFile(path.join(DIR, f), s === 'png' ? PNG_BYTES : s === 'wrong-type' ? new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]) : PDF_BYTES);
  }
  const text = manifestText(all, fiscalYear);
  host.addFile(MANIFEST, text);
  const result = await createEngine(host).checkManifest(MANIFEST, text, { workspaceRoot: WS });
  const round = result.score?.rounds.find((r) => r.round === 'annual');
  return { text, result, round, level: round?.level, overall: result.score?.overall };
}

const at = (code: string, p: Pos): string => `${code}@${p.line}:${p.character}`;
const sorted = (xs: readonly string[]): string[] => [...xs].sort();
/** States with the first `clear` points clear and the rest `rest`. */
const firstClear = (clear: number, rest: PointState): Record<string, PointState> => Object.fromEntries(POINTS.map((id, i) => [id, i < clear ? 'clear' : rest]));
/** Position of the key of point `id` (e.g. the `3` of `      3:`). */
const pointKey = (text: string, id: string): Pos => ({ line: locate(text, `\n      ${id}:\n`).line + 1, character: 6 });

describe('ESAO Standard 2557 through the engine (data only)', () => {
  describe('levels: all 6 points reported, N clear', () => {
    it('6 clear → level 5, overall 5.00 ดีเยี่ยม, no findings', async () => {
      const r = await check();
      assert.deepEqual(r.result.findings.map(where), []);
      assert.equal(r.result.framework?.id, 'esao-2557');
      assert.equal(r.result.framework?.edition, '2557');
      assert.deepEqual(r.result.score?.rounds.map((x) => x.round), ['annual']);
      assert.equal(r.level, 5);
      assert.equal(r.round?.next, undefined);
      assert.equal(r.overall?.score, 5);
      assert.deepEqual(r.overall?.descriptor, { th: 'ดีเยี่ยม', en: 'Excellent' });
      assert.deepEqual(r.overall?.roundsAssessed, ['annual']);
      assert.ok(r.round!.points.every((p) => p.clear && p.reported));
    });

    it('5 clear + 1 reported without a usable file → level 4, overall 4.00 ดีมาก; one evidence.file.missing', async () => {
      const r = await check({ '6': 'missing-file' });
      assert.deepEqual(r.result.findings.map(where), [at('evidence.file.missing', valueAt(r.text, 'file', 5))]);
      assert.equal(r.result.findings[0]!.severity, 'error');
      assert.equal(r.level, 4);
      assert.equal(r.overall?.score, 4);
      assert.deepEqual(r.overall?.descriptor, { th: 'ดีมาก', en: 'Very good' });
      const p6 = r.round!.points.find((p) => p.point === '6')!;
      assert.equal(p6.clear, false);
      assert.equal(p6.reported, true);
      assert.equal(r.round?.next?.level, 5);
      assert.deepEqual(r.round?.next?.gaps.map((g) => g.kind), ['clearPoints']);
      assert.match(r.round!.next!.gaps[0]!.message.en, /^1 more clear point → level 5 \(point 6: File "evidence\/p6-report\.pdf" does not exist\)$/);
    });

    it('4 clear + 2 reported unclear → level 3 (overall 3.00 ดี)', async () => {
      const r = await check(firstClear(4, 'missing-file'));
      assert.deepEqual(r.result.findings.map((f) => f.code), ['evidence.file.missing', 'evidence.file.missing']);
      assert.equal(r.level, 3);
      assert.equal(r.overall?.score, 3);
      assert.deepEqual(r.overall?.descriptor, { th: 'ดี', en: 'Good' });
    });

    it('3 clear + 3 reported unclear → level 2 (overall 2.00 พอใช้)', async () => {
      const r = await check(firstClear(3, 'missing-file'));
      assert.equal(r.result.findings.filter((f) => f.code === 'evidence.file.missing').length, 3);
      assert.equal(r.level, 2);
      assert.deepEqual(r.overall?.descriptor, { th: 'พอใช้', en: 'Fair' });
    });

    it('2 clear + 4 reported unclear → level 1 (overall 1.00 ปรับปรุง); next: 1 more clear point → level 2', async () => {
      const r = await check(firstClear(2, 'missing-file'));
      assert.equal(r.result.findings.filter((f) => f.code === 'evidence.file.missing').length, 4);
      assert.equal(r.level, 1);
      assert.equal(r.overall?.score, 1);
      assert.deepEqual(r.overall?.descriptor, { th: 'ปรับปรุง', en: 'Needs improvement' });
      assert.equal(r.round?.next?.level, 2);
      assert.deepEqual(r.round?.next?.gaps.map((g) => g.kind), ['clearPoints']);
      assert.match(r.round!.next!.gaps[0]!.message.en, /^1 more clear point → level 2 \(point 3: /);
    });

    it('none clear (6 reported) → level 1', async () => {
      const r = await check(firstClear(0, 'missing-file'));
      assert.equal(r.level, 1);
    });

    it('a link, a PNG and a PDF all count (file-or-link) → level 5', async () => {
      const r = await check({ '2': 'link', '4': 'png' });
      assert.deepEqual(r.result.findings.map(where), []);
      assert.equal(r.level, 5);
    });

    it('a file of a type the pack does not accept (.zip) is evidence.file.wrong-type; the point is reported, not clear → level 4', async () => {
      const r = await check({ '3': 'wrong-type' });
      assert.deepEqual(r.result.findings.map(where), [at('evidence.file.wrong-type', valueAt(r.text, 'file', 2))]);
      assert.equal(r.level, 4);
      const p3 = r.round!.points.find((p) => p.point === '3')!;
      assert.deepEqual([p3.clear, p3.reported], [false, true]);
    });
  });

  describe('levels: all 6 points must be carried out ("ครบ 6 ข้อ")', () => {
    it('6 points with usable evidence but only 5 reported (point 6 left out) → level 1; rubric.point.missing-evidence at the round key', async () => {
      const r = await check({ '6': 'absent' });
      assert.deepEqual(r.result.findings.map(where), [at('rubric.point.missing-evidence', locate(r.text, 'annual:'))]);
      assert.deepEqual(r.result.findings[0]!.data, { round: 'annual', point: '6', requirement: 'document' });
      assert.match(r.result.findings[0]!.message.en, /point 6: missing evidence "Reference document \/ evidence"/);
      assert.equal(r.level, 1);
      assert.equal(r.round!.points.filter((p) => p.clear).length, 5);
      assert.equal(r.round!.points.filter((p) => p.reported).length, 5);
      // Level 2 holds its clear points (5 ≥ 3); only the sixth point is missing.
      assert.equal(r.round?.next?.level, 2);
      assert.deepEqual(r.round?.next?.gaps.map((g) => g.kind), ['reportedPoints']);
      assert.equal(r.round!.next!.gaps[0]!.message.en, '1 more point to report (6) → level 2');
    });

    it('a point listed with no evidence (evidence: []) is not reported either → level 1; the finding is at the point key', async () => {
      const r = await check({ '2': 'empty' });
      assert.deepEqual(r.result.findings.map(where), [at('rubric.point.missing-evidence', pointKey(r.text, '2'))]);
      assert.deepEqual(r.result.findings[0]!.data, { round: 'annual', point: '2', requirement: 'document' });
      assert.equal(r.level, 1);
    });

    it('two points left out and the other four clear → level 1, two rubric.point.missing-evidence', async () => {
      const r = await check({ '1': 'absent', '5': 'absent' });
      assert.deepEqual(sorted(r.result.findings.map((f) => `${f.code}:${String(f.data?.['point'])}`)), ['rubric.point.missing-evidence:1', 'rubric.point.missing-evidence:5']);
      assert.equal(r.level, 1);
      assert.equal(r.round?.next?.gaps[0]!.message.en, '2 more points to report (1, 5) → level 2');
    });
  });

  describe('editions', () => {
    it('the standard still applies: fiscal year 2580 uses edition 2557 with no finding', async () => {
      const r = await check({}, 2580);
      assert.deepEqual(r.result.findings.map(where), []);
      assert.equal(r.result.framework?.edition, '2557');
    });

    it('a fiscal year before 2557 is manifest.framework.no-edition', async () => {
      const r = await check({}, 2556);
      assert.ok(r.result.findings.some((f) => f.code === 'manifest.framework.no-edition'), r.result.findings.map(where).join(', '));
    });
  });

  describe('the committed sample (samples/esao-2557/standard-1.evidence.yaml) on disk', () => {
    let host: NodeHost;
    before(() => {
      if (!existsSync(path.join(ROOT, 'dist/workbookWorker.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
      host = new NodeHost({ workerScript: path.join(ROOT, 'dist/workbookWorker.js') });
    });
    after(() => host.dispose());

    it('level 4 for round annual, overall 4.00 ดีมาก, one finding: point 5\'s missing file', async () => {
      const engine = createEvidenceEngine(host, { packs: readPackSources([path.join(ROOT, 'schemas')]) });
      const manifest = path.join(ROOT, 'samples/esao-2557/standard-1.evidence.yaml');
      const text = readFileSync(manifest, 'utf8');
      const r = await engine.checkManifest(manifest, text, { workspaceRoot: ROOT });
      assert.deepEqual(r.findings.map(where), [at('evidence.file.missing', valueAt(text, 'file', 5))]);
      assert.match(r.findings[0]!.message.en, /p5-committee-minutes-2567\.pdf/);
      assert.equal(r.framework?.id, 'esao-2557');
      assert.deepEqual(r.score?.rounds.map((x) => [x.round, x.level]), [['annual', 4]]);
      const points = r.score!.rounds[0]!.points;
      assert.deepEqual(points.map((p) => [p.point, p.clear, p.reported]), [
        ['1', true, true],
        ['2', true, true],
        ['3', true, true],
        ['4', true, true],
        ['5', false, true],
        ['6', true, true],
      ]);
      assert.equal(r.score?.overall?.score, 4);
      assert.deepEqual(r.score?.overall?.descriptor, { th: 'ดีมาก', en: 'Very good' });
    });
  });
});
