/**
 * NodeHost's cache of file heads (the bytes that tell a PDF from a renamed ZIP): read once
 * per size and mtime seen by `stat`, read again when the file changes.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeHost } from '../../server/src/node/nodeHost';

describe('NodeHost: file heads', () => {
  let dir: string;
  let host: NodeHost;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'obec-host-'));
    host = new NodeHost();
  });
  afterEach(async () => {
    await host.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a file rewritten with other content (same size, new mtime) is read again after its stat', async () => {
    const f = path.join(dir, 'evidence.pdf');
    writeFileSync(f, '%PDF-1.4\n');
    await host.stat(f);
    assert.equal(Buffer.from((await host.readHead(f, 4))!).toString(), '%PDF');
    writeFileSync(f, 'PK\u0003\u0004 zip\n'.slice(0, 9));
    utimesSync(f, new Date(), new Date(Date.now() + 5_000));
    await host.stat(f);
    assert.equal(Buffer.from((await host.readHead(f, 4))!).toString('latin1'), 'PK\u0003\u0004');
  });

  it('a file that disappears has no head, and no stale one after it comes back changed', async () => {
    const f = path.join(dir, 'a.png');
    writeFileSync(f, '\u0089PNG....');
    await host.stat(f);
    await host.readHead(f, 4);
    rmSync(f);
    assert.equal(await host.stat(f), undefined);
    assert.equal(await host.readHead(f, 4), undefined);
    writeFileSync(f, '%PDF-1.7 x');
    await host.stat(f);
    assert.equal(Buffer.from((await host.readHead(f, 4))!).toString(), '%PDF');
  });
});
