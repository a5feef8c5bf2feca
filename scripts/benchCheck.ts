/**
 * Bench of the whole check on the sample office: cold (new engine and host: pack parsing,
 * worker start, three workbooks parsed) and warm (the same manifest re-checked with the
 * workbooks cached, as the language server does on every edit). Times in milliseconds.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEvidenceEngine } from '../server/src/engine/index';
import { NodeHost, readPackSources } from '../server/src/node/nodeHost';

export interface CheckBenchResult {
  readonly coldMs: number;
  readonly warmMedianMs: number;
  readonly warmP95Ms: number;
  readonly runs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export async function benchCheck(root = process.cwd(), runs = 100): Promise<CheckBenchResult> {
  const manifest = path.join(root, 'samples/srinakhara-1/x2.evidence.yaml');
  const text = readFileSync(manifest, 'utf8');
  const schemas = path.join(root, 'schemas');

  const t0 = performance.now();
  const host = new NodeHost({ workerScript: path.join(root, 'dist/workbookWorker.js') });
  const engine = createEvidenceEngine(host, { packs: readPackSources([schemas]) });
  const first = await engine.checkManifest(manifest, text, { workspaceRoot: root });
  const coldMs = performance.now() - t0;
  if (first.findings.length !== 0 || first.score?.rounds[0]?.level !== 4) {
    throw new Error(`the sample office no longer checks clean (${first.findings.length} findings): fix that before benching`);
  }

  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await engine.checkManifest(manifest, text, { workspaceRoot: root });
    times.push(performance.now() - t);
  }
  // The same office's PMQA self-assessment: no workbooks, 75 evidence files, 26 sub-items.
  const pmqaManifest = path.join(root, 'samples/srinakhara-1/pmqa.evidence.yaml');
  const pmqaText = readFileSync(pmqaManifest, 'utf8');
  const pmqaFirst = await engine.checkManifest(pmqaManifest, pmqaText, { workspaceRoot: root });
  if (pmqaFirst.findings.length !== 0 || pmqaFirst.maturity?.total !== 402.08) {
    throw new Error(`the sample PMQA self-assessment no longer checks clean at 402.08 (${pmqaFirst.findings.length} findings): fix that before benching`);
  }
  const pmqaTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await engine.checkManifest(pmqaManifest, pmqaText, { workspaceRoot: root });
    pmqaTimes.push(performance.now() - t);
  }
  await host.dispose();
  times.sort((a, b) => a - b);
  pmqaTimes.sort((a, b) => a - b);
  const result = { coldMs, warmMedianMs: quantile(times, 0.5), warmP95Ms: quantile(times, 0.95), runs };
  console.log('sample office (samples/srinakhara-1/x2.evidence.yaml, 3 workbooks, 112 schools)');
  console.log(`  cold check (engine + worker start + 3 workbooks): ${coldMs.toFixed(1)} ms`);
  console.log(`  warm re-check, workbooks cached, ${runs} runs:    median ${result.warmMedianMs.toFixed(2)} ms, p95 ${result.warmP95Ms.toFixed(2)} ms  (target ≤ 10 ms median)`);
  console.log(`  PMQA self-assessment (pmqa.evidence.yaml, 75 evidence files), ${runs} runs: median ${quantile(pmqaTimes, 0.5).toFixed(2)} ms, p95 ${quantile(pmqaTimes, 0.95).toFixed(2)} ms`);
  return result;
}
