// Test-only extension (see package.json): on startup, when OBEC_E2E_SUITE names the bundle
// of the in-editor suite (out/vscode-test/suite/index.js), runs it in this extension host;
// the suite writes its results to OBEC_VSCODE_RESULTS. A crash before the suite could
// write is recorded there too, so the Playwright side never waits for nothing.
const fs = require('fs');

exports.activate = function activate() {
  const suite = process.env.OBEC_E2E_SUITE;
  const results = process.env.OBEC_VSCODE_RESULTS;
  if (!suite || !results) return;
  setTimeout(() => {
    Promise.resolve()
      .then(() => require(suite).run())
      .catch((error) => {
        if (!fs.existsSync(results)) {
          fs.writeFileSync(results, JSON.stringify({ passed: 0, failed: 1, tests: [{ title: 'in-editor suite', state: 'failed', ms: 0, error: String((error && error.stack) || error) }] }));
        }
      });
  }, 0);
};

exports.deactivate = function deactivate() {};
