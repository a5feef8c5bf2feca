/**
 * Review of the PMQA editor features (independent reviewer): one test per bug proven, each
 * asserting the CORRECT behaviour, so each fails today and passes once the bug is fixed.
 * The built server is driven over stdio; the workspace is a temp copy of the samples (the
 * clean PMQA sample with its evidence, and the broken variants that point at it), and
 * every variant is an in-memory buffer (nothing under samples/ is written).
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol/node';
import { parse } from 'yaml';
import { applyEdits, editsFor, ensureBuilt, locate, LspClient, ROOT, uriOf, where } from './lspClient';

const sample = (rel: string): string => readFileSync(path.join(ROOT, 'samples', rel), 'utf8');
const CLEAN = sample('srinakhara-1/pmqa.evidence.yaml');

describe('review: PMQA editor features (bugs found in review)', function () {
  this.timeout(60_000);
  let client: LspClient;
  let ws: string;
  let counter = 0;

  before(async () => {
    ensureBuilt();
    ws = mkdtempSync(path.join(os.tmpdir(), 'obec-review-pmqa-'));
    mkdirSync(path.join(ws, 'srinakhara-1'));
    mkdirSync(path.join(ws, 'broken'));
    cpSync(path.join(ROOT, 'samples/srinakhara-1/evidence/pmqa'), path.join(ws, 'srinakhara-1/evidence/pmqa'), { recursive: true });
    client = await LspClient.start({ root: ws, language: 'th', validationDelay: 50 });
  });

  after(async () => {
    await client?.stop();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  /** Opens `text` as a new manifest in `dir` (srinakhara-1 or broken) and waits for its diagnostics. */
  async function open(text: string, dir = 'srinakhara-1'): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = uriOf(path.join(ws, dir, `r${++counter}-pmqa.evidence.yaml`));
    const since = client.mark();
    await client.open(uri, text);
    const p = await client.waitForDiagnostics(uri, () => true, 20_000, since);
    return { uri, diagnostics: p.diagnostics };
  }
  async function recheck(uri: string, text: string): Promise<Diagnostic[]> {
    const since = client.mark();
    await client.change(uri, undefined, text);
    return (await client.waitForDiagnostics(uri, () => true, 20_000, since)).diagnostics;
  }
  const hover = async (uri: string, line: number, character: number): Promise<string> => {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    assert.ok(h, 'no hover');
    return (h.contents as MarkupContent).value;
  };
  const complete = async (uri: string, line: number, character: number): Promise<CompletionItem[]> => {
    const r = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    return !r ? [] : Array.isArray(r) ? r : r.items;
  };

  // ---------------------------------------------------------------------------------------
  // 1. Unquoted numeric sub-item keys
  // ---------------------------------------------------------------------------------------

  it('BUG 1: `"1.1":` and `1.1:` in the same items: is a duplicate key (today: no finding, the first block is silently dropped)', async () => {
    // A second 1.1 block, written unquoted, after the sample's "1.1" (e.g. pasted from another file).
    const text = CLEAN.replace('  "1.3":\n', '  1.1:\n    level: basic\n  "1.3":\n');
    const second = locate(text, '  1.1:\n').line;
    const { uri, diagnostics } = await open(text);
    const dup = diagnostics.filter((d) => d.code === 'manifest.yaml.duplicate-key');
    // Quoting both ("1.1" twice) gives manifest.yaml.duplicate-key; 1.1 is the same sub-item.
    assert.ok(dup.some((d) => d.range.start.line === second), `expected manifest.yaml.duplicate-key on line ${second}; got ${where(diagnostics).join(', ')}`);
    await client.close(uri);
  });

  it('BUG 2: `1.10:` (YAML reads the number 1.1) is not silently scored as sub-item 1.1', async () => {
    // "1.10" quoted gives pmqa.item.unknown (and 1.1 missing); unquoted it becomes 1.1 with no word.
    const text = CLEAN.replace('  "1.1":\n', '  1.10:\n');
    const line = locate(text, '  1.10:').line;
    const { uri, diagnostics } = await open(text);
    const onKey = diagnostics.filter((d) => d.range.start.line === line && d.message.includes('1.10'));
    assert.ok(onKey.length > 0, `expected a finding naming "1.10" on line ${line}; got ${where(diagnostics).join(', ') || '(none)'}`);
    await client.close(uri);
  });

  // ---------------------------------------------------------------------------------------
  // 2. The template's placeholders
  // ---------------------------------------------------------------------------------------

  it('BUG 3: `project: ""` (the template\'s placeholder) is no project: pmqa.project.missing', async () => {
    // 1.4 keeps every attachment; its project is the empty placeholder the template writes.
    const text = CLEAN.replace('    project: โครงการสำนักงานสีเขียว (Green Office) ลดการใช้พลังงานและขยะในสำนักงาน\n', '    project: ""\n').replace(
      ', project: โครงการสำนักงานสีเขียว (Green Office) ลดการใช้พลังงานและขยะในสำนักงาน }',
      ' }',
    );
    const { uri, diagnostics } = await open(text);
    // With the project line removed, the same manifest gives pmqa.project.missing on "1.4".
    const key = locate(text, '"1.4":');
    assert.ok(where(diagnostics).includes(`pmqa.project.missing@${key.line}:${key.character}`), where(diagnostics).join(', ') || '(none)');
    await client.close(uri);
  });

  it('BUG 4: the template\'s `sources.ita.level: ""` is a result not given (pmqa.source.missing), not the unknown level ""', async () => {
    const r = await client.request<{ text: string }>('obecEvidence/manifestTemplate', { framework: 'obec-pmqa', fiscalYear: 2567, officeName: 'สพป.ทดสอบ เขต 1', rounds: [], language: 'th' });
    const { uri, diagnostics } = await open(r.text);
    const ita = locate(r.text, '  ita:');
    const about = diagnostics.filter((d) => d.range.start.line === ita.line || d.range.start.line === ita.line + 1).map((d) => String(d.code));
    // An item's `level: ""` is reported as pmqa.level.missing; the source's the same way.
    assert.ok(about.includes('pmqa.source.missing'), about.join(', '));
    assert.ok(!diagnostics.some((d) => d.code === 'pmqa.level.unknown' && d.message.includes('""')), diagnostics.filter((d) => d.code === 'pmqa.level.unknown').map((d) => d.message).join(' | '));
    await client.close(uri);
  });

  // ---------------------------------------------------------------------------------------
  // 3. Unknown points (a source not given) versus below Basic
  // ---------------------------------------------------------------------------------------

  it('BUG 5: outline and hover do not call unknown points "below Basic" (category 4 with an invalid KPI score)', async () => {
    const text = sample('broken/pmqa-sources.evidence.yaml');
    const { uri } = await open(text, 'broken');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const cat4 = symbols.find((s) => s.name === 'items')!.children!.find((c) => c.name.startsWith('หมวด 4'))!;
    assert.ok(cat4, 'category 4 in the outline');
    // Points unknown: "—", as the lens ("หมวด 4 …: — (น้ำหนัก 10 %)") and the totals hover show.
    assert.ok(!/ต่ำกว่า/.test(cat4.detail ?? ''), `category 4: ${cat4.detail}`);
    assert.ok(!/ต่ำกว่า/.test(cat4.children![0]!.detail ?? ''), `4.1: ${cat4.children![0]!.detail}`);
    const key = locate(text, '  "4.1":');
    const head = (await hover(uri, key.line, 4)).split('\n')[0]!;
    assert.ok(!head.includes('ยังไม่ถึงระดับแรก'), head);
    await client.close(uri);
  });

  it('BUG 6: the totals hover shows a category below Basic as below Basic, not "—" (which now means unknown)', async () => {
    const text = sample('broken/pmqa-results.evidence.yaml');
    const { uri } = await open(text, 'broken');
    const md = await hover(uri, locate(text, 'items:').line, 2);
    const row = md.split('\n').find((l) => l.startsWith('| 7 '));
    assert.ok(row, md.slice(0, 600));
    // Category 7 has 110.42 points: known, below Basic (the outline says "ต่ำกว่า Basic · 110.42 คะแนน").
    assert.ok(row.includes('110.42'), row);
    const cell = row.split('|').map((x) => x.trim()).filter(Boolean).pop();
    assert.ok(cell === 'ต่ำกว่า Basic' || cell === 'ยังไม่ถึงระดับแรก', row);
    await client.close(uri);
  });

  // ---------------------------------------------------------------------------------------
  // 4. Completion
  // ---------------------------------------------------------------------------------------

  it('BUG 7: completion inside flow mappings (the style of the samples and the template): `- { kind: | }`, `target: { type: | }`', async () => {
    const text = 'framework: obec-pmqa\nfiscalYear: 2567\nitems:\n  "7.1":\n    level: advance\n    indicator:\n      title: x\n      target: { type:  }\n    evidence:\n      - { kind:  }\n';
    const { uri } = await open(text);
    const kind = locate(text, '- { kind: ');
    const kinds = await complete(uri, kind.line, kind.character + '- { kind: '.length);
    assert.deepEqual(kinds.map((i) => i.label), ['results-form']);
    const type = locate(text, 'target: { type: ');
    const types = await complete(uri, type.line, type.character + 'target: { type: '.length);
    assert.deepEqual(types.map((i) => i.label), ['percent', 'successLevel', 'count']);
    await client.close(uri);
  });

  it('BUG 8: completion under `items:` after an opening quote (`  "|"`, as editors auto-close it) offers the sub-items', async () => {
    const text = 'framework: obec-pmqa\nfiscalYear: 2567\nitems:\n  ""\n';
    const { uri } = await open(text);
    const got = await complete(uri, 3, 3);
    assert.ok(got.some((i) => i.label === '1.1'), got.map((i) => i.label).join(', ') || '(none)');
    // Applied, the key is "1.1" (not ""1.1"" nor a broken line).
    const e = got.find((i) => i.label === '1.1')!;
    const out = applyEdits(text, [e.textEdit as TextEdit]);
    const v = parse(out) as { items: Record<string, unknown> };
    assert.deepEqual(Object.keys(v.items), ['1.1'], out);
    await client.close(uri);
  });

  // ---------------------------------------------------------------------------------------
  // 5. Quick fixes
  // ---------------------------------------------------------------------------------------

  it('BUG 9: pmqa.level.unknown on `sources.ita.level` offers the known levels, like on an item\'s level', async () => {
    const text = CLEAN.replace('ita: { level: advance,', 'ita: { level: advanse,');
    const { uri, diagnostics } = await open(text);
    const d = diagnostics.find((x) => x.code === 'pmqa.level.unknown');
    assert.ok(d, where(diagnostics).join(', '));
    const offered = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = offered.find((a) => a.title === 'เปลี่ยนเป็น "advance"');
    assert.ok(fix, `offered: ${offered.map((a) => a.title).join(' | ') || '(none)'}`);
    const after = await recheck(uri, applyEdits(text, editsFor(fix.edit, uri)));
    assert.deepEqual(where(after), []);
    await client.close(uri);
  });
});
