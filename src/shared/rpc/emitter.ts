import { toDisposable, type Disposable } from './disposable';

export type Listener<T> = (value: T) => void;
/** Subscribe to a stream of values; the returned disposable unsubscribes. */
export type Event<T> = (listener: Listener<T>) => Disposable;

/** A typed event source. A throwing listener is reported and never stops the others. */
export class Emitter<T> implements Disposable {
  private listeners = new Set<Listener<T>>();

  constructor(private readonly onListenerError: (error: unknown) => void = defaultListenerError) {}

  readonly event: Event<T> = (listener) => {
    // Wrap so the same function can subscribe twice and each disposable removes only its own.
    const entry: Listener<T> = (value) => listener(value);
    this.listeners.add(entry);
    return toDisposable(() => this.listeners.delete(entry));
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}

function defaultListenerError(error: unknown): void {
  console.error('Listener failed:', error);
}
