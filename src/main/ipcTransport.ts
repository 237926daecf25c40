import { RPC_CHANNEL } from '../shared/contract/bridge';
import { Emitter, frameRefusal, toDisposable, type Disposable, type Transport, type WireMessage } from '../shared/rpc';

/** The slices of Electron's IPC types this module uses, so it can be tested without Electron. */
export interface FrameLike {
  readonly url: string;
}
export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}
export interface IpcMainLike {
  on(channel: string, listener: (event: IpcEventLike, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, message: unknown) => void): unknown;
}
export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
}

export interface IpcRouterOptions {
  readonly ipc: IpcMainLike;
  /** True for the URLs of Navi's own pages (dev server or packaged files). */
  readonly isAppUrl: (url: string) => boolean;
  readonly onRejected: (reason: string) => void;
}

/**
 * Routes the one RPC channel to a transport per window. A message is accepted only from the main
 * frame of a window we attached, showing one of our own pages, within the frame size limit; anything
 * else is dropped and reported.
 */
export class IpcRouter implements Disposable {
  private readonly windows = new Map<number, { contents: WebContentsLike; messages: Emitter<unknown> }>();
  private readonly listener = (event: IpcEventLike, message: unknown): void => this.receive(event, message);

  constructor(private readonly options: IpcRouterOptions) {
    options.ipc.on(RPC_CHANNEL, this.listener);
  }

  attach(contents: WebContentsLike): Transport & Disposable {
    const messages = new Emitter<unknown>();
    this.windows.set(contents.id, { contents, messages });
    const detach = toDisposable(() => {
      this.windows.delete(contents.id);
      messages.dispose();
    });
    return {
      send: (message: WireMessage) => {
        if (!contents.isDestroyed()) contents.send(RPC_CHANNEL, message);
      },
      onMessage: messages.event,
      dispose: () => detach.dispose(),
    };
  }

  private receive(event: IpcEventLike, message: unknown): void {
    const window = this.windows.get(event.sender.id);
    if (!window) return this.options.onRejected(`IPC from unknown webContents ${event.sender.id}`);
    const frame = event.senderFrame;
    if (!frame || frame !== window.contents.mainFrame) {
      return this.options.onRejected(`IPC from a subframe of webContents ${event.sender.id}`);
    }
    if (!this.options.isAppUrl(frame.url)) return this.options.onRejected(`IPC from a foreign page: ${frame.url}`);
    // The same limit as the WebSocket's maxPayload: an oversized message is dropped, never processed.
    const tooLarge = frameRefusal(message);
    if (tooLarge) return this.options.onRejected(`IPC from webContents ${event.sender.id} refused: ${tooLarge}`);
    window.messages.fire(message);
  }

  dispose(): void {
    this.options.ipc.removeListener(RPC_CHANNEL, this.listener);
    for (const window of this.windows.values()) window.messages.dispose();
    this.windows.clear();
  }
}
