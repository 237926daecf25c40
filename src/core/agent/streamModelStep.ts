import {
  streamText,
  type AssistantContent,
  type AssistantModelMessage,
  type LanguageModel,
  type ModelMessage,
  type ToolSet,
} from 'ai';
import type { TokenUsage } from '../../shared/contract';
import type { Clock } from '../ports';
import { IdleWatchdog, type StreamTimeouts } from './idleWatchdog';
import { toModelToolInput } from './toolOutput';
import type { AgentEvent } from './types';

/**
 * A tool call the model asked for in one step. `invalidReason` is set when it cannot run as asked;
 * `approvalId` when the AI SDK asked for approval (the tool's `needsApproval` said so).
 */
export interface RequestedToolCall {
  readonly toolCallId: string;
  readonly toolName: string;
  readonly input: unknown;
  readonly invalidReason?: string;
  approvalId?: string;
}

export interface ModelStepResult {
  /** What the model said this step, to send back with the next one. */
  readonly responseMessage: AssistantModelMessage | undefined;
  readonly toolCalls: readonly RequestedToolCall[];
  /** Why the model stopped ('stop', 'length', 'content-filter' …). */
  readonly finishReason: string | undefined;
  /** Tokens, when the provider reported them. */
  readonly usage: TokenUsage | undefined;
  /** The response's content type (a web page instead of an API tells a wrong base URL). */
  readonly contentType: string | undefined;
}

export interface ModelStepInput {
  readonly model: LanguageModel;
  readonly system: string | undefined;
  readonly messages: readonly ModelMessage[];
  readonly tools: ToolSet | undefined;
  readonly signal: AbortSignal;
  readonly timeouts: StreamTimeouts;
  /** Timers for the silence watchdog. */
  readonly clock?: Clock;
}

/** One model call failed. `producedOutput` tells whether anything reached the person before it did. */
export class ModelStepError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly producedOutput: boolean,
    /** The response's content type, when a response arrived (a web page instead of an API tells a wrong URL). */
    readonly contentType?: string,
  ) {
    super('The model call failed', { cause });
    this.name = 'ModelStepError';
  }
}

type AssistantPart = Exclude<AssistantContent, string>[number];

/**
 * Streams one model call: yields text deltas and tool calls as they arrive and returns what the model
 * asked for. Tools are declared without `execute`, so the SDK never runs them: the agent loop does,
 * after asking for approval where the SDK emitted a `tool-approval-request`.
 * Any failure (HTTP error, error chunk, cut stream, timeout, abort) is thrown as a ModelStepError.
 */
export async function* streamModelStep(input: ModelStepInput): AsyncGenerator<AgentEvent, ModelStepResult> {
  const watchdog = new IdleWatchdog(input.timeouts, input.clock);
  // Ours to abort when we stop reading early, so the HTTP request never outlives the step.
  const step = new AbortController();
  const signal = AbortSignal.any([input.signal, watchdog.signal, step.signal]);
  const content: AssistantPart[] = [];
  const toolCalls: RequestedToolCall[] = [];
  let producedOutput = false;
  let finishReason: string | undefined;
  let usage: TokenUsage | undefined;
  let contentType: string | undefined;
  /** An error part: thrown once the step's end says what the response was (its headers). */
  let failure: { error: unknown } | undefined;
  try {
    const result = streamText({
      model: input.model,
      system: input.system,
      messages: [...input.messages],
      tools: input.tools,
      maxRetries: 0, // the agent retries itself, with its own (testable) delays
      abortSignal: signal,
      onError: () => {}, // errors arrive as stream parts and are handled below; the default logs them
    });
    for await (const part of result.fullStream) {
      // Headers alone ('start-step') do not count: slow models may stay silent long after them.
      if (part.type !== 'start' && part.type !== 'start-step') watchdog.touch();
      // After an error only the step's end is read (for the response's headers); nothing more is shown.
      if (failure && part.type !== 'finish-step' && part.type !== 'abort') continue;
      switch (part.type) {
        case 'text-delta': {
          if (part.text.length === 0) break;
          producedOutput = true;
          const last = content.at(-1);
          if (last?.type === 'text') content[content.length - 1] = { type: 'text', text: last.text + part.text };
          else content.push({ type: 'text', text: part.text });
          yield { type: 'text-delta', text: part.text };
          break;
        }
        case 'tool-call': {
          producedOutput = true;
          const invalidReason = part.invalid ? describeInvalidCall(part.error) : undefined;
          toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input, invalidReason });
          content.push({
            type: 'tool-call',
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            input: toModelToolInput(part.input),
          });
          yield { type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input };
          break;
        }
        case 'tool-approval-request': {
          // Kept in the assistant message as the SDK's own part; the agent loop asks the person.
          const call = toolCalls.find((candidate) => candidate.toolCallId === part.toolCall.toolCallId);
          if (call) call.approvalId = part.approvalId;
          content.push({
            type: 'tool-approval-request',
            approvalId: part.approvalId,
            toolCallId: part.toolCall.toolCallId,
          });
          break;
        }
        case 'error':
          failure ??= { error: part.error };
          break;
        case 'finish-step': {
          if (failure) throw new ModelStepError(failure.error, producedOutput, contentTypeOf(part.response.headers));
          finishReason = part.finishReason;
          usage = tokenUsage(part.usage);
          contentType = contentTypeOf(part.response.headers);
          break;
        }
        case 'abort':
          throw new ModelStepError(abortCause(input.signal, watchdog), producedOutput);
        default:
          break;
      }
    }
    if (failure) throw new ModelStepError(failure.error, producedOutput);
  } catch (error) {
    if (error instanceof ModelStepError) throw error;
    const cause = input.signal.aborted || watchdog.fired ? abortCause(input.signal, watchdog) : error;
    throw new ModelStepError(cause, producedOutput);
  } finally {
    watchdog.dispose();
    step.abort();
  }
  return {
    responseMessage: content.length > 0 ? { role: 'assistant', content } : undefined,
    toolCalls,
    finishReason,
    usage,
    contentType,
  };
}

function contentTypeOf(headers: Record<string, string> | undefined): string | undefined {
  return headers?.['content-type'];
}

/** The provider's counts, when it gave both (some servers report none). */
function tokenUsage(usage: { inputTokens?: number; outputTokens?: number } | undefined): TokenUsage | undefined {
  if (usage?.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
}

function abortCause(runSignal: AbortSignal, watchdog: IdleWatchdog): unknown {
  if (runSignal.aborted) return runSignal.reason;
  if (watchdog.fired) return watchdog.signal.reason;
  return new Error('The model call was aborted');
}

function describeInvalidCall(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The tool call could not be run: ${message}`;
}
