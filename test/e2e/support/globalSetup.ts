/**
 * Mocha root hooks for the end-to-end suite (`test/e2e/.mocharc.json` requires this file):
 * fresh screenshot folder, code-server installed (or found in the cache) before any test.
 */
import * as fs from 'node:fs';
import { codeServerLauncher, RESULTS, VSIX } from './codeServer';

export const mochaHooks = {
  beforeAll(this: Mocha.Context): void {
    this.timeout(30 * 60_000); // a first install builds native modules: minutes
    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    const started = Date.now();
    const bin = codeServerLauncher();
    console.log(`  code-server: ${bin} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: \`npm run test:e2e\` packages it first (npm run package).`);
    console.log(`  extension: ${VSIX} (${new Date(fs.statSync(VSIX).mtimeMs).toISOString()})`);
    console.log(`  screenshots: ${RESULTS}`);
  },
};
