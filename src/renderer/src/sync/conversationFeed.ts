import type { ChatEvent, ChatStreamMessage, NaviClient } from '../../../shared/contract';
import { RpcError, type Disposable } from '../../../shared/rpc';
import { errorMessage } from '../lib/errorMessage';
import { useConnectionStore } from '../stores/connectionStore';
import { useConversationStore } from '../stores/conversationStore';
import { applyChatEvent, applySnapshot } from './applyChatEvent';
import { FrameBatch, type Schedule } from './frameBatch';
import { MESSAGE_PAGE_SIZE } from './pageSize';
import { takePrefetched } from './snapshotPrefetch';

/**
 * Keeps one conversation in the store current: a snapshot (`sessions.get`), then the event stream
 * from the snapshot's `seq + 1`. Every batch must continue exactly where the last one ended; a gap,
 * an overlap, a `reload` or a reconnection all end in a fresh snapshot and a new subscription, so
 * no text is ever lost or doubled. (The RPC client would re-listen from the original `fromSeq` after
 * a reconnect: the feed drops its subscription when the connection goes, before that can happen.)
 */
export class ConversationFeed implements Disposable {
  private subscription: Disposable | undefined;
  /** Bumped whenever a subscription or snapshot request goes stale. */
  private epoch = 0;
  private disposed = false;
  private readonly unwatchConnection: () => void;
  private readonly update = useConversationStore.getState().update;
  /** Events received but not folded into the store yet: folded together once per frame. */
  private readonly batch: FrameBatch<ChatEvent>;
  /** The seq of the last event received (folded or waiting). */
  private receivedSeq: number | undefined;
  /** The first snapshot may be one a click asked for already (snapshotPrefetch); later ones are fresh. */
  private mayTakePrefetched = true;

  constructor(
    private readonly api: NaviClient,
    private readonly sessionId: string,
    schedule?: Schedule,
  ) {
    this.batch = new FrameBatch((events) => this.fold(events), schedule);
    this.unwatchConnection = useConnectionStore.subscribe((state, previous) => {
      if (state.state !== 'open' && previous.state === 'open') this.detach();
      else if (state.generation !== previous.generation) void this.resync();
    });
    if (useConnectionStore.getState().state === 'open') void this.resync();
  }

  private detach(): void {
    this.epoch++;
    this.batch.clear();
    this.receivedSeq = undefined;
    this.subscription?.dispose();
    this.subscription = undefined;
  }

  async resync(): Promise<void> {
    if (this.disposed) return;
    this.detach();
    const epoch = this.epoch;
    try {
      const prefetched = this.mayTakePrefetched ? takePrefetched(this.api, this.sessionId) : undefined;
      this.mayTakePrefetched = false;
      // A prefetched answer that has come already is followed on from at once: its view may have
      // opened with it (prefetchedConversation), and the store takes that very object, so the view
      // does not render it again and what runs after the view mounted finds it in the store.
      const opened = prefetched?.conversation;
      const snapshot =
        prefetched?.answer ??
        (await (prefetched?.snapshot ?? this.api.sessions.get({ id: this.sessionId, limit: MESSAGE_PAGE_SIZE })));
      if (epoch !== this.epoch || this.disposed) return;
      this.update(this.sessionId, (previous) =>
        previous === undefined && opened !== undefined ? opened : applySnapshot(previous, snapshot),
      );
      this.subscription = this.api.chat.subscribe(
        { sessionId: this.sessionId, fromSeq: snapshot.seq + 1 },
        (message) => {
          if (epoch === this.epoch) this.receive(message);
        },
      );
    } catch (error) {
      if (epoch !== this.epoch || this.disposed) return;
      if (error instanceof RpcError && error.code === 'disconnected') return; // the reconnection resyncs
      const missing = error instanceof RpcError && error.code === 'not_found';
      this.update(this.sessionId, (previous) =>
        previous?.status === 'ready' && !missing
          ? { ...previous, error: errorMessage(error) }
          : {
              messages: [],
              forks: {},
              hasMore: false,
              usage: { inputTokens: 0, outputTokens: 0 },
              seq: -1,
              status: missing ? 'missing' : 'failed',
              error: errorMessage(error),
            },
      );
    }
  }

  private receive(message: ChatStreamMessage): void {
    if (message.kind === 'reload') {
      void this.resync();
      return;
    }
    const current = useConversationStore.getState().conversations[this.sessionId];
    if (!current) return;
    const lastSeq = this.receivedSeq ?? current.seq;
    if (message.toSeq <= lastSeq) return;
    if (message.fromSeq !== lastSeq + 1) {
      // Merged text deltas cannot be split, so anything but an exact continuation starts over.
      void this.resync();
      return;
    }
    this.receivedSeq = message.toSeq;
    this.batch.push(...message.events);
  }

  private fold(events: readonly ChatEvent[]): void {
    useConversationStore
      .getState()
      .patch(this.sessionId, (conversation) => events.reduce(applyChatEvent, conversation));
    // Another branch is on screen now: its messages come with a fresh snapshot.
    if (events.some((event) => event.type === 'branch-switched')) void this.resync();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.detach();
    this.unwatchConnection();
  }
}
