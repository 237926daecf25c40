import { HELLO_CHANNEL, PORT_CHANNEL } from '../shared/contract/bridge';
import { DisposableStore, Emitter, frameRefusal, toDisposable, type Disposable, type Transport } from '../shared/rpc';
import type { DesktopElectron, IpcMainEventLike, WebContentsLike } from './electronApi';

export interface PageConnectionsOptions {
  readonly ipc: DesktopElectron['ipcMain'];
  readonly MessageChannelMain: DesktopElectron['MessageChannelMain'];
  /** True for the URLs of Navi's own pages (dev server or packaged files). */
  readonly isAppUrl: (url: string) => boolean;
  readonly onRejected: (reason: string) => void;
  /** Serves one page load's connection; what it returns is disposed when that page load ends. */
  readonly serve: (transport: Transport, peerId: string) => Disposable;
}

interface AttachedWindow {
  readonly contents: WebContentsLike;
  loads: number;
  current: Disposable | undefined;
}

/**
 * One RPC connection per page load, as VS Code's IPC does it: each load's preload says hello, and
 * the answer is a fresh MessagePort. The hello replaces the window's previous connection, whose
 * pending calls and subscriptions are disposed with it, also when the old page died without
 * `beforeunload` (a crash). Hellos count only from the main frame of a window we attached,
 * showing one of our own pages; everything else is refused and reported.
 */
export class PageConnections implements Disposable {
  private readonly windows = new Map<number, AttachedWindow>();
  private readonly listener = (event: IpcMainEventLike): void => this.hello(event);

  constructor(private readonly options: PageConnectionsOptions) {
    options.ipc.on(HELLO_CHANNEL, this.listener);
  }

  /** Lets this window's pages connect; disposing ends its current connection. */
  attach(contents: WebContentsLike): Disposable {
    const window: AttachedWindow = { contents, loads: 0, current: undefined };
    this.windows.set(contents.id, window);
    // A crashed page sends no goodbye: its connection ends here, before any new page says hello.
    contents.on('render-process-gone', () => this.end(window));
    return toDisposable(() => {
      this.end(window);
      this.windows.delete(contents.id);
    });
  }

  /** Live connections (one per attached window at most). */
  get count(): number {
    return [...this.windows.values()].filter((window) => window.current).length;
  }

  private end(window: AttachedWindow): void {
    const current = window.current;
    window.current = undefined;
    current?.dispose();
  }

  private hello(event: IpcMainEventLike): void {
    const window = this.windows.get(event.sender.id);
    if (!window) return this.options.onRejected(`hello from unknown webContents ${event.sender.id}`);
    const frame = event.senderFrame;
    if (!frame || frame !== window.contents.mainFrame) {
      return this.options.onRejected(`hello from a subframe of webContents ${event.sender.id}`);
    }
    if (!this.options.isAppUrl(frame.url)) return this.options.onRejected(`hello from a foreign page: ${frame.url}`);

    this.end(window);
    const { port1, port2 } = new this.options.MessageChannelMain();
    const connection = new DisposableStore();
    const messages = connection.add(new Emitter<unknown>());
    const transport: Transport = {
      send: (message) => {
        if (!connection.isDisposed) port1.postMessage(message);
      },
      onMessage: messages.event,
    };
    port1.on('message', ({ data }) => {
      if (connection.isDisposed) return;
      // The same limit as the WebSocket's maxPayload: an oversized message is dropped, never processed.
      const tooLarge = frameRefusal(data);
      if (tooLarge) return this.options.onRejected(`IPC from webContents ${event.sender.id} refused: ${tooLarge}`);
      messages.fire(data);
    });
    port1.on('close', () => {
      if (window.current === connection) this.end(window);
    });
    connection.add(this.options.serve(transport, `window-${window.contents.id}-load-${++window.loads}`));
    connection.add(toDisposable(() => port1.close()));
    window.current = connection;
    port1.start();
    frame.postMessage(PORT_CHANNEL, null, [port2]);
  }

  dispose(): void {
    this.options.ipc.removeListener(HELLO_CHANNEL, this.listener);
    for (const window of this.windows.values()) this.end(window);
    this.windows.clear();
  }
}
