import type { PolicySource, PolicyTarget, ToolPolicy } from '../../shared/contract';
import type { ToolDefinition, ToolSource } from './types';

/** The rules a person has set, by target. Absent: no rule (the default or the server's rule applies). */
export interface PolicyRules {
  readonly builtins: ReadonlyMap<string, ToolPolicy>;
  readonly servers: ReadonlyMap<string, ToolPolicy>;
  /** Keyed by `mcpToolKey(serverId, tool)`. */
  readonly mcpTools: ReadonlyMap<string, ToolPolicy>;
}

export const NO_RULES: PolicyRules = { builtins: new Map(), servers: new Map(), mcpTools: new Map() };

export function mcpToolKey(serverId: string, tool: string): string {
  return `${serverId}\u0000${tool}`;
}

export interface ResolvedPolicy {
  readonly policy: ToolPolicy;
  readonly source: PolicySource;
}

/** A tool without a declared source is treated as one that acts outside Navi. */
export function sourceOf(tool: Pick<ToolDefinition, 'source'>): ToolSource {
  return tool.source ?? { kind: 'builtin', access: 'external' };
}

/**
 * The default when no rule applies: built-ins that only read, or only change Navi's own recalls in
 * this conversation, run; MCP tools and anything else that acts outside Navi ask until the person
 * decides (MCP annotations such as `readOnlyHint` come from the server and are not trusted).
 */
export function defaultPolicy(source: ToolSource): ToolPolicy {
  if (source.kind === 'mcp') return 'ask';
  return source.access === 'external' ? 'ask' : 'allow';
}

/** What applies to a tool: its own rule, else its server's rule, else the default. */
export function resolveToolPolicy(name: string, source: ToolSource, rules: PolicyRules): ResolvedPolicy {
  if (source.kind === 'builtin') {
    const rule = rules.builtins.get(name);
    return rule ? { policy: rule, source: 'tool-rule' } : { policy: defaultPolicy(source), source: 'default' };
  }
  const toolRule = rules.mcpTools.get(mcpToolKey(source.serverId, source.toolName));
  if (toolRule) return { policy: toolRule, source: 'tool-rule' };
  const serverRule = rules.servers.get(source.serverId);
  if (serverRule) return { policy: serverRule, source: 'server-rule' };
  return { policy: defaultPolicy(source), source: 'default' };
}

/** The rule a person's "Always allow" on a card sets: for that one tool. */
export function toolTarget(name: string, source: ToolSource): PolicyTarget {
  return source.kind === 'builtin'
    ? { kind: 'builtin', tool: name }
    : { kind: 'mcp-tool', serverId: source.serverId, tool: source.toolName };
}

const VERB: Readonly<Record<ToolPolicy, string>> = { allow: 'Allowed', ask: 'Asked', never: 'Not run' };

/** Why a rule decided, in words, for the tool-run log ("Allowed by your setting for this server"). */
export function policyReason(resolved: ResolvedPolicy, source: ToolSource): string {
  const verb = VERB[resolved.policy];
  const never = resolved.policy === 'never' ? ' ("Never")' : '';
  switch (resolved.source) {
    case 'tool-rule':
      return `${verb} by your setting for this tool${never}`;
    case 'server-rule':
      return `${verb} by your setting for the server${source.kind === 'mcp' ? ` ${source.serverName}` : ''}${never}`;
    case 'default':
      if (source.kind === 'mcp') return `${verb} by default (MCP tools ask until you decide)`;
      if (source.access === 'read-only') return `${verb} by default (a read-only built-in tool)`;
      if (source.access === 'navi-only') return `${verb} by default (it only changes Navi's own recalls)`;
      return `${verb} by default (it acts outside Navi)`;
  }
}
