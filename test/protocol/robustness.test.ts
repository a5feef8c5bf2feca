/**
 * Hostile input never takes the language server down: malformed manifests (tabs,
 * duplicate keys, an alias bomb, 10,000-deep flow nesting, a 3 MB file, a BOM and a
 * zero-width key, binary garbage) and a manifest linking hostile workbooks (a 200 MB zip
 * bomb, a merge over the whole sheet, not a zip, legacy .xls, encrypted, truncated, a
 * formula with no cached value). Each gets its diagnostics, and afterwards the server
 * still answers a hover on the clean sample.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { buildZip, cfbFile, craftParts, deflatedEntry, deflatedZeros, sheetXml } from '../workbook/fixtures';
import { ensureBuilt, locate, LspClient, ROOT, uriOf, where, wholeRange } from './lspClient';

describe('protocol: malformed input never kills the server', function () {
  this.timeout(60_000);
  let client: LspClient;
  let dir: string;
  let office: string;
  let clean: string;

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'obec-lsp-robust-'));
    office = path.join(dir, 'office');
    cpSync(path.join(ROOT, 'samples/srinakhara-1'), office, { recursive: true });
    clean = readFileSync(path.join(office, 'x2.evidence.yaml'), 'utf8');
    client = await LspClient.start({ root: dir, language: 'en', validationDelay: 50 });
  });

  after(async () => {
    await client?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `text` as `office/<name>.evidence.yaml`; returns its diagnostics as `code@line:char`. */
  async function check(name: string, text: string): Promise<string[]> {
    const uri = uriOf(path.join(office, `${name}.evidence.yaml`));
    const since = client.mark();
    await client.open(uri, text);
    const p = await client.waitForDiagnostics(uri, () => true, 30_000, since);
    assert.ok(client.alive, 'the server exited');
    // The other features answer on the same document (null or empty is fine; an error is not).
    const doc = { textDocument: { uri } };
    const last = { line: text.split('\n').length - 1, character: 0 };
    await client.request('textDocument/hover', { ...doc, position: { line: 0, character: 1 } });
    await client.request('textDocument/completion', { ...doc, position: last });
    await client.request('textDocument/documentSymbol', doc);
    await client.request('textDocument/codeAction', { ...doc, range: wholeRange(text), context: { diagnostics: p.diagnostics } });
    await client.request('textDocument/codeLens', doc);
    await client.request('textDocument/documentLink', doc);
    assert.ok(client.alive, 'the server exited');
    return where(p.diagnostics);
  }

  const codes = (w: readonly string[]): string[] => [...new Set(w.map((x) => x.split('@')[0]!))].sort();

  describe('malformed manifests', () => {
    it('a tab used for indentation → manifest.yaml.tab-indent at the tab', async () => {
      const text = 'framework: obec-x2\nfiscalYear: 2567\noffice:\n\tname: x\n';
      const got = await check('tabs', text);
      assert.ok(got.includes('manifest.yaml.tab-indent@3:0'), got.join(', '));
    });

    it('a duplicate key → manifest.yaml.duplicate-key at the second', async () => {
      const text = clean.replace('fiscalYear: 2567 ', 'fiscalYear: 2567\nfiscalYear: 2568 ');
      const got = await check('duplicate', text);
      assert.ok(got.includes(`manifest.yaml.duplicate-key@${locate(text, 'fiscalYear: 2568').line}:0`), got.join(', '));
    });

    it('an alias bomb (9 levels × 9 aliases) → manifest.yaml.alias-bomb', async () => {
      const lines = ['framework: obec-x2', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 10; i++) {
        const name = String.fromCharCode(97 + i);
        lines.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
      }
      const got = await check('alias-bomb', `${lines.join('\n')}\n`);
      assert.deepEqual(codes(got), ['manifest.yaml.alias-bomb']);
    });

    it('10,000-deep flow nesting → manifest.yaml.too-deep', async () => {
      const got = await check('deep', `framework: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
      assert.deepEqual(codes(got), ['manifest.yaml.too-deep']);
    });

    it('a 3 MB manifest → manifest.yaml.too-large', async () => {
      const text = `${clean}# ${'x'.repeat(3 * 1024 * 1024)}\n`;
      const got = await check('huge', text);
      assert.deepEqual(codes(got), ['manifest.yaml.too-large']);
    });

    it('a BOM and a zero-width space in a key → manifest.key.invisible-characters on that key', async () => {
      const text = `\uFEFF${clean.replace('fiscalYear:', 'fiscal\u200BYear:')}`;
      const got = await check('bom-zero-width', text);
      const line = locate(text, 'fiscal\u200BYear').line;
      // The key is read as fiscalYear (nothing else is reported): only the invisible character is.
      assert.deepEqual(got, [`manifest.key.invisible-characters@${line}:0`]);
    });

    it('binary garbage (NULs, control bytes, invalid UTF-8 read as text) → a YAML finding', async () => {
      let seed = 12345;
      const bytes = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
      const got = await check('garbage', Buffer.from(bytes).toString('latin1'));
      assert.deepEqual(got, ['manifest.yaml.not-mapping@0:0']);
    });
  });

  describe('linked workbooks that cannot be used (as X2.2)', () => {
    const x22 = (): Uint8Array => new Uint8Array(readFileSync(path.join(ROOT, 'samples/srinakhara-1/tables/X2.2-school-systems.xlsx')));
    /** The sample X2.2 with its sheet XML edited. */
    const editSheet = (edit: (xml: string) => string): Uint8Array => {
      const parts = unzipSync(x22());
      const xml = strFromU8(parts['xl/worksheets/sheet1.xml']!);
      const edited = edit(xml);
      assert.notEqual(edited, xml, 'the edit changed nothing');
      parts['xl/worksheets/sheet1.xml'] = strToU8(edited);
      return zipSync(parts);
    };

    const cases: { name: string; bytes: () => Uint8Array; codes: string[]; cell?: string; level6m?: number }[] = [
      {
        name: 'zip-bomb',
        // A sheet part of 200 MB of zeros (deflated to ~200 KB): refused from the zip directory.
        bytes: () => {
          const parts = craftParts({ sheets: [{ name: 'X2.2', xml: sheetXml('') }] });
          return buildZip(
            Object.entries(parts).map(([name, data]) =>
              name === 'xl/worksheets/sheet1.xml' ? { name, data: deflatedZeros(200), method: 8 as const, size: 200 * 1024 * 1024 } : deflatedEntry(name, data),
            ),
          );
        },
        codes: ['workbook.zip-bomb'],
      },
      // One merge over the whole sheet: kept as a range and not spread (a warning); the table still reads.
      {
        name: 'merge-whole-sheet',
        bytes: () => editSheet((x) => x.replace('<mergeCells count="8">', '<mergeCells count="9"><mergeCell ref="A1:XFD1048576"/>')),
        codes: ['workbook.merge-clipped'],
        cell: 'X2.2!A1',
        level6m: 4,
      },
      { name: 'not-zip', bytes: () => strToU8('ลำดับ,รหัสสถานศึกษา\n1,1099010001\n'), codes: ['workbook.not-zip'] },
      { name: 'legacy-xls', bytes: () => cfbFile(['Workbook', 'SummaryInformation']), codes: ['workbook.legacy-xls'] },
      { name: 'encrypted', bytes: () => cfbFile(['EncryptionInfo', 'EncryptedPackage']), codes: ['workbook.encrypted'] },
      { name: 'truncated', bytes: () => x22().subarray(0, x22().length >> 1), codes: ['workbook.truncated'] },
      {
        name: 'formula-no-cache',
        bytes: () => editSheet((x) => x.replace('<c r="D7" s="6" t="s"><v>14</v></c>', '<c r="D7" s="6" t="str"><f>"AMSS++"</f></c>')),
        codes: ['table.formula.not-calculated'],
        cell: 'X2.2!D7',
      },
    ];

    for (const c of cases) {
      it(`${c.name} → ${c.codes.join(', ') || 'read normally, no diagnostics'} (on the linking file: value)`, async () => {
        const rel = `tables/${c.name}.xlsx`;
        writeFileSync(path.join(office, rel), c.bytes());
        const text = clean.replace('tables/X2.2-school-systems.xlsx', rel);
        const got = await check(`wb-${c.name}`, text);
        const anchor = locate(text, rel);
        assert.deepEqual(got, c.codes.map((code) => `${code}@${anchor.line}:${anchor.character}`));
        if (c.codes.length) {
          const d = client.latest(uriOf(path.join(office, `wb-${c.name}.evidence.yaml`)))!.diagnostics[0]!;
          assert.ok(d.message.startsWith(`[${c.name}.xlsx${c.cell ? `!${c.cell}` : ''}] `), d.message);
          assert.equal(d.relatedInformation?.[0]?.location.uri, uriOf(path.join(office, rel)));
          const status = await client.waitForStatus(uriOf(path.join(office, `wb-${c.name}.evidence.yaml`)));
          // A table that cannot give its figures leaves 6m at level 1 (never read as 0 or as the declared 104);
          // a warning alone leaves the level as it was.
          assert.equal(status.levels.find((l) => l.round === '6m')?.level, c.level6m ?? 1);
        }
      });
    }
  });

  describe('afterwards', () => {
    it('the server is alive and answers a hover on the clean sample', async () => {
      assert.ok(client.alive);
      const uri = uriOf(path.join(office, 'x2.evidence.yaml'));
      const since = client.mark();
      await client.open(uri, clean);
      const p = await client.waitForDiagnostics(uri, () => true, 15_000, since);
      assert.deepEqual(where(p.diagnostics), []);
      const at = locate(clean, '      2:');
      const h = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line: at.line, character: 6 } })) as Hover | null;
      assert.ok(h);
      assert.match((h.contents as MarkupContent).value, /Real Time/);
      assert.ok(client.alive);
      assert.equal(client.log.includes('check failed'), false, client.log);
    });
  });
});
