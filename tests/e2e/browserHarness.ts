import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { useTempDirs } from '../helpers/tempDir';

/** One Chromium for a test file, fresh data directories, and clean-ups that run after each test. */
export interface BrowserHarness {
  /** The file's Chromium (launched before its tests). */
  readonly browser: Browser;
  /** A fresh directory, removed after the current test. */
  tempDir(): string;
  /** Runs after the current test; the last one added runs first. */
  afterTest(cleanup: () => Promise<void>): void;
}

/**
 * Registers the hooks of a browser test file. With `launch: false` (screenshot files that are
 * not asked for) no Chromium is started.
 */
export function useBrowserHarness(options: { launch?: boolean } = {}): BrowserHarness {
  const tempDir = useTempDirs();
  let browser: Browser | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    if (options.launch !== false) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  return {
    get browser(): Browser {
      if (!browser) throw new Error('Chromium was not launched for this file');
      return browser;
    },
    tempDir,
    afterTest: (cleanup) => {
      cleanups.push(cleanup);
    },
  };
}

/** Records a page's uncaught errors and console errors in `errors`. */
export function collectPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
}
