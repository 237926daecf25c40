import { join } from 'node:path';
import { afterEach, vi } from 'vitest';
import { startDesktopApp, type DesktopApp, type DesktopAppOptions } from '../../src/main/desktopApp';
import { createBridge } from '../../src/preload/bridge';
import { contract, type NaviClient } from '../../src/shared/contract';
import { createClient, Emitter, type Transport } from '../../src/shared/rpc';
import type { Logger } from '../../src/core/ports';
import { startOpenAiFixture, type FixtureServer } from '../fixtures';
import { ManualClock } from '../helpers/manualClock';
import { useTempDirs } from '../helpers/tempDir';
import {
  createFakeElectron,
  FakeMachine,
  type FakeElectron,
  type FakePage,
  type FakePageStorage,
  type FakeSafeStorage,
} from './fakeElectron';

export const APP_DIR = '/opt/Navi/resources/app.asar';
/** Where windows load Navi's page from (the app's own scheme, served from the renderer folder). */
export const APP_PAGE = 'navi://app/index.html';

export interface LaunchOptions {
  readonly dataDir?: string;
  readonly machine?: FakeMachine;
  readonly argv?: readonly string[];
  readonly clock?: ManualClock;
  /** The built page's folder the app serves as navi://app/ (default: a path with no files). */
  readonly rendererDir?: string;
  /** The pages' localStorage (to share between starts or seed). */
  readonly pageStorage?: FakePageStorage;
  /** Provider environment and NAVI_* variables for this start (no real process.env leaks in). */
  readonly env?: Record<string, string>;
  /** Points the core's provider at this scripted OpenAI-compatible server. */
  readonly provider?: FixtureServer;
  readonly safeStorage?: FakeSafeStorage;
  readonly platform?: NodeJS.Platform;
  readonly options?: Partial<DesktopAppOptions>;
}

export interface LaunchedDesktop {
  readonly electron: FakeElectron;
  readonly app: DesktopApp;
  readonly clock: ManualClock;
  readonly dataDir: string;
  readonly logs: string[];
  /** The machine sleeps: the wall clock jumps, the monotonic one (performance.now) does not. */
  sleep(ms: number): void;
  /** A client over a page's bridge, as the renderer builds one. */
  client(page: FakePage): PageClient;
  /** A client on the first open window's current page. */
  mainClient(): PageClient;
  /** app.quit() and the exit code once the process would have ended. */
  quit(): Promise<number>;
}

export interface PageClient {
  readonly api: NaviClient;
  /** Protocol errors the client reported (e.g. an answer for an unknown id). */
  readonly errors: unknown[];
  dispose(): void;
}

/** A renderer's RPC client over the bridge the preload exposed in that page load. */
export function pageClient(page: FakePage): PageClient {
  const bridge = page.bridge;
  if (!bridge) throw new Error('The page has no bridge: was the preload run?');
  const messages = new Emitter<unknown>();
  const stop = bridge.onMessage((message) => messages.fire(message));
  const transport: Transport = { send: (message) => bridge.send(message), onMessage: messages.event };
  const errors: unknown[] = [];
  const client = createClient(contract, transport, (error) => errors.push(error));
  return {
    api: client.api,
    errors,
    dispose: () => {
      client.dispose();
      stop();
      messages.dispose();
    },
  };
}

/** Starts the real desktop shell (src/main) on the fake Electron, with a real core on a temp directory. */
export function useDesktop(): (options?: LaunchOptions) => Promise<LaunchedDesktop> {
  const tempDir = useTempDirs();
  const running: LaunchedDesktop[] = [];
  afterEach(async () => {
    for (const launched of running.splice(0).reverse()) {
      if (launched.electron.app.state === 'running') await launched.quit();
    }
  });
  return async (options = {}) => {
    const dataDir = options.dataDir ?? tempDir();
    const clock = options.clock ?? new ManualClock(Date.parse('2026-11-24T12:00:00Z'));
    const electron = createFakeElectron({
      machine: options.machine ?? new FakeMachine(),
      argv: options.argv,
      userData: join(dataDir, 'userData'),
      appPath: APP_DIR,
      preload: createBridge,
      safeStorage: options.safeStorage,
      pageStorage: options.pageStorage,
    });
    const logs: string[] = [];
    const record =
      (level: string) =>
      (message: string, ...details: unknown[]) =>
        logs.push(
          `${level}: ${[message, ...details.map((detail) => (detail instanceof Error ? detail.message : String(detail)))].join(' ')}`,
        );
    const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
    let slept = 0;
    const launched: LaunchedDesktop = {
      electron,
      clock,
      dataDir,
      logs,
      sleep: (ms) => {
        clock.jump(ms);
        slept += ms;
      },
      app: undefined as unknown as DesktopApp,
      client: pageClient,
      mainClient: () => {
        const [window] = electron.windows();
        if (!window) throw new Error('No window is open');
        return pageClient(window.page);
      },
      quit: () => {
        electron.app.quit();
        return electron.app.exited;
      },
    };
    (launched as { app: DesktopApp }).app = startDesktopApp(electron, {
      preloadFile: `${APP_DIR}/out/preload/index.cjs`,
      rendererDir: options.rendererDir ?? `${APP_DIR}/out/renderer`,
      resourcesDir: `${APP_DIR}/resources`,
      platform: options.platform ?? 'linux',
      env: {
        NAVI_DATA_DIR: dataDir,
        ...(options.provider
          ? { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: options.provider.baseURL, NAVI_MODEL: 'fixture-model' }
          : {}),
        ...options.env,
      },
      logger,
      clock,
      monotonicNow: () => clock.now() - slept,
      timeZone: () => 'Europe/Berlin',
      argv: electron.app.argv,
      ...options.options,
    });
    running.push(launched);
    await launched.app.ready;
    return launched;
  };
}

/**
 * Waits for a condition that depends on I/O (HTTP, child processes) to become true. With a clock,
 * each look also moves it on a little, so the core's coalescing timers deliver what arrived.
 */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  options: { clock?: ManualClock; timeout?: number } = {},
): Promise<T> {
  return vi.waitFor(
    async () => {
      options.clock?.advance(40);
      const value = await check();
      if (value === undefined || value === false) throw new Error(`Still waiting for ${what}`);
      return value;
    },
    { timeout: options.timeout ?? 10_000, interval: 5 },
  );
}

/** An OpenAI-compatible fixture for the file's tests, closed after each. */
export function useProvider(): () => Promise<FixtureServer> {
  const open: FixtureServer[] = [];
  afterEach(async () => {
    for (const server of open.splice(0)) await server.close();
  });
  return async () => {
    const server = await startOpenAiFixture({ apiKey: 'sk-test' });
    open.push(server);
    return server;
  };
}
