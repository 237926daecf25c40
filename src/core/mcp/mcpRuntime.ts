import type { Database } from 'better-sqlite3';
import type { McpStatusChangedEvent } from '../../shared/contract/mcp';
import type { Clock, Logger } from '../ports';
import type { Secrets } from '../secrets/secrets';
import { createMcpService, type McpServiceImpl } from '../services/mcpService';
import type { ConfirmStdioCommands } from './commandConfirmation';
import type { Env } from '../settings/envSettings';
import type { ToolRegistry } from '../tools/toolRegistry';
import { McpManager, type McpManagerOptions } from './mcpManager';
import { McpServerConfigs } from './mcpServerConfigs';
import { McpServerStore } from './mcpServerStore';
import { McpOAuth } from './oauth/mcpOAuth';
import { OAuthRecordStore } from './oauth/oauthRecordStore';

export interface McpRuntimeOptions {
  /** The open Navi database (migrated to at least version 6). */
  readonly db: Database;
  readonly secrets: Secrets;
  /** The agent's tool registry: connected servers' tools are registered here. */
  readonly tools: ToolRegistry;
  /** Where status changes go: `bus.publish` in the core. */
  readonly publish: (event: McpStatusChangedEvent) => void;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Usually process.env: what stdio servers may inherit and what "${VAR}" values refer to. */
  readonly env: Env;
  /** Asks the person before a stdio server's program is added or changed (desktop only). */
  readonly confirmCommands?: ConfirmStdioCommands;
  /** Opens an OAuth sign-in page in the system browser (the desktop shell); elsewhere the window shows a link. */
  readonly openExternal?: (url: string) => Promise<void> | void;
  /** Timeouts, backoff and grace periods (tests shorten them). */
  readonly tuning?: Omit<McpManagerOptions, 'configs' | 'tools' | 'publish' | 'clock' | 'logger' | 'env'>;
}

export interface McpRuntime {
  /** The `mcp` service implementation, to serve as `contract.mcp`. */
  readonly service: McpServiceImpl;
  readonly manager: McpManager;
  readonly configs: McpServerConfigs;
  readonly oauth: McpOAuth;
  /** Ends every server (stdio processes are gone when it resolves); call it before closing the database. */
  dispose(): Promise<void>;
}

/** Builds MCP support for a core and connects the enabled servers. One per core. */
export function createMcpRuntime(options: McpRuntimeOptions): McpRuntime {
  const now = () => options.clock.now();
  const configs = new McpServerConfigs({
    store: new McpServerStore(options.db),
    secrets: options.secrets,
    env: options.env,
    now,
  });
  const oauth = new McpOAuth({
    store: new OAuthRecordStore(options.secrets),
    clock: options.clock,
    logger: options.logger,
    clientName: options.tuning?.clientInfo?.name ?? 'Navi',
    openExternal: options.openExternal,
  });
  const manager = new McpManager({
    ...options.tuning,
    oauth,
    configs,
    tools: options.tools,
    publish: options.publish,
    clock: options.clock,
    logger: options.logger,
    env: options.env,
  });
  manager.start();
  let disposed: Promise<void> | undefined;
  return {
    service: createMcpService({ configs, manager, oauth, now, confirmCommands: options.confirmCommands }),
    manager,
    configs,
    oauth,
    dispose: () =>
      (disposed ??= (async () => {
        await manager.dispose();
        oauth.dispose();
        configs.dispose();
      })()),
  };
}
