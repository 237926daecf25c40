import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { FetchFunction, ProviderConnection } from './providerConnection';

/**
 * The AI SDK model for a provider and model id. Keys and base URLs are always passed explicitly: left
 * out, the SDK would read OPENAI_API_KEY etc. from `process.env` itself, bypassing the injected env.
 */
export function createLanguageModel(
  connection: ProviderConnection,
  model: string,
  fetch?: FetchFunction,
): LanguageModel {
  const apiKey = connection.apiKey ?? '';
  switch (connection.kind) {
    case 'openai':
      // Chat Completions rather than the Responses API: every OpenAI-compatible server speaks it too,
      // so OPENAI_BASE_URL can point at one.
      return createOpenAI({ apiKey, baseURL: connection.baseURL, fetch }).chat(model);
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'openaiCompatible',
        baseURL: connection.baseURL,
        apiKey: connection.apiKey,
        fetch,
        includeUsage: true,
      }).chatModel(model);
    case 'anthropic':
      return createAnthropic({ apiKey, baseURL: connection.baseURL, fetch })(model);
  }
}
