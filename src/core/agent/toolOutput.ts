import type { ToolResultPart } from 'ai';

type ToolResultOutput = ToolResultPart['output'];

/** A stored tool output in the form the AI SDK sends back to the model. */
export function toModelOutput(output: unknown, isError: boolean): ToolResultOutput {
  if (isError) return { type: 'error-text', value: typeof output === 'string' ? output : JSON.stringify(output) };
  if (typeof output === 'string') return { type: 'text', value: output };
  return { type: 'json', value: (output ?? null) as Extract<ToolResultOutput, { type: 'json' }>['value'] };
}

/** Providers (Anthropic especially) need a tool call's input to be an object. */
export function toModelToolInput(input: unknown): Record<string, unknown> {
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}
