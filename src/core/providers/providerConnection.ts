import type { KeySource, ProviderKind } from '../../shared/contract/settings';

/** Everything needed to talk to one provider, key included. Lives in memory only, never crosses the contract. */
export interface ProviderConnection {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly name: string;
  /** Effective base URL, without a trailing slash. */
  readonly baseURL: string;
  readonly apiKey: string | undefined;
  readonly keySource: KeySource;
  /** Which environment variable holds the key, for error hints (env providers only). */
  readonly keyEnvVar?: string;
}

export type FetchFunction = typeof globalThis.fetch;

export const DEFAULT_BASE_URLS: Readonly<Record<ProviderKind, string | undefined>> = {
  openai: 'https://api.openai.com/v1',
  'openai-compatible': undefined,
  anthropic: 'https://api.anthropic.com/v1',
};

export const KIND_LABELS: Readonly<Record<ProviderKind, string>> = {
  openai: 'OpenAI',
  'openai-compatible': 'OpenAI-compatible',
  anthropic: 'Anthropic',
};

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The URL requests go to: the one given, or the kind's default. */
export function effectiveBaseUrl(kind: ProviderKind, baseURL: string | null | undefined): string {
  return withoutTrailingSlash(baseURL ?? DEFAULT_BASE_URLS[kind] ?? '');
}

/** What a person should check when a key is rejected, depending on where the key came from. */
export function keyHint(connection: Pick<ProviderConnection, 'keySource' | 'keyEnvVar'>): string {
  switch (connection.keySource) {
    case 'env':
      return `Check ${connection.keyEnvVar ?? 'the API key variable'} in the environment Navi was started with.`;
    case 'stored':
      return 'Check the key in Settings.';
    case 'none':
      return 'This provider has no API key; add one in Settings.';
  }
}
