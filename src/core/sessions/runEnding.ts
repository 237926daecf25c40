import type { Message, MessagePart } from '../../shared/contract';
import { AgentError } from '../agent/types';
import type { Clock, Logger } from '../ports';
import type { SessionStore } from '../store/sessionStore';
import { partialReply } from './liveReply';
import { readableError } from './readableError';
import type { ActiveRun, RunOutcome, SessionChannel } from './sessionChannel';

/** Why a run was aborted, so its end can be told apart: a person's stop or a deleted session. */
export const SESSION_DELETED = Symbol('session deleted');
export const SHUTTING_DOWN = Symbol('shutting down');

export interface RunEndingOptions {
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** How a run ends: the reply it stores and its one terminal event (completed, stopped or error). */
export class RunEnding {
  constructor(private readonly options: RunEndingOptions) {}

  /**
   * Stores what the run produced and emits its one terminal event. A stopped run keeps its reply as
   * `partial`, also one stopped before its first word (the conversation shows it was stopped); one
   * cut short by Navi closing keeps it as `interrupted`.
   */
  finish(channel: SessionChannel, run: ActiveRun, status: RunOutcome['status'], error?: unknown): RunOutcome {
    const { runId } = run;
    // Questions still open end before the run does (their windows drop the forms).
    run.interactions?.dispose();
    run.gate?.dispose(); // a card still waiting is settled before the reply is stored
    const reason: unknown = run.controller.signal.reason;
    if (reason === SESSION_DELETED) {
      channel.emit({ type: 'run-error', runId, error: 'This conversation was deleted.' });
      return { runId, status: 'error', errorKind: 'deleted', error: 'This conversation was deleted.' };
    }
    const shutdown = status === 'stopped' && reason === SHUTTING_DOWN;
    const errorText = status === 'error' ? readableError(error) : undefined;
    const parts: MessagePart[] = errorText ? [...run.parts, { type: 'error', message: errorText }] : [...run.parts];
    const terminalSeq = channel.lastSeq + 1;
    let message: Message | undefined;
    try {
      message = this.options.store.saveReply(
        {
          id: run.replyId,
          sessionId: channel.sessionId,
          parentId: run.prompt.id,
          role: 'assistant',
          parts,
          status: status === 'completed' ? 'complete' : shutdown ? 'interrupted' : 'partial',
          origin: run.origin,
          usage: run.usage,
          model: run.model,
        },
        terminalSeq,
      );
    } catch (storeError) {
      this.options.logger.error(`Could not store the reply of run ${runId}:`, storeError);
    }
    if (status === 'completed') {
      channel.emit({ type: 'run-completed', runId, message: message ?? this.unsaved(run, parts) });
      return { runId, status, message };
    }
    if (status === 'stopped') {
      channel.emit({ type: 'run-stopped', runId, ...(message ? { message } : {}) });
      return { runId, status, message, ...(shutdown ? { errorKind: 'shutdown' } : {}) };
    }
    const errorKind = error instanceof AgentError ? error.kind : 'internal';
    if (errorKind === 'internal') this.options.logger.error(`Run ${runId} failed:`, error);
    channel.emit({ type: 'run-error', runId, error: errorText!, ...(message ? { message } : {}) });
    return { runId, status, errorKind, error: errorText, message };
  }

  /** `finish` itself failed (a subscriber threw): still one terminal event, and the session is freed. */
  lastResort(channel: SessionChannel, run: ActiveRun, error: unknown): RunOutcome {
    this.options.logger.error(`Run ${run.runId} could not finish normally:`, error);
    const text = readableError(error);
    try {
      channel.emit({ type: 'run-error', runId: run.runId, error: text });
    } catch {
      // The subscribers are broken too; the stored state is what windows reload.
    }
    return { runId: run.runId, status: 'error', errorKind: 'internal', error: text };
  }

  /** The completed reply as windows show it when it could not be stored. */
  private unsaved(run: ActiveRun, parts: MessagePart[]): Message {
    return { ...partialReply(run), parts, status: 'complete', createdAt: this.options.clock.now() };
  }
}
