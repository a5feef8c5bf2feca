/**
 * Quality levels of indicator X2 (DOMAIN.md level tables, seed 000; aggregation, seed
 * 003): every boundary of both rounds, the rounding rule, the overall score and its
 * descriptor, the "next level" gap. Pure pieces (scoreRound, overallScore, percentHalfUp)
 * for the table of boundaries; the full engine with in-memory workbooks end to end.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Pack, Round } from '../../server/src/engine/packs/model';
import { overallScore, roundHalfUp, scoreRound, type FigureValue, type PointStatus, type RoundScore } from '../../server/src/engine/scoring';
import { percentHalfUp } from '../../server/src/engine/tables/extract';
import { MemoryHost, createEngine, loadX2Pack, setupOffice, where, x22Workbook, x23Workbook } from './helpers';

describe('engine scoring', function () {
  let pack: Pack;
  let six: Round;
  let twelve: Round;

  before(() => {
    pack = loadX2Pack();
    six = pack.rounds.find((r) => r.id === '6m')!;
    twelve = pack.rounds.find((r) => r.id === '12m')!;
    assert.ok(six && twelve, 'the X2 pack has rounds 6m and 12m');
  });

  const points = (round: Round, clear: readonly string[]): Map<string, PointStatus> =>
    new Map(round.points.map((p) => [p.id, { point: p.id, clear: clear.includes(p.id), reasons: clear.includes(p.id) ? [] : [{ th: 'ไม่ชัดเจน', en: 'not clear' }] }]));

  function figure(round: Round, id: string, value: number | undefined, ratio?: { of: number; over: number }): FigureValue {
    const def = round.figures.find((f) => f.id === id)!;
    assert.ok(def, `figure ${id} in round ${round.id}`);
    return { id, title: def.title, unit: def.unit, source: ratio ? 'computed' : 'table', ...(value !== undefined ? { value } : {}), ...(ratio ? { ratio } : {}) };
  }

  /** Figures of the 6-month round as the engine builds them: the percent rounded half-up from the counts. */
  function sixFigures(areas: number, allAreas: number, total: number): Map<string, FigureValue> {
    const pct = percentHalfUp(allAreas, total, pack.scoring.percentDecimals).value;
    return new Map([
      ['officeAreas', figure(six, 'officeAreas', areas)],
      ['schoolsTotal', figure(six, 'schoolsTotal', total)],
      ['schoolsAllAreas', figure(six, 'schoolsAllAreas', allAreas)],
      ['percentAllAreas', figure(six, 'percentAllAreas', pct, { of: allAreas, over: total })],
    ]);
  }

  function twelveFigures(using: number, total: number): Map<string, FigureValue> {
    const pct = percentHalfUp(using, total, pack.scoring.percentDecimals).value;
    return new Map([
      ['schoolsTotal', figure(twelve, 'schoolsTotal', total)],
      ['schoolsUsingRealTime', figure(twelve, 'schoolsUsingRealTime', using)],
      ['percentUsingRealTime', figure(twelve, 'percentUsingRealTime', pct, { of: using, over: total })],
    ]);
  }

  const level6 = (clear: readonly string[], areas: number, allAreas: number, total: number): number =>
    scoreRound(six, points(six, clear), sixFigures(areas, allAreas, total), pack).level;
  const level12 = (clear: readonly string[], using: number, total: number): number =>
    scoreRound(twelve, points(twelve, clear), twelveFigures(using, total), pack).level;

  const ALL = ['1', '2', '3', '4'];

  describe('scoring: percent rounding (half-up, 2 decimals, exact)', () => {
    it('rounds half-up in integer arithmetic', () => {
      assert.equal(percentHalfUp(95, 100, 2).value, 95);
      assert.equal(percentHalfUp(19, 20, 2).value, 95);
      assert.equal(percentHalfUp(9499, 10000, 2).value, 94.99);
      assert.equal(percentHalfUp(1899, 2000, 2).value, 94.95);
      assert.equal(percentHalfUp(18999, 20000, 2).value, 95); // 94.995 → 95.00
      assert.equal(percentHalfUp(18999, 20000, 2).scaled, 9500);
      assert.equal(percentHalfUp(189989, 200000, 2).value, 94.99); // 94.9945 → 94.99
      assert.equal(percentHalfUp(104, 112, 2).value, 92.86);
      assert.equal(percentHalfUp(98, 112, 2).value, 87.5);
      assert.equal(percentHalfUp(2, 3, 2).value, 66.67);
      assert.equal(percentHalfUp(1, 3, 2).value, 33.33);
      assert.equal(percentHalfUp(1, 20000, 2).value, 0.01); // 0.005 → 0.01
      assert.equal(percentHalfUp(0, 7, 2).value, 0);
      assert.equal(percentHalfUp(7, 7, 2).value, 100);
    });

    it('rounds the overall score half-up without float surprises', () => {
      assert.equal(roundHalfUp(2.675, 2), 2.68);
      assert.equal(roundHalfUp(1.005, 2), 1.01);
      assert.equal(roundHalfUp(3.4649, 2), 3.46);
    });
  });

  describe('scoring: 6-month round boundaries', () => {
    it('4 clear points, all 4 areas, exactly 95.00 % (95/100 and 19/20) → 5', () => {
      assert.equal(level6(ALL, 4, 95, 100), 5);
      assert.equal(level6(ALL, 4, 19, 20), 5);
    });
    it('94.99 % (9499/10000) → 4', () => {
      assert.equal(level6(ALL, 4, 9499, 10000), 4);
    });
    it('90.00 % → 4, 89.99 % → 3', () => {
      assert.equal(level6(ALL, 4, 90, 100), 4);
      assert.equal(level6(ALL, 4, 9, 10), 4);
      assert.equal(level6(ALL, 4, 8999, 10000), 3);
    });
    it('85.00 % → 3, 84.99 % → 2', () => {
      assert.equal(level6(ALL, 4, 85, 100), 3);
      assert.equal(level6(ALL, 4, 17, 20), 3);
      assert.equal(level6(ALL, 4, 8499, 10000), 2);
    });
    it('80.00 % → 2, 79.99 % → 1', () => {
      assert.equal(level6(ALL, 4, 80, 100), 2);
      assert.equal(level6(ALL, 4, 4, 5), 2);
      assert.equal(level6(ALL, 4, 7999, 10000), 1);
    });
    it('clear points 4/3/2/1/0 at 100 % → 5/4/3/2/1', () => {
      assert.equal(level6(['1', '2', '3', '4'], 4, 100, 100), 5);
      assert.equal(level6(['1', '2', '3'], 4, 100, 100), 4);
      assert.equal(level6(['2', '4'], 4, 100, 100), 3);
      assert.equal(level6(['3'], 4, 100, 100), 2);
      assert.equal(level6([], 4, 100, 100), 1);
    });
    it('which points are clear does not matter, only how many (6-month round)', () => {
      assert.equal(level6(['2', '3', '4'], 4, 100, 100), 4);
      assert.equal(level6(['1', '4'], 4, 100, 100), 3);
    });
    it('the office with systems in 3 of the 4 areas → 1, whatever else holds', () => {
      assert.equal(level6(ALL, 3, 100, 100), 1);
      assert.equal(level6(ALL, 0, 100, 100), 1);
    });
    it('is conjunctive: 4 clear points with 88 % → 3', () => {
      assert.equal(level6(ALL, 4, 88, 100), 3);
    });
    it('is conjunctive: 95 % with only 2 clear points → 3', () => {
      assert.equal(level6(['1', '2'], 4, 95, 100), 3);
    });
    it('rounds before comparing: 18999/20000 = 94.995 → 95.00 passes 95 (level 5)', () => {
      assert.equal(level6(ALL, 4, 18999, 20000), 5);
      assert.equal(level6(ALL, 4, 189989, 200000), 4); // 94.9945 → 94.99
    });
    it('unknown figures never pass a threshold → 1', () => {
      const figures = sixFigures(4, 100, 100);
      figures.set('percentAllAreas', figure(six, 'percentAllAreas', undefined));
      assert.equal(scoreRound(six, points(six, ALL), figures, pack).level, 1);
      const noAreas = sixFigures(4, 100, 100);
      noAreas.set('officeAreas', figure(six, 'officeAreas', undefined));
      assert.equal(scoreRound(six, points(six, ALL), noAreas, pack).level, 1);
    });
    it('reports the conditions of the level reached', () => {
      const r = scoreRound(six, points(six, ALL), sixFigures(4, 104, 112), pack);
      assert.equal(r.level, 4);
      const reached = r.levels.find((l) => l.level === 4)!;
      assert.ok(reached.holds);
      assert.deepEqual(reached.conditions.map((c) => c.condition.kind), ['clearPoints', 'figureAtLeast', 'figureAtLeast']);
      assert.ok(!r.levels.find((l) => l.level === 5)!.holds);
      assert.equal(r.next?.level, 5);
    });
  });

  describe('scoring: 12-month round boundaries', () => {
    const P234 = ['2', '3', '4'];
    it('points 2, 3, 4 clear: 85.00 % → 5, 84.99 % → 4', () => {
      assert.equal(level12(P234, 85, 100), 5);
      assert.equal(level12(P234, 17, 20), 5);
      assert.equal(level12(P234, 8499, 10000), 4);
    });
    it('points 2, 3, 4 clear: 80.00 % → 4, 79.99 % → 3', () => {
      assert.equal(level12(P234, 80, 100), 4);
      assert.equal(level12(P234, 7999, 10000), 3);
    });
    it('points 2 and 3 clear: 75.00 % → 3, 74.99 % → 2', () => {
      assert.equal(level12(['2', '3'], 75, 100), 3);
      assert.equal(level12(['2', '3'], 3, 4), 3);
      assert.equal(level12(['2', '3'], 7499, 10000), 2);
    });
    it('points 2 and 3 clear: 70.00 % → 2, 69.99 % → 1', () => {
      assert.equal(level12(['2', '3'], 70, 100), 2);
      assert.equal(level12(['2', '3'], 6999, 10000), 1);
    });
    it('point 4 not clear at 90 % → 3 (levels 4 and 5 need point 4)', () => {
      assert.equal(level12(['1', '2', '3'], 90, 100), 3);
    });
    it('point 3 not clear → 1, even at 100 %', () => {
      assert.equal(level12(['1', '2', '4'], 100, 100), 1);
    });
    it('point 2 not clear → 1', () => {
      assert.equal(level12(['1', '3', '4'], 100, 100), 1);
    });
    it('point 1 is not part of the 12-month levels: 2, 3, 4 clear at 90 % → 5', () => {
      assert.equal(level12(P234, 90, 100), 5);
      assert.equal(level12(ALL, 90, 100), 5);
    });
    it('rounds before comparing: 16999/20000 = 84.995 → 85.00 → 5', () => {
      assert.equal(level12(P234, 16999, 20000), 5);
    });
  });

  describe('scoring: overall score and descriptor (seed 003)', () => {
    const round = (id: string, level: number): RoundScore => ({ round: id, title: { th: id, en: id }, level, levels: [], points: [], figures: [] });
    const overall = (...levels: number[]) => overallScore(levels.map((l, i) => round(i === 0 ? '6m' : '12m', l)), pack);

    it('(3, 5) → 4.00 ดีมาก (the FY2566 report)', () => {
      const o = overall(3, 5)!;
      assert.equal(o.score, 4);
      assert.deepEqual(o.descriptor, { th: 'ดีมาก', en: 'Very good' });
      assert.deepEqual(o.roundsAssessed, ['6m', '12m']);
    });
    it('(4, 5) → 4.50 ดีเยี่ยม', () => {
      const o = overall(4, 5)!;
      assert.equal(o.score, 4.5);
      assert.equal(o.descriptor?.th, 'ดีเยี่ยม');
    });
    it('(1, 2) → 1.50 ปรับปรุง', () => {
      const o = overall(1, 2)!;
      assert.equal(o.score, 1.5);
      assert.equal(o.descriptor?.th, 'ปรับปรุง');
    });
    it('(2, 2) → 2.00 พอใช้', () => {
      const o = overall(2, 2)!;
      assert.equal(o.score, 2);
      assert.equal(o.descriptor?.th, 'พอใช้');
    });
    it('(3, 3) → 3.00 ดี', () => {
      const o = overall(3, 3)!;
      assert.equal(o.score, 3);
      assert.equal(o.descriptor?.th, 'ดี');
    });
    it('(5, 5) → 5.00 ดีเยี่ยม, (1, 1) → 1.00 ปรับปรุง, (2, 3) → 2.50 พอใช้, (3, 4) → 3.50 ดีมาก', () => {
      assert.deepEqual([overall(5, 5)!.score, overall(5, 5)!.descriptor?.th], [5, 'ดีเยี่ยม']);
      assert.deepEqual([overall(1, 1)!.score, overall(1, 1)!.descriptor?.th], [1, 'ปรับปรุง']);
      assert.deepEqual([overall(2, 3)!.score, overall(2, 3)!.descriptor?.th], [2.5, 'พอใช้']);
      assert.deepEqual([overall(3, 4)!.score, overall(3, 4)!.descriptor?.th], [3.5, 'ดีมาก']);
    });
    it('a single round only → that level', () => {
      for (const l of [1, 2, 3, 4, 5]) {
        const o = overallScore([round('12m', l)], pack)!;
        assert.equal(o.score, l);
        assert.deepEqual(o.roundsAssessed, ['12m']);
      }
      assert.equal(overallScore([round('6m', 3)], pack)!.descriptor?.th, 'ดี');
    });
    it('no round → no overall score', () => {
      assert.equal(overallScore([], pack), undefined);
    });
  });

  describe('scoring: the next-level gap', () => {
    it('clean sample: the 6-month round needs 3 more schools with all 4 areas (107/112 = 95.54 %)', async () => {
      const dir = path.resolve(__dirname, '..', '..', 'samples', 'srinakhara-1');
      const host = new MemoryHost().mirrorFromDisk(dir);
      const manifest = path.join(dir, 'x2.evidence.yaml');
      const r = await createEngine(host).checkManifest(manifest, readFileSync(manifest, 'utf8'), { workspaceRoot: path.dirname(dir) });
      assert.deepEqual(r.findings.map(where), []);
      const sixM = r.score!.rounds.find((x) => x.round === '6m')!;
      assert.equal(sixM.level, 4);
      assert.equal(sixM.next?.level, 5);
      assert.equal(sixM.next?.gaps.length, 1);
      const gap = sixM.next!.gaps[0]!;
      assert.equal(gap.kind, 'figureAtLeast');
      assert.match(gap.message.en, /^3 more: /);
      assert.ok(gap.message.en.includes('107/112 = 95.54 %'), gap.message.en);
      assert.ok(gap.message.th.includes('เพิ่มอีก 3 แห่ง'), gap.message.th);
      assert.ok(gap.message.th.includes('107/112'), gap.message.th);
      const twelveM = r.score!.rounds.find((x) => x.round === '12m')!;
      assert.equal(twelveM.level, 5);
      assert.equal(twelveM.next, undefined);
      assert.equal(r.score!.overall?.score, 4.5);
      assert.equal(r.score!.overall?.descriptor?.th, 'ดีเยี่ยม');
    });

    it('gap for unclear points names the points and how many more are needed', () => {
      const r = scoreRound(six, points(six, ['1', '2']), sixFigures(4, 100, 100), pack);
      assert.equal(r.level, 3);
      assert.equal(r.next?.level, 4);
      assert.equal(r.next?.gaps.length, 1);
      assert.match(r.next!.gaps[0]!.message.en, /^1 more clear point → level 4 \(point 3: not clear; point 4: not clear\)$/);
    });

    it('gap at an exact boundary: 94/100 needs 1 more school (95/100 = 95.00 %)', () => {
      const r = scoreRound(six, points(six, ALL), sixFigures(4, 94, 100), pack);
      assert.equal(r.level, 4);
      assert.ok(r.next!.gaps[0]!.message.en.startsWith('1 more: '), r.next!.gaps[0]!.message.en);
      assert.ok(r.next!.gaps[0]!.message.en.includes('95/100 = 95.00 %'), r.next!.gaps[0]!.message.en);
    });

    it('no gap at level 5', () => {
      assert.equal(scoreRound(six, points(six, ALL), sixFigures(4, 100, 100), pack).next, undefined);
    });
  });

  describe('scoring: end to end through real workbooks (2000 schools)', function () {
    this.timeout(30_000);
    const fig = (allAreas: number, using: number) => ({ officeAreas: 4, schools: 2000, schoolsAllAreas: allAreas, schools12m: 2000, schoolsUsingRealTime: using });

    async function levels(allAreas: number, using: number, drop: string[] = []): Promise<{ six: number; twelve: number; findings: string[]; pct6?: number; pct12?: number }> {
      const office = await setupOffice({ figuresOf: fig(allAreas, using), drop });
      const r = await office.check();
      const s = r.score!.rounds.find((x) => x.round === '6m')!;
      const t = r.score!.rounds.find((x) => x.round === '12m')!;
      return {
        six: s.level,
        twelve: t.level,
        findings: r.findings.map(where),
        pct6: s.figures.find((f) => f.id === 'percentAllAreas')?.value,
        pct12: t.figures.find((f) => f.id === 'percentUsingRealTime')?.value,
      };
    }

    before(async () => {
      // Build the large workbooks up front so each test measures the engine, not exceljs.
      await Promise.all([x22Workbook(2000, 1900), x22Workbook(2000, 1899), x23Workbook(2000, 1700), x23Workbook(2000, 1699)]);
    });

    it('X2.2 with 1900 of 2000 schools (95.00 %) → 6-month level 5; X2.3 1700/2000 (85.00 %) → 12-month level 5', async () => {
      const r = await levels(1900, 1700);
      assert.deepEqual(r.findings, []);
      assert.equal(r.pct6, 95);
      assert.equal(r.pct12, 85);
      assert.equal(r.six, 5);
      assert.equal(r.twelve, 5);
    });

    it('X2.2 with 1899 of 2000 schools (94.95 %) → 4; X2.3 1699/2000 (84.95 %) → 4', async () => {
      const r = await levels(1899, 1699);
      assert.deepEqual(r.findings, []);
      assert.equal(r.pct6, 94.95);
      assert.equal(r.pct12, 84.95);
      assert.equal(r.six, 4);
      assert.equal(r.twelve, 4);
    });

    it('the same office without 6-month point 4 and 12-month point 4 → 4 and 3', async () => {
      const r = await levels(1900, 1700, ['6m.4', '12m.4']);
      assert.equal(r.six, 4);
      assert.equal(r.twelve, 3);
    });

    it('the sample-sized office (104/112, 98/112) → 4 and 5, overall 4.50 ดีเยี่ยม', async () => {
      const office = await setupOffice();
      const r = await office.check();
      assert.deepEqual(r.findings.map(where), []);
      assert.deepEqual(r.score!.rounds.map((x) => [x.round, x.level]), [['6m', 4], ['12m', 5]]);
      assert.equal(r.score!.overall?.score, 4.5);
      assert.equal(r.score!.overall?.descriptor?.th, 'ดีเยี่ยม');
    });

    it('only the 12-month round submitted → the overall score is that level', async () => {
      const office = await setupOffice({ rounds: ['12m'] });
      const r = await office.check();
      assert.deepEqual(r.findings.map(where), []);
      assert.deepEqual(r.score!.rounds.map((x) => x.round), ['12m']);
      assert.equal(r.score!.overall?.score, 5);
      assert.deepEqual(r.score!.overall?.roundsAssessed, ['12m']);
    });

    it('(3, 5) end to end: point 3 and 4 of the 6-month round missing at 92.86 % → 3; 12-month 5; overall 4.00 ดีมาก', async () => {
      const office = await setupOffice({ drop: ['6m.3', '6m.4'] });
      const r = await office.check();
      assert.deepEqual(r.score!.rounds.map((x) => x.level), [3, 5]);
      assert.equal(r.score!.overall?.score, 4);
      assert.equal(r.score!.overall?.descriptor?.th, 'ดีมาก');
    });
  });
});
