import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { createEvidenceEngine } from '../../server/src/engine/index';
import { NodeHost, readPackSources } from '../../server/src/node/nodeHost';

const ROOT = path.resolve(__dirname, '../..');

describe('warm re-checks (workbooks and extracted tables cached)', () => {
  let host: NodeHost;
  before(() => {
    if (!existsSync(path.join(ROOT, 'dist/workbookWorker.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    host = new NodeHost({ workerScript: path.join(ROOT, 'dist/workbookWorker.js') });
  });
  after(() => host.dispose());

  it('a second check of the same manifest reports the same workbook findings and levels', async () => {
    const engine = createEvidenceEngine(host, { packs: readPackSources([path.join(ROOT, 'schemas')]) });
    const manifest = path.join(ROOT, 'samples/broken/school-codes/x2.evidence.yaml');
    const text = readFileSync(manifest, 'utf8');
    const summary = (r: Awaited<ReturnType<typeof engine.checkManifest>>) => ({
      findings: r.findings.map((f) => `${f.code}@${f.location.kind === 'cell' ? f.location.cell : f.location.range.start.line}`),
      levels: r.score?.rounds.map((x) => x.level),
    });
    const first = summary(await engine.checkManifest(manifest, text, { workspaceRoot: ROOT }));
    const second = summary(await engine.checkManifest(manifest, text, { workspaceRoot: ROOT }));
    assert.ok(first.findings.includes('table.school-code.duplicate@B10'), first.findings.join(', '));
    assert.deepEqual(second, first);
  });
});
