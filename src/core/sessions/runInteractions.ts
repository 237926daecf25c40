import type { ElicitationAnswer, ElicitationRequest, ToolInteraction } from '../tools/types';
import {
  elicitationProblems,
  type ElicitationAction,
  type ElicitationResolution,
  type PendingElicitation,
} from '../../shared/contract/elicitation';
import type { MessageOrigin } from '../../shared/contract/messages';
import type { ToolProgress } from '../../shared/contract/toolProgress';
import { RpcError } from '../../shared/rpc/errors';
import type { Clock, Logger, TimerHandle } from '../ports';
import type { UnsequencedEvent } from './sessionChannel';

/** At most one progress event per tool call per this long; the latest value is always delivered. */
export const PROGRESS_INTERVAL_MS = 250;

/** How a question in a run nobody watches is answered (a recall run). */
export type UnattendedElicitationPolicy = (context: {
  readonly sessionId: string;
  readonly runId: string;
  readonly request: ElicitationRequest;
  /** Aborted once the question is settled any way (a person answered, withdrawn, or the server gave up). */
  readonly signal: AbortSignal;
}) => Promise<ElicitationAnswer>;

/**
 * Recall runs decline servers' questions and carry on, until the recall's unattended policy
 * (shared with tool approval: wait for the person, or deny and continue) decides instead.
 */
export const declineUnattended: UnattendedElicitationPolicy = async () => ({ action: 'decline' });

export interface RunInteractionsOptions {
  readonly sessionId: string;
  readonly runId: string;
  readonly origin: MessageOrigin;
  readonly emit: (event: UnsequencedEvent) => void;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
  readonly unattended: UnattendedElicitationPolicy;
}

interface Waiting {
  readonly question: PendingElicitation;
  readonly settle: (answer: ElicitationAnswer, resolution: ElicitationResolution) => void;
}

interface ProgressState {
  latest: ToolProgress;
  lastSentAt: number;
  timer: TimerHandle | undefined;
}

/**
 * What a run's tools show and ask while they work: progress for the tool cards (throttled, latest
 * kept for late windows' snapshots) and servers' questions, pending until any window answers, the
 * server withdraws it, the run stops, or, in a recall run, the unattended policy decides.
 */
export class RunInteractions {
  private readonly waiting = new Map<string, Waiting>();
  private readonly progress = new Map<string, ProgressState>();
  private disposed = false;

  constructor(private readonly options: RunInteractionsOptions) {}

  /** The questions waiting for an answer, oldest first. */
  get pendingElicitations(): PendingElicitation[] {
    return [...this.waiting.values()].map((waiting) => waiting.question);
  }

  /** The latest progress of each tool still running. */
  get toolProgress(): ToolProgress[] {
    return [...this.progress.values()].map((state) => state.latest);
  }

  forToolCall(toolCallId: string): ToolInteraction {
    return {
      reportProgress: (progress) => this.reportProgress(toolCallId, progress),
      elicit: (request, signal) => this.elicit(toolCallId, request, signal),
    };
  }

  /** The tool's result arrived: its progress is no longer shown. */
  toolFinished(toolCallId: string): void {
    const state = this.progress.get(toolCallId);
    if (state?.timer !== undefined) this.options.clock.clearTimeout(state.timer);
    this.progress.delete(toolCallId);
  }

  /**
   * A person's answer from any window. False when the question is no longer pending (answered
   * elsewhere first, or withdrawn); an accepted answer that does not fit the form is refused.
   */
  answer(elicitationId: string, action: ElicitationAction, content: Record<string, unknown> | undefined): boolean {
    const waiting = this.waiting.get(elicitationId);
    if (!waiting) return false;
    if (action !== 'accept') {
      waiting.settle({ action }, 'answered');
      return true;
    }
    const answer = (content ?? {}) as NonNullable<ElicitationAnswer['content']>;
    const problems = elicitationProblems(waiting.question.fields, answer);
    const names = Object.keys(problems);
    if (names.length > 0) {
      throw new RpcError(
        'invalid_input',
        `Check the answer: ${names.map((name) => `${name}: ${problems[name]}`).join('; ')}`,
        names.map((name) => ({ path: name, message: problems[name]! })),
      );
    }
    waiting.settle({ action: 'accept', content: answer }, 'answered');
    return true;
  }

  /** The run ended: questions still open are withdrawn (the server is told the person cancelled). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const waiting of [...this.waiting.values()]) waiting.settle({ action: 'cancel' }, 'withdrawn');
    for (const toolCallId of [...this.progress.keys()]) this.toolFinished(toolCallId);
  }

  private reportProgress(toolCallId: string, reported: { progress: number; total?: number; message?: string }): void {
    if (this.disposed || !Number.isFinite(reported.progress)) return;
    const latest: ToolProgress = {
      toolCallId,
      progress: reported.progress,
      total: typeof reported.total === 'number' && Number.isFinite(reported.total) ? reported.total : null,
      message: reported.message ? reported.message.slice(0, 500) : null,
    };
    const now = this.options.clock.now();
    let state = this.progress.get(toolCallId);
    if (!state) {
      state = { latest, lastSentAt: -Infinity, timer: undefined };
      this.progress.set(toolCallId, state);
    }
    state.latest = latest;
    const finished = latest.total !== null && latest.progress >= latest.total;
    if (finished || now - state.lastSentAt >= PROGRESS_INTERVAL_MS) {
      this.sendProgress(state);
      return;
    }
    if (state.timer !== undefined) return;
    const waitingState = state;
    state.timer = this.options.clock.setTimeout(
      () => {
        waitingState.timer = undefined;
        if (this.progress.get(toolCallId) === waitingState) this.sendProgress(waitingState);
      },
      PROGRESS_INTERVAL_MS - (now - state.lastSentAt),
    );
  }

  private sendProgress(state: ProgressState): void {
    if (state.timer !== undefined) this.options.clock.clearTimeout(state.timer);
    state.timer = undefined;
    state.lastSentAt = this.options.clock.now();
    this.options.emit({ type: 'tool-progress', runId: this.options.runId, progress: state.latest });
  }

  private elicit(toolCallId: string, request: ElicitationRequest, signal: AbortSignal): Promise<ElicitationAnswer> {
    if (this.disposed || signal.aborted) return Promise.resolve({ action: 'cancel' });
    const { runId } = this.options;
    const question: PendingElicitation = {
      id: this.options.newId(),
      toolCallId,
      serverName: request.serverName,
      message: request.message,
      fields: [...request.fields],
    };
    return new Promise<ElicitationAnswer>((resolve) => {
      // Ends whatever the unattended policy keeps waiting (its timer) once the question is settled.
      const settled = new AbortController();
      const settle = (answer: ElicitationAnswer, resolution: ElicitationResolution) => {
        if (!this.waiting.delete(question.id)) return;
        signal.removeEventListener('abort', withdraw);
        settled.abort();
        this.options.emit({
          type: 'elicitation-resolved',
          runId,
          elicitationId: question.id,
          action: answer.action,
          resolution,
        });
        resolve(answer);
      };
      const withdraw = () => settle({ action: 'cancel' }, 'withdrawn');
      this.waiting.set(question.id, { question, settle });
      signal.addEventListener('abort', withdraw, { once: true });
      this.options.emit({ type: 'elicitation-requested', runId, elicitation: question });
      if (this.options.origin === 'recall') {
        this.options.unattended({ sessionId: this.options.sessionId, runId, request, signal: settled.signal }).then(
          (answer) => settle(answer, 'unattended'),
          (error: unknown) => {
            this.options.logger.warn('The unattended answer to a server question failed:', error);
            settle({ action: 'decline' }, 'unattended');
          },
        );
      }
    });
  }
}
