import { afterEach } from 'vitest';
import type { AppEvent, ChatEvent, NaviClient } from '../../../src/shared/contract';
import type { Clock, RecallNotification } from '../../../src/core/ports';
import { startOpenAiFixture, type FixtureServer } from '../../fixtures';
import { startTestHost, type TestHost } from '../../helpers/host';
import { addScriptedServer } from '../../helpers/scriptedMcp';
import { Seen } from '../../helpers/seen';
import { socketClient } from '../../helpers/socketClient';
import { useTempDirs } from '../../helpers/tempDir';
import { fixtureEnv } from '../agent/harness';

export { PING } from '../../helpers/scriptedMcp';

export interface ApprovalHost {
  readonly fixture: FixtureServer;
  readonly running: TestHost;
  readonly notifications: RecallNotification[];
  /** A window: a client over its own WebSocket, with the app events it heard. */
  window(): { api: NaviClient; appEvents: Seen<AppEvent> };
  /** Adds the scripted MCP server as "Scripted" and waits until it is connected. */
  addScriptedServer(api: NaviClient, appEvents: Seen<AppEvent>): Promise<string>;
}

/** The events of one session as a window receives them (replay, then live). */
export function follow(api: NaviClient, sessionId: string, fromSeq = 1): Seen<ChatEvent> {
  const seen = new Seen<ChatEvent>();
  api.chat.subscribe({ sessionId, fromSeq }, (message) => {
    if (message.kind === 'events') message.events.forEach(seen.push);
  });
  return seen;
}

export const approvalEvent = (state: string) => (event: ChatEvent) =>
  event.type === 'tool-approval' && event.approval.state === state;

/** A real core behind the browser host, its agent on a scripted OpenAI-compatible server; all closed after each test. */
export function useApprovalHost(): (options?: { clock?: Clock }) => Promise<ApprovalHost> {
  const tempDir = useTempDirs();
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (options = {}) => {
    const fixture = await startOpenAiFixture();
    cleanups.push(() => fixture.close());
    const notifications: RecallNotification[] = [];
    const running = await startTestHost(tempDir(), {
      env: fixtureEnv(fixture),
      core: {
        clock: options.clock,
        notifier: { notify: (notification) => notifications.push(notification) },
      },
    });
    cleanups.push(() => running.close());
    const window = () => {
      const client = socketClient(running.host.port, running.host.token);
      cleanups.push(client.close);
      const appEvents = new Seen<AppEvent>();
      client.api.events.onAppEvent(undefined, appEvents.push);
      return { api: client.api, appEvents };
    };
    return {
      fixture,
      running,
      notifications,
      window,
      addScriptedServer,
    };
  };
}

/** The agent's streamed model calls the fixture received (title generation left out). */
export function modelCalls(fixture: FixtureServer) {
  return fixture.chatRequests().filter((request) => request.body?.stream === true);
}

/** The tool messages the model received in one chat request. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toolMessages(body: any): { tool_call_id: string; content: string }[] {
  return (body?.messages ?? []).filter((message: { role: string }) => message.role === 'tool');
}
