/**
 * Hover, completion and quick fixes of the language server over real LSP, on the
 * committed samples (workspace root = the repository). Expected texts come from the
 * schema pack (`schemas/obec-x2.pack.yaml`) and the sample workbooks, not from the server.
 * Quick fixes are applied as a client would: the returned WorkspaceEdit is applied to the
 * text, sent with didChange, and the new diagnostics are awaited.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent, Position, Range, TextEdit } from 'vscode-languageserver-protocol/node';
import { parse, parseDocument } from 'yaml';
import { applyEdits, editsFor, ensureBuilt, locate, LspClient, ROOT, uriOf, where, wholeRange } from './lspClient';

interface PackPoint {
  id: string;
  text: { th: string; en: string };
  evidence: { id: string }[];
}
interface PackYaml {
  rounds: { id: string; points: PackPoint[] }[];
}

const PACK = parse(readFileSync(path.join(ROOT, 'schemas/obec-x2.pack.yaml'), 'utf8')) as PackYaml;
const point = (round: string, id: string): PackPoint => PACK.rounds.find((r) => r.id === round)!.points.find((p) => p.id === id)!;

const CLEAN = path.join(ROOT, 'samples/srinakhara-1/x2.evidence.yaml');
const CLEAN_TEXT = readFileSync(CLEAN, 'utf8');
const broken = (name: string): string => path.join(ROOT, 'samples/broken', `${name}.evidence.yaml`);

/** The name of the school with `code` in the sample's X2.2 (column C of the row whose column B is the code). */
async function schoolName(code: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(ROOT, 'samples/srinakhara-1/tables/X2.2-school-systems.xlsx'));
  let name: string | undefined;
  wb.worksheets[0]!.eachRow((row) => {
    if (String(row.getCell(2).text).trim() === code) name = String(row.getCell(3).text).trim();
  });
  if (!name) throw new Error(`school ${code} not in the sample X2.2`);
  return name;
}

function markdown(h: Hover | null): string {
  assert.ok(h, 'no hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  return c.value;
}

function items(r: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!r) return [];
  return Array.isArray(r) ? r : r.items;
}

/** `text` with `line` inserted after the 0-based line `after`. */
function insertLine(text: string, after: number, line: string): string {
  const lines = text.split('\n');
  lines.splice(after + 1, 0, line);
  return lines.join('\n');
}

describe('protocol: hover, completion, quick fixes', function () {
  this.timeout(60_000);
  let client: LspClient;
  let counter = 0;

  before(async () => {
    ensureBuilt();
    client = await LspClient.start({ root: ROOT, language: 'en', validationDelay: 50 });
  });

  after(async () => {
    await client?.stop();
  });

  /**
   * Opens `text` under a fresh URI next to `file` (so relative paths still resolve and
   * tests do not share document state), and waits for its first diagnostics.
   */
  async function openAs(file: string, text = readFileSync(file, 'utf8')): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = uriOf(path.join(path.dirname(file), `t${++counter}-${path.basename(file)}`));
    const since = client.mark();
    await client.open(uri, text);
    const p = await client.waitForDiagnostics(uri, () => true, 15_000, since);
    return { uri, diagnostics: p.diagnostics };
  }

  async function edit(uri: string, text: string): Promise<Diagnostic[]> {
    const since = client.mark();
    await client.change(uri, undefined, text);
    return (await client.waitForDiagnostics(uri, () => true, 15_000, since)).diagnostics;
  }

  const hover = (uri: string, position: Position): Promise<Hover | null> => client.request('textDocument/hover', { textDocument: { uri }, position });
  const complete = async (uri: string, position: Position): Promise<CompletionItem[]> => items(await client.request('textDocument/completion', { textDocument: { uri }, position }));
  const actions = (uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> =>
    client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });

  describe('hover', () => {
    let uri: string;
    before(async () => {
      ({ uri } = await openAs(CLEAN));
    });

    it("a consideration point key (6m `2:`): the seed's Thai text and the level table with the current level marked", async () => {
      const p = locate(CLEAN_TEXT, '      2:', 0);
      const md = markdown(await hover(uri, { line: p.line, character: 6 }));
      const thai = point('6m', '2').text.th;
      assert.ok(thai.startsWith('สำนักงานเขตพื้นที่การศึกษามีแนวคิดในการนำระบบเชื่อมโยงข้อมูลแบบ Real Time'));
      assert.ok(md.includes(thai), md);
      assert.ok(md.includes(point('6m', '2').text.en), md);
      // The level table: 5 rows, level 4 (this round's level) marked, and only it.
      const rows = md.split('\n').filter((l) => /^\| \**[1-5]\** \|/.test(l));
      assert.equal(rows.length, 5, md);
      const marked = rows.filter((l) => l.includes('◀'));
      assert.equal(marked.length, 1, md);
      assert.match(marked[0]!, /^\| \*\*4\*\* \|/);
    });

    it('a 12m point key (`3:`): its own Thai text, level 5 marked', async () => {
      const p = locate(CLEAN_TEXT, '      3:', 1);
      const md = markdown(await hover(uri, { line: p.line, character: 6 }));
      assert.ok(md.includes(point('12m', '3').text.th), md);
      const marked = md.split('\n').filter((l) => l.includes('◀'));
      assert.equal(marked.length, 1, md);
      assert.match(marked[0]!, /^\| \*\*5\*\* \|/);
    });

    it("a school code value: the school's name from X2.2", async () => {
      const p = locate(CLEAN_TEXT, '"1099010001"');
      const md = markdown(await hover(uri, { line: p.line, character: p.character + 3 }));
      const name = await schoolName('1099010001');
      assert.ok(md.includes(name), `${name} not in ${md}`);
      assert.ok(md.includes('1099010001'), md);
      const other = await schoolName('1099010017');
      const p2 = locate(CLEAN_TEXT, '"1099010017"');
      assert.ok(markdown(await hover(uri, { line: p2.line, character: p2.character + 1 })).includes(other));
    });

    it("a figure: the table's value (count and percent)", async () => {
      const p = locate(CLEAN_TEXT, 'schoolsAllAreas: 104');
      const md = markdown(await hover(uri, { line: p.line, character: p.character + 'schoolsAllAreas: '.length + 1 }));
      assert.match(md, /\*\*104\*\*/);
      assert.match(md, /X2\.2/);
      const q = locate(CLEAN_TEXT, 'percentUsingRealTime: 87.50');
      const md2 = markdown(await hover(uri, { line: q.line, character: q.character + 2 }));
      assert.match(md2, /\*\*87\.50 %/);
      assert.match(md2, /98\/112/);
    });

    it("a mismatching figure: the declared value and the table's (figure-mismatch: 108 declared, 104 in X2.2)", async () => {
      const { uri: u } = await openAs(broken('figure-mismatch'));
      const text = readFileSync(broken('figure-mismatch'), 'utf8');
      const p = locate(text, 'schoolsAllAreas: 108');
      const md = markdown(await hover(u, { line: p.line, character: p.character + 'schoolsAllAreas: '.length }));
      assert.match(md, /108/);
      assert.match(md, /\*\*104\*\*/);
      await client.close(u);
    });
  });

  describe('completion', () => {
    it("after `kind: ` in a point's evidence list: that point's evidence kinds (6m point 3; 12m point 4)", async () => {
      const after = locate(CLEAN_TEXT, 'note: รหัสผ่านแจ้งเมื่อผู้ตรวจร้องขอ').line; // the last line of 6m point 3
      const text = insertLine(CLEAN_TEXT, after, '          - kind: ');
      const { uri } = await openAs(CLEAN, text);
      const got = await complete(uri, { line: after + 1, character: 18 });
      assert.deepEqual(got.map((i) => i.label).sort(), point('6m', '3').evidence.map((e) => e.id).sort());
      assert.deepEqual(got.map((i) => i.label).sort(), ['access-link', 'manual']);
      for (const i of got) assert.equal((i.textEdit as TextEdit | undefined)?.range.start.line, after + 1);

      const last = CLEAN_TEXT.split('\n').length - 1; // a trailing newline: the line after 12m point 4
      const text2 = `${CLEAN_TEXT.replace(/\n$/, '')}\n          - kind: \n`;
      const { uri: u2 } = await openAs(CLEAN, text2);
      const got2 = await complete(u2, { line: last, character: 18 });
      assert.deepEqual(got2.map((i) => i.label).sort(), ['office-analysis', 'school-analysis']);
    });

    it('under `rounds:` at the round indentation: the rounds not already present', async () => {
      const lines = CLEAN_TEXT.split('\n');
      const cut = locate(CLEAN_TEXT, '  12m:').line;
      const only6m = [...lines.slice(0, cut), '  '].join('\n');
      const { uri } = await openAs(CLEAN, only6m);
      const got = await complete(uri, { line: cut, character: 2 });
      assert.deepEqual(got.map((i) => i.label), ['12m']);

      const noRounds = `${lines.slice(0, locate(CLEAN_TEXT, '  6m:').line).join('\n')}\n  `;
      const { uri: u2 } = await openAs(CLEAN, noRounds);
      const got2 = await complete(u2, { line: noRounds.split('\n').length - 1, character: 2 });
      assert.deepEqual(got2.map((i) => i.label), ['6m', '12m']);

      const both = insertLine(CLEAN_TEXT, cut - 1, '  ');
      const { uri: u3 } = await openAs(CLEAN, both);
      assert.deepEqual((await complete(u3, { line: cut, character: 2 })).map((i) => i.label), []);
    });

    it('`school: "`: the school codes of X2.2 (with their names)', async () => {
      const text = CLEAN_TEXT.replace('school: "1099010017"', 'school: "');
      const p = locate(text, 'school: "', 1);
      const { uri } = await openAs(CLEAN, text);
      const got = await complete(uri, { line: p.line, character: p.character + 'school: "'.length });
      const labels = got.map((i) => i.label);
      assert.ok(labels.includes('1099010001'), labels.slice(0, 5).join(', '));
      assert.equal(labels.length, 112);
      assert.equal(got.find((i) => i.label === '1099010001')?.detail, await schoolName('1099010001'));
    });

    it('`school: "`: accepting a proposal gives a valid quoted code (`school: "1099010001"`)', async () => {
      const text = CLEAN_TEXT.replace('school: "1099010017"', 'school: "');
      const p = locate(text, 'school: "', 1);
      const { uri } = await openAs(CLEAN, text);
      const got = await complete(uri, { line: p.line, character: p.character + 'school: "'.length });
      const item = got.find((i) => i.label === '1099010001');
      assert.ok(item?.textEdit, 'no textEdit');
      const after = applyEdits(text, [item.textEdit as TextEdit]);
      const line = after.split('\n')[p.line]!;
      assert.equal(line.trim(), 'school: "1099010001"');

      // With the closing quote already there (editors auto-close quotes): not doubled.
      const closed = CLEAN_TEXT.replace('school: "1099010017"', 'school: ""');
      await client.change(uri, undefined, closed);
      const got2 = await complete(uri, { line: p.line, character: p.character + 'school: "'.length });
      const item2 = got2.find((i) => i.label === '1099010001');
      assert.ok(item2?.textEdit, 'no textEdit');
      assert.equal(applyEdits(closed, [item2.textEdit as TextEdit]).split('\n')[p.line]!.trim(), 'school: "1099010001"');
    });
  });

  describe('quick fixes', () => {
    /** Applies the preferred quick fix for the first diagnostic with `code`, until none is left (at most `max`). */
    async function fixAll(uri: string, text: string, diagnostics: Diagnostic[], codes: readonly string[], max = 5): Promise<{ text: string; diagnostics: Diagnostic[]; applied: string[] }> {
      const applied: string[] = [];
      for (let i = 0; i < max; i++) {
        const d = diagnostics.find((x) => codes.includes(String(x.code)));
        if (!d) break;
        const offered = (await actions(uri, d.range, [d])).filter((a) => editsFor(a.edit, uri).length > 0);
        assert.ok(offered.length > 0, `no quick fix for ${String(d.code)}@${d.range.start.line}:${d.range.start.character}`);
        const a = offered.find((x) => x.isPreferred) ?? offered[0]!;
        assert.equal(a.kind, 'quickfix');
        applied.push(a.title);
        text = applyEdits(text, editsFor(a.edit, uri));
        diagnostics = await edit(uri, text);
      }
      return { text, diagnostics, applied };
    }

    it('figure-mismatch: "use the table\'s value" on both figures → the manifest validates clean', async () => {
      const { uri, diagnostics } = await openAs(broken('figure-mismatch'));
      const r = await fixAll(uri, readFileSync(broken('figure-mismatch'), 'utf8'), diagnostics, ['rubric.figure.mismatch']);
      assert.equal(r.applied.length, 2);
      assert.deepEqual(where(r.diagnostics), []);
      assert.match(r.text, /schoolsAllAreas: 104\b/);
      assert.match(r.text, /percentUsingRealTime: 87\.50\b/);
      await client.close(uri);
    });

    it('password: remove it → the manifest validates clean, the password is gone', async () => {
      const { uri, diagnostics } = await openAs(broken('password'));
      const r = await fixAll(uri, readFileSync(broken('password'), 'utf8'), diagnostics, ['manifest.password.plain-text']);
      assert.equal(r.applied.length, 1);
      assert.deepEqual(where(r.diagnostics), []);
      assert.ok(!r.text.includes('Snk1@2567'));
      const login = (parse(r.text) as { rounds: Record<string, { points: Record<string, { evidence: Record<string, unknown>[] }> }> }).rounds['6m']!.points['3']!.evidence[1]!['login'];
      assert.deepEqual(Object.keys(login as object).sort(), ['note', 'username']);
      await client.close(uri);
    });

    it('dates-and-years: fiscal year CE → BE and the CE date → BE date fix those two; the outside-fiscal-year warning (no fix) stays', async () => {
      const { uri, diagnostics } = await openAs(broken('dates-and-years'));
      const text = readFileSync(broken('dates-and-years'), 'utf8');
      const outside = diagnostics.find((d) => d.code === 'evidence.date.outside-fiscal-year')!;
      assert.deepEqual((await actions(uri, outside.range, [outside])).filter((a) => (a.diagnostics ?? []).some((d) => d.code === outside.code)), []);
      const r = await fixAll(uri, text, diagnostics, ['manifest.fiscal-year.common-era', 'evidence.date.era-mixed']);
      assert.equal(r.applied.length, 2);
      assert.match(r.text, /^fiscalYear: 2567\b/m);
      assert.match(r.text, /date: 2566-11-15/);
      assert.deepEqual(where(r.diagnostics), [`evidence.date.outside-fiscal-year@${outside.range.start.line}:${outside.range.start.character}`]);
      await client.close(uri);
    });

    it('shape: remove the unknown key, rename the unknown kind → those findings and the point\'s missing evidence are gone', async () => {
      const { uri, diagnostics } = await openAs(broken('shape'));
      const r = await fixAll(uri, readFileSync(broken('shape'), 'utf8'), diagnostics, ['manifest.schema.unknown-key', 'manifest.evidence.unknown-kind']);
      assert.equal(r.applied.length, 2, r.applied.join(' | '));
      assert.ok(!r.text.includes('director:'));
      assert.match(r.text, /- kind: concept\n/);
      // What no quick fix can know stays: the missing e-mail and the list given for a number.
      assert.deepEqual(where(r.diagnostics), [`manifest.schema.missing-key@${locate(r.text, 'reporter:').line}:0`, `manifest.schema.wrong-type@${locate(r.text, '[112]').line}:20`]);
      await client.close(uri);
    });

    it('each quick fix lists only the diagnostic it fixes (code and range)', async () => {
      const { uri, diagnostics } = await openAs(broken('figure-mismatch'));
      const text = readFileSync(broken('figure-mismatch'), 'utf8');
      const offered = await actions(uri, wholeRange(text), diagnostics);
      assert.equal(offered.length, 2);
      for (const a of offered) {
        const e = editsFor(a.edit, uri)[0]!;
        assert.deepEqual(
          (a.diagnostics ?? []).map((d) => `${String(d.code)}@${d.range.start.line}`),
          [`rubric.figure.mismatch@${e.range.start.line}`],
          a.title,
        );
      }
      await client.close(uri);
    });

    interface Manifest {
      rounds: Record<string, { points: Record<string, { evidence: { kind: string; url?: unknown; file?: unknown }[] }> }>;
    }

    /** Applies the quick fix titled like `title` for the missing-evidence diagnostic on `line`; returns the new text. */
    async function missingEvidenceFix(line: number): Promise<{ uri: string; text: string; edits: TextEdit[] }> {
      const file = broken('missing-evidence');
      const text = readFileSync(file, 'utf8');
      const { uri, diagnostics } = await openAs(file);
      const d = diagnostics.find((x) => x.code === 'rubric.point.missing-evidence' && x.range.start.line === line);
      assert.ok(d, where(diagnostics).join(', '));
      const offered = (await actions(uri, d.range, [d])).filter((a) => editsFor(a.edit, uri).length > 0);
      assert.equal(offered.length, 1, offered.map((a) => a.title).join(' | '));
      const edits = editsFor(offered[0]!.edit, uri);
      return { uri, text: applyEdits(text, edits), edits };
    }

    it('missing-evidence (6m point 3): inserts a `- kind: access-link` skeleton in point 3\'s list, at its indentation', async () => {
      const { uri, text } = await missingEvidenceFix(49);
      const doc = parseDocument(text);
      assert.deepEqual(doc.errors.map((e) => e.message), []);
      const m = doc.toJS() as Manifest;
      assert.deepEqual(m.rounds['6m']!.points['3']!.evidence.map((e) => e.kind), ['manual', 'access-link']);
      assert.deepEqual(Object.keys(m.rounds), ['6m', '12m']);
      assert.deepEqual(Object.keys(m.rounds['12m']!.points), ['1', '2', '3', '4']);
      const lines = text.split('\n');
      const manual = lines.find((l) => /^\s*- kind: manual$/.test(l))!;
      const link = lines.find((l) => /^\s*- kind: access-link$/.test(l))!;
      assert.equal(link.indexOf('-'), manual.indexOf('-'));
      const diags = await edit(uri, text);
      assert.ok(!where(diags).includes('rubric.point.missing-evidence@49:6'), where(diags).join(', '));
      assert.deepEqual(where(diags).filter((w) => w.startsWith('manifest.yaml')), []);
      await client.close(uri);
    });

    it('missing-evidence (6m point 4 absent): inserts point 4 with a `- kind: dissemination` skeleton', async () => {
      const { uri, text } = await missingEvidenceFix(16);
      const doc = parseDocument(text);
      assert.deepEqual(doc.errors.map((e) => e.message), []);
      const m = doc.toJS() as Manifest;
      assert.deepEqual(Object.keys(m.rounds['6m']!.points), ['1', '2', '3', '4']);
      assert.deepEqual(m.rounds['6m']!.points['4']!.evidence.map((e) => e.kind), ['dissemination']);
      assert.deepEqual(Object.keys(m.rounds), ['6m', '12m']);
      await client.close(uri);
    });
  });
});
