/**
 * Reads workbooks in one worker thread, one at a time, with a time limit and a heap
 * limit, so a hostile or enormous file can neither block nor crash the process that
 * asked (the CLI, the language server).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  DEFAULT_WORKBOOK_LIMITS,
  type WorkbookLimits,
  type WorkbookProblemCode,
  type WorkbookReadResult,
} from '../engine/workbook/model';
import { decodeWorkbook } from './workbookTransfer';
import type { WorkbookRequest, WorkbookResponse, WorkbookWorkerData } from './workbookWorker';

export interface WorkbookPoolOptions {
  /**
   * Path of the bundled worker (`workbookWorker.js`). Default: next to this module when
   * bundled (`dist/`), else `<repo>/dist/workbookWorker.js` (running from sources).
   */
  readonly workerScript?: string;
  /** Reader limits, passed to the worker. Default {@link DEFAULT_WORKBOOK_LIMITS}. */
  readonly limits?: WorkbookLimits;
  /** Longest one read may take, ms, from being sent to the worker. Default 15000. */
  readonly timeoutMs?: number;
  /** The worker's old-generation heap limit, MB. Default 512. */
  readonly maxOldGenerationSizeMb?: number;
}

/** Per-read overrides. */
export interface WorkbookReadOptions {
  /** Time limit for this read only, ms. */
  readonly timeoutMs?: number;
}

interface Job {
  readonly path: string;
  readonly timeoutMs: number;
  readonly resolve: (result: WorkbookReadResult) => void;
  id: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * One lazily started worker thread reading workbooks in sequence.
 *
 * - `read` never rejects: every outcome is a {@link WorkbookReadResult}.
 * - A read taking longer than `timeoutMs` resolves `workbook.timeout`; the worker is
 *   terminated and a fresh one serves the next read.
 * - A worker dying during a read resolves `workbook.out-of-memory` (heap limit hit) or
 *   `workbook.read-failed` (any other crash), and is replaced for the next read.
 * - An idle pool does not keep the process alive; `dispose` stops the worker.
 */
export class WorkbookPool {
  private readonly limits: WorkbookLimits;
  private readonly timeoutMs: number;
  private readonly maxOldGenerationSizeMb: number;
  private readonly workerScriptOption: string | undefined;
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: Job | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(options: WorkbookPoolOptions = {}) {
    this.limits = options.limits ?? DEFAULT_WORKBOOK_LIMITS;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxOldGenerationSizeMb = options.maxOldGenerationSizeMb ?? 512;
    this.workerScriptOption = options.workerScript;
  }

  /**
   * Reads the workbook at `filePath` (absolute). Queued behind earlier reads; resolves
   * with the workbook or a failure (`workbook.not-found`, `too-large`, `timeout`,
   * `out-of-memory`, `read-failed`, or any reader code). Never rejects.
   */
  read(filePath: string, options: WorkbookReadOptions = {}): Promise<WorkbookReadResult> {
    if (this.disposed) {
      return Promise.resolve(failure('workbook.read-failed', 'the workbook pool has been disposed'));
    }
    return new Promise((resolve) => {
      this.queue.push({
        path: filePath,
        timeoutMs: options.timeoutMs ?? this.timeoutMs,
        resolve,
        id: 0,
        timer: undefined,
      });
      this.pump();
    });
  }

  /** Stops the worker; pending and queued reads resolve `workbook.read-failed`. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const pending = this.current ? [this.current, ...this.queue] : [...this.queue];
    this.queue.length = 0;
    this.current = undefined;
    for (const job of pending) {
      clearTimeout(job.timer);
      job.resolve(failure('workbook.read-failed', 'the workbook pool was disposed'));
    }
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate().catch(() => undefined);
  }

  private pump(): void {
    while (!this.current) {
      const job = this.queue.shift();
      if (!job) {
        // Idle: a waiting worker must not keep the process alive.
        this.worker?.unref();
        return;
      }
      const worker = this.ensureWorker();
      if (typeof worker === 'string') {
        job.resolve(failure('workbook.read-failed', worker));
        continue;
      }
      this.current = job;
      job.id = this.nextId++;
      worker.ref();
      job.timer = setTimeout(() => {
        if (this.current !== job) return;
        this.discardWorker();
        this.finish(job, failure('workbook.timeout', `no result within ${job.timeoutMs} ms; the reader was stopped`));
      }, job.timeoutMs);
      const request: WorkbookRequest = { id: job.id, path: job.path };
      try {
        worker.postMessage(request);
      } catch (err) {
        this.discardWorker();
        this.finish(job, failure('workbook.read-failed', `could not reach the workbook worker: ${String(err)}`));
      }
    }
  }

  private finish(job: Job, result: WorkbookReadResult): void {
    clearTimeout(job.timer);
    if (this.current === job) this.current = undefined;
    job.resolve(result);
    this.pump();
  }

  /** The running worker, starting one if needed; a message when none can be started. */
  private ensureWorker(): Worker | string {
    if (this.worker) return this.worker;
    const script = this.workerScriptOption ?? defaultWorkerScript();
    if (!script) {
      return `workbook worker script not found next to ${__dirname} or in dist/ (run \`npm run build\`)`;
    }
    let worker: Worker;
    try {
      const workerData: WorkbookWorkerData = { obecWorkbookWorker: true, limits: this.limits };
      worker = new Worker(script, {
        workerData,
        resourceLimits: { maxOldGenerationSizeMb: this.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 64 },
      });
    } catch (err) {
      return `could not start the workbook worker (${script}): ${err instanceof Error ? err.message : String(err)}`;
    }
    worker.on('message', (msg: WorkbookResponse) => {
      const job = this.current;
      if (this.worker !== worker || !job || msg?.id !== job.id) return;
      if (!msg.result) {
        this.finish(job, failure('workbook.read-failed', 'empty answer from the workbook worker'));
        return;
      }
      let result: WorkbookReadResult;
      try {
        result = decodeWorkbook(msg.result);
      } catch (err) {
        result = failure('workbook.read-failed', `could not decode the worker's answer: ${err instanceof Error ? err.message : String(err)}`);
      }
      this.finish(job, result);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.discardWorker();
      const job = this.current;
      if (!job) return;
      this.finish(
        job,
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failure('workbook.out-of-memory', `the reader ran out of memory (heap limit ${this.maxOldGenerationSizeMb} MB)`)
          : failure('workbook.read-failed', `the workbook worker failed: ${err.message}`),
      );
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const job = this.current;
      if (job) this.finish(job, failure('workbook.read-failed', `the workbook worker exited (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  /** Forgets the current worker and stops it; the next read starts a fresh one. */
  private discardWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      worker.unref();
      worker.terminate().catch(() => undefined);
    }
  }
}

function failure(code: WorkbookProblemCode, detail: string): WorkbookReadResult {
  return { ok: false, code, detail };
}

/**
 * Where the bundled worker is: beside this code when it is itself bundled (`dist/cli.js`
 * → `dist/workbookWorker.js`), else in the repository's `dist/` (this file run from
 * sources, `server/src/node/`, as the tests do after a build).
 */
export function defaultWorkerScript(): string | undefined {
  const candidates = [
    path.join(__dirname, 'workbookWorker.js'),
    path.resolve(__dirname, '../../../dist/workbookWorker.js'),
  ];
  return candidates.find((p) => existsSync(p));
}
