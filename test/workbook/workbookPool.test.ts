import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_WORKBOOK_LIMITS, type WorkbookReadResult } from '../../server/src/engine/workbook/model';
import { readXlsx } from '../../server/src/engine/workbook/xlsxReader';
import { CachedWorkbookReader, type CacheFileStat } from '../../server/src/node/workbookCache';
import { WorkbookPool, defaultWorkerScript } from '../../server/src/node/workbookPool';
import { craftXlsx, sheetXml, tempDir, writeFeatureWorkbook, writeX22Workbook } from './fixtures';

const repo = path.resolve(__dirname, '../..');
const workerBundle = path.join(repo, 'dist/workbookWorker.js');
// Everything the worker bundle is built from: a change to any means a rebuild.
const workerSources = [
  'server/src/node/workbookWorker.ts',
  'server/src/node/workbookTransfer.ts',
  ...readdirSync(path.join(repo, 'server/src/engine/workbook')).filter((f) => f.endsWith('.ts')).map((f) => `server/src/engine/workbook/${f}`),
].map((p) => path.join(repo, p));

/**
 * The worker runs from its bundle; (re)build it when it is missing or older than its
 * sources. The full build can fail on someone else's half-edited entry point, so fall
 * back to bundling the worker alone with the same settings.
 */
async function ensureWorkerBundle(): Promise<void> {
  const fresh = (): boolean =>
    existsSync(workerBundle) && workerSources.every((s) => statSync(s).mtimeMs <= statSync(workerBundle).mtimeMs);
  if (fresh()) return;
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: 'pipe' });
  } catch {
    // Fall through to the worker-only build below.
  }
  if (fresh()) return;
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(repo, 'server/src/node/workbookWorker.ts')],
    outfile: workerBundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  });
}

describe('WorkbookPool', function () {
  this.timeout(30_000);
  const tmp = tempDir('obec-pool-');
  const small = path.join(tmp.dir, 'small.xlsx');
  const big = path.join(tmp.dir, 'big.xlsx');
  const one = path.join(tmp.dir, 'one.xlsx');
  const dense = path.join(tmp.dir, 'dense.xlsx');
  let pool: WorkbookPool;

  before(async () => {
    await Promise.all([ensureWorkerBundle(), writeFeatureWorkbook(small, 200), writeX22Workbook(big, 5000)]);
    // 400,000 numeric cells: far more objects than a 10 MB heap holds, in a ~1 MB file.
    let rows = '';
    for (let r = 1; r <= 40_000; r++) {
      rows += `<row r="${r}">`;
      for (let c = 0; c < 10; c++) rows += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r * 10 + c}</v></c>`;
      rows += '</row>';
    }
    writeFileSync(dense, craftXlsx({ sheets: [{ name: 'S', xml: sheetXml(rows) }] }));
    writeFileSync(one, craftXlsx({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }] }));
  });
  beforeEach(() => {
    pool = new WorkbookPool();
  });
  afterEach(() => pool.dispose());
  after(() => tmp.cleanup());

  it('finds the bundled worker from the sources', () => {
    assert.equal(defaultWorkerScript(), workerBundle);
  });

  it('reads a workbook in the worker, as readXlsx does in-process', async () => {
    const viaWorker = await pool.read(small);
    assert.deepEqual(viaWorker, readXlsx(readFileSync(small)));
  });

  it('serves queued reads in order', async () => {
    const results = await Promise.all([pool.read(small), pool.read(path.join(tmp.dir, 'nope.xlsx')), pool.read(big)]);
    assert.deepEqual(
      results.map((r) => (r.ok ? r.sheets[0]?.rows.length : r.code)),
      [202, 'workbook.not-found', 5003],
    );
  });

  it('resolves (never rejects) for a missing file, a directory and a non-workbook', async () => {
    const notXlsx = path.join(tmp.dir, 'notes.xlsx');
    writeFileSync(notXlsx, 'ไม่ใช่ไฟล์ Excel');
    const results = await Promise.all([pool.read(path.join(tmp.dir, 'missing.xlsx')), pool.read(tmp.dir), pool.read(notXlsx)]);
    assert.deepEqual(
      results.map((r) => !r.ok && r.code),
      ['workbook.not-found', 'workbook.read-failed', 'workbook.not-zip'],
    );
  });

  it('checks the size limit before reading', async () => {
    const limited = new WorkbookPool({ limits: { ...DEFAULT_WORKBOOK_LIMITS, maxFileBytes: 1000 } });
    try {
      const r = await limited.read(big);
      assert.equal(!r.ok && r.code, 'workbook.too-large');
    } finally {
      await limited.dispose();
    }
  });

  it('times out a slow read, then serves the next read with a fresh worker', async () => {
    const slow = await pool.read(big, { timeoutMs: 1 });
    assert.equal(!slow.ok && slow.code, 'workbook.timeout');
    const next = await pool.read(small);
    assert.equal(next.ok, true);
  });

  it('reports a worker running out of heap as out-of-memory, and recovers', async () => {
    const tiny = new WorkbookPool({ maxOldGenerationSizeMb: 10 });
    try {
      const r = await tiny.read(dense);
      assert.equal(!r.ok && r.code, 'workbook.out-of-memory', JSON.stringify(r).slice(0, 200));
      const next = await tiny.read(one);
      assert.equal(next.ok, true, JSON.stringify(next));
    } finally {
      await tiny.dispose();
    }
  });

  it('resolves pending reads when disposed, and reads after dispose', async () => {
    const pending = pool.read(big);
    await pool.dispose();
    assert.equal((await pending).ok, false);
    const later = await pool.read(small);
    assert.equal(!later.ok && later.code, 'workbook.read-failed');
  });

  it('resolves read-failed when the worker script is missing', async () => {
    const broken = new WorkbookPool({ workerScript: path.join(tmp.dir, 'no-such-worker.js') });
    try {
      const r = await broken.read(small);
      assert.equal(!r.ok && r.code, 'workbook.read-failed');
    } finally {
      await broken.dispose();
    }
  });

  it('does not keep the process alive when idle', () => {
    const script = `
      const { WorkbookPool } = require(${JSON.stringify(path.join(repo, 'server/src/node/workbookPool.ts'))});
      new WorkbookPool().read(${JSON.stringify(small)}).then((r) => console.log(r.ok));`;
    const child = spawnSync(process.execPath, ['-r', 'esbuild-register', '-e', script], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 15_000,
    });
    assert.equal(child.signal, null, 'the child had to be killed: the idle worker kept it alive');
    assert.equal(child.stdout.trim(), 'true', child.stderr);
  });
});

describe('CachedWorkbookReader', () => {
  const workbook = (tag: string): WorkbookReadResult => ({
    ok: true,
    format: 'xlsx',
    sheets: [{ name: tag, rows: [{ index: 1, cells: [{ col: 1, value: tag, type: 's' }] }], merges: [] }],
    issues: [],
  });

  function setup(files: Record<string, CacheFileStat>, results: (path: string, n: number) => WorkbookReadResult = (p, n) => workbook(`${p}#${n}`)) {
    const reads: string[] = [];
    const reader = new CachedWorkbookReader(
      async (p) => {
        reads.push(p);
        await new Promise((r) => setTimeout(r, 5));
        return results(p, reads.length);
      },
      async (p) => files[p],
      { maxEntries: 2 },
    );
    return { reader, reads, files };
  }

  it('reads once per unchanged file and again when size or mtime change', async () => {
    const { reader, reads, files } = setup({ '/a.xlsx': { size: 10, mtimeMs: 1 } });
    const first = await reader.read('/a.xlsx');
    assert.equal(await reader.read('/a.xlsx'), first);
    files['/a.xlsx'] = { size: 10, mtimeMs: 2 };
    assert.notEqual(await reader.read('/a.xlsx'), first);
    files['/a.xlsx'] = { size: 11, mtimeMs: 2 };
    await reader.read('/a.xlsx');
    assert.deepEqual(reads, ['/a.xlsx', '/a.xlsx', '/a.xlsx']);
  });

  it('shares one read between concurrent callers', async () => {
    const { reader, reads } = setup({ '/a.xlsx': { size: 1, mtimeMs: 1 } });
    const [x, y, z] = await Promise.all([reader.read('/a.xlsx'), reader.read('/a.xlsx'), reader.read('/a.xlsx')]);
    assert.equal(reads.length, 1);
    assert.equal(x, y);
    assert.equal(y, z);
  });

  it('answers not-found without reading', async () => {
    const { reader, reads } = setup({});
    const r = await reader.read('/missing.xlsx');
    assert.equal(!r.ok && r.code, 'workbook.not-found');
    assert.deepEqual(reads, []);
  });

  it('evicts the least recently used entry', async () => {
    const stat = { size: 1, mtimeMs: 1 };
    const { reader, reads } = setup({ '/a': stat, '/b': stat, '/c': stat });
    await reader.read('/a');
    await reader.read('/b');
    await reader.read('/a'); // a is now more recent than b
    await reader.read('/c'); // evicts b
    await reader.read('/a');
    await reader.read('/b');
    assert.deepEqual(reads, ['/a', '/b', '/c', '/b']);
  });

  it('does not cache transient failures, but caches deterministic ones', async () => {
    const stat = { size: 1, mtimeMs: 1 };
    const { reader, reads } = setup({ '/t': stat, '/z': stat }, (p) =>
      p === '/t' ? { ok: false, code: 'workbook.timeout' } : { ok: false, code: 'workbook.zip-bomb' },
    );
    await reader.read('/t');
    await reader.read('/t');
    await reader.read('/z');
    await reader.read('/z');
    assert.deepEqual(reads, ['/t', '/t', '/z']);
  });

  it('turns a rejecting reader or stat into a result', async () => {
    const reader = new CachedWorkbookReader(
      () => Promise.reject(new Error('boom')),
      (p) => (p === '/bad-stat' ? Promise.reject(new Error('EACCES')) : Promise.resolve({ size: 1, mtimeMs: 1 })),
    );
    const r = await reader.read('/x');
    assert.equal(!r.ok && r.code, 'workbook.read-failed');
    const s = await reader.read('/bad-stat');
    assert.equal(!s.ok && s.code, 'workbook.not-found');
  });
});
