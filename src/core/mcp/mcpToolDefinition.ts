import { jsonSchema, type JSONSchema7 } from 'ai';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { defineTool, type ToolDefinition } from '../tools/types';
import type { McpConnection } from './mcpConnection';
import { describeCallFailure } from './mcpErrors';
import { toolOutputFromResult } from './mcpToolOutput';

export interface McpToolBinding {
  /** The provider-safe, namespaced name the agent sees. */
  readonly agentName: string;
  readonly serverId: string;
  readonly serverName: string;
  readonly tool: Tool;
  /** The connection at call time (a server may have reconnected since the run listed its tools). */
  readonly connection: () => McpConnection | undefined;
  /** Why there is no connection, for the error message. */
  readonly unavailableReason: () => string;
  readonly timeoutMs: number;
}

function asArguments(input: unknown): Record<string, unknown> {
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

/** A server's tool as one of the agent's tools: its JSON Schema passed through, calls that honour stop and a timeout. */
export function createMcpToolDefinition(binding: McpToolBinding): ToolDefinition<unknown> {
  const { tool, serverName } = binding;
  // Some providers insist that an object schema lists its properties, even when there are none.
  const schema = { ...tool.inputSchema, type: 'object', properties: tool.inputSchema.properties ?? {} } as JSONSchema7;
  return defineTool<unknown>({
    name: binding.agentName,
    source: { kind: 'mcp', serverId: binding.serverId, serverName, toolName: tool.name },
    description:
      tool.description ?? tool.title ?? tool.annotations?.title ?? `The tool "${tool.name}" of ${serverName}`,
    inputSchema: jsonSchema<unknown>(schema),
    execute: async (input, context) => {
      const connection = binding.connection();
      if (!connection) {
        throw new Error(`The MCP server "${serverName}" is not connected right now: ${binding.unavailableReason()}`);
      }
      let result;
      try {
        result = await connection.callTool(tool.name, asArguments(input), {
          signal: context.signal,
          timeoutMs: binding.timeoutMs,
          interaction: context.interaction,
        });
      } catch (error) {
        if (context.signal.aborted) throw context.signal.reason;
        throw new Error(describeCallFailure(error, tool.name, serverName, binding.timeoutMs), { cause: error });
      }
      return toolOutputFromResult(result);
    },
  });
}
