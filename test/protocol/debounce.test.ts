/**
 * Debounced validation over real LSP: two changes sent within the debounce window give one
 * publish, for the latest text; the intermediate version's result is never published.
 * A larger validationDelay (300 ms) keeps the timing robust on a loaded machine.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { x22Workbook } from '../engine/helpers';
import { ensureBuilt, LspClient, ROOT, uriOf, where } from './lspClient';

const DELAY = 300;
const CLEAN = path.join(ROOT, 'samples/srinakhara-1/x2.evidence.yaml');
const CLEAN_TEXT = readFileSync(CLEAN, 'utf8');

describe('protocol: debounce and stale results', function () {
  this.timeout(30_000);
  let client: LspClient;
  let n = 0;

  before(async () => {
    ensureBuilt();
    client = await LspClient.start({ root: ROOT, language: 'en', validationDelay: DELAY });
  });

  after(async () => {
    await client?.stop();
  });

  async function openClean(): Promise<string> {
    const uri = uriOf(path.join(path.dirname(CLEAN), `debounce-${++n}.evidence.yaml`));
    await client.open(uri, CLEAN_TEXT);
    await client.waitForDiagnostics(uri, (d) => d.length === 0, 15_000);
    return uri;
  }

  it('two changes within the debounce: only the final text is published (no publish of the erroneous version)', async () => {
    const uri = await openClean();
    const broken = CLEAN_TEXT.replace('schoolsAllAreas: 104', 'schoolsAllAreas: 108'); // rubric.figure.mismatch
    const fixed = CLEAN_TEXT.replace('officeAreas: 4 ', 'officeAreas: 4  '); // clean, but a new text
    assert.notEqual(broken, CLEAN_TEXT);
    assert.notEqual(fixed, CLEAN_TEXT);

    const since = client.mark();
    const t0 = performance.now();
    await client.change(uri, 2, broken);
    await new Promise((r) => setTimeout(r, 5));
    await client.change(uri, 3, fixed);
    const sentAt = performance.now();
    assert.ok(sentAt - t0 < DELAY / 2, `the two changes took ${sentAt - t0} ms to send`);

    const first = await client.waitForDiagnostics(uri, () => true, 10_000, since);
    // The debounce: nothing before DELAY after the last change.
    assert.ok(first.at - sentAt >= DELAY - 20, `published ${first.at - sentAt} ms after the last change (delay ${DELAY})`);
    // Wait out another debounce window plus margin to see any late (stale) publish.
    const quiet = performance.now() + DELAY + 300;
    while (performance.now() < quiet) await new Promise((r) => setTimeout(r, 20));

    const after = client.publishesFor(uri, since);
    assert.equal(after.filter((p) => p.diagnostics.some((d) => d.code === 'rubric.figure.mismatch')).length, 0, JSON.stringify(after.map((p) => where(p.diagnostics))));
    assert.equal(after.length, 1, JSON.stringify(after.map((p) => where(p.diagnostics))));
    assert.deepEqual(after[0]!.diagnostics, []);
    await client.close(uri);
  });

  it('the reverse: clean first, erroneous last → exactly one publish, with the error', async () => {
    const uri = await openClean();
    const broken = CLEAN_TEXT.replace('schoolsAllAreas: 104', 'schoolsAllAreas: 108');
    const fixed = CLEAN_TEXT.replace('officeAreas: 4 ', 'officeAreas: 4  ');
    const since = client.mark();
    await client.change(uri, 2, fixed);
    await new Promise((r) => setTimeout(r, 5));
    await client.change(uri, 3, broken);
    await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, since);
    const quiet = performance.now() + DELAY + 300;
    while (performance.now() < quiet) await new Promise((r) => setTimeout(r, 20));
    const after = client.publishesFor(uri, since);
    assert.deepEqual(
      after.map((p) => where(p.diagnostics)),
      [['rubric.figure.mismatch@21:23']],
    );
    await client.close(uri);
  });

  it('closed within the debounce: diagnostics cleared, the pending validation never publishes', async () => {
    const uri = await openClean();
    const since = client.mark();
    await client.change(uri, 2, CLEAN_TEXT.replace('schoolsAllAreas: 104', 'schoolsAllAreas: 108'));
    await new Promise((r) => setTimeout(r, 5));
    await client.close(uri);
    await client.waitForDiagnostics(uri, () => true, 10_000, since);
    const quiet = performance.now() + DELAY + 300;
    while (performance.now() < quiet) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(client.publishesFor(uri, since).map((p) => where(p.diagnostics)), [[]]);
  });

  it('a change while a check is in flight: the in-flight (stale) result is dropped, only the new version is published', async () => {
    // A copy of the office with a 3,000-row X2.2 under a new path: the first check must read
    // it in the worker (not cached), so it is still running when the change arrives.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'obec-lsp-stale-'));
    try {
      cpSync(path.dirname(CLEAN), dir, { recursive: true });
      writeFileSync(path.join(dir, 'tables/X2.2-big.xlsx'), await x22Workbook(3000, 2000));
      const uri = uriOf(path.join(dir, 'x2.evidence.yaml'));
      const slow = CLEAN_TEXT.replace('tables/X2.2-school-systems.xlsx', 'tables/X2.2-big.xlsx'); // 104 ≠ 2000: a mismatch
      const since = client.mark();
      await client.open(uri, slow);
      await client.change(uri, 2, CLEAN_TEXT);
      await client.waitForDiagnostics(uri, () => true, 15_000, since);
      const quiet = performance.now() + DELAY + 300;
      while (performance.now() < quiet) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(client.publishesFor(uri, since).map((p) => where(p.diagnostics)), [[]]);
      await client.close(uri);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a burst of 20 changes 5 ms apart: one publish, for the last version', async () => {
    const uri = await openClean();
    const since = client.mark();
    for (let i = 0; i < 20; i++) {
      const v = 100 + i; // all mismatching but the last
      await client.change(uri, 2 + i, CLEAN_TEXT.replace('schoolsAllAreas: 104', `schoolsAllAreas: ${i === 19 ? 104 : v}`));
      await new Promise((r) => setTimeout(r, 5));
    }
    await client.waitForDiagnostics(uri, () => true, 10_000, since);
    const quiet = performance.now() + DELAY + 300;
    while (performance.now() < quiet) await new Promise((r) => setTimeout(r, 20));
    const after = client.publishesFor(uri, since);
    assert.deepEqual(after.map((p) => where(p.diagnostics)), [[]]);
    await client.close(uri);
  });
});
