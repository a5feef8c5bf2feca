/**
 * Entry of the in-editor suite, as @vscode/test-electron expects (`extensionTestsPath`
 * exports `run`): runs the mocha scenarios inside the extension host and rejects when a
 * test fails. With OBEC_VSCODE_RESULTS set (the code-server runner extension does), it
 * also writes {passed, failed, failures[]} there as JSON.
 *
 * Built by scripts/e2e/buildVscodeSuite.mjs into out/vscode-test/suite/index.js: one
 * bundle, `vscode` and `mocha` external. The scenarios are required inside `run`, after
 * mocha has put `describe`/`it` on the global object.
 */
import * as fs from 'node:fs';
import Mocha from 'mocha';

export interface SuiteResult {
  readonly passed: number;
  readonly failed: number;
  readonly tests: readonly { readonly title: string; readonly state: 'passed' | 'failed'; readonly ms: number; readonly error?: string }[];
}

export function run(): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'scenarios.vscode.ts', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./scenarios.vscode');
  const tests: { title: string; state: 'passed' | 'failed'; ms: number; error?: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const result: SuiteResult = { passed: tests.filter((t) => t.state === 'passed').length, failed: failures, tests };
      const file = process.env['OBEC_VSCODE_RESULTS'];
      if (file) fs.writeFileSync(file, JSON.stringify(result, null, 2));
      if (failures > 0) reject(new Error(`${failures} in-editor test(s) failed`));
      else resolve(result);
    });
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', ms: t.duration ?? 0 }));
    runner.on('fail', (t, err: Error) => tests.push({ title: t.fullTitle(), state: 'failed', ms: t.duration ?? 0, error: err.stack ?? err.message }));
  });
}
