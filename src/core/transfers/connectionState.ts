import type { Disposable } from '../../shared/rpc/disposable';

/**
 * What each connection (a window) has going, kept per peer id and dropped when its connection
 * closes: uploads, imports, exports. The first use of a peer listens to its connection's `closed`
 * signal; `onDropped` then cleans up what it left (files, holds).
 */
export class ConnectionState<State> implements Disposable {
  private readonly peers = new Map<string, { readonly state: State; readonly stopListening: () => void }>();

  constructor(
    private readonly create: () => State,
    private readonly onDropped: (state: State) => Promise<void>,
  ) {}

  /** The peer's state, made (and tied to its connection's end) on first use. */
  for(peerId: string, closed: AbortSignal | undefined): State {
    const known = this.peers.get(peerId);
    if (known) return known.state;
    const onClosed = () => void this.drop(peerId);
    closed?.addEventListener('abort', onClosed, { once: true });
    const entry = { state: this.create(), stopListening: () => closed?.removeEventListener('abort', onClosed) };
    this.peers.set(peerId, entry);
    if (closed?.aborted) queueMicrotask(onClosed);
    return entry.state;
  }

  /** The peer's state if it has any (another window's is not found). */
  find(peerId: string): State | undefined {
    return this.peers.get(peerId)?.state;
  }

  has(peerId: string): boolean {
    return this.peers.has(peerId);
  }

  get size(): number {
    return this.peers.size;
  }

  states(): IterableIterator<State> {
    return [...this.peers.values()].map((entry) => entry.state)[Symbol.iterator]();
  }

  /** The connection ended: its state is forgotten, then cleaned up. */
  async drop(peerId: string): Promise<void> {
    const entry = this.peers.get(peerId);
    if (!entry) return;
    this.peers.delete(peerId);
    entry.stopListening();
    await this.onDropped(entry.state);
  }

  /** Forgets every connection's state and hands it back (the owner decides how to let it go at shutdown). */
  dispose(): State[] {
    const states = [...this.peers.values()].map((entry) => {
      entry.stopListening();
      return entry.state;
    });
    this.peers.clear();
    return states;
  }
}
