/**
 * The contract's words and keys that windows show, in a module without schemas: a window's first
 * paint imports these (and limits.ts) without building the contract's zod schemas, which it never
 * needs to show a conversation (src/renderer/src/rpc/client.ts explains). The schema modules
 * re-export them, so everything else imports them from the contract as before.
 */
import type { Message, MessagePart } from './messages';
import type { ToolApprovalPart, UnattendedPolicy } from './toolApproval';
import { UNATTENDED_APPROVAL_WAIT_MS } from './limits';

/** The plain text of a message's text parts, for titles, previews and notifications. */
export function messageText(message: Pick<Message, 'parts'>): string {
  return message.parts
    .filter((part): part is Extract<MessagePart, { type: 'text' }> => part.type === 'text')
    .map((part) => part.text)
    .join('');
}

/** The key of a conversation's first messages in a `forks` map (they have no parent). */
export const ROOT_FORK = '';

export function forkKey(parentId: string | null): string {
  return parentId ?? ROOT_FORK;
}

/** How a tool is named to people: "echo (Everything)" for an MCP tool, the name for a built-in. */
export function toolDisplayName(toolLabel: string, serverName: string | null): string {
  return serverName ? `${toolLabel} (${serverName})` : toolLabel;
}

const WAIT_MINUTES = Math.round(UNATTENDED_APPROVAL_WAIT_MS / 60_000);

/** The unattended policies in words, for the recall form and the agent's schedule tool. */
export const UNATTENDED_POLICY_TEXT: Readonly<Record<UnattendedPolicy, string>> = {
  wait: `wait for your OK: a notification asks, and the run waits up to ${WAIT_MINUTES} minutes, then ends without running the tool`,
  deny: 'deny and continue: the tool is not run, and Navi carries on without it',
};

/** How an approval was settled, for people ("Allowed once by you"). */
export function approvalOutcomeText(approval: Pick<ToolApprovalPart, 'state' | 'decidedBy'>): string {
  switch (approval.state) {
    case 'pending':
      return 'Waiting for your OK';
    case 'allowed':
      if (approval.decidedBy === 'person-always') return 'Always allowed by you';
      if (approval.decidedBy === 'rule') return 'Allowed by your setting for this tool';
      return 'Allowed once by you';
    case 'denied':
      return approval.decidedBy === 'recall-policy'
        ? "Denied by the recall's policy (deny and continue)"
        : 'Denied by you';
    case 'expired':
      return `Not run: no answer within ${WAIT_MINUTES} minutes`;
    case 'cancelled':
      return 'Not run: stopped while waiting for your OK';
  }
}

/** What Snooze puts a run off by, in the recall list and on a desktop notification. */
export const SNOOZE_MINUTES = 60;
