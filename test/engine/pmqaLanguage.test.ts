/**
 * The editor features on a PMQA (maturity framework) manifest, pure: an in-memory office,
 * the engine's check, then the language functions (hover, completion, outline, code lenses,
 * quick fixes, the manifest template) on its result. Expected texts come from
 * schemas/obec-pmqa.pack.yaml (quoted from seed 001) and, for the texts the tests pin, are
 * written out here too; ranges are 0-based line/character, as the engine counts.
 */
import { strict as assert } from 'node:assert';
import type { ManifestCheckResult } from '../../server/src/engine/checks/manifestCheck';
import { applyEdits, quickFixes, type QuickFix } from '../../server/src/engine/language/codeActions';
import { completeAt, frameworkNamedIn, type CompletionEntry } from '../../server/src/engine/language/completion';
import { hoverAt } from '../../server/src/engine/language/hover';
import { maturityManifestTemplate } from '../../server/src/engine/language/manifestTemplate';
import { maturityLenses, outline, roundLenses, type OutlineSymbol } from '../../server/src/engine/language/outline';
import { parsePack } from '../../server/src/engine/packs/loader';
import { isMaturityPack, type MaturityPack } from '../../server/src/engine/packs/model';
import { parseYaml } from '../../server/src/engine/yamlDocument';
import { MemoryHost, PDF_BYTES, PNG_BYTES, createEngine, loadX2Pack, locate, packs, where, type Pos } from './helpers';
import { BASIC_1_1, PMQA_START } from '../support/pmqaManifest';

const WS = '/ws';
const MANIFEST = '/ws/office/pmqa.evidence.yaml';

function loadPmqaPack(): MaturityPack {
  const src = packs().find((p) => p.path.endsWith('obec-pmqa.pack.yaml'));
  if (!src) throw new Error('schemas/obec-pmqa.pack.yaml not found');
  const r = parsePack(src.text, src.path);
  if (!r.pack || !isMaturityPack(r.pack)) throw new Error(`PMQA pack invalid: ${JSON.stringify(r.findings.map((f) => f.message.en))}`);
  return r.pack;
}
const PACK = loadPmqaPack();
const item = (id: string) => PACK.categories.flatMap((c) => c.items).find((i) => i.id === id)!;


/**
 * 1.1 reaches Advance (every attachment, photos for Basic and Advance); 1.2 is reported
 * although ITA scores it; 1.3 claims Advance with Basic's photos only (reaches Basic);
 * 7.1 reaches its target; the stated total is wrong. Other sub-items are missing.
 */
const TEXT = `${PMQA_START}  "1.3":
    level: advance
    project: โครงการเครือข่าย
    evidence:
      - kind: response-form
        file: evidence/form.pdf
      - kind: approval-letter
        file: evidence/form.pdf
      - kind: summary-report
        file: evidence/form.pdf
      - kind: activity-media
        level: basic
        file: evidence/photo.png
  "7.1":
    level: advance
    indicator:
      title: ร้อยละของสถานศึกษาที่ใช้ระบบสารสนเทศ
      target: { type: percent, value: 80 }
      result: { type: percent, value: 86.5 }
    evidence:
      - kind: results-form
        file: evidence/form.pdf
totals:
  total: 412.5
`;

function office(): { host: MemoryHost; check: (text: string) => Promise<ManifestCheckResult> } {
  const host = new MemoryHost();
  host.addDir(WS);
  host.addFile('/ws/office/evidence/form.pdf', PDF_BYTES);
  host.addFile('/ws/office/evidence/photo.png', PNG_BYTES);
  const engine = createEngine(host);
  return { host, check: (text) => engine.checkManifest(MANIFEST, text, { workspaceRoot: WS }) };
}

/** The position `delta` characters into the `occurrence`-th match of `needle`. */
const at = (text: string, needle: string, delta = 0, occurrence = 0): Pos => {
  const p = locate(text, needle, occurrence);
  return { line: p.line, character: p.character + delta };
};

const labels = (entries: readonly CompletionEntry[]): string[] => entries.map((e) => e.label);

describe('PMQA editor features (engine)', () => {
  let result: ManifestCheckResult;
  const hover = (pos: Pos, lang: 'th' | 'en' = 'th') => hoverAt(result, result.document!.offsetAt(pos), lang);

  before(async () => {
    result = await office().check(TEXT);
    assert.ok(result.maturityPack, 'not checked as a maturity manifest');
    assert.equal(result.maturity?.total, 139.67);
  });

  describe('hover', () => {
    it("on a sub-item key (1.1): title, the three level texts (Thai then English), claimed and reached marked, attachments, status, seed", () => {
      assert.equal(item('1.1').levels['basic']!.th, BASIC_1_1);
      const h = hover(at(TEXT, '"1.1"', 1))!;
      assert.deepEqual(h.range, { start: { line: 20, character: 2 }, end: { line: 20, character: 7 } });
      const md = h.markdown;
      assert.ok(md.startsWith('### หมวด 1 การนำองค์การ · ประเด็น 1.1 — Advance · 400 คะแนน\n\n**ระบบการนำองค์การที่สร้างความยั่งยืน**\n\n_A leadership system that builds sustainability_'), md);
      for (const l of ['basic', 'advance', 'significance']) {
        const text = item('1.1').levels[l]!;
        assert.ok(md.includes(`${text.th}\n\n_${text.en}_`), `${l} texts`);
      }
      assert.ok(md.includes(`**Basic** · 300 คะแนน\n\n${BASIC_1_1}`), md);
      assert.ok(md.includes('**Advance** · 400 คะแนน **◀ ระดับที่ประเมินตนเอง ✓ ระดับที่ได้**\n\n'), md);
      assert.ok(md.includes('**Significance** · 500 คะแนน\n\n'), md);
      assert.ok(
        md.includes(
          [
            '**เอกสารแนบ**',
            '',
            '- `response-form` แบบฟอร์มตอบประเด็น — ต่อประเด็น',
            '- `approval-letter` หนังสือขออนุมัติจัดทำ — ต่อประเด็น',
            '- `summary-report` รายงานสรุปผลนำเสนอ ผอ.สพท./รูปเล่มรายงาน — ต่อประเด็น',
            '- `activity-media` ภาพถ่ายกิจกรรม/Link เกี่ยวข้อง/ภาพถ่ายหน้าเว็ป หน้าระบบ — ทุกระดับที่ประเมิน (ระบุ level:)',
          ].join('\n'),
        ),
        md,
      );
      assert.ok(md.includes('**สถานะ**: ประเมินตนเอง Advance · ได้ระดับ Advance · **400** คะแนน'), md);
      assert.ok(md.includes('**สิ่งที่ต้องมีสำหรับระดับ Significance**\n- แนบภาพถ่ายกิจกรรม/Link เกี่ยวข้อง/ภาพถ่ายหน้าเว็ป หน้าระบบ ระดับ Significance\n- ประเมินตนเองระดับ Significance (level: significance)'), md);
      assert.ok(md.endsWith('ที่มา: `seeds/001_5360d539be1c4c58` — หมวด 1, ประเด็น 1.1'), md);
    });

    it('in English: English first, Thai below; a sub-item below its claim says why (1.3 claims Advance, reaches Basic)', () => {
      const md = hover(at(TEXT, '"1.3"', 1), 'en')!.markdown;
      assert.ok(md.startsWith('### Category 1 Leadership · Sub-item 1.3 — Basic · 300 points\n\n**Focusing on the office'), md);
      const basic = item('1.3').levels['basic']!;
      assert.ok(md.includes(`**Basic** · 300 points **✓ reached**\n\n${basic.en}\n\n_${basic.th}_`), md);
      assert.ok(md.includes('**Advance** · 400 points **◀ claimed**'), md);
      assert.ok(md.includes('**Status**: claimed Advance · reaches Basic · **300** points'), md);
      assert.ok(md.includes('- ✗ Sub-item 1.3 claims Advance without the evidence for Advance (Activity photos / related links / screenshots of web pages and system pages for Advance); it reaches Basic'), md);
    });

    it('on a sub-item a source scores (1.2): not reported by the office, the source text and its current value', () => {
      const md = hover(at(TEXT, '"1.2"', 1))!.markdown;
      const ita = PACK.sources.find((s) => s.id === 'ita')!;
      assert.ok(md.startsWith('### หมวด 1 การนำองค์การ · ประเด็น 1.2 — Advance · 400 คะแนน'), md);
      assert.ok(md.includes('**สพท. ไม่ต้องรายงานประเด็นนี้ คะแนนมาจากรายงานผล ITA ของ สนก.** (`sources.ita`)'), md);
      assert.ok(md.includes(`${ita.text.th}\n\n_${ita.text.en}_`), md);
      assert.ok(md.includes('**ค่าปัจจุบัน**: Advance · **400** คะแนน'), md);
    });

    it('on a results dimension (7.1): description, the indicator as read, the category-7 rules', () => {
      const md = hover(at(TEXT, '"7.1"', 1))!.markdown;
      const rules = PACK.categories.find((c) => c.id === '7')!.indicators!;
      assert.ok(md.startsWith('### หมวด 7 ผลลัพธ์การดำเนินการ · มิติ 7.1 — Advance · 400 คะแนน'), md);
      assert.ok(md.includes(`${item('7.1').description!.th}\n\n_${item('7.1').description!.en}_`), md);
      assert.ok(md.includes('**ตัวชี้วัด**: ร้อยละของสถานศึกษาที่ใช้ระบบสารสนเทศ\n\nค่าเป้าหมาย **80** · ผลการดำเนินการ **86.5** (ร้อยละ) · ✓ บรรลุค่าเป้าหมาย'), md);
      assert.ok(md.includes(`**ข้อปฏิบัติของหมวด 7**\n\n${rules.text.th}\n\n_${rules.text.en}_`), md);
      assert.ok(md.includes('- `results-form` แบบฟอร์มสรุปการรายงานการบรรลุผลลัพธ์ตามหมวด 7 — ต่อประเด็น'), md);
    });

    it("on a `level:` value: the level's title and points, the sub-item's criterion at that level", () => {
      const h = hover(at(TEXT, 'level: advance', 'level: '.length + 1, 1))!;
      assert.deepEqual(h.range, { start: { line: 21, character: 11 }, end: { line: 21, character: 18 } });
      const adv = item('1.1').levels['advance']!;
      assert.ok(h.markdown.startsWith(`**Advance** (\`advance\`) · 400 คะแนน / 500\n\n${adv.th}\n\n_${adv.en}_\n\n**สถานะ**: ประเมินตนเอง Advance · ได้ระดับ Advance`), h.markdown);
    });

    it('on an evidence `kind:`: the attachment, per level, its file types', () => {
      const h = hover(at(TEXT, 'kind: activity-media', 'kind: '.length + 2))!;
      assert.equal(
        h.markdown,
        [
          '**`activity-media`** — ภาพถ่ายกิจกรรม/Link เกี่ยวข้อง/ภาพถ่ายหน้าเว็ป หน้าระบบ',
          '_Activity photos / related links / screenshots of web pages and system pages_',
          'รูปแบบ: ไฟล์ (file:) หรือลิงก์ (url:) · ทุกระดับที่ประเมิน (ระบุ level:)',
          'ชนิดไฟล์: .pdf, .png, .jpg, .jpeg',
          'หมวด 1: `response-form`, `approval-letter`, `summary-report`, `activity-media`',
          'ที่มา: `seeds/001_5360d539be1c4c58` — หมวด 1, หมายเหตุ/เอกสารแนบระบบรายงาน',
        ].join('\n\n'),
      );
    });

    it('on sources: the weighted KPI result and its level; a group letter and its level', () => {
      const kpi = hover(at(TEXT, 'kpi:', 1))!.markdown;
      assert.ok(kpi.includes('**ค่าปัจจุบัน**: ผลถ่วงน้ำหนัก 4.1150 (kpi-4.1.2 = 4.25 × 70 % + kpi-8 = 3.8 × 30 %) → Advance · **400** คะแนน'), kpi);
      assert.ok(kpi.includes('ใช้กับประเด็น: 4.1, 4.2, 4.3, 4.4'), kpi);
      const input = hover(at(TEXT, 'kpi-8:', 1))!.markdown;
      assert.ok(input.startsWith('**KPI 8 ความมั่นคงปลอดภัยในไซเบอร์ (Cyber)** (`kpi-8`) · น้ำหนัก 30 % · ใช้กับประเด็น 4.4\n\nค่าที่ระบุ: **3.8** (1–5)'), input);
      const group = hover(at(TEXT, 'group: B', 'group: '.length))!.markdown;
      assert.ok(group.includes('**ค่าปัจจุบัน**: กลุ่ม B → Advance · **400** คะแนน'), group);
      assert.ok(group.includes('กลุ่ม A → Significance · กลุ่ม B → Advance · กลุ่ม C → Basic'), group);
    });

    it('on `total:` under totals: the computed total beside the stated one, the category table', () => {
      const md = hover(at(TEXT, '412.5', 1))!.markdown;
      // Known points below Basic say so ("—" is for unknown points only).
      assert.ok(md.startsWith('### คะแนนรวม 139.67 / 500 — ต่ำกว่า Basic (ค่าที่ระบุ 412.5)\n\n| หมวด | น้ำหนัก | คะแนน | ระดับ |'), md);
      assert.ok(md.includes('| 1 การนำองค์การ | 12 % | 275.00 | ต่ำกว่า Basic |'), md);
      assert.ok(md.includes('| 7 ผลลัพธ์การดำเนินการ | 40 % | 66.67 | ต่ำกว่า Basic |'), md);
    });

    it('on `framework:` and `fiscalYear:` as for X2', () => {
      assert.equal(hover(at(TEXT, 'obec-pmqa', 2))!.markdown, `**${PACK.title.th}**\n\nฉบับ 2565 · ที่มา: \`seeds/001_5360d539be1c4c58\` — ประเด็นประเมินตนเอง หมวด 1 – หมวด 7`);
      assert.ok(hover(at(TEXT, '2567', 1))!.markdown.startsWith('**ปีงบประมาณ 2567**'));
    });
  });

  describe('completion', () => {
    const complete = (text: string, position: Pos, o: { result?: ManifestCheckResult | null; fallback?: 'pmqa' | 'x2'; lang?: 'th' | 'en'; files?: string[] } = {}): CompletionEntry[] =>
      completeAt({
        text,
        position,
        ...(o.result === null ? {} : { result: o.result ?? result }),
        ...(o.fallback ? { fallbackPack: o.fallback === 'pmqa' ? PACK : loadX2Pack() } : {}),
        frameworks: ['esao-2557', 'obec-pmqa', 'obec-x2'],
        files: o.files ?? [],
        lang: o.lang ?? 'th',
      });
    /** `TEXT` with `line` inserted before the 0-based line `before`. */
    const insert = (before: number, line: string, text = TEXT): string => {
      const lines = text.split('\n');
      lines.splice(before, 0, line);
      return lines.join('\n');
    };
    const totalsLine = locate(TEXT, 'totals:').line;

    it('under `items:`: the self-assessed sub-items not yet there, quoted, with their titles', () => {
      const text = insert(totalsLine, '  ');
      const got = complete(text, { line: totalsLine, character: 2 });
      const expected = ['1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '5.1', '5.2', '5.3', '5.4', '7.2', '7.3', '7.4', '7.5', '7.6'];
      assert.deepEqual(labels(got), expected);
      const e = got.find((x) => x.label === '1.4')!;
      assert.equal(e.detail, 'การคำนึงถึงความรับผิดชอบต่อสังคม');
      assert.equal(e.insertText, '"1.4":\n    level: ');
      assert.deepEqual(e.range, { start: { line: totalsLine, character: 2 }, end: { line: totalsLine, character: 2 } });
      assert.equal(complete(text, { line: totalsLine, character: 2 }, { lang: 'en' }).find((x) => x.label === '1.4')!.detail, 'Regard for social responsibility');
    });

    it('after `level: `: basic, advance, significance with titles, points and the criterion', () => {
      const text = TEXT.replace('  "1.3":\n    level: advance', '  "1.3":\n    level: ');
      const p = at(text, '    level: \n', '    level: '.length);
      const got = complete(text, p);
      assert.deepEqual(labels(got), ['basic', 'advance', 'significance']);
      assert.deepEqual(got.map((e) => e.detail), ['Basic · 300 คะแนน', 'Advance · 400 คะแนน', 'Significance · 500 คะแนน']);
      assert.equal(got[0]!.documentation, item('1.3').levels['basic']!.th);
      assert.deepEqual(got[0]!.range, { start: p, end: p });
      // Half typed: the word is replaced.
      const typed = TEXT.replace('  "1.3":\n    level: advance', '  "1.3":\n    level: adv');
      const q = at(typed, 'level: adv\n', 'level: adv'.length);
      assert.deepEqual(complete(typed, q)[1]!.range, { start: { line: q.line, character: q.character - 3 }, end: q });
    });

    it("after `kind: `: the attachments of the sub-item's category (1.1; 7.1)", () => {
      const l = locate(TEXT, '  "7.1":').line; // after 1.3's last entry
      const text = insert(l, '      - kind: ');
      assert.deepEqual(labels(complete(text, { line: l, character: 14 })), ['response-form', 'approval-letter', 'summary-report', 'activity-media']);
      const t2 = insert(totalsLine, '      - kind: ');
      const got = complete(t2, { line: totalsLine, character: 14 });
      assert.deepEqual(labels(got), ['results-form']);
      assert.equal(got[0]!.detail, 'แบบฟอร์มสรุปการรายงานการบรรลุผลลัพธ์ตามหมวด 7');
    });

    it('`type:` under an indicator target; keys of a dimension (no project) and of a sub-item (no indicator)', () => {
      const text = TEXT.replace('target: { type: percent, value: 80 }', 'target:\n        type: ');
      const p = at(text, 'type: \n', 'type: '.length);
      assert.deepEqual(labels(complete(text, p)), ['percent', 'successLevel', 'count']);
      const t7 = TEXT.replace(/  "7\.1":\n    level: advance\n/, '  "7.1":\n    level: advance\n    \n');
      const l7 = locate(t7, '  "7.1":').line + 2;
      assert.deepEqual(labels(complete(t7, { line: l7, character: 4 })), ['note']);
      const t1 = TEXT.replace('  "1.2":\n    level: basic\n', '  "1.2":\n    level: basic\n    \n');
      const l1 = locate(t1, '  "1.2":').line + 2;
      assert.deepEqual(labels(complete(t1, { line: l1, character: 4 })), ['project', 'evidence', 'note']);
    });

    it('under `sources:` and in a source: its ids, its own fields, KPI inputs, group letters', () => {
      const noMonitoring = TEXT.replace('  monitoring:\n    group: B\n', '  \n');
      const l = locate(noMonitoring, 'items:').line - 1;
      const got = complete(noMonitoring, { line: l, character: 2 });
      assert.deepEqual(labels(got), ['monitoring']);
      assert.equal(got[0]!.insertText, 'monitoring:\n    group: ');
      const fields = TEXT.replace('  monitoring:\n    group: B\n', '  monitoring:\n    \n');
      assert.deepEqual(labels(complete(fields, { line: locate(fields, '  monitoring:').line + 1, character: 4 })), ['score', 'group', 'file', 'url', 'note']);
      const inputs = TEXT.replace('      kpi-8: 3.8\n', '      \n');
      assert.deepEqual(labels(complete(inputs, { line: locate(inputs, 'kpi-4.1.2').line + 1, character: 6 })), ['kpi-8']);
      const group = TEXT.replace('group: B', 'group: ');
      const got2 = complete(group, at(group, 'group: ', 'group: '.length));
      assert.deepEqual(labels(got2), ['A', 'B', 'C']);
      assert.deepEqual(got2.map((e) => e.detail), ['Significance', 'Advance', 'Basic']);
    });

    it('top-level keys are those of a maturity manifest (no `rounds`), those present left out', () => {
      const last = TEXT.split('\n').length - 1; // the empty line after the trailing newline
      assert.deepEqual(labels(complete(TEXT, { line: last, character: 0 })), ['sharing']);
    });

    it('on half-typed YAML with no check yet: the framework named in the text decides (PMQA), else X2 as before', () => {
      const half = 'framework: obec-pmqa\nitems:\n  "1.1":\n    level: \n    evidence:\n      - kind: \n  ';
      assert.equal(frameworkNamedIn(half), 'obec-pmqa');
      assert.deepEqual(labels(complete(half, { line: 3, character: 11 }, { result: null, fallback: 'pmqa' })), ['basic', 'advance', 'significance']);
      assert.deepEqual(labels(complete(half, { line: 5, character: 14 }, { result: null, fallback: 'pmqa' })), ['response-form', 'approval-letter', 'summary-report', 'activity-media']);
      assert.deepEqual(labels(complete(half, { line: 6, character: 2 }, { result: null, fallback: 'pmqa' })).slice(0, 3), ['1.3', '1.4', '2.1']);
      // A broken line (an unclosed quote) and a stale X2 result: still PMQA, by the text.
      const broken = `${half}\n    project: "unclosed`;
      assert.ok(parseYaml(broken).problems.length > 0);
      const x2 = { ...result, maturityPack: undefined, maturity: undefined, pack: loadX2Pack() } as ManifestCheckResult;
      assert.deepEqual(labels(complete(broken, { line: 3, character: 11 }, { result: x2, fallback: 'pmqa' })), ['basic', 'advance', 'significance']);
      // No framework named, X2 fallback: the X2 keys as before.
      const x2Root = complete('fiscalYear: 2567\n', { line: 1, character: 0 }, { result: null, fallback: 'x2' });
      assert.deepEqual(labels(x2Root), ['framework', 'office', 'reporter', 'sharing', 'rounds']);
      assert.equal(frameworkNamedIn('fiscalYear: 2567\n'), undefined);
      assert.equal(frameworkNamedIn('# x\nframework: "obec-x2"  # the pack\n'), 'obec-x2');
      assert.equal(frameworkNamedIn('fiscalYear: 2567\r\nframework: obec-pmqa\r\n'), 'obec-pmqa');
    });

    it('inside flow mappings (`- { kind: | }`, `target: { type: | }`, nested, sources): values and keys, the partial word replaced', () => {
      const base = 'framework: obec-pmqa\nfiscalYear: 2567\nitems:\n  "7.1":\n    level: advance\n    indicator:\n      title: x\n      target: { type: per, value: 80 }\n    evidence:\n      - { kind:  }\n  "1.1":\n    evidence:\n      - { kind: response-form,  }\n';
      const kind = at(base, '- { kind: ', '- { kind: '.length);
      const kinds = complete(base, kind, { result: null, fallback: 'pmqa' });
      assert.deepEqual(labels(kinds), ['results-form']);
      assert.deepEqual(kinds[0]!.range, { start: kind, end: kind });
      const type = at(base, 'type: per', 'type: per'.length);
      const types = complete(base, type, { result: null, fallback: 'pmqa' });
      assert.deepEqual(labels(types), ['percent', 'successLevel', 'count']);
      // Only "per" is replaced: `, value: 80 }` stays.
      assert.deepEqual(types[0]!.range, { start: { line: type.line, character: type.character - 3 }, end: type });
      // Keys of an evidence entry written as a flow mapping: those not there yet, as `key: `.
      const keys = complete(base, at(base, 'response-form, ', 'response-form, '.length), { result: null, fallback: 'pmqa' });
      assert.ok(!labels(keys).includes('kind'), labels(keys).join(', '));
      assert.ok(labels(keys).includes('file') && labels(keys).includes('level'), labels(keys).join(', '));
      assert.equal(keys.find((k) => k.label === 'file')!.insertText, 'file: ');
      // Nested flow mappings and sources.
      const nested = 'framework: obec-pmqa\nitems:\n  "7.1":\n    indicator: { title: x, target: { type:  } }\nsources:\n  ita: { level:  }\n  monitoring: { group:  }\n';
      assert.deepEqual(labels(complete(nested, at(nested, '{ type: ', '{ type: '.length), { result: null, fallback: 'pmqa' })), ['percent', 'successLevel', 'count']);
      assert.deepEqual(labels(complete(nested, at(nested, '{ level: ', '{ level: '.length), { result: null, fallback: 'pmqa' })), ['basic', 'advance', 'significance']);
      assert.deepEqual(labels(complete(nested, at(nested, '{ group: ', '{ group: '.length), { result: null, fallback: 'pmqa' })), ['A', 'B', 'C']);
      // Inside the user's quotes, the value closes them; a file name with a comma is quoted.
      const q = 'framework: obec-pmqa\nitems:\n  "1.1":\n    evidence:\n      - { kind: "", file:  }\n';
      const quoted = complete(q, at(q, 'kind: "', 'kind: "'.length), { result: null, fallback: 'pmqa' });
      assert.equal(quoted[0]!.insertText, 'response-form"');
      assert.equal(quoted[0]!.range.end.character - quoted[0]!.range.start.character, 1); // the closing quote
      const files = complete(q, at(q, 'file: ', 'file: '.length), { result: null, fallback: 'pmqa', files: ['evidence/a,b.pdf', 'evidence/c.pdf'] });
      assert.deepEqual(files.map((f) => f.insertText), ['"evidence/a,b.pdf"', 'evidence/c.pdf']);
    });

    it('inside flow mappings under an X2 point: its evidence kinds and entry keys', () => {
      const x2 = 'framework: obec-x2\nfiscalYear: 2567\nrounds:\n  6m:\n    points:\n      "1":\n        evidence:\n          - { kind:  }\n          - { kind: office-usage,  }\n';
      const x2Pack = loadX2Pack();
      const point = x2Pack.rounds.find((r) => r.id === '6m')!.points.find((p) => p.id === '1')!;
      const kinds = complete(x2, at(x2, '- { kind: ', '- { kind: '.length), { result: null, fallback: 'x2' });
      assert.deepEqual(labels(kinds), point.evidence.map((e) => e.id));
      const keys = complete(x2, at(x2, 'office-usage, ', 'office-usage, '.length), { result: null, fallback: 'x2' });
      assert.ok(labels(keys).includes('file') && !labels(keys).includes('kind'), labels(keys).join(', '));
    });

    it('after an opening quote under `items:` (`  "|"`): the sub-items, the edit giving `"1.4":` and its level line', () => {
      const text = insert(totalsLine, '  ""');
      const got = complete(text, { line: totalsLine, character: 3 });
      assert.deepEqual(labels(got).slice(0, 2), ['1.4', '2.1']);
      const e = got.find((x) => x.label === '1.4')!;
      // The range starts after the opening quote (the editor filters by the id typed) and takes the closing one.
      assert.deepEqual(e.range, { start: { line: totalsLine, character: 3 }, end: { line: totalsLine, character: 4 } });
      assert.equal(e.insertText, '1.4":\n    level: ');
      const typed = insert(totalsLine, "  '2.");
      const t2 = complete(typed, { line: totalsLine, character: 5 }).find((x) => x.label === '2.1')!;
      assert.equal(t2.insertText, "2.1':\n    level: ");
      assert.deepEqual(t2.range, { start: { line: totalsLine, character: 3 }, end: { line: totalsLine, character: 5 } });
    });

    it('`file:` under a sub-item: workspace files of the attachment types only', () => {
      const text = TEXT.replace('        file: evidence/photo.png\n  "1.2"', '        file: ev\n  "1.2"');
      const p = at(text, 'file: ev\n', 'file: ev'.length);
      const got = complete(text, p, { files: ['evidence/form.pdf', 'evidence/photo.png', 'evidence/notes.txt', 'other/x.pdf'] });
      assert.deepEqual(labels(got), ['evidence/form.pdf', 'evidence/photo.png']);
    });
  });

  describe('outline and code lenses', () => {
    it('sources, then categories → sub-items with level and points → attachments', () => {
      const syms = outline(result, 'th');
      assert.deepEqual(syms.map((s) => s.name), ['framework', 'fiscalYear', 'office', 'reporter', 'sources', 'items', 'totals']);
      const sources = syms.find((s) => s.name === 'sources')!;
      assert.deepEqual(sources.children.map((s) => `${s.name}: ${s.detail}`), ['ita: Advance · 400 คะแนน', 'kpi: Advance · 400 คะแนน', 'monitoring: Advance · 400 คะแนน']);
      const items = syms.find((s) => s.name === 'items')!;
      assert.equal(items.detail, 'คะแนนรวม 139.67 / 500');
      const flat = (s: OutlineSymbol): string => `${s.name} [${s.detail ?? ''}]`;
      assert.deepEqual(items.children.map(flat), ['หมวด 1 การนำองค์การ [ต่ำกว่า Basic · 275 คะแนน]', 'หมวด 7 ผลลัพธ์การดำเนินการ [ต่ำกว่า Basic · 66.67 คะแนน]']);
      const cat1 = items.children[0]!;
      assert.deepEqual(cat1.children.map(flat), ['ประเด็น 1.1 ✓ [Advance · 400 คะแนน]', 'ประเด็น 1.2 ↗ [Advance · 400 คะแนน]', 'ประเด็น 1.3 ✗ [Basic · 300 คะแนน]']);
      assert.deepEqual(cat1.children[0]!.children.map(flat), ['response-form [form.pdf]', 'approval-letter [form.pdf]', 'summary-report [form.pdf]', 'activity-media [basic · photo.png]', 'activity-media [advance · photo.png]']);
      assert.deepEqual(items.children[1]!.children.map(flat), ['มิติ 7.1 ✓ [Advance · 400 คะแนน]']);
      // A category spans its sub-items; its selection is the first sub-item's key.
      assert.deepEqual(cat1.selectionRange, { start: { line: 20, character: 2 }, end: { line: 20, character: 7 } });
      // (A block value's range runs to the start of the next line, as for X2 rounds.)
      assert.deepEqual(cat1.range, { start: { line: 20, character: 2 }, end: { line: locate(TEXT, '  "7.1":').line, character: 0 } });
    });

    it('a total lens on `items:` and one per reported category; no round lenses', () => {
      assert.deepEqual(roundLenses(result, 'th'), []);
      const lenses = maturityLenses(result, 'th');
      assert.deepEqual(
        lenses.map((l) => `${l.range.start.line}:${l.range.start.character} ${l.title}`),
        ['19:0 คะแนนรวม 139.67 / 500', '20:2 หมวด 1 การนำองค์การ: 275.00 (น้ำหนัก 12 %)', `${locate(TEXT, '  "7.1":').line}:2 หมวด 7 ผลลัพธ์การดำเนินการ: 66.67 (น้ำหนัก 40 %)`],
      );
      assert.equal(maturityLenses(result, 'en')[0]!.title, 'Total 139.67 / 500');
    });

    it('unknown points (a KPI score off its scale) are "ยังไม่ทราบ"/"unknown" and "—", never below Basic; known ones below Basic say so', async () => {
      // KPI 8 = 5.5 on a 1–5 scale: category 4 (4.1 reported, scored by the KPIs) cannot be computed.
      const text = TEXT.replace('kpi-8: 3.8', 'kpi-8: 5.5').replace('totals:\n', '  "4.1":\n    level: basic\ntotals:\n');
      const r = await office().check(text);
      const flat = (s: OutlineSymbol): string => `${s.name} [${s.detail ?? ''}]`;
      const items = (lang: 'th' | 'en') => outline(r, lang).find((x) => x.name === 'items')!;
      const cat4 = items('th').children.find((c) => c.name.startsWith('หมวด 4'))!;
      assert.equal(flat(cat4), 'หมวด 4 การวัด การวิเคราะห์ และการจัดการความรู้ [ยังไม่ทราบ · — คะแนน]');
      assert.deepEqual(cat4.children.map(flat), ['ประเด็น 4.1 ↗ [ยังไม่ทราบ · — คะแนน]']);
      assert.equal(items('en').children.find((c) => c.name.startsWith('Category 4'))!.detail, 'unknown · — pts');
      assert.equal(items('en').children.find((c) => c.name.startsWith('Category 1'))!.detail, 'below Basic · 275 pts');
      const head = (pos: Pos, lang: 'th' | 'en') => hoverAt(r, r.document!.offsetAt(pos), lang)!.markdown.split('\n')[0];
      assert.equal(head(at(text, '  "4.1":', 3), 'th'), '### หมวด 4 การวัด การวิเคราะห์ และการจัดการความรู้ · ประเด็น 4.1 — ยังไม่ทราบ · — คะแนน');
      assert.equal(head(at(text, '  "4.1":', 3), 'en'), '### Category 4 Measurement, analysis and knowledge management · Sub-item 4.1 — unknown · — points');
      // The totals hover: "—" for unknown points only.
      const totals = hoverAt(r, r.document!.offsetAt(at(text, 'items:', 2)), 'en')!.markdown;
      assert.ok(totals.startsWith('### Total — / 500\n'), totals);
      assert.ok(totals.includes('| 4 Measurement, analysis and knowledge management | 10 % | — | — |'), totals);
      assert.ok(totals.includes('| 1 Leadership | 12 % | 275.00 | below Basic |'), totals);
      // A known sub-item below Basic: its status says so, in the same words.
      const below = TEXT.replace('  "1.3":\n    level: advance', '  "1.3":\n    level: basic').replace(/(  "1\.3":[\s\S]*?)      - kind: activity-media\n        level: basic\n        file: evidence\/photo.png\n/, '$1');
      const r2 = await office().check(below);
      const md = hoverAt(r2, r2.document!.offsetAt(at(below, '  "1.3":', 3)), 'th')!.markdown;
      assert.ok(md.includes('ได้ระดับ ต่ำกว่า Basic'), md);
      assert.ok(!md.includes('ยังไม่ถึงระดับแรก'), md);
    });
  });

  describe('quick fixes', () => {
    const { check } = office();
    /** The single fix titled `title` for the finding `code`, applied; the new text and its check. */
    async function applyFix(text: string, code: string, title?: string): Promise<{ fix: QuickFix; text: string; after: ManifestCheckResult }> {
      const r = await check(text);
      const f = r.findings.find((x) => x.code === code);
      assert.ok(f, `${code} not in ${r.findings.map(where).join(', ')}`);
      const range = f.location.kind === 'text' ? f.location.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const fixes = quickFixes(r, text, range, 'th').filter((x) => x.finding.code === code);
      const fix = title ? fixes.find((x) => x.title === title) : fixes.find((x) => x.isPreferred);
      assert.ok(fix?.edits, `no fix for ${code}: ${fixes.map((x) => x.title).join(' | ')}`);
      const next = applyEdits(text, r.document!, fix.edits);
      return { fix, text: next, after: await check(next) };
    }

    it('pmqa.total.mismatch: replace the stated total by the computed one', async () => {
      const { fix, text, after } = await applyFix(TEXT, 'pmqa.total.mismatch');
      assert.equal(fix.title, 'ใช้คะแนนที่คำนวณได้: 139.67');
      assert.deepEqual(fix.edits, [{ range: { start: { line: 61, character: 9 }, end: { line: 61, character: 14 } }, newText: '139.67' }]);
      assert.ok(text.endsWith('totals:\n  total: 139.67\n'));
      assert.ok(!after.findings.some((f) => f.code === 'pmqa.total.mismatch'));
    });

    it('pmqa.level.unknown: each known level, the closest first and preferred', async () => {
      const bad = TEXT.replace('  "1.1":\n    level: advance', '  "1.1":\n    level: advanse');
      const r = await check(bad);
      const f = r.findings.find((x) => x.code === 'pmqa.level.unknown');
      assert.ok(f && f.location.kind === 'text', r.findings.map(where).join(', '));
      const fixes = quickFixes(r, bad, f.location.range, 'en').filter((x) => x.finding.code === 'pmqa.level.unknown');
      assert.deepEqual(fixes.map((x) => `${x.title}${x.isPreferred ? ' *' : ''}`), ['Change to "advance" *', 'Change to "basic"', 'Change to "significance"']);
      const { text, after } = await applyFix(bad, 'pmqa.level.unknown', 'เปลี่ยนเป็น "advance"');
      assert.equal(text, TEXT);
      assert.ok(!after.findings.some((x) => x.code === 'pmqa.level.unknown'));
    });

    it('pmqa.item.not-reported: remove the sub-item block', async () => {
      const { fix, text, after } = await applyFix(TEXT, 'pmqa.item.not-reported');
      assert.equal(fix.title, 'ลบประเด็น 1.2 (ใช้คะแนนจากแหล่งภายนอก)');
      assert.equal(text, TEXT.replace('  "1.2":\n    level: basic\n', ''));
      assert.ok(!after.findings.some((x) => x.code === 'pmqa.item.not-reported'));
      assert.equal(after.maturity?.total, result.maturity?.total);
    });

    it('pmqa.attachment.missing: an evidence skeleton under the sub-item (after its last entry; a new list when it has none)', async () => {
      const noReport = TEXT.replace('      - kind: summary-report\n        file: evidence/form.pdf\n      - kind: activity-media\n        level: basic\n        file: evidence/photo.png\n      - kind: activity-media\n        level: advance', '      - kind: activity-media\n        level: basic\n        file: evidence/photo.png\n      - kind: activity-media\n        level: advance');
      const { fix, text, after } = await applyFix(noReport, 'pmqa.attachment.missing');
      assert.equal(fix.title, 'เพิ่มเอกสารแนบ "รายงานสรุปผลนำเสนอ ผอ.สพท./รูปเล่มรายงาน"');
      assert.ok(text.includes('        level: advance\n        file: evidence/photo.png\n      - kind: summary-report\n        file: \n  "1.2":'), text);
      assert.deepEqual(after.findings.filter((x) => x.code === 'pmqa.attachment.missing').map(where), []);
      assert.deepEqual(parseYaml(text).problems, []);

      const noList = TEXT.replace('  "1.2":\n    level: basic\n', '').replace('  "1.1":\n    level: advance\n    project: โครงการสื่อสารนโยบาย\n    evidence:', '  "1.4":\n    level: basic\n    project: โครงการ ข\n  "1.1":\n    level: advance\n    project: โครงการสื่อสารนโยบาย\n    evidence:');
      const r2 = await applyFix(noList, 'pmqa.attachment.missing');
      assert.ok(r2.text.includes('  "1.4":\n    level: basic\n    project: โครงการ ข\n    evidence:\n      - kind: response-form\n        file: \n  "1.1":'), r2.text);
      assert.deepEqual(parseYaml(r2.text).problems, []);
    });

    it('pmqa.level.unsupported: a photo/link skeleton for the level claimed (not preferred: the level needs its file first)', async () => {
      const title = 'เพิ่มเอกสารแนบ "ภาพถ่ายกิจกรรม/Link เกี่ยวข้อง/ภาพถ่ายหน้าเว็ป หน้าระบบ" (Advance)';
      const { fix, text, after } = await applyFix(TEXT, 'pmqa.level.unsupported', title);
      assert.equal(fix.isPreferred, undefined);
      assert.ok(text.includes('        level: basic\n        file: evidence/photo.png\n      - kind: activity-media\n        level: advance\n        file: \n  "7.1":'), text);
      // With the file named, 1.3 reaches Advance.
      const done = text.replace('        level: advance\n        file: \n  "7.1":', '        level: advance\n        file: evidence/photo.png\n  "7.1":');
      const r = await check(done);
      assert.ok(!r.findings.some((x) => x.code === 'pmqa.level.unsupported'), r.findings.map(where).join(', '));
      assert.equal(r.maturity!.categories[0]!.items.find((i) => i.item === '1.3')!.level, 'advance');
      assert.ok(after.findings.some((x) => x.code === 'pmqa.level.unsupported'));
    });

    it('pmqa.indicator.type-unknown: each known type; type-mismatch: the target\'s type (offered, not preferred)', async () => {
      const unknown = TEXT.replace('result: { type: percent, value: 86.5 }', 'result: { type: precent, value: 86.5 }');
      const r1 = await applyFix(unknown, 'pmqa.indicator.type-unknown');
      assert.equal(r1.fix.title, 'เปลี่ยนเป็น "percent"');
      assert.equal(r1.text, TEXT);
      const mismatch = TEXT.replace('result: { type: percent, value: 86.5 }', 'result: { type: count, value: 86 }');
      const r2 = await applyFix(mismatch, 'pmqa.indicator.type-mismatch', 'ใช้รูปแบบเดียวกับค่าเป้าหมาย: percent');
      assert.equal(r2.fix.isPreferred, undefined);
      assert.equal(r2.text, TEXT.replace('value: 86.5 }', 'value: 86 }'));
      assert.ok(!r2.after.findings.some((x) => x.code.startsWith('pmqa.indicator.')), r2.after.findings.map(where).join(', '));
    });

    it('no skeleton where no edit is safe: a flow-style sub-item; the last sub-item is not removed', async () => {
      const flow = TEXT.replace('  "1.2":\n    level: basic\n', '  "1.4": { level: basic, project: โครงการ ข }\n');
      const r = await check(flow);
      const line = locate(flow, '"1.4"').line;
      const f = r.findings.find((x) => x.code === 'pmqa.attachment.missing' && x.location.kind === 'text' && x.location.range.start.line === line);
      assert.ok(f && f.location.kind === 'text', r.findings.map(where).join(', '));
      assert.deepEqual(quickFixes(r, flow, f.location.range, 'th').filter((x) => x.finding === f), []);
      const alone = TEXT.slice(0, TEXT.indexOf('items:')) + 'items:\n  "1.2":\n    level: basic\n';
      const r2 = await check(alone);
      const g = r2.findings.find((x) => x.code === 'pmqa.item.not-reported');
      assert.ok(g && g.location.kind === 'text');
      assert.deepEqual(quickFixes(r2, alone, g.location.range, 'th').filter((x) => x.finding === g), []);
    });
  });

  describe('manifest template', () => {
    it('every self-assessed sub-item with `level:` and an empty evidence list, the sources block; checks with no shape or item findings', async () => {
      const text = maturityManifestTemplate(PACK, { fiscalYear: 2567, officeName: 'สพป.ทดสอบ เขต 1', lang: 'th' });
      const doc = parseYaml(text);
      assert.deepEqual(doc.problems, []);
      const v = doc.value as { framework: string; sources: Record<string, Record<string, unknown>>; items: Record<string, { level: string; evidence: unknown[]; indicator?: unknown; project?: string }> };
      assert.equal(v.framework, 'obec-pmqa');
      assert.deepEqual(Object.keys(v.sources), ['ita', 'kpi', 'monitoring']);
      assert.deepEqual(v.sources['kpi'], { scores: { 'kpi-4.1.2': '', 'kpi-8': '' } });
      const self = ['1.1', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '5.1', '5.2', '5.3', '5.4', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6'];
      assert.deepEqual(Object.keys(v.items), self);
      for (const id of self) {
        assert.equal(v.items[id]!.level, '');
        assert.deepEqual(v.items[id]!.evidence, []);
        assert.equal('indicator' in v.items[id]!, id.startsWith('7.'));
        assert.equal('project' in v.items[id]!, !id.startsWith('7.'));
      }
      assert.ok(text.includes('  "1.1":  # ระบบการนำองค์การที่สร้างความยั่งยืน\n    level: ""  # basic | advance | significance\n    project: ""\n    # เอกสารแนบ: response-form, approval-letter, summary-report; activity-media (ทุกระดับ พร้อม level:)\n    evidence: []\n'), text);
      assert.ok(text.includes('  # 1.2 การป้องกันทุจริตและสร้างความโปร่งใส: สพท. ไม่ต้องรายงาน (ใช้ผลจาก sources.ita)\n'), text);
      const r = await office().check(text);
      const codes = new Set<string>(r.findings.map((f) => f.code));
      for (const c of ['pmqa.item.missing', 'pmqa.item.not-reported', 'pmqa.item.unknown', 'pmqa.source.unknown', 'manifest.schema.unknown-key']) assert.ok(!codes.has(c), `${c}: ${r.findings.map(where).join(', ')}`);
      const en = maturityManifestTemplate(PACK, { fiscalYear: 2567, officeName: 'Test office', lang: 'en' });
      assert.ok(en.includes('  "1.1":  # A leadership system that builds sustainability\n'), en);
      assert.ok(en.includes('  # 4.1 Setting measures and disclosing data to the public: not reported by the office (scored from sources.kpi)\n'), en);
    });
  });
});
