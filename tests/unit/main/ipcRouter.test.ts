import { describe, expect, it } from 'vitest';
import {
  IpcRouter,
  type FrameLike,
  type IpcEventLike,
  type IpcMainLike,
  type WebContentsLike,
} from '../../../src/main/ipcTransport';
import { createAppUrlCheck } from '../../../src/main/appUrl';
import { RPC_CHANNEL } from '../../../src/shared/contract/bridge';
import { MAX_FRAME_BYTES } from '../../../src/shared/contract/limits';

/** Electron test double at the import boundary: just enough of ipcMain and webContents. */
class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Set<(event: IpcEventLike, message: unknown) => void>>();
  on(channel: string, listener: (event: IpcEventLike, message: unknown) => void) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
  }
  removeListener(channel: string, listener: (event: IpcEventLike, message: unknown) => void) {
    this.listeners.get(channel)?.delete(listener);
  }
  emit(event: IpcEventLike, message: unknown) {
    for (const listener of this.listeners.get(RPC_CHANNEL) ?? []) listener(event, message);
  }
}

const appIndex = '/opt/Navi/resources/app/out/renderer/index.html';
const isAppUrl = createAppUrlCheck(undefined, appIndex);

function fakeContents(id: number, url: string): WebContentsLike & { sent: unknown[] } {
  const sent: unknown[] = [];
  return { id, mainFrame: { url }, sent, send: (_channel, message) => sent.push(message), isDestroyed: () => false };
}

function setup() {
  const ipc = new FakeIpcMain();
  const rejected: string[] = [];
  const router = new IpcRouter({ ipc, isAppUrl, onRejected: (reason) => rejected.push(reason) });
  const contents = fakeContents(1, `file://${appIndex}`);
  const transport = router.attach(contents);
  const received: unknown[] = [];
  transport.onMessage((message) => received.push(message));
  return { ipc, router, contents, transport, received, rejected };
}

describe('IPC router sender validation', () => {
  it('accepts a message from the main frame of an attached window showing our page', () => {
    const { ipc, contents, received, rejected } = setup();
    ipc.emit({ sender: { id: 1 }, senderFrame: contents.mainFrame }, { t: 'call', id: 1 });
    expect(received).toEqual([{ t: 'call', id: 1 }]);
    expect(rejected).toEqual([]);
  });

  it('rejects a subframe (an embedded foreign frame) of our window', () => {
    const { ipc, received, rejected } = setup();
    const iframe: FrameLike = { url: 'https://evil.example/' };
    ipc.emit({ sender: { id: 1 }, senderFrame: iframe }, { t: 'call', id: 1 });
    expect(received).toEqual([]);
    expect(rejected[0]).toMatch(/subframe/);
  });

  it('rejects our main frame after it navigated to a foreign page', () => {
    const ipc = new FakeIpcMain();
    const rejected: string[] = [];
    const router = new IpcRouter({ ipc, isAppUrl, onRejected: (reason) => rejected.push(reason) });
    const contents = fakeContents(2, 'https://evil.example/phish');
    const received: unknown[] = [];
    router.attach(contents).onMessage((m) => received.push(m));
    ipc.emit({ sender: { id: 2 }, senderFrame: contents.mainFrame }, { t: 'call', id: 1 });
    expect(received).toEqual([]);
    expect(rejected[0]).toMatch(/foreign page/);
  });

  it('rejects webContents it never attached, and a frame that is gone', () => {
    const { ipc, received, rejected } = setup();
    ipc.emit({ sender: { id: 99 }, senderFrame: { url: `file://${appIndex}` } }, { t: 'call', id: 1 });
    ipc.emit({ sender: { id: 1 }, senderFrame: null }, { t: 'call', id: 2 });
    expect(received).toEqual([]);
    expect(rejected).toHaveLength(2);
  });

  it('sends to its window on the RPC channel and stops routing once detached', () => {
    const { ipc, contents, transport, received } = setup();
    transport.send({ t: 'result', id: 1, value: 2 });
    expect(contents.sent).toEqual([{ t: 'result', id: 1, value: 2 }]);
    transport.dispose();
    ipc.emit({ sender: { id: 1 }, senderFrame: contents.mainFrame }, { t: 'call', id: 3 });
    expect(received).toEqual([]);
  });

  it('removes its ipcMain listener when disposed', () => {
    const { ipc, router } = setup();
    expect(ipc.listeners.get(RPC_CHANNEL)?.size).toBe(1);
    router.dispose();
    expect(ipc.listeners.get(RPC_CHANNEL)?.size).toBe(0);
  });

  it('treats only the dev server origin as ours in development', () => {
    const dev = createAppUrlCheck('http://localhost:5173', appIndex);
    expect(dev('http://localhost:5173/session/1')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev(`file://${appIndex}`)).toBe(false);
    expect(isAppUrl(`file://${appIndex}#/x`)).toBe(true);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
  });
});

describe('IPC router message size', () => {
  it('drops a message over MAX_FRAME_BYTES with a reason, and keeps serving the window', () => {
    const { ipc, contents, received, rejected } = setup();
    const sender = { sender: { id: 1 }, senderFrame: contents.mainFrame };
    ipc.emit(sender, { t: 'call', id: 1, service: 'chat', name: 'send', input: { text: 'x'.repeat(MAX_FRAME_BYTES) } });
    const cyclic: Record<string, unknown> = { t: 'call', id: 2 };
    cyclic.self = cyclic;
    ipc.emit(sender, cyclic);
    expect(received).toEqual([]);
    expect(rejected).toEqual([
      expect.stringMatching(/refused: A message to Navi can be at most 8 MB \(this one: 8 MB\)/),
      expect.stringMatching(/refused: .*not serialisable/),
    ]);
    ipc.emit(sender, { t: 'call', id: 3 });
    expect(received).toEqual([{ t: 'call', id: 3 }]);
  });
});
