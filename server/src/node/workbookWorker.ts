/**
 * Worker-thread entry for reading workbooks off the main thread (see {@link WorkbookPool}).
 *
 * Protocol: the parent posts {@link WorkbookRequest}s one at a time; the worker answers
 * each with a {@link WorkbookResponse} carrying the same id. Workbooks cross the thread
 * boundary in the compact column form of `workbookTransfer.ts` (typed arrays moved, not
 * copied); failures as they are. The worker never lets an exception
 * escape a request: anything unexpected becomes `workbook.read-failed`.
 *
 * Started with `workerData: { obecWorkbookWorker: true, limits }`; the marker keeps an
 * accidental import of this module in some other worker from installing the handler.
 */
import { readFileSync, statSync } from 'node:fs';
import { encodeWorkbook, type TransferResult } from './workbookTransfer';
import { parentPort, workerData } from 'node:worker_threads';
import {
  DEFAULT_WORKBOOK_LIMITS,
  type WorkbookLimits,
  type WorkbookReadResult,
} from '../engine/workbook/model';
import { readXlsx } from '../engine/workbook/xlsxReader';

/** A request from the pool: read the workbook at an absolute `path`. */
export interface WorkbookRequest {
  readonly id: number;
  readonly path: string;
}

/** The worker's answer to the request with the same `id`. */
export interface WorkbookResponse {
  readonly id: number;
  readonly result: TransferResult;
}

/** What the pool passes as `workerData`. */
export interface WorkbookWorkerData {
  readonly obecWorkbookWorker: true;
  readonly limits?: WorkbookLimits;
}

/**
 * Reads and parses the workbook file at `path` synchronously. The size is checked with
 * stat before reading, so an oversized file costs no memory. Missing path →
 * `workbook.not-found`; a directory or an I/O error → `workbook.read-failed`; otherwise
 * whatever {@link readXlsx} returns. Never throws.
 */
export function readWorkbookFile(path: string, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): WorkbookReadResult {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return { ok: false, code: 'workbook.not-found', detail: path };
    if (!stat.isFile()) return { ok: false, code: 'workbook.read-failed', detail: `${path} is not a file` };
    if (stat.size > limits.maxFileBytes) {
      return {
        ok: false,
        code: 'workbook.too-large',
        detail: `file is ${stat.size} bytes; the limit is ${limits.maxFileBytes}`,
      };
    }
    return readXlsx(readFileSync(path), limits);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, code: 'workbook.not-found', detail: path };
    return { ok: false, code: 'workbook.read-failed', detail: err instanceof Error ? err.message : String(err) };
  }
}

function isRequest(msg: unknown): msg is WorkbookRequest {
  const m = msg as Partial<WorkbookRequest> | null;
  return typeof m === 'object' && m !== null && typeof m.id === 'number' && typeof m.path === 'string';
}

const data = workerData as Partial<WorkbookWorkerData> | undefined;
if (parentPort && data?.obecWorkbookWorker === true) {
  const port = parentPort;
  const limits = data.limits ?? DEFAULT_WORKBOOK_LIMITS;
  port.on('message', (msg: unknown) => {
    if (!isRequest(msg)) return;
    let response: WorkbookResponse;
    let transfer: ArrayBuffer[] = [];
    try {
      const encoded = encodeWorkbook(readWorkbookFile(msg.path, limits));
      response = { id: msg.id, result: encoded.message };
      transfer = encoded.transfer;
    } catch (err) {
      response = { id: msg.id, result: { ok: false, code: 'workbook.read-failed', detail: String(err) } };
    }
    try {
      port.postMessage(response, transfer);
    } catch (err) {
      // Only a result that cannot be cloned gets here; the pool must still hear back.
      port.postMessage({
        id: msg.id,
        result: { ok: false, code: 'workbook.read-failed', detail: `result not transferable: ${String(err)}` },
      } satisfies WorkbookResponse);
    }
  });
}
