import { promises as fs, existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { EngineHost, FileStat } from '../engine/host';
import type { PackSource } from '../engine/index';
import type { WorkbookReadResult } from '../engine/workbook/model';
import { CachedWorkbookReader } from './workbookCache';
import { WorkbookPool, type WorkbookPoolOptions } from './workbookPool';

/**
 * The engine's host on Node: real files, workbooks parsed in a worker thread with time and
 * memory limits (`WorkbookPool`), cached by path, size and mtime (`CachedWorkbookReader`).
 * Call `dispose()` when done so the worker stops.
 */
export class NodeHost implements EngineHost {
  private readonly pool: WorkbookPool;
  private readonly cache: CachedWorkbookReader;
  /**
   * The first bytes of files, by path, with the size and mtime of the `stat` they were read
   * after: the engine always stats a file before reading its head, so a changed file (new
   * size or mtime) is read again, and an unchanged one costs no open/read/close.
   */
  private readonly heads = new Map<string, { size: number; mtimeMs: number; length: number; head: Uint8Array }>();
  private readonly lastStat = new Map<string, { size: number; mtimeMs: number }>();

  constructor(options: WorkbookPoolOptions = {}) {
    this.pool = new WorkbookPool(options);
    this.cache = new CachedWorkbookReader(
      (p) => this.pool.read(p),
      async (p) => {
        const st = await this.stat(p);
        return st && st.isFile ? { size: st.size, mtimeMs: st.mtimeMs } : undefined;
      },
    );
  }

  async stat(p: string): Promise<FileStat | undefined> {
    try {
      const st = await fs.stat(p);
      this.lastStat.set(p, { size: st.size, mtimeMs: st.mtimeMs });
      return { isFile: st.isFile(), isDirectory: st.isDirectory(), size: st.size, mtimeMs: st.mtimeMs };
    } catch {
      this.lastStat.delete(p);
      this.heads.delete(p);
      return undefined;
    }
  }

  async realpath(p: string): Promise<string | undefined> {
    try {
      return await fs.realpath(p);
    } catch {
      return undefined;
    }
  }

  async readHead(p: string, length: number): Promise<Uint8Array | undefined> {
    const seen = this.lastStat.get(p);
    const cached = this.heads.get(p);
    if (seen && cached && cached.size === seen.size && cached.mtimeMs === seen.mtimeMs && cached.length === length) return cached.head;
    let fh: fs.FileHandle | undefined;
    try {
      fh = await fs.open(p, 'r');
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, 0);
      const head = buf.subarray(0, bytesRead);
      if (seen) {
        if (this.heads.size >= 10_000) this.heads.clear(); // bounded: a workspace's evidence, not a disk
        this.heads.set(p, { size: seen.size, mtimeMs: seen.mtimeMs, length, head });
      }
      return head;
    } catch {
      return undefined;
    } finally {
      await fh?.close().catch(() => undefined);
    }
  }

  readWorkbook(p: string): Promise<WorkbookReadResult> {
    return this.cache.read(p);
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }
}

/**
 * The folder of the bundled schema packs: `schemas/` next to `dist/` (installed package)
 * or at the repository root (running from sources).
 */
export function defaultSchemasDir(): string {
  const candidates = [path.resolve(__dirname, '..', 'schemas'), path.resolve(__dirname, '..', '..', '..', 'schemas')];
  return candidates.find((c) => existsSync(path.join(c, 'obec-x2.pack.yaml'))) ?? candidates[0]!;
}

/** Reads every `*.pack.yaml` in the given folders (missing folders are skipped). */
export function readPackSources(dirs: readonly string[]): PackSource[] {
  const out: PackSource[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.pack.yaml')).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  }
  return out;
}
