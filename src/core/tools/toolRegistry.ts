import { asSchema } from 'ai';
import { toDisposable, type Disposable } from '../../shared/rpc/disposable';
import { toJsonValue } from './jsonValue';
import { toolNameProblem } from './toolName';
import type { ToolCallContext, ToolDefinition, ToolOutcome } from './types';

/** A tool could not be registered (bad or duplicate name); the message says which and why. */
export class ToolRegistrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolRegistrationError';
  }
}

/**
 * The tools the agent may call. Built-in tools, recall tools and MCP tools all register here; each
 * registration is a disposable so a disconnecting MCP server can take its tools away again.
 */
export class ToolRegistry {
  private readonly tools = new Map<string, ToolDefinition>();

  register<INPUT>(tool: ToolDefinition<INPUT>): Disposable {
    const problem = toolNameProblem(tool.name);
    if (problem) throw new ToolRegistrationError(problem);
    if (this.tools.has(tool.name)) {
      throw new ToolRegistrationError(`A tool named "${tool.name}" is already registered; tool names must be unique`);
    }
    const entry = tool as ToolDefinition;
    this.tools.set(tool.name, entry);
    return toDisposable(() => {
      // Only remove our own entry: the name may since have been registered again by someone else.
      if (this.tools.get(tool.name) === entry) this.tools.delete(tool.name);
    });
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  get(name: string): ToolDefinition | undefined {
    return this.tools.get(name);
  }

  /** A snapshot: tools registered later do not appear in a run already started. */
  list(): readonly ToolDefinition[] {
    return [...this.tools.values()];
  }

  /**
   * Runs one call and never throws for the tool's own failures: unknown tools, invalid input and
   * thrown errors become an error outcome the model can read. An abort of `context.signal` is
   * rethrown so the run ends as stopped.
   */
  async execute(name: string, input: unknown, context: ToolCallContext): Promise<ToolOutcome> {
    const tool = this.tools.get(name);
    if (!tool) return failure(`There is no tool named "${name}".`);
    const validate = asSchema(tool.inputSchema).validate;
    let value = input;
    if (validate) {
      const result = await validate(input);
      if (!result.success) return failure(`Invalid input for the tool "${name}": ${result.error.message}`);
      value = result.value;
    }
    // Stopped while validating: do not start the tool at all.
    if (context.signal.aborted) throw context.signal.reason;
    try {
      const output = await tool.execute(value, context);
      return { output: toJsonValue(output), isError: false };
    } catch (error) {
      if (context.signal.aborted) throw context.signal.reason;
      return failure(error instanceof Error ? error.message : String(error));
    }
  }
}

function failure(message: string): ToolOutcome {
  return { output: message, isError: true };
}
