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
