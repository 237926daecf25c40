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

/**
 * The full Chromium's own pages for its address bar (omnibox popups, WebUI in a renderer of their
 * own), which it loads as it starts: about a second of CPU on this 2-core machine, while the first
 * page of a bench or a test loads. Electron has no address bar, and a browser someone already has
 * open did this long before they opened Navi.
 */
const BROWSER_UI_FEATURES = ['PreloadTopChromeWebUI', 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

let fullChromiumArgs: Promise<string[]> | undefined;

/**
 * CHROMIUM_ARGS for the full Chromium, with its address bar's pages turned off. Chromium reads only
 * the last `--disable-features`, and Playwright passes one of its own (PaintHolding and more), so
 * ours carries Playwright's list too, read once from a Chromium launched as Playwright launches it.
 */
export async function argsForFullChromium(): Promise<string[]> {
  fullChromiumArgs ??= (async () => {
    const executablePath = checked(CHROMIUM_PATH, 'chromium');
    // The browser tells its command line only to automation.
    const probe = await chromium.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, '--enable-automation'],
    });
    try {
      const session = await probe.newBrowserCDPSession();
      const { arguments: switches } = await session.send('Browser.getBrowserCommandLine');
      const prefix = '--disable-features=';
      const playwrights =
        switches
          .findLast((arg) => arg.startsWith(prefix))
          ?.slice(prefix.length)
          .split(',') ?? [];
      return [...CHROMIUM_ARGS, `${prefix}${[...playwrights, ...BROWSER_UI_FEATURES].join(',')}`];
    } finally {
      await probe.close();
    }
  })();
  return fullChromiumArgs;
}

/** The full Chromium, headless (benchmarks, and pages that notify). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = checked(CHROMIUM_PATH, 'chromium');
  return chromium.launch({ executablePath, headless: true, args: await argsForFullChromium() });
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
    args: await argsForFullChromium(),
    viewport,
  });
}
