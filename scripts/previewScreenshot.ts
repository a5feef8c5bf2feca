/**
 * Writes `docs/preview.png` and `docs/preview-pmqa.png`, the README's pictures of the score
 * preview: the clean sample office's X2 manifest and its PMQA self-assessment in the panel, light theme, rendered by the same page and bundle as the tests
 * (`npm run docs:screenshot`, after a change to the view). Kept out of the test run so
 * that CI never rewrites a committed file.
 */
import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { launchChromium, PreviewPage, ROOT, SAMPLES, SamplePayloads } from '../test/preview/harness';

/** GitHub shows it inline; a larger file would weigh on every clone. */
const MAX_BYTES = 300 * 1024;

const SHOTS: readonly { readonly manifest: string; readonly out: string; readonly height: number }[] = [
  { manifest: SAMPLES.clean, out: 'preview.png', height: 1040 },
  { manifest: 'samples/srinakhara-1/pmqa.evidence.yaml', out: 'preview-pmqa.png', height: 900 },
];

async function main(): Promise<void> {
  const payloads = new SamplePayloads();
  const browser = await launchChromium();
  try {
    for (const shot of SHOTS) {
      const out = path.join(ROOT, 'docs', shot.out);
      mkdirSync(path.dirname(out), { recursive: true });
      const page = await PreviewPage.open(browser, await payloads.payload(shot.manifest), { theme: 'light', viewport: { width: 860, height: shot.height } });
      try {
        await page.page.screenshot({ path: out });
      } finally {
        await page.close();
      }
      const size = statSync(out).size;
      if (size > MAX_BYTES) throw new Error(`${out} is ${Math.round(size / 1024)} KB (limit ${MAX_BYTES / 1024} KB): make the viewport smaller`);
      console.log(`${path.relative(process.cwd(), out)} (${Math.round(size / 1024)} KB)`);
    }
  } finally {
    await browser.close();
    await payloads.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
