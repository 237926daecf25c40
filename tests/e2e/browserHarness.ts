import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium, launchTestChromium } from '../helpers/browser';
import { useTempDirs } from '../helpers/tempDir';

/** One Chromium for a test file, fresh data directories, and clean-ups that run after each test. */
export interface BrowserHarness {
  /** The file's Chromium (launched before its tests): the headless shell unless `fullChromium`. */
  readonly browser: Browser;
  /** The worker's full Chromium, launched on first use: for a test whose pages notify. */
  fullChromium(): Promise<Browser>;
  /** A fresh directory, removed after the current test. */
  tempDir(): string;
  /** Runs after the current test; the last one added runs first. */
  afterTest(cleanup: () => Promise<void>): void;
}

/**
 * One Chromium of each kind per test worker (vitest runs a worker's files one after another,
 * sharing modules): launching it costs a second or more, and each file's pages live in their own
 * contexts anyway.
 */
const workerBrowsers = new Map<'shell' | 'full', Promise<Browser>>();

function sharedChromium(kind: 'shell' | 'full'): Promise<Browser> {
  let browser = workerBrowsers.get(kind);
  if (!browser) {
    browser = (kind === 'full' ? launchChromium() : launchTestChromium()).then((launched) => {
      // A crashed browser is replaced for the next file instead of failing every file after it.
      launched.on('disconnected', () => {
        if (workerBrowsers.get(kind) === browser) workerBrowsers.delete(kind);
      });
      return launched;
    });
    workerBrowsers.set(kind, browser);
  }
  return browser;
}

/**
 * Registers the hooks of a browser test file. With `launch: false` (screenshot files that are
 * not asked for) no Chromium is started.
 *
 * Pages open in Chromium's headless shell (the same Blink and V8; a page costs about half as much
 * to open). It has no notification service: `Notification.permission` is always "denied" there,
 * whatever was granted. Files whose pages notify, ask for that permission or show the prompt for it
 * (the Scheduled view, recalls), and the documentation's screenshots, pass `fullChromium: true`
 * and get Debian's full Chromium, headless, as people's browsers have it; a single test can take
 * it from `fullChromium()`.
 */
export function useBrowserHarness(options: { launch?: boolean; fullChromium?: boolean } = {}): BrowserHarness {
  const tempDir = useTempDirs();
  let browser: Browser | undefined;
  const used = new Set<Browser>();
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    if (options.launch === false) return;
    browser = await sharedChromium(options.fullChromium ? 'full' : 'shell');
    used.add(browser);
  });
  /** Every page opened so far goes with its context. */
  const closePages = () => Promise.all([...used].flatMap((each) => each.contexts().map((context) => context.close())));
  afterAll(closePages);
  afterEach(async () => {
    // A test's pages go when it ends (its host goes too): left open, each kept reconnecting to a
    // host that is gone and drawing its frames while the file's later tests ran, on the same CPU.
    await closePages();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  return {
    get browser(): Browser {
      if (!browser) throw new Error('Chromium was not launched for this file');
      return browser;
    },
    fullChromium: async () => {
      const full = await sharedChromium('full');
      used.add(full);
      return full;
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
