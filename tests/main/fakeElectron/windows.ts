import { EventEmitter } from 'node:events';
import { runInNewContext } from 'node:vm';
import type { BrowserWindowConstructorOptions } from 'electron';
import type {
  BrowserWindowLike,
  MessagePortMainLike,
  Rectangle,
  WebContentsLike,
  WebFrameLike,
} from '../../../src/main/electronApi';
import type { IpcRendererLike } from '../../../src/preload/bridge';
import type { NaviBridge } from '../../../src/shared/contract/bridge';
import { preventableEvent } from './app';
import type { FakeIpcMain, FakePort } from './ipc';

/** Runs a preload in a fresh page: tests pass the real preload's bridge factory. */
export type PreloadRunner = (ipcRenderer: IpcRendererLike) => NaviBridge;

let nextContentsId = 1;

/**
 * localStorage as Chromium keeps it: one store per origin (every file:// URL shares "file://"),
 * kept in userData across starts. Tests pass one to several starts, or seed it.
 */
export class FakePageStorage {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  static originOf(url: string): string {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? 'file://' : `${parsed.protocol}//${parsed.host}`;
  }

  /** The origin's store (made on first use), as a page's `localStorage` sees it. */
  store(origin: string): Map<string, string> {
    let store = this.byOrigin.get(origin);
    if (!store) this.byOrigin.set(origin, (store = new Map()));
    return store;
  }

  /** A Web Storage object over the origin's store, for scripts run in the page. */
  localStorage(origin: string) {
    const store = this.store(origin);
    return {
      get length() {
        return store.size;
      },
      key: (index: number) => [...store.keys()][index] ?? null,
      getItem: (key: string) => store.get(String(key)) ?? null,
      setItem: (key: string, value: string) => void store.set(String(key), String(value)),
      removeItem: (key: string) => void store.delete(String(key)),
    };
  }
}

/** A frame of a page: the main frame, or an embedded one (an iframe, perhaps foreign). */
export class FakeFrame implements WebFrameLike {
  detached = false;
  constructor(
    readonly page: FakePage,
    public url: string,
    readonly parent: FakeFrame | null,
  ) {}

  /** WebFrameMain.postMessage: reaches this frame's preload only while the frame lives. */
  postMessage(channel: string, message: unknown, transfer: MessagePortMainLike[] = []): void {
    const ports = transfer as unknown as FakePort[];
    if (this.detached) {
      for (const port of ports) port.close();
      return;
    }
    for (const port of ports) this.page.ports.add(port);
    const copy = structuredClone(message);
    queueMicrotask(() => this.page.receive(this, channel, { ports, senderId: 0 }, copy));
  }

  /** This frame's ipcRenderer (the preload's, or a compromised frame's). */
  ipcRenderer(): IpcRendererLike {
    return this.page.ipcRendererFor(this);
  }
}

/** One page load in a webContents: its preload ran once; it dies on reload, crash or close. */
export class FakePage {
  alive = true;
  readonly mainFrame: FakeFrame;
  readonly frames: FakeFrame[] = [];
  readonly ports = new Set<FakePort>();
  readonly bridge: NaviBridge | undefined;
  private readonly listeners = new Map<FakeFrame, Map<string, Set<(event: unknown, ...args: unknown[]) => void>>>();

  constructor(
    readonly contents: FakeWebContents,
    url: string,
    readonly loadNumber: number,
    preload: PreloadRunner | undefined,
  ) {
    this.mainFrame = new FakeFrame(this, url, null);
    this.frames.push(this.mainFrame);
    // Electron runs the preload in the main frame before any page script.
    this.bridge = preload?.(this.ipcRendererFor(this.mainFrame));
  }

  get url(): string {
    return this.mainFrame.url;
  }

  addFrame(url: string): FakeFrame {
    const frame = new FakeFrame(this, url, this.mainFrame);
    this.frames.push(frame);
    return frame;
  }

  ipcRendererFor(frame: FakeFrame): IpcRendererLike {
    const byChannel = this.listeners.get(frame) ?? new Map();
    this.listeners.set(frame, byChannel);
    return {
      send: (channel, ...args) => {
        if (!this.alive || frame.detached) return;
        const copy = structuredClone(args);
        queueMicrotask(() => {
          if (this.alive) this.contents.ipc.deliver(channel, { sender: this.contents, senderFrame: frame }, copy);
        });
      },
      on: (channel, listener) => {
        if (!byChannel.has(channel)) byChannel.set(channel, new Set());
        byChannel.get(channel)!.add(listener as (event: unknown, ...args: unknown[]) => void);
      },
    };
  }

  receive(frame: FakeFrame, channel: string, event: unknown, message: unknown): void {
    if (!this.alive || frame.detached) return;
    for (const listener of [...(this.listeners.get(frame)?.get(channel) ?? [])]) listener(event, message);
  }

  /** The page is gone: no beforeunload runs, its ports close (their main-process ends hear 'close'). */
  die(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const frame of this.frames) frame.detached = true;
    for (const port of this.ports) port.close();
    this.ports.clear();
  }

  /** In-page navigation (Navi's hash routes). */
  navigateInPage(hash: string): void {
    const url = `${this.url.split('#')[0]}#${hash}`;
    this.mainFrame.url = url;
    this.contents.emit('did-navigate-in-page', {}, url);
  }

  /** A link or script tries to navigate the page; returns whether it was allowed. */
  navigate(url: string): boolean {
    const event = preventableEvent();
    this.contents.emit('will-navigate', event, url);
    if (event.defaultPrevented) return false;
    this.contents.load(url);
    return true;
  }

  /** window.open or a target=_blank link: what the window-open handler decided. */
  open(url: string): 'allow' | 'deny' {
    return this.contents.windowOpenHandler?.({ url }).action ?? 'allow';
  }
}

export class FakeWebContents extends EventEmitter implements WebContentsLike {
  readonly id = nextContentsId++;
  destroyed = false;
  page: FakePage | undefined;
  loads = 0;
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  private lastUrl = '';

  /** Scripts the main process ran in this webContents' pages (executeJavaScript), in order. */
  readonly scripts: string[] = [];

  constructor(
    readonly ipc: FakeIpcMain,
    private readonly preload: PreloadRunner | undefined,
    private readonly onLoaded: () => void,
    private readonly storage: FakePageStorage,
  ) {
    super();
  }

  /** Runs `code` in the page (only its localStorage exists there); the result comes back cloned, as over IPC. */
  executeJavaScript(code: string): Promise<unknown> {
    if (!this.page?.alive) return Promise.reject(new Error('No page to run the script in'));
    this.scripts.push(code);
    try {
      const result: unknown = runInNewContext(code, {
        localStorage: this.storage.localStorage(FakePageStorage.originOf(this.page.url)),
      });
      return Promise.resolve(structuredClone(result));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  get mainFrame(): FakeFrame {
    if (!this.page) throw new Error('No page loaded');
    return this.page.mainFrame;
  }

  getURL(): string {
    return this.page?.url ?? this.lastUrl;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** A new page load: the old page dies without beforeunload, the preload runs again. */
  load(url: string): FakePage {
    this.page?.die();
    this.lastUrl = url;
    this.page = new FakePage(this, url, ++this.loads, this.preload);
    setImmediate(() => {
      this.emit('did-finish-load');
      this.onLoaded();
    });
    return this.page;
  }

  reload(): void {
    this.load(this.lastUrl);
  }

  /** The renderer process dies: the page is gone and the window shows nothing until reloaded. */
  crash(): void {
    this.page?.die();
    this.page = undefined;
    this.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  }

  destroy(): void {
    this.page?.die();
    this.destroyed = true;
  }
}

export interface WindowHooks {
  readonly ipc: FakeIpcMain;
  readonly storage: FakePageStorage;
  readonly preload: PreloadRunner | undefined;
  readonly opened: (window: FakeBrowserWindowBase) => void;
  readonly closed: (window: FakeBrowserWindowBase) => void;
}

let nextWindowId = 1;

export class FakeBrowserWindowBase extends EventEmitter implements BrowserWindowLike {
  readonly id = nextWindowId++;
  readonly webContents: FakeWebContents;
  destroyed = false;
  visible = false;
  focused = 0;
  minimized = false;
  maximized = false;
  bounds: Rectangle;

  constructor(
    readonly options: BrowserWindowConstructorOptions,
    private readonly hooks: WindowHooks,
  ) {
    super();
    this.bounds = {
      x: options.x ?? 40,
      y: options.y ?? 40,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    this.webContents = new FakeWebContents(
      hooks.ipc,
      options.webPreferences?.preload ? hooks.preload : undefined,
      () => this.emit('ready-to-show'),
      hooks.storage,
    );
    hooks.opened(this);
  }

  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused++;
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rectangle {
    return this.bounds;
  }
  setBounds(bounds: Rectangle): void {
    this.bounds = bounds;
  }

  loadURL(url: string): Promise<void> {
    this.webContents.load(url);
    return Promise.resolve();
  }

  /** The person closes the window: 'close' (preventable), then it is destroyed. Returns whether it closed. */
  close(): boolean {
    if (this.destroyed) return true;
    const event = preventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    this.hooks.closed(this);
  }

  get page(): FakePage {
    const page = this.webContents.page;
    if (!page) throw new Error(`Window ${this.id} shows no page`);
    return page;
  }
}
