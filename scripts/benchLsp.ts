/**
 * Bench of the language server as an editor sees it: `dist/server.js --stdio` started as a
 * child process and driven over real LSP (the protocol tests' client). validationDelay is
 * 0, so the figures are the server's own work; the figure with the default debounce
 * (250 ms, `obecEvidence.validation.delay`) is the measured one plus that delay.
 *
 * - Cold start: from spawn to the first publishDiagnostics of the clean sample (process
 *   start, initialize, packs, workbook worker, three workbooks parsed), median of 5 fresh
 *   processes.
 * - Edits: 200 didChange to the sample manifest, alternating a declared figure between two
 *   values (every edit changes the content), each awaited until its publishDiagnostics;
 *   latency from didChange sent to publishDiagnostics received. Times in milliseconds.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LspClient, uriOf } from '../test/protocol/lspClient';

export interface LspBenchResult {
  readonly coldMedianMs: number;
  readonly coldMs: readonly number[];
  readonly editMedianMs: number;
  readonly editP95Ms: number;
  readonly edits: number;
}

/** The debounce the extension configures by default (package.json `obecEvidence.validation.delay`). */
const DEFAULT_DELAY = 250;

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export async function benchLsp(root = process.cwd(), edits = 200, colds = 5): Promise<LspBenchResult> {
  console.log('\n== language server over LSP (stdio, child process) ==');
  const server = path.join(root, 'dist', 'server.js');
  const manifest = path.join(root, 'samples/srinakhara-1/x2.evidence.yaml');
  const uri = uriOf(manifest);
  const text = readFileSync(manifest, 'utf8');
  const start = (): Promise<LspClient> => LspClient.start({ root, server, cwd: root, language: 'th', validationDelay: 0 });

  const coldMs: number[] = [];
  let warm: LspClient | undefined;
  for (let i = 0; i < colds; i++) {
    const client = await start();
    await client.open(uri, text);
    const p = await client.waitForDiagnostics(uri, () => true, 30_000);
    coldMs.push(p.at - client.spawnedAt);
    if (p.diagnostics.length !== 0) {
      await client.stop();
      throw new Error(`the sample office no longer checks clean over LSP (${p.diagnostics.length} diagnostics): fix that before benching`);
    }
    if (i === colds - 1) warm = client;
    else await client.stop();
  }

  const client = warm!;
  const values = ['schoolsAllAreas: 104', 'schoolsAllAreas: 105'];
  if (!text.includes(values[0]!)) throw new Error(`"${values[0]}" is not in ${manifest}`);
  const times: number[] = [];
  try {
    for (let i = 0; i < edits; i++) {
      // Odd edits declare 105 (a mismatch with X2.2's 104), even ones 104 (clean).
      const mismatch = i % 2 === 0;
      const next = text.replace(values[0]!, values[mismatch ? 1 : 0]!);
      const since = client.mark();
      const t0 = performance.now();
      await client.change(uri, undefined, next);
      const p = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'rubric.figure.mismatch') === mismatch, 10_000, since);
      times.push(p.at - t0);
    }
  } finally {
    await client.stop();
  }

  const cold = [...coldMs].sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const result: LspBenchResult = { coldMedianMs: quantile(cold, 0.5), coldMs, editMedianMs: quantile(times, 0.5), editP95Ms: quantile(times, 0.95), edits };
  const ok = (v: number, target: number): string => (v <= target ? 'ok' : 'OVER');
  console.log('sample office (samples/srinakhara-1/x2.evidence.yaml), dist/server.js --stdio, validationDelay 0');
  const label = (s: string): string => `  ${s}`.padEnd(62);
  console.log(
    `${label(`cold start, spawn → first publishDiagnostics (${colds} processes):`)}median ${result.coldMedianMs.toFixed(0)} ms ` +
      `(min ${cold[0]!.toFixed(0)}, max ${cold[cold.length - 1]!.toFixed(0)})  target ≤ 1000 ms: ${ok(result.coldMedianMs, 1000)}`,
  );
  console.log(
    `${label(`didChange → publishDiagnostics (${edits} edits):`)}median ${result.editMedianMs.toFixed(2)} ms, p95 ${result.editP95Ms.toFixed(2)} ms  ` +
      `target p95 ≤ 50 ms after the debounce: ${ok(result.editP95Ms, 50)}`,
  );
  console.log(
    `${label(`the same with the default ${DEFAULT_DELAY} ms debounce:`)}median ${(result.editMedianMs + DEFAULT_DELAY).toFixed(2)} ms, p95 ${(result.editP95Ms + DEFAULT_DELAY).toFixed(2)} ms`,
  );
  return result;
}
