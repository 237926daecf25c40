import { SecretStoreUnavailableError, type Secrets } from './secrets';

export const NO_SECURE_STORE_MESSAGE =
  'This browser host has no secure key store, so Navi will not save API keys here. ' +
  'Set OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible server) or ANTHROPIC_API_KEY, ' +
  'plus NAVI_MODEL, in the environment before starting it, or use the desktop app.';

/**
 * For hosts with no secure store (the browser host): nothing is stored, so keys can only come from
 * the environment, and trying to save one fails with a message that says so.
 */
export function createEnvOnlySecrets(message: string = NO_SECURE_STORE_MESSAGE): Secrets {
  return {
    canStore: false,
    get: async () => undefined,
    set: async () => {
      throw new SecretStoreUnavailableError(message);
    },
    delete: async () => {},
  };
}
