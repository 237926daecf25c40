import { randomUUID } from 'node:crypto';
import {
  approvalNotificationTitle,
  toolDisplayName,
  UNATTENDED_APPROVAL_WAIT_MS,
  type ApprovalAnswer,
  type ApprovalDecider,
  type ApprovalState,
  type AppEvent,
  type MessageOrigin,
  type ToolApprovalPart,
  type ToolPolicy,
  type UnattendedPolicy,
} from '../../shared/contract';
import { abortReason } from '../abort';
import type { GateCall, GateVerdict, ToolCallGate } from '../agent/types';
import type { Clock, Logger, TimerHandle } from '../ports';
import { policyReason, resolveToolPolicy, sourceOf, toolTarget } from '../tools/toolPolicy';
import type { ToolPolicyStore } from '../tools/toolPolicyStore';
import type { ToolRegistry } from '../tools/toolRegistry';
import type { ToolDefinition, ToolSource } from '../tools/types';
import type { ToolRunLog } from './toolRunLog';
import { whenPersonNeeded } from './unattendedPolicy';

/** What the model reads when a call was refused, so it can carry on without it. */
export const REFUSAL_TEXT = {
  person:
    'The person using Navi refused this tool call, so it was not run. Carry on without it, and do not try it again unless they ask.',
  recallPolicy:
    "This tool call was not run: it needs the person's OK, and this scheduled recall run is set to deny such calls and continue. Carry on without it.",
  never: 'This tool is set to "Never" in the person\'s settings, so it was not run. Carry on without it.',
} as const;

const WAIT_MINUTES = Math.round(UNATTENDED_APPROVAL_WAIT_MS / 60_000);

export interface ToolApprovalsOptions {
  readonly tools: ToolRegistry;
  readonly policies: ToolPolicyStore;
  readonly log: ToolRunLog;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where `approval-needed` goes (the app event bus): windows and the tray notify. */
  readonly publish: (event: AppEvent) => void;
  readonly sessionTitle: (sessionId: string) => string;
  readonly newId?: () => string;
}

/** One run, as the gate sees it. */
export interface GatedRun {
  readonly sessionId: string;
  readonly runId: string;
  readonly origin: MessageOrigin;
  /** For a recall run: which recall, and what to do when a person's OK is needed. */
  readonly recall?: { readonly recallId: string; readonly unattendedPolicy: UnattendedPolicy };
  /** The run's own signal: a stop while waiting settles the card as stopped. */
  readonly signal: AbortSignal;
  /** Shows an approval's current state: in the reply's parts and to every window. */
  readonly show: (approval: ToolApprovalPart) => void;
}

/** Tool policies and approvals for every run: the orchestrator asks for one gate per run. */
export class ToolApprovals {
  private readonly newId: () => string;

  constructor(private readonly options: ToolApprovalsOptions) {
    this.newId = options.newId ?? randomUUID;
  }

  forRun(run: GatedRun): RunApprovals {
    return new RunApprovals(this.options, this.newId, run);
  }
}

interface PendingApproval {
  part: ToolApprovalPart;
  readonly tool: ToolDefinition;
  readonly source: ToolSource;
  readonly settle: (state: ApprovalState, decidedBy: ApprovalDecider, verdict: GateVerdict, reason: string) => void;
}

/** Labels for the log, by who decided. */
const DECISION_TEXT: Readonly<Record<'person-once' | 'person-always' | 'person-deny', string>> = {
  'person-once': 'Allowed once by you',
  'person-always': 'Always allowed by you (this tool now runs without asking)',
  'person-deny': 'Denied by you',
};

/**
 * The gate of one run: resolves each call's policy, asks a person where it says `ask` (a pending
 * card every window shows and any can answer), follows a recall's unattended policy, and writes
 * every decision to the tool-run log.
 */
export class RunApprovals implements ToolCallGate {
  private readonly pending = new Map<string, PendingApproval>();

  constructor(
    private readonly options: ToolApprovalsOptions,
    private readonly newId: () => string,
    private readonly run: GatedRun,
  ) {}

  policyFor(toolName: string): ToolPolicy {
    const tool = this.options.tools.get(toolName);
    if (!tool) return 'allow'; // unknown names are answered by the registry ("There is no tool named …")
    return resolveToolPolicy(tool.name, sourceOf(tool), this.options.policies.rules()).policy;
  }

  authorize(call: GateCall, signal: AbortSignal): Promise<GateVerdict> {
    const tool = this.options.tools.get(call.toolName);
    if (!tool) return Promise.resolve({ allowed: true });
    const source = sourceOf(tool);
    const resolved = resolveToolPolicy(tool.name, source, this.options.policies.rules());
    const entry = this.entry(call, tool, source);
    if (resolved.policy !== 'ask') {
      const allowed = resolved.policy === 'allow';
      this.record(
        entry,
        allowed ? 'allowed' : 'denied',
        resolved.source === 'default' ? 'default' : 'rule',
        policyReason(resolved, source),
      );
      return Promise.resolve(allowed ? { allowed: true } : { allowed: false, reason: REFUSAL_TEXT.never });
    }

    const rule = whenPersonNeeded(
      { isRecall: this.run.origin === 'recall', unattendedPolicy: this.run.recall?.unattendedPolicy },
      this.options.clock.now(),
    );
    const part: ToolApprovalPart = {
      type: 'tool-approval',
      approvalId: call.approvalId ?? this.newId(),
      toolCallId: call.toolCallId,
      toolName: tool.name,
      toolLabel: entry.toolLabel,
      serverName: entry.serverName,
      input: call.input,
      state: 'pending',
      decidedBy: null,
      expiresAt: rule.kind === 'ask' ? rule.expiresAt : null,
    };
    if (rule.kind === 'deny') {
      this.run.show({ ...part, state: 'denied', decidedBy: 'recall-policy' });
      this.record(entry, 'denied', 'recall-policy', "Denied by the recall's policy (deny and continue)");
      return Promise.resolve({ allowed: false, reason: REFUSAL_TEXT.recallPolicy });
    }
    if (signal.aborted) return Promise.reject(abortReason(signal));
    this.run.show(part);
    this.record(entry, 'pending', null, 'Waiting for your OK');
    if (rule.notify) this.notify(part);
    return this.wait(part, tool, source, signal);
  }

  private wait(
    part: ToolApprovalPart,
    tool: ToolDefinition,
    source: ToolSource,
    signal: AbortSignal,
  ): Promise<GateVerdict> {
    return new Promise<GateVerdict>((resolve, reject) => {
      let timer: TimerHandle | undefined;
      const onAbort = () => {
        const stopped = this.run.signal.aborted;
        reject(abortReason(signal)); // first: the settle below cannot resolve it any more
        settle(
          'cancelled',
          'stop',
          { allowed: false, reason: '' },
          stopped ? 'Not run: stopped while waiting for your OK' : 'Not run: the run ended while waiting for your OK',
        );
      };
      const settle: PendingApproval['settle'] = (state, decidedBy, verdict, reason) => {
        const current = this.pending.get(part.approvalId);
        if (!current) return;
        this.pending.delete(part.approvalId);
        if (timer !== undefined) this.options.clock.clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        current.part = { ...current.part, state, decidedBy, expiresAt: null };
        this.run.show(current.part);
        this.safely(() =>
          this.options.log.decide(this.run.runId, part.toolCallId, { decision: state, decidedBy, reason }),
        );
        resolve(verdict);
      };
      this.pending.set(part.approvalId, { part, tool, source, settle });
      signal.addEventListener('abort', onAbort, { once: true });
      if (part.expiresAt !== null) {
        timer = this.options.clock.setTimeout(
          () => {
            const name = toolDisplayName(part.toolLabel, part.serverName);
            settle(
              'expired',
              'timeout',
              {
                allowed: false,
                reason: '',
                endsRun: `Waited ${WAIT_MINUTES} minutes for your OK to run ${name}; no answer came, so the run ended without running it.`,
              },
              `Not run: no answer within ${WAIT_MINUTES} minutes`,
            );
          },
          Math.max(0, part.expiresAt - this.options.clock.now()),
        );
      }
    });
  }

  /** A person's answer from any window. False when this approval is no longer waiting. */
  answer(approvalId: string, answer: ApprovalAnswer): boolean {
    const entry = this.pending.get(approvalId);
    if (!entry) return false;
    if (answer === 'deny') {
      entry.settle(
        'denied',
        'person-deny',
        { allowed: false, reason: REFUSAL_TEXT.person },
        DECISION_TEXT['person-deny'],
      );
      return true;
    }
    if (answer === 'allow-once') {
      entry.settle('allowed', 'person-once', { allowed: true }, DECISION_TEXT['person-once']);
      return true;
    }
    this.options.policies.set(toolTarget(entry.tool.name, entry.source), 'allow');
    entry.settle('allowed', 'person-always', { allowed: true }, DECISION_TEXT['person-always']);
    // Other calls of the same tool waiting in this run are now allowed by that rule.
    for (const other of [...this.pending.values()]) {
      if (this.policyFor(other.tool.name) === 'allow') {
        other.settle('allowed', 'rule', { allowed: true }, 'Allowed by your setting for this tool');
      }
    }
    return true;
  }

  finished(toolCallId: string, isError: boolean): void {
    this.safely(() => this.options.log.finished(this.run.runId, toolCallId, isError));
  }

  /** Settles anything still waiting (the run is ending) so no card stays pending in the stored reply. */
  dispose(): void {
    for (const entry of [...this.pending.values()]) {
      entry.settle(
        'cancelled',
        'stop',
        { allowed: false, reason: 'The run ended before anyone answered, so this tool call was not run.' },
        'Not run: the run ended while waiting for your OK',
      );
    }
  }

  private entry(call: GateCall, tool: ToolDefinition, source: ToolSource) {
    return {
      toolCallId: call.toolCallId,
      toolName: tool.name,
      toolLabel: source.kind === 'mcp' ? source.toolName : tool.name,
      serverName: source.kind === 'mcp' ? source.serverName : null,
      input: call.input,
    };
  }

  private record(
    entry: ReturnType<RunApprovals['entry']>,
    decision: ApprovalState,
    decidedBy: Parameters<ToolRunLog['record']>[0]['decidedBy'],
    reason: string,
  ): void {
    this.safely(() =>
      this.options.log.record({
        ...entry,
        sessionId: this.run.sessionId,
        runId: this.run.runId,
        origin: this.run.origin,
        decision,
        decidedBy,
        reason,
      }),
    );
  }

  private notify(part: ToolApprovalPart): void {
    const sessionTitle = this.options.sessionTitle(this.run.sessionId);
    this.options.publish({
      type: 'approval-needed',
      sessionId: this.run.sessionId,
      sessionTitle,
      approvalId: part.approvalId,
      recallId: this.run.recall?.recallId ?? null,
      title: approvalNotificationTitle(part.toolLabel, part.serverName),
      text: `A recall in “${sessionTitle}” is waiting for your answer (up to ${WAIT_MINUTES} minutes).`,
      expiresAt: part.expiresAt,
    });
  }

  /** The log is a record, not a gate: failing to write it must not fail the call. */
  private safely(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.options.logger.warn('Could not write the tool-run log:', error);
    }
  }
}
