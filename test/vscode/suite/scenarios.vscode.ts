/**
 * The end-to-end scenarios through the vscode API, inside the editor's extension host:
 * diagnostics of every sample, the hover of a consideration point, the quick fix of a
 * figure mismatch, the score preview and the levels following an edit and its undo, a
 * linked workbook replaced on disk. Run by `npm run test:vscode` (desktop VS Code through
 * @vscode/test-electron) and, inside code-server, by `npm run test:e2e`.
 *
 * The workspace is a copy of `samples/` (the runners make it); messages are Thai
 * (`obecEvidence.language: th` in the runners' user settings), assertions use codes,
 * positions and the level numbers of the round code lenses.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { BROKEN, CLEAN, CLEAN_PMQA, criterionFromPack, manifestLinesOf } from '../../e2e/support/expectations';

const EXTENSION_ID = 'obec-evidence.obec-evidence';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-editor suite needs a copy of samples/ opened as the workspace folder');
  return folder.uri.fsPath;
}

const uriOf = (rel: string): vscode.Uri => vscode.Uri.file(path.join(workspaceRoot(), ...rel.split('/')));

/** Polls `probe` until it returns something truthy; fails with `what` and the last value seen. */
async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000, seen?: () => unknown): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${seen ? `; last seen: ${JSON.stringify(seen())}` : ''}`);
    await sleep(100);
  }
}

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;
const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' && d.code !== null ? d.code.value : (d.code ?? ''));
/** "severity code line:col" (1-based), as the Playwright suite and samples/README.md spell them. */
const keysOf = (uri: vscode.Uri): string[] =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'obec-evidence')
    .map((d) => `${SEVERITY[d.severity]} ${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1}`)
    .sort();

async function waitForKeys(rel: string, want: readonly string[], timeoutMs = 30_000): Promise<void> {
  const uri = uriOf(rel);
  const sorted = [...want].sort();
  await until(`the diagnostics of ${rel} to be ${JSON.stringify(sorted)}`, () => JSON.stringify(keysOf(uri)) === JSON.stringify(sorted), timeoutMs, () => keysOf(uri));
}

/** The level of each round from the round code lenses ("รอบ 6 เดือน: ระดับ 4 · …"), e.g. "4/5". */
async function lensLevels(uri: vscode.Uri): Promise<string> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses
    .map((l) => /(?:ระดับ|[Ll]evel) (\d)/.exec(l.command?.title ?? '')?.[1])
    .filter((x): x is string => x !== undefined)
    .join('/');
}

async function waitForLevels(rel: string, want: string, timeoutMs = 30_000): Promise<void> {
  const uri = uriOf(rel);
  let last = '';
  await until(`the code lenses of ${rel} to show levels ${want}`, async () => (last = await lensLevels(uri)) === want, timeoutMs, () => last);
}

async function open(rel: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uriOf(rel));
  return vscode.window.showTextDocument(document, { preview: false });
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('OBEC Evidence through the vscode API', function () {
  this.timeout(120_000);

  before(async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    // Activated by the workspace's manifests (workspaceContains).
    await until('the extension to activate', () => extension.isActive || undefined, 60_000);
  });

  afterEach(closeAll);

  it('the clean office: no diagnostics, levels 4 / 5', async function () {
    await open(CLEAN);
    await waitForLevels(CLEAN, '4/5');
    assert.deepEqual(keysOf(uriOf(CLEAN)), []);
  });

  for (const [sample, expected] of Object.entries(BROKEN)) {
    it(`${sample}: the diagnostics of samples/README.md`, async function () {
      await open(sample);
      await waitForKeys(sample, expected.markers);
      const messages = vscode.languages.getDiagnostics(uriOf(sample)).map((d) => d.message);
      for (const cell of expected.cells ?? []) assert.ok(messages.some((m) => m.includes(cell)), `a finding names ${cell}: ${JSON.stringify(messages)}`);
    });
  }

  it('the hover of 6m point 2 quotes the Thai criterion of the pack', async function () {
    const editor = await open(CLEAN);
    await waitForLevels(CLEAN, '4/5');
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const pack = parse(fs.readFileSync(path.join(extension.extensionPath, 'schemas', 'obec-x2.pack.yaml'), 'utf8'));
    const criterion = criterionFromPack(pack, '6m', '2').replace(/\s+/g, ' ');
    const line = manifestLinesOf(editor.document.getText()).points['6m']?.['2'];
    assert.ok(line);
    const at = new vscode.Position(line - 1, editor.document.lineAt(line - 1).firstNonWhitespaceCharacterIndex);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at)) ?? [];
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n')
      .replace(/\s+/g, ' ');
    assert.ok(text.includes(criterion), `hover: ${text.slice(0, 400)}`);
  });

  it('PMQA: the clean self-assessment has no diagnostics, its total lens reads 402.08 / 500, and the hover of 1.1 quotes its Basic criterion', async function () {
    const editor = await open(CLEAN_PMQA);
    const uri = uriOf(CLEAN_PMQA);
    let titles: string[] = [];
    await until(
      'the PMQA total lens',
      async () => {
        const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
        titles = lenses.map((l) => l.command?.title ?? '');
        return titles.some((t) => t.includes('402.08 / 500'));
      },
      30_000,
      () => titles,
    );
    assert.deepEqual(keysOf(uri), []);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const pack = parse(fs.readFileSync(path.join(extension.extensionPath, 'schemas', 'obec-pmqa.pack.yaml'), 'utf8')) as { categories: { items: { id: string; levels: Record<string, { th: string }> }[] }[] };
    const basic = pack.categories[0]!.items.find((i) => i.id === '1.1')!.levels['basic']!.th.replace(/\s+/g, ' ');
    const line = editor.document.getText().split('\n').findIndex((l) => l.trim() === '"1.1":');
    assert.ok(line >= 0);
    const at = new vscode.Position(line, editor.document.lineAt(line).firstNonWhitespaceCharacterIndex + 1);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n')
      .replace(/\s+/g, ' ');
    assert.ok(text.includes(basic), `hover: ${text.slice(0, 400)}`);
  });

  it('the quick fix of a figure mismatch writes the table value and the diagnostic goes away', async function () {
    const sample = 'broken/figure-mismatch.evidence.yaml';
    const editor = await open(sample);
    await waitForKeys(sample, BROKEN[sample]!.markers);
    const diagnostic = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.range.start.line === 21)!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range)) ?? [];
    const fix = actions.find((a) => a.title === 'ใช้ค่าจากตาราง: 104');
    assert.ok(fix?.edit, `quick fixes: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.lineAt(21).text, /schoolsAllAreas: 104\b/);
    await waitForKeys(sample, ['error rubric.figure.mismatch 73:29']);
    // Reverting the file brings the text, and so the finding, back.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.isDirty, false);
    await waitForKeys(sample, BROKEN[sample]!.markers);
  });

  it('the score preview opens beside the manifest; levels follow an edit and its undo', async function () {
    const editor = await open(CLEAN);
    await waitForLevels(CLEAN, '4/5');
    await vscode.commands.executeCommand('obecEvidence.showPreviewToSide');
    const panel = await until('the score preview tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('obecEvidence.scorePreview')),
    );
    assert.match(panel.label, /x2\.evidence\.yaml/);
    // Without its access link, 12m point 2 is not clear: the 12-month round falls to level 1.
    const entry = manifestLinesOf(editor.document.getText()).entry('12m', '2', 'access-link');
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(entry.line - 1, 0, entry.line - 1 + entry.length, 0))));
    await waitForLevels(CLEAN, '4/1');
    await vscode.commands.executeCommand('undo');
    await waitForLevels(CLEAN, '4/5');
    assert.equal(editor.document.isDirty, false, 'the undo is back at the saved text');
  });

  it('a linked workbook replaced on disk re-checks the open manifest', async function () {
    await open(CLEAN);
    await waitForLevels(CLEAN, '4/5');
    const root = workspaceRoot();
    const workbook = path.join(root, 'srinakhara-1', 'tables', 'X2.2-school-systems.xlsx');
    const original = fs.readFileSync(workbook);
    const linkLine = manifestLinesOf(fs.readFileSync(uriOf(CLEAN).fsPath, 'utf8')).fileLine('tables/X2.2-school-systems.xlsx');
    try {
      fs.copyFileSync(path.join(root, 'broken', 'school-codes', 'X2.2-school-systems.xlsx'), workbook);
      await until(
        'table.school-code.duplicate on the X2.2 link',
        () => keysOf(uriOf(CLEAN)).includes(`error table.school-code.duplicate ${linkLine}:19`),
        45_000,
        () => keysOf(uriOf(CLEAN)),
      );
    } finally {
      fs.writeFileSync(workbook, original);
    }
    await waitForKeys(CLEAN, [], 45_000);
  });
});
