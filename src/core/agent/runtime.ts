import type { Database } from 'better-sqlite3';
import type { Message } from '../../shared/contract/messages';
import { DisposableStore, type Disposable } from '../../shared/rpc/disposable';
import { attachmentPreparer } from '../attachments/modelContent';
import type { AttachmentStore } from '../attachments/attachmentStore';
import type { Clock, Logger } from '../ports';
import { ModelCatalog } from '../providers/modelInputs';
import { createLanguageModel } from '../providers/createLanguageModel';
import type { FetchFunction, ProviderConnection } from '../providers/providerConnection';
import type { Secrets } from '../secrets/secrets';
import { createSettingsService, type SettingsServiceImpl } from '../services/settingsService';
import { AgentSettings } from '../settings/agentSettings';
import type { Env } from '../settings/envSettings';
import { SettingsStore } from '../settings/settingsStore';
import { createCurrentTimeTool } from '../tools/currentTimeTool';
import { ToolRegistry } from '../tools/toolRegistry';
import { generateTitle } from './generateTitle';
import { DEFAULT_STREAM_TIMEOUTS, type StreamTimeouts } from './idleWatchdog';
import { createLlmAgent } from './llmAgent';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';
import type { Agent, ConversationChoice } from './types';

export interface AgentRuntimeOptions {
  /** The open Navi database (migrated to at least version 4). */
  readonly db: Database;
  readonly secrets: Secrets;
  /** Usually `process.env`: OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, NAVI_MODEL. */
  readonly env: Env;
  readonly logger: Logger;
  /** Every provider request goes through this (tests may wrap it; no mocking needed). */
  readonly fetch?: FetchFunction;
  /** Clock and time zone for `current_time` and timestamps. */
  readonly now?: () => number;
  readonly timeZone?: () => string;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeouts?: Partial<StreamTimeouts>;
  /** Timers and time for reply waits and retries (tests drive it). */
  readonly clock?: Clock;
  readonly titleTimeoutMs?: number;
  /** Attached files, given to the model in the form it reads. */
  readonly attachments?: AttachmentStore;
}

export interface AgentRuntime extends Disposable {
  readonly agent: Agent;
  readonly tools: ToolRegistry;
  /** The `settings` service implementation, to serve as `contract.settings`. */
  readonly settings: SettingsServiceImpl;
  /** The settings themselves, for core code (e.g. to react to `onChanged`). */
  readonly agentSettings: AgentSettings;
  /** A short title for a session from its first exchange; never throws (falls back to the first words). */
  generateTitle(history: readonly Message[], signal: AbortSignal): Promise<string>;
}

/** Builds the agent with its providers, settings and tools. One per core; dispose it on shutdown. */
export function createAgentRuntime(options: AgentRuntimeOptions): AgentRuntime {
  const disposables = new DisposableStore();
  const agentSettings = disposables.add(
    new AgentSettings({
      store: new SettingsStore(options.db),
      secrets: options.secrets,
      env: options.env,
      now: options.now,
    }),
  );
  const tools = new ToolRegistry();
  disposables.add(tools.register(createCurrentTimeTool({ now: options.now, timeZone: options.timeZone })));

  const createModel = (connection: ProviderConnection, model: string) =>
    createLanguageModel(connection, model, options.fetch);
  const activeProfile = (choice?: ConversationChoice) => agentSettings.activeProfile(choice);
  const agent = createLlmAgent({
    activeProfile,
    createModel,
    tools,
    logger: options.logger,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeouts: { ...DEFAULT_STREAM_TIMEOUTS, ...options.timeouts },
    clock: options.clock,
    prepareAttachments: options.attachments
      ? attachmentPreparer(
          options.attachments,
          new ModelCatalog({ fetch: options.fetch, now: options.now ?? Date.now }),
        )
      : undefined,
  });
  const titleOptions = { activeProfile, createModel, logger: options.logger, timeoutMs: options.titleTimeoutMs };

  return {
    agent,
    tools,
    agentSettings,
    settings: createSettingsService({ settings: agentSettings, fetch: options.fetch, tools }),
    generateTitle: (history, signal) => generateTitle(titleOptions, history, signal),
    dispose: () => disposables.dispose(),
  };
}
