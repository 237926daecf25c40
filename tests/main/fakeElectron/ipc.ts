import { EventEmitter } from 'node:events';
import type { IpcMainEventLike, IpcMainLike, MessagePortMainLike } from '../../../src/main/electronApi';

type IpcListener = (event: IpcMainEventLike, ...args: unknown[]) => void;

/** ipcMain: pages emit into it; it records every listener so tests can see none leak. */
export class FakeIpcMain implements IpcMainLike {
  private readonly listeners = new Map<string, Set<IpcListener>>();

  on(channel: string, listener: IpcListener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }

  removeListener(channel: string, listener: IpcListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  /** What Electron does when a renderer calls ipcRenderer.send. */
  deliver(channel: string, event: IpcMainEventLike, args: unknown[]): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener(event, ...args);
  }
}

/** The renderer's end of a channel: a DOM MessagePort as a sandboxed preload sees it. */
export interface PagePort {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/**
 * One end of an entangled pair. Messages are structured-cloned and delivered asynchronously, as
 * Electron does; closing either end emits 'close' on the main-process end of the other.
 */
class FakePort extends EventEmitter implements MessagePortMainLike, PagePort {
  other: FakePort | undefined;
  closed = false;
  private started = false;
  private readonly queue: unknown[] = [];
  private readonly domListeners: ((event: { data: unknown }) => void)[] = [];

  /** The DOM side's listener (a DOM port delivers only after start()). */
  addEventListener(_type: 'message', listener: (event: { data: unknown }) => void): void {
    this.domListeners.push(listener);
  }

  postMessage(message: unknown): void {
    const target = this.other;
    if (this.closed || !target || target.closed) return;
    const copy = structuredClone(message);
    queueMicrotask(() => target.receive(copy));
  }

  start(): void {
    this.started = true;
    for (const message of this.queue.splice(0)) this.dispatch(message);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    const other = this.other;
    if (other && !other.closed) {
      other.closed = true;
      queueMicrotask(() => other.emit('close'));
    }
  }

  private receive(message: unknown): void {
    if (this.closed) return;
    if (this.started) this.dispatch(message);
    else this.queue.push(message);
  }

  private dispatch(message: unknown): void {
    for (const listener of this.domListeners) listener({ data: message });
    this.emit('message', { data: message });
  }
}

/** MessageChannelMain: a fresh entangled pair; `onCreate` lets the fake count them. */
export function fakeMessageChannelClass(onCreate: () => void) {
  return class FakeMessageChannelMain {
    readonly port1: FakePort = new FakePort();
    readonly port2: FakePort = new FakePort();

    constructor() {
      onCreate();
      this.port1.other = this.port2;
      this.port2.other = this.port1;
    }
  };
}

export type { FakePort };
