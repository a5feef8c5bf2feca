/**
 * The custom requests (`obecEvidence/checkWorkspace`, `tableIds`, `tableTemplate`,
 * `manifestTemplate`) and watched files (`workspace/didChangeWatchedFiles`) over real LSP,
 * on a temporary workspace holding copies of the clean sample office.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { parse } from 'yaml';
import { ensureBuilt, locate, LspClient, ROOT, uriOf, where } from './lspClient';

const SAMPLE = path.join(ROOT, 'samples/srinakhara-1');
const CLEAN_TEXT = readFileSync(path.join(SAMPLE, 'x2.evidence.yaml'), 'utf8');

describe('protocol: workspace requests and watched files', function () {
  this.timeout(60_000);
  let client: LspClient;
  let ws: string;

  before(async () => {
    ensureBuilt();
    ws = mkdtempSync(path.join(os.tmpdir(), 'obec-lsp-ws-'));
    client = await LspClient.start({ root: ws, language: 'en', validationDelay: 50 });
  });

  after(async () => {
    await client?.stop();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  describe('obecEvidence/checkWorkspace', () => {
    it('publishes diagnostics for every manifest (open or not) and returns the counts', async () => {
      const office = path.join(ws, 'a');
      cpSync(SAMPLE, office, { recursive: true });
      const openPath = path.join(office, 'x2.evidence.yaml');
      const closedPath = path.join(office, 'other.evidence.yaml');
      const closedText = CLEAN_TEXT.replace('schoolsAllAreas: 104', 'schoolsAllAreas: 108').replace('fiscalYear: 2567', 'fiscalYear: 2024');
      writeFileSync(closedPath, closedText);
      const openUri = uriOf(openPath);
      const closedUri = uriOf(closedPath);
      // The open one differs from the disk: the request checks the editor's text.
      const openText = CLEAN_TEXT.replace('date: 2567-02-12', 'date: 2024-02-12');
      await client.open(openUri, openText);
      await client.waitForDiagnostics(openUri, (d) => d.length > 0);

      const since = client.mark();
      const result = await client.request<{ manifests: number; errors: number; warnings: number }>('obecEvidence/checkWorkspace', {});
      const open = await client.waitForDiagnostics(openUri, () => true, 15_000, since);
      const closed = await client.waitForDiagnostics(closedUri, () => true, 15_000, since);
      assert.deepEqual(where(open.diagnostics), [`evidence.date.era-mixed@${locate(openText, '2024-02-12').line}:18`]);
      assert.deepEqual(where(closed.diagnostics), ['manifest.fiscal-year.common-era@4:12', 'rubric.figure.mismatch@21:23']);
      // The copied office's X2 and PMQA manifests (clean) and the closed broken one.
      assert.deepEqual(result, { manifests: 3, errors: 2, warnings: 1 });
      const status = await client.waitForStatus(closedUri, (s) => s.errors === 2);
      assert.deepEqual(status.levels.map((l) => l.level), [4, 5]);
    });
  });

  describe('templates and table ids', () => {
    it('obecEvidence/tableIds lists X2.1–X2.3 with titles', async () => {
      const r = await client.request<{ tables: { id: string; title: string }[] }>('obecEvidence/tableIds', {});
      assert.deepEqual(r.tables.map((t) => t.id), ['X2.1', 'X2.2', 'X2.3']);
      for (const t of r.tables) assert.ok(t.title.length > 0, t.id);
    });

    for (const table of ['X2.1', 'X2.2', 'X2.3']) {
      it(`obecEvidence/tableTemplate ${table}: base64 of an .xlsx (PK…, with a workbook part)`, async () => {
        const r = await client.request<{ base64: string; fileName: string }>('obecEvidence/tableTemplate', { table, language: 'th', officeName: 'สพป.ทดสอบ เขต 1' });
        const bytes = Buffer.from(r.base64, 'base64');
        assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
        assert.equal(r.fileName, `${table}-template.xlsx`);
        const parts = unzipSync(new Uint8Array(bytes));
        assert.ok(parts['xl/workbook.xml'], Object.keys(parts).join(', '));
      });
    }

    it('obecEvidence/tableTemplate of an unknown table: an error response, the server lives on', async () => {
      await assert.rejects(client.request('obecEvidence/tableTemplate', { table: 'X9.9', language: 'en' }));
      assert.ok(client.alive);
    });

    it('obecEvidence/manifestTemplate: YAML that parses, names framework obec-x2, the fiscal year and the rounds', async () => {
      const r = await client.request<{ text: string }>('obecEvidence/manifestTemplate', { framework: 'obec-x2', fiscalYear: 2568, officeName: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 2', rounds: ['6m', '12m'], language: 'th' });
      const m = parse(r.text) as { framework: string; fiscalYear: number; office: { name: string }; rounds: Record<string, { points: Record<string, unknown> }> };
      assert.equal(m.framework, 'obec-x2');
      assert.equal(m.fiscalYear, 2568);
      assert.equal(m.office.name, 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 2');
      assert.deepEqual(Object.keys(m.rounds), ['6m', '12m']);
      assert.deepEqual(Object.keys(m.rounds['6m']!.points), ['1', '2', '3', '4']);
      const only6m = parse((await client.request<{ text: string }>('obecEvidence/manifestTemplate', { framework: 'obec-x2', fiscalYear: 2567, officeName: 'x', rounds: ['6m'], language: 'en' })).text) as { rounds: Record<string, unknown> };
      assert.deepEqual(Object.keys(only6m.rounds), ['6m']);
    });
  });

  describe('workspace/didChangeWatchedFiles', () => {
    it('a linked workbook overwritten on disk: the open manifest is re-checked without reopening', async () => {
      const office = path.join(ws, 'b');
      cpSync(SAMPLE, office, { recursive: true });
      const manifest = path.join(office, 'x2.evidence.yaml');
      const uri = uriOf(manifest);
      const x22 = path.join(office, 'tables/X2.2-school-systems.xlsx');
      await client.open(uri, CLEAN_TEXT);
      await client.waitForDiagnostics(uri, (d) => d.length === 0);

      copyFileSync(path.join(ROOT, 'samples/broken/school-codes/X2.2-school-systems.xlsx'), x22);
      let since = client.mark();
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(x22), type: 2 }] });
      const p = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'table.school-code.duplicate'), 15_000, since);
      const anchor = locate(CLEAN_TEXT, 'tables/X2.2-school-systems.xlsx');
      const a = `${anchor.line}:${anchor.character}`;
      assert.deepEqual(where(p.diagnostics), [
        'rubric.figure.mismatch@21:23',
        `table.area.empty@${a}`,
        `table.school-code.duplicate@${a}`,
        `table.school-code.malformed@${a}`,
        `table.school-code.malformed@${a}`,
      ]);
      assert.ok(p.diagnostics.find((d) => d.code === 'table.school-code.duplicate')!.message.startsWith('[X2.2-school-systems.xlsx!X2.2!B10] '));

      // Restored: clean again.
      copyFileSync(path.join(SAMPLE, 'tables/X2.2-school-systems.xlsx'), x22);
      since = client.mark();
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(x22), type: 2 }] });
      await client.waitForDiagnostics(uri, (d) => d.length === 0, 15_000, since);

      // Deleted: the linked table is not found.
      rmSync(x22);
      since = client.mark();
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(x22), type: 3 }] });
      const gone = await client.waitForDiagnostics(uri, (d) => d.length > 0, 15_000, since);
      assert.deepEqual(where(gone.diagnostics), [`workbook.not-found@${a}`]);
      await client.close(uri);
    });
  });
});
