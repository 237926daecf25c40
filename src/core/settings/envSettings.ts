import { DEFAULT_INSTRUCTIONS } from '../../shared/contract/settings';
import type { ProviderConnection } from '../providers/providerConnection';
import { effectiveBaseUrl } from '../providers/providerConnection';

export type Env = Readonly<Record<string, string | undefined>>;

export const ENV_OPENAI_PROVIDER_ID = 'env-openai';
export const ENV_ANTHROPIC_PROVIDER_ID = 'env-anthropic';
export const ENV_PROFILE_ID = 'env-default';

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-5';

/** The profile the environment implies; `model` is missing when it cannot be guessed (set NAVI_MODEL). */
export interface EnvProfile {
  readonly id: string;
  readonly name: string;
  readonly systemPrompt: string;
  readonly providerId: string;
  readonly model: string | undefined;
}

export interface EnvSettings {
  readonly providers: readonly ProviderConnection[];
  readonly profile: EnvProfile | undefined;
}

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * Providers and a default profile from OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_API_KEY,
 * ANTHROPIC_BASE_URL and NAVI_MODEL, so Navi works with no setup step. These live in memory only:
 * nothing here is ever written to the database or any file.
 */
export function readEnvSettings(env: Env): EnvSettings {
  const providers: ProviderConnection[] = [];
  const openAiKey = read(env, 'OPENAI_API_KEY');
  const openAiBaseUrl = read(env, 'OPENAI_BASE_URL');
  if (openAiKey || openAiBaseUrl) {
    // A base URL without a key is a local server (Ollama, LM Studio …): no Authorization header then.
    const kind = openAiKey ? 'openai' : 'openai-compatible';
    providers.push({
      id: ENV_OPENAI_PROVIDER_ID,
      kind,
      name: openAiBaseUrl ? `OpenAI-compatible server (${effectiveBaseUrl(kind, openAiBaseUrl)})` : 'OpenAI',
      baseURL: effectiveBaseUrl(kind, openAiBaseUrl),
      apiKey: openAiKey,
      keySource: openAiKey ? 'env' : 'none',
      keyEnvVar: 'OPENAI_API_KEY',
    });
  }
  const anthropicKey = read(env, 'ANTHROPIC_API_KEY');
  if (anthropicKey) {
    providers.push({
      id: ENV_ANTHROPIC_PROVIDER_ID,
      kind: 'anthropic',
      name: 'Anthropic',
      baseURL: effectiveBaseUrl('anthropic', read(env, 'ANTHROPIC_BASE_URL')),
      apiKey: anthropicKey,
      keySource: 'env',
      keyEnvVar: 'ANTHROPIC_API_KEY',
    });
  }
  return { providers, profile: envProfile(providers, read(env, 'NAVI_MODEL')) };
}

function envProfile(providers: readonly ProviderConnection[], model: string | undefined): EnvProfile | undefined {
  const openAi = providers.find((provider) => provider.id === ENV_OPENAI_PROVIDER_ID);
  const anthropic = providers.find((provider) => provider.id === ENV_ANTHROPIC_PROVIDER_ID);
  const wantsClaude = model !== undefined && /^claude/i.test(model);
  const provider = (wantsClaude ? (anthropic ?? openAi) : (openAi ?? anthropic)) ?? undefined;
  if (!provider) return undefined;
  const fallbackModel =
    provider.kind === 'anthropic'
      ? DEFAULT_ANTHROPIC_MODEL
      : provider.kind === 'openai'
        ? DEFAULT_OPENAI_MODEL
        : undefined;
  return {
    id: ENV_PROFILE_ID,
    name: 'From environment',
    systemPrompt: DEFAULT_INSTRUCTIONS,
    providerId: provider.id,
    model: model ?? fallbackModel,
  };
}
