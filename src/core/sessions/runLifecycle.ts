import type { Message, MessageOrigin, TokenUsage, ToolApprovalPart, UnattendedPolicy } from '../../shared/contract';
import { RpcError } from '../../shared/rpc';
import type { Agent, AgentEvent } from '../agent/types';
import type { ToolApprovals } from '../approvals/toolApprovals';
import type { Clock, Logger } from '../ports';
import type { SessionStore } from '../store/sessionStore';
import { endsWaiting, foldReplyPiece } from '../../shared/chat/replyFold';
import { AbortableSteps } from '../abort';
import { nextTurn } from '../turns';
import { runForks } from './liveReply';
import { readableError } from './readableError';
import { ReplyCheckpoint } from './replyCheckpoint';
import { SESSION_DELETED, SHUTTING_DOWN, type RunEnding } from './runEnding';
import { declineUnattended, RunInteractions, type UnattendedElicitationPolicy } from './runInteractions';
import type { ActiveRun, RunOutcome, SessionChannel, UnsequencedEvent } from './sessionChannel';
import type { SessionChannels } from './sessionChannels';
import type { SessionNotes } from './sessionNotes';
import type { SessionTitles } from './sessionTitles';
import type { SessionUpdates } from './sessionUpdates';

/** What a recall run brings: its recall, and what to do when a tool needs a person's OK. */
export interface RecallRunOptions {
  readonly recallId: string;
  readonly unattendedPolicy: UnattendedPolicy;
}

/** Ids a run stores its prompt and reply under (new ones when absent); recalls record them first. */
export interface RunIds {
  readonly promptId?: string;
  readonly replyId?: string;
}

export interface StartedRun {
  readonly runId: string;
  /** The prompt the run answers. */
  readonly messageId: string;
  /** The id the reply will be stored under. */
  readonly replyId: string;
  readonly done: Promise<RunOutcome>;
}

/** Where a run's reply is stored: under a new id, or rewriting the one stored under `replyId`. */
export interface ReplyTarget {
  readonly replyId?: string;
  readonly replaces?: boolean;
}

export interface RunLifecycleOptions {
  readonly store: SessionStore;
  /** Asked for the agent at the start of each run, so settings changes apply to the next run. */
  readonly agent: () => Agent;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
  readonly channels: SessionChannels;
  readonly updates: SessionUpdates;
  readonly notes: SessionNotes;
  readonly titles: SessionTitles;
  readonly ending: RunEnding;
  /** How a server's question in a recall run is answered, given the recall; without it, declined. */
  readonly unattendedElicitation?: (recall: RecallRunOptions) => UnattendedElicitationPolicy;
  /** Tool policies and approvals; without it every tool call runs (agent-level tests). */
  readonly toolApprovals?: ToolApprovals;
}

/**
 * A run from start to end: one at a time per session, the agent's events folded into the reply
 * and numbered out to the session's windows, checkpointed while it streams, stopped from anyone,
 * and ended exactly once; then the notes that waited for it are written and the session is named.
 */
export class RunLifecycle {
  private closing = false;

  constructor(private readonly options: RunLifecycleOptions) {}

  /** The session's channel, when a run may start there now; refuses with a readable reason. */
  idleChannel(sessionId: string): SessionChannel {
    if (this.closing) throw new RpcError('busy', 'Navi is shutting down.');
    this.options.store.requireSession(sessionId);
    const channel = this.options.channels.open(sessionId);
    if (channel.activeRun) {
      throw new RpcError(
        'busy',
        'Navi is still replying in this conversation. Wait for the reply to finish or stop it first.',
      );
    }
    return channel;
  }

  begin(
    channel: SessionChannel,
    prompt: Message,
    origin: MessageOrigin,
    reply: ReplyTarget = {},
    recall?: RecallRunOptions,
  ): StartedRun {
    const { sessionId } = channel;
    const { store, clock, newId, logger } = this.options;
    let resolveDone!: (outcome: RunOutcome) => void;
    const runId = newId();
    const replyId = reply.replyId ?? newId();
    const run: ActiveRun = {
      runId,
      replyId,
      origin,
      prompt,
      replaces: reply.replaces ?? false,
      startedAt: clock.now(),
      controller: new AbortController(),
      parts: [],
      // The text so far, stored as `interrupted` until the run stores how it really ended.
      checkpoint: new ReplyCheckpoint(
        () =>
          store.writeReply({
            id: replyId,
            sessionId,
            parentId: prompt.id,
            role: 'assistant',
            parts: run.parts,
            status: 'interrupted',
            origin,
          }),
        clock,
        logger,
      ),
      done: new Promise<RunOutcome>((resolve) => (resolveDone = resolve)),
      interactions: new RunInteractions({
        sessionId,
        runId,
        origin,
        emit: (event) => channel.emit(event),
        clock,
        newId,
        logger,
        unattended:
          recall && this.options.unattendedElicitation ? this.options.unattendedElicitation(recall) : declineUnattended,
      }),
      unattendedPolicy: recall?.unattendedPolicy,
    };
    run.gate = this.options.toolApprovals?.forRun({
      sessionId,
      runId: run.runId,
      origin,
      recall,
      signal: run.controller.signal,
      show: (approval) => this.showApproval(channel, run, approval),
    });
    channel.activeRun = run;
    channel.emit({
      type: 'run-started',
      runId: run.runId,
      origin,
      prompt,
      replyId: run.replyId,
      forks: runForks(store, sessionId, run),
    });
    this.options.updates.listChanged(sessionId);
    void this.drive(channel, run).then(resolveDone, (error: unknown) => {
      // drive never rejects; should it ever, the run still ends and the session is not left busy.
      logger.error(`Run ${runId} ended abnormally:`, error);
      if (channel.activeRun === run) channel.activeRun = undefined;
      resolveDone({ runId, status: 'error', errorKind: 'internal', error: readableError(error) });
    });
    return { runId: run.runId, messageId: prompt.id, replyId: run.replyId, done: run.done };
  }

  /** Aborts the session's active run, from whichever window asks. False when nothing was running. */
  stop(sessionId: string): boolean {
    const run = this.options.channels.find(sessionId)?.activeRun;
    if (!run || run.controller.signal.aborted) return false;
    run.controller.abort();
    return true;
  }

  /** The session was deleted: its run ends with an error saying so, then its windows are told. */
  abortDeleted(run: ActiveRun): void {
    run.controller.abort(SESSION_DELETED);
  }

  /** Refuses new runs, stops every run, waits (briefly) for their partial replies to be stored. */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    const runs = this.options.channels.activeRuns();
    for (const run of runs) run.controller.abort(SHUTTING_DOWN);
    await Promise.race([
      Promise.all(runs.map((run) => run.done)),
      new Promise((resolve) => this.options.clock.setTimeout(() => resolve(undefined), timeoutMs)),
    ]);
  }

  /** An approval's state goes into the reply so far (snapshots show it) and to every window. */
  private showApproval(channel: SessionChannel, run: ActiveRun, approval: ToolApprovalPart): void {
    if (channel.activeRun !== run) return;
    run.parts = foldReplyPiece(run.parts, { type: 'tool-approval', approval });
    channel.emit({ type: 'tool-approval', runId: run.runId, approval });
  }

  /**
   * A run in three turns of the event loop at least: the one that stored its prompt, then the
   * agent's events from the next (each later event in whatever turn it arrives), then its end, a
   * turn after the last event. An agent that answers at once (an error, a cached or scripted
   * answer, a recall's quick check) would otherwise start, stream, store and end a run, and
   * record the recall behind it, in the turn that started it: a burst of recalls held the core's
   * thread that long once per recall.
   */
  private async drive(channel: SessionChannel, run: ActiveRun): Promise<RunOutcome> {
    const { signal } = run.controller;
    let failure: { readonly error: unknown } | undefined;
    try {
      await nextTurn();
      signal.throwIfAborted();
      const { store } = this.options;
      // A retry's old reply is not part of what the model sees.
      const history = store.activePath(channel.sessionId).filter((m) => m.id !== run.replyId);
      const session = store.requireSession(channel.sessionId);
      const events = this.options.agent().run({
        conversation: {
          profileId: session.profileId,
          providerId: session.model?.providerId ?? null,
          model: session.model?.model ?? null,
          instructions: session.instructions,
        },
        sessionId: channel.sessionId,
        runId: run.runId,
        history,
        origin: run.origin,
        signal,
        interaction: run.interactions ? (toolCallId) => run.interactions!.forToolCall(toolCallId) : undefined,
        gate: run.gate,
        unattendedPolicy: run.unattendedPolicy,
      });
      const iterator = events[Symbol.asyncIterator]();
      // Each step rejects on abort, so a run ends promptly even when an agent ignores its signal.
      const steps = new AbortableSteps(signal);
      try {
        for (;;) {
          const next = await steps.next(iterator.next());
          if (next.done) break;
          this.apply(channel, run, next.value);
        }
      } finally {
        steps.dispose();
        if (signal.aborted) void iterator.return?.(undefined)?.catch(() => {});
      }
    } catch (error) {
      // Whatever was thrown, even `undefined` or an object without a prototype, is a failure.
      if (!signal.aborted) failure = { error };
    }
    run.checkpoint.dispose();
    const status = failure ? 'error' : signal.aborted ? 'stopped' : 'completed';
    // Stored in a turn after the last event. How it ended is settled: a stop meanwhile comes after a
    // whole reply (a deletion is still seen, by finish).
    await nextTurn();
    let outcome: RunOutcome;
    try {
      outcome = this.options.ending.finish(channel, run, status, failure?.error);
    } catch (finishError) {
      outcome = this.options.ending.lastResort(channel, run, finishError);
    } finally {
      channel.activeRun = undefined;
    }
    if (signal.reason === SESSION_DELETED) this.options.channels.closeDeleted(channel);
    else {
      this.options.notes.writeDeferred(channel);
      this.options.updates.listChanged(channel.sessionId);
      if (outcome.status === 'completed') this.options.titles.maybeName(channel.sessionId);
      channel.checkIdle();
    }
    return outcome;
  }

  private apply(channel: SessionChannel, run: ActiveRun, event: AgentEvent): void {
    if (event.type === 'usage') {
      run.model = event.model;
      if (event.usage) run.usage = addUsage(run.usage, event.usage);
      return;
    }
    if (event.type === 'status') {
      run.status = event.status;
      channel.emit({ type: 'run-status', runId: run.runId, status: event.status });
      return;
    }
    if (endsWaiting(event)) run.status = undefined;
    run.parts = foldReplyPiece(run.parts, event);
    if (event.type === 'tool-result') run.interactions?.toolFinished(event.toolCallId);
    channel.emit({ ...event, runId: run.runId } as UnsequencedEvent);
    run.checkpoint.changed();
  }
}

function addUsage(total: TokenUsage | undefined, more: TokenUsage): TokenUsage {
  return {
    inputTokens: (total?.inputTokens ?? 0) + more.inputTokens,
    outputTokens: (total?.outputTokens ?? 0) + more.outputTokens,
  };
}
