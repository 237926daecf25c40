import type { Logger } from '../ports';
import type { SessionStore } from '../store/sessionStore';
import type { SessionChannel } from './sessionChannel';
import type { SessionChannels } from './sessionChannels';
import type { SessionUpdates } from './sessionUpdates';

export interface SessionNotesOptions {
  readonly store: SessionStore;
  readonly channels: SessionChannels;
  readonly updates: SessionUpdates;
  readonly logger: Logger;
}

/** Lines of Navi's own in a conversation (notes about recalls), never between a prompt and its reply. */
export class SessionNotes {
  constructor(private readonly options: SessionNotesOptions) {}

  /**
   * Writes a note at the end of the branch on screen and shows it live. While a run is active
   * there, it waits until the run has ended (`writeDeferred`).
   */
  add(sessionId: string, text: string): void {
    const channel = this.options.channels.open(sessionId);
    if (channel.activeRun) channel.deferredNotes.push(text);
    else this.write(sessionId, text, channel);
  }

  /** The run in `channel` ended: the notes that waited for it are written now. */
  writeDeferred(channel: SessionChannel): void {
    for (const text of channel.deferredNotes.splice(0)) {
      try {
        this.write(channel.sessionId, text, channel);
      } catch (error) {
        this.options.logger.warn(`Could not write a note into ${channel.sessionId}:`, error);
      }
    }
  }

  /** Through the session's channel (made for the moment if nothing watches), for the reason SessionChannels.emitRecorded gives. */
  private write(sessionId: string, text: string, channel: SessionChannel): void {
    const stored = this.options.store.appendMessage(
      { sessionId, role: 'system', parts: [{ type: 'text', text }], status: 'complete', origin: 'recall' },
      channel.lastSeq + 1,
    );
    channel.emit({ type: 'message-added', message: stored });
    channel.checkIdle();
    this.options.updates.listChanged(sessionId);
  }
}
