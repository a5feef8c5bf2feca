/**
 * Every user-visible string of the extension exists in English and Thai: each `%key%` of
 * package.json in both package.nls files, and each `vscode.l10n.t('…')` source string of
 * client/src (and its subfolders) in l10n/bundle.l10n.th.json (and no stale translations left behind).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

/** The first argument of every `l10n.t(...)` call: single-quoted literals only, which the sources keep to. */
function runtimeStrings(): Set<string> {
  const dir = path.join(root, 'client', 'src');
  const found = new Set<string>();
  // Feature folders (client/src/preview/…) included.
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    assert.doesNotMatch(text, /l10n\.t\(\s*[^'\s]/, `${file}: l10n.t must be called with a string literal`);
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) found.add(m[1]!.replace(/\\(.)/g, '$1'));
  }
  return found;
}

describe('client: localisation', () => {
  it('has an English and a Thai text for every %key% in package.json', () => {
    const keys = new Set([...readFileSync(path.join(root, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
    const en = readJson('package.nls.json');
    const th = readJson('package.nls.th.json');
    assert.deepEqual(Object.keys(en).sort(), [...keys].sort(), 'package.nls.json keys = the %keys% of package.json');
    assert.deepEqual(Object.keys(th).sort(), [...keys].sort(), 'package.nls.th.json keys = the %keys% of package.json');
    for (const [key, value] of Object.entries(th)) assert.ok(typeof value === 'string' && value !== en[key], `Thai text for ${key}`);
  });

  it('has a Thai translation for every runtime string, with the same placeholders', () => {
    const sources = runtimeStrings();
    const th = readJson('l10n/bundle.l10n.th.json');
    assert.deepEqual(Object.keys(th).sort(), [...sources].sort());
    const placeholders = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    for (const source of sources) assert.deepEqual(placeholders(th[source] as string), placeholders(source), source);
  });
});
