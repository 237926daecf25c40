import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createCore, type Core, type CoreOptions } from '../../src/core/core';
import { defaultRendererDir, startHost, type RunningHost } from '../../src/host/server';
import type { Logger } from '../../src/core/ports';
import type { Agent } from '../../src/core/agent/types';
import type { Env } from '../../src/core/settings/envSettings';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** A logger that keeps every line it is given (message and details), to assert what was logged. */
export function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, ...details: unknown[]): void => {
      const rest = details.map((detail) =>
        detail instanceof Error ? (detail.stack ?? detail.message) : String(detail),
      );
      lines.push([`${level}: ${message}`, ...rest].join(' '));
    };
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

export interface TestHost {
  readonly core: Core;
  readonly host: RunningHost;
  close(): Promise<void>;
}

/** A real core on a real SQLite file behind a real host on a free loopback port. */
export async function startTestHost(
  dataDir: string,
  options: {
    port?: number;
    token?: string;
    agent?: Agent;
    logger?: Logger;
    maxQueuedBytes?: number;
    /** The core's environment (provider variables, what MCP servers inherit); defaults to process.env. */
    env?: Env;
    /** More core options: a manual clock, a notifier … */
    core?: Partial<Omit<CoreOptions, 'dataDir' | 'agent' | 'logger' | 'env'>>;
  } = {},
): Promise<TestHost> {
  const { agent, logger = quietLogger, env, core: coreOptions, ...hostOptions } = options;
  const core = createCore({
    dataDir,
    version: '0.0.0-test',
    shell: 'browser',
    logger,
    agent,
    env,
    ...coreOptions,
  });
  const host = await startHost({
    services: core.services,
    rendererDir: defaultRendererDir(projectRoot),
    logger,
    ...hostOptions,
  });
  return {
    core,
    host,
    close: async () => {
      await host.close();
      await core.close();
    },
  };
}

/** Tries a WebSocket handshake and reports the HTTP status it was refused with, or 101. */
export function handshakeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolveStatus) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    socket.on('open', () => {
      socket.close();
      resolveStatus(101);
    });
    socket.on('unexpected-response', (_request, response) => resolveStatus(response.statusCode ?? 0));
    socket.on('error', () => resolveStatus(0));
  });
}
