/**
 * Regressions found in review of the server: URIs spelled as VS Code spells them, closing a
 * workspace-checked manifest, a manifest outside every workspace folder, completion in the
 * middle of a word and in a new list item.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { applyEdits, ensureBuilt, locate, LspClient, ROOT, uriOf, where } from './lspClient';

const SAMPLE = path.join(ROOT, 'samples/srinakhara-1');
const CLEAN = readFileSync(path.join(SAMPLE, 'x2.evidence.yaml'), 'utf8');

/** VS Code's spelling of a file URI: it also encodes ( ) and other sub-delimiters. */
function vscodeUri(p: string): string {
  return uriOf(p).replace(/[()'!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

describe('protocol: review regressions', function () {
  this.timeout(60_000);
  let ws: string;
  let client: LspClient;

  before(async () => {
    ensureBuilt();
    ws = mkdtempSync(path.join(os.tmpdir(), 'obec-review-'));
    client = await LspClient.start({ root: path.join(ws, 'สพป (เขต 1)'), language: 'en', validationDelay: 30 });
  });
  after(async () => {
    await client?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('"check workspace" uses the open buffer even when the client spells its URI differently, and keeps its errors', async () => {
    const office = path.join(ws, 'สพป (เขต 1)');
    cpSync(SAMPLE, office, { recursive: true });
    const file = path.join(office, 'x2.evidence.yaml');
    const uri = vscodeUri(file);
    assert.notEqual(uri, uriOf(file));
    const edited = CLEAN.replace('schoolsAllAreas: 104', 'schoolsAllAreas: 999');
    await client.open(uri, edited);
    await client.waitForDiagnostics(uri, (d) => where(d).some((x) => x.startsWith('rubric.figure.mismatch')));
    const since = client.mark();
    const counts = await client.request<{ manifests: number; errors: number }>('obecEvidence/checkWorkspace', {});
    assert.equal(counts.manifests, 2); // the office's X2 and PMQA manifests
    assert.ok(counts.errors >= 1, JSON.stringify(counts));
    // Nothing was published under the other spelling, and the buffer's error stands.
    assert.deepEqual(client.publishesFor(uriOf(file), since), []);
    assert.ok(where(client.latest(uri)!.diagnostics).some((x) => x.startsWith('rubric.figure.mismatch')));
  });

  it('closing a workspace-checked manifest without saving goes back to the result on disk', async () => {
    const office = path.join(ws, 'สพป (เขต 1)');
    const file = path.join(office, 'x2.evidence.yaml');
    const uri = vscodeUri(file);
    const since = client.mark();
    await client.close(uri);
    const after = await client.waitForDiagnostics(uri, () => true, 10_000, since);
    assert.deepEqual(where(after.diagnostics), [], 'the file on disk is clean');
  });

  it('a manifest outside every workspace folder still has its evidence checked against its own folder', async () => {
    const outside = path.join(ws, 'elsewhere', 'office');
    mkdirSync(outside, { recursive: true });
    cpSync(SAMPLE, outside, { recursive: true });
    writeFileSync(path.join(ws, 'elsewhere', 'secret.pdf'), '%PDF-1.4\n');
    const file = path.join(outside, 'x2.evidence.yaml');
    const text = CLEAN.replace('file: evidence/6m/p3-data-center-manual.pdf', 'file: ../secret.pdf');
    await client.open(uriOf(file), text);
    const p = await client.waitForDiagnostics(uriOf(file), (d) => d.length > 0);
    assert.ok(where(p.diagnostics).some((x) => x.startsWith('evidence.file.outside-workspace')), where(p.diagnostics).join(', '));
    await client.close(uriOf(file));
  });

  describe('completion', () => {
    const file = () => path.join(ws, 'สพป (เขต 1)', 'completion.evidence.yaml');

    /** Opens (or changes to) `text`, waits for its check, then completes at `needle` + `offset`. */
    const complete = async (text: string, needle: string, offset: number): Promise<CompletionItem[]> => {
      const uri = uriOf(file());
      const since = client.mark();
      if (client.text(uri) === undefined) await client.open(uri, text);
      else await client.change(uri, undefined, text);
      await client.waitForDiagnostics(uri, () => true, 10_000, since);
      const base = locate(text, needle);
      return client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: base.line, character: base.character + offset } });
    };
    const lineOf = (text: string, needle: string): string => text.split('\n').find((l) => l.includes(needle)) ?? '';

    it('in the middle of a value, the proposal replaces the whole word', async () => {
      // 6m point 3's "kind: manual", with the cursor after "kind: ma".
      const items = await complete(CLEAN, 'kind: manual', 'kind: ma'.length);
      const link = items.find((i) => i.label === 'access-link');
      assert.ok(link?.textEdit && 'range' in link.textEdit, JSON.stringify(items.map((i) => i.label)));
      const after = applyEdits(CLEAN, [link.textEdit]);
      assert.equal(lineOf(after, 'kind: access-link').trim(), '- kind: access-link');
      assert.ok(!after.includes('access-linknual'), 'the rest of the word was left behind');
    });

    it('inside quotes in the middle of a code, no second closing quote is added', async () => {
      const items = await complete(CLEAN, 'school: "1099010017"', 'school: "10990'.length);
      const code = items.find((i) => i.label === '1099010017');
      assert.ok(code?.textEdit && 'range' in code.textEdit, JSON.stringify(items.slice(0, 3).map((i) => i.label)));
      const after = applyEdits(CLEAN, [code.textEdit]);
      assert.equal(lineOf(after, 'school: "1099010017').trim(), 'school: "1099010017"');
    });

    it('a new item of a non-empty evidence list is offered kind and file', async () => {
      // A new "- " item at the end of 6m point 3's list (just before point 4).
      const text = CLEAN.replace('      4:\n', '          - \n      4:\n');
      assert.notEqual(text, CLEAN);
      const items = await complete(text, '          - \n      4:', '          - '.length);
      const labels = items.map((i) => i.label);
      assert.ok(labels.includes('kind') && labels.includes('file'), labels.join(', '));
    });
  });
});
