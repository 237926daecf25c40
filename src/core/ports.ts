import { cancelTurn, inLaterTurn, type TurnHandle } from './turns';

/** Where the core writes diagnostics; the shells decide where that goes. */
export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export const consoleLogger: Logger = {
  info: (message, ...details) => console.info(message, ...details),
  warn: (message, ...details) => console.warn(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};

export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>;

/** Time and timers, injected so tests can drive them. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /**
   * Runs `callback` in a later turn of the event loop, after the I/O that is waiting (in the app, in
   * line with the core's other turns, one per pass of the loop: turns.ts), and never in the same
   * turn as whatever asks. A 0 ms timer is not that: Node runs a timer that falls due while the
   * timers ahead of it run in the same pass, so work that re-arms one and takes over a millisecond
   * goes on back to back without a turn for windows' messages in between. Cancelled with
   * `clearTurn`. Clocks without it: a 0 ms timer.
   */
  nextTurn?(callback: () => void): TimerHandle;
  clearTurn?(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // Timers must never keep the process alive on their own (CLI exit, tests).
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  // In line with the core's other turns, one per pass of the loop (turns.ts); never keeps the process alive.
  nextTurn: (callback) => inLaterTurn(callback, { keepAlive: false }) as unknown as TimerHandle,
  clearTurn: (handle) => cancelTurn(handle as unknown as TurnHandle),
};

/**
 * What the shells show when a recall fired or gave up, or when its run waits for a person's OK to
 * run a tool (tray notification, Web Notification).
 */
export interface RecallNotification {
  /** `summary`: what quiet hours held, shown when they end. */
  readonly kind: 'fired' | 'failed' | 'approval' | 'summary';
  /** null for a summary. */
  readonly recallId: string | null;
  /** The conversation a click opens; null: a summary across conversations (a click opens Navi). */
  readonly sessionId: string | null;
  readonly sessionTitle: string;
  /** The reply's first line, or the error. */
  readonly text: string;
  /** A title of its own ("Navi needs your OK to run …"); otherwise the shell words it by kind. */
  readonly title?: string;
  /** The recall has a next run that Snooze can put off (a notification may offer the button). */
  readonly snoozable?: boolean;
}

export interface Notifier {
  notify(notification: RecallNotification): void;
}

/** The desktop shell reports sleep and wake; the scheduler re-checks at once on wake. */
export interface PowerMonitor {
  onSuspend(listener: () => void): { dispose(): void };
  onResume(listener: () => void): { dispose(): void };
}
