/**
 * A cache in front of a workbook reader: a workbook is read again only when its file
 * changes (path, size and modification time), and concurrent reads of one file share a
 * single read.
 */
import type { WorkbookProblemCode, WorkbookReadResult } from '../engine/workbook/model';

/** File facts the cache keys on: size in bytes, modification time in ms since the epoch. */
export interface CacheFileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

export interface CachedWorkbookReaderOptions {
  /** Most workbooks kept, least recently used dropped first. Default 32. */
  readonly maxEntries?: number;
  /**
   * Most cells kept across all cached workbooks (a 30k-row table is ~200k cells, tens
   * of MB as objects). Default 3,000,000. The most recent workbook is always kept.
   */
  readonly maxCells?: number;
}

/**
 * Results worth remembering: those the same bytes would give again. Timeouts, memory
 * exhaustion, I/O failures and a file vanishing mid-read may not recur.
 */
const TRANSIENT: ReadonlySet<WorkbookProblemCode> = new Set<WorkbookProblemCode>([
  'workbook.timeout',
  'workbook.out-of-memory',
  'workbook.read-failed',
  'workbook.not-found',
]);

interface Entry {
  readonly path: string;
  readonly promise: Promise<WorkbookReadResult>;
  cells: number;
}

/**
 * Caches `read` results by path + size + mtime, LRU.
 *
 * `read(path)` stats the file first: no file → `{ ok: false, code: 'workbook.not-found' }`
 * without reading. Neither the given functions' rejections nor anything else make it
 * reject: a rejection becomes `workbook.read-failed`.
 */
export class CachedWorkbookReader {
  /** Insertion order is recency order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  /** The key currently cached for each path, so an edited file replaces its old entry. */
  private readonly keyByPath = new Map<string, string>();
  private readonly maxEntries: number;
  private readonly maxCells: number;
  private totalCells = 0;

  constructor(
    private readonly readFile: (path: string) => Promise<WorkbookReadResult>,
    private readonly statFile: (path: string) => Promise<CacheFileStat | undefined>,
    options: CachedWorkbookReaderOptions = {},
  ) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 32);
    this.maxCells = options.maxCells ?? 3_000_000;
  }

  /** The workbook at `path`, from the cache when the file is unchanged. Never rejects. */
  async read(path: string): Promise<WorkbookReadResult> {
    let stat: CacheFileStat | undefined;
    try {
      stat = await this.statFile(path);
    } catch {
      stat = undefined;
    }
    if (!stat) {
      this.forget(path);
      return { ok: false, code: 'workbook.not-found', detail: path };
    }
    const key = `${stat.size}:${stat.mtimeMs}:${path}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.promise;
    }
    this.forget(path);
    const entry: Entry = { path, promise: this.readSafely(path, key), cells: 0 };
    this.entries.set(key, entry);
    this.keyByPath.set(path, key);
    this.evict();
    return entry.promise;
  }

  private async readSafely(path: string, key: string): Promise<WorkbookReadResult> {
    let result: WorkbookReadResult;
    try {
      result = await this.readFile(path);
    } catch (err) {
      result = { ok: false, code: 'workbook.read-failed', detail: err instanceof Error ? err.message : String(err) };
    }
    const entry = this.entries.get(key);
    if (entry) {
      if (!result.ok && TRANSIENT.has(result.code)) {
        this.remove(key);
      } else if (result.ok) {
        let cells = 0;
        for (const sheet of result.sheets) for (const row of sheet.rows) cells += row.cells.length;
        entry.cells = cells;
        this.totalCells += cells;
        this.evict();
      }
    }
    return result;
  }

  private evict(): void {
    for (const [key] of this.entries) {
      if (this.entries.size <= 1) return;
      if (this.entries.size <= this.maxEntries && this.totalCells <= this.maxCells) return;
      this.remove(key);
    }
  }

  private forget(path: string): void {
    const key = this.keyByPath.get(path);
    if (key !== undefined) this.remove(key);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalCells -= entry.cells;
    if (this.keyByPath.get(entry.path) === key) this.keyByPath.delete(entry.path);
  }
}
