import { z } from 'zod';
import { toolDisplayName } from './display';

export { approvalOutcomeText, toolDisplayName, UNATTENDED_POLICY_TEXT } from './display';

/** What may happen when the agent calls a tool: run it, ask a person first, or never run it. */
export const ToolPolicy = z.enum(['allow', 'ask', 'never']);
export type ToolPolicy = z.infer<typeof ToolPolicy>;

/**
 * What a recall run (nobody may be watching) does when a tool needs a person's OK: `wait` for an
 * answer (with a notification) up to UNATTENDED_APPROVAL_WAIT_MS, or `deny` the call and carry on.
 */
export const UnattendedPolicy = z.enum(['wait', 'deny']);
export type UnattendedPolicy = z.infer<typeof UnattendedPolicy>;

/** How a person answers an approval card. */
export const ApprovalAnswer = z.enum(['allow-once', 'always-allow', 'deny']);
export type ApprovalAnswer = z.infer<typeof ApprovalAnswer>;

export const ApprovalState = z.enum(['pending', 'allowed', 'denied', 'expired', 'cancelled']);
export type ApprovalState = z.infer<typeof ApprovalState>;

/**
 * Who or what settled an approval: a person's answer (`once`, `always`, `deny`), the recall's
 * unattended policy, no answer in time, a stop (or the run ending), or a rule (another card's
 * "Always allow" made this tool allowed while it waited).
 */
export const ApprovalDecider = z.enum([
  'person-once',
  'person-always',
  'person-deny',
  'recall-policy',
  'timeout',
  'stop',
  'rule',
]);
export type ApprovalDecider = z.infer<typeof ApprovalDecider>;

/**
 * A tool call that needed a person's OK, as a part of the reply: pending while the run waits, then
 * how it was settled. It is part of the snapshot, so a window that opens late shows the same card.
 */
export const ToolApprovalPart = z.object({
  type: z.literal('tool-approval'),
  /** The AI SDK's approval id (from its `tool-approval-request`). */
  approvalId: z.string(),
  toolCallId: z.string(),
  /** The name the agent called. */
  toolName: z.string(),
  /** What people call it: the MCP server's own tool name, or the built-in's name. */
  toolLabel: z.string(),
  /** The MCP server it comes from; null for Navi's own tools. */
  serverName: z.string().nullable(),
  input: z.unknown(),
  state: ApprovalState,
  decidedBy: ApprovalDecider.nullable(),
  /** A recall run waiting for an answer gives up at this time (ms since the epoch); null: it waits. */
  expiresAt: z.number().nullable(),
});
export type ToolApprovalPart = z.infer<typeof ToolApprovalPart>;

/** Folds an approval's latest state into a reply's parts: replaces the part with its id, or appends it. */
export function upsertApprovalPart<PART extends { type: string }>(
  parts: readonly PART[],
  approval: ToolApprovalPart,
): (PART | ToolApprovalPart)[] {
  const index = parts.findIndex(
    (part) => part.type === 'tool-approval' && (part as unknown as ToolApprovalPart).approvalId === approval.approvalId,
  );
  if (index < 0) return [...parts, approval];
  const next: (PART | ToolApprovalPart)[] = [...parts];
  next[index] = approval;
  return next;
}

/** The notification a waiting recall run shows; its click opens the conversation with the card. */
export function approvalNotificationTitle(toolLabel: string, serverName: string | null): string {
  return `Navi needs your OK to run ${toolDisplayName(toolLabel, serverName)}`;
}

/** The same, for an MCP server's question (elicitation) in a recall run. */
export function questionNotificationTitle(serverName: string): string {
  return `Navi needs your answer for ${serverName}`;
}
