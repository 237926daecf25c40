import type { FlexibleSchema } from 'ai';
import type { UnattendedPolicy } from '../../shared/contract/toolApproval';
import type { BuiltinAccess } from '../../shared/contract/tools';
import type { ElicitationAction, ElicitationContent, ElicitationField } from '../../shared/contract/elicitation';

/** A tool's server asks the person for input (MCP elicitation). */
export interface ElicitationRequest {
  readonly serverName: string;
  readonly message: string;
  readonly fields: readonly ElicitationField[];
}

export interface ElicitationAnswer {
  readonly action: ElicitationAction;
  readonly content?: ElicitationContent;
}

/** What a running tool may report or ask while the run waits for it (absent where nobody can see it). */
export interface ToolInteraction {
  /** Progress for the tool card's bar. */
  reportProgress(progress: { progress: number; total?: number; message?: string }): void;
  /**
   * Asks the person (every window watching the conversation shows the form). Resolves with their
   * answer, or with the recall's unattended rule in a recall run; ends as cancel when `signal` aborts.
   */
  elicit(request: ElicitationRequest, signal: AbortSignal): Promise<ElicitationAnswer>;
}

/** What every tool call receives besides its input. */
export interface ToolCallContext {
  readonly sessionId: string;
  /** Aborted when the run is stopped: end any work in progress. */
  readonly signal: AbortSignal;
  /** True when a recall started this run (no one may be watching). */
  readonly isRecall: boolean;
  /** In a recall run: what to do when a person's answer is needed (see `whenPersonNeeded`). */
  readonly unattendedPolicy?: UnattendedPolicy;
  readonly toolCallId: string;
  /** Progress and questions for the person while the tool runs. */
  readonly interaction?: ToolInteraction;
}

/**
 * Where a tool comes from, which decides its default policy and how people see it named: one of
 * Navi's own (with what it can touch), or a tool of an MCP server.
 */
export type ToolSource =
  | { readonly kind: 'builtin'; readonly access: BuiltinAccess }
  | { readonly kind: 'mcp'; readonly serverId: string; readonly serverName: string; readonly toolName: string };

/**
 * A tool the model may call. Built-in tools declare `inputSchema` with zod; tools described by raw
 * JSON Schema (MCP servers) pass `jsonSchema(raw)` from `ai`.
 */
export interface ToolDefinition<INPUT = unknown> {
  /** Provider-safe: letters, digits, `_` and `-`, at most 64 characters. */
  readonly name: string;
  readonly description: string;
  readonly inputSchema: FlexibleSchema<INPUT>;
  /** Absent: treated as a built-in that acts outside Navi (so it asks before it runs). */
  readonly source?: ToolSource;
  /** Returns anything JSON-serialisable; throwing reports the error's message to the model. */
  execute(input: INPUT, context: ToolCallContext): unknown;
}

export type JsonValue = null | string | number | boolean | JsonValue[] | { [key: string]: JsonValue };

/** How a call ended: the output the model sees (an error message when `isError`). */
export interface ToolOutcome {
  readonly output: JsonValue;
  readonly isError: boolean;
}

/** Declares a tool with its input type inferred from the schema. */
export function defineTool<INPUT>(definition: ToolDefinition<INPUT>): ToolDefinition<INPUT> {
  return definition;
}
