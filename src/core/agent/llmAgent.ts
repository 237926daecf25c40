import type { LanguageModel, ModelMessage, ToolResultPart, ToolSet } from 'ai';
import type { MessageOrigin } from '../../shared/contract/messages';
import type { Logger } from '../ports';
import type { ProviderConnection } from '../providers/providerConnection';
import { describeProviderError } from '../providers/providerErrors';
import type { ActiveProfile } from '../settings/agentSettings';
import type { ToolRegistry } from '../tools/toolRegistry';
import type { ToolDefinition, ToolOutcome } from '../tools/types';
import { abortReason, sleep } from '../abort';
import { executeToolCalls } from './executeToolCalls';
import { historyToModelMessages } from './historyToModelMessages';
import { DEFAULT_STREAM_TIMEOUTS, type StreamTimeouts } from './idleWatchdog';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retryPolicy';
import {
  ModelStepError,
  streamModelStep,
  type ModelStepInput,
  type ModelStepResult,
  type RequestedToolCall,
} from './streamModelStep';
import { toModelOutput } from './toolOutput';
import { AgentError, type Agent, type AgentEvent, type AgentRunRequest } from './types';

export interface LlmAgentOptions {
  /** The profile to run with, resolved per run so settings changes apply to the next message. */
  readonly activeProfile: () => Promise<ActiveProfile>;
  readonly createModel: (connection: ProviderConnection, model: string) => LanguageModel;
  readonly tools: ToolRegistry;
  readonly logger: Logger;
  readonly retry?: RetryPolicy;
  readonly timeouts?: StreamTimeouts;
}

export const RECALL_NOTE =
  'This turn was started by a scheduled recall, not by the person typing now. They will read your reply later.';

/**
 * The agent loop: call the model with the conversation, stream its text, run the tools it asks for
 * (in parallel) and call it again with their results, until it answers without tools or the
 * max-iterations setting is reached.
 */
export function createLlmAgent(options: LlmAgentOptions): Agent {
  return { run: (request) => runAgent(options, request) };
}

async function* runAgent(options: LlmAgentOptions, request: AgentRunRequest): AsyncGenerator<AgentEvent> {
  // Aborted by a stop, or by us when the consumer stops iterating: either way tools and HTTP end.
  const run = new AbortController();
  const forwardAbort = () => run.abort(abortReason(request.signal));
  if (request.signal.aborted) throw abortReason(request.signal);
  request.signal.addEventListener('abort', forwardAbort, { once: true });
  try {
    const active = await options.activeProfile();
    const model = options.createModel(active.connection, active.model);
    const messages: ModelMessage[] = historyToModelMessages(request.history);
    const stepInput = {
      model,
      system: systemPrompt(active.profile.systemPrompt, request.origin),
      signal: run.signal,
      timeouts: options.timeouts ?? DEFAULT_STREAM_TIMEOUTS,
    };
    for (let iteration = 1; ; iteration++) {
      // Listed per step: an MCP server whose tools changed offers the new ones from the next step on.
      const tools = toSdkTools(options.tools.list());
      const step = yield* streamStepWithRetry(options, active, { ...stepInput, tools, messages });
      if (step.responseMessage) messages.push(step.responseMessage);
      if (step.toolCalls.length === 0) return;

      const results: ToolResultPart[] = new Array<ToolResultPart>(step.toolCalls.length);
      const runCall = (call: RequestedToolCall): Promise<ToolOutcome> =>
        call.invalidReason !== undefined
          ? Promise.resolve({ output: call.invalidReason, isError: true })
          : options.tools.execute(call.toolName, call.input, {
              sessionId: request.sessionId,
              signal: run.signal,
              isRecall: request.origin === 'recall',
              toolCallId: call.toolCallId,
              interaction: request.interaction?.(call.toolCallId),
            });
      for await (const { call, index, outcome } of executeToolCalls(step.toolCalls, runCall, run.signal)) {
        yield { type: 'tool-result', toolCallId: call.toolCallId, toolName: call.toolName, ...outcome };
        results[index] = {
          type: 'tool-result',
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          output: toModelOutput(outcome.output, outcome.isError),
        };
      }
      messages.push({ role: 'tool', content: results });

      if (iteration >= active.maxIterations) {
        throw new AgentError(
          'max_iterations',
          `Stopped after ${active.maxIterations} model call${active.maxIterations === 1 ? '' : 's'}: the model kept calling tools without finishing its answer. You can raise "Max steps" in Settings.`,
        );
      }
    }
  } catch (error) {
    if (request.signal.aborted) throw abortReason(request.signal);
    throw error;
  } finally {
    request.signal.removeEventListener('abort', forwardAbort);
    run.abort(new DOMException('The run ended.', 'AbortError'));
  }
}

/** One model call, tried again on transient failures as long as nothing has reached the person yet. */
async function* streamStepWithRetry(
  options: LlmAgentOptions,
  active: ActiveProfile,
  input: ModelStepInput,
): AsyncGenerator<AgentEvent, ModelStepResult> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  for (let attempt = 1; ; attempt++) {
    try {
      return yield* streamModelStep(input);
    } catch (error) {
      if (input.signal.aborted) throw abortReason(input.signal);
      if (!(error instanceof ModelStepError)) throw error;
      const failure = describeProviderError(error.cause, {
        connection: active.connection,
        model: active.model,
        during: 'chat',
      });
      const status = failure.status === undefined ? '' : ` (HTTP ${failure.status})`;
      if (!failure.transient || error.producedOutput || attempt >= policy.maxAttempts) {
        options.logger.warn(`Model call to ${active.connection.name} failed: ${failure.reason}${status}`);
        // No raw cause attached: it would carry the whole request body into whatever logs it.
        throw new AgentError('provider', failure.message);
      }
      const delay = retryDelayMs(policy, attempt, failure.retryAfterMs);
      options.logger.warn(
        `Model call to ${active.connection.name} failed: ${failure.reason}${status}; retrying in ${delay} ms (attempt ${attempt + 1} of ${policy.maxAttempts})`,
      );
      await sleep(delay, input.signal);
    }
  }
}

function systemPrompt(profilePrompt: string, origin: MessageOrigin): string | undefined {
  const parts = [profilePrompt.trim(), origin === 'recall' ? RECALL_NOTE : ''].filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** Declarations only (no `execute`): the loop runs tools itself, with the run's context and signal. */
function toSdkTools(tools: readonly ToolDefinition[]): ToolSet | undefined {
  if (tools.length === 0) return undefined;
  const set: ToolSet = {};
  for (const tool of tools) set[tool.name] = { description: tool.description, inputSchema: tool.inputSchema };
  return set;
}
