import { randomUUID } from 'node:crypto';
import {
  forkKey,
  type Forks,
  type ApprovalAnswer,
  type Message,
  type MessageOrigin,
  type MessagePart,
  type Session,
  type SessionSnapshot,
  type SessionSummary,
  type TokenUsage,
  type ToolApprovalPart,
  type UnattendedPolicy,
} from '../../shared/contract';
import { RpcError, type Disposable } from '../../shared/rpc';
import { AgentError, type Agent, type AgentEvent } from '../agent/types';
import type { ToolApprovals } from '../approvals/toolApprovals';
import type { AppEventBus } from '../events/appEventBus';
import { systemClock, type Clock, type Logger } from '../ports';
import { DEFAULT_SESSION_TITLE, type SessionStore } from '../store/sessionStore';
import { DEFAULT_COALESCING, type CoalescingOptions, type StreamSink } from './coalescingSubscriber';
import { ReplyCheckpoint } from './replyCheckpoint';
import { endsWaiting, foldReplyPiece } from '../../shared/chat/replyFold';
import { declineUnattended, RunInteractions, type UnattendedElicitationPolicy } from './runInteractions';
import { SessionChannel, type ActiveRun, type RunOutcome, type UnsequencedEvent } from './sessionChannel';
import { AbortableSteps } from '../abort';

export type { RunOutcome } from './sessionChannel';

export interface OrchestratorOptions {
  readonly store: SessionStore;
  /** Asked for the agent at the start of each run, so settings changes apply to the next run. */
  readonly agent: () => Agent;
  readonly bus: AppEventBus;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly newId?: () => string;
  /** Events kept per session for windows that join or reconnect late. */
  readonly bufferCapacity?: number;
  readonly coalescing?: Partial<CoalescingOptions>;
  /** Names a new conversation after its first exchange. */
  readonly titleGenerator?: (history: readonly Message[], signal: AbortSignal) => Promise<string>;
  /**
   * How a server's question in a recall run is answered, given the recall (its unattended policy);
   * without it, or for a recall-origin run without a recall, it is declined and the run carries on.
   */
  readonly unattendedElicitation?: (recall: RecallRunOptions) => UnattendedElicitationPolicy;
  /** Tool policies and approvals; without it every tool call runs (agent-level tests). */
  readonly toolApprovals?: ToolApprovals;
}

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

/** Why a run was aborted, so its end can be told apart: a person's stop or a deleted session. */
const SESSION_DELETED = Symbol('session deleted');
const SHUTTING_DOWN = Symbol('shutting down');

export const DEFAULT_BUFFER_CAPACITY = 4096;

/**
 * Runs the agent in sessions: one active run per session, every event numbered and streamed to
 * every subscriber of that session, replay for late subscribers, stop from anyone, and exactly one
 * terminal event (completed, stopped or error) per run.
 */
export class Orchestrator implements Disposable {
  private readonly channels = new Map<string, SessionChannel>();
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly capacity: number;
  private readonly coalescing: CoalescingOptions;
  private readonly background = new Set<AbortController>();
  private closing = false;

  constructor(private readonly options: OrchestratorOptions) {
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomUUID;
    this.capacity = options.bufferCapacity ?? DEFAULT_BUFFER_CAPACITY;
    this.coalescing = { ...DEFAULT_COALESCING, ...options.coalescing };
  }

  /** Live session state currently held in memory (for leak checks and benchmarks). */
  get liveSessionCount(): number {
    return this.channels.size;
  }

  /** Whether a window follows the conversation now (is subscribed to it). */
  isWatched(sessionId: string): boolean {
    return (this.channels.get(sessionId)?.subscriberCount ?? 0) > 0;
  }

  isBusy(sessionId: string): boolean {
    return this.channels.get(sessionId)?.activeRun !== undefined;
  }

  summary(session: Session): SessionSummary {
    return { ...session, busy: this.isBusy(session.id) };
  }

  private channel(sessionId: string): SessionChannel {
    let channel = this.channels.get(sessionId);
    if (!channel) {
      channel = new SessionChannel(
        sessionId,
        this.options.store.lastSeq(sessionId),
        this.capacity,
        this.clock,
        this.coalescing,
        (idle) => this.release(idle),
      );
      this.channels.set(sessionId, channel);
    }
    return channel;
  }

  /** Frees a session's live state once nothing runs or watches there; its seq lives on in the store. */
  private release(channel: SessionChannel): void {
    if (this.channels.get(channel.sessionId) !== channel || !channel.isIdle) return;
    this.channels.delete(channel.sessionId);
    if (this.options.store.getSession(channel.sessionId))
      this.options.store.recordSeq(channel.sessionId, channel.lastSeq);
  }

  /**
   * Starts a run with `text` as the prompt, at the end of the active branch. Refused with `busy`
   * while another run is active in the session: user runs and recall runs are serialised by this.
   */
  startRun(
    sessionId: string,
    text: string,
    origin: MessageOrigin = 'user',
    /** Context sent with the text (MCP resources), stored in the prompt after its text. */
    attached: readonly MessagePart[] = [],
    ids: RunIds & { readonly recall?: RecallRunOptions } = {},
  ): StartedRun {
    const channel = this.idleChannel(sessionId);
    const prompt = this.options.store.appendMessage({
      ...(ids.promptId ? { id: ids.promptId } : {}),
      sessionId,
      role: 'user',
      parts: [{ type: 'text', text }, ...attached],
      status: 'complete',
      origin,
    });
    return this.begin(channel, prompt, origin, { replyId: ids.replyId }, ids.recall);
  }

  /**
   * Runs again from the stored prompt `promptId` and rewrites the reply stored under `replyId` in
   * place (a recall's retry after a failed or interrupted try), when `canRerun` says it may: the
   * conversation shows one prompt and one reply however many tries it took.
   */
  rerun(
    sessionId: string,
    promptId: string,
    replyId: string,
    origin: MessageOrigin,
    recall?: RecallRunOptions,
  ): StartedRun {
    const channel = this.idleChannel(sessionId);
    if (!this.canRerun(sessionId, promptId, replyId)) {
      throw new RpcError('conflict', 'The conversation moved on since that prompt; it cannot be run again in place.');
    }
    return this.begin(
      channel,
      this.options.store.requireMessage(sessionId, promptId),
      origin,
      { replyId, replaces: true },
      recall,
    );
  }

  /**
   * Whether `rerun` may start from `promptId`: the prompt is on the branch on screen and nothing but
   * its reply `replyId` (if that was stored) and Navi's own notes came after it.
   */
  canRerun(sessionId: string, promptId: string, replyId: string): boolean {
    const path = this.options.store.activePath(sessionId);
    const index = path.findIndex((message) => message.id === promptId);
    if (index < 0 || path[index]!.role !== 'user') return false;
    return path.slice(index + 1).every((message) => message.id === replyId || message.role === 'system');
  }

  /** Sends an edited version of a person's message: a new branch from where that message was. */
  edit(sessionId: string, messageId: string, text: string): StartedRun {
    const channel = this.idleChannel(sessionId);
    const { store } = this.options;
    const original = store.requireMessage(sessionId, messageId);
    if (original.role !== 'user') throw new RpcError('invalid_input', 'Only your own messages can be edited.');
    const prompt = store.appendMessage({
      sessionId,
      parentId: original.parentId,
      role: 'user',
      // What was attached to the original (files, resources) goes with the edited text.
      parts: [{ type: 'text', text }, ...original.parts.filter((part) => part.type !== 'text')],
      status: 'complete',
      origin: 'user',
    });
    return this.begin(channel, prompt, 'user');
  }

  /**
   * Writes a new reply in place of `messageId` (a reply; or a prompt, whose reply is replaced).
   * The new reply is a sibling of the old one, except that a failed reply at the end of a branch is
   * replaced outright: trying again never stores the prompt twice or keeps the failure around.
   */
  regenerate(sessionId: string, messageId: string, origin: MessageOrigin = 'user'): StartedRun {
    const channel = this.idleChannel(sessionId);
    const { store } = this.options;
    const target = store.requireMessage(sessionId, messageId);
    const promptId = target.role === 'assistant' ? target.parentId : target.id;
    if (promptId === null) throw new RpcError('invalid_input', 'There is nothing before this message to reply to.');
    const replaced =
      target.role === 'assistant'
        ? target
        : this.replyOnActiveBranch(sessionId, target.id, store.activePath(sessionId));
    if (replaced && isFailed(replaced) && store.childrenOf(sessionId, replaced.id).length === 0) {
      store.deleteMessage(sessionId, replaced.id);
    }
    store.setActiveLeaf(sessionId, promptId);
    return this.begin(channel, store.requireMessage(sessionId, promptId), origin);
  }

  /**
   * Shows another branch (`messageId` and what follows it where it was last left) in every window
   * on the session; the model and recalls continue from it.
   */
  switchBranch(sessionId: string, messageId: string): { leafId: string } {
    this.idleChannel(sessionId);
    const leafId = this.options.store.selectBranch(sessionId, messageId);
    this.emitRecorded(sessionId, { type: 'branch-switched', leafId });
    return { leafId };
  }

  private replyOnActiveBranch(sessionId: string, promptId: string, path: readonly Message[]): Message | undefined {
    const index = path.findIndex((message) => message.id === promptId);
    const next = index >= 0 ? path[index + 1] : undefined;
    return next?.role === 'assistant' ? next : undefined;
  }

  /** The session's channel, when a run may start there now; refuses with a readable reason. */
  private idleChannel(sessionId: string): SessionChannel {
    if (this.closing) throw new RpcError('busy', 'Navi is shutting down.');
    this.options.store.requireSession(sessionId);
    const channel = this.channel(sessionId);
    if (channel.activeRun) {
      throw new RpcError(
        'busy',
        'Navi is still replying in this conversation. Wait for the reply to finish or stop it first.',
      );
    }
    return channel;
  }

  private begin(
    channel: SessionChannel,
    prompt: Message,
    origin: MessageOrigin,
    reply: { readonly replyId?: string; readonly replaces?: boolean } = {},
    recall?: RecallRunOptions,
  ): StartedRun {
    const { sessionId } = channel;
    const { store } = this.options;
    let resolveDone!: (outcome: RunOutcome) => void;
    const runId = this.newId();
    const replyId = reply.replyId ?? this.newId();
    const run: ActiveRun = {
      runId,
      replyId,
      origin,
      prompt,
      replaces: reply.replaces ?? false,
      startedAt: this.clock.now(),
      controller: new AbortController(),
      parts: [],
      // The text so far, stored as `interrupted` until the run stores how it really ended.
      checkpoint: new ReplyCheckpoint(
        () =>
          store.saveReply({
            id: replyId,
            sessionId,
            parentId: prompt.id,
            role: 'assistant',
            parts: run.parts,
            status: 'interrupted',
            origin,
          }),
        this.clock,
        this.options.logger,
      ),
      done: new Promise<RunOutcome>((resolve) => (resolveDone = resolve)),
      interactions: new RunInteractions({
        sessionId,
        runId,
        origin,
        emit: (event) => channel.emit(event),
        clock: this.clock,
        newId: this.newId,
        logger: this.options.logger,
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
      forks: this.runForks(sessionId, run),
    });
    this.publishChanged(sessionId);
    void this.drive(channel, run).then(resolveDone, (error: unknown) => {
      // drive never rejects; should it ever, the run still ends and the session is not left busy.
      this.options.logger.error(`Run ${runId} ended abnormally:`, error);
      if (channel.activeRun === run) channel.activeRun = undefined;
      resolveDone({ runId, status: 'error', errorKind: 'internal', error: readableError(error) });
    });
    return { runId: run.runId, messageId: prompt.id, replyId: run.replyId, done: run.done };
  }

  /** Children of the prompt's parent and of the prompt, counting the reply being written. */
  private runForks(sessionId: string, run: ActiveRun): Forks {
    const { store } = this.options;
    const { prompt } = run;
    return {
      [forkKey(prompt.parentId)]: store.childrenOf(sessionId, prompt.parentId),
      // A retry rewrites a reply that is already one of the children.
      [prompt.id]: [...new Set([...store.childrenOf(sessionId, prompt.id), run.replyId])],
    };
  }

  /**
   * Answers a server's question in the session's running reply, from whichever window. False when
   * it is no longer pending; an accepted answer that does not fit the form throws a readable RpcError.
   */
  answerElicitation(
    sessionId: string,
    elicitationId: string,
    action: 'accept' | 'decline' | 'cancel',
    content?: Record<string, unknown>,
  ): boolean {
    const interactions = this.channels.get(sessionId)?.activeRun?.interactions;
    return interactions ? interactions.answer(elicitationId, action, content) : false;
  }

  /** Aborts the session's active run, from whichever window asks. False when nothing was running. */
  stop(sessionId: string): boolean {
    const run = this.channels.get(sessionId)?.activeRun;
    if (!run || run.controller.signal.aborted) return false;
    run.controller.abort();
    return true;
  }

  /** Answers a pending approval card, from whichever window. False when it is no longer waiting. */
  answerApproval(sessionId: string, approvalId: string, answer: ApprovalAnswer): boolean {
    return this.channels.get(sessionId)?.activeRun?.gate?.answer(approvalId, answer) ?? false;
  }

  /** An approval's state goes into the reply so far (snapshots show it) and to every window. */
  private showApproval(channel: SessionChannel, run: ActiveRun, approval: ToolApprovalPart): void {
    if (channel.activeRun !== run) return;
    run.parts = foldReplyPiece(run.parts, { type: 'tool-approval', approval });
    channel.emit({ type: 'tool-approval', runId: run.runId, approval });
  }

  private async drive(channel: SessionChannel, run: ActiveRun): Promise<RunOutcome> {
    const { signal } = run.controller;
    let failure: { readonly error: unknown } | undefined;
    try {
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
    let outcome: RunOutcome;
    try {
      outcome = this.finish(channel, run, status, failure?.error);
    } catch (finishError) {
      outcome = this.lastResort(channel, run, finishError);
    } finally {
      channel.activeRun = undefined;
    }
    if (signal.reason === SESSION_DELETED) this.closeDeleted(channel);
    else {
      this.writeDeferredNotes(channel);
      this.publishChanged(channel.sessionId);
      if (outcome.status === 'completed') this.maybeNameSession(channel.sessionId);
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

  /**
   * Stores what the run produced and emits its one terminal event. A stopped run keeps its reply as
   * `partial`, also one stopped before its first word (the conversation shows it was stopped); one
   * cut short by Navi closing keeps it as `interrupted`.
   */
  private finish(channel: SessionChannel, run: ActiveRun, status: RunOutcome['status'], error?: unknown): RunOutcome {
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
      channel.emit({ type: 'run-completed', runId, message: message ?? this.unsaved(channel, run, parts) });
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
  private lastResort(channel: SessionChannel, run: ActiveRun, error: unknown): RunOutcome {
    this.options.logger.error(`Run ${run.runId} could not finish normally:`, error);
    const text = readableError(error);
    try {
      channel.emit({ type: 'run-error', runId: run.runId, error: text });
    } catch {
      // The subscribers are broken too; the stored state is what windows reload.
    }
    return { runId: run.runId, status: 'error', errorKind: 'internal', error: text };
  }

  private unsaved(channel: SessionChannel, run: ActiveRun, parts: MessagePart[]): Message {
    return { ...this.partialReply(run), parts, status: 'complete', createdAt: this.clock.now() };
  }

  private partialReply(run: ActiveRun): Message {
    return {
      id: run.replyId,
      sessionId: run.prompt.sessionId,
      parentId: run.prompt.id,
      position: run.prompt.position + 1,
      role: 'assistant',
      parts: [...run.parts],
      status: 'partial',
      origin: run.origin,
      createdAt: run.startedAt,
    };
  }

  /**
   * Everything needed to show the session now (a page of its active branch, the forks on it, the
   * reply being written), and the seq to follow on from.
   */
  snapshot(sessionId: string, page: { before?: string; limit?: number } = {}): SessionSnapshot {
    const { store } = this.options;
    const session = store.requireSession(sessionId);
    const { messages, hasMore } = store.pageMessages(sessionId, page);
    const channel = this.channels.get(sessionId);
    const run = channel?.activeRun;
    const forks = store.forksOf(
      sessionId,
      messages.map((message) => message.parentId),
    );
    if (run && page.before === undefined) Object.assign(forks, pickForks(this.runForks(sessionId, run)));
    return {
      session,
      // The active run's reply is checkpointed in the store; it is shown once, as the live reply.
      messages: run ? messages.filter((message) => message.id !== run.replyId) : messages,
      hasMore,
      forks,
      usage: store.usageTotal(sessionId),
      seq: channel ? channel.lastSeq : store.lastSeq(sessionId),
      ...(run
        ? {
            activeRun: {
              runId: run.runId,
              origin: run.origin,
              toolProgress: run.interactions?.toolProgress ?? [],
              elicitations: run.interactions?.pendingElicitations ?? [],
              partial: this.partialReply(run),
              ...(run.status ? { status: run.status } : {}),
            },
          }
        : {}),
    };
  }

  /** Follows a session's events from `fromSeq` (replay, then live). */
  subscribe(sessionId: string, fromSeq: number, sink: StreamSink): Disposable {
    this.options.store.requireSession(sessionId);
    return this.channel(sessionId).subscribe(fromSeq, sink);
  }

  /**
   * Emits an event to the session's windows and records its seq, through a channel even when
   * nothing watches (made for the moment, released when idle): the seq moves on, so a window whose
   * snapshot came just before and subscription just after is told to reload, not left stale.
   */
  private emitRecorded(sessionId: string, event: UnsequencedEvent): void {
    const channel = this.channel(sessionId);
    channel.emit(event);
    this.options.store.recordSeq(sessionId, channel.lastSeq);
    channel.checkIdle();
  }

  /** Tells every window's list about a new session (no window can be following it yet). */
  sessionCreated(session: Session): void {
    this.options.bus.publish({ type: 'session-changed', session: this.summary(session) });
  }

  /** Tells the session's windows and every window's list that the session changed. */
  sessionChanged(session: Session): void {
    this.emitRecorded(session.id, { type: 'session-updated', session });
    this.options.bus.publish({ type: 'session-changed', session: this.summary(session) });
  }

  /**
   * Writes a line of Navi's own into the conversation (a note about a recall) at the end of the
   * branch on screen, and shows it live. While a run is active there, it waits until the run has
   * ended, so it never lands between a prompt and its reply.
   */
  addNote(sessionId: string, text: string): void {
    const channel = this.channel(sessionId);
    if (channel.activeRun) channel.deferredNotes.push(text);
    else this.writeNote(sessionId, text, channel);
  }

  /** Through the session's channel (made for the moment if nothing watches), for the reason emitRecorded gives. */
  private writeNote(sessionId: string, text: string, channel: SessionChannel): void {
    const stored = this.options.store.appendMessage(
      { sessionId, role: 'system', parts: [{ type: 'text', text }], status: 'complete', origin: 'recall' },
      channel.lastSeq + 1,
    );
    channel.emit({ type: 'message-added', message: stored });
    channel.checkIdle();
    this.publishChanged(sessionId);
  }

  private writeDeferredNotes(channel: SessionChannel): void {
    for (const text of channel.deferredNotes.splice(0)) {
      try {
        this.writeNote(channel.sessionId, text, channel);
      } catch (error) {
        this.options.logger.warn(`Could not write a note into ${channel.sessionId}:`, error);
      }
    }
  }

  /**
   * Deletes a session with its messages. A run in it is aborted and ends with an error saying so;
   * its windows are told; `session-deleted` goes out on the bus for other parts (recalls) to hook.
   */
  deleteSession(sessionId: string): boolean {
    const deleted = this.options.store.deleteSession(sessionId);
    const channel = this.channels.get(sessionId);
    if (channel?.activeRun) channel.activeRun.controller.abort(SESSION_DELETED);
    else if (channel) this.closeDeleted(channel);
    if (deleted) this.options.bus.publish({ type: 'session-deleted', sessionId });
    return deleted;
  }

  private closeDeleted(channel: SessionChannel): void {
    channel.emit({ type: 'session-deleted' });
    channel.closeAll();
    if (this.channels.get(channel.sessionId) === channel) this.channels.delete(channel.sessionId);
  }

  private publishChanged(sessionId: string): void {
    const session = this.options.store.getSession(sessionId);
    if (session) this.options.bus.publish({ type: 'session-changed', session: this.summary(session) });
  }

  private maybeNameSession(sessionId: string): void {
    const { titleGenerator, store, logger } = this.options;
    const session = store.getSession(sessionId);
    if (!titleGenerator || !session || session.title !== DEFAULT_SESSION_TITLE || this.closing) return;
    const controller = new AbortController();
    this.background.add(controller);
    titleGenerator(store.activePath(sessionId), controller.signal)
      .then((title) => {
        const current = store.getSession(sessionId);
        if (!current || current.title !== DEFAULT_SESSION_TITLE || controller.signal.aborted) return;
        this.sessionChanged(store.renameSession(sessionId, title.trim().slice(0, 200) || DEFAULT_SESSION_TITLE));
      })
      .catch((error: unknown) => logger.warn(`Could not name conversation ${sessionId}:`, error))
      .finally(() => this.background.delete(controller));
  }

  /** Stops every run, waits (briefly) for their partial replies to be stored. */
  async close(timeoutMs = 3000): Promise<void> {
    this.closing = true;
    for (const controller of this.background) controller.abort();
    const runs = [...this.channels.values()].flatMap((channel) => (channel.activeRun ? [channel.activeRun] : []));
    for (const run of runs) run.controller.abort(SHUTTING_DOWN);
    await Promise.race([
      Promise.all(runs.map((run) => run.done)),
      new Promise((resolve) => this.clock.setTimeout(() => resolve(undefined), timeoutMs)),
    ]);
    for (const channel of this.channels.values()) channel.closeAll();
    this.channels.clear();
  }

  dispose(): void {
    void this.close();
  }
}

const MAX_ERROR_CHARS = 1000;

/** A message a person can read, whatever was thrown (also `undefined` or an object without a prototype). */
export function readableError(error: unknown): string {
  if (error instanceof AgentError || error instanceof RpcError) {
    if (error.message.trim()) return error.message;
  }
  const details = errorDetails(error).trim().slice(0, MAX_ERROR_CHARS);
  return `Something went wrong inside Navi: ${details || 'the agent failed without saying why.'}`;
}

function addUsage(total: TokenUsage | undefined, more: TokenUsage): TokenUsage {
  return {
    inputTokens: (total?.inputTokens ?? 0) + more.inputTokens,
    outputTokens: (total?.outputTokens ?? 0) + more.outputTokens,
  };
}

function errorDetails(error: unknown): string {
  try {
    if (error instanceof Error) return error.message || error.name;
    if (typeof error === 'string') return error;
    if (typeof error === 'object' && error !== null) {
      const message = (error as { message?: unknown }).message;
      return typeof message === 'string' ? message : '';
    }
    if (typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint') return String(error);
    return '';
  } catch {
    return ''; // a getter that throws, a revoked proxy
  }
}

/** A reply that failed, or was cut short by Navi closing: trying again replaces it. */
function isFailed(message: Message): boolean {
  return (
    message.role === 'assistant' &&
    (message.status === 'interrupted' || message.parts.some((part) => part.type === 'error'))
  );
}

/** Only real forks (more than one child), as snapshots list them. */
function pickForks(forks: Forks): Forks {
  return Object.fromEntries(Object.entries(forks).filter(([, children]) => children.length > 1));
}
