import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.NAVI_CHROMIUM ?? '/usr/bin/chromium';

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

function checkedChromiumPath(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run 'apt-get install -y chromium' or set NAVI_CHROMIUM`);
  }
  return CHROMIUM_PATH;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: checkedChromiumPath(), headless: true, args: CHROMIUM_ARGS });
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
    executablePath: checkedChromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
}
