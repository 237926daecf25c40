import type { ToolResultPart } from 'ai';
import { mcpModelOutput } from '../mcp/mcpModelOutput';

type ToolResultOutput = ToolResultPart['output'];

/** A stored tool output in the form the AI SDK sends back to the model. */
export function toModelOutput(output: unknown, isError: boolean): ToolResultOutput {
  if (isError) return { type: 'error-text', value: typeof output === 'string' ? output : JSON.stringify(output) };
  // MCP results with images go to the model as real content (text and image parts).
  const mcp = mcpModelOutput(output);
  if (mcp) return mcp;
  if (typeof output === 'string') return { type: 'text', value: output };
  return { type: 'json', value: (output ?? null) as Extract<ToolResultOutput, { type: 'json' }>['value'] };
}

/** Providers (Anthropic especially) need a tool call's input to be an object. */
export function toModelToolInput(input: unknown): Record<string, unknown> {
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}
