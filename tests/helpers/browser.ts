import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** The full Chromium: what the benchmarks measure (a browser as people run it). */
export const CHROMIUM_PATH = process.env.NAVI_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The browser tests' Chromium: Debian's headless shell, the same Blink and V8 as the full browser
 * without its windowing and browser features (Playwright's own headless default). A page costs
 * about half as much to open in it, and the tests open a few hundred. NAVI_CHROMIUM overrides it.
 */
export const TEST_CHROMIUM_PATH = process.env.NAVI_CHROMIUM ?? '/usr/bin/chromium-headless-shell';

/** Debian's Chromium, headless, with the background networking this machine refuses turned off. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function checked(path: string, debianPackage: string): string {
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: run 'apt-get install -y ${debianPackage}' or set NAVI_CHROMIUM`);
  }
  return path;
}

/** The full Chromium, headless (benchmarks). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: checked(CHROMIUM_PATH, 'chromium'), headless: true, args: CHROMIUM_ARGS });
}

/** Chromium's headless shell (browser tests). */
export async function launchTestChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: checked(TEST_CHROMIUM_PATH, 'chromium-headless-shell'),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Chromium with a profile kept in `userDataDir` (its HTTP and V8 code caches survive a restart, as a
 * desktop app's do), one window of `viewport`.
 */
export async function launchPersistentChromium(
  userDataDir: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: checked(CHROMIUM_PATH, 'chromium'),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
}
