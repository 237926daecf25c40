import { ModelInput, type ModelInfo } from '../../shared/contract/settings';
import {
  describeHttpFailure,
  describeProviderError,
  ProviderTimeoutError,
  type ProviderFailure,
} from './providerErrors';
import type { FetchFunction, ProviderConnection } from './providerConnection';

/** Listing failed; `failure` says why in words a person can act on. */
export class ProviderRequestError extends Error {
  constructor(readonly failure: ProviderFailure) {
    super(failure.message);
    this.name = 'ProviderRequestError';
  }
}

export interface ListModelsOptions {
  readonly fetch?: FetchFunction;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

const ANTHROPIC_VERSION = '2023-06-01';

function requestHeaders(connection: ProviderConnection): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (connection.kind === 'anthropic') {
    headers['anthropic-version'] = ANTHROPIC_VERSION;
    if (connection.apiKey) headers['x-api-key'] = connection.apiKey;
  } else if (connection.apiKey) {
    headers.authorization = `Bearer ${connection.apiKey}`;
  }
  return headers;
}

/**
 * The models a provider offers: GET {baseURL}/models, which OpenAI, Anthropic and the
 * OpenAI-compatible servers (Ollama, LM Studio, llama.cpp, vLLM, OpenRouter) all answer with
 * `{ data: [{ id }] }`.
 */
export async function listModels(
  connection: ProviderConnection,
  options: ListModelsOptions = {},
): Promise<ModelInfo[]> {
  const fetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new ProviderTimeoutError(timeoutMs, 'response')), timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  const context = { connection, during: 'models' as const };
  const url = `${connection.baseURL}/models${connection.kind === 'anthropic' ? '?limit=1000' : ''}`;
  try {
    const response = await fetch(url, { headers: requestHeaders(connection), signal });
    const text = await response.text();
    if (!response.ok) {
      const headers = Object.fromEntries(response.headers.entries());
      throw new ProviderRequestError(describeHttpFailure(response.status, text, headers, context));
    }
    return parseModelList(text, connection);
  } catch (error) {
    if (error instanceof ProviderRequestError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    const cause = timeout.signal.aborted ? timeout.signal.reason : error;
    throw new ProviderRequestError(describeProviderError(cause, context));
  } finally {
    clearTimeout(timer);
  }
}

function parseModelList(text: string, connection: ProviderConnection): ModelInfo[] {
  let data: unknown;
  try {
    data = (JSON.parse(text) as { data?: unknown }).data;
  } catch {
    data = undefined;
  }
  if (!Array.isArray(data)) {
    throw new ProviderRequestError({
      reason: 'bad_response',
      transient: false,
      message: `${connection.name} answered ${connection.baseURL}/models with something that is not a model list. Check the base URL.`,
    });
  }
  const models: ModelInfo[] = [];
  for (const entry of data) {
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id.length === 0) continue;
    const name = (entry as { display_name?: unknown }).display_name;
    const inputs = listedInputs(entry);
    models.push({ id, ...(typeof name === 'string' && name !== id ? { name } : {}), ...(inputs ? { inputs } : {}) });
  }
  // Anthropic lists newest first, which is the useful order; OpenAI's order is arbitrary.
  return connection.kind === 'anthropic' ? models : models.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * What a listed model reads: OpenRouter and the gateways that copy it list
 * `architecture.input_modalities` (["text", "image", "file"]); undefined when the entry says nothing.
 */
function listedInputs(entry: unknown): ModelInput[] | undefined {
  const record = entry as { architecture?: { input_modalities?: unknown }; input_modalities?: unknown };
  const listed = record.architecture?.input_modalities ?? record.input_modalities;
  if (!Array.isArray(listed)) return undefined;
  return listed.flatMap((value) => {
    const parsed = ModelInput.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}
