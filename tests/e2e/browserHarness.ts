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
 * One Chromium per test worker (vitest runs a worker's files one after another, sharing modules):
 * launching it costs a second or more, and each file's pages live in their own contexts anyway.
 */
let workerBrowser: Promise<Browser> | undefined;

function sharedChromium(): Promise<Browser> {
  workerBrowser ??= launchChromium().then((browser) => {
    // A crashed browser is replaced for the next file instead of failing every file after it.
    browser.on('disconnected', () => {
      workerBrowser = undefined;
    });
    return browser;
  });
  return workerBrowser;
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
    if (options.launch !== false) browser = await sharedChromium();
  });
  afterAll(async () => {
    // Every page this file opened goes with its context, so none keeps reconnecting to a host
    // that is gone while the next file runs.
    await Promise.all(browser?.contexts().map((context) => context.close()) ?? []);
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
