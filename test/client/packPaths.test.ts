/** Resolution of `obecEvidence.schemaPacks` entries to absolute folders (POSIX paths). */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { resolvePackFolder } from '../../client/src/packPaths';

describe('client: schema pack folders', function () {
  if (path.sep !== '/') return; // the expectations below are POSIX paths
  const ws = '/work/office';
  const home = '/home/officer';

  it('resolves relative paths against the workspace folder', () => {
    assert.equal(resolvePackFolder('team-packs', ws, home), '/work/office/team-packs');
    assert.equal(resolvePackFolder('./packs/2568/', ws, home), '/work/office/packs/2568');
    assert.equal(resolvePackFolder('../shared/packs', ws, home), '/work/shared/packs');
  });

  it('expands ${workspaceFolder} and ~, and keeps absolute paths', () => {
    assert.equal(resolvePackFolder('${workspaceFolder}/packs', ws, home), '/work/office/packs');
    assert.equal(resolvePackFolder('~/obec/packs', ws, home), '/home/officer/obec/packs');
    assert.equal(resolvePackFolder('~', undefined, home), '/home/officer');
    assert.equal(resolvePackFolder(' /srv/packs/ ', undefined, home), '/srv/packs');
  });

  it('drops what cannot be placed: blanks, and relative paths without a workspace folder', () => {
    assert.equal(resolvePackFolder('  ', ws, home), undefined);
    assert.equal(resolvePackFolder('packs', undefined, home), undefined);
    assert.equal(resolvePackFolder('${workspaceFolder}/packs', undefined, home), undefined);
  });
});
