import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../helpers/host';

/** The screenshot files run only when asked: `NAVI_SCREENSHOTS=1 npx vitest run tests/e2e/<file>`. */
export const screenshotsEnabled = process.env.NAVI_SCREENSHOTS === '1';

const outDir = join(projectRoot, 'docs', 'screenshots');

/** Writes `docs/screenshots/<name>-light.png` and `<name>-dark.png` of the page as it is. */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // The scheme's colour transitions run out, then one more frame is painted: no fixed wait.
    // Endless ones (a progress indicator) never finish: not waited for.
    await page.evaluate(`(async () => {
      const ending = document.getAnimations().filter((animation) => animation.effect?.getTiming().iterations !== Infinity);
      await Promise.all(ending.map((animation) => animation.finished.catch(() => undefined)));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    })()`);
    await page.screenshot({ path: join(outDir, `${name}-${scheme}.png`) });
  }
}
