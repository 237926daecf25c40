import type { ModelInfo } from '../../shared/contract/settings';
import { listModels } from './listModels';
import type { FetchFunction, ProviderConnection } from './providerConnection';

/** What a model reads besides text, as far as Navi can tell. */
export interface ModelInputs {
  /** true: it reads images; false: it does not; undefined: not known (Navi sends them and lets the provider say). */
  readonly images: boolean | undefined;
  /** PDFs go as files (the provider reads them itself); otherwise as the text Navi extracted. */
  readonly pdfFiles: boolean;
  /** Models of the same provider known to read images, to suggest one. */
  readonly imageModels: readonly string[];
}

/** OpenAI's models that read images (and PDFs) in Chat Completions, and those that read text only. */
const OPENAI_VISION =
  /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo|gpt-4-vision|gpt-5|o1(?!-mini)|o3(?!-mini)|o4)/;
const OPENAI_TEXT_ONLY = /^(gpt-3\.5|gpt-4(-\d{4})?(-32k)?$|o1-mini|o3-mini|text-|davinci|babbage)/;
/** Claude reads images and PDFs since Claude 3. */
const ANTHROPIC_TEXT_ONLY = /^claude-(instant|1|2)/;

/**
 * What `model` reads: the provider's own model list when it says (OpenRouter-style
 * `input_modalities`), else what is known of OpenAI's and Anthropic's model families; other
 * OpenAI-compatible servers get PDFs as text and images as they are.
 */
export function modelInputs(
  connection: Pick<ProviderConnection, 'kind'>,
  model: string,
  listed: readonly ModelInfo[] | undefined,
): ModelInputs {
  const entry = listed?.find((candidate) => candidate.id === model);
  const readsImages = (id: string): boolean | undefined => {
    const inputs = listed?.find((candidate) => candidate.id === id)?.inputs;
    if (inputs) return inputs.includes('image');
    switch (connection.kind) {
      case 'openai':
        return OPENAI_VISION.test(id) ? true : OPENAI_TEXT_ONLY.test(id) ? false : undefined;
      case 'anthropic':
        return !ANTHROPIC_TEXT_ONLY.test(id);
      case 'openai-compatible':
        return undefined;
    }
  };
  const images = readsImages(model);
  const pdfFiles = entry?.inputs
    ? entry.inputs.includes('file')
    : connection.kind === 'anthropic'
      ? images === true
      : connection.kind === 'openai' && OPENAI_VISION.test(model);
  const imageModels = (listed ?? []).filter((candidate) => readsImages(candidate.id) === true).map(({ id }) => id);
  return { images, pdfFiles, imageModels };
}

export interface ModelCatalogOptions {
  readonly fetch?: FetchFunction;
  readonly now: () => number;
  /** How long a provider's list is reused. */
  readonly ttlMs?: number;
}

const DEFAULT_TTL_MS = 10 * 60_000;

/**
 * Providers' model lists, fetched when a message carries files and kept a while. A provider whose
 * list cannot be had counts as saying nothing (undefined): the request goes out and the provider
 * answers for itself.
 */
export class ModelCatalog {
  private readonly cache = new Map<string, { at: number; models: Promise<readonly ModelInfo[] | undefined> }>();

  constructor(private readonly options: ModelCatalogOptions) {}

  models(connection: ProviderConnection, signal?: AbortSignal): Promise<readonly ModelInfo[] | undefined> {
    const key = `${connection.id}\u0000${connection.baseURL}\u0000${connection.apiKey ?? ''}`;
    const now = this.options.now();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < (this.options.ttlMs ?? DEFAULT_TTL_MS)) return cached.models;
    const models = listModels(connection, { fetch: this.options.fetch, signal, timeoutMs: 10_000 }).catch(
      () => undefined,
    );
    this.cache.set(key, { at: now, models });
    // A failure is not kept: the next message asks again.
    void models.then((list) => {
      if (list === undefined && this.cache.get(key)?.models === models) this.cache.delete(key);
    });
    return models;
  }
}
