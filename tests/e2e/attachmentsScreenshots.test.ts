import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { makePdf } from '../fixtures/attachmentFiles';
import { reply, startOpenAiFixture } from '../fixtures';
import { startTestHost } from '../helpers/host';
import { useBrowserHarness } from './browserHarness';
import { screenshotsEnabled, shoot } from './docScreenshots';

/**
 * Screenshots of attachments (docs/screenshots/attachments-*.png, light and dark, wide and narrow).
 * Runs only when asked: `NAVI_SCREENSHOTS=1 npx vitest run tests/e2e/attachmentsScreenshots.test.ts`.
 */
const harness = useBrowserHarness({ launch: screenshotsEnabled, fullChromium: true });

/** A picture worth looking at: a diagonal gradient with a few bands. */
function gradientPng(width: number, height: number, hue: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height);
      const band = Math.floor((x / width) * 6) % 2 === 0 ? 1 : 0.85;
      const offset = (y * width + x) * 4;
      png.data[offset] = Math.round((120 + 120 * Math.sin(hue + t * 3)) * band);
      png.data[offset + 1] = Math.round((110 + 100 * Math.sin(hue + 2 + t * 2)) * band);
      png.data[offset + 2] = Math.round((150 + 100 * Math.cos(hue + t * 4)) * band);
      png.data[offset + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

async function choose(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Attach files' }).click(),
  ]);
  await chooser.setFiles(files);
}

describe.runIf(screenshotsEnabled)('attachment screenshots', { timeout: 120_000 }, () => {
  it('a message with images, a PDF and a CSV; chips in the composer; the viewers', async () => {
    const fixture = await startOpenAiFixture();
    harness.afterTest(() => fixture.close());
    fixture.setDefaultReply(
      reply.text(
        'The chart shows sales rising through the quarter, which matches the report: revenue is up 12 percent, and the CSV agrees (pears sold best).',
      ),
    );
    const running = await startTestHost(harness.tempDir(), {
      env: { OPENAI_BASE_URL: fixture.baseURL, NAVI_MODEL: 'fixture-model' },
    });
    harness.afterTest(() => running.close());
    const page = await harness.browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.setDefaultTimeout(30_000);
    await page.goto(running.host.url);

    await choose(page, [
      { name: 'sales-chart.png', mimeType: 'image/png', buffer: gradientPng(640, 400, 0.4) },
      { name: 'whiteboard.png', mimeType: 'image/png', buffer: gradientPng(400, 500, 2.2) },
      {
        name: 'Q3 report.pdf',
        mimeType: 'application/pdf',
        buffer: makePdf(['Quarterly report', 'Revenue is up 12 percent', 'Outlook: steady']),
      },
      { name: 'fruit.csv', mimeType: 'text/csv', buffer: Buffer.from('name,count\napples,3\npears,5\nplums,2\n') },
    ]);
    await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('Does the chart agree with the report and the CSV?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('article', { name: 'Navi' }).getByText('pears sold best').waitFor();
    await page.getByRole('img', { name: 'whiteboard.png' }).waitFor();

    // The next message's draft: an image ready, a text file ready, and one refused.
    await choose(page, [
      { name: 'screenshot.png', mimeType: 'image/png', buffer: gradientPng(300, 200, 4) },
      { name: 'server.log', mimeType: 'text/plain', buffer: Buffer.from('started\nlistening on 8080\n') },
      { name: 'backup.zip', mimeType: 'application/zip', buffer: Buffer.from('504b0304140000000800', 'hex') },
    ]);
    await page.getByText('“backup.zip” is a ZIP file').waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('And this one?');
    await shoot(page, 'attachments');
    await page.setViewportSize({ width: 640, height: 800 });
    await shoot(page, 'attachments-narrow');
    await page.setViewportSize({ width: 1200, height: 800 });

    await page.getByRole('button', { name: 'Open sales-chart.png' }).click();
    await page.getByRole('dialog', { name: 'sales-chart.png' }).waitFor();
    await shoot(page, 'attachments-viewer');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Show the text of Q3 report.pdf' }).click();
    await page.getByLabel('Text of Q3 report.pdf', { exact: true }).waitFor();
    await shoot(page, 'attachments-text');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 640, height: 800 });
    await page.getByRole('button', { name: 'Show the text of Q3 report.pdf' }).click();
    await page.getByLabel('Text of Q3 report.pdf', { exact: true }).waitFor();
    await shoot(page, 'attachments-text-narrow');
  });
});
