/**
 * The ESAO Standard 2557 pack (schemas/esao-2557.pack.yaml): it validates with the rounds
 * model unchanged, its Thai texts are quoted from seed 002 (after whitespace is
 * normalised), and the four consideration points the seed does not quote say so instead of
 * carrying invented text.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePack } from '../../server/src/engine/packs/loader';
import { isRoundsPack, type Pack } from '../../server/src/engine/packs/model';

const PACK_PATH = path.resolve(__dirname, '../../schemas/esao-2557.pack.yaml');
const PACK_TEXT = readFileSync(PACK_PATH, 'utf8');
const SEED = readFileSync(path.resolve(__dirname, '../../../shared/seeds/002_989ad1e1a981d514.txt'), 'utf8');
const X2_TEXT = readFileSync(path.resolve(__dirname, '../../schemas/obec-x2.pack.yaml'), 'utf8');

/**
 * Whitespace removed: the seed is a table pasted as text, so its cells break lines inside
 * words ("ประเด็น\nการพิจารณา") and double spaces; Thai separates words without spaces.
 */
const squash = (s: string): string => s.replace(/\s+/g, '');
const SEED_SQUASHED = squash(SEED);
const quoted = (text: string): boolean => SEED_SQUASHED.includes(squash(text));

function load(): Pack {
  const r = parsePack(PACK_TEXT, PACK_PATH);
  assert.deepEqual(r.findings, []);
  assert.ok(r.pack && isRoundsPack(r.pack));
  return r.pack;
}

describe('schema pack: ESAO Standard 2557 (esao-2557)', () => {
  it('parses with no findings: one 12-month round of 6 points, levels 5..1, no tables, figures or vocabularies', () => {
    const pack = load();
    assert.equal(pack.id, 'esao-2557');
    assert.equal(pack.edition, '2557');
    assert.deepEqual(pack.appliesTo, { fromFiscalYear: 2557 });
    assert.equal(pack.indicator, 'มาตรฐานที่ 1 ตัวบ่งชี้ที่ 1');
    assert.deepEqual(pack.tables, []);
    assert.deepEqual(pack.vocabularies, {});
    assert.equal(pack.rounds.length, 1);
    const round = pack.rounds[0]!;
    assert.equal(round.id, 'annual');
    assert.equal(round.months, 12);
    assert.deepEqual(round.title, { th: 'ผลการดำเนินงานประจำปี', en: 'Annual' });
    assert.deepEqual(round.figures, []);
    assert.deepEqual(round.points.map((p) => p.id), ['1', '2', '3', '4', '5', '6']);
    assert.deepEqual(round.levels.map((l) => l.level), [5, 4, 3, 2, 1]);
  });

  it('each point needs one document (file or link) of the accepted types', () => {
    for (const p of load().rounds[0]!.points) {
      assert.equal(p.evidence.length, 1, `point ${p.id}`);
      const e = p.evidence[0]!;
      assert.equal(e.id, 'document');
      assert.equal(e.type, 'file-or-link');
      assert.equal(e.minCount, 1);
      assert.equal(e.optional, false);
      assert.deepEqual(e.fileTypes, ['pdf', 'docx', 'doc', 'xlsx', 'png', 'jpg', 'jpeg']);
      assert.equal(e.title.th, 'เอกสาร/หลักฐานอ้างอิง');
    }
  });

  it('levels: all 6 points reported and 6 / 5 / 4 / 3 clear; level 1 is the fallback', () => {
    const levels = load().rounds[0]!.levels;
    assert.deepEqual(
      levels.map((l) => [l.level, l.all]),
      [
        [5, [{ kind: 'reportedPoints', min: 6 }, { kind: 'clearPoints', min: 6 }]],
        [4, [{ kind: 'reportedPoints', min: 6 }, { kind: 'clearPoints', min: 5 }]],
        [3, [{ kind: 'reportedPoints', min: 6 }, { kind: 'clearPoints', min: 4 }]],
        [2, [{ kind: 'reportedPoints', min: 6 }, { kind: 'clearPoints', min: 3 }]],
        [1, []],
      ],
    );
  });

  it('the level texts are quoted from seed 002', () => {
    const levels = load().rounds[0]!.levels;
    for (const l of levels) assert.ok(quoted(l.text.th), `level ${l.level}: ${l.text.th}`);
    // Each level's own line: the clear-evidence count of the seed's table.
    assert.deepEqual(
      levels.map((l) => l.text.th.replace(/^.*ปรากฏชัดเจน\s*/, '')),
      ['ทุกข้อ', '5 ข้อ', '4 ข้อ', '3 ข้อ', 'น้อยกว่า ๓ ข้อ'],
    );
  });

  it('the title and the texts of points 2 and 4 are quoted from seed 002', () => {
    const pack = load();
    assert.ok(quoted(pack.title.th), pack.title.th);
    const [p2, p4] = [pack.rounds[0]!.points[1]!, pack.rounds[0]!.points[3]!];
    assert.equal(p2.text.th, 'ข้อมูลสารสนเทศที่เป็นระบบ ในการบริหารจัดการและพัฒนาคุณภาพของสำนักงานเขตพื้นที่การศึกษา');
    assert.equal(p4.text.th, 'การประยุกต์ใช้นวัตกรรม เทคโนโลยี และรูปแบบการบริหารจัดการที่หลากหลาย');
    assert.ok(quoted(p2.text.th));
    assert.ok(quoted(p4.text.th));
  });

  it('points 1, 3, 5 and 6 say their text is not quoted (no invented text)', () => {
    const points = load().rounds[0]!.points;
    for (const id of ['1', '3', '5', '6']) {
      const p = points.find((x) => x.id === id)!;
      assert.equal(p.text.th, `ประเด็นการพิจารณาที่ ${id} (ข้อความของประเด็นนี้ไม่ได้ยกมาในเอกสารต้นทาง seed 002 — ดูมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2557)`);
      assert.match(p.text.en, new RegExp(`^Consideration point ${id} \\(its text is not quoted in source document 002`));
      assert.ok(!quoted(p.text.th), `point ${id} is a placeholder, not seed text`);
    }
  });

  it('every evidence text starts with the seed\'s note, quoted', () => {
    const note = 'โปรดระบุเอกสาร/หลักฐานอ้างอิง(ปีงบประมาณ 2556) ทุกประเด็นการพิจารณา';
    assert.ok(quoted(note));
    for (const p of load().rounds[0]!.points) assert.ok(p.evidenceText.th.startsWith(note), `point ${p.id}`);
  });

  it('cites seed 002, and seed 003 for scoring; descriptor bands are those of the X2 pack', () => {
    const seeds = [...PACK_TEXT.matchAll(/seed: (\S+?),/g)].map((m) => m[1]);
    assert.ok(seeds.length >= 14, String(seeds.length));
    for (const s of seeds) assert.ok(s === '002_989ad1e1a981d514' || s === '003_d0562926be363ad4', s);
    const pack = load();
    assert.equal(pack.scoring.source.seed, '003_d0562926be363ad4');
    assert.equal(pack.scoring.overall, 'mean-of-rounds');
    assert.equal(pack.scoring.decimals, 2);
    assert.equal(pack.scoring.percentDecimals, 2);
    const x2 = parsePack(X2_TEXT, 'obec-x2.pack.yaml').pack as Pack;
    assert.deepEqual(pack.scoring.descriptors, x2.scoring.descriptors);
  });
});
