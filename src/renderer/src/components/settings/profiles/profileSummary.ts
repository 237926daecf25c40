import type { McpServer, Profile, Provider } from '../../../../../shared/contract';

function listed(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

/** One line saying what a profile uses: model, provider, tools, MCP servers, missed runs. */
export function profileSummary(
  profile: Profile,
  providers: readonly Provider[],
  servers: readonly McpServer[] | undefined,
): string {
  const provider = providers.find((candidate) => candidate.id === profile.providerId);
  const model = `${profile.model || 'no model'} on ${provider?.name ?? 'a provider that no longer exists'}`;
  const tools = profile.enabledTools === null ? 'all tools' : `tools: ${listed(profile.enabledTools)}`;
  const mcp =
    profile.enabledMcpServers === null
      ? 'all MCP servers'
      : `MCP servers: ${listed(
          profile.enabledMcpServers.map(
            (id) => servers?.find((server) => server.id === id)?.name ?? 'a removed server',
          ),
        )}`;
  const missed =
    profile.recallMissedPolicy === 'skip' ? 'missed recall runs skipped' : 'missed recall runs caught up once';
  return [model, tools, mcp, missed].join(' · ');
}
