import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePack } from '../../server/src/engine/packs/loader';
import type { MaturityPack } from '../../server/src/engine/packs/model';

const PMQA_PATH = path.resolve(__dirname, '../../schemas/obec-pmqa.pack.yaml');
const PMQA_TEXT = readFileSync(PMQA_PATH, 'utf8');
const SEED_ID = '001_5360d539be1c4c58';
const SEED_TEXT = readFileSync(path.resolve(__dirname, `../../../shared/seeds/${SEED_ID}.txt`), 'utf8');

/**
 * Normalises a Thai text for comparison with the seed: bullet glyphs (the private-use
 * Symbol-font bullets , ,  …, •, ·, a lone "O", a "-" opening a word) and the "; " the
 * pack puts between bullets become spaces, then every run of whitespace (tabs, line breaks,
 * no-break spaces) becomes one space. Words are untouched, so one changed word still fails.
 */
function normalise(s: string): string {
  return ` ${s} `
    .replace(/[\uf071\uf0a7\uf0b7\uf0d8\uf0fc\u2022\u25cf\u25aa\u00b7;]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ O(?= )/g, ' ')
    .replace(/ -/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Like {@link normalise}, but drops whitespace altogether (for prose the pack re-joins where the seed breaks a word across lines). */
const squeeze = (s: string): string => normalise(s).replace(/ /g, '');

const SEED = normalise(SEED_TEXT);
const SEED_SQUEEZED = squeeze(SEED_TEXT);

function load(): MaturityPack {
  const r = parsePack(PMQA_TEXT, PMQA_PATH);
  assert.deepEqual(r.findings, []);
  assert.ok(r.pack);
  return r.pack as MaturityPack;
}

function codesAt(text: string): { code: string; line: number }[] {
  return parsePack(text, 'test.pack.yaml').findings.map((f) => ({
    code: f.code,
    line: f.location.kind === 'text' ? f.location.range.start.line : -1,
  }));
}

const lineOf = (needle: string): number => PMQA_TEXT.split('\n').findIndex((l) => l === needle);

describe('the PMQA pack (seed 001)', () => {
  const pack = load();
  const category = (id: string) => pack.categories.find((c) => c.id === id)!;
  /** Sub-items with level texts: all but 1.2 (from the ITA report) and the results dimensions 7.x. */
  const levelled = pack.categories.flatMap((c) => (c.indicators ? [] : c.items.filter((i) => !i.scoredBy)));

  it('loads as a maturity pack with no findings', () => {
    const r = parsePack(PMQA_TEXT, PMQA_PATH);
    assert.deepEqual(r.findings, []);
    assert.equal((r.pack as MaturityPack).model, 'maturity');
    assert.equal(pack.id, 'obec-pmqa');
    assert.equal(pack.edition, '2565');
    assert.equal(pack.appliesTo.fromFiscalYear, 2565);
    assert.equal(pack.indicator, 'PMQA');
  });

  it('has the levels Basic 300, Advance 400, Significance 500 of 500', () => {
    assert.deepEqual(pack.levels.map((l) => [l.id, l.points]), [
      ['basic', 300],
      ['advance', 400],
      ['significance', 500],
    ]);
    assert.equal(pack.points.max, 500);
    assert.equal(pack.points.decimals, 2);
    assert.deepEqual(pack.descriptors, []);
  });

  it('has the seven categories with weights 12, 8, 11, 10, 9, 10, 40', () => {
    assert.deepEqual(pack.categories.map((c) => c.id), ['1', '2', '3', '4', '5', '6', '7']);
    assert.deepEqual(pack.categories.map((c) => c.weight), [12, 8, 11, 10, 9, 10, 40]);
  });

  it('has the sub-items 1.1–1.4 … 6.1–6.4 and the dimensions 7.1–7.6', () => {
    const ids = (n: number, to: number): string[] => Array.from({ length: to }, (_, i) => `${n}.${i + 1}`);
    assert.deepEqual(
      pack.categories.map((c) => c.items.map((i) => i.id)),
      [ids(1, 4), ids(2, 4), ids(3, 4), ids(4, 4), ids(5, 4), ids(6, 4), ids(7, 6)],
    );
  });

  it('every entry cites seed 001', () => {
    const sources: unknown[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'source') sources.push(x);
          else walk(x);
        }
      }
    };
    walk(pack);
    // top, 3 levels, points, 3 sources, 7 categories, 30 items, 17 attachments, 1 indicator rules.
    assert.equal(sources.length, 1 + 3 + 1 + 3 + 7 + 30 + 17 + 1);
    for (const s of sources) assert.equal((s as { seed: string }).seed, SEED_ID, JSON.stringify(s));
    const inText = [...PMQA_TEXT.matchAll(/seed: (\S+?),/g)].map((m) => m[1]);
    assert.equal(inText.length, sources.length);
    for (const s of inText) assert.equal(s, SEED_ID);
  });

  it('every Thai level text is quoted from the seed, in the order of the seed', () => {
    let checked = 0;
    for (const i of levelled) {
      assert.deepEqual(Object.keys(i.levels), ['basic', 'advance', 'significance'], i.id);
      // The item's title, then its Basic, Advance and Significance texts, in that order.
      let at = SEED.indexOf(`${i.id} ${normalise(i.title.th)}`);
      assert.ok(at >= 0, `title of ${i.id} not in the seed: ${i.title.th}`);
      for (const level of ['basic', 'advance', 'significance']) {
        const text = normalise(i.levels[level]!.th);
        const found = SEED.indexOf(text, at);
        assert.ok(found >= 0, `${i.id} ${level} is not quoted from the seed (after its title):\n${text}`);
        at = found + text.length;
        checked++;
      }
    }
    assert.equal(checked, 3 * (4 + 3 + 4 + 4 + 4 + 4));
  });

  it('the level texts are whole: nothing of the seed is left out between or after them', () => {
    // What the seed prints between a sub-item's title and its Basic column (other than nothing).
    const lead: Record<string, string> = {
      '1.1': '1.1.1 การนำระบบองค์การของผู้บริหาร',
      '4.1': normalise(category('4').items[0]!.note!.th),
    };
    // What may follow the Significance column: the attachments column, a note, the next
    // table header, the next sub-item, or the category's closing rule.
    const next = ['แบบฟอร์มตอบประเด็น', '1. สพท. ไม่ต้องรายงานผล', 'ประเด็น ระดับ Basic ระดับ Advance', 'ในหมวดที่', 'หมวด '];
    for (const i of levelled) {
      const title = `${i.id} ${normalise(i.title.th)}`;
      let at = SEED.indexOf(title) + title.length;
      const gaps: string[] = [];
      for (const level of ['basic', 'advance', 'significance']) {
        const text = normalise(i.levels[level]!.th);
        const found = SEED.indexOf(text, at);
        gaps.push(SEED.slice(at, found).trim());
        at = found + text.length;
      }
      assert.deepEqual(gaps, [lead[i.id] ?? '', '', ''], `${i.id}: seed text between the columns`);
      const after = SEED.slice(at).trim();
      const nextItem = `${i.id.split('.')[0]}.${Number(i.id.split('.')[1]) + 1} `;
      assert.ok([...next, nextItem].some((n) => after.startsWith(n)), `${i.id}: the Significance text stops short of: ${after.slice(0, 60)}`);
    }
  });

  it('every Thai item title is the seed\'s', () => {
    for (const c of pack.categories) {
      for (const i of c.items) assert.ok(SEED.includes(`${i.id} ${normalise(i.title.th)}`), `${i.id}: ${i.title.th}`);
    }
  });

  it('category titles are the seed\'s, except 6, which the seed mistitles', () => {
    for (const c of pack.categories.filter((x) => x.id !== '6')) {
      assert.ok(SEED.includes(`หมวด ${c.id} ${normalise(c.title.th)}`), `${c.id}: ${c.title.th}`);
    }
    assert.equal(category('6').title.th, 'การมุ่งเน้นระบบปฏิบัติการ');
    assert.ok(SEED.includes('หมวด 6 การมุ่งเน้นบุคลากร'));
    assert.ok(SEED.includes('หมวด 5 การมุ่งเน้นบุคลากร'));
  });

  it('descriptions, notes, attachment titles and source texts quote the seed', () => {
    const quotes: [string, string][] = [];
    for (const c of pack.categories) {
      if (c.description) quotes.push([`category ${c.id} description`, c.description.th]);
      for (const a of c.attachments) quotes.push([`category ${c.id} attachment ${a.id}`, a.title.th]);
      for (const i of c.items) {
        if (i.description) quotes.push([`${i.id} description`, i.description.th]);
        if (i.note) quotes.push([`${i.id} note`, i.note.th]);
      }
    }
    for (const s of pack.sources) quotes.push([`source ${s.id}`, s.text.th]);
    // The category-7 rules, up to the tool's own scoring rule (which the seed does not state).
    const rules = category('7').indicators!.text.th;
    const own = rules.indexOf(' (กติกาการให้คะแนนของเครื่องมือนี้');
    assert.ok(own > 0);
    quotes.push(['category 7 indicator rules', rules.slice(0, own)]);
    assert.equal(quotes.length, 7 + 17 + 6 + 5 + 3 + 1);
    for (const [what, th] of quotes) assert.ok(SEED_SQUEEZED.includes(squeeze(th)), `${what} is not quoted from the seed:\n${th}`);
  });

  it('the normaliser lets a single changed word fail', () => {
    const text = category('2').items[0]!.levels['significance']!.th;
    assert.ok(SEED.includes(normalise(text)));
    const changed = text.replace('ขีดความสามารถ', 'ความสามารถ');
    assert.notEqual(changed, text);
    assert.ok(!SEED.includes(normalise(changed)));
    assert.ok(!SEED_SQUEEZED.includes(squeeze(changed)));
    // Bullets and separators do not matter, words do.
    assert.equal(normalise('\uf071 ก\n\t-ข; O ค · ง'), 'ก ข ค ง');
  });

  it('1.2 comes from the ITA report; categories 4 and 6 from the KPIs and the monitoring group', () => {
    const i12 = category('1').items.find((i) => i.id === '1.2')!;
    assert.equal(i12.scoredBy, 'ita');
    assert.deepEqual(i12.levels, {});
    assert.equal(category('4').scoredBy, 'kpi');
    assert.equal(category('6').scoredBy, 'monitoring');
    assert.deepEqual(category('4').attachments, []);
    assert.deepEqual(category('6').attachments, []);
    assert.deepEqual(pack.sources.map((s) => [s.id, s.kind]), [
      ['ita', 'level'],
      ['kpi', 'weighted'],
      ['monitoring', 'group'],
    ]);
    const kpi = pack.sources[1]!;
    assert.ok(kpi.kind === 'weighted');
    assert.deepEqual(kpi.inputs.map((i) => [i.id, i.weight, i.items]), [
      ['kpi-4.1.2', 70, ['4.1', '4.2', '4.3']],
      ['kpi-8', 30, ['4.4']],
    ]);
    assert.deepEqual(kpi.bands, [
      { min: 5, level: 'significance' },
      { min: 4, level: 'advance' },
      { min: 3, level: 'basic' },
    ]);
    assert.equal(kpi.decimals, 4);
    assert.equal(kpi.pointsPerUnit, 100);
    const monitoring = pack.sources[2]!;
    assert.ok(monitoring.kind === 'group');
    assert.deepEqual(monitoring.groups, [
      { id: 'A', level: 'significance' },
      { id: 'B', level: 'advance' },
      { id: 'C', level: 'basic' },
    ]);
  });

  it('categories 1, 2, 3, 5 need the four attachments; category 7 the results form', () => {
    for (const id of ['1', '2', '3', '5']) {
      const c = category(id);
      assert.deepEqual(c.attachments.map((a) => a.id), ['response-form', 'approval-letter', 'summary-report', 'activity-media'], id);
      assert.deepEqual(c.attachments.map((a) => [a.type, a.per, a.minCount]), [
        ['file', 'item', 1],
        ['file', 'item', 1],
        ['file', 'item', 1],
        ['file-or-link', 'level', 1],
      ]);
    }
    assert.deepEqual(category('7').attachments.map((a) => [a.id, a.type, a.per]), [['results-form', 'file', 'item']]);
  });

  it('category 7 has one indicator per dimension, typed values and no per-level texts', () => {
    const c = category('7');
    const rules = c.indicators!;
    assert.equal(rules.perDimension, 1);
    assert.equal(rules.uniqueAcrossDimensions, true);
    assert.equal(rules.baselineWhenRepeated, true);
    assert.equal(rules.notAchieved, 'ratio-of-first-level');
    assert.deepEqual(rules.valueTypes.map((v) => [v.id, v.min, v.max, v.integer]), [
      ['percent', 0, 100, false],
      ['successLevel', 1, 5, false],
      ['count', 0, undefined, true],
    ]);
    for (const i of c.items) {
      assert.deepEqual(i.levels, {}, i.id);
      assert.ok(i.description, i.id);
    }
  });

  it('weights that do not sum to 100 are a pack.weights.sum finding at their key', () => {
    assert.deepEqual(codesAt(PMQA_TEXT.replace('weight: 40', 'weight: 41')), [{ code: 'pack.weights.sum', line: lineOf('categories:') }]);
    const inputs = PMQA_TEXT.replace('weight: 70', 'weight: 71');
    assert.deepEqual(codesAt(inputs).map((f) => f.code), ['pack.weights.sum']);
    const r = parsePack(PMQA_TEXT.replace('weight: 40', 'weight: 41'), 'test.pack.yaml');
    assert.equal(r.pack, undefined);
    assert.equal(r.findings[0]!.message.en, 'The weights at categories must sum to 100 % (they sum to 101)');
  });

  it('an unknown level or source is a pack.reference.unknown finding', () => {
    assert.deepEqual(codesAt(PMQA_TEXT.replace('{ id: C, level: basic }', '{ id: C, level: basics }')).map((f) => f.code), ['pack.reference.unknown']);
    assert.deepEqual(codesAt(PMQA_TEXT.replace('scoredBy: monitoring', 'scoredBy: monitor')).map((f) => f.code), ['pack.reference.unknown']);
  });
});
