import type { WorkbookReadResult } from './workbook/model';

/**
 * What the engine needs from its surroundings. The CLI and the language server give a
 * Node implementation (`server/src/node/nodeHost.ts`: real files, a worker thread for
 * workbooks, a cache); tests may give an in-memory one. Paths are absolute file-system
 * paths. No method throws: absence is `undefined`, failure is a result value.
 */
export interface EngineHost {
  /** File facts, or undefined when nothing is at `path`. Follows symlinks. */
  stat(path: string): Promise<FileStat | undefined>;
  /** The canonical path (symlinks resolved), or undefined when it does not exist. */
  realpath(path: string): Promise<string | undefined>;
  /** The first `length` bytes of a file (for magic-number checks), or undefined. */
  readHead(path: string, length: number): Promise<Uint8Array | undefined>;
  /** Reads and parses a workbook, within the host's limits; cached by path, size and mtime. */
  readWorkbook(path: string): Promise<WorkbookReadResult>;
}

export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  /** Size in bytes. */
  readonly size: number;
  /** Modification time, ms since the epoch. */
  readonly mtimeMs: number;
}
