/**
 * Regression tests from an independent review of the PMQA (maturity) checks. Each test
 * asserts the correct behaviour and fails on the code as reviewed; each drives the real
 * packs (schemas/) through engine.checkManifest on a variant of the clean sample office
 * samples/srinakhara-1/pmqa.evidence.yaml (mirrored into memory, so its evidence files exist).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding, ManifestCheckResult } from '../../server/src/engine/index';
import { MemoryHost, createEngine } from './helpers';

const SAMPLE_DIR = path.resolve(__dirname, '../../samples/srinakhara-1');
const SAMPLE = readFileSync(path.join(SAMPLE_DIR, 'pmqa.evidence.yaml'), 'utf8');

async function check(text: string, name = 'review'): Promise<ManifestCheckResult> {
  const engine = createEngine(new MemoryHost().mirrorFromDisk(SAMPLE_DIR));
  return engine.checkManifest(path.join(SAMPLE_DIR, `${name}.evidence.yaml`), text);
}

/** `text` with `from` replaced by `to`; fails when `from` is not in it (the sample changed). */
function patch(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `sample no longer contains: ${from}`);
  return text.replace(from, to);
}

const item = (r: ManifestCheckResult, id: string) => r.maturity!.categories.flatMap((c) => c.items).find((i) => i.item === id)!;
const line = (f: Finding): number => (f.location.kind === 'text' ? f.location.range.start.line : -1);
/** 0-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));

const TITLE_76 = 'title: ร้อยละของงานบริการที่ลดขั้นตอนและระยะเวลาการให้บริการได้ตามเป้าหมาย';
const TITLE_73 = 'title: จำนวนบุคลากรในสำนักงานที่ได้รับการพัฒนาตามแผนพัฒนารายบุคคล (ID Plan) ไม่น้อยกว่า 20 ชั่วโมง';

describe('review: PMQA checks', () => {
  it('the clean sample still has no findings (baseline for the variants below)', async () => {
    const r = await check(SAMPLE);
    assert.deepEqual(r.findings.map((f) => f.code), []);
    assert.equal(r.maturity!.total, 402.08);
  });

  it('indicator titles that differ only in a trailing parenthetical are two indicators, not a duplicate', async () => {
    // 7.3 and 7.6 answer with two different indicators, told apart by their parenthetical
    // (teaching staff / support staff). normaliseLabel drops a trailing "(…)", so they were
    // read as one indicator: pmqa.indicator.duplicate and 7.6 scored 0.
    let t = patch(SAMPLE, TITLE_73, 'title: จำนวนบุคลากรที่ได้รับการพัฒนาตามแผนพัฒนารายบุคคล (สายงานการสอน)');
    t = patch(t, TITLE_76, 'title: จำนวนบุคลากรที่ได้รับการพัฒนาตามแผนพัฒนารายบุคคล (สายงานสนับสนุน)');
    const r = await check(t);
    assert.deepEqual(r.findings.filter((f) => f.code === 'pmqa.indicator.duplicate').map((f) => f.message.en), []);
    assert.equal(item(r, '7.6').points, 400);
  });

  it('project names that differ only in a trailing parenthetical are two projects (pmqa.project.mismatch)', async () => {
    // Seed 001: "โครงการต้องเป็นโครงการเดียวกับที่ยกมาอ้างอิง". Round 1 and round 2 of a project
    // are different projects; the mismatch was missed because "(…)" is dropped before comparing.
    let t = patch(SAMPLE, 'project: โครงการขับเคลื่อนนโยบายสู่การปฏิบัติด้วยระบบสื่อสารดิจิทัล\n', 'project: โครงการพัฒนาครู (รุ่นที่ 1)\n');
    t = patch(t, 'date: 2566-10-17, project: โครงการขับเคลื่อนนโยบายสู่การปฏิบัติด้วยระบบสื่อสารดิจิทัล', 'date: 2566-10-17, project: โครงการพัฒนาครู (รุ่นที่ 2)');
    const r = await check(t);
    assert.ok(r.findings.some((f) => f.code === 'pmqa.project.mismatch'), `findings: ${r.findings.map((f) => f.code).join(', ')}`);
    assert.ok(item(r, '1.1').points! < 400);
  });

  it('the same indicator in two dimensions is a duplicate even when only one of them gives its code', async () => {
    // 7.6 repeats 7.2's indicator word for word and adds a code; the key was "code:…" for one
    // and "title:…" for the other, so the duplicate went unnoticed.
    const t = patch(SAMPLE, TITLE_76, 'title: ร้อยละความพึงพอใจของผู้รับบริการต่อการให้บริการของ สพป.ศรีนครา เขต 1\n      code: KPI-7.6');
    const r = await check(t);
    assert.ok(r.findings.some((f) => f.code === 'pmqa.indicator.duplicate'), `findings: ${r.findings.map((f) => f.code).join(', ')}`);
  });

  it('a results dimension that misses its target never scores more than one that reaches it, other things equal', async () => {
    // 7.1 misses its target (79.9 < 80) and 7.6 reaches it; both lack their results form
    // (seed 001, หมวด 7: "ต้องจัดทำแบบฟอร์มผลลัพธ์การดำเนินการตามหมวด 7 … แนบในระบบรายงาน").
    // 7.1 scored 299.63 (300 × 79.9/80, the form ignored) and 7.6 150 (form missing).
    let t = patch(SAMPLE, '      - { kind: results-form, file: evidence/pmqa/7.1-results-form.pdf }\n', '      - { kind: results-form, file: evidence/pmqa/not-there.pdf }\n');
    t = patch(t, '      - { kind: results-form, file: evidence/pmqa/7.6-results-form.pdf }\n', '      - { kind: results-form, file: evidence/pmqa/not-there.pdf }\n');
    t = patch(t, 'result: { type: percent, value: 86.67 }', 'result: { type: percent, value: 79.9 }');
    const r = await check(t);
    assert.equal(item(r, '7.6').indicator?.achieved, true);
    assert.equal(item(r, '7.1').indicator?.achieved, false);
    assert.ok(item(r, '7.1').points! <= item(r, '7.6').points!, `7.1 (missed) ${item(r, '7.1').points} > 7.6 (reached) ${item(r, '7.6').points}`);

    // The same inversion with no level claimed (the form attached): 299.63 against 150.
    let u = patch(SAMPLE, '  "7.1":\n    level: advance\n', '  "7.1":\n');
    u = patch(u, '  "7.6":\n    level: advance\n', '  "7.6":\n');
    u = patch(u, 'result: { type: percent, value: 86.67 }', 'result: { type: percent, value: 79.9 }');
    const s = await check(u, 'review2');
    assert.ok(item(s, '7.1').points! <= item(s, '7.6').points!, `no claim: 7.1 (missed) ${item(s, '7.1').points} > 7.6 (reached) ${item(s, '7.6').points}`);
  });

  it('an indicator without its result says the result is missing (not "must be mapping / list, found mapping")', async () => {
    const t = patch(SAMPLE, '      result: { type: count, value: 61 }\n', '');
    const r = await check(t);
    const msgs = r.findings.map((f) => f.message.en);
    assert.ok(!msgs.some((m) => /must be mapping \/ list, found mapping/.test(m)), `messages: ${msgs.join(' | ')}`);
    assert.ok(msgs.some((m) => /\bresult\b/.test(m)), `no finding names the missing result: ${msgs.join(' | ')}`);
  });

  it('a count written with a decimal comma ("5,5") is not read as 55', async () => {
    // parseDecimal strips every comma, so "5,5" became 55 and 7.3 (target 55) was achieved
    // at 400 with no finding. A comma not in thousands groups is not a thousands separator.
    const t = patch(SAMPLE, 'result: { type: count, value: 61 }', 'result: { type: count, value: "5,5" }');
    const r = await check(t);
    assert.notEqual(item(r, '7.3').indicator?.result, 55);
    assert.ok(item(r, '7.3').points! < 400, `7.3 scored ${item(r, '7.3').points}`);
    // The stated total "402,08" is the computed 402.08 written with a decimal comma: not a
    // mismatch "stated as 402,08 but computes to 402.08".
    const s = await check(patch(SAMPLE, '  total: 402.08', '  total: "402,08"'), 'review2');
    assert.deepEqual(s.findings.filter((f) => f.code === 'pmqa.total.mismatch').map((f) => f.message.en), []);
  });

  it('the not-achieved finding of an indicator written as a one-item list is on the result value', async () => {
    const t = patch(
      SAMPLE,
      `    indicator:\n      ${TITLE_76}\n      target: { type: percent, value: 80 }\n      result: { type: percent, value: 83.33 }`,
      `    indicator:\n      - ${TITLE_76}\n        target: { type: percent, value: 80 }\n        result: { type: percent, value: 73.33 }`,
    );
    const r = await check(t);
    const f = r.findings.find((x) => x.code === 'pmqa.indicator.not-achieved');
    assert.ok(f, 'no pmqa.indicator.not-achieved');
    assert.equal(line(f), lineOf(t, 'value: 73.33'));
  });

  it('a stated total that is not a number is reported in one language per message', async () => {
    const r = await check(patch(SAMPLE, '  total: 402.08', '  total: "402.08 คะแนน"'));
    const f = r.findings.find((x) => x.code === 'manifest.schema.invalid-value');
    assert.ok(f, 'no manifest.schema.invalid-value');
    assert.ok(!/[\u0E00-\u0E7F]/.test(f.message.en), `English message has Thai: ${f.message.en}`);
    assert.ok(!/not a number/.test(f.message.th), `Thai message has English: ${f.message.th}`);
  });

  it('with `sources: []` the missing-source findings are on `sources`, not on `items`', async () => {
    const t = SAMPLE.replace(/\nsources:\n[\s\S]*?\n\nitems:/, '\nsources: []\n\nitems:');
    assert.notEqual(t, SAMPLE);
    const r = await check(t);
    const missing = r.findings.filter((f) => f.code === 'pmqa.source.missing');
    assert.equal(missing.length, 3);
    for (const f of missing) assert.equal(line(f), lineOf(t, 'sources: []'));
  });
});
