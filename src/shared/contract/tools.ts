import { z } from 'zod';
import { defineService, method } from '../rpc/service';
import { MAX_TOOL_RUN_LOG_PAGE } from './limits';
import { MessageOrigin } from './messages';
import { SessionId } from './sessions';
import { ApprovalDecider, ApprovalState, ToolPolicy } from './toolApproval';

const Id = z.string().min(1).max(100);
const ToolName = z.string().min(1).max(500);

/** What a rule is about: one built-in tool, a whole MCP server, or one tool of a server. */
export const PolicyTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), tool: ToolName }),
  z.object({ kind: z.literal('server'), serverId: Id }),
  z.object({ kind: z.literal('mcp-tool'), serverId: Id, tool: ToolName }),
]);
export type PolicyTarget = z.infer<typeof PolicyTarget>;

/**
 * Where a tool's policy comes from: a rule for the tool, a rule for its whole server, or the
 * default (read-only built-ins and built-ins that only touch Navi's own recalls: allow; MCP tools
 * and anything else that acts outside Navi: ask).
 */
export const PolicySource = z.enum(['tool-rule', 'server-rule', 'default']);
export type PolicySource = z.infer<typeof PolicySource>;

/** What a built-in tool can touch, which decides its default. */
export const BuiltinAccess = z.enum(['read-only', 'navi-only', 'external']);
export type BuiltinAccess = z.infer<typeof BuiltinAccess>;

export const ToolPolicyView = z.object({
  /** The tool's own name (an MCP server's name for it). */
  name: z.string(),
  /** The name the agent calls it by. */
  agentName: z.string(),
  description: z.string(),
  /** The rule set for this tool; null when it follows its server or the default. */
  rule: ToolPolicy.nullable(),
  effective: ToolPolicy,
  source: PolicySource,
  /** What applies without its own rule (its server's rule, or the default). */
  inherited: ToolPolicy,
});
export type ToolPolicyView = z.infer<typeof ToolPolicyView>;

export const BuiltinToolPolicyView = ToolPolicyView.extend({ access: BuiltinAccess });
export type BuiltinToolPolicyView = z.infer<typeof BuiltinToolPolicyView>;

export const ServerPolicyView = z.object({
  serverId: z.string(),
  name: z.string(),
  /** The rule for every tool of the server ("trust the whole server"); null: each tool asks by default. */
  rule: ToolPolicy.nullable(),
  /** What applies to its tools without a server rule (MCP tools ask by default). */
  inherited: ToolPolicy,
  /** Its tools as last listed (empty before the server first connected). */
  tools: z.array(ToolPolicyView),
});
export type ServerPolicyView = z.infer<typeof ServerPolicyView>;

export const ToolPolicyOverview = z.object({
  builtins: z.array(BuiltinToolPolicyView),
  servers: z.array(ServerPolicyView),
});
export type ToolPolicyOverview = z.infer<typeof ToolPolicyOverview>;

/** Why a call ran or did not, for the log: as for approvals, plus `default` (no rule applied). */
export const ToolRunDecider = z.enum([...ApprovalDecider.options, 'default']);
export type ToolRunDecider = z.infer<typeof ToolRunDecider>;

/** One tool call of a conversation: what ran, with which arguments, and who or what allowed it. */
export const ToolRunEntry = z.object({
  id: z.number().int(),
  sessionId: z.string(),
  runId: z.string(),
  toolCallId: z.string(),
  toolName: z.string(),
  toolLabel: z.string(),
  serverName: z.string().nullable(),
  /** The arguments (cut to MAX_TOOL_RUN_LOG_INPUT_CHARS of JSON; `inputTruncated` says so). */
  input: z.unknown(),
  inputTruncated: z.boolean(),
  origin: MessageOrigin,
  decision: ApprovalState,
  decidedBy: ToolRunDecider.nullable(),
  /** The decision in words: "Allowed by your setting for this server", "Denied by you" … */
  reason: z.string(),
  requestedAt: z.number(),
  decidedAt: z.number().nullable(),
  /** How a call that ran ended; null while it runs or when it did not run. */
  outcome: z.enum(['succeeded', 'failed']).nullable(),
});
export type ToolRunEntry = z.infer<typeof ToolRunEntry>;

/** Tool policies (Settings) and the per-conversation log of tool runs. */
export const toolsService = defineService('tools', {
  /** Every built-in tool and every MCP server with its tools, with their rules and what applies. */
  policies: method({ input: z.undefined(), output: ToolPolicyOverview }),
  /** Sets a rule (null clears it back to the default). Every window hears `tool-policies-changed`. */
  setPolicy: method({
    input: z.object({ target: PolicyTarget, policy: ToolPolicy.nullable() }),
    output: ToolPolicyOverview,
  }),
  /** A conversation's tool runs, newest first; page on with `beforeId`. */
  runLog: method({
    input: z.object({
      sessionId: SessionId,
      beforeId: z.number().int().optional(),
      limit: z.number().int().min(1).max(MAX_TOOL_RUN_LOG_PAGE).optional(),
    }),
    output: z.object({ entries: z.array(ToolRunEntry), hasMore: z.boolean() }),
  }),
});
