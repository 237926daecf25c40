import type { ConnectionTestResult } from '../../shared/contract/settings';
import { listModels, ProviderRequestError, type ListModelsOptions } from './listModels';
import type { ProviderConnection } from './providerConnection';

/**
 * "Test connection": lists the provider's models (which proves the URL and the key) and, when a
 * model is given, checks the provider knows it. Never throws for provider problems.
 */
export async function testConnection(
  connection: ProviderConnection,
  model: string | undefined,
  options: ListModelsOptions = {},
): Promise<ConnectionTestResult> {
  try {
    const models = await listModels(connection, options);
    if (model !== undefined && !models.some((entry) => entry.id === model)) {
      const sample = models
        .slice(0, 5)
        .map((entry) => entry.id)
        .join(', ');
      return {
        ok: false,
        reason: 'unknown_model',
        message:
          `Connected to ${connection.name}, but it does not offer the model "${model}".` +
          (sample ? ` It offers for example: ${sample}${models.length > 5 ? ', …' : ''}.` : ' It lists no models.'),
      };
    }
    const count = `${models.length} model${models.length === 1 ? '' : 's'}`;
    return { ok: true, models: models.length, message: `Connected to ${connection.name}: ${count} available.` };
  } catch (error) {
    if (!(error instanceof ProviderRequestError)) throw error;
    const { reason, message } = error.failure;
    switch (reason) {
      case 'bad_request':
      case 'stream_cut':
      case 'malformed':
      case 'provider_error':
        return { ok: false, reason: reason === 'malformed' ? 'bad_response' : 'http_error', message };
      default:
        return { ok: false, reason, message };
    }
  }
}
