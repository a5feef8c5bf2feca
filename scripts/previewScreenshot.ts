/**
 * Writes `docs/preview.png`, the README's picture of the score preview: the clean sample
 * office in the panel, light theme, rendered by the same page and bundle as the tests
 * (`npm run docs:screenshot`, after a change to the view). Kept out of the test run so
 * that CI never rewrites a committed file.
 */
import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { launchChromium, PreviewPage, ROOT, SAMPLES, SamplePayloads } from '../test/preview/harness';

/** GitHub shows it inline; a larger file would weigh on every clone. */
const MAX_BYTES = 300 * 1024;

async function main(): Promise<void> {
  const out = path.join(ROOT, 'docs', 'preview.png');
  mkdirSync(path.dirname(out), { recursive: true });
  const payloads = new SamplePayloads();
  const browser = await launchChromium();
  try {
    const page = await PreviewPage.open(browser, await payloads.payload(SAMPLES.clean), { theme: 'light', viewport: { width: 860, height: 1040 } });
    try {
      await page.page.screenshot({ path: out });
    } finally {
      await page.close();
    }
  } finally {
    await browser.close();
    await payloads.dispose();
  }
  const size = statSync(out).size;
  if (size > MAX_BYTES) throw new Error(`${out} is ${Math.round(size / 1024)} KB (limit ${MAX_BYTES / 1024} KB): make the viewport smaller`);
  console.log(`${path.relative(process.cwd(), out)} (${Math.round(size / 1024)} KB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
