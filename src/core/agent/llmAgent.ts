import type { LanguageModel, ModelMessage, ToolContent, ToolResultPart, ToolSet } from 'ai';
import type { MessageOrigin } from '../../shared/contract/messages';
import type { PrepareAttachments } from '../attachments/modelContent';
import { systemClock, type Clock, type Logger } from '../ports';
import type { ProviderConnection } from '../providers/providerConnection';
import { describeProviderError, failureSummary, type ProviderFailure } from '../providers/providerErrors';
import type { ActiveProfile } from '../settings/activeProfile';
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
import {
  AgentError,
  type Agent,
  type AgentEvent,
  type AgentRunRequest,
  type ConversationChoice,
  type GateVerdict,
  type ToolCallGate,
} from './types';

export interface LlmAgentOptions {
  /** The profile to run with, resolved per run so settings changes apply to the next message. */
  readonly activeProfile: (choice?: ConversationChoice) => Promise<ActiveProfile>;
  readonly createModel: (connection: ProviderConnection, model: string) => LanguageModel;
  readonly tools: ToolRegistry;
  readonly logger: Logger;
  readonly retry?: RetryPolicy;
  readonly timeouts?: StreamTimeouts;
  /** Time for the reply-wait deadline, the silence watchdog and retry delays. */
  readonly clock?: Clock;
  /** Loads attached files for the run's model (and refuses images a model cannot read). */
  readonly prepareAttachments?: PrepareAttachments;
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
    const active = await options.activeProfile(request.conversation);
    const model = options.createModel(active.connection, active.model);
    const { gate } = request;
    const attachments = await options.prepareAttachments?.(request.history, active, run.signal);
    const messages: ModelMessage[] = historyToModelMessages(request.history, attachments);
    /** Whether the model said anything (text or a tool call) in this run. */
    let answered = false;
    const stepInput = {
      model,
      system: systemPrompt(active.instructions, request.origin),
      signal: run.signal,
      timeouts: options.timeouts ?? DEFAULT_STREAM_TIMEOUTS,
      clock: options.clock ?? systemClock,
    };
    for (let iteration = 1; ; iteration++) {
      // Listed per step: an MCP server whose tools changed offers the new ones from the next step on.
      // The profile's tools only, and none a policy says never to run.
      const tools = toSdkTools(
        options.tools.list().filter((tool) => active.allowsTool(tool) && gate?.policyFor(tool.name) !== 'never'),
        gate,
      );
      const step = yield* streamStepWithRetry(options, active, { ...stepInput, tools, messages });
      yield { type: 'usage', model: active.model, usage: step.usage };
      if (step.responseMessage) messages.push(step.responseMessage);
      if (step.responseMessage) answered = true;
      if (step.toolCalls.length === 0) {
        if (!answered) throw emptyAnswer(active, step);
        return;
      }

      const results = new Array<ToolContent>(step.toolCalls.length);
      const runCall = async (call: RequestedToolCall): Promise<DecidedOutcome> => {
        if (call.invalidReason !== undefined) return { output: call.invalidReason, isError: true };
        const tool = options.tools.get(call.toolName);
        if (tool && !active.allowsTool(tool)) {
          return {
            output: `The tool "${call.toolName}" is not enabled in the profile "${active.profile.name}".`,
            isError: true,
          };
        }
        const verdict: GateVerdict = gate
          ? await gate.authorize(
              { toolCallId: call.toolCallId, toolName: call.toolName, input: call.input, approvalId: call.approvalId },
              run.signal,
            )
          : { allowed: true };
        if (!verdict.allowed) {
          if (verdict.endsRun !== undefined) throw new AgentError('approval_timeout', verdict.endsRun);
          return { output: verdict.reason, isError: true, denied: true };
        }
        const outcome = await options.tools.execute(call.toolName, call.input, {
          sessionId: request.sessionId,
          signal: run.signal,
          isRecall: request.origin === 'recall',
          unattendedPolicy: request.unattendedPolicy,
          toolCallId: call.toolCallId,
          interaction: request.interaction?.(call.toolCallId),
        });
        gate?.finished(call.toolCallId, outcome.isError);
        return outcome;
      };
      for await (const { call, index, outcome } of executeToolCalls(step.toolCalls, runCall, run.signal)) {
        yield {
          type: 'tool-result',
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          output: outcome.output,
          isError: outcome.isError,
        };
        results[index] = toolMessageContent(call, outcome);
      }
      messages.push({ role: 'tool', content: results.flat() });

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

/**
 * One model call, tried again on transient failures as long as nothing has reached the person yet.
 * Waiting for the model to start answering is bounded as a whole (the reply-wait setting): each
 * attempt gets what is left, and a retry that could not start in time is not made. While it waits it
 * says so (`status` events), so a window can show how long and what comes next.
 */
async function* streamStepWithRetry(
  options: LlmAgentOptions,
  active: ActiveProfile,
  input: ModelStepInput & { readonly clock: Clock },
): AsyncGenerator<AgentEvent, ModelStepResult> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const { clock } = input;
  const giveUpAt = clock.now() + active.replyWaitMs;
  const maxAttempts = policy.maxAttempts;
  for (let attempt = 1; ; attempt++) {
    const since = clock.now();
    const remaining = Math.max(1, giveUpAt - since);
    yield { type: 'status', status: { phase: 'waiting', since, giveUpAt, attempt, maxAttempts } };
    const timeouts = { ...input.timeouts, responseMs: Math.min(input.timeouts.responseMs, remaining) };
    try {
      return yield* streamModelStep({ ...input, timeouts });
    } catch (error) {
      if (input.signal.aborted) throw abortReason(input.signal);
      if (!(error instanceof ModelStepError)) throw error;
      const failure = describeProviderError(error.cause, {
        connection: active.connection,
        model: active.model,
        during: 'chat',
        contentType: error.contentType,
      });
      const status = failure.status === undefined ? '' : ` (HTTP ${failure.status})`;
      const delay = retryDelayMs(policy, attempt, failure.retryAfterMs);
      const outOfTime = clock.now() + delay >= giveUpAt;
      if (!failure.transient || error.producedOutput || attempt >= maxAttempts || outOfTime) {
        options.logger.warn(`Model call to ${active.connection.name} failed: ${failure.reason}${status}`);
        // No raw cause attached: it would carry the whole request body into whatever logs it.
        const message =
          outOfTime && failure.transient && !error.producedOutput
            ? waitedTooLong(active, attempt, failure)
            : failure.message;
        throw new AgentError('provider', message);
      }
      options.logger.warn(
        `Model call to ${active.connection.name} failed: ${failure.reason}${status}; retrying in ${delay} ms (attempt ${attempt + 1} of ${maxAttempts})`,
      );
      yield {
        type: 'status',
        status: {
          phase: 'retrying',
          attempt: attempt + 1,
          maxAttempts,
          at: clock.now() + delay,
          giveUpAt,
          reason: failureSummary(failure),
        },
      };
      await sleep(delay, input.signal, clock);
    }
  }
}

/** The whole wait was used up: say how long, how often it tried, and where the limit is set. */
function waitedTooLong(active: ActiveProfile, attempts: number, last: ProviderFailure): string {
  const tries = attempts === 1 ? '' : ` (${attempts} attempts)`;
  const lead = `${active.connection.name} did not start replying within ${formatWait(active.replyWaitMs)}${tries}.`;
  const advice = 'You can change how long Navi waits for a reply in Settings.';
  if (last.reason === 'timeout') {
    return `${lead} Check that the server is running (a local model may still be loading). ${advice}`;
  }
  return `${lead} Last problem: ${last.message} ${advice}`;
}

function formatWait(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

/** The model finished without a word or a tool call: an error the person can retry, with why if known. */
function emptyAnswer(active: ActiveProfile, step: ModelStepResult): AgentError {
  const { finishReason, contentType } = step;
  if (contentType !== undefined) {
    // Not a stream at all (a web page answered): say what came instead.
    const failure = describeProviderError(new Error('No model reply in the response'), {
      connection: active.connection,
      model: active.model,
      during: 'chat',
      contentType,
    });
    if (failure.reason === 'bad_response') return new AgentError('provider', failure.message);
  }
  const why =
    finishReason === 'length'
      ? ' It stopped at its output limit before writing anything.'
      : finishReason === 'content-filter'
        ? "Its provider's content filter held the answer back."
        : '';
  return new AgentError(
    'provider',
    `${active.connection.name} sent an empty answer (no text and no tool call) for ${active.model}.${why ? ` ${why.trim()}` : ''} Try again, or choose another model.`,
  );
}

function systemPrompt(profilePrompt: string, origin: MessageOrigin): string | undefined {
  const parts = [profilePrompt.trim(), origin === 'recall' ? RECALL_NOTE : ''].filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** A tool outcome, marked when the call was refused (not run) rather than failed. */
type DecidedOutcome = ToolOutcome & { readonly denied?: boolean };

/**
 * What goes back to the model for one call, in the AI SDK's own shapes: the approval response when
 * the SDK asked for one, and the result; a refused call is an `execution-denied` result with the reason.
 */
function toolMessageContent(call: RequestedToolCall, outcome: DecidedOutcome): ToolContent {
  const refusal = outcome.denied && typeof outcome.output === 'string' ? outcome.output : undefined;
  const result: ToolResultPart = {
    type: 'tool-result',
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    output:
      refusal !== undefined
        ? { type: 'execution-denied', reason: refusal }
        : toModelOutput(outcome.output, outcome.isError),
  };
  if (call.approvalId === undefined) return [result];
  return [
    { type: 'tool-approval-response', approvalId: call.approvalId, approved: refusal === undefined, reason: refusal },
    result,
  ];
}

/**
 * Declarations only (no `execute`): the loop runs tools itself, with the run's context and signal.
 * `needsApproval` asks the run's gate, so the SDK marks calls that need a person's OK.
 */
function toSdkTools(tools: readonly ToolDefinition[], gate: ToolCallGate | undefined): ToolSet | undefined {
  if (tools.length === 0) return undefined;
  const set: ToolSet = {};
  for (const tool of tools) {
    set[tool.name] = {
      description: tool.description,
      inputSchema: tool.inputSchema,
      ...(gate ? { needsApproval: () => gate.policyFor(tool.name) === 'ask' } : {}),
    };
  }
  return set;
}
