import { join } from 'node:path';
import type { AppEvent, NaviClient } from '../../src/shared/contract';
import { projectRoot } from './host';
import type { Seen } from './seen';

/** tests/fixtures/mcp/scriptedServer.mjs: tools `ping`, `add_tool`, `fail`, `hang`. */
export const SCRIPTED_MCP = join(projectRoot, 'tests', 'fixtures', 'mcp', 'scriptedServer.mjs');
/** The scripted server's `ping`, as the agent sees it when the server is named "Scripted". */
export const PING = 'mcp__scripted__ping';

/** Adds the scripted MCP server as "Scripted" through the `mcp` service and waits until it is connected. */
export async function addScriptedServer(api: NaviClient, appEvents: Seen<AppEvent>): Promise<string> {
  const server = await api.mcp.add({
    transport: 'stdio',
    name: 'Scripted',
    command: process.execPath,
    args: [SCRIPTED_MCP],
  });
  if (server.status.state !== 'connected') {
    await appEvents.waitFor(
      (event) =>
        event.type === 'mcp-status' && event.server.serverId === server.id && event.server.state === 'connected',
    );
  }
  return server.id;
}
