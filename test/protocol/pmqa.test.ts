/**
 * The editor features on a PMQA (maturity framework) manifest over real LSP: the built
 * server on stdio, a workspace in a temp folder holding the manifest and its evidence.
 * Expected texts come from schemas/obec-pmqa.pack.yaml (seed 001's words); quick fixes are
 * applied as a client would (the WorkspaceEdit applied, didChange, new diagnostics awaited).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, MarkupContent, Position, TextEdit } from 'vscode-languageserver-protocol/node';
import { parse } from 'yaml';
import { PDF_BYTES, PNG_BYTES } from '../engine/helpers';
import { applyEdits, editsFor, ensureBuilt, locate, LspClient, ROOT, uriOf, where } from './lspClient';
import { BASIC_1_1, PMQA_START } from '../support/pmqaManifest';

interface PackYaml {
  categories: { id: string; items: { id: string; levels: Record<string, { th: string; en: string }> }[] }[];
}
const PACK = parse(readFileSync(path.join(ROOT, 'schemas/obec-pmqa.pack.yaml'), 'utf8')) as PackYaml;
const levelText = (item: string, level: string) => PACK.categories.flatMap((c) => c.items).find((i) => i.id === item)!.levels[level]!;


/** 1.1 at Advance with its evidence, 1.2 (ITA) reported by mistake, the stated total wrong. */
const TEXT = `${PMQA_START}totals:
  total: 412.5
`;

function items(r: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!r) return [];
  return Array.isArray(r) ? r : r.items;
}

describe('protocol: PMQA manifests (hover, completion, quick fixes, outline, lenses, template)', function () {
  this.timeout(60_000);
  let client: LspClient;
  let ws: string;
  let counter = 0;

  before(async () => {
    ensureBuilt();
    ws = mkdtempSync(path.join(os.tmpdir(), 'obec-pmqa-'));
    mkdirSync(path.join(ws, 'evidence'));
    writeFileSync(path.join(ws, 'evidence/form.pdf'), PDF_BYTES);
    writeFileSync(path.join(ws, 'evidence/photo.png'), PNG_BYTES);
    client = await LspClient.start({ root: ws, language: 'th', validationDelay: 50 });
  });

  after(async () => {
    await client?.stop();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  /** Opens `text` as a fresh manifest in the workspace and waits for its first diagnostics. */
  async function open(text = TEXT): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = uriOf(path.join(ws, `t${++counter}-pmqa.evidence.yaml`));
    const since = client.mark();
    await client.open(uri, text);
    const p = await client.waitForDiagnostics(uri, () => true, 15_000, since);
    return { uri, diagnostics: p.diagnostics };
  }

  const complete = async (uri: string, position: Position): Promise<CompletionItem[]> => items(await client.request('textDocument/completion', { textDocument: { uri }, position }));

  it('publishes the maturity findings of the manifest', async () => {
    const { uri, diagnostics } = await open();
    const w = where(diagnostics);
    assert.ok(w.includes('pmqa.item.not-reported@36:2'), w.join(', '));
    assert.ok(w.includes('pmqa.total.mismatch@39:9'), w.join(', '));
    await client.close(uri);
  });

  it("hover on `\"1.1\":` gives the seed's Thai Basic text exactly, the English below it, the reached level marked", async () => {
    const { uri } = await open();
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 20, character: 4 } });
    assert.ok(h);
    assert.deepEqual(h.range, { start: { line: 20, character: 2 }, end: { line: 20, character: 7 } });
    const md = (h.contents as MarkupContent).value;
    assert.equal((h.contents as MarkupContent).kind, 'markdown');
    assert.equal(levelText('1.1', 'basic').th, BASIC_1_1);
    assert.ok(md.includes(`**Basic** · 300 คะแนน\n\n${BASIC_1_1}\n\n_${levelText('1.1', 'basic').en}_`), md);
    assert.ok(md.includes('**Advance** · 400 คะแนน **◀ ระดับที่ประเมินตนเอง ✓ ระดับที่ได้**'), md);
    assert.ok(md.startsWith('### หมวด 1 การนำองค์การ · ประเด็น 1.1 — Advance · 400 คะแนน'), md);
    await client.close(uri);
  });

  it('completion under `items:` offers the self-assessed sub-items not present: 1.3, not 1.1 or 1.2 (ITA) or 4.x/6.x', async () => {
    const lines = TEXT.split('\n');
    const at = locate(TEXT, 'totals:').line;
    lines.splice(at, 0, '  ');
    const { uri } = await open(lines.join('\n'));
    const got = await complete(uri, { line: at, character: 2 });
    const labels = got.map((i) => i.label);
    assert.deepEqual(labels, ['1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '5.1', '5.2', '5.3', '5.4', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6']);
    const e = got[0]!;
    assert.equal(e.detail, 'การมุ่งเน้นการบรรลุผลสัมฤทธิ์ของหน่วยงาน ผ่านการสร้างการมีส่วนร่วมของบุคลากรทั้งภายในและภายนอก');
    assert.deepEqual(e.textEdit, { range: { start: { line: at, character: 2 }, end: { line: at, character: 2 } }, newText: '"1.3":\n    level: ' });
    await client.close(uri);
  });

  it('completion after `level: ` offers basic, advance, significance', async () => {
    const text = TEXT.replace('  "1.2":\n    level: basic\n', '  "1.3":\n    level: \n');
    const { uri } = await open(text);
    const p = locate(text, '    level: \n');
    const got = await complete(uri, { line: p.line, character: 11 });
    assert.deepEqual(got.map((i) => i.label), ['basic', 'advance', 'significance']);
    assert.deepEqual(got.map((i) => i.detail), ['Basic · 300 คะแนน', 'Advance · 400 คะแนน', 'Significance · 500 คะแนน']);
    assert.equal(applyEdits(text, [got[1]!.textEdit as TextEdit]).split('\n')[p.line], '    level: advance');
    await client.close(uri);
  });

  it('completion on a half-typed edit, before its check: the framework the buffer names (PMQA) decides', async () => {
    // A long debounce: the change below is not checked before the completion request, so
    // the server holds the first check's result (an X2 manifest) and reads the buffer. (The
    // first check waits the debounce too: the open also counts as a change of content.)
    const slow = await LspClient.start({ root: ws, language: 'en', validationDelay: 2000 });
    try {
      const uri = uriOf(path.join(ws, 'half.evidence.yaml'));
      const since = slow.mark();
      await slow.open(uri, 'framework: obec-x2\nfiscalYear: 2567\n');
      await slow.waitForDiagnostics(uri, () => true, 15_000, since);
      const half = 'framework: obec-pmqa\nfiscalYear: 2567\nitems:\n  "1.1":\n    evidence:\n      - kind: \n';
      await slow.change(uri, undefined, half);
      const got = items(await slow.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 14 } }));
      assert.deepEqual(got.map((i) => i.label), ['response-form', 'approval-letter', 'summary-report', 'activity-media']);
      assert.equal(slow.publishesFor(uri, since).length, 1, 'the edit was checked before the completion: the test proves nothing');
    } finally {
      await slow.stop();
    }
  });

  it('quick fix for pmqa.total.mismatch, applied, gives a manifest without that finding', async () => {
    const { uri, diagnostics } = await open();
    const d = diagnostics.find((x) => x.code === 'pmqa.total.mismatch');
    assert.ok(d, where(diagnostics).join(', '));
    assert.deepEqual(d.range, { start: { line: 39, character: 9 }, end: { line: 39, character: 14 } });
    const offered = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = offered.find((a) => (a.diagnostics ?? []).some((x) => x.code === 'pmqa.total.mismatch'));
    assert.ok(fix, offered.map((a) => a.title).join(' | '));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    const edits = editsFor(fix.edit, uri);
    assert.equal(edits.length, 1);
    const computed = edits[0]!.newText;
    assert.match(computed, /^\d+\.\d{2}$/);
    assert.equal(fix.title, `ใช้คะแนนที่คำนวณได้: ${computed}`);
    const text = applyEdits(TEXT, edits);
    assert.ok(text.endsWith(`totals:\n  total: ${computed}\n`), text);
    const since = client.mark();
    await client.change(uri, undefined, text);
    const after = (await client.waitForDiagnostics(uri, () => true, 15_000, since)).diagnostics;
    assert.deepEqual(where(after).filter((w) => w.startsWith('pmqa.total')), []);
    assert.deepEqual(where(after), where(diagnostics).filter((w) => !w.startsWith('pmqa.total.mismatch')));
    // The lens shows the same total.
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0]!.command!.title, `คะแนนรวม ${computed} / 500`);
    assert.deepEqual(lenses[0]!.range.start, { line: 19, character: 0 });
    await client.close(uri);
  });

  it('quick fix for pmqa.item.not-reported removes the sub-item; the outline groups sub-items by category', async () => {
    const { uri, diagnostics } = await open();
    const d = diagnostics.find((x) => x.code === 'pmqa.item.not-reported')!;
    const offered = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.deepEqual(offered.map((a) => a.title), ['ลบประเด็น 1.2 (ใช้คะแนนจากแหล่งภายนอก)']);
    const text = applyEdits(TEXT, editsFor(offered[0]!.edit, uri));
    assert.equal(text, TEXT.replace('  "1.2":\n    level: basic\n', ''));
    const since = client.mark();
    await client.change(uri, undefined, text);
    const after = (await client.waitForDiagnostics(uri, () => true, 15_000, since)).diagnostics;
    assert.ok(!where(after).some((w) => w.startsWith('pmqa.item.not-reported')), where(after).join(', '));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const itemsSym = symbols.find((s) => s.name === 'items')!;
    assert.deepEqual(itemsSym.children!.map((c) => `${c.name} / ${c.children!.map((x) => `${x.name} [${x.detail}]`).join(', ')}`), ['หมวด 1 การนำองค์การ / ประเด็น 1.1 ✓ [Advance · 400 คะแนน]']);
    await client.close(uri);
  });

  it('obecEvidence/manifestTemplate for obec-pmqa: a manifest skeleton that parses; X2 unchanged', async () => {
    const r = await client.request<{ text: string }>('obecEvidence/manifestTemplate', { framework: 'obec-pmqa', fiscalYear: 2567, officeName: 'สพป.ทดสอบ เขต 1', rounds: [], language: 'th' });
    const v = parse(r.text) as { framework: string; fiscalYear: number; items: Record<string, { level: string; evidence: unknown[] }>; sources: Record<string, unknown> };
    assert.equal(v.framework, 'obec-pmqa');
    assert.equal(v.fiscalYear, 2567);
    assert.deepEqual(Object.keys(v.sources), ['ita', 'kpi', 'monitoring']);
    assert.equal(Object.keys(v.items).length, 21);
    assert.deepEqual(v.items['1.1'], { level: '', project: '', evidence: [] });
    assert.ok(r.text.startsWith('# ไฟล์หลักฐาน: การประเมินตนเองตามเกณฑ์คุณภาพการบริหารจัดการภาครัฐ (PMQA) ของสำนักงานเขตพื้นที่การศึกษา\n'), r.text.slice(0, 200));
    const x2 = parse((await client.request<{ text: string }>('obecEvidence/manifestTemplate', { framework: 'obec-x2', fiscalYear: 2567, officeName: 'x', rounds: ['6m'], language: 'en' })).text) as { rounds: Record<string, unknown> };
    assert.deepEqual(Object.keys(x2.rounds), ['6m']);
  });
});
