import { AgentError, type Agent } from './types';

/** Used until a model provider is configured: every run ends with a clear error saying so. */
export const unconfiguredAgent: Agent = {
  // eslint-disable-next-line require-yield
  async *run() {
    throw new AgentError(
      'not_configured',
      'No model provider is configured yet. Add one in Settings, or set OPENAI_API_KEY (or ANTHROPIC_API_KEY) and restart Navi.',
    );
  },
};
