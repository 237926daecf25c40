import type { settingsService } from '../../shared/contract/settings';
import { RpcError } from '../../shared/rpc/errors';
import type { ServiceImpl } from '../../shared/rpc/service';
import { listModels, ProviderRequestError } from '../providers/listModels';
import type { FetchFunction } from '../providers/providerConnection';
import { testConnection } from '../providers/testConnection';
import type { AgentSettings } from '../settings/agentSettings';
import type { ToolRegistry } from '../tools/toolRegistry';

export type SettingsServiceImpl = ServiceImpl<typeof settingsService>;

export interface SettingsServiceOptions {
  readonly settings: AgentSettings;
  readonly fetch?: FetchFunction;
  /** The tools registered now (built-in ones are listed for profiles). */
  readonly tools: ToolRegistry;
}

/** The `settings` service: a thin mapping from the contract onto AgentSettings and the provider calls. */
export function createSettingsService({ settings, fetch, tools }: SettingsServiceOptions): SettingsServiceImpl {
  return {
    listProviders: () => settings.listProviders(),
    addProvider: (input) => settings.addProvider(input),
    updateProvider: (input) => settings.updateProvider(input),
    removeProvider: async ({ id }) => ({ removed: await settings.removeProvider(id) }),
    testConnection: async (input, context) => {
      const connection =
        input.draft !== undefined
          ? settings.draftConnection(input.draft)
          : await settings.connection(input.providerId!);
      return testConnection(connection, input.model, { fetch, signal: context.signal });
    },
    listModels: async ({ providerId }, context) => {
      const connection = await settings.connection(providerId);
      try {
        return { models: await listModels(connection, { fetch, signal: context.signal }) };
      } catch (error) {
        // Transient problems read "try again"; the rest mean the provider's settings need a look.
        if (error instanceof ProviderRequestError) {
          throw new RpcError(error.failure.transient ? 'busy' : 'invalid_input', error.message);
        }
        throw error;
      }
    },
    listProfiles: () => settings.listProfiles(),
    listTools: () =>
      tools
        .list()
        .filter((tool) => tool.source?.kind !== 'mcp')
        .map(({ name, description }) => ({ name, description })),
    saveProfile: (input) => settings.saveProfile(input),
    deleteProfile: ({ id }) => ({ deleted: settings.deleteProfile(id) }),
    setDefaultProfile: ({ id }) => settings.setDefaultProfile(id),
    getGeneral: () => settings.general(),
    updateGeneral: (input) => settings.updateGeneral(input),
    onChanged: () => settings.onChanged,
  };
}
