/**
 * One test per finding code the manifest path can produce (server/src/engine/messages.ts),
 * asserting the exact code, severity and place (0-based line/character of the range's
 * start, or sheet and cell), on in-memory offices (helpers.ts); then hostile YAML, and the
 * lenient reading of workbooks through extractTable.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { createEvidenceEngine, type Finding } from '../../server/src/engine/index';
import { parsePack } from '../../server/src/engine/packs/loader';
import { MESSAGES } from '../../server/src/engine/messages';
import { extractTable } from '../../server/src/engine/tables/extract';
import { DEFAULT_WORKBOOK_LIMITS, type WorkbookProblemCode } from '../../server/src/engine/workbook/model';
import { readXlsx } from '../../server/src/engine/workbook/xlsxReader';
import {
  CFB_MAGIC,
  MANIFEST_PATH,
  MemoryHost,
  OFFICE_DIR,
  PDF_BYTES,
  PNG_BYTES,
  X22_HEADER,
  X23_HEADER,
  createEngine,
  loadX2Pack,
  packs,
  locate,
  only,
  schoolCode,
  setupOffice,
  startOf,
  valueAt,
  where,
  workbookBytes,
  x22Sheet,
  x22Workbook,
  type CellInput,
  type Office,
  type Pos,
  type SheetInput,
} from './helpers';

const at = (code: string, p: Pos): string => `${code}@${p.line}:${p.character}`;
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

function replace(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the manifest contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** The single finding `code`, with its severity and start position checked. */
function expectAt(findings: readonly Finding[], code: string, severity: Finding['severity'], pos: Pos): Finding {
  const f = only(findings, code);
  assert.equal(f.severity, severity, `${code} severity`);
  assert.deepEqual(startOf(f), pos, `${code} position`);
  return f;
}

/** Position of the key of point `id` of `round` (e.g. the `3` of `      3:`). */
function pointKey(text: string, id: string, round = '6m'): Pos {
  const from = text.indexOf(`\n  ${round}:\n`);
  assert.ok(from >= 0, `round ${round} in the text`);
  const at = text.indexOf(`\n      ${id}:`, from);
  assert.ok(at >= 0, `point ${id} of ${round} in the text`);
  const p = locate(text.slice(0, at + 1) + '\u0000', '\u0000');
  return { line: p.line, character: 6 };
}

const levelsOf = (r: Awaited<ReturnType<Office['check']>>): number[] => (r.score?.rounds ?? []).map((x) => x.level);
const pointClear = (r: Awaited<ReturnType<Office['check']>>, round: string, point: string): boolean | undefined =>
  r.score?.rounds.find((x) => x.round === round)?.points.find((p) => p.point === point)?.clear;

describe('engine checks', function () {
  let office: Office;
  before(async () => {
    office = await setupOffice();
  });

  describe('checks: the clean office', () => {
    it('has no findings and scores 4 / 5', async () => {
      const r = await office.check();
      assert.deepEqual(r.findings.map(where), []);
      assert.deepEqual(levelsOf(r), [4, 5]);
      assert.deepEqual(r.framework, { id: 'obec-x2', edition: '2566' });
      assert.equal(r.summary.fiscalYear, 2567);
      assert.deepEqual(sorted(r.tables.map((t) => t.table)), ['X2.1', 'X2.2', 'X2.3']);
    });

    it('every catalogue message has a Thai and an English text and a severity', () => {
      for (const [code, m] of Object.entries(MESSAGES)) {
        assert.ok(m.th.length > 0 && m.en.length > 0, code);
        assert.ok(['error', 'warning', 'information', 'hint'].includes(m.severity), code);
      }
    });
  });

  // ---------------------------------------------------------------------------------------
  // YAML
  // ---------------------------------------------------------------------------------------

  describe('checks: YAML', () => {
    it('manifest.yaml.syntax: a reserved character starting a plain value', async () => {
      const text = replace(office.text, 'title: ภาพหน้าจอระบบทั้ง 4 ด้าน', 'title: @ภาพหน้าจอ');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.yaml.syntax', valueAt(text, 'title'))]);
      assert.equal(r.findings[0]!.severity, 'error');
    });

    it('manifest.yaml.tab-indent: a tab indenting a key', async () => {
      const text = replace(office.text, '  code: "9901"', '\tcode: "9901"');
      const r = await office.check(text);
      expectAt(r.findings, 'manifest.yaml.tab-indent', 'error', locate(text, '\tcode'));
    });

    it('manifest.yaml.duplicate-key: at the repeated key, naming it', async () => {
      const text = replace(office.text, 'fiscalYear: 2567\n', 'fiscalYear: 2567\nfiscalYear: 2567\n');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.yaml.duplicate-key', { line: 2, character: 0 })]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.match(r.findings[0]!.message.en, /"fiscalYear"/);
    });

    it('a finding on a duplicated key points at the value the engine used', async () => {
      // Parsers keep the last of duplicated keys: 110 is the declared value checked, so
      // the mismatch belongs on the line that says 110, not on the line that says 112.
      const text = replace(office.text, '      schoolsTotal: 112\n      schoolsUsingRealTime', '      schoolsTotal: 112\n      schoolsTotal: 110\n      schoolsUsingRealTime');
      const r = await office.check(text);
      const mismatch = only(r.findings, 'rubric.figure.mismatch');
      assert.match(mismatch.message.en, /declared as 110 but table X2\.3 gives 112/);
      assert.deepEqual(startOf(mismatch), valueAt(text, 'schoolsTotal', 2), 'the mismatch is located at "110"');
      expectAt(r.findings, 'manifest.yaml.duplicate-key', 'error', locate(text, 'schoolsTotal: 110'));
    });

    it('manifest.yaml.alias-bomb: billion laughs returns promptly, unexpanded', async () => {
      const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      const names = 'abcdefghij';
      for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
      const text = `${lines.join('\n')}\n`;
      const started = Date.now();
      const r = await office.check(text);
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
      assert.deepEqual(r.findings.map(where), [at('manifest.yaml.alias-bomb', locate(text, '*a'))]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.equal(r.score, undefined);
    });

    it('manifest.yaml.too-deep: 10,000 nested flow brackets, no stack overflow', async () => {
      const text = `${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.yaml.too-deep', { line: 0, character: 64 })]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.match(r.findings[0]!.message.en, /65 levels, more than 64/);
    });

    it('manifest.yaml.too-deep: deep block nesting (200 levels)', async () => {
      let text = '';
      for (let i = 0; i < 200; i++) text += `${' '.repeat(2 * i)}a:\n`;
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.yaml.too-deep', { line: 65, character: 130 })]);
    });

    it('64 levels of flow nesting are still read', async () => {
      const text = `framework: ${'['.repeat(63)}${']'.repeat(63)}\n`;
      const r = await office.check(text);
      assert.ok(!r.findings.some((f) => f.code === 'manifest.yaml.too-deep'), r.findings.map(where).join(', '));
    });

    it('manifest.yaml.too-large: a 3 MB manifest is not parsed', async () => {
      const text = `framework: obec-x2\n${`# ${'x'.repeat(1000)}\n`.repeat(3000)}`;
      assert.ok(text.length > 3_000_000);
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.yaml.too-large', { line: 0, character: 0 })]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.match(r.findings[0]!.message.en, /3009019 bytes, more than 2097152/);
    });

    it('manifest.yaml.not-mapping: a scalar or a list at the top', async () => {
      for (const text of ['just a string\n', '- a\n- b\n', '42\n']) {
        const r = await office.check(text);
        assert.deepEqual(r.findings.map(where), [at('manifest.yaml.not-mapping', { line: 0, character: 0 })], JSON.stringify(text));
        assert.equal(r.findings[0]!.severity, 'error');
      }
    });

    it('an empty manifest (or only comments) is an error, not a clean pass', async () => {
      for (const text of ['', '\n', '# ยังไม่ได้กรอก\n']) {
        const r = await office.check(text);
        assert.deepEqual(r.findings.map(where), [at('manifest.yaml.not-mapping', { line: 0, character: 0 })], JSON.stringify(text));
      }
    });

    it('a BOM at the start: no finding, and positions are those of the text without it (as editors show it)', async () => {
      const clean = await office.check(`\uFEFF${office.text}`);
      assert.deepEqual(clean.findings.map(where), []);
      assert.deepEqual(levelsOf(clean), [4, 5]);

      const text = `\uFEFF${replace(office.text, 'framework: obec-x2', 'framework: obec-x9')}`;
      const r = await office.check(text);
      expectAt(r.findings, 'manifest.framework.unknown', 'error', { line: 0, character: 11 });
      assert.deepEqual(locate(text.slice(1), 'obec-x9'), { line: 0, character: 11 });

      const later = `\uFEFF${replace(office.text, 'schoolsAllAreas: 104', 'schoolsAllAreas: 108')}`;
      const r2 = await office.check(later);
      expectAt(r2.findings, 'rubric.figure.mismatch', 'error', valueAt(later, 'schoolsAllAreas'));
    });

    it('manifest.key.invisible-characters: U+200B in keys is reported and the rest still runs', async () => {
      const base = (await setupOffice({ drop: ['6m.4'] })).text;
      const text = replace(replace(base, 'framework:', 'frame\u200Bwork:'), '    points:', '    poi\u200Bnts:');
      const r = await office.check(text);
      const pointsKey = locate(text, 'poi\u200Bnts');
      assert.deepEqual(sorted(r.findings.map(where)), sorted([
        at('manifest.key.invisible-characters', { line: 0, character: 0 }),
        at('manifest.key.invisible-characters', pointsKey),
        at('rubric.point.missing-evidence', locate(text, '6m:')),
      ]));
      const first = r.findings.find((f) => f.code === 'manifest.key.invisible-characters')!;
      assert.equal(first.severity, 'error');
      assert.match(first.message.en, /Key "framework" contains invisible characters \(U\+200B\)/);
      assert.deepEqual(levelsOf(r), [4, 5]);
    });
  });

  // ---------------------------------------------------------------------------------------
  // The manifest's shape
  // ---------------------------------------------------------------------------------------

  describe('checks: shape', () => {
    it('manifest.schema.unknown-key: at the key', async () => {
      const text = replace(office.text, '  code: "9901"\n', '  code: "9901"\n  director: นายสมชาย รักงาน\n');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.schema.unknown-key', locate(text, 'director'))]);
      assert.match(r.findings[0]!.message.en, /Unknown key "director" at office \(expected one of: name, code, province\)/);
    });

    it('manifest.schema.missing-key: at the parent key', async () => {
      const text = replace(office.text, '  email: tester@example.go.th\n', '');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.schema.missing-key', locate(text, 'reporter:'))]);
      assert.match(r.findings[0]!.message.en, /Missing key "email" at reporter/);
    });

    it('manifest.schema.missing-key: a missing number-or-text key (fiscalYear, reporter.phone) is "missing", not "invalid"', async () => {
      const noYear = replace(office.text, 'fiscalYear: 2567\n', '');
      const r = await office.check(noYear);
      assert.deepEqual(r.findings.map(where), [at('manifest.schema.missing-key', { line: 0, character: 0 })]);
      assert.match(r.findings[0]!.message.en, /Missing key "fiscalYear" at \(root\)/);

      const noPhone = replace(office.text, '  phone: "0 7751 1234 ต่อ 205"\n', '');
      const r2 = await office.check(noPhone);
      assert.deepEqual(r2.findings.map(where), [at('manifest.schema.missing-key', locate(noPhone, 'reporter:'))]);
      assert.match(r2.findings[0]!.message.en, /Missing key "phone" at reporter/);
    });

    it('manifest.schema.wrong-type: at the value', async () => {
      const text = replace(office.text, 'schoolsTotal: 112', 'schoolsTotal: [112]');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.schema.wrong-type', valueAt(text, 'schoolsTotal'))]);
      assert.match(r.findings[0]!.message.en, /rounds\.6m\.figures\.schoolsTotal must be number \/ string, found list/);
    });

    it('manifest.schema.invalid-value: an e-mail address, a phone number, an enum', async () => {
      const email = replace(office.text, 'email: tester@example.go.th', 'email: tester-at-example');
      const r = await office.check(email);
      assert.deepEqual(r.findings.map(where), [at('manifest.schema.invalid-value', valueAt(email, 'email'))]);
      assert.equal(r.findings[0]!.severity, 'error');

      const phone = replace(office.text, 'phone: "0 7751 1234 ต่อ 205"', 'phone: "โทรหาได้เลย"');
      const r2 = await office.check(phone);
      assert.deepEqual(r2.findings.map(where), [at('manifest.schema.invalid-value', valueAt(phone, 'phone'))]);

      const sharing = replace(office.text, 'rounds:\n', 'sharing: public\nrounds:\n');
      const r3 = await office.check(sharing);
      assert.deepEqual(r3.findings.map(where), [at('manifest.schema.invalid-value', valueAt(sharing, 'sharing'))]);
    });

    it('manifest.thai-digits: "๑๑๒" in a figure reads as 112, with an information finding', async () => {
      const text = replace(office.text, 'schoolsTotal: 112', 'schoolsTotal: "๑๑๒"');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.thai-digits', valueAt(text, 'schoolsTotal'))]);
      const f = r.findings[0]!;
      assert.equal(f.severity, 'information');
      assert.match(f.message.en, /Thai digits "๑๑๒" read as 112/);
      assert.deepEqual(levelsOf(r), [4, 5]);
    });

    it('manifest.thai-digits: a fiscal year and a school code in Thai digits', async () => {
      const text = replace(replace(office.text, 'fiscalYear: 2567', 'fiscalYear: "๒๕๖๗"'), 'school: "1099010001"', 'school: "๑๐๙๙๐๑๐๐๐๑"');
      const r = await office.check(text);
      assert.deepEqual(sorted(r.findings.map(where)), sorted([at('manifest.thai-digits', valueAt(text, 'fiscalYear')), at('manifest.thai-digits', valueAt(text, 'school'))]));
      assert.ok(r.findings.every((f) => f.severity === 'information'));
      assert.equal(r.summary.fiscalYear, 2567);
      assert.deepEqual(levelsOf(r), [4, 5]);
    });
  });

  // ---------------------------------------------------------------------------------------
  // Framework, fiscal year, rounds, points, evidence kinds
  // ---------------------------------------------------------------------------------------

  describe('checks: framework and fiscal year', () => {
    it('manifest.framework.unknown: at the value; nothing is scored', async () => {
      const text = replace(office.text, 'framework: obec-x2', 'framework: obec-x9');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.framework.unknown', { line: 0, character: 11 })]);
      assert.match(r.findings[0]!.message.en, /Unknown framework "obec-x9" \(available: [^)]*\bobec-x2\b[^)]*\)/);
      assert.equal(r.score, undefined);
    });

    it('manifest.framework.no-edition: a year before every edition (warning at the fiscal year)', async () => {
      const o = await setupOffice({ fiscalYear: 2560, dates: { '6m.1.office-usage': null, '6m.2.concept': null, '6m.4.dissemination': null, '12m.2.manual': null } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('manifest.framework.no-edition', valueAt(o.text, 'fiscalYear'))]);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.deepEqual(levelsOf(r), [4, 5]);
    });

    it('manifest.fiscal-year.common-era: 2024 is read as 2567 for the date checks', async () => {
      const text = replace(office.text, 'fiscalYear: 2567', 'fiscalYear: 2024');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.fiscal-year.common-era', valueAt(text, 'fiscalYear'))]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.deepEqual(r.findings[0]!.data, { suggestion: 2567 });
      assert.equal(r.summary.fiscalYear, 2567);
    });

    it('manifest.fiscal-year.implausible', async () => {
      for (const y of ['256', '3000', '2800']) {
        const text = replace(office.text, 'fiscalYear: 2567', `fiscalYear: ${y}`);
        const r = await office.check(text);
        assert.deepEqual(r.findings.map(where), [at('manifest.fiscal-year.implausible', valueAt(text, 'fiscalYear'))], y);
        assert.equal(r.findings[0]!.severity, 'error');
      }
    });
  });

  describe('checks: rounds, points, evidence kinds', () => {
    it('manifest.round.unknown: at the round key', async () => {
      const text = replace(office.text, 'rounds:\n', 'rounds:\n  9m:\n    points: {}\n');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.round.unknown', locate(text, '9m'))]);
      assert.equal(r.findings[0]!.severity, 'error');
    });

    it('manifest.round.none: at the rounds key', async () => {
      const text = `${office.text.slice(0, office.text.indexOf('rounds:'))}rounds: {}\n`;
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.round.none', locate(text, 'rounds'))]);
      assert.equal(r.score?.overall, undefined);
    });

    it('manifest.point.unknown: at the point key', async () => {
      const text = replace(office.text, '  12m:\n', '      5:\n        evidence: []\n  12m:\n');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.point.unknown', pointKey(text, '5'))]);
      assert.match(r.findings[0]!.message.en, /has no consideration point "5" \(points: 1, 2, 3, 4\)/);
    });

    it('manifest.evidence.unknown-kind: at the kind, and the point lacks its evidence', async () => {
      const text = replace(office.text, 'kind: concept', 'kind: minutes');
      const r = await office.check(text);
      assert.deepEqual(sorted(r.findings.map(where)), sorted([at('manifest.evidence.unknown-kind', locate(text, 'minutes')), at('rubric.point.missing-evidence', pointKey(text, '2'))]));
      expectAt(r.findings, 'manifest.evidence.unknown-kind', 'error', locate(text, 'minutes'));
      assert.equal(pointClear(r, '6m', '2'), false);
    });

    it('manifest.evidence.needs-file: at the entry', async () => {
      const text = replace(office.text, 'file: evidence/6m/p1-office-screens.pdf', 'url: https://screens.example.go.th');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.evidence.needs-file', locate(text, 'kind: office-usage'))]);
      assert.equal(pointClear(r, '6m', '1'), false);
    });

    it('manifest.evidence.needs-url: at the entry', async () => {
      const text = replace(office.text, 'url: https://datacenter.example.go.th\n', 'file: evidence/6m/p3-manual.pdf\n');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.evidence.needs-url', locate(text, 'kind: access-link'))]);
      assert.equal(pointClear(r, '6m', '3'), false);
    });

    it('manifest.evidence.needs-file-or-url: at the entry', async () => {
      const text = replace(office.text, 'file: evidence/6m/p2-concept.pdf', 'title: รายงานการประชุม');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.evidence.needs-file-or-url', locate(text, 'kind: concept'))]);
      assert.equal(pointClear(r, '6m', '2'), false);
    });

    it('manifest.evidence.needs-school: at the entry', async () => {
      const o = await setupOffice({ usageSchools: [schoolCode(0), schoolCode(1), schoolCode(2)] });
      const text = replace(o.text, `            school: "${schoolCode(2)}"\n`, '');
      const r = await o.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.evidence.needs-school', locate(text, 'kind: school-usage', 2))]);
      // The two other schools' evidence is usable: at least 2 schools, so the point stays clear.
      assert.equal(pointClear(r, '6m', '1'), true);
    });

    it('manifest.table.conflict: a table linked to two different files (warning at the second)', async () => {
      const o = await setupOffice();
      o.host.addFile(path.join(OFFICE_DIR, 'tables/X2.2-old.xlsx'), await x22Workbook(112, 104));
      const text = replace(o.text, '      2:\n        evidence:\n          - kind: concept', '          - kind: table-x2.2\n            file: tables/X2.2-old.xlsx\n      2:\n        evidence:\n          - kind: concept');
      const r = await o.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.table.conflict', locate(text, 'tables/X2.2-old.xlsx'))]);
      assert.equal(r.findings[0]!.severity, 'warning');
    });
  });

  // ---------------------------------------------------------------------------------------
  // Evidence files and links
  // ---------------------------------------------------------------------------------------

  describe('checks: evidence files', () => {
    it('evidence.file.missing: at the file value; the point is not clear', async () => {
      const text = replace(office.text, 'evidence/6m/p4-dissemination.pdf', 'evidence/6m/p4-nothing.pdf');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('evidence.file.missing', locate(text, 'evidence/6m/p4-nothing.pdf'))]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.equal(pointClear(r, '6m', '4'), false);
      assert.deepEqual(levelsOf(r), [4, 5]); // 3 clear points, 92.86 %
    });

    it('evidence.file.not-a-file: a folder', async () => {
      const text = replace(office.text, 'evidence/6m/p4-dissemination.pdf', 'evidence/6m');
      const r = await office.check(text);
      const value = locate(text, 'file: evidence/6m\n');
      assert.deepEqual(r.findings.map(where), [at('evidence.file.not-a-file', { line: value.line, character: value.character + 6 })]);
    });

    it('evidence.file.empty: a 0-byte file', async () => {
      const o = await setupOffice();
      o.host.addFile(path.join(OFFICE_DIR, 'evidence/6m/p2-concept.pdf'), new Uint8Array(0));
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('evidence.file.empty', locate(o.text, 'evidence/6m/p2-concept.pdf'))]);
      assert.equal(pointClear(r, '6m', '2'), false);
    });

    it('evidence.file.outside-workspace: a path whose real path escapes the root', async () => {
      const o = await setupOffice();
      o.host.addFile('/elsewhere/secret.pdf', PDF_BYTES).link(path.join(OFFICE_DIR, 'evidence/12m/p4-office-analysis.pdf'), '/elsewhere/secret.pdf');
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('evidence.file.outside-workspace', locate(o.text, 'evidence/12m/p4-office-analysis.pdf'))]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.match(r.findings[0]!.message.en, /lies outside the workspace \(\/ws\)/);
      assert.equal(pointClear(r, '12m', '4'), false);
      assert.deepEqual(levelsOf(r), [4, 3]);
    });

    it('evidence.file.outside-workspace: "../" out of the workspace', async () => {
      const o = await setupOffice();
      o.host.addFile('/outside/p4.pdf', PDF_BYTES);
      const text = replace(o.text, 'evidence/6m/p4-dissemination.pdf', '../../outside/p4.pdf');
      const r = await o.check(text);
      assert.deepEqual(r.findings.map(where), [at('evidence.file.outside-workspace', locate(text, '../../outside/p4.pdf'))]);
    });

    it('evidence.file.wrong-type: a .zip where photos are expected', async () => {
      const o = await setupOffice();
      o.host.addFile(path.join(OFFICE_DIR, 'evidence/6m/photos.zip'), zipSync({ 'a.txt': strToU8('x') }));
      const text = replace(o.text, 'evidence/6m/p4-dissemination.pdf', 'evidence/6m/photos.zip');
      const r = await o.check(text);
      assert.deepEqual(r.findings.map(where), [at('evidence.file.wrong-type', locate(text, 'evidence/6m/photos.zip'))]);
      assert.match(r.findings[0]!.message.en, /is of type \.zip, not accepted for this evidence \(accepted: \.pdf, \.docx, \.png, \.jpg, \.jpeg\)/);
      assert.equal(pointClear(r, '6m', '4'), false);
    });

    it('evidence.file.content-mismatch: a PNG named .pdf is a warning; the point stays clear', async () => {
      const o = await setupOffice();
      o.host.addFile(path.join(OFFICE_DIR, 'evidence/12m/p4-office-analysis.pdf'), PNG_BYTES);
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('evidence.file.content-mismatch', locate(o.text, 'evidence/12m/p4-office-analysis.pdf'))]);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.match(r.findings[0]!.message.en, /named \.pdf but its content is PNG/);
      assert.equal(pointClear(r, '12m', '4'), true);
    });
  });

  describe('checks: links and passwords', () => {
    it('evidence.link.malformed: at the url value', async () => {
      const text = replace(office.text, 'url: https://datacenter.example.go.th/dashboard', 'url: htps://datacenter example.go.th');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('evidence.link.malformed', locate(text, 'htps://'))]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.equal(pointClear(r, '12m', '2'), false);
      assert.deepEqual(levelsOf(r), [4, 1]);
    });

    it('evidence.link.malformed: not http(s), no host', async () => {
      for (const url of ['ftp://files.example.go.th/manual', 'datacenter.example.go.th', 'https://']) {
        const text = replace(office.text, 'url: https://datacenter.example.go.th/dashboard', `url: ${url}`);
        const r = await office.check(text);
        assert.deepEqual(r.findings.map(where), [at('evidence.link.malformed', valueAt(text, 'url', 1))], url);
      }
    });

    it('evidence.link.login-undocumented: an access link without login (information)', async () => {
      const text = replace(office.text, 'url: https://datacenter.example.go.th\n            login: แจ้งชื่อผู้ใช้และรหัสผ่านเมื่อผู้ตรวจร้องขอ\n', 'url: https://datacenter.example.go.th\n');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('evidence.link.login-undocumented', valueAt(text, 'url'))]);
      assert.equal(r.findings[0]!.severity, 'information');
      assert.equal(pointClear(r, '6m', '3'), true);
    });

    it('manifest.password.plain-text: a password under login (warning at the value)', async () => {
      const text = replace(office.text, 'login: แจ้งชื่อผู้ใช้และรหัสผ่านเมื่อผู้ตรวจร้องขอ\n', 'login:\n              username: reviewer\n              password: Snk1@2567\n');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.password.plain-text', valueAt(text, 'password'))]);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.equal(pointClear(r, '6m', '3'), true);
    });

    it('manifest.password.plain-text: information only when sharing is private', async () => {
      const o = await setupOffice({ sharing: 'private' });
      const text = replace(o.text, 'login: แจ้งชื่อผู้ใช้และรหัสผ่านเมื่อผู้ตรวจร้องขอ\n', 'login:\n              username: reviewer\n              password: Snk1@2567\n');
      const r = await o.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.password.plain-text', valueAt(text, 'password'))]);
      assert.equal(r.findings[0]!.severity, 'information');
    });

    it('manifest.password.plain-text: "รหัสผ่าน: …" written in a text', async () => {
      const text = replace(office.text, 'title: ภาพหน้าจอระบบทั้ง 4 ด้าน', 'title: "เข้าระบบด้วย admin รหัสผ่าน: abc12345"');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('manifest.password.plain-text', valueAt(text, 'title'))]);
    });

    it('"รหัสผ่านแจ้งเมื่อผู้ตรวจร้องขอ" and a password given on request are NOT reported', async () => {
      const variants = [
        'login:\n              username: reviewer\n              note: รหัสผ่านแจ้งเมื่อผู้ตรวจร้องขอ (โทร 0 7751 1234 ต่อ 205)\n',
        'login: รหัสผ่านแจ้งเมื่อผู้ตรวจร้องขอ\n',
        'login:\n              username: reviewer\n              password: แจ้งเมื่อผู้ตรวจร้องขอ\n',
        'login: "รหัสผ่าน: แจ้งเมื่อผู้ตรวจร้องขอ"\n',
      ];
      for (const v of variants) {
        const text = replace(office.text, 'login: แจ้งชื่อผู้ใช้และรหัสผ่านเมื่อผู้ตรวจร้องขอ\n', v);
        const r = await office.check(text);
        assert.deepEqual(r.findings.map(where), [], v);
      }
    });
  });

  describe('checks: dates', () => {
    it('evidence.date.no-such-day: 30 February is a warning; the evidence itself still counts', async () => {
      const o = await setupOffice({ dates: { '6m.2.concept': '2567-02-30' } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('evidence.date.no-such-day', locate(o.text, '2567-02-30'))]);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.equal(pointClear(r, '6m', '2'), true);
    });

    it('evidence.date.invalid: not a date; a submitted date too', async () => {
      const o = await setupOffice({ dates: { '12m.2.manual': 'มิถุนายน' }, submitted: { '6m': '5 เมษา' } });
      const r = await o.check();
      assert.deepEqual(sorted(r.findings.map(where)), sorted([at('evidence.date.invalid', locate(o.text, 'มิถุนายน')), at('evidence.date.invalid', locate(o.text, '5 เมษา'))]));
    });

    it('D/M/YYYY with Thai digits is a valid date', async () => {
      const o = await setupOffice({ dates: { '6m.2.concept': '๑๕/๑๑/๒๕๖๖' } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), []);
    });

    it('evidence.date.outside-fiscal-year: a date before the fiscal year (warning)', async () => {
      const o = await setupOffice({ dates: { '6m.4.dissemination': '2565-01-20' } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('evidence.date.outside-fiscal-year', locate(o.text, '2565-01-20'))]);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.match(r.findings[0]!.message.en, /outside fiscal year 2567 \(2566-10-01 to 2567-09-30\)/);
      assert.equal(pointClear(r, '6m', '4'), true);
    });

    it('evidence.date.outside-round: 6-month evidence dated after 31 March (warning)', async () => {
      const o = await setupOffice({ dates: { '6m.4.dissemination': '2567-05-01' } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('evidence.date.outside-round', locate(o.text, '2567-05-01'))]);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.match(r.findings[0]!.message.en, /2567-03-31/);
    });

    it('fiscal-year boundaries: 1 Oct and 30 Sep are inside, 31 Mar is inside the 6-month round', async () => {
      const o = await setupOffice({ dates: { '6m.2.concept': '2566-10-01', '6m.4.dissemination': '2567-03-31', '12m.2.manual': '2567-09-30' } });
      assert.deepEqual((await o.check()).findings.map(where), []);
      const o2 = await setupOffice({ dates: { '6m.2.concept': '2566-09-30', '12m.2.manual': '2567-10-01' } });
      assert.deepEqual(sorted((await o2.check()).findings.map(where)), sorted([at('evidence.date.outside-fiscal-year', locate(o2.text, '2566-09-30')), at('evidence.date.outside-fiscal-year', locate(o2.text, '2567-10-01'))]));
    });

    it('evidence.date.era-mixed: a Common-Era date among Buddhist-Era ones', async () => {
      const o = await setupOffice({ dates: { '6m.2.concept': '2023-11-15' } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('evidence.date.era-mixed', locate(o.text, '2023-11-15'))]);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.match(r.findings[0]!.message.en, /read as 2566-11-15/);
    });
  });

  // ---------------------------------------------------------------------------------------
  // Rubric checks
  // ---------------------------------------------------------------------------------------

  describe('checks: rubric', () => {
    it('rubric.point.missing-evidence: one kind of a point (at the point key)', async () => {
      const o = await setupOffice({ drop: ['6m.3.access-link'] });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('rubric.point.missing-evidence', pointKey(o.text, '3'))]);
      assert.match(r.findings[0]!.message.en, /6-month round, point 3: missing evidence "Access link to the system"/);
      assert.deepEqual(r.findings[0]!.data, { round: '6m', point: '3', requirement: 'access-link' });
    });

    it('rubric.point.missing-evidence: a whole point (at the round key)', async () => {
      const o = await setupOffice({ drop: ['12m.4'] });
      const r = await o.check();
      assert.deepEqual(sorted(r.findings.map(where)), sorted([at('rubric.point.missing-evidence', locate(o.text, '12m:')), at('rubric.point.missing-evidence', locate(o.text, '12m:'))]));
      assert.deepEqual(sorted(r.findings.map((f) => String(f.data?.['requirement']))), ['office-analysis', 'school-analysis']);
      assert.deepEqual(levelsOf(r), [4, 3]);
    });

    it('rubric.school-usage.too-few: one school where two are needed', async () => {
      const o = await setupOffice({ usageSchools: [schoolCode(0)] });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('rubric.school-usage.too-few', pointKey(o.text, '1'))]);
      assert.match(r.findings[0]!.message.en, /at least 2 schools \(found 1\)/);
      assert.equal(pointClear(r, '6m', '1'), false);
    });

    it('the same school twice counts once', async () => {
      const o = await setupOffice({ usageSchools: [schoolCode(0), schoolCode(0)] });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('rubric.school-usage.too-few', pointKey(o.text, '1'))]);
    });

    it('rubric.school-usage.unknown-school: a school X2.2 does not list', async () => {
      const o = await setupOffice({ usageSchools: [schoolCode(0), schoolCode(1), '1099019999'] });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('rubric.school-usage.unknown-school', locate(o.text, '"1099019999"'))]);
      const f = r.findings[0]!;
      assert.equal(f.severity, 'error');
      assert.equal(f.related?.[0]?.location.kind, 'cell');
    });

    it('rubric.school-code.malformed: at the school value', async () => {
      const o = await setupOffice({ usageSchools: [schoolCode(0), schoolCode(1), '12345'] });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('rubric.school-code.malformed', locate(o.text, '"12345"'))]);
    });

    it('rubric.figure.missing: a required figure not declared (warning at figures:)', async () => {
      const o = await setupOffice({ figures: { '6m': { schoolsTotal: 112, schoolsAllAreas: 104 } } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('rubric.figure.missing', locate(o.text, 'figures'))]);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.deepEqual(r.findings[0]!.data, { figure: 'officeAreas' });
      assert.deepEqual(levelsOf(r), [4, 5]);
    });

    it('rubric.figure.missing: no figures at all (at the round key)', async () => {
      const o = await setupOffice({ figures: { '12m': null } });
      const r = await o.check();
      const key = locate(o.text, '12m:');
      assert.deepEqual(r.findings.map(where), [at('rubric.figure.missing', key), at('rubric.figure.missing', key)]);
    });

    it('rubric.figure.mismatch: a declared count disagrees with X2.2 (the table is used)', async () => {
      const text = replace(office.text, 'schoolsAllAreas: 104', 'schoolsAllAreas: 108');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('rubric.figure.mismatch', valueAt(text, 'schoolsAllAreas'))]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.equal(r.findings[0]!.data?.['expected'], 104);
      assert.deepEqual(levelsOf(r), [4, 5]);
    });

    it('rubric.figure.mismatch: a declared percent disagrees with the counts', async () => {
      const o = await setupOffice({ figures: { '12m': { schoolsTotal: 112, schoolsUsingRealTime: 98, percentUsingRealTime: 90 } } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('rubric.figure.mismatch', valueAt(o.text, 'percentUsingRealTime'))]);
      assert.match(r.findings[0]!.message.en, /declared as 90 but table X2\.3 \(98\/112\) gives 87\.50/);
      const ok = await setupOffice({ figures: { '12m': { schoolsTotal: 112, schoolsUsingRealTime: 98, percentUsingRealTime: '87.50' } } });
      assert.deepEqual((await ok.check()).findings.map(where), []);
    });

    it('rubric.figure.inconsistent: more schools with all areas than schools (no table)', async () => {
      const o = await setupOffice({ drop: ['6m.1.table-x2.2'], figures: { '6m': { officeAreas: 4, schoolsTotal: 112, schoolsAllAreas: 120 } } });
      const r = await o.check();
      assert.deepEqual(sorted(r.findings.map(where)), sorted([at('rubric.figure.inconsistent', valueAt(o.text, 'schoolsAllAreas')), at('rubric.point.missing-evidence', pointKey(o.text, '1'))]));
      assert.equal(only(r.findings, 'rubric.figure.inconsistent').severity, 'error');
    });

    it('rubric.figure.not-a-number', async () => {
      const text = replace(office.text, 'schoolsTotal: 112', 'schoolsTotal: "หลายแห่ง"');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('rubric.figure.not-a-number', valueAt(text, 'schoolsTotal'))]);
    });

    it('rubric.figure.unknown: at the key', async () => {
      const text = replace(office.text, '      schoolsAllAreas: 104\n', '      schoolsAllAreas: 104\n      schoolz: 3\n');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('rubric.figure.unknown', locate(text, 'schoolz'))]);
    });

    it('declared figures stand when no table is linked', async () => {
      const o = await setupOffice({ drop: ['12m.1'], figures: { '12m': { schoolsTotal: 100, schoolsUsingRealTime: 85 } } });
      const r = await o.check();
      const t = r.score!.rounds.find((x) => x.round === '12m')!;
      assert.equal(t.figures.find((f) => f.id === 'percentUsingRealTime')?.value, 85);
      assert.equal(t.level, 5);
      assert.deepEqual(sorted(r.findings.map(where)), [at('rubric.point.missing-evidence', locate(o.text, '12m:'))]);
    });
  });

  // ---------------------------------------------------------------------------------------
  // Workbooks linked from the manifest
  // ---------------------------------------------------------------------------------------

  /** Minimal package parts for crafted workbooks. */
  const CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

  async function repack(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Promise<Uint8Array> {
    const files = unzipSync(bytes);
    edit(files);
    return zipSync(files);
  }

  function utf16le(s: string): number[] {
    return [...s].flatMap((c) => [c.charCodeAt(0), 0]);
  }

  describe('checks: workbooks from the manifest', () => {
    it('workbook.not-found: at the file value', async () => {
      const text = replace(office.text, 'file: tables/X2.2.xlsx', 'file: tables/X2.2-gone.xlsx');
      const r = await office.check(text);
      assert.deepEqual(r.findings.map(where), [at('workbook.not-found', locate(text, 'tables/X2.2-gone.xlsx'))]);
      assert.equal(r.findings[0]!.severity, 'error');
      assert.equal(pointClear(r, '6m', '1'), false);
    });

    it('workbook.wrong-extension: a table given as .csv', async () => {
      const o = await setupOffice();
      o.host.addFile(path.join(OFFICE_DIR, 'tables/X2.2.csv'), 'a,b\n1,2\n');
      const text = replace(o.text, 'file: tables/X2.2.xlsx', 'file: tables/X2.2.csv');
      const r = await o.check(text);
      assert.deepEqual(r.findings.map(where), [at('workbook.wrong-extension', locate(text, 'tables/X2.2.csv'))]);
      assert.match(r.findings[0]!.message.en, /Table X2\.2 must be an \.xlsx file \(found \.csv\)/);
    });

    const failures: { code: WorkbookProblemCode; bytes?: () => Promise<Uint8Array>; host?: true }[] = [
      { code: 'workbook.not-zip', bytes: async () => strToU8('this is not a workbook at all') },
      { code: 'workbook.legacy-xls', bytes: async () => new Uint8Array([...CFB_MAGIC, ...new Array(504).fill(0), ...utf16le('Workbook')]) },
      { code: 'workbook.encrypted', bytes: async () => new Uint8Array([...CFB_MAGIC, ...new Array(504).fill(0), ...utf16le('EncryptedPackage')]) },
      { code: 'workbook.truncated', bytes: async () => { const b = await x22Workbook(112, 104); return b.slice(0, Math.floor(b.length / 2)); } },
      { code: 'workbook.zip-bomb', bytes: async () => zipSync(Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`f${i}.txt`, strToU8('x')]))) },
      { code: 'workbook.not-xlsx', bytes: async () => zipSync({ '[Content_Types].xml': strToU8(CT), 'word/document.xml': strToU8('<w/>') }) },
      {
        code: 'workbook.no-sheets',
        bytes: async () => zipSync({ '[Content_Types].xml': strToU8(CT), 'xl/workbook.xml': strToU8('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>') }),
      },
      {
        code: 'workbook.read-failed',
        bytes: async () => repack(await x22Workbook(112, 104), (f) => { f['xl/worksheets/sheet1.xml'] = strToU8('<worksheet><sheetData><row r="1"><c r="A1"'); }),
      },
      { code: 'workbook.timeout', host: true },
      { code: 'workbook.out-of-memory', host: true },
      { code: 'workbook.too-large', host: true },
    ];
    for (const c of failures) {
      it(`${c.code}: reported on the workbook, anchored at the manifest's file value; figures unknown`, async () => {
        const o = await setupOffice();
        const abs = path.join(OFFICE_DIR, 'tables/X2.2.xlsx');
        if (c.bytes) o.host.addFile(abs, await c.bytes());
        else o.host.workbookFailures.set(abs, { ok: false, code: c.code, detail: 'from the host' });
        const r = await o.check();
        assert.deepEqual(r.findings.map(where), [`${c.code}@`]);
        const f = r.findings[0]!;
        assert.equal(f.severity, 'error');
        assert.deepEqual(f.location, { kind: 'cell', path: abs });
        assert.equal(f.anchor?.path, MANIFEST_PATH);
        assert.deepEqual(f.anchor?.range.start, locate(o.text, 'tables/X2.2.xlsx'));
        assert.match(f.message.en, /X2\.2\.xlsx/);
        assert.equal(pointClear(r, '6m', '1'), false);
        const six = r.score!.rounds.find((x) => x.round === '6m')!;
        assert.equal(six.figures.find((x) => x.id === 'schoolsAllAreas')?.value, undefined, 'the declared 104 is not used');
        assert.equal(six.level, 1);
      });
    }

    it('workbook.too-large: the reader limit, through the host', async () => {
      const o = await setupOffice({ limits: { ...DEFAULT_WORKBOOK_LIMITS, maxFileBytes: 1000 } });
      const r = await o.check();
      assert.deepEqual(sorted(r.findings.map(where)), ['workbook.too-large@', 'workbook.too-large@', 'workbook.too-large@']);
    });

    it('workbook.empty-file: through checkTable (a 0-byte table in a manifest is evidence.file.empty)', async () => {
      const host = new MemoryHost().addFile('/t/empty.xlsx', new Uint8Array(0));
      const t = await createEngine(host).checkTable('/t/empty.xlsx', 'X2.2');
      assert.deepEqual(t.findings.map(where), ['workbook.empty-file@']);
      const o = await setupOffice();
      o.host.addFile(path.join(OFFICE_DIR, 'tables/X2.2.xlsx'), new Uint8Array(0));
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), [at('evidence.file.empty', locate(o.text, 'tables/X2.2.xlsx'))]);
    });

    it('workbook.macro-enabled: an .xlsm is read, with a warning', async () => {
      const o = await setupOffice();
      const bytes = await repack(await x22Workbook(112, 104), (f) => { f['xl/vbaProject.bin'] = new Uint8Array([1, 2, 3]); });
      o.host.addFile(path.join(OFFICE_DIR, 'tables/X2.2.xlsm'), bytes);
      const text = replace(o.text, 'file: tables/X2.2.xlsx', 'file: tables/X2.2.xlsm');
      const r = await o.check(text);
      assert.deepEqual(r.findings.map(where), ['workbook.macro-enabled@']);
      assert.equal(r.findings[0]!.severity, 'warning');
      assert.deepEqual(r.findings[0]!.location, { kind: 'cell', path: path.join(OFFICE_DIR, 'tables/X2.2.xlsm') });
      assert.equal(pointClear(r, '6m', '1'), true);
    });

    it('workbook.merge-clipped: a merge past the sheet bounds', async () => {
      const o = await setupOffice();
      const bytes = await repack(await x22Workbook(112, 104), (f) => {
        const xml = new TextDecoder().decode(f['xl/worksheets/sheet1.xml']!);
        const merged = xml.includes('<mergeCells')
          ? xml.replace(/<mergeCells[^>]*>/, '$&<mergeCell ref="I200:J1048577"/>')
          : xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="I200:J1048577"/></mergeCells>');
        f['xl/worksheets/sheet1.xml'] = strToU8(merged);
      });
      o.host.addFile(path.join(OFFICE_DIR, 'tables/X2.2.xlsx'), bytes);
      const r = await o.check();
      const f = only(r.findings, 'workbook.merge-clipped');
      assert.equal(f.severity, 'warning');
      assert.equal(where(f), 'workbook.merge-clipped@X2.2!I200:J1048577');
    });

    it('workbook.cells-clipped: the host reader keeps at most maxCells cells', async () => {
      const o = await setupOffice({ limits: { ...DEFAULT_WORKBOOK_LIMITS, maxCells: 300 } });
      const r = await o.check();
      const clipped = r.findings.filter((f) => f.code === 'workbook.cells-clipped');
      assert.ok(clipped.length >= 1, r.findings.map(where).join(', '));
      assert.ok(clipped.every((f) => f.severity === 'warning'));
      assert.ok(clipped.some((f) => where(f) === 'workbook.cells-clipped@X2.2'), clipped.map(where).join(', '));
    });

    it('table findings from a linked workbook carry the sheet, the cell and the manifest anchor', async () => {
      const sheet = x22Sheet(112, 104);
      const rows = sheet.rows.map((r) => [...r]);
      rows[3]![1] = schoolCode(1); // sheet row 4 repeats the code of row 3
      const o = await setupOffice({ workbooks: { 'X2.2': await workbookBytes([{ name: 'X2.2', rows }]) } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), ['table.school-code.duplicate@X2.2!B4']);
      const f = r.findings[0]!;
      assert.equal(f.location.path, path.join(OFFICE_DIR, 'tables/X2.2.xlsx'));
      assert.deepEqual(f.anchor?.range.start, locate(o.text, 'tables/X2.2.xlsx'));
      assert.equal(pointClear(r, '6m', '1'), false);
    });

    it('an uncalculated formula: the figure is unknown, never 0, and the declared figure is not used', async () => {
      const rows: CellInput[][] = [X23_HEADER];
      for (let i = 0; i < 112; i++) rows.push([i + 1, schoolCode(i), `โรงเรียน ${i + 1}`, { formula: `IF(F${i + 2}>0,"ใช้","ไม่ใช้")` }, null, i < 98 ? 5 : 0]);
      const o = await setupOffice({ workbooks: { 'X2.3': await workbookBytes([{ name: 'X2.3', rows }]) } });
      const r = await o.check();
      assert.deepEqual(r.findings.map(where), ['table.formula.not-calculated@X2.3!D2']);
      assert.match(r.findings[0]!.message.en, /=IF\(F2>0,"ใช้","ไม่ใช้"\) has no calculated value \(112 cells in this column\)/);
      const t = r.tables.find((x) => x.table === 'X2.3')!;
      assert.equal(t.measures['schoolsUsingRealTime']?.value, undefined);
      assert.equal(t.measures['schoolsUsingRealTime']?.unavailable, 'not-calculated');
      assert.equal(t.measures['percentUsingRealTime']?.value, undefined);
      assert.equal(t.measures['schoolsTotal']?.value, 112);
      const twelve = r.score!.rounds.find((x) => x.round === '12m')!;
      assert.equal(twelve.figures.find((f) => f.id === 'schoolsUsingRealTime')?.value, undefined);
      assert.equal(twelve.figures.find((f) => f.id === 'percentUsingRealTime')?.value, undefined);
      assert.equal(twelve.level, 1);
      assert.match(twelve.next!.gaps.map((g) => g.message.en).join('; '), /uncalculated formulas/);
    });
  });

  // ---------------------------------------------------------------------------------------
  // Table codes and lenient reading, through extractTable
  // ---------------------------------------------------------------------------------------

  async function extract(sheets: SheetInput[], table: 'X2.1' | 'X2.2' | 'X2.3') {
    const wb = readXlsx(await workbookBytes(sheets));
    assert.ok(wb.ok, 'the workbook reads');
    const pack = loadX2Pack();
    return extractTable(wb, pack.tables.find((t) => t.id === table)!, pack, `/t/${table}.xlsx`);
  }

  const x22Row = (i: number, areas: readonly CellInput[] = ['AMSS++', 'e-budget', 'P-OBEC', 'DMC']): CellInput[] => [i + 1, schoolCode(i), `โรงเรียนทดสอบ ${i + 1}`, ...areas];

  describe('checks: table codes (extractTable)', () => {
    it('table.header.not-found: at the sheet', async () => {
      const t = await extract([{ name: 'Sheet1', rows: [['รายงานสรุป'], ['ข้อความ', 'อื่น ๆ']] }], 'X2.2');
      assert.deepEqual(t.findings.map(where), ['table.header.not-found@Sheet1']);
      assert.equal(t.findings[0]!.severity, 'error');
      assert.deepEqual(t.measures, {});
    });

    it('table.header.missing-column: at the header row', async () => {
      const rows: CellInput[][] = [['ตารางที่ X2.2'], X22_HEADER.slice(0, 6), x22Row(0).slice(0, 6)];
      const t = await extract([{ name: 'X2.2', rows }], 'X2.2');
      assert.deepEqual(t.findings.map(where), ['table.header.missing-column@X2.2!A2']);
      assert.match(t.findings[0]!.message.en, /lacks the column "Academic"/);
      assert.equal(t.headerRow, 2);
    });

    it('table.no-rows: a header without data', async () => {
      const t = await extract([{ name: 'X2.2', rows: [X22_HEADER] }], 'X2.2');
      assert.deepEqual(t.findings.map(where), ['table.no-rows@X2.2!A1']);
      assert.equal(t.measures['schoolsTotal']?.unavailable, 'no-rows');
      assert.equal(t.measures['percentAllAreas']?.value, undefined);
    });

    it('table.school-code.duplicate, .malformed, .missing', async () => {
      const rows: CellInput[][] = [X22_HEADER, x22Row(0), x22Row(1), [3, schoolCode(0), 'โรงเรียนซ้ำ', 'a', 'b', 'c', 'd'], [4, '12345', 'โรงเรียนรหัสสั้น', 'a', 'b', 'c', 'd'], [5, null, 'โรงเรียนไม่มีรหัส', 'a', 'b', 'c', 'd']];
      const t = await extract([{ name: 'X2.2', rows }], 'X2.2');
      assert.deepEqual(sorted(t.findings.map(where)), ['table.school-code.duplicate@X2.2!B4', 'table.school-code.malformed@X2.2!B5', 'table.school-code.missing@X2.2!B6']);
      assert.ok(t.findings.every((f) => f.severity === 'error'));
      assert.match(only(t.findings, 'table.school-code.duplicate').message.en, /duplicates row 2/);
    });

    it('table.area.empty: an empty area cell is a warning, counted as none', async () => {
      const rows: CellInput[][] = [X22_HEADER, x22Row(0), x22Row(1, ['AMSS++', null, 'P-OBEC', 'DMC'])];
      const t = await extract([{ name: 'X2.2', rows }], 'X2.2');
      assert.deepEqual(t.findings.map(where), ['table.area.empty@X2.2!E3']);
      assert.equal(t.findings[0]!.severity, 'warning');
      assert.equal(t.measures['schoolsAllAreas']?.value, 1);
    });

    it('table.yes-no.unrecognised: counted as no', async () => {
      const rows: CellInput[][] = [X23_HEADER, [1, schoolCode(0), 'ก', 'ใช้'], [2, schoolCode(1), 'ข', 'บางครั้ง']];
      const t = await extract([{ name: 'X2.3', rows }], 'X2.3');
      assert.deepEqual(t.findings.map(where), ['table.yes-no.unrecognised@X2.3!D3']);
      assert.equal(t.findings[0]!.severity, 'warning');
      assert.equal(t.measures['schoolsUsingRealTime']?.value, 1);
    });

    it('table.term.unknown and table.url.malformed (X2.1)', async () => {
      const rows: CellInput[][] = [
        ['ลำดับ', 'ด้าน', 'ชื่อระบบ', 'เจ้าของระบบ', 'ลิงก์เข้าถึงระบบ'],
        [1, 'บริหารทั่วไป', 'AMSS++', 'ระบบของ สพฐ.', 'https://amss.example.go.th'],
        [2, 'การเงิน', 'e-budget', 'ระบบของ สพฐ.', 'www example'],
        [3, 'วิชาการ', 'DMC', 'ซื้อมา', 'https://dmc.example.go.th'],
      ];
      const t = await extract([{ name: 'X2.1', rows }], 'X2.1');
      assert.deepEqual(sorted(t.findings.map(where)), sorted(['table.term.unknown@X2.1!B3', 'table.url.malformed@X2.1!E3', 'table.term.unknown@X2.1!D4']));
      assert.ok(t.findings.every((f) => f.severity === 'warning'));
      assert.equal(t.measures['areasCovered']?.value, 2);
      assert.deepEqual(t.measures['areasCovered']?.termsMissing, ['budget', 'personnel']);
    });

    it('table.integer.invalid: the order column', async () => {
      const rows: CellInput[][] = [X22_HEADER, ['หนึ่ง', schoolCode(0), 'ก', 'a', 'b', 'c', 'd'], ['๒', schoolCode(1), 'ข', 'a', 'b', 'c', 'd']];
      const t = await extract([{ name: 'X2.2', rows }], 'X2.2');
      assert.deepEqual(t.findings.map(where), ['table.integer.invalid@X2.2!A2']);
      assert.equal(t.findings[0]!.severity, 'warning');
    });

    it('table.formula.not-calculated: one finding per column at its first cell; the figure is unknown, not 0', async () => {
      const rows: CellInput[][] = [X22_HEADER];
      for (let i = 0; i < 5; i++) rows.push([i + 1, schoolCode(i), `โรงเรียน ${i}`, 'AMSS++', 'e-budget', 'P-OBEC', { formula: `IF(H${i + 2}="","-","DMC")` }]);
      const t = await extract([{ name: 'X2.2', rows }], 'X2.2');
      assert.deepEqual(t.findings.map(where), ['table.formula.not-calculated@X2.2!G2']);
      assert.equal(t.findings[0]!.severity, 'error');
      assert.equal(t.findings[0]!.data?.['cells'], 5);
      assert.equal(t.measures['schoolsTotal']?.value, 5);
      assert.equal(t.measures['schoolsAllAreas']?.value, undefined);
      assert.equal(t.measures['schoolsAllAreas']?.unavailable, 'not-calculated');
      assert.equal(t.measures['percentAllAreas']?.value, undefined);
    });
  });

  describe('checks: lenient workbook reading (extractTable)', () => {
    it('title rows above the header, blank rows, a totals row "รวม" ignored', async () => {
      const rows: CellInput[][] = [
        ['ตารางที่ X2.2 แสดงรายชื่อระบบบริหารจัดการที่เป็นดิจิทัลของสถานศึกษาในสังกัดจำแนกรายด้าน'],
        ['สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1'],
        [],
        X22_HEADER,
        x22Row(0),
        [],
        x22Row(1),
        x22Row(2, ['AMSS++', 'e-budget', 'P-OBEC', '-']),
        [],
        ['รวม', null, null, 3, 3, 3, 2],
        ['หมายเหตุ: ข้อมูล ณ 31 มีนาคม 2567', schoolCode(50), 'ไม่ใช่ข้อมูล', 'x', 'x', 'x', 'x'],
      ];
      const t = await extract([{ name: 'X2.2', rows, merges: ['A1:G1', 'A2:G2'] }], 'X2.2');
      assert.deepEqual(t.findings.map(where), []);
      assert.equal(t.headerRow, 4);
      assert.deepEqual(t.rows.map((r) => r.row), [5, 7, 8]);
      assert.deepEqual([t.measures['schoolsTotal']?.value, t.measures['schoolsAllAreas']?.value, t.measures['percentAllAreas']?.value], [3, 2, 66.67]);
    });

    it('a school whose name begins with "รวม" is a data row, not the totals row', async () => {
      const rows: CellInput[][] = [X22_HEADER, x22Row(0), [2, schoolCode(1), 'รวมมิตรวิทยา', 'AMSS++', 'e-budget', 'P-OBEC', 'DMC'], x22Row(2), ['รวม', null, null, 3, 3, 3, 3]];
      const t = await extract([{ name: 'X2.2', rows }], 'X2.2');
      assert.deepEqual(t.findings.map(where), []);
      assert.equal(t.measures['schoolsTotal']?.value, 3);
    });

    it('merged two-row header: a group heading over the 4 area columns', async () => {
      const rows: CellInput[][] = [
        ['ตารางที่ X2.2'],
        ['ลำดับ', 'รหัสสถานศึกษา', 'ชื่อสถานศึกษา', 'ระบบบริหารจัดการที่เป็นดิจิทัล'],
        [null, null, null, 'ด้านบริหารทั่วไป', 'ด้านงบประมาณ', 'ด้านบริหารงานบุคคล', 'ด้านวิชาการ'],
        x22Row(0),
        x22Row(1, ['AMSS++', 'ไม่มี', 'P-OBEC', 'DMC']),
      ];
      const t = await extract([{ name: 'X2.2', rows, merges: ['A1:G1', 'D2:G2', 'A2:A3', 'B2:B3', 'C2:C3'] }], 'X2.2');
      assert.deepEqual(t.findings.map(where), []);
      assert.equal(t.headerRow, 3);
      assert.deepEqual(t.columns, { order: 1, schoolCode: 2, schoolName: 3, general: 4, budget: 5, personnel: 6, academic: 7 });
      assert.deepEqual([t.measures['schoolsTotal']?.value, t.measures['schoolsAllAreas']?.value], [2, 1]);
    });

    it('English headings in any order, on a sheet with another name', async () => {
      const rows: CellInput[][] = [
        ['School name', 'Academic', 'School code', 'Budget', 'General administration', 'Personnel', 'No.'],
        ['School A', 'DMC', schoolCode(0), 'e-budget', 'AMSS++', 'P-OBEC', 1],
        ['School B', '-', schoolCode(1), 'e-budget', 'AMSS++', 'P-OBEC', 2],
        ['School C', 'SGS', schoolCode(2), 'e-budget', 'e-filing', 'ก.พ.7', 3],
      ];
      const t = await extract([{ name: 'Schools', rows }], 'X2.2');
      assert.deepEqual(t.findings.map(where), []);
      assert.deepEqual(t.columns, { schoolName: 1, academic: 2, schoolCode: 3, budget: 4, general: 5, personnel: 6, order: 7 });
      assert.deepEqual([t.measures['schoolsTotal']?.value, t.measures['schoolsAllAreas']?.value, t.measures['percentAllAreas']?.value], [3, 2, 66.67]);
    });

    it('prefers the sheet named for the table', async () => {
      const t = await extract([{ name: 'สรุป', rows: [X22_HEADER, x22Row(0)] }, { name: 'ตารางที่ X2.2', rows: [X22_HEADER, x22Row(0), x22Row(1)] }], 'X2.2');
      assert.equal(t.sheet, 'ตารางที่ X2.2');
      assert.equal(t.measures['schoolsTotal']?.value, 2);
    });

    it('Thai digits in school codes and order numbers', async () => {
      const thai = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
      const rows: CellInput[][] = [X22_HEADER, [thai('1'), thai(schoolCode(0)), 'ก', 'a', 'b', 'c', 'd'], [thai('2'), thai(schoolCode(1)), 'ข', 'a', 'b', 'c', 'd']];
      const t = await extract([{ name: 'X2.2', rows }], 'X2.2');
      assert.deepEqual(t.findings.map(where), []);
      assert.deepEqual([...t.schools.keys()], [schoolCode(0), schoolCode(1)]);
    });

    it('yes-markers ✓ / มี / ใช้ / yes / 1 / true, no-markers ไม่ใช้ / - / no / 0 / ✗', async () => {
      const yes: CellInput[] = ['✓', 'มี', 'ใช้', 'yes', 'YES', 1, '1', true, '/', 'ใช้งาน'];
      const no: CellInput[] = ['ไม่ใช้', '-', 'no', 0, '✗', false, 'ไม่มี'];
      const rows: CellInput[][] = [X23_HEADER];
      [...yes, ...no].forEach((v, i) => rows.push([i + 1, schoolCode(i), `โรงเรียน ${i}`, v]));
      const t = await extract([{ name: 'X2.3', rows }], 'X2.3');
      assert.deepEqual(t.findings.map(where), []);
      assert.equal(t.measures['schoolsTotal']?.value, yes.length + no.length);
      assert.equal(t.measures['schoolsUsingRealTime']?.value, yes.length);
    });

    it('formulas with cached values are counted', async () => {
      const rows: CellInput[][] = [X23_HEADER];
      for (let i = 0; i < 4; i++) rows.push([i + 1, schoolCode(i), `โรงเรียน ${i}`, { formula: `IF(F${i + 2}>0,"ใช้","ไม่ใช้")`, result: i < 3 ? 'ใช้' : 'ไม่ใช้' }, null, i < 3 ? 1 : 0]);
      const t = await extract([{ name: 'X2.3', rows }], 'X2.3');
      assert.deepEqual(t.findings.map(where), []);
      assert.deepEqual([t.measures['schoolsUsingRealTime']?.value, t.measures['percentUsingRealTime']?.value], [3, 75]);

      const x22: CellInput[][] = [X22_HEADER, [1, schoolCode(0), 'ก', 'a', 'b', 'c', { formula: '"DMC"', result: 'DMC' }], [2, schoolCode(1), 'ข', 'a', 'b', 'c', { formula: '"-"', result: '-' }]];
      const t2 = await extract([{ name: 'X2.2', rows: x22 }], 'X2.2');
      assert.deepEqual(t2.findings.map(where), []);
      assert.equal(t2.measures['schoolsAllAreas']?.value, 1);
    });

    it('school codes as numbers, 8-digit SMIS and 6-digit OBEC codes', async () => {
      const rows: CellInput[][] = [X22_HEADER, [1, 1099010001, 'ก', 'a', 'b', 'c', 'd'], [2, '20010029', 'ข', 'a', 'b', 'c', 'd'], [3, '102008', 'ค', 'a', 'b', 'c', 'd']];
      const t = await extract([{ name: 'X2.2', rows }], 'X2.2');
      assert.deepEqual(t.findings.map(where), []);
      assert.deepEqual([...t.schools.keys()], ['1099010001', '20010029', '102008']);
    });

    it('a system name merged down over several schools counts for each of them', async () => {
      const rows: CellInput[][] = [X22_HEADER, x22Row(0), [2, schoolCode(1), 'ข', 'AMSS++', 'e-budget', 'P-OBEC', 'DMC'], [3, schoolCode(2), 'ค', null, 'e-budget', 'P-OBEC', 'DMC'], [4, schoolCode(3), 'ง', null, 'e-budget', 'P-OBEC', '-']];
      const t = await extract([{ name: 'X2.2', rows, merges: ['D3:D5'] }], 'X2.2');
      assert.deepEqual(t.findings.map(where), []);
      assert.deepEqual([t.measures['schoolsTotal']?.value, t.measures['schoolsAllAreas']?.value], [4, 3]);
    });

    it('the generated X2.1 (4 areas, Thai labels) covers 4 areas', async () => {
      const t = await extract([{ name: 'X2.1', rows: [['ลำดับ', 'ด้าน', 'ชื่อระบบ'], [1, 'ด้านบริหารทั่วไป', 'AMSS++'], [2, 'งบประมาณ', 'e-budget'], [3, 'personnel', 'P-OBEC'], [4, 'การบริหารวิชาการ', 'DMC'], [5, 'วิชาการ', 'SGS']] }], 'X2.1');
      assert.deepEqual(t.findings.map(where), []);
      assert.equal(t.measures['areasCovered']?.value, 4);
    });

    it('an area without a system name does not count for X2.1', async () => {
      const t = await extract([{ name: 'X2.1', rows: [['ด้าน', 'ชื่อระบบ'], ['บริหารทั่วไป', 'AMSS++'], ['งบประมาณ', null], ['บริหารงานบุคคล', 'P-OBEC'], ['วิชาการ', 'DMC']] }], 'X2.1');
      assert.equal(t.measures['areasCovered']?.value, 3);
      assert.deepEqual(t.measures['areasCovered']?.termsMissing, ['budget']);
    });
  });


  describe('checks: packs', () => {
    const x2Source = () => packs().find((p) => p.path.endsWith('obec-x2.pack.yaml'))!;

    it('the bundled packs have no findings', () => {
      assert.deepEqual(createEngine(new MemoryHost()).packFindings().map(where), []);
    });

    it('pack.yaml.syntax', () => {
      const r = parsePack('id: obec-x2\nid: again\n', '/p/bad.pack.yaml');
      assert.equal(r.pack, undefined);
      assert.deepEqual(r.findings.map(where), ['pack.yaml.syntax@1:0']);
    });

    it('pack.schema.invalid', () => {
      const r = parsePack('id: obec-x2\n', '/p/bad.pack.yaml');
      assert.equal(r.pack, undefined);
      assert.ok(r.findings.length > 0);
      assert.ok(r.findings.every((f) => f.code === 'pack.schema.invalid' && f.severity === 'error'), r.findings.map(where).join(', '));
    });

    it('pack.reference.unknown: a level naming an unknown figure', () => {
      const text = replace(x2Source().text, 'figure: percentAllAreas, min: 95', 'figure: percentNope, min: 95');
      const r = parsePack(text, '/p/x2.pack.yaml');
      assert.equal(r.pack, undefined);
      assert.deepEqual(r.findings.map(where), [at('pack.reference.unknown', locate(text, 'percentNope'))]);
    });

    it('pack.duplicate: the same edition twice', () => {
      const src = x2Source();
      const engine = createEvidenceEngine(new MemoryHost(), { packs: [src, { path: '/p/copy.pack.yaml', text: src.text }] });
      assert.deepEqual(engine.packFindings().map((f) => `${f.code} ${f.location.path}`), ['pack.duplicate /p/copy.pack.yaml']);
    });
  });
});
