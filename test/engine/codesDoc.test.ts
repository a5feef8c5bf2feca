import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { diagnosticsMarkdown } from '../../server/src/engine/codesDoc';
import { MESSAGES } from '../../server/src/engine/messages';

describe('docs/diagnostics.md', () => {
  it('is what `obec-evidence codes` generates from the message catalogue (regenerate it when a code changes)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../docs/diagnostics.md'), 'utf8');
    assert.equal(committed, diagnosticsMarkdown(), 'run: node dist/cli.js codes -o docs/diagnostics.md');
  });

  it('documents every code under an anchor of its own name', () => {
    const md = diagnosticsMarkdown();
    for (const code of Object.keys(MESSAGES)) assert.ok(md.includes(`<a id="${code}"></a>`), code);
  });
});
