import { UNATTENDED_APPROVAL_WAIT_MS, type UnattendedPolicy } from '../../shared/contract';

/** What a run knows about who may be watching it (a tool call's context has both fields). */
export interface AttendanceContext {
  /** A recall started the run: nobody may be watching. */
  readonly isRecall: boolean;
  /** The recall's policy when a person's answer is needed; absent for a person's own run. */
  readonly unattendedPolicy?: UnattendedPolicy;
}

export type PersonNeededRule =
  /** Ask and wait for an answer; `expiresAt` null waits until someone answers or stops the run. */
  | { readonly kind: 'ask'; readonly expiresAt: number | null; readonly notify: boolean }
  /** Do not ask: treat it as refused and carry on. */
  | { readonly kind: 'deny' };

/**
 * How a run goes on when it needs a person's answer (a tool approval, an MCP elicitation). A
 * person's own run asks in the chat and waits. A recall run follows the recall's policy: `wait`
 * asks with a notification and gives up after UNATTENDED_APPROVAL_WAIT_MS; `deny` refuses at once.
 */
export function whenPersonNeeded(context: AttendanceContext, now: number): PersonNeededRule {
  if (!context.isRecall) return { kind: 'ask', expiresAt: null, notify: false };
  if ((context.unattendedPolicy ?? 'wait') === 'deny') return { kind: 'deny' };
  return { kind: 'ask', expiresAt: now + UNATTENDED_APPROVAL_WAIT_MS, notify: true };
}
