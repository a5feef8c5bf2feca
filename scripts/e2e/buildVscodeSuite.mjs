// Bundles the in-editor suite (test/vscode/suite → out/vscode-test/suite/index.js) and the
// @vscode/test-electron runner (test/vscode/runTest.ts → out/vscode-test/runTest.js).
// `vscode` comes from the extension host; mocha and @vscode/test-electron stay in
// node_modules (out/ is inside the repository, so Node finds them from there).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['test/vscode/suite/index.ts'], outfile: 'out/vscode-test/suite/index.js', external: ['vscode', 'mocha'] }),
  build({ ...common, entryPoints: ['test/vscode/runTest.ts'], outfile: 'out/vscode-test/runTest.js', external: ['@vscode/test-electron'] }),
]);
