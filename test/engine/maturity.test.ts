/**
 * The maturity model (PMQA, seed 001) through the engine, on a compact pack written here so
 * every rule and boundary can be reached with small manifests: cumulative levels and their
 * attachments, skipped and unsupported claims, one project per sub-item, partial credit,
 * sources (a level, weighted scores with their 4-decimal bands, a group letter), results
 * dimensions (one indicator each, unique, typed, baseline, achieved or partial credit),
 * category means, the weighted total and stated totals. The real PMQA pack is tested in
 * test/packs/pmqa.pack.test.ts and the sample office in test/cli.
 */
import { strict as assert } from 'node:assert';
import { createEvidenceEngine, type Finding, type ManifestCheckResult } from '../../server/src/engine/index';
import { levelForPoints, weightedHalfUp, roundPoints } from '../../server/src/engine/maturity';
import type { MaturityPack } from '../../server/src/engine/packs/model';
import { parsePack } from '../../server/src/engine/packs/loader';
import { MemoryHost } from './helpers';
import { locate } from '../support/locate';

const SRC = '{ seed: 001_5360d539be1c4c58, section: test }';
const T = (s: string): string => `{ th: "${s}", en: "${s}" }`;

const PACK = `
model: maturity
id: test-pmqa
edition: "2565"
appliesTo: { fromFiscalYear: 2565 }
indicator: PMQA
title: ${T('PMQA test')}
source: ${SRC}
levels:
  - { id: basic, title: { th: Basic, en: Basic }, points: 300, aliases: [พื้นฐาน], source: ${SRC} }
  - { id: advance, title: { th: Advance, en: Advance }, points: 400, source: ${SRC} }
  - { id: significance, title: { th: Significance, en: Significance }, points: 500, source: ${SRC} }
points: { max: 500, decimals: 2, partialCredit: share-of-first-level-requirements, text: ${T('partial')}, source: ${SRC} }
sources:
  - { id: ita, kind: level, title: ${T('ITA')}, text: ${T('ITA')}, source: ${SRC} }
  - id: kpi
    kind: weighted
    title: ${T('KPI')}
    text: ${T('KPI')}
    inputs:
      - { id: a, title: ${T('A')}, weight: 70, items: ["2.1"] }
      - { id: b, title: ${T('B')}, weight: 30, items: ["2.2"] }
    scale: { min: 1, max: 5 }
    decimals: 4
    bands: [{ min: 5, level: significance }, { min: 4, level: advance }, { min: 3, level: basic }]
    pointsPerUnit: 100
    source: ${SRC}
  - { id: grp, kind: group, title: ${T('Group')}, text: ${T('Group')}, groups: [{ id: A, level: significance }, { id: B, level: advance }, { id: C, level: basic }], source: ${SRC} }
categories:
  - id: "1"
    title: ${T('One')}
    weight: 30
    attachments:
      - { id: response-form, title: ${T('form')}, type: file, per: item, source: ${SRC} }
      - { id: approval-letter, title: ${T('letter')}, type: file, per: item, source: ${SRC} }
      - { id: activity-media, title: ${T('media')}, type: file-or-link, per: level, source: ${SRC} }
    items:
      - { id: "1.1", title: ${T('one one')}, levels: { basic: ${T('b')}, advance: ${T('a')}, significance: ${T('s')} }, source: ${SRC} }
      - { id: "1.2", title: ${T('ita item')}, scoredBy: ita, source: ${SRC} }
      - { id: "1.3", title: ${T('one three')}, levels: { basic: ${T('b')} }, source: ${SRC} }
    source: ${SRC}
  - id: "2"
    title: ${T('Two')}
    weight: 20
    scoredBy: kpi
    items:
      - { id: "2.1", title: ${T('two one')}, source: ${SRC} }
      - { id: "2.2", title: ${T('two two')}, source: ${SRC} }
    source: ${SRC}
  - id: "3"
    title: ${T('Three')}
    weight: 10
    scoredBy: grp
    items:
      - { id: "3.1", title: ${T('three one')}, source: ${SRC} }
    source: ${SRC}
  - id: "7"
    title: ${T('Results')}
    weight: 40
    attachments:
      - { id: results-form, title: ${T('results form')}, type: file, per: item, source: ${SRC} }
    indicators:
      perDimension: 1
      uniqueAcrossDimensions: true
      baselineWhenRepeated: true
      valueTypes:
        - { id: percent, title: { th: ร้อยละ, en: percent }, min: 0, max: 100 }
        - { id: successLevel, title: { th: ระดับความสำเร็จ, en: success level }, min: 1, max: 5 }
        - { id: count, title: { th: จำนวน, en: count }, min: 0, integer: true }
      notAchieved: ratio-of-first-level
      text: ${T('rules')}
      source: ${SRC}
    items:
      - { id: "7.1", title: ${T('seven one')}, source: ${SRC} }
      - { id: "7.2", title: ${T('seven two')}, source: ${SRC} }
    source: ${SRC}
`;

const DIR = '/office';
const MANIFEST = `${DIR}/pmqa.evidence.yaml`;

function host(): MemoryHost {
  const h = new MemoryHost();
  for (const f of ['form.pdf', 'letter.pdf', 'b.pdf', 'a.pdf', 's.pdf', 'r.pdf', 'f2.pdf', 'l2.pdf']) h.addFile(`${DIR}/e/${f}`, '%PDF-1.4\n%test\n');
  return h;
}

async function check(yaml: string, h = host()): Promise<ManifestCheckResult> {
  const engine = createEvidenceEngine(h, { packs: [{ path: '/schemas/test-pmqa.pack.yaml', text: PACK }] });
  assert.deepEqual(engine.packFindings(), []);
  return engine.checkManifest(MANIFEST, yaml);
}

const HEAD = `framework: test-pmqa
fiscalYear: 2567
office: { name: สพป.ทดสอบ เขต 1 }
reporter: { name: นายทดสอบ, position: นักวิชาการคอมพิวเตอร์, phone: "0 2000 0000", email: test@example.go.th }
`;

/** A sub-item 1.1 entry with the attachments for the given levels. */
function item11(level: string, mediaLevels: string[], extra = ''): string {
  return `  "1.1":
    level: ${level}
    project: โครงการ ก
    evidence:
      - { kind: response-form, file: e/form.pdf }
      - { kind: approval-letter, file: e/letter.pdf }
${mediaLevels.map((l) => `      - { kind: activity-media, level: ${l}, file: e/${l[0]}.pdf }`).join('\n')}
${extra}`;
}

const GOOD_SOURCES = `sources:
  ita: { level: advance }
  kpi: { scores: { a: 4.2, b: 3.5 } }
  grp: { group: B }
`;

const GOOD_RESULTS = `  "7.1":
    level: advance
    indicator: { title: ร้อยละของโรงเรียนที่ใช้ระบบ, target: { type: percent, value: 80 }, result: { type: percent, value: 85 } }
    evidence: [{ kind: results-form, file: e/r.pdf }]
  "7.2":
    level: basic
    indicator: { title: จำนวนนวัตกรรม, target: { type: count, value: 3 }, result: { type: count, value: 3 } }
    evidence: [{ kind: results-form, file: e/r.pdf }]
`;

const ITEM13 = `  "1.3":
    level: basic
    project: โครงการ ข
    evidence:
      - { kind: response-form, file: e/f2.pdf }
      - { kind: approval-letter, file: e/l2.pdf }
      - { kind: activity-media, level: basic, url: https://example.go.th/1.3 }
`;

function manifest(parts: { items11?: string; sources?: string; results?: string; item13?: string; totals?: string }): string {
  return `${HEAD}${parts.sources ?? GOOD_SOURCES}items:
${parts.items11 ?? item11('advance', ['basic', 'advance'])}${parts.item13 ?? ITEM13}${parts.results ?? GOOD_RESULTS}${parts.totals ?? ''}`;
}

const codes = (r: ManifestCheckResult): string[] => r.findings.map((f) => f.code).sort();
const at = (f: Finding): string => (f.location.kind === 'text' ? `${f.location.range.start.line}:${f.location.range.start.character}` : '');
const item = (r: ManifestCheckResult, id: string) => r.maturity!.categories.flatMap((c) => c.items).find((i) => i.item === id)!;
const cat = (r: ManifestCheckResult, id: string) => r.maturity!.categories.find((c) => c.category === id)!;

describe('maturity model (PMQA rules on a compact pack)', () => {
  it('the compact pack itself is valid', () => {
    assert.deepEqual(parsePack(PACK, '/p.yaml').findings, []);
  });

  it('a complete manifest: no findings; levels, category means and the weighted total', async () => {
    const r = await check(manifest({}));
    assert.deepEqual(codes(r), []);
    assert.equal(item(r, '1.1').level, 'advance');
    assert.equal(item(r, '1.1').points, 400);
    assert.equal(item(r, '1.2').from, 'source');
    assert.equal(item(r, '1.2').points, 400); // ITA advance
    assert.equal(item(r, '1.3').points, 300);
    // Category 1: (400 + 400 + 300) / 3 = 366.666… → 366.67; level basic (≥ 300, < 400).
    assert.equal(cat(r, '1').points, 366.67);
    assert.equal(cat(r, '1').level, 'basic');
    // KPI: 0.7 × 4.2 + 0.3 × 3.5 = 3.99 → basic → 300.
    assert.equal(r.maturity!.sources.find((s) => s.id === 'kpi')!.value, 3.99);
    assert.equal(cat(r, '2').points, 300);
    assert.equal(cat(r, '2').level, 'basic');
    assert.equal(cat(r, '3').points, 400); // group B → advance
    // Category 7: (400 + 300) / 2 = 350.
    assert.equal(cat(r, '7').points, 350);
    // Total: 366.67 × 0.30 + 300 × 0.20 + 400 × 0.10 + 350 × 0.40 = 110.001 + 60 + 40 + 140 = 350.001 → 350.00.
    assert.equal(r.maturity!.total, 350);
    assert.equal(r.maturity!.level, 'basic');
    assert.equal(r.maturity!.max, 500);
  });

  describe('cumulative levels and their attachments', () => {
    it('Significance with every level evidenced reaches 500', async () => {
      const r = await check(manifest({ items11: item11('significance', ['basic', 'advance', 'significance']) }));
      assert.deepEqual(codes(r), []);
      assert.equal(item(r, '1.1').points, 500);
      assert.equal(item(r, '1.1').next, undefined);
    });

    it('a level skipped: Advance claimed with Advance evidence but none for Basic → pmqa.level.skipped at the level, scored below Basic', async () => {
      const text = manifest({ items11: item11('advance', ['advance']) });
      const r = await check(text);
      assert.deepEqual(codes(r), ['pmqa.level.skipped']);
      const f = r.findings[0]!;
      const lv = locate(text, 'level: advance', 1);
      assert.equal(at(f), `${lv.line}:${lv.character + 'level: '.length}`);
      assert.match(f.message.en, /claims Advance but skips Basic, which has no evidence \(media for Basic\); levels are cumulative, so it reaches below Basic/);
      // Partial credit: 3 of Basic's 4 requirements (form, letter, the claim; no Basic media) → 300 × 3/4 = 225.
      assert.equal(item(r, '1.1').level, undefined);
      assert.equal(item(r, '1.1').points, 225);
    });

    it('a claim without its own evidence: Advance claimed, Basic evidenced → pmqa.level.unsupported, reaches Basic (300)', async () => {
      const r = await check(manifest({ items11: item11('advance', ['basic']) }));
      assert.deepEqual(codes(r), ['pmqa.level.unsupported']);
      assert.match(r.findings[0]!.message.en, /claims Advance without the evidence for Advance \(media for Advance\); it reaches Basic/);
      assert.equal(item(r, '1.1').level, 'basic');
      assert.equal(item(r, '1.1').points, 300);
      assert.deepEqual(item(r, '1.1').next?.level, 'advance');
    });

    it('evidence above the claim is information, the claim stands', async () => {
      const r = await check(manifest({ items11: item11('basic', ['basic', 'advance']) }));
      assert.deepEqual(codes(r), ['pmqa.evidence.above-claimed']);
      assert.equal(r.findings[0]!.severity, 'information');
      assert.equal(item(r, '1.1').points, 300);
    });

    it('a missing per-item attachment → pmqa.attachment.missing at the sub-item key; partial credit 300 × 3/4', async () => {
      const text = `${HEAD}${GOOD_SOURCES}items:
  "1.1":
    level: basic
    project: โครงการ ก
    evidence:
      - { kind: response-form, file: e/form.pdf }
      - { kind: activity-media, level: basic, file: e/b.pdf }
${ITEM13}${GOOD_RESULTS}`;
      const r = await check(text);
      assert.deepEqual(codes(r), ['pmqa.attachment.missing']);
      assert.equal(at(r.findings[0]!), `${locate(text, '"1.1"').line}:${locate(text, '"1.1"').character}`);
      assert.match(r.findings[0]!.message.en, /Sub-item 1\.1: missing attachment "letter"/);
      assert.equal(item(r, '1.1').points, 225);
    });

    it('an attachment whose file is missing makes its requirement unmet (the file finding says why)', async () => {
      const r = await check(manifest({ items11: item11('basic', ['basic']).replace('e/letter.pdf', 'e/nope.pdf') }));
      assert.deepEqual(codes(r), ['evidence.file.missing']);
      assert.equal(item(r, '1.1').points, 225);
    });

    it('no level claimed → pmqa.level.missing; only partial credit', async () => {
      const r = await check(manifest({ items11: item11('advance', ['basic', 'advance']).replace('    level: advance\n', '') }));
      assert.deepEqual(codes(r), ['pmqa.level.missing']);
      assert.equal(item(r, '1.1').claimed, undefined);
      assert.equal(item(r, '1.1').points, 225); // form, letter and Basic's media, but no claim: 300 × 3/4
    });

    it('an empty level (as the new-manifest template leaves it) is a missing level, not an unknown one', async () => {
      const r = await check(manifest({ items11: item11('""', ['basic']) }));
      assert.deepEqual(codes(r), ['pmqa.level.missing']);
    });

    it('an unknown level word → pmqa.level.unknown with the known ids; an alias (พื้นฐาน) is accepted', async () => {
      const r = await check(manifest({ items11: item11('expert', ['basic']) }));
      assert.deepEqual(codes(r), ['pmqa.level.unknown']);
      assert.match(r.findings[0]!.message.en, /Unknown level "expert" \(known: basic, advance, significance\)/);
      const ok = await check(manifest({ items11: item11('พื้นฐาน', ['basic']) }));
      assert.deepEqual(codes(ok), []);
      assert.equal(item(ok, '1.1').level, 'basic');
    });

    it('level evidence without a level → pmqa.evidence.level-missing', async () => {
      const r = await check(manifest({ items11: item11('basic', []) + '      - { kind: activity-media, file: e/b.pdf }\n' }));
      assert.deepEqual(codes(r), ['pmqa.evidence.level-missing', 'pmqa.level.unsupported']);
    });
  });

  describe('one project throughout a sub-item', () => {
    it('an attachment citing another project → pmqa.project.mismatch at its project, related to the sub-item’s; it does not count', async () => {
      const text = manifest({ items11: item11('basic', ['basic']).replace('file: e/letter.pdf', 'file: e/letter.pdf, project: โครงการ ค') });
      const r = await check(text);
      assert.deepEqual(codes(r), ['pmqa.project.mismatch']); // the letter was given: its own finding says why it does not count
      assert.equal(item(r, '1.1').points, 225);
      const f = r.findings[0]!;
      assert.equal(at(f), `${locate(text, 'โครงการ ค').line}:${locate(text, 'โครงการ ค').character}`);
      assert.match(f.message.en, /cites the project "โครงการ ค" but sub-item 1\.1 cites "โครงการ ก"/);
      assert.equal(f.related?.length, 1);
      // The same project in other words of spacing/case is the same project.
      const same = await check(manifest({ items11: item11('basic', ['basic']).replace('file: e/letter.pdf', 'file: e/letter.pdf, project: "โครงการ  ก"') }));
      assert.deepEqual(codes(same), []);
    });

    it('no project cited → pmqa.project.missing', async () => {
      const r = await check(manifest({ items11: item11('basic', ['basic']).replace('    project: โครงการ ก\n', '') }));
      assert.deepEqual(codes(r), ['pmqa.project.missing']);
    });
  });

  describe('sub-items: known, reported, not reported', () => {
    it('an unknown sub-item id → pmqa.item.unknown at its key', async () => {
      const r = await check(manifest({ results: GOOD_RESULTS + '  "9.9":\n    level: basic\n' }));
      assert.deepEqual(codes(r), ['pmqa.item.unknown']);
    });

    it('a sourced sub-item reported by the office → pmqa.item.not-reported (warning); the source still scores it', async () => {
      const r = await check(manifest({ results: GOOD_RESULTS + '  "1.2":\n    level: significance\n' }));
      assert.deepEqual(codes(r), ['pmqa.item.not-reported']);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.equal(item(r, '1.2').points, 400);
    });

    it('a self-assessed sub-item absent → pmqa.item.missing, 0 points', async () => {
      const r = await check(manifest({ item13: '' }));
      assert.deepEqual(codes(r), ['pmqa.item.missing']);
      assert.equal(item(r, '1.3').points, 0);
      assert.equal(item(r, '1.3').from, 'not-reported');
      assert.equal(cat(r, '1').points, 266.67); // (400 + 400 + 0) / 3
    });
  });

  describe('sources', () => {
    const kpi = async (a: string, b: string) => {
      const r = await check(manifest({ sources: `sources:\n  ita: { level: advance }\n  kpi: { scores: { a: ${a}, b: ${b} } }\n  grp: { group: B }\n` }));
      return { r, src: r.maturity!.sources.find((s) => s.id === 'kpi')!, points: cat(r, '2').points };
    };

    it('weighted result 3.9999 → Basic; 4.0000 → Advance; 5.0000 → Significance (seed 001, หมวด 4)', async () => {
      let k = await kpi('3.9999', '3.9999');
      assert.equal(k.src.value, 3.9999);
      assert.equal(k.src.level, 'basic');
      assert.equal(k.points, 300);
      k = await kpi('4', '4');
      assert.equal(k.src.value, 4);
      assert.equal(k.src.level, 'advance');
      assert.equal(k.points, 400);
      k = await kpi('5', '5');
      assert.equal(k.src.level, 'significance');
      assert.equal(k.points, 500);
      k = await kpi('4.9999', '5');
      assert.equal(k.src.value, 4.9999); // 3.49993 + 1.5 = 4.99993 → 4.9999
      assert.equal(k.src.level, 'advance');
    });

    it('the weighted result is rounded half-up at 4 decimals before banding: 3.99997 → 4.0000 (Advance), 3.99994 → 3.9999 (Basic)', async () => {
      let k = await kpi('4', '3.9999'); // 2.8 + 1.19997 = 3.99997
      assert.equal(k.src.value, 4);
      assert.equal(k.src.level, 'advance');
      k = await kpi('3.9999', '4.0000'); // 2.79993 + 1.2 = 3.99993
      assert.equal(k.src.value, 3.9999);
      assert.equal(k.src.level, 'basic');
      assert.equal(weightedHalfUp([{ score: 3.99992, weight: 100 }], 4), 3.9999);
      assert.equal(weightedHalfUp([{ score: 3.99995, weight: 100 }], 4), 4);
    });

    it('below 3.0000: partial credit 100 × result (2.5 → 250)', async () => {
      const k = await kpi('2.5', '2.5');
      assert.equal(k.src.level, undefined);
      assert.equal(k.points, 250);
      assert.equal(cat(k.r, '2').level, undefined);
    });

    it('a score outside 1–5 → pmqa.source.invalid at the score; the category and the total are unknown, not 0', async () => {
      const text = manifest({ sources: `sources:\n  ita: { level: advance }\n  kpi: { scores: { a: 4, b: 5.5 } }\n  grp: { group: B }\n` });
      const r = await check(text);
      assert.deepEqual(codes(r), ['pmqa.source.invalid']);
      assert.equal(at(r.findings[0]!), `${locate(text, '5.5').line}:${locate(text, '5.5').character}`);
      assert.equal(cat(r, '2').points, undefined);
      assert.equal(cat(r, '2').weighted, undefined);
      assert.match(cat(r, '2').unknownReason!.en, /the result from KPI is invalid/);
      assert.equal(item(r, '2.1').points, undefined);
      assert.equal(r.maturity!.total, undefined);
      assert.equal(r.maturity!.level, undefined);
      assert.deepEqual(r.maturity!.unknownCategories, ['2']);
      assert.equal(cat(r, '1').points, 366.67); // the others are still computed
    });

    it('a missing source result → pmqa.source.missing naming the sub-items it scores', async () => {
      const r = await check(manifest({ sources: `sources:\n  ita: { level: advance }\n  kpi: { scores: { a: 4, b: 4 } }\n` }));
      assert.deepEqual(codes(r), ['pmqa.source.missing']);
      assert.match(r.findings[0]!.message.en, /The result from Group is not given \(sources\.grp\.group\); no score yet for sub-item\(s\) 3\.1/);
      assert.equal(cat(r, '3').points, undefined);
      assert.deepEqual(r.maturity!.unknownCategories, ['3']);
      assert.equal(r.maturity!.total, undefined);
      // A stated total is not compared with a total that cannot be computed.
      const stated = await check(manifest({ sources: `sources:\n  ita: { level: advance }\n  kpi: { scores: { a: 4, b: 4 } }\n`, totals: 'totals:\n  total: 1\n' }));
      assert.deepEqual(codes(stated), ['pmqa.source.missing']);
    });

    it('groups: C → Basic, A → Significance (any case); an unknown group → pmqa.source.invalid', async () => {
      const g = async (x: string) => check(manifest({ sources: `sources:\n  ita: { level: advance }\n  kpi: { scores: { a: 4, b: 4 } }\n  grp: { group: ${x} }\n` }));
      assert.equal(cat(await g('C'), '3').points, 300);
      assert.equal(cat(await g('a'), '3').points, 500);
      assert.deepEqual(codes(await g('D')), ['pmqa.source.invalid']);
    });

    it('an unknown source id → pmqa.source.unknown', async () => {
      const r = await check(manifest({ sources: GOOD_SOURCES + '  opdc: { level: basic }\n' }));
      assert.deepEqual(codes(r), ['pmqa.source.unknown']);
    });
  });

  describe('results dimensions (หมวด 7)', () => {
    const dim = (indicator: string, level = 'advance', id = '7.1'): string =>
      `  "${id}":\n    level: ${level}\n    indicator: ${indicator}\n    evidence: [{ kind: results-form, file: e/r.pdf }]\n`;
    const seven2 = dim('{ title: จำนวนนวัตกรรม, target: { type: count, value: 3 }, result: { type: count, value: 3 } }', 'basic', '7.2');

    it('result below target → pmqa.indicator.not-achieved; 300 × result/target (76/80 → 285)', async () => {
      const r = await check(manifest({ results: dim('{ title: t, target: { type: percent, value: 80 }, result: { type: percent, value: 76 } }') + seven2 }));
      assert.deepEqual(codes(r), ['pmqa.indicator.not-achieved']);
      assert.equal(item(r, '7.1').points, 285);
      assert.equal(item(r, '7.1').indicator?.achieved, false);
    });

    it('lower is better: result 4 complaints against a target of at most 5 is achieved; 8 against 5 → 300 × 5/8 = 187.5', async () => {
      const ok = await check(manifest({ results: dim('{ title: t, direction: lower, target: { type: count, value: 5 }, result: { type: count, value: 4 } }') + seven2 }));
      assert.deepEqual(codes(ok), []);
      assert.equal(item(ok, '7.1').points, 400);
      const bad = await check(manifest({ results: dim('{ title: t, direction: lower, target: { type: count, value: 5 }, result: { type: count, value: 8 } }') + seven2 }));
      assert.equal(item(bad, '7.1').points, 187.5);
    });

    it('two indicators in one dimension → pmqa.indicator.count; not scored', async () => {
      const two = '\n      - { title: x, target: { type: percent, value: 1 }, result: { type: percent, value: 1 } }\n      - { title: y, target: { type: percent, value: 1 }, result: { type: percent, value: 1 } }';
      const r = await check(manifest({ results: dim(two) + seven2 }));
      assert.deepEqual(codes(r), ['pmqa.indicator.count']);
      assert.equal(item(r, '7.1').points, 0);
    });

    it('the same indicator in two dimensions → pmqa.indicator.duplicate on the second, related to the first', async () => {
      const same = '{ title: ร้อยละของโรงเรียนที่ใช้ระบบ, target: { type: percent, value: 80 }, result: { type: percent, value: 85 } }';
      const text = manifest({ results: dim(same) + dim(same, 'basic', '7.2') });
      const r = await check(text);
      assert.deepEqual(codes(r), ['pmqa.indicator.duplicate']);
      assert.equal(r.findings[0]!.location.kind === 'text' && r.findings[0]!.location.range.start.line, locate(text, 'ร้อยละของโรงเรียนที่ใช้ระบบ', 1).line);
      assert.equal(item(r, '7.2').points, 0);
      assert.equal(item(r, '7.1').points, 400);
    });

    it('target and result of different types → pmqa.indicator.type-mismatch; an unknown type → pmqa.indicator.type-unknown', async () => {
      let r = await check(manifest({ results: dim('{ title: t, target: { type: percent, value: 80 }, result: { type: count, value: 85 } }') + seven2 }));
      assert.deepEqual(codes(r), ['pmqa.indicator.type-mismatch']);
      r = await check(manifest({ results: dim('{ title: t, target: { type: ratio, value: 80 }, result: { type: percent, value: 85 } }') + seven2 }));
      assert.deepEqual(codes(r), ['pmqa.indicator.type-unknown']);
    });

    it('values out of their type: percent 120, success level 6, a fractional count → pmqa.indicator.value-invalid', async () => {
      for (const [type, value] of [['percent', '120'], ['successLevel', '6'], ['count', '2.5']]) {
        const r = await check(manifest({ results: dim(`{ title: t, target: { type: ${type}, value: 1 }, result: { type: ${type}, value: ${value} } }`) + seven2 }));
        assert.deepEqual(codes(r), ['pmqa.indicator.value-invalid'], `${type} ${value}`);
      }
    });

    it('repeating last year’s indicator without a baseline → pmqa.indicator.baseline-missing; with one, fine', async () => {
      const base = '{ title: t, repeatsLastYear: true, target: { type: percent, value: 80 }, result: { type: percent, value: 85 } }';
      assert.deepEqual(codes(await check(manifest({ results: dim(base) + seven2 }))), ['pmqa.indicator.baseline-missing']);
      const ok = await check(manifest({ results: dim(base.replace('repeatsLastYear: true', 'repeatsLastYear: true, baseline: 78.5')) + seven2 }));
      assert.deepEqual(codes(ok), []);
      assert.equal(item(ok, '7.1').indicator?.baseline, 78.5);
    });

    it('no indicator → pmqa.indicator.missing', async () => {
      const r = await check(manifest({ results: '  "7.1":\n    level: basic\n    evidence: [{ kind: results-form, file: e/r.pdf }]\n' + seven2 }));
      assert.deepEqual(codes(r), ['pmqa.indicator.missing']);
      assert.equal(item(r, '7.1').points, 0);
    });

    it('Thai digits in a value are read and reported', async () => {
      const r = await check(manifest({ results: dim('{ title: t, target: { type: percent, value: "๘๐" }, result: { type: percent, value: "๘๕" } }') + seven2 }));
      assert.deepEqual(codes(r), ['manifest.thai-digits', 'manifest.thai-digits']);
      assert.equal(item(r, '7.1').points, 400);
    });
  });

  it('a missing ITA result makes 1.2 and so category 1 unknown', async () => {
    const r = await check(manifest({ sources: `sources:\n  kpi: { scores: { a: 4, b: 4 } }\n  grp: { group: B }\n` }));
    assert.deepEqual(codes(r), ['pmqa.source.missing']);
    assert.equal(item(r, '1.2').points, undefined);
    assert.equal(item(r, '1.1').points, 400);
    assert.equal(cat(r, '1').points, undefined);
    assert.deepEqual(r.maturity!.unknownCategories, ['1']);
  });

  describe('stated totals', () => {
    it('a stated category or total that disagrees → pmqa.total.mismatch with the computed value; equal ones pass', async () => {
      const text = manifest({ totals: 'totals:\n  categories: { "1": 366.67, "7": 340 }\n  total: 351\n' });
      const r = await check(text);
      assert.deepEqual(codes(r), ['pmqa.total.mismatch', 'pmqa.total.mismatch']);
      assert.deepEqual(r.findings.map((f) => f.data?.['computed']), ['350.00', '350.00']);
      assert.match(r.findings.map((f) => f.message.en).join('\n'), /Category 7 points: stated as 340, but computes to 350\.00\nThe total: stated as 351, but computes to 350\.00/);
    });

    it('an unknown category in totals → pmqa.category.unknown', async () => {
      const r = await check(manifest({ totals: 'totals:\n  categories: { "8": 1 }\n' }));
      assert.deepEqual(codes(r), ['pmqa.category.unknown']);
    });
  });

  describe('shape', () => {
    it('an empty indicator title (the template\'s placeholder) and an unknown sharing value are said in Thai and English', async () => {
      const text = manifest({ results: GOOD_RESULTS.replace('title: จำนวนนวัตกรรม', 'title: ""') }).replace('framework: test-pmqa', 'framework: test-pmqa\nsharing: public');
      const r = await check(text);
      const shape = r.findings.filter((f) => f.code === 'manifest.schema.invalid-value');
      assert.deepEqual(shape.map((f) => f.message.en).sort(), ['Invalid value at items.7.2.indicator.title: must not be empty', 'Invalid value at sharing: must be one of: shared, private']);
      assert.deepEqual(shape.map((f) => f.message.th).sort(), ['ค่าที่ items.7.2.indicator.title ไม่ถูกต้อง: ต้องไม่เว้นว่าง', 'ค่าที่ sharing ไม่ถูกต้อง: ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: shared, private']);
    });

    it('a maturity manifest is checked against its own shape: `rounds:` is an unknown key, `items:` is required', async () => {
      const r = await check(`${HEAD}rounds: {}\n`);
      assert.ok(codes(r).includes('manifest.schema.unknown-key'));
      assert.ok(codes(r).includes('manifest.schema.missing-key'));
    });
  });

  it('the level a category or the total reaches: 299.99 → none, 300.00 → Basic, 399.99 → Basic, 400.00 → Advance, 500 → Significance', () => {
    const pack = parsePack(PACK, '/p.yaml').pack as MaturityPack;
    assert.equal(levelForPoints(pack, 299.99), undefined);
    assert.equal(levelForPoints(pack, 299.995), 'basic'); // shown as 300.00: compared at the pack's 2 decimals
    assert.equal(levelForPoints(pack, 300), 'basic');
    assert.equal(levelForPoints(pack, 399.99), 'basic');
    assert.equal(levelForPoints(pack, 400), 'advance');
    assert.equal(levelForPoints(pack, 499.99), 'advance');
    assert.equal(levelForPoints(pack, 500), 'significance');
  });

  it('roundPoints is exact half-up: 2.675 → 2.68, 366.665 → 366.67', () => {
    assert.equal(roundPoints(2.675, 2), 2.68);
    assert.equal(roundPoints(366.665, 2), 366.67);
    assert.equal(roundPoints(366.664999, 2), 366.66);
  });
});
