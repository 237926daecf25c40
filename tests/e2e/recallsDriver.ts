import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Clock } from '../../src/core/ports';
import { ControlledAgent } from '../helpers/controlledAgent';
import { startTestHost, type TestHost } from '../helpers/host';
import { collectPageErrors, type BrowserHarness } from './browserHarness';

/** What the page's wrapped `Notification` constructor saw. */
export interface RecordedNotification {
  readonly title: string;
  readonly body: string | undefined;
  readonly tag: string | undefined;
}

/**
 * Runs in every page before the app: wraps `Notification` so each construction is recorded in
 * `window.__naviNotifications` and the last one kept as `window.__naviLastNotification` (to click).
 * A string, because the tests compile without the DOM's types.
 */
export const RECORD_NOTIFICATIONS = `(() => {
  const Original = window.Notification;
  const seen = [];
  window.__naviNotifications = seen;
  window.Notification = class Recorded extends Original {
    constructor(title, options) {
      super(title, options);
      seen.push({ title, body: options && options.body, tag: options && options.tag });
      window.__naviLastNotification = this;
    }
  };
})();`;

/**
 * A host with an agent the test drives, and one browser context for all its pages (tabs of one
 * browser share Web Locks and storage, as they do for a person), with notifications allowed and
 * every `new Notification(...)` recorded in the page (allowed unless `allowNotifications: false`).
 */
export interface RecallFixture {
  readonly agent: ControlledAgent;
  readonly running: TestHost;
  /** The host's data directory (its database is `navi.db` there). */
  readonly dataDir: string;
  readonly context: BrowserContext;
  readonly errors: string[];
  /** A conversation made in the core, as if it had been there before. */
  conversation(title: string): string;
  open(hash?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface RecallFixtureOptions {
  readonly allowNotifications?: boolean;
  /** The core's clock (a manual one moves only when the test says; the pages' clocks stay real). */
  readonly clock?: Clock;
}

/** Starts a recall fixture in a fresh data directory; it is closed after the current test. */
export async function startRecallFixture(
  harness: BrowserHarness,
  options: RecallFixtureOptions = {},
): Promise<RecallFixture> {
  const agent = new ControlledAgent();
  const dataDir = harness.tempDir();
  const running = await startTestHost(dataDir, { agent, core: { clock: options.clock } });
  // The full Chromium: the headless shell denies notifications whatever is granted.
  const context = await (await harness.fullChromium()).newContext({ viewport: { width: 1200, height: 800 } });
  if (options.allowNotifications !== false) {
    await context.grantPermissions(['notifications'], { origin: new URL(running.host.url).origin });
  }
  await context.addInitScript({ content: RECORD_NOTIFICATIONS });
  const errors: string[] = [];
  const fixture: RecallFixture = {
    agent,
    running,
    dataDir,
    context,
    errors,
    conversation: (title) => {
      const { store, orchestrator } = running.core;
      const session = store.createSession(title);
      orchestrator.sessionChanged(session);
      return session.id;
    },
    open: async (hash = '') => {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      collectPageErrors(page, errors);
      await page.goto(`${running.host.url}${hash}`);
      await page
        .getByRole('textbox', { name: 'Message' })
        .or(page.getByRole('heading', { name: 'Scheduled' }))
        .waitFor();
      return page;
    },
    close: async () => {
      await context.close();
      await running.close();
    },
  };
  harness.afterTest(() => fixture.close());
  return fixture;
}

export function conversationHash(sessionId: string): string {
  return `#/c/${encodeURIComponent(sessionId)}`;
}

/** The chat view's "Recalls" region. */
export function recallsRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Recalls' });
}

/** A recall's row, found by its instructions. */
export function recallRow(scope: Page | Locator, text: string): Locator {
  return scope.getByRole('listitem').filter({ hasText: text });
}

/** Notifications constructed in a page so far. */
export function notificationsIn(page: Page): Promise<RecordedNotification[]> {
  return page.evaluate('window.__naviNotifications ?? []') as Promise<RecordedNotification[]>;
}

/** Clicks the last notification a page showed, as a person would in the OS. */
export async function clickLastNotification(page: Page): Promise<void> {
  await page.evaluate('window.__naviLastNotification.onclick(new Event("click"))');
}
