import type { AppInfo, NaviServices } from '../shared/contract';
import type { Agent } from './agent/types';
import { unconfiguredAgent } from './agent/unconfiguredAgent';
import { openDatabase } from './db/database';
import { AppEventBus } from './events/appEventBus';
import { databaseFile } from './paths';
import { consoleLogger, systemClock, type Clock, type Logger } from './ports';
import { createAppService } from './services/appService';
import { createChatService } from './services/chatService';
import { createEventsService } from './services/eventsService';
import { createSessionsService } from './services/sessionsService';
import { Orchestrator } from './sessions/orchestrator';
import { SessionStore } from './store/sessionStore';

export interface CoreOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly shell: AppInfo['shell'];
  readonly nativeBinding?: string;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Replaces the configured agent (tests drive runs with their own). */
  readonly agent?: Agent;
}

export interface Core {
  readonly services: NaviServices;
  readonly logger: Logger;
  readonly bus: AppEventBus;
  readonly store: SessionStore;
  readonly orchestrator: Orchestrator;
  /** Stops runs (their partial replies are stored), then closes the database. */
  close(): Promise<void>;
}

/** Builds Navi's core once per process; the desktop shell and the browser host serve its services. */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? consoleLogger;
  const clock = options.clock ?? systemClock;
  const file = databaseFile(options.dataDir);
  const database = openDatabase(file, { nativeBinding: options.nativeBinding });
  const bus = new AppEventBus((error) => logger.error('App event listener failed:', error));
  const store = new SessionStore(database.db, () => clock.now());
  const agent = options.agent ?? unconfiguredAgent;
  const orchestrator = new Orchestrator({ store, agent: () => agent, bus, logger, clock });

  const services: NaviServices = {
    app: createAppService({
      name: 'Navi',
      version: options.version,
      dataDir: options.dataDir,
      databaseFile: file,
      schemaVersion: database.schemaVersion,
      shell: options.shell,
    }),
    sessions: createSessionsService(store, orchestrator),
    chat: createChatService(orchestrator),
    events: createEventsService(bus),
  };

  let closed: Promise<void> | undefined;
  return {
    services,
    logger,
    bus,
    store,
    orchestrator,
    close: () =>
      (closed ??= (async () => {
        await orchestrator.close();
        bus.dispose();
        database.close();
      })()),
  };
}
