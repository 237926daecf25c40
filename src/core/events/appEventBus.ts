import type { AppEvent } from '../../shared/contract';
import { Emitter, type Event } from '../../shared/rpc';

/**
 * The in-process bus for app-wide updates (session list, recalls, MCP status). Core parts publish
 * and hook into it (recalls cancel on `session-deleted`); the transports forward it to every window.
 */
export class AppEventBus {
  private readonly emitter: Emitter<AppEvent>;

  constructor(onListenerError?: (error: unknown) => void) {
    this.emitter = new Emitter<AppEvent>(onListenerError);
  }

  readonly subscribe: Event<AppEvent> = (listener) => this.emitter.event(listener);

  publish(event: AppEvent): void {
    this.emitter.fire(event);
  }

  /** Listens to one kind of event only. */
  on<K extends AppEvent['type']>(type: K, listener: (event: Extract<AppEvent, { type: K }>) => void) {
    return this.emitter.event((event) => {
      if (event.type === type) listener(event as Extract<AppEvent, { type: K }>);
    });
  }

  get listenerCount(): number {
    return this.emitter.listenerCount;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
