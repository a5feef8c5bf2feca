import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PackRegistry, parsePack } from '../../server/src/engine/packs/loader';
import type { Pack } from '../../server/src/engine/packs/model';

const X2_PATH = path.resolve(__dirname, '../../schemas/obec-x2.pack.yaml');
const X2_TEXT = readFileSync(X2_PATH, 'utf8');

function codesAt(text: string): { code: string; line: number }[] {
  return parsePack(text, 'test.pack.yaml').findings.map((f) => ({
    code: f.code,
    line: f.location.kind === 'text' ? f.location.range.start.line : -1,
  }));
}

describe('schema packs', () => {
  it('the X2 pack loads with no findings and both rounds of 4 points', () => {
    const r = parsePack(X2_TEXT, X2_PATH);
    assert.deepEqual(r.findings, []);
    assert.ok(r.pack);
    assert.deepEqual((r.pack as Pack).rounds.map((x) => [x.id, x.points.map((p) => p.id)]), [
      ['6m', ['1', '2', '3', '4']],
      ['12m', ['1', '2', '3', '4']],
    ]);
    // Thresholds as in seed 000: 95/90/85/80 (6m), 85/80/75/70 (12m).
    const mins = (round: number) =>
      (r.pack as Pack).rounds[round]!.levels.flatMap((l) => l.all.filter((c) => c.kind === 'figureAtLeast' && c.figure.startsWith('percent')).map((c) => (c as { min: number }).min));
    assert.deepEqual(mins(0), [95, 90, 85, 80]);
    assert.deepEqual(mins(1), [85, 80, 75, 70]);
  });

  it('every entry of the X2 pack cites seed 000 or 003', () => {
    const seeds = [...X2_TEXT.matchAll(/seed: (\S+?),/g)].map((m) => m[1]);
    assert.ok(seeds.length > 20);
    for (const s of seeds) assert.ok(s === '000_a9d229d699a9d37e' || s === '003_d0562926be363ad4', s);
  });

  it('the seed Thai text of 6-month point 3 is quoted verbatim', () => {
    const seed = readFileSync(path.resolve(__dirname, '../../../shared/seeds/000_a9d229d699a9d37e.txt'), 'utf8');
    const pack = (parsePack(X2_TEXT, X2_PATH).pack as Pack);
    const text = pack.rounds[0]!.points[2]!.text.th;
    assert.ok(seed.includes(text), text);
  });

  it('broken YAML in a pack is a pack.yaml.syntax finding, not a throw', () => {
    const found = codesAt('id: x\nedition: [unclosed\n');
    assert.equal(found[0]?.code, 'pack.yaml.syntax');
  });

  it('a missing field is a pack.schema.invalid finding at the parent', () => {
    const broken = X2_TEXT.replace(/^indicator: X2\n/m, '');
    const found = codesAt(broken);
    assert.deepEqual(found.map((f) => f.code), ['pack.schema.invalid']);
  });

  it('a wrong type is located at the value', () => {
    const broken = X2_TEXT.replace('  decimals: 2\n', '  decimals: two\n');
    const found = codesAt(broken);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.code, 'pack.schema.invalid');
    const line = X2_TEXT.split('\n').findIndex((l) => l === '  decimals: 2');
    assert.equal(found[0]!.line, line);
  });

  it('a level naming an unknown figure is a pack.reference.unknown finding at that reference', () => {
    const broken = X2_TEXT.replace('{ kind: figureAtLeast, figure: percentAllAreas, min: 95 }', '{ kind: figureAtLeast, figure: percentAllArea, min: 95 }');
    const found = codesAt(broken);
    assert.deepEqual(found.map((f) => f.code), ['pack.reference.unknown']);
    const line = X2_TEXT.split('\n').findIndex((l) => l.includes('figure: percentAllAreas, min: 95'));
    assert.equal(found[0]!.line, line);
  });

  it('a measure over an unknown column is reported', () => {
    const broken = X2_TEXT.replace('columns: [general, budget, personnel, academic]', 'columns: [general, budget, personel, academic]');
    assert.deepEqual(codesAt(broken).map((f) => f.code), ['pack.reference.unknown']);
  });

  it('a registry keeps serving the valid packs when one is broken', () => {
    const reg = new PackRegistry().add([parsePack('id: [', 'bad.pack.yaml'), parsePack(X2_TEXT, X2_PATH)]);
    assert.deepEqual(reg.frameworks(), ['obec-x2']);
    assert.equal(reg.findings.length, 1);
    assert.equal(reg.findings[0]!.location.path, 'bad.pack.yaml');
  });

  it('a new fiscal year is a data change: an edition for 2569 with other thresholds is picked by fiscal year', () => {
    const next = X2_TEXT.replace('edition: "2566"', 'edition: "2569"')
      .replace('fromFiscalYear: 2566', 'fromFiscalYear: 2569')
      .replace('{ kind: figureAtLeast, figure: percentAllAreas, min: 95 }', '{ kind: figureAtLeast, figure: percentAllAreas, min: 97 }');
    const reg = new PackRegistry().add([parsePack(X2_TEXT, 'a.pack.yaml'), parsePack(next, 'b.pack.yaml')]);
    assert.deepEqual(reg.findings, []);
    assert.equal(reg.resolve('obec-x2', 2567)?.pack.edition, '2566');
    assert.equal(reg.resolve('obec-x2', 2568)?.pack.edition, '2566');
    assert.equal(reg.resolve('obec-x2', 2569)?.pack.edition, '2569');
    assert.equal(reg.resolve('obec-x2', 2575)?.pack.edition, '2569');
    const before = reg.resolve('obec-x2', 2560)!;
    assert.equal(before.exact, false);
    assert.equal(before.pack.edition, '2566');
    assert.equal(reg.resolve('pmqa', 2567), undefined);
  });

  it('two packs with the same id and edition: the second is a pack.duplicate finding', () => {
    const reg = new PackRegistry().add([parsePack(X2_TEXT, 'a.pack.yaml'), parsePack(X2_TEXT, 'b.pack.yaml')]);
    assert.deepEqual(reg.findings.map((f) => [f.code, f.location.path]), [['pack.duplicate', 'b.pack.yaml']]);
  });
});
