import { openDatabase, type OpenedDatabase } from '../../src/core/db/database';
import { AppEventBus } from '../../src/core/events/appEventBus';
import { Orchestrator, type OrchestratorOptions } from '../../src/core/sessions/orchestrator';
import { SessionStore } from '../../src/core/store/sessionStore';
import type { ChatEvent, ChatStreamMessage } from '../../src/shared/contract';
import type { Agent } from '../../src/core/agent/types';
import { ManualClock } from './manualClock';
import { quietLogger } from './host';

export interface OrchestratorHarness {
  readonly database: OpenedDatabase;
  readonly store: SessionStore;
  readonly bus: AppEventBus;
  readonly clock: ManualClock;
  readonly orchestrator: Orchestrator;
  close(): Promise<void>;
}

/** A real orchestrator on a real SQLite file, with a manual clock for the coalescing timers. */
export function createHarness(
  file: string,
  agent: Agent,
  options: Partial<Pick<OrchestratorOptions, 'bufferCapacity' | 'coalescing' | 'titleGenerator'>> = {},
): OrchestratorHarness {
  const database = openDatabase(file);
  const clock = new ManualClock();
  const store = new SessionStore(database.db, () => clock.now());
  const bus = new AppEventBus();
  const orchestrator = new Orchestrator({ store, agent: () => agent, bus, logger: quietLogger, clock, ...options });
  return {
    database,
    store,
    bus,
    clock,
    orchestrator,
    close: async () => {
      await orchestrator.close(100);
      database.close();
    },
  };
}

/** Records what one subscriber receives. */
export class RecordingSink {
  readonly messages: ChatStreamMessage[] = [];
  congested = false;

  deliver = (message: ChatStreamMessage): void => {
    this.messages.push(message);
  };

  isCongested = (): boolean => this.congested;

  get events(): ChatEvent[] {
    return this.messages.flatMap((m) => (m.kind === 'events' ? m.events : []));
  }

  get text(): string {
    return this.events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
  }

  get terminals(): ChatEvent[] {
    return this.events.filter((e) => e.type === 'run-completed' || e.type === 'run-stopped' || e.type === 'run-error');
  }

  get reloaded(): boolean {
    return this.messages.some((m) => m.kind === 'reload');
  }
}
