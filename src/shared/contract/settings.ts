import { z } from 'zod';
import { defineService, event, method } from '../rpc/service';
import { MAX_INSTRUCTIONS_CHARS, MAX_PROFILE_LIST_ENTRIES } from './limits';

/** Which API a provider speaks. `openai-compatible` covers Ollama, LM Studio, llama.cpp, vLLM, OpenRouter … */
export const ProviderKind = z.enum(['openai', 'openai-compatible', 'anthropic']);
export type ProviderKind = z.infer<typeof ProviderKind>;

/** Where a provider's API key comes from. The key itself never leaves the core. */
export const KeySource = z.enum(['env', 'stored', 'none']);
export type KeySource = z.infer<typeof KeySource>;

/** `env`: configured by environment variables (read-only here); `settings`: added in Settings. */
export const SettingsSource = z.enum(['env', 'settings']);
export type SettingsSource = z.infer<typeof SettingsSource>;

export const Provider = z.object({
  id: z.string(),
  kind: ProviderKind,
  name: z.string(),
  /** The base URL requests go to (the kind's default when none was given). */
  baseURL: z.string(),
  source: SettingsSource,
  hasKey: z.boolean(),
  keySource: KeySource,
});
export type Provider = z.infer<typeof Provider>;

/** The instructions a new profile starts with (and the environment's profile has). */
export const DEFAULT_INSTRUCTIONS =
  'You are Navi, a helpful assistant in a desktop app. Answer clearly and concisely. ' +
  'Use the tools you have when they help, and say so when you could not do something.';

/** What to do about a recall's runs missed while Navi was closed (a recall's own setting wins). */
const RecallMissedDefault = z.enum(['catch_up_once', 'skip']);

/**
 * A named way of working: instructions (the system prompt), a model, which tools and MCP servers it
 * may use, and what new recalls in its conversations do about missed runs. A conversation uses one.
 */
export const Profile = z.object({
  id: z.string(),
  name: z.string(),
  systemPrompt: z.string(),
  providerId: z.string(),
  model: z.string(),
  isDefault: z.boolean(),
  source: SettingsSource,
  /** Built-in tools it may use by name; null: all of them. */
  enabledTools: z.array(z.string()).nullable(),
  /** MCP servers (ids) whose tools it may use; null: all of them. */
  enabledMcpServers: z.array(z.string()).nullable(),
  /** For new recalls in its conversations; null: catch up once. */
  recallMissedPolicy: RecallMissedDefault.nullable(),
});
export type Profile = z.infer<typeof Profile>;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give a time as hours and minutes, such as 22:00');

/** A daily stretch of local time when recall notifications are held and summed up after (off: null). */
export const QuietHours = z.object({ from: TimeOfDay, to: TimeOfDay }).refine((window) => window.from !== window.to, {
  message: 'Quiet hours need to end at another time than they start',
  path: ['to'],
});
export type QuietHours = z.infer<typeof QuietHours>;

export const GeneralSettings = z.object({
  /** Model calls per reply before the agent gives up (each tool round is one call). */
  maxIterations: z.number().int(),
  /** How long a reply waits for the model to start answering, retries included, before it gives up. */
  replyWaitSeconds: z.number().int(),
  /** False where no secure key store exists (the browser host): keys then come only from the environment. */
  canStoreKeys: z.boolean(),
  /** When recall notifications are held (local time); null: off, the default. */
  quietHours: QuietHours.nullable(),
});
export type GeneralSettings = z.infer<typeof GeneralSettings>;

/** What a model reads besides text, when its provider's model list says so. */
export const ModelInput = z.enum(['text', 'image', 'file', 'audio']);
export type ModelInput = z.infer<typeof ModelInput>;

export const ModelInfo = z.object({
  id: z.string(),
  name: z.string().optional(),
  /** Listed by some providers (OpenRouter and gateways like it); absent when not listed. */
  inputs: z.array(ModelInput).optional(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const ConnectionFailureReason = z.enum([
  'unauthorized',
  'forbidden',
  'unknown_model',
  'not_found',
  'rate_limited',
  'server_error',
  'unreachable',
  'timeout',
  'bad_response',
  'http_error',
]);
export type ConnectionFailureReason = z.infer<typeof ConnectionFailureReason>;

export const ConnectionTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), models: z.number().int().nonnegative(), message: z.string() }),
  z.object({ ok: z.literal(false), reason: ConnectionFailureReason, message: z.string() }),
]);
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

export const SettingsChange = z.object({ scope: z.enum(['providers', 'profiles', 'general']) });
export type SettingsChange = z.infer<typeof SettingsChange>;

export const MAX_ITERATIONS_LIMIT = 100;
export const DEFAULT_REPLY_WAIT_SECONDS = 120;
export const MIN_REPLY_WAIT_SECONDS = 10;
export const MAX_REPLY_WAIT_SECONDS = 3600;

const Id = z.string().min(1, 'An id is required').max(100, 'An id can be at most 100 characters');
const ProviderName = z
  .string()
  .trim()
  .min(1, 'Give the provider a name')
  .max(80, 'A provider name can be at most 80 characters');
const ProfileName = z
  .string()
  .trim()
  .min(1, 'Give the profile a name')
  .max(80, 'A profile name can be at most 80 characters');
const ModelId = z.string().trim().min(1, 'Choose a model').max(200, 'A model name can be at most 200 characters');

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value);
}
const BaseUrl = z
  .string()
  .trim()
  .max(500, 'A base URL can be at most 500 characters')
  .refine(isHttpUrl, 'The base URL must start with http:// or https://, e.g. http://localhost:11434/v1');
const ApiKey = z
  .string()
  .trim()
  .min(1, 'The API key is empty')
  .max(1000, 'An API key can be at most 1000 characters')
  .refine((key) => !/\s/.test(key), 'An API key cannot contain spaces or line breaks');

const NEEDS_BASE_URL = 'An OpenAI-compatible provider needs a base URL, e.g. http://localhost:11434/v1 for Ollama';

/** A provider as typed into the form, before (or instead of) saving it. */
export const ProviderDraft = z
  .object({ kind: ProviderKind, baseURL: BaseUrl.optional(), apiKey: ApiKey.optional() })
  .refine((draft) => draft.kind !== 'openai-compatible' || draft.baseURL !== undefined, {
    message: NEEDS_BASE_URL,
    path: ['baseURL'],
  });
export type ProviderDraft = z.infer<typeof ProviderDraft>;

export const AddProviderInput = z
  .object({ kind: ProviderKind, name: ProviderName, baseURL: BaseUrl.optional(), apiKey: ApiKey.optional() })
  .refine((input) => input.kind !== 'openai-compatible' || input.baseURL !== undefined, {
    message: NEEDS_BASE_URL,
    path: ['baseURL'],
  });
export type AddProviderInput = z.infer<typeof AddProviderInput>;

export const UpdateProviderInput = z.object({
  id: Id,
  name: ProviderName.optional(),
  /** `null` goes back to the kind's default URL. */
  baseURL: BaseUrl.nullable().optional(),
  /** A new key replaces the stored one; `null` removes it; leaving it out keeps it. */
  apiKey: ApiKey.nullable().optional(),
});
export type UpdateProviderInput = z.infer<typeof UpdateProviderInput>;

export const TestConnectionInput = z
  .object({
    /** Test a saved provider … */
    providerId: Id.optional(),
    /** … or one still being typed in. */
    draft: ProviderDraft.optional(),
    /** Also check that the provider knows this model. */
    model: ModelId.optional(),
  })
  .refine((input) => (input.providerId === undefined) !== (input.draft === undefined), {
    message: 'Give either a saved provider (providerId) or a draft to test, not both',
  });
export type TestConnectionInput = z.infer<typeof TestConnectionInput>;

export const Instructions = z
  .string()
  .max(
    MAX_INSTRUCTIONS_CHARS,
    `Instructions can be at most ${MAX_INSTRUCTIONS_CHARS.toLocaleString('en-US')} characters`,
  );
const NameList = z
  .array(z.string().min(1).max(200))
  .max(MAX_PROFILE_LIST_ENTRIES, `At most ${MAX_PROFILE_LIST_ENTRIES} entries`);

export const SaveProfileInput = z.object({
  /** Leave out to create a profile. */
  id: Id.optional(),
  name: ProfileName,
  /** Left out: kept as they are (a new profile gets the default instructions). */
  systemPrompt: Instructions.optional(),
  providerId: z.string().min(1, 'Choose a provider').max(100, 'A provider id can be at most 100 characters'),
  model: ModelId,
  enabledTools: NameList.nullable().optional(),
  enabledMcpServers: NameList.nullable().optional(),
  recallMissedPolicy: RecallMissedDefault.nullable().optional(),
});
export type SaveProfileInput = z.input<typeof SaveProfileInput>;

export const UpdateGeneralInput = z.object({
  maxIterations: z
    .number({ error: 'Max steps must be a number' })
    .int('Max steps must be a whole number')
    .min(1, 'Max steps must be at least 1')
    .max(MAX_ITERATIONS_LIMIT, `Max steps can be at most ${MAX_ITERATIONS_LIMIT}`)
    .optional(),
  replyWaitSeconds: z
    .number({ error: 'The wait must be a number of seconds' })
    .int('The wait must be a whole number of seconds')
    .min(MIN_REPLY_WAIT_SECONDS, `Wait at least ${MIN_REPLY_WAIT_SECONDS} seconds`)
    .max(MAX_REPLY_WAIT_SECONDS, `Wait at most ${MAX_REPLY_WAIT_SECONDS} seconds (an hour)`)
    .optional(),
  /** null turns quiet hours off. */
  quietHours: QuietHours.nullable().optional(),
});
export type UpdateGeneralInput = z.infer<typeof UpdateGeneralInput>;

/** Model providers, profiles and general agent settings. API keys go in, never out. */
export const settingsService = defineService('settings', {
  listProviders: method({ input: z.undefined(), output: z.array(Provider) }),
  addProvider: method({ input: AddProviderInput, output: Provider }),
  updateProvider: method({ input: UpdateProviderInput, output: Provider }),
  removeProvider: method({ input: z.object({ id: Id }), output: z.object({ removed: z.boolean() }) }),
  testConnection: method({ input: TestConnectionInput, output: ConnectionTestResult }),
  listModels: method({ input: z.object({ providerId: Id }), output: z.object({ models: z.array(ModelInfo) }) }),

  listProfiles: method({ input: z.undefined(), output: z.array(Profile) }),
  /** The built-in tools a profile can enable or not (MCP tools go by their server). */
  listTools: method({ input: z.undefined(), output: z.array(z.object({ name: z.string(), description: z.string() })) }),
  saveProfile: method({ input: SaveProfileInput, output: Profile }),
  deleteProfile: method({ input: z.object({ id: Id }), output: z.object({ deleted: z.boolean() }) }),
  setDefaultProfile: method({ input: z.object({ id: Id }), output: Profile }),

  getGeneral: method({ input: z.undefined(), output: GeneralSettings }),
  updateGeneral: method({ input: UpdateGeneralInput, output: GeneralSettings }),

  /** Something in settings changed (from any window): reload that part. */
  onChanged: event({ input: z.undefined(), payload: SettingsChange }),
});
