import { randomUUID } from 'node:crypto';
import type {
  ApprovalAnswer,
  Forks,
  MessageOrigin,
  MessagePart,
  Session,
  SessionSnapshot,
  SessionSummary,
} from '../../shared/contract';
import { RpcError, type Disposable } from '../../shared/rpc';
import type { Agent } from '../agent/types';
import type { ToolApprovals } from '../approvals/toolApprovals';
import type { AppEventBus } from '../events/appEventBus';
import { systemClock, type Clock, type Logger } from '../ports';
import type { SessionStore } from '../store/sessionStore';
import { BranchEdits } from './branchEdits';
import { DEFAULT_COALESCING, type CoalescingOptions, type StreamSink } from './coalescingSubscriber';
import { partialReply, runForks } from './liveReply';
import { RunEnding } from './runEnding';
import type { UnattendedElicitationPolicy } from './runInteractions';
import { RunLifecycle, type RecallRunOptions, type RunIds, type StartedRun } from './runLifecycle';
import { DEFAULT_BUFFER_CAPACITY, SessionChannels } from './sessionChannels';
import { SessionNotes } from './sessionNotes';
import { SessionTitles, type TitleGenerator } from './sessionTitles';
import { SessionUpdates } from './sessionUpdates';

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
  readonly titleGenerator?: TitleGenerator;
  /**
   * How a server's question in a recall run is answered, given the recall (its unattended policy);
   * without it, or for a recall-origin run without a recall, it is declined and the run carries on.
   */
  readonly unattendedElicitation?: (recall: RecallRunOptions) => UnattendedElicitationPolicy;
  /** Tool policies and approvals; without it every tool call runs (agent-level tests). */
  readonly toolApprovals?: ToolApprovals;
}

/**
 * Runs the agent in sessions: one active run per session, every event numbered and streamed to
 * every subscriber of that session, replay for late subscribers, stop from anyone, and exactly one
 * terminal event (completed, stopped or error) per run. The services' one entry point; the work is
 * done by the parts it wires together here.
 */
export class Orchestrator implements Disposable {
  private readonly store: SessionStore;
  private readonly bus: AppEventBus;
  private readonly channels: SessionChannels;
  private readonly updates: SessionUpdates;
  private readonly notes: SessionNotes;
  private readonly titles: SessionTitles;
  private readonly runs: RunLifecycle;
  private readonly branches: BranchEdits;

  constructor(options: OrchestratorOptions) {
    const { store, bus, logger } = options;
    const clock = options.clock ?? systemClock;
    this.store = store;
    this.bus = bus;
    this.channels = new SessionChannels({
      store,
      clock,
      capacity: options.bufferCapacity ?? DEFAULT_BUFFER_CAPACITY,
      coalescing: { ...DEFAULT_COALESCING, ...options.coalescing },
    });
    this.updates = new SessionUpdates({ store, bus, channels: this.channels });
    this.notes = new SessionNotes({ store, channels: this.channels, updates: this.updates, logger });
    this.titles = new SessionTitles({ store, updates: this.updates, logger, titleGenerator: options.titleGenerator });
    this.runs = new RunLifecycle({
      store,
      agent: options.agent,
      clock,
      newId: options.newId ?? randomUUID,
      logger,
      channels: this.channels,
      updates: this.updates,
      notes: this.notes,
      titles: this.titles,
      ending: new RunEnding({ store, clock, logger }),
      unattendedElicitation: options.unattendedElicitation,
      toolApprovals: options.toolApprovals,
    });
    this.branches = new BranchEdits({ store, runs: this.runs, channels: this.channels });
  }

  /** Live session state currently held in memory (for leak checks and benchmarks). */
  get liveSessionCount(): number {
    return this.channels.size;
  }

  /** Whether a window follows the conversation now (is subscribed to it). */
  isWatched(sessionId: string): boolean {
    return this.channels.isWatched(sessionId);
  }

  isBusy(sessionId: string): boolean {
    return this.channels.isBusy(sessionId);
  }

  summary(session: Session): SessionSummary {
    return this.updates.summary(session);
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
    const channel = this.runs.idleChannel(sessionId);
    const prompt = this.store.appendMessage({
      ...(ids.promptId ? { id: ids.promptId } : {}),
      sessionId,
      role: 'user',
      parts: [{ type: 'text', text }, ...attached],
      status: 'complete',
      origin,
    });
    return this.runs.begin(channel, prompt, origin, { replyId: ids.replyId }, ids.recall);
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
    const channel = this.runs.idleChannel(sessionId);
    if (!this.canRerun(sessionId, promptId, replyId)) {
      throw new RpcError('conflict', 'The conversation moved on since that prompt; it cannot be run again in place.');
    }
    return this.runs.begin(
      channel,
      this.store.requireMessage(sessionId, promptId),
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
    const path = this.store.activePath(sessionId);
    const index = path.findIndex((message) => message.id === promptId);
    if (index < 0 || path[index]!.role !== 'user') return false;
    return path.slice(index + 1).every((message) => message.id === replyId || message.role === 'system');
  }

  /** Sends an edited version of a person's message: a new branch from where that message was. */
  edit(sessionId: string, messageId: string, text: string): StartedRun {
    return this.branches.edit(sessionId, messageId, text);
  }

  /** Writes a new reply in place of `messageId`: a sibling, or in place of a failed one (BranchEdits.regenerate). */
  regenerate(sessionId: string, messageId: string, origin: MessageOrigin = 'user'): StartedRun {
    return this.branches.regenerate(sessionId, messageId, origin);
  }

  /** Shows another branch in every window on the session; the model and recalls continue from it. */
  switchBranch(sessionId: string, messageId: string): { leafId: string } {
    return this.branches.switchBranch(sessionId, messageId);
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
    const interactions = this.channels.find(sessionId)?.activeRun?.interactions;
    return interactions ? interactions.answer(elicitationId, action, content) : false;
  }

  /** Aborts the session's active run, from whichever window asks. False when nothing was running. */
  stop(sessionId: string): boolean {
    return this.runs.stop(sessionId);
  }

  /** Answers a pending approval card, from whichever window. False when it is no longer waiting. */
  answerApproval(sessionId: string, approvalId: string, answer: ApprovalAnswer): boolean {
    return this.channels.find(sessionId)?.activeRun?.gate?.answer(approvalId, answer) ?? false;
  }

  /**
   * Everything needed to show the session now (a page of its active branch, the forks on it, the
   * reply being written), and the seq to follow on from.
   */
  snapshot(sessionId: string, page: { before?: string; limit?: number } = {}): SessionSnapshot {
    const { store } = this;
    const session = store.requireSession(sessionId);
    const { messages, hasMore } = store.pageMessages(sessionId, page);
    const channel = this.channels.find(sessionId);
    const run = channel?.activeRun;
    const forks = store.forksOf(
      sessionId,
      messages.map((message) => message.parentId),
    );
    if (run && page.before === undefined) Object.assign(forks, pickForks(runForks(store, sessionId, run)));
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
              partial: partialReply(run),
              ...(run.status ? { status: run.status } : {}),
            },
          }
        : {}),
    };
  }

  /** Follows a session's events from `fromSeq` (replay, then live). */
  subscribe(sessionId: string, fromSeq: number, sink: StreamSink): Disposable {
    this.store.requireSession(sessionId);
    return this.channels.open(sessionId).subscribe(fromSeq, sink);
  }

  /** Tells every window's list about a new session (no window can be following it yet). */
  sessionCreated(session: Session): void {
    this.updates.created(session);
  }

  /** Tells the session's windows and every window's list that the session changed. */
  sessionChanged(session: Session): void {
    this.updates.changed(session);
  }

  /**
   * Writes a line of Navi's own into the conversation (a note about a recall) at the end of the
   * branch on screen, and shows it live. While a run is active there, it waits until the run has
   * ended, so it never lands between a prompt and its reply.
   */
  addNote(sessionId: string, text: string): void {
    this.notes.add(sessionId, text);
  }

  /**
   * Deletes a session with its messages. A run in it is aborted and ends with an error saying so;
   * its windows are told; `session-deleted` goes out on the bus for other parts (recalls) to hook.
   */
  deleteSession(sessionId: string): boolean {
    const deleted = this.store.deleteSession(sessionId);
    const channel = this.channels.find(sessionId);
    if (channel?.activeRun) this.runs.abortDeleted(channel.activeRun);
    else if (channel) this.channels.closeDeleted(channel);
    if (deleted) this.bus.publish({ type: 'session-deleted', sessionId });
    return deleted;
  }

  /** Stops every run, waits (briefly) for their partial replies to be stored. */
  async close(timeoutMs = 3000): Promise<void> {
    this.titles.close();
    await this.runs.close(timeoutMs);
    this.channels.closeAll();
  }

  dispose(): void {
    void this.close();
  }
}

/** Only real forks (more than one child), as snapshots list them. */
function pickForks(forks: Forks): Forks {
  return Object.fromEntries(Object.entries(forks).filter(([, children]) => children.length > 1));
}
